"""The form and `mso uebernehmen` together: the test helper writes profiles exactly as the form does, and a
change made in the real form goes into the repository with one command, `intern` untouched."""

from __future__ import annotations

import datetime
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

from conftest import ROOT, make_project
from form_output import _block, _plain, edited, form_yaml, message

NOW = datetime.datetime(2026, 11, 22, 10, 0)  # the test Stichtag
SLUG = "afghanischer-frauenverein-zanan-bielefeld"
STAFF = "# Notiz der Redaktion\nintern:\n  # vertraulich\n  - Vorstandswahl im März 2027   # nachfragen\n"


def open_form(page, site_url: str, query: str = "") -> None:
    page.clock.set_fixed_time(NOW)
    page.goto(f"{site_url}mitmachen/{query}")
    page.wait_for_selector("#mso-formular:not([hidden])")


def shapes(data, path=()) -> set:
    """What a profile asks of the YAML writer: each field with the type of its value, and for text how it is
    written (plain, as a block, quoted)."""
    if isinstance(data, dict):
        return {(path, "dict")}.union(*(shapes(v, (*path, k)) for k, v in data.items()))
    if isinstance(data, list):
        return {(path, "list")}.union(*(shapes(v, (*path, "[]")) for v in data))
    if isinstance(data, str):
        return {(path, "plain" if _plain(data) else "block" if _block(data, 0) else "quoted")}
    return {(path, type(data).__name__)}


def test_the_test_helper_writes_profiles_like_the_form(page, site_url, directory):
    """Published demo profiles, loaded with ?verein= and confirmed: the file the form gives is the one
    form_output.form_yaml writes. The profiles are chosen so that together they hold every field and every way
    of writing a value that the demo data has."""
    profiles = {entry.slug: edited(ROOT / "organisations" / f"{entry.slug}.yml", NOW.date())
                for entry in directory.entries}
    wanted = set().union(*(shapes(data) for data in profiles.values()))
    chosen = []
    while wanted:
        slug = max(sorted(profiles), key=lambda s: len(shapes(profiles[s]) & wanted))
        chosen.append(slug)
        wanted -= shapes(profiles[slug])
    assert 3 <= len(chosen) < len(profiles) / 2, chosen
    for slug in chosen:
        open_form(page, site_url, f"?verein={slug}")
        page.wait_for_selector("[data-aenderung]:not([hidden])")
        page.locator("#f-veroeffentlichen").check()
        for box in page.locator('[data-kind="consent-date"] input').all():
            box.check()
        page.get_by_role("button", name="Profil erstellen").click()
        page.wait_for_selector("#mso-ergebnis:not([hidden])")
        assert page.locator("[data-yaml]").text_content() == form_yaml(profiles[slug], slug=slug, day=NOW.date()), slug


def test_a_change_in_the_form_goes_in_with_one_command(page, site_url, tmp_path):
    project = make_project(tmp_path / "p")
    target = project / "organisations" / f"{SLUG}.yml"
    before = target.read_text(encoding="utf-8").split("\nintern:")[0] + "\n" + STAFF
    target.write_text(before, encoding="utf-8")

    open_form(page, site_url, f"?verein={SLUG}")
    page.wait_for_selector("[data-aenderung]:not([hidden])")
    page.locator("#f-veroeffentlichen").check()
    for box in page.locator('[data-kind="consent-date"] input').all():
        box.check()
    page.locator("#f-oeffnungszeiten").fill("Montags bis freitags 9–14 Uhr")
    page.get_by_role("button", name="Profil erstellen").click()
    page.wait_for_selector("#mso-ergebnis:not([hidden])")
    href = page.locator("[data-mailto]").get_attribute("href")
    query = parse_qs(urlsplit(href).query)
    mail = message(query["subject"][0], NOW.replace(tzinfo=datetime.timezone.utc))
    mail.set_content(query["body"][0].replace("\r\n", "\n"), cte="quoted-printable")
    (project / "meldung.eml").write_bytes(bytes(mail))

    result = subprocess.run([sys.executable, "-m", "mso", "uebernehmen", "meldung.eml", "--ja"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    after = target.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert changed == [("stand: 2026-10-05", "stand: 2026-11-22"),
                       ("oeffnungszeiten: Montags bis mittwochs 9–14 Uhr",
                        "oeffnungszeiten: Montags bis freitags 9–14 Uhr"),
                       ("    einwilligung: 2026-09-12", "    einwilligung: 2026-11-22"),
                       ("    einwilligung: 2026-09-12", "    einwilligung: 2026-11-22")], result.stdout
    assert after.endswith(STAFF)
    assert page.foreign_requests == []
