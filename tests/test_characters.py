"""Invisible, reordering and breaking characters: refused with a German message naming file, line and field;
what real scripts need (ZWNJ in Persian, ZWJ in emoji, combining marks in Vietnamese or Hebrew) passes."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT, STICHTAG, minimal_profile, write_profiles
from mso.schema import Schema
from mso.validate import validate_paths

SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")


def profile(**fields) -> dict:
    """A valid profile whose description does not repeat the name (so that one bad name is one problem)."""
    return minimal_profile(**{"beschreibung": "Ein erfundener Verein.", **fields})


def problems_for(tmp_path, content):
    write_profiles(tmp_path, {"verein-test": content})
    return validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)[1]


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


class _Quoted(yaml.SafeDumper):
    pass


_Quoted.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))


def quoted(data: dict) -> str:
    """YAML with every text in double quotes and escapes (\\u2066), as a careful editor might write it."""
    return yaml.dump(data, Dumper=_Quoted, allow_unicode=False, sort_keys=False, width=10_000)


SINGLE_LINE = {
    "name": lambda v: profile(name=v),
    "kurzname": lambda v: profile(kurzname=v),
    "adresse.strasse": lambda v: profile(adresse={"strasse": v, "plz": "33602", "ort": "Bielefeld"}),
    "angebote[1]": lambda v: profile(angebote=[v]),
    "ansprechpersonen[1].name": lambda v: profile(
        ansprechpersonen=[{"name": v, "einwilligung": "2026-01-01"}]),
    "vereinsregister": lambda v: profile(vereinsregister=v),
    "barrierefrei": lambda v: profile(barrierefrei=v),
}
REORDERING = ["\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"]
INVISIBLE = ["\u200b", "\u2060", "\u00ad", "\u180e", "\u2061", "\u0600"]


@pytest.mark.parametrize("field", sorted(SINGLE_LINE))
@pytest.mark.parametrize("char", REORDERING)
def test_bidi_isolates_and_marks_are_refused_in_single_line_fields(tmp_path, field, char):
    problem = only(problems_for(tmp_path, quoted(SINGLE_LINE[field](f"Verein {char}123 456"))))
    assert problem.field == field and problem.line is not None
    assert f"U+{ord(char):04X}" in problem.message and "Richtungszeichen" in problem.message


@pytest.mark.parametrize("char", INVISIBLE)
def test_other_invisible_format_characters_are_refused_in_single_line_fields(tmp_path, char):
    problem = only(problems_for(tmp_path, quoted(profile(name=f"Ver{char}ein"))))
    assert problem.field == "name" and f"U+{ord(char):04X}" in problem.message


def test_the_example_from_the_issue(tmp_path):
    text = yaml.safe_dump(profile(name="Verein \u2067123 456\u2069"), allow_unicode=True, sort_keys=False)
    problem = only(problems_for(tmp_path, text))
    assert str(problem).startswith("verein-test.yml, Zeile 1: Feld `name`: Der Text enthält ein unsichtbares "
                                   "Richtungszeichen (U+2067 RIGHT-TO-LEFT ISOLATE)")


@pytest.mark.parametrize("text", [
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian "mi-khaham" with ZWNJ
    "\u0915\u094d\u200d\u0937",  # Devanagari with ZWJ
    "Familie 👨\u200d👩\u200d👧",  # emoji ZWJ sequence
    "Ti\u1ebfng Vi\u00ea\u0323t",  # Vietnamese, one mark decomposed
    "\u05e9\u05c1\u05b8\u05bc",  # Hebrew shin with three marks
    "Türkçe – العربية – עברית",
    "👩🏽\u200d🤝\u200d👩🏻 1\ufe0f\u20e3 🏳\ufe0f\u200d🌈",  # emoji sequences: ZWJ, skin tones, keycap, flag
    "\u1019\u103c\u103e\u1004\u1037\u103a",  # Burmese: spacing and non-spacing medials
    "\u0f56\u0f66\u0f92\u0fb2\u0f74\u0f56\u0f66",  # Tibetan stack
    "\u1100\u1160 \u1100\u1161",  # Hangul with the jungseong filler after a visible consonant
    "\u0915\u0903",  # Devanagari with a spacing mark
])
def test_what_real_scripts_need_passes(tmp_path, text):
    assert problems_for(tmp_path, profile(name=f"Verein {text}", angebote=[text])) == []


def test_bidi_marks_are_allowed_in_the_description(tmp_path):
    text = "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u2066Verein 2026\u2069 \u200f.\n"
    assert problems_for(tmp_path, profile(beschreibung={"de": "Text.\n", "ar": text})) == []


@pytest.mark.parametrize("marks", [5, 12, 80])
@pytest.mark.parametrize("field", ["name", "beschreibung"])
def test_a_flood_of_combining_marks_is_refused_everywhere(tmp_path, marks, field):
    value = "Verein Z" + "\u0336\u0489\u0301\u0308"[0] * marks + "algo"
    problem = only(problems_for(tmp_path, profile(**{field: value})))
    assert problem.field == field and "übereinandergesetzte" in problem.message


@pytest.mark.parametrize("mark", ["\u0301", "\u0489", "\u05b8", "\u0e49"])
def test_four_marks_on_one_letter_pass_five_do_not(tmp_path, mark):
    assert problems_for(tmp_path, profile(name="Verein a" + mark * 4)) == []
    assert "übereinandergesetzte" in only(problems_for(tmp_path, profile(name="Verein a" + mark * 5))).message


# Marks stacked on one base, with characters between them that do not start a new cluster: joiners, spacing
# marks, and (in the description, where format characters are allowed) word joiners and invisible operators.
CLUSTER_BREAKERS_ONE_LINE = ["\u200d", "\u200c", "\u0903", "\u0bbf", "\u200d\u200c"]
CLUSTER_BREAKERS_MULTI_LINE = CLUSTER_BREAKERS_ONE_LINE + ["\u2060", "\u2062", "\u200b", "\u2066", "\u200e"]


@pytest.mark.parametrize("between", CLUSTER_BREAKERS_ONE_LINE)
@pytest.mark.parametrize("field", ["name", "kurzname", "angebote[1]", "ansprechpersonen[1].name"])
def test_marks_count_per_cluster_not_per_run_in_single_line_fields(tmp_path, field, between):
    value = "Z" + ("\u0301\u0302\u0303\u0304" + between) * 29 + " Verein"
    problem = only(problems_for(tmp_path, quoted(SINGLE_LINE[field](value))))
    assert problem.field == field and "übereinandergesetzte" in problem.message and f"Stelle {6 + len(between)}" in problem.message


@pytest.mark.parametrize("between", CLUSTER_BREAKERS_MULTI_LINE)
@pytest.mark.parametrize("field", ["beschreibung", "oeffnungszeiten"])
def test_marks_count_per_cluster_not_per_run_in_the_description(tmp_path, field, between):
    value = "Ein Verein Z" + ("\u0336\u0489" + between) * 3 + "."
    problem = only(problems_for(tmp_path, quoted(profile(**{field: value}))))
    assert problem.field == field and "übereinandergesetzte" in problem.message


@pytest.mark.parametrize("between", [" ", "a", "\n", "-", "\u3164", "1"])
def test_a_new_base_starts_a_new_count(tmp_path, between):
    value = "Z\u0301\u0302\u0303\u0304" + between + "\u0301\u0302\u0303\u0304 Verein"
    assert problems_for(tmp_path, quoted(profile(beschreibung=value))) == []


BLANK = ["   ", "\u3164", "\u2800", "\u200c", "\u200d", "\ufe0f", "\u0301", " \u0301", "\u115f\u1160", "\uffa0",
         "\u034f", "\u17b4\u17b5", "\u180b", "\U000e0100", "\u3000", "\u00a0", " \u3164 \u2800 ", "\u2800" * 3]


@pytest.mark.parametrize("value", BLANK)
@pytest.mark.parametrize("field", sorted(SINGLE_LINE))
def test_text_that_shows_nothing_is_refused_in_single_line_fields(tmp_path, field, value):
    problem = only(problems_for(tmp_path, quoted(SINGLE_LINE[field](value))))
    assert problem.field == field and problem.line is not None
    assert "nur aus Leerzeichen oder unsichtbaren Zeichen" in problem.message


@pytest.mark.parametrize("value", BLANK + [" \n ", "\n\n", "\u200b", "\u2060\n", "\u3164\n\u2800", "\t"])
@pytest.mark.parametrize("field", ["beschreibung", "beschreibung.tr", "oeffnungszeiten"])
def test_text_that_shows_nothing_is_refused_in_the_description(tmp_path, field, value):
    data = profile(beschreibung={"de": "Ein Verein.", "tr": value}) if field == "beschreibung.tr" else \
        profile(**{field: value})
    problem = only(problems_for(tmp_path, quoted(data)))
    assert problem.field == field and "nur aus Leerzeichen oder unsichtbaren Zeichen" in problem.message


@pytest.mark.parametrize("value", ["\u3164", "   "])
def test_a_blank_name_is_refused_as_written_by_a_person(tmp_path, value):
    text = yaml.safe_dump(profile(name=value), allow_unicode=True, sort_keys=False)
    problem = only(problems_for(tmp_path, text))
    assert str(problem).startswith("verein-test.yml, Zeile 1: Feld `name`: Der Text besteht nur aus Leerzeichen")


@pytest.mark.parametrize("value", ["🎉", "\u2764\ufe0f", "Verein\u3164Nord", "\u0915\u0903", "…", "e. V.", "\u1100\u1160"])
def test_text_with_something_drawn_passes(tmp_path, value):
    assert problems_for(tmp_path, quoted(profile(name=value))) == []


@pytest.mark.parametrize("field", sorted(SINGLE_LINE))
@pytest.mark.parametrize("value", ["Verein\n", "Verein\nzweite Zeile", "\nVerein", "Ver\tein"])
def test_line_breaks_and_tabs_are_refused_in_single_line_fields(tmp_path, field, value):
    problem = only(problems_for(tmp_path, quoted(SINGLE_LINE[field](value))))
    assert problem.field == field
    assert ("Zeilenumbruch" if "\n" in value else "Tabulator") in problem.message


def test_a_block_scalar_name_gets_a_hint(tmp_path):
    text = yaml.safe_dump(profile(name=None), allow_unicode=True, sort_keys=False)
    problem = only(problems_for(tmp_path, "name: |\n  Verein\n" + text))
    assert problem.field == "name" and problem.line == 1 and "Zeilenumbruch (am Ende)" in problem.message


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\ufdd0", "\ufdef", "\ufffe", "\uffff",
                                  "\U0001fffe", "\U0010ffff", "\U000e0041", "\ufff9", "\u206a", "\ufeff"])
@pytest.mark.parametrize("field", ["name", "beschreibung", "oeffnungszeiten", "intern", "kontakt.website"])
def test_separators_and_noncharacters_are_refused_in_every_field(tmp_path, char, field):
    """Written as escapes in quotes; raw in the file they are refused with the line (test_raw_… below)."""
    data = profile()
    value = f"https://x.example/{char}" if field == "kontakt.website" else f"Text {char} Text"
    if field == "kontakt.website":
        data["kontakt"] = {"website": value}
    else:
        data[field] = value
    problem = only(problems_for(tmp_path, quoted(data)))
    assert problem.line is not None and f"U+{ord(char):04X}" in problem.message, str(problem)
    assert problem.field == field


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\ufffe", "\uffff", "\ufdd5", "\U000e0020"])
def test_raw_separators_and_noncharacters_name_the_line(tmp_path, char):
    text = yaml.safe_dump(profile(), allow_unicode=True, sort_keys=False)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("beschreibung:"))
    lines[at] += f" und{char}mehr"
    problem = only(problems_for(tmp_path, "\n".join(lines) + "\n"))
    assert problem.line == at + 1 and f"U+{ord(char):04X}" in problem.message


def test_the_front_matter_breakout_name_is_refused(tmp_path):
    name = "[X](https://x.example){: onfocus=alert(document.domain) autofocus tabindex=1 }\u2028--- Verein"
    problem = only(problems_for(tmp_path, json.dumps(profile(name=name, beschreibung="Text."))))
    assert problem.line == 1 and "U+2028" in problem.message


def test_the_fast_searches_agree_with_the_rules_for_every_code_point():
    """The character checks run as compiled regexes built from the rules; for every code point they must say
    exactly what the rules say."""
    from mso import characters as c

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        forbidden = c._forbidden_char(char)
        assert (c.forbidden_anywhere(char, allowed="") == char) == forbidden, hex(code)
        assert (c.forbidden_anywhere(char) == char) == (forbidden and char not in "\t\n"), hex(code)
        assert (c._pattern(c._hides_direction).search(char) is not None) == c._hides_direction(char), hex(code)
        assert (c._marks_flood().search("a" + char * (c.MAX_MARKS + 1)) is not None) == c._is_mark(char), hex(code)
        in_cluster = c._is_mark(char) or c._extends_cluster(char)
        assert (c._marks_flood().search("a\u0301\u0301" + char + "\u0301\u0301\u0301") is not None) == in_cluster, \
            hex(code)
        assert (c._drawn().search(char) is None) == c._draws_nothing(char), hex(code)


def test_what_draws_nothing_follows_unicode_and_disarm():
    """White_Space and Default_Ignorable_Code_Point as Unicode defines them (backrefs reads the Unicode data of
    this Python); the blanks disarm folds as white space (Braille blank, Hangul fillers) are among them."""
    import unicodedata

    import disarm
    from backrefs import bre

    from mso import characters as c

    properties = bre.compile(r"[\p{White_Space}\p{Default_Ignorable_Code_Point}]")
    assert {chr(x) for x in (0x3164, 0x115F, 0x1160, 0xFFA0, 0x034F, 0x17B4, 0x180B, 0xFE0F, 0xE0100, 0x200B, 0x3000)} \
        <= {ch for ch in map(chr, range(0x110000)) if not 0xD800 <= ord(ch) <= 0xDFFF and properties.match(ch)}
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        expected = bool(properties.match(char)) or unicodedata.category(char) in ("Mn", "Me") or char == "\u2800"
        assert c._draws_nothing(char) == expected, hex(code)
        if unicodedata.category(char) not in ("Cc", "Cs") and disarm.collapse_whitespace(f"a{char}b") == "a b":
            assert c._draws_nothing(char), hex(code)


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[2Jb", "a‹U+001B›[2Jb"),
    ("\x9b31m", "‹U+009B›31m"),
    ("x\ry", "x‹U+000D›y"),
    ("\u202eexe.txt", "‹U+202E›exe.txt"),
    ("Zeile\nZeile\tTab", "Zeile‹U+000A›Zeile‹U+0009›Tab"),
    ("\u0645\u06cc\u200c\u062e 👨\u200d👩", "\u0645\u06cc\u200c\u062e 👨\u200d👩"),  # joiners stay
    ("Verein \u2067123\u2069 \u2028 \ufffe", "Verein ‹U+2067›123‹U+2069› ‹U+2028› ‹U+FFFE›"),
])
def test_visible_shows_controls_and_invisible_characters_as_markers(text, shown):
    from mso.characters import visible

    assert visible(text) == shown
    assert visible(text, keep="\n\t") == shown.replace("‹U+000A›", "\n").replace("‹U+0009›", "\t")
