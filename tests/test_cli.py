"""The `mso` command: `mso new` writes a valid profile and never overwrites; wrong use and broken settings
get German messages, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT, make_project, minimal_profile, write_profiles


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "mso", *args], cwd=project, capture_output=True, text=True)


def test_new_profile_is_valid_and_never_overwritten(tmp_path):
    make_project(tmp_path, {})
    created = run(tmp_path, "new", "Kulturverein Süd-Ost e. V.")
    target = tmp_path / "organisations" / "kulturverein-sued-ost-e-v.yml"
    assert created.returncode == 0 and target.exists()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/organisation.schema.json")
    assert "veroeffentlichen: false" in text
    assert run(tmp_path, "validate").returncode == 0
    target.write_text(text + "# eigene Änderung\n", encoding="utf-8")
    again = run(tmp_path, "new", "Kulturverein Süd-Ost e. V.")
    assert again.returncode == 1 and "gibt es schon" in again.stderr
    assert target.read_text(encoding="utf-8").endswith("# eigene Änderung\n")


def test_every_schema_field_has_a_comment_in_the_template(tmp_path):
    from mso.schema import Schema
    from mso.template import new_profile
    import datetime
    from pathlib import Path

    schema = Schema(ROOT / "schema" / "organisation.schema.json")
    text = new_profile("Test", schema, datetime.date(2026, 11, 22), Path("../schema/organisation.schema.json"),
                       stadt="Teststadt")
    for field in schema.properties:
        assert f"\n{field}:" in text or f"\n# {field}:" in text, field


BROKEN_SETTINGS = {
    "schema ist kein JSON": ("schema/organisation.schema.json", "{", "kein gültiges JSON"),
    "verzeichnis ist Text": ("mkdocs.yml", ("  verzeichnis:\n", "  verzeichnis: x\n  alt:\n"), "name: Wert"),
    "Monate als Wahrheitswert": ("mkdocs.yml", ("monate_bis_bestaetigung: 12", "monate_bis_bestaetigung: true"),
                                 "ganze Zahl"),
    "mkdocs.yml kaputt": ("mkdocs.yml", ("site_name:", "site_name: [\nx:"), "YAML-Syntax"),
}


@pytest.mark.parametrize("case", BROKEN_SETTINGS)
def test_broken_settings_give_german_errors_without_traceback(tmp_path, case):
    make_project(tmp_path, {})
    path, change, expected = BROKEN_SETTINGS[case]
    target = tmp_path / path
    if isinstance(change, str):
        target.write_text(change, encoding="utf-8")
    else:
        text = target.read_text(encoding="utf-8")
        assert change[0] in text
        target.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    result = run(tmp_path, "validate")
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr + result.stdout


def test_argparse_speaks_german(tmp_path):
    result = run(ROOT, "validate", "--gibtsnicht")
    assert result.returncode == 2 and "unbekannte Angaben: --gibtsnicht" in result.stderr
    assert "usage" not in result.stderr and "Aufruf: mso" in result.stderr


def test_the_command_reads_mkdocs_yml_as_mkdocs_does(tmp_path):
    """`INHERIT` and `!ENV` work for `mso` as for the build: the child's settings and data folder count."""
    make_project(tmp_path, {"kaputt": "name: [\n"})
    write_profiles(tmp_path / "andere", {"gut": minimal_profile("Guter Verein")})
    (tmp_path / "kind.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  verzeichnis:\n    stadt: !ENV [MSO_TEST_STADT, Irgendwo]\n"
        "    daten: andere\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mso", "--config", "kind.yml", "validate"], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "MSO_TEST_STADT": "Musterstadt"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "in Ordnung" in result.stdout

    from mso import config

    settings = config.from_mkdocs_file(tmp_path / "kind.yml", environ={"MSO_STICHTAG": "2026-11-22"})
    assert settings.daten == (tmp_path / "andere").resolve() and settings.herausgeber


def test_unknown_and_mistyped_settings_are_named_in_german(tmp_path):
    from mso import config

    with pytest.raises(config.ConfigError) as caught:
        config.from_mapping({"stadt": 3, "herausgeber": "KI", "stadtt": "x", "monate_bis_ausblenden": "24",
                             "texte": {"a": 1}}, tmp_path, environ={})
    message = str(caught.value)
    for expected in ("`extra.verzeichnis.stadt` muss ein Text sein", "`extra.verzeichnis.kontakt_email` fehlt",
                     "`extra.verzeichnis.stadtt` ist unbekannt", "`extra.verzeichnis.monate_bis_ausblenden` muss "
                     "eine ganze Zahl", "`extra.verzeichnis.texte` muss aus Texten"):
        assert expected in message


@pytest.fixture
def empty_project(tmp_path):
    return make_project(tmp_path, {})


@pytest.mark.parametrize("name, reason", [
    ("Verein " + "x" * 150, "zu lang"),
    ("Verein \u2067123 456\u2069", "Richtungszeichen"),
    ("Verein\nzweite Zeile", "Zeilenumbruch"),
    ("Verein\u2028Nord", "U+2028"),
    ("Verein\ufffe Nord", "U+FFFE"),
    ("Verein Z" + "\u0336" * 20, "übereinandergesetzte"),
    ("Verein\u200b Nord", "Formatzeichen"),
])
def test_new_refuses_a_name_that_validate_would_refuse(empty_project, name, reason):
    result = run(empty_project, "new", name)
    assert result.returncode == 2, result.stdout + result.stderr
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert list((empty_project / "organisations").iterdir()) == []


def test_new_refuses_a_look_alike_of_an_existing_name(empty_project):
    assert run(empty_project, "new", "Il Ponte").returncode == 0
    result = run(empty_project, "new", "Il P\u043ente e. V.")  # Cyrillic о; another file name
    assert result.returncode == 2 and "il-ponte.yml" in result.stderr and "derselbe Verein" in result.stderr
    assert len(list((empty_project / "organisations").iterdir())) == 1


@pytest.mark.parametrize("name", ["A" * 150, "Deutsch-Türkischer Elternverein Bielefeld e. V.",
                                  "Familie 👨\u200d👩\u200d👧 Verein", "Kurdisch-Deutscher Kulturverein"])
def test_new_accepts_what_validate_accepts(empty_project, name):
    result = run(empty_project, "new", name)
    assert result.returncode == 0, result.stderr
    assert run(empty_project, "validate").returncode == 0


@pytest.mark.parametrize("first, second", [("Club Olimpia", "CIub OIimpia e. V."), ("Il Ponte", "1l Ponte e. V.")])
def test_new_refuses_a_look_alike_in_i_l_1_and_o_0(empty_project, first, second):
    assert run(empty_project, "new", first).returncode == 0
    result = run(empty_project, "new", second)
    assert result.returncode == 2 and "derselbe Verein" in result.stderr, result.stderr
    assert len(list((empty_project / "organisations").iterdir())) == 1


UNKNOWN_SHAPES = {
    "null": (("properties", "foo"), {"type": "null"}),
    "number": (("properties", "foo"), {"type": "number"}),
    "object without fields": (("properties", "foo"), {"type": "object"}),
    "anyOf integer or text": (("properties", "foo"), {"anyOf": [{"type": "integer"}, {"type": "string"}]}),
    "inside a group": (("properties", "adresse", "properties", "foo"), {"type": "null"}),
}


def with_schema_change(project, where, node):
    import json

    path = project / "schema" / "organisation.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    parent = schema
    for key in where[:-1]:
        parent = parent[key]
    parent[where[-1]] = node
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.mark.parametrize("case", UNKNOWN_SHAPES)
def test_validate_refuses_a_schema_shape_the_build_refuses(tmp_path, case):
    project = make_project(tmp_path, {"beispielverein": minimal_profile()})
    with_schema_change(project, *UNKNOWN_SHAPES[case])
    for args in (("validate",), ("validate", "organisations/beispielverein.yml"), ("new", "Ganz neuer Verein")):
        result = run(project, *args)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert "foo" in result.stderr and "Form, die das Formular nicht kennt" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "organisations").iterdir()) == ["beispielverein.yml"]


def test_the_build_refuses_the_same_shape(tmp_path):
    from conftest import build

    project = make_project(tmp_path, {"beispielverein": minimal_profile()})
    with_schema_change(project, *UNKNOWN_SHAPES["null"])
    result = build(project)
    assert result.returncode != 0 and "Form, die das Formular nicht kennt" in result.stdout + result.stderr


@pytest.mark.parametrize("name, slug", [("ab", "ab"), ("A", "a"), ("Ö", "oe"), ("  x  ", "x"), ("é", "e"),
                                        ("Ü!", "ue")])
def test_new_names_the_minimum_length_when_the_kurzadresse_is_too_short(empty_project, name, slug):
    result = run(empty_project, "new", name)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"wird die Kurzadresse „{slug}“" in result.stderr and "mindestens 3 Zeichen" in result.stderr, result.stderr
    assert "lateinischen Buchstaben" not in result.stderr
    assert list((empty_project / "organisations").iterdir()) == []


@pytest.mark.parametrize("name", ["🎉", "★★★", "!!!", "…"])
def test_new_says_when_a_name_has_nothing_to_make_a_kurzadresse_from(empty_project, name):
    result = run(empty_project, "new", name)
    assert result.returncode == 2 and "keine Buchstaben oder Ziffern" in result.stderr, result.stderr
    assert "mindestens" not in result.stderr
