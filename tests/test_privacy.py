"""Privacy by construction: nothing unpublished or internal reaches any file of the built site.

The leak test builds the real project (demo data, PDF included) plus canary profiles, each carrying
a unique marker in every field it has: a withheld profile, a profile hidden as stale, a dissolved one,
and a published one whose `intern` note and a person's consent date carry markers of their own. Then
it searches every file of the site – HTML, search index, sitemap, JSON, CSV, SVG, the PDF's text –
for the markers. A published control profile proves the search itself finds what is there.
"""

from __future__ import annotations

import ast
import dataclasses
import gzip
import html
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, build, make_project, minimal_profile, write_profiles

# Each marker is unique in the data and survives HTML, JSON, CSV, search indexing and PDF text.
WITHHELD, INTERN, STALE, DISSOLVED = "qxwithheld7k", "qxintern4m", "qxstale9p", "qxdissolved2v"
PERSON_ONLY, VISIBLE = "qxconsentperson5t", "qxvisible3h"
CONSENT_DATE = "2020-02-29"  # a person's einwilligung: a fact for staff, never published
CONSENT_DATE_FORMS = (CONSENT_DATE, "29. Februar 2020", "29.02.2020", "2020-02-29T")
SECRETS = (WITHHELD, INTERN, STALE, DISSOLVED)


def canary(marker: str, **fields) -> dict:
    """A complete profile with the marker in every free-text field, contact and address."""
    values = dict(
        kurzname=marker.upper(),
        beschreibung=f"Wir sind der Verein {marker}. Mehr unter [{marker}](https://{marker}.example/).",
        angebote=[f"Angebot {marker}"], oeffnungszeiten=f"Dienstags {marker}",
        kontakt={"email": f"{marker}@example.org", "website": f"https://{marker}.example/",
                 "social": [f"https://social.example/{marker}"]},
        adresse={"strasse": f"{marker.title()}weg 1", "plz": "33602", "ort": "Bielefeld"},
        ansprechpersonen=[{"name": f"Person {marker}", "funktion": "Vorsitz", "email": f"p-{marker}@example.org",
                           "einwilligung": "2026-01-10"}],
        vereinsregister=f"VR {marker}", barrierefrei=f"Rampe {marker}")
    return minimal_profile(f"Kanarienverein {marker} e. V.", **{**values, **fields})


CANARIES = {
    f"kanarie-{WITHHELD}": canary(WITHHELD, veroeffentlichen=False),
    f"kanarie-{STALE}": canary(STALE, stand="2024-01-15"),  # more than 24 months before the Stichtag
    f"kanarie-{DISSOLVED}": canary(DISSOLVED, status="aufgeloest"),
    f"kanarie-{VISIBLE}": canary(
        VISIBLE, intern={"notiz": f"Kassenwart {INTERN}", "liste": [f"{INTERN}@intern.example"]},
        ansprechpersonen=[{"name": f"Person {VISIBLE}", "funktion": "Vorsitz", "einwilligung": CONSENT_DATE}]),
}


def pdf_expected() -> bool:
    """Once the brochure view renders the PDF, the leak test must read it."""
    from mso.views import steckbriefe

    return hasattr(steckbriefe, "post_build")


def readable_text(path: Path) -> str:
    """What a person or a program could read out of a file: raw bytes, plus unpacked or extracted text."""
    raw = path.read_bytes()
    parts = [raw.decode("utf-8", errors="replace")]
    if raw[:2] == b"\x1f\x8b":  # .gz, and Pagefind's index files
        parts.append(gzip.decompress(raw).decode("utf-8", errors="replace"))
    if path.suffix == ".pdf":
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
        parts.append(result.stdout.decode("utf-8"))
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True)
        parts.append(info.stdout.decode("utf-8", errors="replace"))
    return "\n".join(parts).casefold()


@pytest.fixture(scope="module")
def canary_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("leak") / "project", None)
    write_profiles(project / "organisations", CANARIES)
    site = project / "site"
    result = build(project, site, MSO_PDF="1")
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def site_text(canary_site) -> dict[str, str]:
    return {path.relative_to(canary_site).as_posix(): readable_text(path)
            for path in sorted(canary_site.rglob("*")) if path.is_file()}


def hits(site_text: dict[str, str], needle: str) -> list[str]:
    return [name for name, text in site_text.items() if needle.casefold() in text]


@pytest.mark.parametrize("marker", SECRETS)
def test_unpublished_and_internal_data_appear_in_no_file(site_text, marker):
    assert hits(site_text, marker) == []


def test_consent_date_of_a_person_is_never_published(site_text):
    for form in CONSENT_DATE_FORMS:
        assert hits(site_text, form) == [], form


def test_the_search_finds_what_is_published(site_text, canary_site):
    """Control: the published canary is found everywhere it belongs, so 0 hits above mean something."""
    found = set(hits(site_text, VISIBLE))
    assert f"vereine/kanarie-{VISIBLE}/index.html" in found
    assert "vereine/index.html" in found
    assert any(name.startswith("pagefind/fragment/") for name in found)
    assert "sitemap.xml" in found and "sitemap.xml.gz" in found
    for export in ("daten/vereine.json", "daten/vereine.csv"):
        if (canary_site / export).exists():
            assert export in found
    assert f"Person {VISIBLE}".casefold() in site_text[f"vereine/kanarie-{VISIBLE}/index.html"]


def test_the_pdf_is_searched_once_the_brochure_exists(canary_site, site_text):
    pdfs = sorted(canary_site.rglob("*.pdf"))
    if pdf_expected():
        assert pdfs, "the brochure view has post_build, so the built site must contain its PDF"
    for pdf in pdfs:
        text = site_text[pdf.relative_to(canary_site).as_posix()]
        assert VISIBLE in text, f"{pdf.name}: the published canary is missing, so the PDF text was not read"


def test_withheld_stale_and_dissolved_profiles_have_no_page(canary_site):
    for slug in CANARIES:
        if VISIBLE not in slug:
            assert not (canary_site / "vereine" / slug).exists()
    assert (canary_site / "vereine" / f"kanarie-{VISIBLE}" / "index.html").is_file()


def test_404_page_and_titles_do_not_name_unpublished_profiles(site_text):
    """Explicitly, because these are generated by the theme rather than by our views."""
    titles = {name: re.findall(r"<title>(.*?)</title>", text, re.S) for name, text in site_text.items()
              if name.endswith(".html")}
    for marker in SECRETS:
        assert not any(marker in " ".join(found) for found in titles.values())
    assert all(marker not in site_text["404.html"] for marker in SECRETS)


# The allow-list itself. A new field on Entry or Person is a publishing decision: review it, then add it here.
ENTRY_FIELDS = {
    "slug", "name", "kurzname", "stand", "faellig", "status", "stadtbezirk", "beschreibung", "themen", "sprachen",
    "zielgruppen", "herkunft", "adresse", "oeffnungszeiten", "kontakt", "ansprechpersonen", "angebote",
    "gegruendet", "rechtsform", "vereinsregister", "netzwerk_mo", "barrierefrei",
}
PERSON_FIELDS = {"name", "funktion", "email", "telefon"}


def test_entry_publishes_only_the_reviewed_fields():
    from mso.model import Entry, Person

    assert {f.name for f in dataclasses.fields(Entry)} == ENTRY_FIELDS
    assert {f.name for f in dataclasses.fields(Person)} == PERSON_FIELDS
    assert "intern" not in ENTRY_FIELDS and "einwilligung" not in PERSON_FIELDS | ENTRY_FIELDS


def test_entries_never_carry_internal_data(directory):
    """Walk every value of every published entry of the demo data: no `intern` text, no consent date."""
    def strings(value):
        if dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                yield from strings(getattr(value, f.name))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield str(key)
                yield from strings(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from strings(item)
        elif value is not None:
            yield str(value)

    internal = [r.data["intern"] for r in directory.records if r.data.get("intern")]
    assert internal, "the demo data should include `intern` notes"
    published = "\n".join(s for entry in directory.entries for s in strings(entry))
    for note in internal:
        for text in strings(note):
            assert text not in published
    for record in directory.records:
        for person in record.data.get("ansprechpersonen", []):
            entry = directory.entry(record.slug)
            if entry is not None:
                assert all(not hasattr(p, "einwilligung") for p in entry.ansprechpersonen)
                assert person.get("einwilligung") is not None


VIEW_SOURCES = sorted((ROOT / "hooks" / "mso" / "views").rglob("*.py")) + \
    sorted((ROOT / "hooks" / "mso" / "templates").rglob("*.html"))
# Staff-only parts of the model: views get published Entries and Counts, never raw records.
STAFF_ONLY_ATTRIBUTES = {"records", "due"}
STAFF_ONLY_NAMES = {"Record"}


def staff_only_uses(source: Path) -> list[str]:
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".html":
        return re.findall(r"\.(?:records|due)\b", re.sub(r"\{#.*?#\}", "", text, flags=re.S))
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Attribute) and node.attr in STAFF_ONLY_ATTRIBUTES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in STAFF_ONLY_NAMES:
            found.append(f"line {node.lineno}: {node.id}")
        elif isinstance(node, ast.ImportFrom):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names if a.name in STAFF_ONLY_NAMES]
    return found


@pytest.mark.parametrize("source", VIEW_SOURCES, ids=lambda p: p.name)
def test_views_read_only_published_entries(source):
    assert staff_only_uses(source) == [], \
        f"{source.name} reads staff-only data; use Directory.entries, counts and facets instead"


PRIVACY_SETTINGS = ("datenschutz_verantwortlich", "datenschutzbeauftragter", "aufsichtsbehoerde", "hoster", "protokolle")


def test_datenschutz_page_says_who_is_responsible_from_the_configuration(built_site):
    from mso import config
    from mso.placeholders import privacy_values

    settings = config.from_mkdocs_file(ROOT / "mkdocs.yml")
    page = html.unescape((built_site / "datenschutz" / "index.html").read_text(encoding="utf-8"))
    assert "{{" not in page
    for name, value in privacy_values(settings).items():
        assert value in page, name
    assert settings.kontakt_email in page and "keine Cookies" in page and "Art. 77 DSGVO" in page


def test_datenschutz_placeholders_have_a_text_when_not_configured():
    from mso import config
    from mso.placeholders import privacy_values

    settings = dataclasses.replace(config.from_mkdocs_file(ROOT / "mkdocs.yml"),
                                   **{name: "" for name in PRIVACY_SETTINGS})
    values = privacy_values(settings)
    assert set(values) == set(PRIVACY_SETTINGS) and all(values.values())
    assert settings.herausgeber in values["datenschutz_verantwortlich"]
    assert settings.kontakt_email in values["datenschutzbeauftragter"]


def test_links_from_profiles_do_not_tell_the_association_who_clicked(built_site, directory):
    """Profile links carry rel=noreferrer, so even a host without a Referrer-Policy header reveals nothing."""
    external = re.compile(r'<a\s[^>]*href="https?://(?!vereine\.bielefeld\.example)[^"]*"[^>]*>')
    checked = 0
    for entry in directory.entries:
        page = (built_site / "vereine" / entry.slug / "index.html").read_text(encoding="utf-8")
        for link in external.findall(page.split('<div class="md-content"', 1)[-1].split("</article>", 1)[0]):
            checked += 1
            assert re.search(r'rel="[^"]*\bnoreferrer\b', link), link
    assert checked, "the demo data should link to association websites"
