"""Every class of bad input gets a German message that names the file, the line and the field."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, STICHTAG, minimal_profile, write_profiles
from mso.schema import Schema
from mso.validate import validate_paths

SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")


def problems_for(tmp_path, content, name="verein-test"):
    write_profiles(tmp_path, {name: content})
    _, problems = validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)
    return problems


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_profile_has_no_problems(tmp_path):
    assert problems_for(tmp_path, minimal_profile()) == []


def test_withheld_profile_needs_only_four_fields(tmp_path):
    data = {"name": "Stiller Verein", "veroeffentlichen": False, "stand": "2026-01-01", "stadtbezirk": "Senne"}
    assert problems_for(tmp_path, data) == []


def test_unknown_stadtbezirk_lists_the_allowed_ones(tmp_path):
    text = dump(minimal_profile(stadtbezirk="Bielefeld-Mitte"))
    problem = only(problems_for(tmp_path, text))
    line = text.splitlines().index("stadtbezirk: Bielefeld-Mitte") + 1
    assert str(problem).startswith(f"verein-test.yml, Zeile {line}: Feld `stadtbezirk`: "
                                   "„Bielefeld-Mitte“ ist kein Stadtbezirk.")
    assert "Erlaubt sind: Brackwede, Dornberg" in problem.message
    assert (problem.line, problem.column) == (line, len("stadtbezirk: ") + 1)


def test_wrong_type_names_expected_type(tmp_path):
    problem = only(problems_for(tmp_path, minimal_profile(themen="kultur")))
    assert problem.field == "themen" and "Hier wird eine Liste" in problem.message


def test_unknown_field_suggests_the_right_one(tmp_path):
    data = minimal_profile()
    data["beschriebung"] = data.pop("beschreibung")
    text = dump(data)
    problems = problems_for(tmp_path, text)
    typo = next(p for p in problems if p.field == "beschriebung")
    assert "Dieses Feld gibt es nicht. Meinten Sie `beschreibung`?" in typo.message
    assert typo.line == 1 + next(i for i, line in enumerate(text.splitlines()) if line.startswith("beschriebung"))
    assert any(p.field == "beschreibung" and "Pflichtfeld" in p.message for p in problems)


def test_duplicate_keys_are_errors(tmp_path):
    text = dump(minimal_profile()) + "name: Noch ein Name\n"
    problem = only(problems_for(tmp_path, text))
    assert problem.field == "name" and "doppelt" in problem.message and "Zeile 1" in problem.message
    assert problem.line == len(text.splitlines())


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.example/", "www.x.example"])
def test_only_http_links(tmp_path, url):
    problem = only(problems_for(tmp_path, minimal_profile(kontakt={"website": url})))
    assert problem.field == "kontakt.website"
    assert "https://" in problem.message


def test_person_without_einwilligung(tmp_path):
    data = minimal_profile(ansprechpersonen=[{"name": "Erika Beispiel", "funktion": "Vorsitz"}])
    problem = only(problems_for(tmp_path, data))
    assert problem.field == "ansprechpersonen[1].einwilligung" and "Pflichtfeld" in problem.message


def test_future_dates(tmp_path):
    data = minimal_profile(stand="2030-01-01",
                           ansprechpersonen=[{"name": "Erika Beispiel", "einwilligung": "2031-01-01"}])
    fields = {p.field for p in problems_for(tmp_path, data)}
    assert fields == {"stand", "ansprechpersonen[1].einwilligung"}


@pytest.mark.parametrize("year", [STICHTAG.year + 1, 2100, 2101, 9999])
def test_a_founding_year_after_the_stichtag_is_an_error(tmp_path, year):
    problem = only(problems_for(tmp_path, dump(minimal_profile(gegruendet=year))))
    assert (problem.file, problem.field) == ("verein-test.yml", "gegruendet")
    assert problem.line == len(dump(minimal_profile()).splitlines()) + 1  # the line of `gegruendet`
    assert f"Gründungsjahr {year} liegt in der Zukunft" in problem.message
    assert f"höchstens {STICHTAG.year}" in problem.message and "löschen Sie die Zeile" in problem.message
    assert str(problem).startswith(f"verein-test.yml, Zeile {problem.line}: Feld `gegruendet`: ")


@pytest.mark.parametrize("year", [1850, 1998, STICHTAG.year])
def test_a_founding_year_up_to_the_stichtag_is_fine(tmp_path, year):
    assert problems_for(tmp_path, minimal_profile(gegruendet=year)) == []


def test_the_founding_year_follows_the_stichtag(tmp_path):
    import datetime

    write_profiles(tmp_path, {"verein-test": minimal_profile(gegruendet=2027)})
    for stichtag, expected in ((datetime.date(2026, 12, 31), 1), (datetime.date(2027, 1, 1), 0)):
        _, problems = validate_paths([tmp_path], SCHEMA, stichtag, root=tmp_path)
        assert len(problems) == expected


def test_a_future_founding_year_is_reported_with_every_other_problem(tmp_path):
    write_profiles(tmp_path, {"a-verein": minimal_profile("A Verein", gegruendet=2030, stand="2030-01-01"),
                              "b-verein": minimal_profile("B Verein", gegruendet=2050),
                              "c-verein": minimal_profile("C Verein", gegruendet="1999")})
    _, problems = validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)
    assert sorted((p.file, p.field) for p in problems) == [
        ("a-verein.yml", "gegruendet"), ("a-verein.yml", "stand"), ("b-verein.yml", "gegruendet"),
        ("c-verein.yml", "gegruendet")]
    assert "Zukunft" not in problems[-1].message  # a year in quotes: the type's message, not a crash


def test_mso_validate_names_a_future_founding_year(tmp_path):
    write_profiles(tmp_path, {"verein-test": minimal_profile(gegruendet=2100)})
    mso = [sys.executable, "-m", "mso", "--config", str(ROOT / "mkdocs.yml"), "validate", str(tmp_path)]
    result = subprocess.run(mso, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "verein-test.yml, Zeile" in result.stdout and "Feld `gegruendet`: Das Gründungsjahr 2100" in result.stdout


def test_broken_yaml(tmp_path):
    problem = only(problems_for(tmp_path, "name: Verein\nthemen: [kultur\nstand: 2026-01-01\n"))
    assert problem.line is not None and "YAML-Syntax" in problem.message


def test_tabs(tmp_path):
    problem = only(problems_for(tmp_path, "name: Verein\nkontakt:\n\temail: a@b.example\n"))
    assert problem.line == 3 and "Tabulator" in problem.message


def test_latin1_bytes(tmp_path):
    problem = only(problems_for(tmp_path, "name: Verein für Kultur\n".encode("latin-1")))
    assert problem.line == 1 and "UTF-8" in problem.message


def test_bom_and_crlf_are_fine(tmp_path):
    text = dump(minimal_profile()).replace("\n", "\r\n")
    assert problems_for(tmp_path, b"\xef\xbb\xbf" + text.encode()) == []


def test_alias_bomb(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    problems = problems_for(tmp_path, bomb)
    assert [p.line for p in problems] == [1, 2], "one message per kind, at its first place"
    assert all("nicht erlaubt" in p.message for p in problems)
    assert "weiteren Stellen" in problems[1].message


def test_python_tag(tmp_path):
    problem = only(problems_for(tmp_path, "name: !!python/object/apply:os.system ['echo x']\n"))
    assert problem.line == 1 and "Typangabe `!!python/object/apply:os.system`" in problem.message


def test_empty_file(tmp_path):
    assert "leer" in only(problems_for(tmp_path, "")).message


def test_large_file(tmp_path):
    problem = only(problems_for(tmp_path, "name: x\nbeschreibung: " + "a" * 3_000_000 + "\n"))
    assert "zu groß" in problem.message


def test_file_name_with_spaces(tmp_path):
    problem = only(problems_for(tmp_path, minimal_profile(name="Mein Verein"), name="Mein Verein.yml"))
    assert "Dateiname" in problem.message and "mein-verein.yml" in problem.message


def test_control_characters(tmp_path):
    problem = only(problems_for(tmp_path, "name: Verein\x07\n"))
    assert problem.line == 1 and "Steuerzeichen" in problem.message


def test_near_duplicate_names_across_files(tmp_path):
    write_profiles(tmp_path, {"verein-a": minimal_profile("Kulturverein Süd e. V."),
                              "verein-b": minimal_profile("Kulturverein Sued eV")})
    _, problems = validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)
    problem = only(problems)
    assert problem.file == "verein-b.yml" and "verein-a.yml" in problem.message


def test_unquoted_no_as_language(tmp_path):
    problem = only(problems_for(tmp_path, dump(minimal_profile()).replace("- de", "- no")))
    assert "Anführungszeichen" in problem.message


def test_all_problems_of_all_files_at_once(tmp_path):
    write_profiles(tmp_path, {"a-verein": minimal_profile("A", stadtbezirk="X", themen=[]),
                              "b-verein": "name: [", "c-verein": minimal_profile("C")})
    _, problems = validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)
    assert {p.file for p in problems} == {"a-verein.yml", "b-verein.yml"}
    assert len(problems) == 3


def test_messages_never_contain_jsonschema_english(tmp_path):
    data = minimal_profile(themen=["kochen", "kochen"], sprachen=[], gegruendet=1200, kontakt={},
                           adresse={"strasse": "", "plz": 33602, "ort": "Bielefeld"},
                           beschreibung={"tr": "Merhaba"}, barrierefrei=3)
    text = " ".join(str(p) for p in problems_for(tmp_path, data))
    for english in ("is not", "is a required", "should be", "does not match", "too short", "Additional"):
        assert english not in text


def test_cli_exit_codes(tmp_path):
    write_profiles(tmp_path / "ok", {"gut-verein": minimal_profile()})
    write_profiles(tmp_path / "bad", {"boese-verein": minimal_profile(kontakt={"website": "javascript:x"})})
    mso = [sys.executable, "-m", "mso", "--config", str(ROOT / "mkdocs.yml"), "validate"]
    ok = subprocess.run([*mso, str(tmp_path / "ok")], capture_output=True, text=True)
    bad = subprocess.run([*mso, str(tmp_path / "bad")], capture_output=True, text=True)
    usage = subprocess.run([*mso, "--gibtsnicht"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert bad.returncode == 1 and "Zeile" in bad.stdout and "Traceback" not in bad.stdout + bad.stderr
    assert usage.returncode == 2 and "Fehler beim Aufruf" in usage.stderr


def test_shipped_data_is_valid():
    result = subprocess.run([sys.executable, "-m", "mso", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_names_one_typo_apart_are_flagged(tmp_path):
    write_profiles(tmp_path, {"a-verein": minimal_profile("Kurdischer Frauenverein Bielefeld"),
                              "b-verein": minimal_profile("Kurdischer Frauenverein Bielfeld"),
                              "c-verein": minimal_profile("Kamerunischer Studierendenverein"),
                              "d-verein": minimal_profile("Pakistanischer Studierendenverein")})
    _, problems = validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)
    assert [(p.file, p.field) for p in problems] == [("b-verein.yml", "name")]
