"""/zahlen/ and the freshness rules, at the fixed test Stichtag (2026-11-22)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build, make_project, minimal_profile

STICHTAG = "2026-11-22"
PROFILES = {
    "frisch": minimal_profile("Frischer Verein", stand="2026-06-01", netzwerk_mo=True, stadtbezirk="Heepen",
                              themen=["sport", "kultur"], sprachen=["de", "ar"]),
    "dreizehn": minimal_profile("Dreizehn Monate e. V.", stand="2025-10-22", themen=["bildung"]),
    "fuenfundzwanzig": minimal_profile("Fünfundzwanzig Monate e. V.", stand="2024-10-22", netzwerk_mo=True),
    "ohne-freigabe": minimal_profile("Ohne Freigabe e. V.", veroeffentlichen=False, stand="2026-01-10"),
    "aufgeloest": minimal_profile("Aufgelöster Verein e. V.", status="aufgeloest", stand="2026-02-01"),
}


def published_slugs(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "vereine").glob("*/index.html")}


def zahl(html: str, key: str) -> int:
    found = set(re.findall(rf'data-zahl="{key}">(\d+)<', html))
    assert len(found) == 1, (key, found)
    return int(found.pop())


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("zahlen") / "p", PROFILES)
    result = build(project, MSO_STICHTAG=STICHTAG)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def page(site) -> str:
    return (site / "zahlen" / "index.html").read_text(encoding="utf-8")


def test_headline_gives_the_published_count_and_the_stichtag(page):
    assert zahl(page, "veroeffentlicht") == 2
    assert "Stichtag: <time datetime=\"2026-11-22\">22. November 2026</time>" in page


def test_every_count_is_shown_with_its_definition(page):
    expected = {"veroeffentlicht": 2, "erfasst": 4, "bestaetigung_faellig": 1, "ausgeblendet": 1,
                "ohne_freigabe": 1, "aufgeloest": 1, "netzwerk_mo": 2}
    for key, count in expected.items():
        block = re.search(rf'<div class="mso-kennzahl" id="zahl-{key}">(.*?)</div>', page, re.S)
        assert block, key
        assert f'data-zahl="{key}">{count}<' in block.group(1)
        assert "<dd>" in block.group(1)
    text = re.sub(r"\s+", " ", page)
    assert "nicht älter als 24 Monate" in text
    assert "am Stichtag älter als 12 Monate" in text
    assert "zählen nur unter „erfasst“" in text
    assert "kennen wir?" in text


def test_page_explains_how_data_stays_current(page):
    text = re.sub(r"<[^>]+>", "", page)
    assert "So bleiben die Daten aktuell" in text
    assert "Nach 12 Monaten ohne Bestätigung" in text
    assert "Nach 24 Monaten ohne Bestätigung" in text


def test_breakdowns_are_tables_and_accessible_svg_charts(page):
    for facet in ("stadtbezirk", "themen", "sprachen"):
        svg = re.search(rf'<svg class="mso-balken" id="balken-{facet}"[^>]*>(.*?)</svg>', page, re.S)
        assert svg, facet
        opening = svg.group(0).split(">", 1)[0]
        assert 'role="img"' in opening and f'aria-labelledby="balken-{facet}-titel"' in opening
        assert f'<title id="balken-{facet}-titel">Balkendiagramm' in svg.group(1)
    assert "<script" not in page.split('<div class="mso-zahlen">')[1].split("</article>")[0]
    # Heepen has one published association, Dornberg none: both rows are there
    assert re.search(r'>Heepen</a></th><td class="mso-zahlspalte">1</td>', page)
    assert re.search(r'>Dornberg</a></th><td class="mso-zahlspalte">0</td>', page)
    assert 'lang="ar" dir="rtl"' in page
    assert "Balkendiagramm: veröffentlichte Vereine nach Stadtbezirk. Heepen 1, Mitte 1. Keine Vereine: Brackwede" in page


def test_page_links_to_the_open_data(page):
    for target in ("../daten/", "../daten/zahlen.json", "../daten/vereine.csv", "../daten/vereine.json"):
        assert f'href="{target}"' in page


def test_history_says_when_there_is_no_git(page):
    assert "Keine Versionsgeschichte verfügbar" in page


def test_thirteen_months_old_is_published_and_due(site):
    assert "dreizehn" in published_slugs(site)
    profile = (site / "vereine" / "dreizehn" / "index.html").read_text(encoding="utf-8")
    assert "mso-hinweis--faellig" in profile
    data = json.loads((site / "daten" / "vereine.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["vereine"] if e["slug"] == "dreizehn")
    assert entry["bestaetigung_faellig"] is True


def test_twenty_five_months_old_is_hidden_everywhere_and_counted_as_erfasst_and_ausgeblendet(site):
    assert "fuenfundzwanzig" not in published_slugs(site)
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".svg"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "fuenfundzwanzig" not in text and "Fünfundzwanzig" not in text, path
    zahlen = json.loads((site / "daten" / "zahlen.json").read_text(encoding="utf-8"))
    assert zahlen["erfasst"] == 4 and zahlen["ausgeblendet"] == 1
    assert zahlen["veroeffentlicht"] == 2 and zahlen["bestaetigung_faellig"] == 1


def test_far_future_stichtag_publishes_nothing_and_keeps_erfasst(tmp_path):
    project = make_project(tmp_path / "p", PROFILES)
    result = build(project, MSO_STICHTAG="2099-01-01")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert published_slugs(site) == set()
    zahlen = json.loads((site / "daten" / "zahlen.json").read_text(encoding="utf-8"))
    assert zahlen["veroeffentlicht"] == 0 and zahlen["erfasst"] == 4
    assert zahlen["stichtag"] == "2099-01-01"
    page = (site / "zahlen" / "index.html").read_text(encoding="utf-8")
    assert zahl(page, "veroeffentlicht") == 0 and zahl(page, "erfasst") == 4
    assert json.loads((site / "daten" / "vereine.json").read_text(encoding="utf-8"))["vereine"] == []


def test_breakdown_and_charts_follow_the_directory(directory):
    from mso.views import zahlen

    rows = zahlen.breakdown(directory, "stadtbezirk")
    assert [r.value for r in rows] == list(directory.schema.vocab["stadtbezirk"])
    assert sum(r.count for r in rows) == directory.counts.veroeffentlicht
    languages = zahlen.breakdown(directory, "sprachen")
    assert all(r.count > 0 for r in languages)
    assert [r.count for r in languages] == sorted((r.count for r in languages), reverse=True)
    chart = zahlen.bar_chart(languages)
    assert len(chart["bars"]) == min(len(languages), zahlen.CHART_MAX_BARS)
    assert chart["hidden"] == len(languages) - len(chart["bars"])
    assert max(b["width"] for b in chart["bars"]) <= chart["width"] - 40


def test_line_chart_draws_steps_between_points():
    import datetime

    from mso.history import Point
    from mso.views import zahlen

    points = [Point(datetime.date(2025, 1, 1), 10, 12), Point(datetime.date(2025, 7, 1), 20, 25),
              Point(datetime.date(2026, 1, 1), 15, 25)]
    chart = zahlen.line_chart(points)
    coordinates = [tuple(map(float, pair.split(","))) for pair in chart["published"].split()]
    assert len(coordinates) == 5  # three points, two steps
    assert coordinates[1][0] == coordinates[2][0]  # vertical step at the second date
    assert coordinates[0][1] > coordinates[2][1]  # 20 is drawn above 10
    assert chart["last"]["value"] == 15
    assert [t["value"] for t in chart["y_ticks"]][0] == 0
    assert zahlen.line_chart(points[:1]) is None


def test_one_association_reads_as_singular(tmp_path):
    project = make_project(tmp_path / "p", {"eins": minimal_profile("Eins e. V.")})
    assert build(project).returncode == 0
    page = re.sub(r"\s+", " ", (project / "site" / "zahlen" / "index.html").read_text(encoding="utf-8"))
    assert "<span>Migrantenorganisation ist im Verzeichnis veröffentlicht.</span>" in page
    assert 'data-zahl="erfasst">1</strong> Verein, der nicht aufgelöst ist:' in page
    badge = (project / "site" / "daten" / "badge.svg").read_text(encoding="utf-8")
    assert "<title>1 Migrantenorganisation im Verzeichnis Bielefeld</title>" in badge


def test_every_link_on_the_count_page_leads_to_a_page_or_file(site, page):
    targets = set(re.findall(r'href="(\.\./[^"#]*)"', page))
    assert len(targets) > 30  # breakdown rows link to their listing pages
    for target in targets:
        path = (site / "zahlen" / target).resolve()
        assert (path / "index.html").is_file() or path.is_file(), target


def test_a_long_history_is_tabled_by_month_newest_first():
    import datetime

    from mso.history import History, Point
    from mso.views import zahlen

    days = [datetime.date(2025, 1, 1) + datetime.timedelta(days=10 * i) for i in range(40)]
    hist = History(tuple(Point(d, i, i + 1) for i, d in enumerate(days)), available=True)
    rows, monthly = zahlen.history_rows(hist)
    assert monthly and len(rows) == len({(d.year, d.month) for d in days})
    assert rows[0] == hist.points[-1]  # the newest point heads the table
    assert [r.date for r in rows] == sorted((r.date for r in rows), reverse=True)
    short = History(hist.points[:5], available=True)
    assert zahlen.history_rows(short) == (list(reversed(short.points)), False)
