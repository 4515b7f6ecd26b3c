"""Reproducible builds: the same data and the same Stichtag give byte-identical sites.

Every file is compared – pages, sitemap (and its .gz), search index, exports, badge and the brochure PDF.
One pair builds two fresh copies of the project in different folders with the PDF, so neither absolute
paths nor a PDF cache nor WeasyPrint's clock can hide; the other rebuilds the real project, whose count
history comes from git.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from conftest import ROOT, build, make_project

# Outputs that must exist for the comparison to mean something (the PDF once the brochure writes it).
EXPECTED = ("index.html", "sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind-entry.json", "vereine/index.html")


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def assert_identical(first: Path, second: Path) -> dict[str, str]:
    a, b = digests(first), digests(second)
    assert sorted(a) == sorted(b), "the two builds wrote different files"
    differing = [name for name in a if a[name] != b[name]]
    assert differing == [], f"not byte-identical: {differing}"
    for name in EXPECTED:
        assert name in a, name
    return a


def test_two_fresh_builds_in_different_folders_are_byte_identical(tmp_path):
    first = make_project(tmp_path / "erster" / "projekt", None)
    second = tmp_path / "zweiter-bau" / "projekt"
    shutil.copytree(first, second)  # one snapshot of the project, in two places
    sites = []
    for project in (first, second):
        site = project.parent / "site"
        result = build(project, site, MSO_PDF="1")
        assert result.returncode == 0, result.stderr
        sites.append(site)
    files = assert_identical(*sites)
    from mso.views import steckbriefe

    if hasattr(steckbriefe, "post_build"):
        assert any(name.endswith(".pdf") for name in files), "the brochure PDF is missing"
    for export in ("daten/vereine.json", "daten/vereine.csv", "daten/zahlen.json"):
        if (ROOT / "hooks" / "mso" / "views" / "daten.py").read_text(encoding="utf-8").count(export.split("/")[1]):
            assert export in files, export


def test_rebuilding_the_real_project_gives_the_same_bytes(tmp_path):
    """With the count history from git (no PDF: the pair above covers it)."""
    sites = [tmp_path / "a", tmp_path / "b"]
    for site in sites:
        result = build(ROOT, site, MSO_PDF="0")
        assert result.returncode == 0, result.stderr
    assert_identical(*sites)
