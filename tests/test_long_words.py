"""A name of 150 letters without a space (the schema's longest) and other long words stay on the PDF page."""

from __future__ import annotations

import re
import subprocess

from conftest import make_project, minimal_profile
from mso import config
from mso.pipeline import load_directory
from mso.views import steckbriefe
from mso.views.base import Site

LONG_NAME = "Z" * 60 + "Kulturvereinsgemeinschaft" * 3 + "X" * 15


def test_long_words_wrap_inside_the_page(tmp_path):
    assert len(LONG_NAME) == 150 and " " not in LONG_NAME
    profiles = {"lang": minimal_profile(LONG_NAME, kurzname="K" * 60, angebote=["A" * 300],
                                        adresse={"strasse": "S" * 100, "plz": "33602", "ort": "O" * 60}),
                "kurz": minimal_profile("Kurzer Verein")}
    project = make_project(tmp_path / "p", profiles)
    settings = config.from_mkdocs_file(project / "mkdocs.yml", environ={"MSO_STICHTAG": "2026-11-22"})
    directory = load_directory(settings)
    steckbriefe.post_build(Site(directory), project / "site")
    pdf = project / "site" / steckbriefe.PDF
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', layout, re.S)
    assert pages
    words = 0
    for width, _, body in pages:
        for x_min, x_max in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', body):
            words += 1
            assert 0 <= float(x_min) and float(x_max) <= float(width), (x_min, x_max, width)
    assert words > 50
    assert "Kulturvereinsgemeinschaft" in layout


SPACED_NAME = ("Interkultureller Verein für Bildung, Begegnung, Integration und Teilhabe der Menschen aus Anatolien, "
               "Kurdistan und dem Kaukasus in Bielefeld und Lippe")
TOP_MARGIN = 20 / 25.4 * 72  # broschuere.css: @page margin-top 20mm, in points


def test_the_running_header_keeps_a_long_name_on_one_line(tmp_path):
    """The name in the running header ends in "…" on one line instead of wrapping up into the top margin."""
    assert len(SPACED_NAME) == 150
    project = make_project(tmp_path / "p", {"lang": minimal_profile(SPACED_NAME), "wort": minimal_profile(LONG_NAME),
                                            "kurz": minimal_profile("Kurzer Verein")})
    settings = config.from_mkdocs_file(project / "mkdocs.yml", environ={"MSO_STICHTAG": "2026-11-22"})
    steckbriefe.post_build(Site(load_directory(settings)), project / "site")
    layout = subprocess.run(["pdftotext", "-bbox", str(project / "site" / steckbriefe.PDF), "-"],
                            capture_output=True, text=True, check=True).stdout
    headers = {}
    for body in re.findall(r"<page [^>]*>(.*?)</page>", layout, re.S)[1:]:  # the cover has none
        words = [(float(y_min), float(y_max), word) for y_min, y_max, word in
                 re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', body)]
        header = [w for w in words if w[1] < TOP_MARGIN]
        assert len({y_min for y_min, _, _ in header}) == 1, header  # one line, the same on every page
        assert min(y_min for y_min, _, _ in header) > TOP_MARGIN / 2  # it does not climb towards the edge
        page_text = " ".join(word for _, y_max, word in words if y_max >= TOP_MARGIN)
        headers[page_text[:40]] = " ".join(word for _, _, word in header)
    spaced = next(text for first, text in headers.items() if first.startswith("Interkultureller"))
    assert spaced.startswith("Interkultureller Verein für Bildung") and "Lippe" not in spaced
    single = next(text for first, text in headers.items() if first.startswith("ZZZZ"))
    assert single.startswith("Z" * 20) and "X" * 15 not in single
    assert any(text.startswith("Kurzer Verein Steckbriefe") for text in headers.values())
