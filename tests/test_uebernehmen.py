"""`mso uebernehmen`: every way a submission arrives (form file, e-mail body quoted-printable, base64,
format=flowed or hard-wrapped, attachment, pasted text) ends in the same minimal change; `intern` and the
staff's comments stay byte for byte; bad submissions change nothing; confirmations only move `stand`."""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, STICHTAG, make_project
from form_output import (KONTAKT, edited, flowed, form_mail, form_yaml, hard_wrapped, mail_body, message)

DAY = datetime.date(2026, 11, 20)
WHEN = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
SLUG = "afghanischer-frauenverein-zanan-bielefeld"
NAME = "Afghanischer Frauenverein Zanan Bielefeld e. V."
# The staff's own lines around and inside `intern`, which the form knows nothing about.
STAFF = '''\
# Notiz der Redaktion: Vorstand bestätigt telefonisch, 2026-10-05
intern:
  # wer hat zuletzt gesprochen
  kontakt: Frau Ahmadi, Telefon nur vormittags
  verlauf:
    - 2025-03: Erstkontakt beim Netzwerktreffen
    - 2026-10: Bestätigung telefonisch   # nachgefragt
# Ende der internen Notizen
'''


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with the demo profiles; Zanan's `intern` replaced by a commented staff block."""
    make_project(tmp_path)
    target = tmp_path / "organisations" / f"{SLUG}.yml"
    text = target.read_text(encoding="utf-8")
    head, _ = text.split("\nintern:", 1)
    text = head.replace("kontakt:\n", "kontakt:  # geprüft am 2026-10-05\n") + "\n" + STAFF
    target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def zanan(project) -> Path:
    return project / "organisations" / f"{SLUG}.yml"


def change(project, **fields) -> str:
    """Zanan's profile as the form sends it after "Angaben ändern", with `fields` changed."""
    return form_yaml(edited(zanan(project), DAY, **fields), slug=SLUG, day=DAY)


def uebernehmen(*args: str, stdin: bytes = b"", monkeypatch=None) -> tuple[int, str]:
    """`mso uebernehmen …` in this process (the project is the current folder)."""
    from mso.cli import main

    out = io.StringIO()
    if monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    try:
        code = main(["uebernehmen", *args])
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old, new) lines that differ, for files of the same length."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new), (before, after)
    return [(a, b) for a, b in zip(old, new) if a != b]


EXPECTED = [("stand: 2026-10-05", "stand: 2026-11-20"),
            ("oeffnungszeiten: Montags bis mittwochs 9–14 Uhr", "oeffnungszeiten: Montags bis freitags 9–14 Uhr"),
            ("    einwilligung: 2026-09-12", "    einwilligung: 2026-11-20"),
            ("    einwilligung: 2026-09-12", "    einwilligung: 2026-11-20")]


def assert_the_change_and_nothing_else(project, before: str, output: str) -> None:
    after = zanan(project).read_text(encoding="utf-8")
    assert changed_lines(before, after) == EXPECTED, output
    assert after.endswith(STAFF)
    assert "geändert  Öffnungs- und Treffzeiten (oeffnungszeiten)" in output
    assert "alt: Montags bis mittwochs 9–14 Uhr" in output and "neu: Montags bis freitags 9–14 Uhr" in output
    assert "nur für die Redaktion und unverändert: `intern`" in output
    assert 'git add organisations/afghanischer-frauenverein-zanan-bielefeld.yml' in output
    assert f'git commit -m "Geändert: {NAME}"' in output
    assert subprocess.run([sys.executable, "-m", "mso", "validate"], capture_output=True).returncode == 0


OPENING = {"oeffnungszeiten": "Montags bis freitags 9–14 Uhr"}


def test_a_form_file(project):
    before = zanan(project).read_text(encoding="utf-8")
    Path("download.yml").write_text(change(project, **OPENING), encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 0, output
    assert_the_change_and_nothing_else(project, before, output)


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
def test_the_prepared_e_mail(project, cte):
    before = zanan(project).read_text(encoding="utf-8")
    Path("meldung.eml").write_bytes(form_mail(change(project, **OPENING), NAME, SLUG, True, WHEN, cte=cte))
    assert cte in Path("meldung.eml").read_text(encoding="utf-8")
    code, output = uebernehmen("meldung.eml", "--ja")
    assert code == 0, output
    assert "(E-Mail vom 20. November 2026)" in output
    assert_the_change_and_nothing_else(project, before, output)


def test_format_flowed_e_mail(project):
    before = zanan(project).read_text(encoding="utf-8")
    body = flowed(mail_body(change(project, **OPENING), SLUG, True).replace("\r\n", "\n"))
    assert "\n   - Deutsch-Sprachkurs A1/A2 für Frauen mit Kinderbetreuung, montags und \nmittwochs" in body
    msg = message(f"Änderung im MSO-Verzeichnis: {NAME}", WHEN)
    msg.set_content(body, cte="quoted-printable", params={"format": "flowed"})
    Path("flowed.eml").write_bytes(bytes(msg))
    code, output = uebernehmen("flowed.eml", "--ja")
    assert code == 0, output
    assert_the_change_and_nothing_else(project, before, output)


@pytest.mark.parametrize("width", [72, 76])
def test_hard_wrapped_e_mail(project, width):
    before = zanan(project).read_text(encoding="utf-8")
    description = ("Wir sind ein Frauenverein von und für Frauen aus Afghanistan. Wir treffen uns jede Woche "
                   "und laden alle Frauen ein, die Austausch, Beratung und einen geschützten Ort suchen.\n")
    text = change(project, **OPENING)
    body = hard_wrapped(mail_body(text.replace("    Wir sind ein Frauenverein von und für Frauen aus Afghanistan. "
                                               "Wir bieten:", "    " + description.strip() + " Wir bieten:"),
                                  SLUG, True).replace("\r\n", "\n"), width)
    assert max(len(line) for line in body.split("\n")) <= width
    msg = message(f"Änderung im MSO-Verzeichnis: {NAME}", WHEN)
    msg.set_content(body, cte="quoted-printable")
    Path("wrapped.eml").write_bytes(bytes(msg))
    code, output = uebernehmen("wrapped.eml", "--ja")
    assert code == 0, output
    assert "lange Zeile(n) umbrochen; sie wurden wieder zusammengefügt" in output
    data = yaml.safe_load(zanan(project).read_text(encoding="utf-8"))
    assert data["beschreibung"]["de"].startswith(description.strip() + " Wir bieten:\n\n- Deutsch-Sprachkurs")
    assert data["angebote"][0] == "Deutsch-Sprachkurs A1/A2 für Frauen mit Kinderbetreuung, montags und mittwochs " \
                                  "9–11:30 Uhr"
    assert data["beschreibung"]["prs"].startswith("ما انجمن زنان افغانستان در بیله‌فلد هستیم. برای زنان کورس")
    assert zanan(project).read_text(encoding="utf-8").endswith(STAFF)


def test_the_file_attached_to_an_e_mail(project):
    before = zanan(project).read_text(encoding="utf-8")
    msg = message("Unser Eintrag", WHEN)
    msg.set_content("Guten Tag,\n\nanbei unsere neuen Angaben.\n\nViele Grüße\nFarzana Ahmadi\n")
    msg.add_attachment(change(project, **OPENING).encode("utf-8"), maintype="application",
                       subtype="octet-stream", filename=f"{SLUG} (1).yml")
    Path("anhang.eml").write_bytes(bytes(msg))
    code, output = uebernehmen("anhang.eml", "--ja")
    assert code == 0, output
    assert_the_change_and_nothing_else(project, before, output)


def test_a_forwarded_e_mail_with_a_signature(project):
    """Forwarded inline with "> " quoting, with a mail program's signature under the profile."""
    before = zanan(project).read_text(encoding="utf-8")
    body = mail_body(change(project, **OPENING), SLUG, True).replace("\r\n", "\n") + "\nVon meinem iPhone gesendet\n"
    quoted = "\n".join("> " + line if line else ">" for line in body.split("\n"))
    msg = message("WG: Änderung im MSO-Verzeichnis", WHEN, sender="kollegin@bielefeld.example")
    msg.set_content("Hallo, bitte übernehmen.\n\n-- \nKollegin\n\nAm 20.11.2026 schrieb Zanan:\n" + quoted)
    Path("weiter.eml").write_bytes(bytes(msg))
    code, output = uebernehmen("weiter.eml", "--ja")
    assert code == 0, output
    assert_the_change_and_nothing_else(project, before, output)


@pytest.mark.parametrize("what", ["copied text", "whole e-mail text"])
def test_pasted_text_on_standard_input(project, monkeypatch, what):
    before = zanan(project).read_text(encoding="utf-8")
    text = change(project, **OPENING)
    if what == "whole e-mail text":
        text = "Betreff: Änderung\n\n" + mail_body(text, SLUG, True) + "\r\n\r\nMit besten Grüßen\r\nZanan e. V.\r\n"
    code, output = uebernehmen("-", "--ja", stdin=text.encode("utf-8"), monkeypatch=monkeypatch)
    assert code == 0, output
    assert_the_change_and_nothing_else(project, before, output)


def test_pasted_text_without_ja_cannot_be_confirmed_and_changes_nothing(project):
    before = zanan(project).read_bytes()
    result = subprocess.run([sys.executable, "-m", "mso", "uebernehmen", "-"], input=change(project, **OPENING),
                            capture_output=True, text=True, start_new_session=True)
    assert result.returncode == 1 and "mit --ja noch einmal" in result.stdout, result.stdout + result.stderr
    assert "Öffnungs- und Treffzeiten" in result.stdout
    assert zanan(project).read_bytes() == before


@pytest.mark.parametrize("answer, written", [("ja\n", True), ("j\n", True), ("nein\n", False), ("", False)])
def test_asks_before_writing(project, answer, written):
    before = zanan(project).read_bytes()
    Path("download.yml").write_text(change(project, **OPENING), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mso", "uebernehmen", "download.yml"], input=answer,
                            capture_output=True, text=True)
    assert "organisations/afghanischer-frauenverein-zanan-bielefeld.yml ändern? [ja/nein]" in result.stdout
    assert (zanan(project).read_bytes() != before) is written
    assert result.returncode == (0 if written else 1)
    assert ("git commit -m" in result.stdout) is written


def test_intern_and_every_comment_stay_byte_for_byte(project):
    """Changes right before `intern` (inside kontakt, barrierefrei) and removed fields keep the staff's lines."""
    before = zanan(project).read_text(encoding="utf-8")
    kontakt = {"email": "kontakt@zanan-bielefeld.example", "telefon": "0521 5550199"}  # social removed
    text = change(project, kontakt=kontakt, barrierefrei=True, vereinsregister=None, netzwerk_mo=None)
    Path("download.yml").write_text(text, encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 0, output
    after = zanan(project).read_text(encoding="utf-8")
    assert after.endswith(STAFF)
    assert after.count("# Notiz der Redaktion") == 1
    # the new number unquoted like the old one, although the form quotes it
    assert "kontakt:  # geprüft am 2026-10-05\n  email: kontakt@zanan-bielefeld.example\n  telefon: 0521 5550199\n" \
        in after
    assert "vereinsregister" not in after and "netzwerk_mo" not in after
    assert "barrierefrei: true\n# Notiz der Redaktion" in after
    for line in before.splitlines():  # every comment line of the old file is still there
        if line.lstrip().startswith("#"):
            assert line in after.splitlines(), line
    assert "entfernt  Kontakt – Soziale Medien (kontakt.social)" in output
    assert "entfernt  Vereinsregister (vereinsregister)" in output
    assert "geändert  Barrierefreiheit (barrierefrei)" in output and "neu: ja" in output


def test_intern_sent_by_an_association_is_not_taken(project):
    before = zanan(project).read_text(encoding="utf-8")
    text = change(project, **OPENING) + "intern: Bitte schneller freischalten\n"
    Path("download.yml").write_text(text, encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 0, output
    assert "enthält `intern`" in output
    assert_the_change_and_nothing_else(project, before, output)


INVALID = {
    "email": ({"kontakt": {"email": "kontakt@zanan"}}, "Feld `kontakt.email`: „kontakt@zanan“ ist keine gültige",
              "diese Angaben zu berichtigen: Kontakt"),
    "stadtbezirk": ({"stadtbezirk": "Bielefeld-Mitte"}, "ist kein Stadtbezirk", "diese Angaben zu berichtigen: Stadtbezirk"),
    "future": ({"stand": datetime.date(2027, 1, 1)}, "Das Datum 2027-01-01 liegt in der Zukunft", "Stand"),
}


@pytest.mark.parametrize("case", INVALID)
def test_an_invalid_submission_changes_nothing(project, case):
    changes, message_text, ask = INVALID[case]
    before = zanan(project).read_bytes()
    names = sorted(p.name for p in (project / "organisations").iterdir())
    text = form_yaml({**edited(zanan(project), DAY), **changes}, slug=SLUG, day=DAY)
    Path("meldung.eml").write_bytes(form_mail(text, NAME, SLUG, True, WHEN))
    code, output = uebernehmen("meldung.eml", "--ja")
    assert code == 1
    assert message_text in output, output
    assert "meldung.eml, Profil afghanischer-frauenverein-zanan-bielefeld.yml, Zeile" in output
    assert "Es wurde nichts geändert" in output and "Bitten Sie den Verein" in output and ask in output
    assert zanan(project).read_bytes() == before
    assert sorted(p.name for p in (project / "organisations").iterdir()) == names


def test_a_profile_broken_on_the_way_asks_for_the_attachment(project):
    before = zanan(project).read_bytes()
    text = change(project, **OPENING).replace("\n  email: kontakt@", "\n email: kontakt@")
    Path("meldung.eml").write_bytes(form_mail(text, NAME, SLUG, True, WHEN))
    code, output = uebernehmen("meldung.eml", "--ja")
    assert code == 1 and "YAML-Syntax" in output and "als Anhang zu schicken" in output
    assert zanan(project).read_bytes() == before


NEW_NAME = "Kulturbrücke Süd-Ost e. V."
NEW = {"name": NEW_NAME, "veroeffentlichen": True, "stand": DAY,
       "beschreibung": "Wir bringen Nachbarinnen und Nachbarn zusammen: Kochabende, Sprachcafé und Ausflüge.",
       "themen": ["begegnung"], "sprachen": ["de", "ar"], "stadtbezirk": "Mitte",
       "adresse": {"strasse": "Musterstraße 5", "plz": "33602", "ort": "Bielefeld"},
       "kontakt": {"email": "info@kulturbruecke.example"},
       "ansprechpersonen": [{"name": "Leyla Beispiel", "einwilligung": DAY}], "gegruendet": 2019}


def test_a_new_association(project):
    text = form_yaml(NEW, day=DAY)
    Path("meldung.eml").write_bytes(form_mail(text, NEW_NAME, "kulturbruecke-sued-ost-e-v", False, WHEN))
    code, output = uebernehmen("meldung.eml", "--ja")
    assert code == 0, output
    target = project / "organisations" / "kulturbruecke-sued-ost-e-v.yml"
    assert target.read_text(encoding="utf-8") == text
    assert "Inhalt des neuen Profils:" in output and "neu       Name (name)" in output
    assert f'git commit -m "Neu: {NEW_NAME}"' in output
    assert "https://vereine.bielefeld.example/vereine/kulturbruecke-sued-ost-e-v/" in output
    assert subprocess.run([sys.executable, "-m", "mso", "validate"], capture_output=True).returncode == 0


def test_a_new_association_without_consent_is_only_counted(project):
    text = form_yaml({**NEW, "veroeffentlichen": False}, day=DAY)
    Path("neu.yml").write_text(text, encoding="utf-8")
    code, output = uebernehmen("neu.yml", "--ja")
    assert code == 0, output
    assert "nur in der Gesamtzahl" in output and "/vereine/kulturbruecke" not in output


@pytest.mark.parametrize("name", ["Afghanischer Frauenverein Zanan Bielefeld", "Afghanischer Frauenverien Zanan "
                                  "Bielefeld e. V."])
def test_a_new_name_near_an_existing_one_is_reported_not_merged(project, name):
    names = sorted(p.name for p in (project / "organisations").iterdir())
    before = zanan(project).read_bytes()
    Path("neu.yml").write_text(form_yaml({**NEW, "name": name}, day=DAY), encoding="utf-8")
    code, output = uebernehmen("neu.yml", "--ja")
    assert code == 1, output
    assert f"gleich oder fast gleich wie in organisations/{SLUG}.yml" in output
    assert f"mso uebernehmen neu.yml --als {SLUG}" in output and "Es wurde nichts geändert" in output
    assert sorted(p.name for p in (project / "organisations").iterdir()) == names
    assert zanan(project).read_bytes() == before


def test_a_new_entry_for_an_existing_association_goes_in_with_als(project):
    """An unpublished association cannot load its data into the form and sends a "new" profile."""
    before = zanan(project).read_text(encoding="utf-8")
    data = edited(zanan(project), DAY, **OPENING)
    Path("neu.yml").write_text(form_yaml(data, day=DAY), encoding="utf-8")
    code, output = uebernehmen("neu.yml", "--ja")
    assert code == 1 and f"--als {SLUG}" in output
    code, output = uebernehmen("neu.yml", "--ja", "--als", SLUG)
    assert code == 0, output
    assert_the_change_and_nothing_else(project, before, output)


def test_an_edit_of_a_profile_that_is_gone(project):
    text = change(project, **OPENING)
    zanan(project).unlink()
    Path("download.yml").write_text(text, encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 1 and "gibt es nicht" in output and "--als" in output
    assert not zanan(project).exists()


def test_the_same_submission_twice_changes_nothing_the_second_time(project):
    Path("download.yml").write_text(change(project, **OPENING), encoding="utf-8")
    assert uebernehmen("download.yml", "--ja")[0] == 0
    after = zanan(project).read_bytes()
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 0 and "Keine Änderungen" in output and "git commit" not in output
    assert zanan(project).read_bytes() == after


def test_an_edit_older_than_the_profile_changes_nothing(project):
    """A form filled in before the profile's last change or confirmation would take newer facts back."""
    before = zanan(project).read_bytes()  # stand: 2026-10-05
    older = datetime.date(2026, 9, 1)
    Path("alt.yml").write_text(form_yaml(edited(zanan(project), older, **OPENING), slug=SLUG, day=older),
                               encoding="utf-8")
    code, output = uebernehmen("alt.yml", "--ja")
    assert code == 1 and "älter als die Angaben im Verzeichnis" in output and "1. September 2026" in output
    assert "5. Oktober 2026" in output and "Es wurde nichts geändert" in output, output
    assert zanan(project).read_bytes() == before


def confirmation(when: datetime.datetime | None, slug: str = SLUG, name: str = NAME, extra: str = "") -> bytes:
    """The e-mail of the "Noch aktuell?" link on a profile page (hooks/mso/templates/profile.html)."""
    msg = EmailMessage()
    msg["From"] = "kontakt@zanan-bielefeld.example"
    msg["To"] = KONTAKT
    msg["Subject"] = f"AW: Noch aktuell: {name} ({slug})"
    if when is not None:
        from email.utils import format_datetime
        msg["Date"] = format_datetime(when)
    body = (f"Guten Tag,\r\n\r\nwir bestätigen, dass die Angaben zu unserem Verein „{name}“ im MSO-Verzeichnis noch "
            f"aktuell sind.\r\n\r\nKurzadresse: {slug}\r\nSeite: https://vereine.bielefeld.example/vereine/{slug}/"
            f"\r\n\r\n{extra}Mit freundlichen Grüßen\r\n")
    msg.set_content(body.replace("\r\n", "\n"), cte="quoted-printable")
    return bytes(msg)


def test_a_confirmation_only_moves_stand_to_the_mail_date(project):
    before = zanan(project).read_text(encoding="utf-8")
    Path("bestaetigung.eml").write_bytes(confirmation(WHEN, extra="Unsere neue Telefonnummer: 0521 999\r\n\r\n"))
    code, output = uebernehmen("bestaetigung.eml", "--ja")
    assert code == 0, output
    assert changed_lines(before, zanan(project).read_text(encoding="utf-8")) == [EXPECTED[0]]
    assert f'git commit -m "Bestätigt: {NAME}"' in output
    assert "Unsere neue Telefonnummer: 0521 999" in output  # shown, not taken over


def test_a_confirmation_never_moves_stand_into_the_future_or_back(project):
    before = zanan(project).read_text(encoding="utf-8")
    Path("zukunft.eml").write_bytes(confirmation(datetime.datetime(2027, 2, 1, 8, 0, tzinfo=datetime.timezone.utc)))
    code, output = uebernehmen("zukunft.eml", "--ja")
    assert code == 0, output
    assert changed_lines(before, zanan(project).read_text(encoding="utf-8")) == [
        ("stand: 2026-10-05", f"stand: {STICHTAG.isoformat()}")]
    after = zanan(project).read_bytes()
    Path("alt.eml").write_bytes(confirmation(datetime.datetime(2026, 9, 1, 8, 0, tzinfo=datetime.timezone.utc)))
    code, output = uebernehmen("alt.eml", "--ja")
    assert code == 0 and "nichts zu ändern" in output
    assert zanan(project).read_bytes() == after


def test_a_pasted_confirmation_without_date_takes_the_stichtag(project, monkeypatch):
    text = ("wir bestätigen, dass die Angaben zu unserem Verein noch aktuell sind.\n\nKurzadresse: "
            f"{SLUG}\n")
    code, output = uebernehmen("-", "--ja", stdin=text.encode("utf-8"), monkeypatch=monkeypatch)
    assert code == 0, output
    assert f"stand: {STICHTAG.isoformat()}\n" in zanan(project).read_text(encoding="utf-8")


def test_a_confirmation_for_an_unknown_kurzadresse(project):
    Path("b.eml").write_bytes(confirmation(WHEN, slug="gibt-es-nicht"))
    code, output = uebernehmen("b.eml", "--ja")
    assert code == 1 and "gibt es nicht" in output


BROKEN = {
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "no profile": bytes(message("Hallo", WHEN)) + b"Wann ist das naechste Treffen?\n",
    "bad base64": (b"From: a@b.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
                   b"Content-Transfer-Encoding: base64\n\n!!!not base64 ===\n"),
    "unknown charset": (b"From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=x-unbekannt\n\n"
                        b"--- Profil x.yml ---\nname: \xe4\n"),
    "broken multipart": (b"From: a@b.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
                         b"boundary=\"zzz\"\n\n--zzz\nContent-Type: application/yaml; name=a.yml\n"
                         b"Content-Transfer-Encoding: base64\n\nbmFtZTog\n"),
    "html only": (b"From: a@b.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
                  b"<p>--- Profil x.yml ---<br>name: X</p>\n"),
    "latin-1 attachment": (b"From: a@b.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
                           b"boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nanbei\n--b\nContent-Type: text/yaml\n"
                           b"Content-Disposition: attachment; filename=x.yml\n\nname: Gr\xfc\xdfe\n--b--\n"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_mail_gives_a_german_message_and_no_traceback(project, case):
    before = {p.name: p.read_bytes() for p in (project / "organisations").iterdir()}
    Path("kaputt.eml").write_bytes(BROKEN[case])
    result = subprocess.run([sys.executable, "-m", "mso", "uebernehmen", "kaputt.eml", "--ja"],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Es wurde nichts geändert" in result.stdout, result.stdout
    assert {p.name: p.read_bytes() for p in (project / "organisations").iterdir()} == before


def test_outlook_msg_and_missing_files(project):
    Path("mail.msg").write_bytes(b"\xd0\xcf\x11\xe0")
    code, output = uebernehmen("mail.msg")
    assert code == 1 and "Outlook" in output and "mso uebernehmen -" in output
    code, output = uebernehmen("gibtsnicht.eml")
    assert code == 2 and "gibt es nicht" in output


def test_several_files_at_once(project):
    Path("a.yml").write_text(form_yaml(NEW, day=DAY), encoding="utf-8")
    Path("b.eml").write_bytes(confirmation(WHEN))
    code, output = uebernehmen("a.yml", "b.eml", "--ja")
    assert code == 0, output
    assert output.count("git commit -m") == 2 and output.count("git push") == 1


def merged(old_text: str, new_text: str) -> str:
    from mso.fields import profile_fields
    from mso.intake.merge import Form, merge
    from mso.schema import Schema

    schema = Schema(ROOT / "schema" / "organisation.schema.json")
    form = Form({f.key: f for f in profile_fields(schema)}, tuple(schema.properties))
    return merge(old_text, yaml.safe_load(old_text), new_text, yaml.safe_load(new_text), form, "alt.yml")


def test_merge_puts_new_fields_in_schema_order_and_keeps_comments_of_removed_ones():
    old = ("name: Verein\n# zum Stadtbezirk: laut Telefonat\nstadtbezirk: Mitte\n# Öffnungszeiten ungewiss\n"
           "oeffnungszeiten: Dienstags\nintern: x")  # no line end at the end of the file
    new = "name: Verein\nkurzname: V\nstadtbezirk: Senne\nbarrierefrei: true\n"
    assert merged(old, new) == ("name: Verein\nkurzname: V\n# zum Stadtbezirk: laut Telefonat\nstadtbezirk: Senne\n"
                                "# Öffnungszeiten ungewiss\nbarrierefrei: true\nintern: x\n")


def test_merge_keeps_defaults_the_form_leaves_out_and_the_old_list_style():
    old = "name: V\nstatus: aktiv\nsprachen:\n  - de\n  - tr\nnetzwerk_mo: false\n"
    new = "name: V\nsprachen: [de, ar]\n"
    assert merged(old, new) == "name: V\nstatus: aktiv\nsprachen:\n  - de\n  - ar\nnetzwerk_mo: false\n"


def test_an_old_file_ruamel_cannot_read_is_left_alone(project):
    """`intern` may hold anything; a "date" such as 2026-13-45 is text for the loader but not for ruamel."""
    Path("download.yml").write_text(change(project, **OPENING), encoding="utf-8")
    text = zanan(project).read_text(encoding="utf-8").replace("  kontakt: Frau Ahmadi",
                                                              "  am: 2026-13-45\n  kontakt: Frau Ahmadi")
    zanan(project).write_text(text, encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 1 and "von Hand" in output and "Es wurde nichts geändert" in output
    assert zanan(project).read_text(encoding="utf-8") == text


@pytest.mark.parametrize("als", [f"{SLUG}\n", "neuer-verein\n", "ab", "Neuer-Verein", "a--b", "-neu", "neu verein",
                                 "x" * 81])
def test_als_takes_only_a_valid_kurzadresse(project, als):
    before = {p.name: p.read_bytes() for p in (project / "organisations").iterdir()}
    Path("neu.yml").write_text(form_yaml(edited(zanan(project), DAY, **OPENING), day=DAY), encoding="utf-8")
    code, output = uebernehmen("neu.yml", "--ja", f"--als={als}")
    assert code == 2 and "gültige Kurzadresse" in output, output
    assert {p.name: p.read_bytes() for p in (project / "organisations").iterdir()} == before


@pytest.mark.parametrize("slug", ["a--b", "ab", "-" + SLUG])
def test_an_edit_header_with_an_invalid_kurzadresse_changes_nothing(project, slug):
    before = {p.name: p.read_bytes() for p in (project / "organisations").iterdir()}
    Path("download.yml").write_text(change(project, **OPENING).replace(f"Profils {SLUG},", f"Profils {slug},"),
                                    encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 1 and "Es wurde nichts geändert" in output, output
    assert {p.name: p.read_bytes() for p in (project / "organisations").iterdir()} == before


@pytest.mark.parametrize("slug", ["ab", "x" * 81])
def test_a_confirmation_names_a_valid_kurzadresse_or_is_none(project, slug):
    Path("b.eml").write_bytes(confirmation(WHEN, slug=slug))
    code, output = uebernehmen("b.eml", "--ja")
    assert code == 1 and "Es wurde nichts geändert" in output, output


# --- what came by mail never reaches the staff's terminal as control sequences ---------------------------

ESCAPES = {
    "clear screen": "\x1b[2J\x1b[H",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "OSC 8 link": "\x1b]8;;https://evil.example/\x1b\\Hier klicken\x1b]8;;\x1b\\",
    "C1 CSI": "\x9b31m rot",
    "bell and backspace": "\x07\x08\x08\x08",
    "carriage return": "harmlos\rGeschrieben: organisations/x.yml",
    "bidi override": "\u202elmy.exe",
    "bidi isolate": "\u2067123 456\u2069",
}


def assert_terminal_safe(output: str) -> None:
    import unicodedata

    raw = sorted({f"U+{ord(c):04X}" for c in output if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                  and c not in "\n\t\u200c\u200d"})
    assert raw == [], (raw, output)


@pytest.mark.parametrize("escape", ESCAPES)
def test_the_words_of_a_confirmation_are_shown_without_control_sequences(project, escape):
    raw = confirmation(WHEN, extra="Unsere neue Telefonnummer PLATZHALTER 0521 999\r\n\r\n")
    encoded = "".join(f"={byte:02X}" for byte in ESCAPES[escape].encode("utf-8")).encode("ascii")
    Path("bestaetigung.eml").write_bytes(raw.replace(b"PLATZHALTER", encoded))  # quoted-printable, as sent
    code, output = uebernehmen("bestaetigung.eml", "--ja")
    assert code == 0, output
    assert "Unsere neue Telefonnummer" in output and "‹U+" in output
    assert_terminal_safe(output)


@pytest.mark.parametrize("escape", ESCAPES)
def test_an_attachment_name_is_shown_without_control_sequences(project, escape):
    msg = message("Unser Eintrag", WHEN)
    msg.set_content("Guten Tag,\n\nanbei unsere Angaben.\n")
    broken = change(project, **OPENING).replace("stadtbezirk: Mitte", "stadtbezirk: Nirgendwo")
    msg.add_attachment(broken.encode("utf-8"), maintype="application", subtype="octet-stream",
                       filename="platzhalter.yml")
    name = "verein" + "".join(f"%{byte:02X}" for byte in ESCAPES[escape].encode("utf-8")) + ".yml"
    raw = bytes(msg).replace(b'filename="platzhalter.yml"', f"filename*=utf-8''{name}".encode("ascii"))
    Path("anhang.eml").write_bytes(raw)  # the file name RFC 2231 encoded, as a mail program sends it
    code, output = uebernehmen("anhang.eml", "--ja")
    assert code == 1 and "Nirgendwo" in output and "anhang.eml, Anhang verein" in output, output
    assert_terminal_safe(output)


@pytest.mark.parametrize("escape", ["\\e[2J", "\\x9b2J", "\\u202e", "\\x07"])
def test_a_field_name_with_an_escape_is_shown_without_it(project, escape):
    text = change(project, **OPENING) + f'"x{escape}y": 1\n'
    Path("download.yml").write_text(text, encoding="utf-8")
    code, output = uebernehmen("download.yml", "--ja")
    assert code == 1 and "Es wurde nichts geändert" in output, output
    assert_terminal_safe(output)


def test_mso_validate_shows_file_names_and_fields_without_control_sequences(project):
    (project / "organisations" / "\x1b[2Jverein.yml").write_text('name: "\\e]52;c;eA==\\a"\n"\\e[31m": 1\n',
                                                                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mso", "validate"], capture_output=True, text=True)
    assert result.returncode == 1 and "‹U+001B›" in result.stdout, result.stdout + result.stderr
    assert_terminal_safe(result.stdout + result.stderr)


@pytest.mark.parametrize("name, why", [("AB", "mindestens 3 Zeichen"), ("Ö", "mindestens 3 Zeichen"),
                                       ("🎉🎊", "keine Buchstaben oder Ziffern")])
def test_a_new_name_without_a_kurzadresse_says_why_and_offers_als(project, name, why):
    before = sorted(p.name for p in (project / "organisations").iterdir())
    Path("neu.yml").write_text(form_yaml({**NEW, "name": name}, day=DAY), encoding="utf-8")
    code, output = uebernehmen("neu.yml", "--ja")
    assert code == 1 and why in output and "--als" in output and "Es wurde nichts geändert" in output, output
    assert sorted(p.name for p in (project / "organisations").iterdir()) == before
