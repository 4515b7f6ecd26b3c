"""The form and `mso uebernehmen` together: the test helper writes profiles exactly as the form does, and a
change made in the real form goes into the repository with one command, `intern` untouched."""

from __future__ import annotations

import datetime
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

from conftest import ROOT, make_project
from form_output import edited, form_yaml, message

NOW = datetime.datetime(2026, 11, 22, 10, 0)  # the test Stichtag
SLUG = "afghanischer-frauenverein-zanan-bielefeld"
STAFF = "# Notiz der Redaktion\nintern:\n  # vertraulich\n  - Vorstandswahl im März 2027   # nachfragen\n"


def open_form(page, site_url: str, query: str = "") -> None:
    page.clock.set_fixed_time(NOW)
    page.goto(f"{site_url}mitmachen/{query}")
    page.wait_for_selector("#mso-formular:not([hidden])")


def test_the_test_helper_writes_profiles_like_the_form(page, site_url, directory):
    """Every published demo profile, loaded with ?verein= and confirmed: the file the form gives is the one
    form_output.form_yaml writes."""
    for entry in directory.entries:
        open_form(page, site_url, f"?verein={entry.slug}")
        page.wait_for_selector("[data-aenderung]:not([hidden])")
        page.locator("#f-veroeffentlichen").check()
        for box in page.locator('[data-kind="consent-date"] input').all():
            box.check()
        page.get_by_role("button", name="Profil erstellen").click()
        page.wait_for_selector("#mso-ergebnis:not([hidden])")
        expected = form_yaml(edited(ROOT / "organisations" / f"{entry.slug}.yml", NOW.date()), slug=entry.slug,
                             day=NOW.date())
        assert page.locator("[data-yaml]").text_content() == expected, entry.slug


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
