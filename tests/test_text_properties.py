"""Properties of load → validate over arbitrary Unicode text in every field.

Whatever text a field holds, `mso validate` either accepts the profile or answers with German problems that
name the file and the line; nothing raises. A profile that validates holds none of the refused characters.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, minimal_profile
from mso.characters import MAX_MARKS
from mso.schema import Schema
from mso.validate import validate_paths

SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")
STICHTAG = datetime.date(2026, 11, 22)
PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
GERMAN = re.compile(r"\b(Die|Der|Das|ist|sind|nicht|Sie|Datei|Zeile|Feld|bitte|erlaubt|fehlt|gibt|Text)\b", re.I)

# Every category but surrogates, which UTF-8 cannot hold; plus the characters this is about, more often.
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
TRICKY = st.sampled_from(list("\n\t\r\x00\x85\u2028\u2029\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068"
                              "\u2069\u202a\u202e\ufeff\ufffe\uffff\ufdd0\U0001fffe\U000e0041\u0301\u0489:#'\"-[]{}&*!|>%@`"
                              "\u3164\u2800\u115f\ufe0f\u0903\u2060 "))
ANY_TEXT = st.text(st.one_of(ANY_CHAR, TRICKY), max_size=40)

FIELDS: dict[str, tuple] = {
    "name": ("name",), "kurzname": ("kurzname",), "beschreibung.de": ("beschreibung", "de"),
    "beschreibung.tr": ("beschreibung", "tr"), "oeffnungszeiten": ("oeffnungszeiten",),
    "adresse.strasse": ("adresse", "strasse"), "adresse.plz": ("adresse", "plz"), "adresse.ort": ("adresse", "ort"),
    "adresse.zusatz": ("adresse", "zusatz"), "kontakt.email": ("kontakt", "email"),
    "kontakt.telefon": ("kontakt", "telefon"), "kontakt.website": ("kontakt", "website"),
    "kontakt.social": ("kontakt", "social", 0), "ansprechpersonen.name": ("ansprechpersonen", 0, "name"),
    "ansprechpersonen.funktion": ("ansprechpersonen", 0, "funktion"),
    "ansprechpersonen.email": ("ansprechpersonen", 0, "email"), "angebote": ("angebote", 0),
    "vereinsregister": ("vereinsregister",), "barrierefrei": ("barrierefrei",), "intern": ("intern",),
    "stand": ("stand",), "stadtbezirk": ("stadtbezirk",), "themen": ("themen", 0), "sprachen": ("sprachen", 0),
}
STYLES = st.sampled_from([{"allow_unicode": True}, {"allow_unicode": False}, {"allow_unicode": True, "width": 15},
                          {"allow_unicode": True, "default_style": '"'}, {"allow_unicode": True, "default_style": "|"}])


def base_profile() -> dict:
    return minimal_profile(
        "Verein für Eigenschaften", beschreibung={"de": "Ein Verein.", "tr": "Bir dernek."},
        adresse={"strasse": "Weg 1", "plz": "33602", "ort": "Bielefeld"},
        kontakt={"email": "info@verein.example", "social": ["https://social.example/verein"]},
        ansprechpersonen=[{"name": "Erika Beispiel", "einwilligung": "2026-01-01"}], angebote=["Kurse"])


def put(data: dict, path: tuple, value: str) -> dict:
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def check(tmp_path: Path, raw: bytes):
    (tmp_path / "fuzz.yml").write_bytes(raw)
    documents, problems = validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)
    assert bool(documents) or bool(problems)
    for problem in problems:
        assert problem.file == "fuzz.yml" and problem.line is not None, str(problem)
        assert GERMAN.search(problem.message) and "Traceback" not in problem.message, str(problem)
    return documents, problems


def strings(data, path=()):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key), key
            yield from strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*path, index))


REFUSED_EVERYWHERE = re.compile("[\u2028\u2029\x85\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\ufeff\ufff9-\ufffb"
                                "\ufdd0-\ufdef\U000e0000-\U000e007f]")
BLANK_LOOKING = "\u115f\u1160\u3164\uffa0\u2800"
REFUSED_ON_ONE_LINE = re.compile("[\n\t\u200e\u200f\u061c\u2066-\u2069\u200b\u2060]")


def assert_clean(data: dict) -> None:
    """The refused characters, named here independently of mso.characters."""
    for path, text in strings(data):
        assert not REFUSED_EVERYWHERE.search(text), (path, text)
        assert not any((ord(c) & 0xFFFE) == 0xFFFE for c in text), (path, text)
        marks = 0  # per cluster: joiners, other format characters and spacing marks do not start a new one
        for char in text:
            category = unicodedata.category(char)
            marks = marks + 1 if category in ("Mn", "Me") else marks if category in ("Mc", "Cf") else 0
            assert marks <= MAX_MARKS, (path, text)
        if text and path and path[-1] in ("name", "kurzname", "de", "tr", "strasse", "ort", "zusatz", "funktion"):
            # something that is drawn: not only spaces, marks, fillers (U+3164 …) or the Braille blank
            assert any(unicodedata.category(c)[0] in "LNPS" and c not in BLANK_LOOKING or
                       unicodedata.category(c) in ("Mc", "Co", "Cn", "Cf") and c not in "\u200b\u200c\u200d\u2060"
                       for c in text), (path, text)
        if path and path[0] not in ("beschreibung", "oeffnungszeiten", "intern"):
            assert not REFUSED_ON_ONE_LINE.search(text), (path, text)
            assert not [c for c in text if unicodedata.category(c) == "Cf" and c not in "\u200c\u200d"], (path, text)


@PROPERTY
@given(st.sampled_from(sorted(FIELDS)), ANY_TEXT, STYLES)
def test_any_text_in_any_field_is_accepted_clean_or_refused_in_german(tmp_path_factory, field, text, style):
    data = put(base_profile(), FIELDS[field], text)
    raw = yaml.safe_dump(data, sort_keys=False, **style).encode("utf-8")
    documents, problems = check(tmp_path_factory.mktemp("p"), raw)
    if not problems:
        assert documents[0].data == data
        assert_clean(documents[0].data)


@PROPERTY
@given(st.dictionaries(st.sampled_from(sorted(FIELDS)), ANY_TEXT, min_size=2, max_size=8), STYLES)
def test_many_fields_at_once(tmp_path_factory, values, style):
    data = base_profile()
    for field, text in values.items():
        put(data, FIELDS[field], text)
    raw = yaml.safe_dump(data, sort_keys=False, **style).encode("utf-8")
    documents, problems = check(tmp_path_factory.mktemp("p"), raw)
    if not problems:
        assert_clean(documents[0].data)


@PROPERTY
@given(ANY_TEXT, ANY_TEXT)
def test_any_key_and_value(tmp_path_factory, key, value):
    data = base_profile()
    data[key] = value
    raw = yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode("utf-8")
    documents, problems = check(tmp_path_factory.mktemp("p"), raw)
    if not problems:
        assert_clean(documents[0].data)


@PROPERTY
@given(ANY_TEXT, st.integers(0, 400))
def test_any_text_pasted_anywhere_in_the_file(tmp_path_factory, text, at):
    """Raw, unescaped: as a person pastes it into an editor."""
    raw = yaml.safe_dump(base_profile(), sort_keys=False, allow_unicode=True)
    at = min(at, len(raw))
    documents, problems = check(tmp_path_factory.mktemp("p"), (raw[:at] + text + raw[at:]).encode("utf-8"))
    if not problems:
        assert_clean(documents[0].data)
