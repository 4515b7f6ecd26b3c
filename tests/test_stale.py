"""`mso stale` at the fixed test Stichtag 2026-11-22: whom to remind, as a table and as a CSV."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest

from conftest import make_project, minimal_profile

ARABIC_NAME = "جمعية النور الثقافية"
PROFILES = {
    "frisch": minimal_profile("Frischer Verein", stand="2026-06-01"),
    "genau-zwoelf-monate": minimal_profile("Genau zwölf Monate", stand="2025-11-22"),
    "faellig": minimal_profile("Fälliger Verein", stand="2025-10-21",
                               kontakt={"telefon": "0521 5550199"}),
    "arabisch": minimal_profile(ARABIC_NAME, stand="2025-03-01", kontakt={"email": "info@alnour.example"},
                                ansprechpersonen=[{"name": "Samira Haddad", "email": "samira@alnour.example",
                                                   "einwilligung": "2024-01-05"}]),
    "ausgeblendet": minimal_profile("Alter Verein; mit Semikolon", stand="2024-11-01"),
    "ohne-zustimmung": minimal_profile("Stiller Verein", stand="2024-01-15", veroeffentlichen=False),
    "aufgeloest": minimal_profile("Aufgelöster Verein", stand="2020-01-01", status="aufgeloest"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("stale"), PROFILES)


def stale(project, *args):
    env = {**os.environ, "MSO_STICHTAG": "2026-11-22", "COLUMNS": "200"}
    result = subprocess.run([sys.executable, "-m", "mso", "stale", *args], cwd=project, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_table_lists_due_and_hidden_profiles_oldest_first(project):
    out = stale(project)
    assert out.startswith("Stichtag 22. November 2026: 4 Profil(e) zu erinnern.\n2 mit fälliger Bestätigung "
                          "(älter als 12 Monate), 2 ausgeblendet (älter als 24 Monate).\n")
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Zustand"))
    body = lines[header + 2:header + 6]
    assert [line.split("  ")[0].strip() for line in body] == [
        "ausgeblendet", "ausgeblendet", "Bestätigung fällig", "Bestätigung fällig"]
    assert "Stiller Verein" in body[0] and "2024-01-15" in body[0]
    assert "Alter Verein; mit Semikolon" in body[1]
    assert ARABIC_NAME in body[2] and "info@alnour.example" in body[2]
    assert "Fälliger Verein" in body[3] and "0521 5550199" in body[3] and body[3].endswith("faellig.yml")
    for name in ("Frischer Verein", "Genau zwölf Monate", "Aufgelöster Verein"):
        assert name not in out


def test_csv_for_a_mail_merge(project, tmp_path):
    target = tmp_path / "erinnern.csv"
    message = stale(project, "--csv", "-o", str(target))
    assert "4 Profil(e)" in message
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["name"] for r in rows] == ["Stiller Verein", "Alter Verein; mit Semikolon", ARABIC_NAME,
                                         "Fälliger Verein"]
    arabic = rows[2]
    assert arabic == {
        "name": ARABIC_NAME, "zustand": "Bestätigung fällig", "stand": "2025-03-01", "ausblenden_ab": "2027-03-02",
        "email": "info@alnour.example", "telefon": "", "ansprechperson": "Samira Haddad",
        "veroeffentlichen": "ja", "seite": "https://vereine.bielefeld.example/vereine/arabisch/",
        "datei": "organisations/arabisch.yml"}
    assert rows[0]["veroeffentlichen"] == "nein" and rows[0]["seite"] == ""
    assert rows[3]["telefon"] == "0521 5550199" and rows[3]["email"] == ""
    assert stale(project, "--csv") == raw.decode("utf-8").replace("\r\n", "\n")  # on the screen, the same


def test_nobody_to_remind(tmp_path):
    make_project(tmp_path, {"frisch": minimal_profile("Frischer Verein", stand="2026-06-01")})
    assert stale(tmp_path) == "Stichtag 22. November 2026: Niemand muss erinnert werden. Alle Profile sind bestätigt.\n"
    rows = list(csv.reader(io.StringIO(stale(tmp_path, "--csv").lstrip("\ufeff")), delimiter=";"))
    assert rows == [["name", "zustand", "stand", "ausblenden_ab", "email", "telefon", "ansprechperson",
                     "veroeffentlichen", "seite", "datei"]]


def test_a_narrow_terminal_shortens_names_not_contacts(project):
    from mso import config
    from mso.stale import rows, to_table

    settings = config.from_mkdocs_file(project / "mkdocs.yml", environ={"MSO_STICHTAG": "2026-11-22"})
    table = to_table(rows(settings), settings, width=80)
    assert "info@alnour.example" in table and "0521 5550199" in table
    assert all(len(line) <= 100 for line in table.splitlines())
