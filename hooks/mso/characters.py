"""Which characters a profile's text may hold, and a German reason for the first one it may not.

Two levels:
- anywhere in the file (every field, every key, comments): no control characters other than tab and
  line feed, no bidi embeddings or overrides, no line or paragraph separators, no non-characters and no
  invisible characters that only hide text (tags, interlinear annotations, deprecated format characters);
- in single-line fields also no line break, no tab and no other invisible format character, such as the
  bidi isolates and marks that reorder what a reader sees. ZWNJ and ZWJ stay: Persian, Indic scripts and
  emoji sequences need them.
Everywhere, a base character carries at most MAX_MARKS combining marks, so a flood of accents cannot
cover neighbouring lines.
"""

from __future__ import annotations

import unicodedata

MAX_MARKS = 4
JOINERS = frozenset("\u200c\u200d")  # ZWNJ, ZWJ
_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
_SEPARATORS = frozenset("\u2028\u2029\x85")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")


def is_noncharacter(char: str) -> bool:
    """True for a Unicode non-character (U+FDD0–FDEF, U+xFFFE, U+xFFFF)."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _hides_text(code: int) -> bool:
    """Tags (ASCII smuggling), interlinear annotations, deprecated format characters, BOM inside text."""
    return (0xE0000 <= code <= 0xE007F or 0xFFF9 <= code <= 0xFFFB or 0x206A <= code <= 0x206F
            or code == 0xFEFF)


def forbidden_anywhere(text: str, allowed: str = "\t\n") -> str | None:
    """The first character that no part of a profile file may hold, or None."""
    for char in text:
        if char in allowed:
            continue
        if (unicodedata.category(char) == "Cc" or char in _EMBEDDINGS or char in _SEPARATORS
                or is_noncharacter(char) or _hides_text(ord(char))):
            return char
    return None


def describe(char: str) -> str:
    """`U+2067 RIGHT-TO-LEFT ISOLATE` for a message."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def anywhere_message(char: str) -> str:
    """Why `char` (found by forbidden_anywhere) may not stand in a profile, in German."""
    if char in _SEPARATORS:
        return (f"Der Text enthält einen Zeilen- oder Absatztrenner ({describe(char)}), den viele Programme "
                "nicht anzeigen. Löschen Sie ihn und setzen Sie, wo nötig, einen normalen Zeilenumbruch.")
    if is_noncharacter(char):
        return (f"Der Text enthält ein Zeichen, das in Texten nicht vorkommen darf ({describe(char)}). "
                "Löschen Sie es, zum Beispiel indem Sie die Stelle neu tippen.")
    return (f"Der Text enthält ein unsichtbares Steuerzeichen ({describe(char)}). Löschen Sie es, "
            "zum Beispiel indem Sie die Stelle neu tippen.")


def single_line_problem(text: str) -> str | None:
    """A German reason why `text` cannot stand in a one-line field (name, address, link …), or None."""
    bad = forbidden_anywhere(text, allowed="")
    if bad == "\n":
        where = "am Ende" if text.rstrip("\n") and not text.rstrip("\n").count("\n") else "im Text"
        return (f"Der Text enthält einen Zeilenumbruch ({where}). Dieses Feld hat nur eine Zeile: schreiben Sie "
                "alles in eine Zeile, ohne `|` oder `>` nach dem Doppelpunkt.")
    if bad == "\t":
        return "Der Text enthält einen Tabulator. Ersetzen Sie ihn durch ein Leerzeichen."
    if bad is not None:
        return anywhere_message(bad)
    for char in text:
        if char in _BIDI_MARKS:
            return (f"Der Text enthält ein unsichtbares Richtungszeichen ({describe(char)}). Es kann die "
                    "Reihenfolge der Zeichen in der Anzeige umdrehen. Löschen Sie es; die Schreibrichtung "
                    "stellt das Verzeichnis selbst ein.")
        if unicodedata.category(char) == "Cf" and char not in JOINERS:
            return (f"Der Text enthält ein unsichtbares Formatzeichen ({describe(char)}). Löschen Sie es, "
                    "zum Beispiel indem Sie die Stelle neu tippen.")
    return marks_problem(text)


def multi_line_problem(text: str) -> str | None:
    """A German reason why `text` cannot stand in a multi-line field (beschreibung …), or None."""
    bad = forbidden_anywhere(text)
    return anywhere_message(bad) if bad is not None else marks_problem(text)


def marks_problem(text: str) -> str | None:
    """A German message when some base character carries too many combining marks, else None."""
    run = 0
    for index, char in enumerate(text):
        run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        if run > MAX_MARKS:
            return (f"Der Text enthält an Stelle {index + 1} mehr als {MAX_MARKS} übereinandergesetzte Zeichen "
                    "(Akzente oder Zeichen, die sich mit dem Buchstaben davor verbinden). So viele überdecken im "
                    "Druck die Zeilen darüber und darunter. Löschen Sie die überzähligen.")
    return None
