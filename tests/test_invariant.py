"""One number everywhere: the published count agrees with every page, file and list that shows it."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from conftest import build, make_project, minimal_profile


def published_counts(site: Path) -> dict[str, int]:
    """Every place in the built site that states or lists the published count."""
    found: dict[str, int] = {}
    profiles = [p for p in (site / "vereine").glob("*/index.html")
                if 'class="mso-profil"' in p.read_text(encoding="utf-8")]
    found["profile pages"] = len(profiles)
    slugs = {p.parent.name for p in profiles}
    # /vereine/ lists every profile, or (a large directory) links a page per letter that lists them
    listings = [site / "vereine" / "index.html", *sorted((site / "vereine").glob("?/index.html"))]
    linked = set()
    for listing in listings:
        linked |= set(re.findall(r'href="(?:(?:\.\./)+vereine/|\./)?([a-z0-9-]+)/"', listing.read_text(encoding="utf-8")))
    found["/vereine/ links"] = len(linked & slugs)
    data = json.loads((site / "daten" / "vereine.json").read_text(encoding="utf-8"))
    found["vereine.json entries"] = len(data["vereine"])
    found["vereine.json anzahl"] = data["anzahl"]
    rows = list(csv.reader(io.StringIO((site / "daten" / "vereine.csv").read_bytes().decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    found["vereine.csv rows"] = len(rows) - 1
    found["zahlen.json"] = json.loads((site / "daten" / "zahlen.json").read_text(encoding="utf-8"))["veroeffentlicht"]
    start = (site / "index.html").read_text(encoding="utf-8")
    found["start page"] = _single(re.findall(r'data-zahl="veroeffentlicht">(\d+)<', start))
    zahlen = (site / "zahlen" / "index.html").read_text(encoding="utf-8")
    found["/zahlen/"] = _single(re.findall(r'data-zahl="veroeffentlicht">(\d+)<', zahlen))
    badge = (site / "daten" / "badge.svg").read_text(encoding="utf-8")
    found["badge"] = int(re.search(r"<title>(\d+) Migrantenorganisation(?:en)? ", badge).group(1))
    brochure = site / "steckbriefe" / "index.html"
    if brochure.exists() and "mso-broschuere" in (html := brochure.read_text(encoding="utf-8")):
        # one brochure, or (many profiles) one part per Stadtbezirk, each on its own page
        parts = [html] + [p.read_text(encoding="utf-8") for p in sorted((site / "steckbriefe").glob("*/index.html"))]
        found["brochure Steckbriefe"] = sum(len(re.findall(r'<article class="mso-steckbrief"', p)) for p in parts)
        found["brochure cover"] = _single(re.findall(r'data-count="(\d+)"', html))
    return found


def _single(values: list[str]) -> int:
    assert len(set(values)) == 1, values
    return int(values[0])


def test_one_number_everywhere_in_the_real_site(built_site, directory):
    expected = directory.counts.veroeffentlicht
    found = published_counts(built_site)
    assert found == {place: expected for place in found}
    assert "brochure Steckbriefe" in found, "the brochure should show its Steckbriefe"


def test_one_number_everywhere_when_profiles_are_withheld_or_stale(tmp_path):
    profiles = {
        "eins": minimal_profile("Eins e. V."),
        "zwei": minimal_profile("Zwei e. V.", stand="2025-10-01"),  # due, still published
        "drei": minimal_profile("Drei e. V.", stand="2024-01-01"),  # hidden
        "vier": minimal_profile("Vier e. V.", veroeffentlichen=False),
        "fuenf": minimal_profile("Fünf e. V.", status="aufgeloest"),
    }
    project = make_project(tmp_path / "p", profiles)
    result = build(project)
    assert result.returncode == 0, result.stderr
    found = published_counts(project / "site")
    assert found == {place: 2 for place in found}


def test_one_number_everywhere_when_the_list_and_the_brochure_are_split(tmp_path):
    """Above `liste_ganz_bis` /vereine/ links a page per letter; above `broschuere_ganz_bis` the brochure
    comes in one part per Stadtbezirk. Every profile is still listed, and counted, once."""
    profiles = {f"verein-{n}": minimal_profile(f"{name} e. V.", stadtbezirk=bezirk)
                for n, (name, bezirk) in enumerate([("Anker", "Mitte"), ("Brücke", "Heepen"), ("Adler", "Senne"),
                                                    ("4 Jahreszeiten", "Mitte"), ("Zeder", "stadtweit")])}
    project = make_project(tmp_path / "p", profiles)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("liste_ganz_bis: 300", "liste_ganz_bis: 2")
                      .replace("broschuere_ganz_bis: 1000", "broschuere_ganz_bis: 2"), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert {p.parent.name for p in (site / "vereine").glob("?/index.html")} == {"a", "b", "z", "0"}
    assert {p.parent.name for p in (site / "steckbriefe").glob("*/index.html")} == {"mitte", "heepen", "senne",
                                                                                    "stadtweit"}
    found = published_counts(site)
    assert found == {place: 5 for place in found}
