"""Property-based tests of the hardened loader: whatever a file holds, `mso.load` answers in German.

Arbitrary bytes and arbitrary YAML never crash the loader (or the validation behind it) and never show a
traceback; each limit – size, nesting depth, UTF-8, control characters, tags, anchors, aliases, duplicate
keys – is found wherever it sits in the file, and plain data written by a YAML library loads unchanged.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from mso.characters import forbidden_anywhere
from mso.load import MAX_BYTES, MAX_DEPTH, load_bytes
from mso.problems import Problem
from mso.schema import Schema
from mso.validate import validate_paths

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")
STICHTAG = datetime.date(2026, 11, 22)
PATH = Path("organisations/fuzz.yml")
# Words one of which every German message uses; English library messages use none of them.
GERMAN = re.compile(r"\b(Die|Der|Das|ist|sind|nicht|Sie|Datei|Zeile|Feld|bitte|erlaubt|fehlt|gibt)\b", re.I)
ENGLISH_ONLY = re.compile(r"Traceback|Error:|Exception|object has no attribute|is not of type")


def load(raw: bytes):
    return load_bytes(raw, PATH, PATH.as_posix())


def assert_german(problems: list[Problem]) -> None:
    for problem in problems:
        text = str(problem)
        assert isinstance(problem, Problem) and problem.file == PATH.as_posix()
        assert GERMAN.search(problem.message), text
        assert not ENGLISH_ONLY.search(problem.message.split("(technisch:")[0]), text


def assert_answered(raw: bytes) -> tuple:
    """The loader returns either a document and no problems, or no document and German problems."""
    doc, problems = load(raw)
    assert (doc is None) == bool(problems)
    assert_german(problems)
    return doc, problems


def messages(raw: bytes) -> str:
    return "\n".join(p.message for p in load(raw)[1])


# --- anything at all ----------------------------------------------------------------------------------

@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw):
    assert_answered(raw)


YAML_PIECES = st.sampled_from([
    "name", "beschreibung", "themen", "x", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "?", "&a ", "*a", "!!str ",
    "!!python/object:os.system ", "!tag ", "'", '"', "|", ">", "#", "---", "...", "%YAML 1.1", "\n", "\n  ",
    "\n    ", "\t", " ", "2026-11-22", "true", "no", "~", "1e999", "0x1F", "\\", "\\x1b", "é", "ß", "العربية",
    "\u202e", "\x00", "\x85", "\ufeff", "\r\n", "<<: ", "=", "@", "`",
])


@FUZZ
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_arbitrary_yaml_like_text(text):
    assert_answered(text.encode("utf-8"))


@FUZZ
@given(st.lists(YAML_PIECES, max_size=60).map("".join))
def test_validation_of_arbitrary_yaml_never_crashes(tmp_path_factory, text):
    """The whole check `mso validate` runs: loader, schema and extra checks."""
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "fuzz.yml").write_bytes(text.encode("utf-8"))
    documents, problems = validate_paths([folder], SCHEMA, STICHTAG, root=folder)
    assert documents or problems
    for problem in problems:
        assert GERMAN.search(problem.message), str(problem)
        assert "Traceback" not in problem.message


# --- plain data, as editors and YAML libraries write it ---------------------------------------------------

# Text a file may hold anywhere (mso.characters); the single-line rules come later, in validation.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")).filter(
    lambda c: forbidden_anywhere(c) is None), max_size=40)
SCALARS = st.one_of(TEXT, st.integers(-10**12, 10**12), st.booleans(), st.none(),
                    st.dates().map(datetime.date.isoformat))


def nested(depth: int):
    """Data of at most `depth` levels of mappings and lists below the top-level mapping."""
    children = SCALARS if depth <= 0 else st.one_of(SCALARS, st.deferred(lambda: nested(depth - 1)))
    return st.one_of(st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4))


PROFILES = st.dictionaries(TEXT, st.one_of(SCALARS, nested(MAX_DEPTH - 2)), min_size=1, max_size=6)
STYLES = st.sampled_from([{}, {"default_flow_style": True}, {"width": 20}, {"indent": 4}, {"allow_unicode": False},
                          {"default_flow_style": True, "allow_unicode": False}])


@FUZZ
@given(PROFILES, STYLES)
def test_plain_data_loads_unchanged(data, style):
    raw = yaml.safe_dump(data, sort_keys=False, **{"allow_unicode": True, **style}).encode("utf-8")
    doc, problems = assert_answered(raw)
    assert problems == [] and doc.data == data


# --- each limit, wherever it sits ------------------------------------------------------------------------

@FUZZ
@given(PROFILES, st.integers(1, MAX_DEPTH + 6))
def test_nesting_depth(data, depth):
    deep: object = "x"
    for level in range(depth - 1):
        deep = [deep] if level % 2 else {"ebene": deep}
    text = yaml.safe_dump({**data, "tief": deep}, allow_unicode=True, sort_keys=False)
    found = messages(text.encode("utf-8"))
    assert ("verschachtelt" in found) == (depth > MAX_DEPTH), found  # the file itself is level 1


@settings(max_examples=20, deadline=None)
@given(st.integers(MAX_BYTES - 64, MAX_BYTES + 64), st.booleans())
def test_size_limit(size, bytes_only):
    head = b"name: Verein\nbeschreibung: "
    raw = head + b"a" * (size - len(head) - 1) + b"\n"
    assert len(raw) == size
    found = messages(raw)
    assert ("zu groß" in found) == (size > MAX_BYTES), found


@FUZZ
@given(PROFILES, st.data())
def test_not_utf8(data, draw):
    raw = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    at = draw.draw(st.integers(0, len(raw)))
    bad = draw.draw(st.sampled_from([b"\xff", b"\xfe", b"\xc3", b"\xe4", b"\x80", b"\xed\xa0\x80"]))
    found = messages(raw[:at] + bad + raw[at:])
    assert "UTF-8" in found, found


CONTROLS = st.characters(whitelist_categories=("Cc",), blacklist_characters="\t\n\r") | \
    st.sampled_from("\u202a\u202b\u202c\u202d\u202e")


@FUZZ
@given(PROFILES, st.data(), CONTROLS)
def test_control_characters_anywhere(data, draw, control):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    at = draw.draw(st.integers(0, len(text)))
    found = messages((text[:at] + control + text[at:]).encode("utf-8"))
    assert f"U+{ord(control):04X}" in found, found


@FUZZ
@given(st.dictionaries(TEXT, TEXT, min_size=1, max_size=6), CONTROLS)
def test_escaped_control_characters_in_quoted_text(data, control):
    """"\\x1b" in double quotes is a control character as well, only written differently."""
    key = next(iter(data))
    text = yaml.safe_dump({**data, key: f"a{control}b"}, allow_unicode=False, default_style='"')
    assert "\\" in text
    found = messages(text.encode("utf-8"))
    assert f"U+{ord(control):04X}" in found, found


@FUZZ
@given(PROFILES, st.data())
def test_duplicate_keys(data, draw):
    key = draw.draw(st.sampled_from(sorted(data)))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text += yaml.safe_dump({key: "noch einmal"}, allow_unicode=True)
    found = messages(text.encode("utf-8"))
    assert "doppelt" in found, found


@FUZZ
@given(PROFILES, nested(2))
def test_anchors_and_aliases(data, shared):
    """PyYAML writes an object used twice as an anchor and an alias; the loader refuses both."""
    shared = shared if shared else ["x"]
    text = yaml.safe_dump({**data, "eins": shared, "zwei": shared}, allow_unicode=True, sort_keys=False)
    assert "&id" in text and "*id" in text
    found = messages(text.encode("utf-8"))
    assert "Anker" in found and "Verweise" in found, found


TAGS = st.sampled_from(["!!str", "!!int", "!!binary", "!!set", "!!omap", "!!python/object/apply:os.system",
                        "!!python/name:builtins.eval", "!verein", "!<tag:yaml.org,2002:str>", "!!merge"])


@FUZZ
@given(PROFILES, TAGS, SCALARS)
def test_tags(data, tag, value):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    text += f"markiert: {tag} {yaml.safe_dump(value, allow_unicode=True).splitlines()[0]}\n"
    doc, problems = assert_answered(text.encode("utf-8"))
    assert any("Typangabe" in p.message for p in problems), problems


def test_german_check_is_not_vacuous():
    assert GERMAN.search("Die Datei ist leer.") and not GERMAN.search("mapping values are not allowed here")
    assert all(unicodedata.category(c) == "Cc" for c in "\x00\x1b\x7f\x85")
