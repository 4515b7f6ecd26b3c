"""Which characters a profile's text may hold, and a German reason for the first one it may not.

Two levels:
- anywhere in the file (every field, every key, comments): no control characters other than tab and
  line feed, no bidi embeddings or overrides, no line or paragraph separators, no non-characters and no
  invisible characters that only hide text (tags, interlinear annotations, deprecated format characters);
- in single-line fields also no line break, no tab and no other invisible format character, such as the
  bidi isolates and marks that reorder what a reader sees. ZWNJ and ZWJ stay: Persian, Indic scripts and
  emoji sequences need them.
Everywhere, a base character carries at most MAX_MARKS combining marks, counted over its whole cluster
(spacing marks, ZWJ, ZWNJ and other format characters between them do not start a new count), so a flood
of accents cannot cover neighbouring lines. And a text holds at least one character that is drawn: not only
white space, Default_Ignorable_Code_Point characters (U+3164 HANGUL FILLER …), blanks and marks.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from backrefs import bre

from .i18n import N_

MAX_MARKS = 4
JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
_SEPARATORS = frozenset("\u2028\u2029\x85")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
# Unicode's own properties (backrefs reads them from the Unicode data of this Python), not a hand list.
_INVISIBLE_PROPERTIES = r"[\p{White_Space}\p{Default_Ignorable_Code_Point}]"
# Drawn empty, yet neither white space nor ignorable in Unicode; disarm folds it as a blank too (a test checks).
_BLANK_SYMBOLS = frozenset("\u2800")  # BRAILLE PATTERN BLANK


def is_noncharacter(char: str) -> bool:
    """True for a Unicode non-character (U+FDD0–FDEF, U+xFFFE, U+xFFFF)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _hides_text(code: int) -> bool:
    """Tags (ASCII smuggling), interlinear annotations, deprecated format characters, BOM inside text."""
    return (0xE0000 <= code <= 0xE007F or 0xFFF9 <= code <= 0xFFFB or 0x206A <= code <= 0x206F
            or code == 0xFEFF)


def _forbidden_char(char: str) -> bool:
    return (unicodedata.category(char) == "Cc" or char in _EMBEDDINGS or char in _SEPARATORS
            or is_noncharacter(char) or _hides_text(ord(char)))


def forbidden_anywhere(text: str, allowed: str = "\t\n") -> str | None:
    """The first character that no part of a profile file may hold, or None."""
    found = _pattern(_forbidden_char, allowed).search(text)
    return found.group() if found else None


def describe(char: str) -> str:
    """`U+2067 RIGHT-TO-LEFT ISOLATE` for a message."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


# The messages, with {zeichen} for the character as `describe` gives it. The form's script shows the same
# texts (browser_rules), with the code point only.
MESSAGES = {
    "separator": N_("Der Text enthält einen Zeilen- oder Absatztrenner ({zeichen}), den viele Programme nicht "
                    "anzeigen. Löschen Sie ihn und setzen Sie, wo nötig, einen normalen Zeilenumbruch."),
    "noncharacter": N_("Der Text enthält ein Zeichen, das in Texten nicht vorkommen darf ({zeichen}). Löschen Sie "
                       "es, zum Beispiel indem Sie die Stelle neu tippen."),
    "control": N_("Der Text enthält ein unsichtbares Steuerzeichen ({zeichen}). Löschen Sie es, zum Beispiel indem "
                  "Sie die Stelle neu tippen."),
    "line_break": N_("Der Text enthält einen Zeilenumbruch ({wo}). Dieses Feld hat nur eine Zeile: schreiben Sie "
                     "alles in eine Zeile, ohne `|` oder `>` nach dem Doppelpunkt."),
    "at_end": N_("am Ende"),
    "inside": N_("im Text"),
    "tab": N_("Der Text enthält einen Tabulator. Ersetzen Sie ihn durch ein Leerzeichen."),
    "bidi": N_("Der Text enthält ein unsichtbares Richtungszeichen ({zeichen}). Es kann die Reihenfolge der Zeichen "
               "in der Anzeige umdrehen. Löschen Sie es; die Schreibrichtung stellt das Verzeichnis selbst ein."),
    "format": N_("Der Text enthält ein unsichtbares Formatzeichen ({zeichen}). Löschen Sie es, zum Beispiel indem "
                 "Sie die Stelle neu tippen."),
    "marks": N_("Der Text enthält an Stelle {stelle} mehr als {hoechstens} übereinandergesetzte Zeichen (Akzente "
                "oder Zeichen, die sich mit dem Buchstaben davor verbinden). So viele überdecken im Druck die Zeilen "
                "darüber und darunter. Löschen Sie die überzähligen."),
    "blank": N_("Der Text besteht nur aus Leerzeichen oder unsichtbaren Zeichen; gezeigt würde nichts. Tragen Sie "
                "einen lesbaren Text ein oder lassen Sie das Feld weg."),
}


def anywhere_message(char: str) -> str:
    """Why `char` (found by forbidden_anywhere) may not stand in a profile, in German."""
    if char in _SEPARATORS:
        return MESSAGES["separator"].format(zeichen=describe(char))
    if is_noncharacter(char):
        return MESSAGES["noncharacter"].format(zeichen=describe(char))
    return MESSAGES["control"].format(zeichen=describe(char))


def _hides_direction(char: str) -> bool:
    """Single-line fields: bidi marks and every other invisible format character except ZWNJ and ZWJ."""
    return char in _BIDI_MARKS or (unicodedata.category(char) == "Cf" and char not in JOINERS)


def _unsafe_to_show(char: str) -> bool:
    """Controls (ESC starts terminal commands), separators, non-characters, text hiders and every invisible
    format character except ZWNJ and ZWJ (the bidi controls reorder what a reader sees)."""
    return _forbidden_char(char) or _hides_direction(char)


def visible(text: str, keep: str = "") -> str:
    """`text` safe to print on a terminal or into a log: each character of `_unsafe_to_show` (except those in
    `keep`, e.g. "\n") becomes a visible marker such as ‹U+001B›. For anything that came from outside."""
    return _pattern(_unsafe_to_show, keep).sub(lambda found: f"‹U+{ord(found.group()):04X}›", text)


def single_line_problem(text: str) -> str | None:
    """A German reason why `text` cannot stand in a one-line field (name, address, link …), or None."""
    bad = forbidden_anywhere(text, allowed="")
    if bad == "\n":
        where = "at_end" if text.rstrip("\n") and not text.rstrip("\n").count("\n") else "inside"
        return MESSAGES["line_break"].format(wo=MESSAGES[where])
    if bad == "\t":
        return MESSAGES["tab"]
    if bad is not None:
        return anywhere_message(bad)
    found = _pattern(_hides_direction).search(text)
    if found:
        char = found.group()
        return MESSAGES["bidi" if char in _BIDI_MARKS else "format"].format(zeichen=describe(char))
    return marks_problem(text) or blank_problem(text)


def multi_line_problem(text: str) -> str | None:
    """A German reason why `text` cannot stand in a multi-line field (beschreibung …), or None."""
    bad = forbidden_anywhere(text)
    return anywhere_message(bad) if bad is not None else marks_problem(text) or blank_problem(text)


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me")


def _extends_cluster(char: str) -> bool:
    """Belongs to the cluster of the base before it without stacking on it: spacing marks and format characters
    (ZWJ, ZWNJ, U+2060 …). A run of marks that only these interrupt still stacks on one base."""
    return unicodedata.category(char) in ("Mc", "Cf")


def marks_problem(text: str) -> str | None:
    """A German message when some base character carries too many combining marks, else None."""
    found = _marks_flood().search(text)
    if found is None:
        return None
    return MESSAGES["marks"].format(stelle=found.end(), hoechstens=MAX_MARKS)


@functools.cache
def _marks_flood() -> re.Pattern[str]:
    """MAX_MARKS + 1 marks with nothing but cluster extenders between them: one base would carry them all.
    The two classes are disjoint, so the search stays linear."""
    mark, extend = _python_class(_is_mark), _python_class(_extends_cluster)
    return re.compile(f"[{mark}](?:[{extend}]*[{mark}]){{{MAX_MARKS}}}")


@functools.cache
def _invisible_property() -> re.Pattern[str]:
    return bre.compile(_INVISIBLE_PROPERTIES)


def _draws_nothing(char: str) -> bool:
    """White space, Default_Ignorable_Code_Point, the blank symbols and combining marks (a mark needs a base)."""
    return bool(_invisible_property().match(char)) or char in _BLANK_SYMBOLS or _is_mark(char)


def blank_problem(text: str) -> str | None:
    """A German message when `text` is not empty but shows nothing (`"   "`, U+3164, a lone accent), else None.
    An empty text is left to the schema (`minLength`)."""
    return MESSAGES["blank"] if text and not _drawn().search(text) else None


@functools.cache
def _drawn() -> re.Pattern[str]:
    return re.compile(f"[^{_python_class(_draws_nothing)}]")


@functools.cache
def _pattern(test, allowed: str = "") -> re.Pattern[str]:
    """A regex for the first character for which `test` holds (not one of `allowed`): one C-speed search
    instead of a Python loop over every character."""
    return re.compile(f"[{_python_class(lambda char: char not in allowed and test(char))}]")


def _python_class(test) -> str:
    """The rule candidates for which `test` holds, as the inside of a Python regex class."""
    ranges: list[list[int]] = []
    for code in sorted(_rule_candidates()):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Planes that hold assigned characters: BMP, SMP, SIP, TIP and SSP (tags); the others hold only private use.
_PLANES = (range(0x0000, 0x40000), range(0xE0000, 0xF0000))


@functools.cache
def _rule_candidates() -> tuple[int, ...]:
    """Code points any rule here may concern: controls, format characters, marks, separators, spaces,
    noncharacters, Default_Ignorable_Code_Point and the blank symbols."""
    every = "".join(chr(code) for plane in _PLANES for code in plane if not 0xD800 <= code <= 0xDFFF)
    invisible = {ord(char) for char in _invisible_property().findall(every)} | set(map(ord, _BLANK_SYMBOLS))
    found = [ord(char) for char in every
             if unicodedata.category(char) in ("Cc", "Cf", "Mn", "Mc", "Me", "Zs", "Zl", "Zp", "Cn")
             or ord(char) in invisible]
    return tuple(code for code in found if unicodedata.category(chr(code)) != "Cn"
                 or _forbidden_char(chr(code)) or code in invisible) \
        + tuple(plane * 0x10000 + end for plane in range(4, 17) if plane != 14 for end in (0xFFFE, 0xFFFF))


def char_class(test, codes=None) -> str:
    """The characters (of `codes`, else of every rule candidate) for which `test(char)` holds, as the inside of a
    JavaScript regex class with flag `u`: `\\u{0}-\\u{8}\\u{B}…`."""
    ranges: list[list[int]] = []
    for code in sorted(_rule_candidates() if codes is None else codes):
        if not test(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"\\u{{{a:X}}}" if a == b else f"\\u{{{a:X}}}-\\u{{{b:X}}}" for a, b in ranges)


@functools.cache
def browser_rules() -> dict[str, object]:
    """The rules above for the form's script: regex classes, the mark limit and the messages."""
    return {
        "forbidden": char_class(lambda c: forbidden_anywhere(c) is not None),
        "separators": char_class(lambda c: c in _SEPARATORS),
        "noncharacters": char_class(is_noncharacter),
        "bidi": char_class(lambda c: c in _BIDI_MARKS),
        "format": char_class(_hides_direction),
        "marks": char_class(_is_mark),
        "extend": char_class(_extends_cluster),
        "blank": char_class(_draws_nothing),
        "max_marks": MAX_MARKS,
        "messages": MESSAGES,
    }
