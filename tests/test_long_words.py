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
