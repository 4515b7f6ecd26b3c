"""The whole site, built with MkDocs as `make site` builds it."""

from __future__ import annotations

from conftest import build, make_project, minimal_profile


def test_every_published_profile_has_its_page_and_no_other(built_site, directory):
    pages = {p.parent.name for p in (built_site / "vereine").glob("*/index.html")}
    assert pages == {e.slug for e in directory.entries}
    withheld = {r.slug for r in directory.records} - pages
    assert withheld, "the demo data should include withheld profiles"
    for slug in withheld:
        assert not (built_site / "vereine" / slug).exists()


def test_profile_pages_stay_out_of_the_nav(built_site, directory):
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert all(f"vereine/{e.slug}/" not in start for e in directory.entries)


def test_bad_data_stops_the_build_with_german_messages(tmp_path):
    project = make_project(tmp_path / "p", {
        "gut": minimal_profile("Gut"),
        "schlecht": minimal_profile("Schlecht", stadtbezirk="Bielefeld-Mitte"),
        "kaputt": "name: [\n",
    })
    result = build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "organisations/schlecht.yml, Zeile" in output and "ist kein Stadtbezirk" in output
    assert "organisations/kaputt.yml, Zeile" in output
    assert "Traceback" not in output
    assert not (project / "site" / "vereine" / "gut").exists()


def test_placeholders_show_computed_counts(built_site, directory):
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<strong><span data-zahl="veroeffentlicht">{directory.counts.veroeffentlicht}</span> Vereine</strong>' in start
    assert "{{" not in start
