"""/steckbriefe/ and /steckbriefe/steckbriefe.pdf: every published profile, nothing withheld, every script readable."""

from __future__ import annotations

import dataclasses
import datetime
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import make_project, minimal_profile

from mso import config, pdf
from mso.pipeline import load_directory
from mso.views import PageSpec, Site, steckbriefe

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path, *pages: int) -> str:
    """pdftotext output as one line: whitespace collapsed, bidi controls poppler adds removed."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    text = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFC", " ".join(BIDI_CONTROLS.sub("", text).split()))


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def brochure_pdf(built_site) -> Path:
    path = built_site / "steckbriefe" / "steckbriefe.pdf"
    assert path.is_file(), "the build makes the PDF unless MSO_PDF=0"
    return path


def test_pdf_has_every_published_name_and_no_withheld_one(brochure_pdf, directory):
    text = pdf_text(brochure_pdf)
    for entry in directory.entries:
        assert one_line(entry.name) in text
    withheld = [r for r in directory.records if not r.published]
    assert withheld, "the demo data should include withheld profiles"
    for record in withheld:
        assert one_line(record.name) not in text, record.slug


def test_pdf_is_tagged_with_title_and_a_page_per_steckbrief(brochure_pdf, directory):
    info = pdf_info(brochure_pdf)
    assert info["Tagged"] == "yes"
    assert int(info["Pages"]) >= directory.counts.veroeffentlicht
    assert info["Title"] == steckbriefe.title(directory)
    assert info["Page size"].endswith("(A4)")
    assert info["CreationDate"].startswith("Sun Nov 22 00:00:00 2026")  # the Stichtag, not the clock


def test_cover_count_is_the_published_count(brochure_pdf, directory):
    cover = pdf_text(brochure_pdf, 1)
    assert f"{directory.counts.veroeffentlicht} Steckbriefe" in cover
    assert directory.settings.stichtag_text in cover


def test_table_of_contents_gives_page_numbers(brochure_pdf, directory):
    first = directory.entries[0]
    toc = pdf_text(brochure_pdf, 3)
    page = int(re.search(re.escape(one_line(first.name)) + r" (\d+)", toc).group(1))
    assert pdf_text(brochure_pdf, page).count(one_line(first.name)) >= 1
    assert f"Online: {directory.settings.site_url}vereine/{first.slug}/" in pdf_text(brochure_pdf, page)


def test_web_page_has_the_brochure_and_links_the_pdf(built_site, directory):
    html = (built_site / "steckbriefe" / "index.html").read_text(encoding="utf-8")
    assert 'href="../steckbriefe/steckbriefe.pdf"' in html
    assert f'data-count="{directory.counts.veroeffentlicht}"' in html
    assert html.count('class="mso-steckbrief"') == directory.counts.veroeffentlicht
    assert html.count("<svg role=\"img\"") == directory.counts.veroeffentlicht
    for entry in directory.entries:
        assert f'href="#steckbrief-{entry.slug}"' in html and f'id="steckbrief-{entry.slug}"' in html
    for record in directory.records:
        if not record.published:
            assert f"steckbrief-{record.slug}\"" not in html
    assert '<div class="mso-steckbrief__text" lang="ar" dir="rtl">' in html
    assert (built_site / "steckbriefe" / "broschuere.css").is_file()


def test_web_page_has_its_own_heading_and_states_pages_and_size_of_the_pdf(built_site, brochure_pdf):
    html = (built_site / "steckbriefe" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h1[ >]", html)) == 1 and "<h1>Steckbriefe</h1>" in html
    link = re.search(r'<a [^>]*href="../steckbriefe/steckbriefe.pdf"[^>]*>(.*?)</a>', html, flags=re.S).group(1)
    pages, size = int(pdf_info(brochure_pdf)["Pages"]), brochure_pdf.stat().st_size
    assert re.sub("<[^>]+>", "", link) == f"Broschüre als PDF herunterladen (PDF, {pages} Seiten, {round(size / 1024)} KB)"


def test_extent_in_words(tmp_path):
    path = tmp_path / "x.pdf"
    pdf.write_pdf('<html lang="de"><title>x</title><p>Eine Seite.</p></html>', path, title="x", lang="de",
                  date=datetime.date(2026, 11, 22), base_url=tmp_path)
    assert re.fullmatch(r"PDF, 1 Seite, \d+ KB", pdf.extent(path))
    path.write_bytes(path.read_bytes() + b"%" * 3 * 1024 * 1024)  # padding after %%EOF: still readable
    assert re.fullmatch(r"PDF, 1 Seite, 3,\d MB", pdf.extent(path))


def test_names_keep_e_v_together(built_site, directory):
    entry = next(e for e in directory.entries if "e. V." in e.name)
    profile = (built_site / "vereine" / entry.slug / "index.html").read_text(encoding="utf-8")
    brochure = (built_site / "steckbriefe" / "index.html").read_text(encoding="utf-8")
    shown = entry.name.replace("e. V.", "e.\u00a0V.")
    assert f'<h1 data-pagefind-weight="10"><bdi>{shown}</bdi></h1>' in profile  # the name weighs most in the site search
    assert f"><bdi>{shown}</bdi></a></h2>" in brochure and "e. V.</bdi>" not in brochure


def test_each_steckbrief_writes_out_every_public_field(built_site, directory):
    from markupsafe import escape

    html = (built_site / "steckbriefe" / "index.html").read_text(encoding="utf-8")
    sheets = dict(re.findall(r'<article class="mso-steckbrief" id="steckbrief-([a-z0-9-]+)"(.*?)</article>', html,
                             flags=re.S))
    for entry in directory.entries:
        sheet = one_line(sheets[entry.slug])  # names keep "e. V." together with a no-break space
        expected = [entry.name, entry.kurzname, entry.oeffnungszeiten, entry.vereinsregister, *entry.angebote,
                    *entry.kontakt.get("social", ()), *(entry.kontakt.get(k, "") for k in ("email", "telefon",
                                                                                              "website")),
                    *entry.adresse.values(), str(entry.gegruendet or "")]
        for person in entry.ansprechpersonen:
            expected += [person.name, person.funktion, person.email, person.telefon]
        for value in filter(None, expected):
            assert one_line(str(escape(value))) in sheet, (entry.slug, value)
        assert f"{directory.settings.site_url}vereine/{entry.slug}/" in sheet  # printed and in the QR code's title


def test_web_page_is_kept_out_of_the_search_index(built_site):
    from test_search import pagefind_pages

    assert not [url for url in pagefind_pages(built_site) if url.startswith("/steckbriefe/")]


@pytest.fixture
def small_project(tmp_path):
    profiles = {
        "arabisch": minimal_profile("جمعية الأمل الثقافية", sprachen=["ar", "de"],
                                    beschreibung={"de": "Ein Kulturverein.", "ar": "جمعية ثقافية للعائلات"}),
        "kyrillisch": minimal_profile("Культурный центр Радуга", sprachen=["ru"]),
        "griechisch": minimal_profile("Ελληνική Κοινότητα Μπίλεφελντ", sprachen=["el"]),
        "geez": minimal_profile("Verein Selam", kurzname="ሰላም", sprachen=["ti"]),
        "geheim": minimal_profile("Geheimer Verein Ohne Zustimmung", veroeffentlichen=False),
    }
    project = make_project(tmp_path / "p", profiles)
    settings = config.from_mkdocs_file(project / "mkdocs.yml")
    directory = load_directory(settings)
    return project, directory, Site(directory)


def test_other_scripts_come_out_as_they_went_in(small_project, caplog):
    project, directory, build = small_project
    site = project / "site"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.verzeichnis"):
        steckbriefe.post_build(build, site)
    path = site / steckbriefe.PDF
    text = pdf_text(path)
    for name in ("جمعية الأمل الثقافية", "Культурный центр Радуга", "Ελληνική Κοινότητα Μπίλεφελντ", "ሰላም"):
        assert name in text
    assert "Geheimer Verein" not in text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "no missing fonts, no WeasyPrint errors"
    assert any("Seiten" in r.getMessage() for r in caplog.records), "progress goes to the log"

    # Reproducible: rendered again without the cache, the bytes are the same.
    first = path.read_bytes()
    shutil.rmtree(project / steckbriefe.CACHE)
    steckbriefe.post_build(Site(directory), site)  # a new build
    assert path.read_bytes() == first

    # Unchanged inputs: the PDF comes from the cache.
    path.unlink()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.verzeichnis"):
        steckbriefe.post_build(Site(directory), site)
    assert path.read_bytes() == first
    assert any("Zwischenspeicher" in r.getMessage() for r in caplog.records)


def test_mso_pdf_0_skips_the_pdf_and_says_so(small_project, caplog):
    project, directory, _ = small_project
    settings = dataclasses.replace(directory.settings, pdf=False)
    directory = load_directory(settings)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.verzeichnis"):
        steckbriefe.post_build(Site(directory), project / "site")
    assert not (project / "site" / steckbriefe.PDF).exists()
    assert any("übersprungen" in r.getMessage() for r in caplog.records)
    build = Site(directory)
    page = next(o for o in steckbriefe.outputs(build) if isinstance(o, PageSpec))
    assert "steckbriefe.pdf" not in build.renderer.page(page), "no link to a PDF that was not built"


def test_installed_fonts_cover_the_scripts_of_the_data(directory):
    text = steckbriefe.document(Site(directory))
    assert pdf.missing_scripts(text, pdf.installed_fonts()) == {}, "install fonts-noto-core"


def test_missing_fonts_give_a_german_warning(monkeypatch, caplog):
    monkeypatch.setattr(pdf, "installed_fonts", lambda families=pdf.FONT_STACK: [])
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.verzeichnis.pdf"):
        pdf.check_fonts("Привет مرحبا")
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "Cyrillic" in messages and "Arabic" in messages and "als Kästchen" in messages


def test_the_renderer_fetches_nothing_from_the_network(tmp_path):
    from weasyprint.urls import FatalURLFetchingError

    html = '<html lang="de"><body><img src="https://example.org/x.png" alt="x"></body></html>'
    with pytest.raises(FatalURLFetchingError):
        pdf.write_pdf(html, tmp_path / "x.pdf", title="x", lang="de", date=datetime.date(2026, 11, 22),
                      base_url=tmp_path)


def test_qr_code_on_a_printed_steckbrief_leads_to_the_online_profile(brochure_pdf, directory, tmp_path):
    """Decode the printed QR code as a phone would (zbarimg from Debian's zbar-tools)."""
    if shutil.which("zbarimg") is None:
        if os.environ.get("CI"):
            pytest.fail("zbarimg fehlt: .ci/run installiert zbar-tools.", pytrace=False)
        pytest.skip("zbarimg fehlt (Debian: apt-get install zbar-tools); der QR-Code wird nicht gelesen.")
    first = directory.entries[0]
    page = next(p for p in range(1, int(pdf_info(brochure_pdf)["Pages"]) + 1)
                if f"Online: {directory.settings.site_url}vereine/{first.slug}/" in pdf_text(brochure_pdf, p))
    subprocess.run(["pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-png", str(brochure_pdf),
                    str(tmp_path / "seite")], check=True)
    image = next(tmp_path.glob("seite*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True).stdout.split()
    assert decoded == [f"{directory.settings.site_url}vereine/{first.slug}/"]


def test_above_the_limit_the_brochure_comes_in_one_part_per_stadtbezirk(directory):
    """One brochure of 10,000 Steckbriefe would be 10,000 pages: above `broschuere_ganz_bis` each Stadtbezirk
    gets its part, and steckbriefe.pdf names every association and its part."""
    from markupsafe import escape

    split = load_directory(dataclasses.replace(directory.settings, broschuere_ganz_bis=10))
    build = Site(split)
    build.once("steckbriefe.pdf", dict)  # the pages without making the PDFs: their extent stays unstated
    documents = steckbriefe.documents(build)
    parts = steckbriefe.parts(split)
    assert [path for path, _, _ in documents] == [steckbriefe.PDF] + [steckbriefe.part_pdf(s) for _, s, _ in parts]
    counted = 0
    for (path, title, html), (name, slug, entries) in zip(documents[1:], parts):
        steckbriefe_in = re.findall(r'<article class="mso-steckbrief" id="steckbrief-([a-z0-9-]+)"', html)
        assert steckbriefe_in == [e.slug for e in entries] and all(e.stadtbezirk == name for e in entries)
        assert name in title
        counted += len(steckbriefe_in)
    assert counted == split.counts.veroeffentlicht
    register = documents[0][2]
    assert '<article class="mso-steckbrief"' not in register
    assert f'data-count="{split.counts.veroeffentlicht}"' in register
    for entry in split.entries:
        assert str(escape(entry.name)).replace("e. V.", "e.\u00a0V.") in register
    pages = {o.path: o for o in steckbriefe.outputs(build) if isinstance(o, PageSpec)}
    assert set(pages) == {steckbriefe.SRC} | {f"steckbriefe/{slug}.md" for _, slug, _ in parts}
    overview = build.renderer.page(pages[steckbriefe.SRC])
    for _, slug, _ in parts:
        assert f'href="../steckbriefe/{slug}/"' in overview and steckbriefe.part_pdf(slug) in overview


def test_up_to_the_limit_there_is_one_brochure(directory):
    assert [path for path, _, _ in steckbriefe.documents(Site(directory))] == [steckbriefe.PDF]
