"""Slugs: lowercase a–z, digits and hyphens; German umlauts transliterated (ä→ae, ß→ss)."""

from __future__ import annotations

import re
import unicodedata

from slugify import slugify as _slugify

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # use with fullmatch: `$` would let a final "\n" through
MIN_LENGTH, MAX_LENGTH = 3, 80
_GERMAN = [["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"], ["ẞ", "SS"]]


def slugify(text: str) -> str:
    """Text → a slug (lowercase a–z, digits, hyphens; ä→ae, ß→ss); may be empty or too short for `is_valid`."""
    return _slugify(text, replacements=_GERMAN, max_length=MAX_LENGTH, word_boundary=True)


def is_valid(slug: str) -> bool:
    """True when `slug` may be a profile's file name (3–80 characters of a–z, 0–9 and single hyphens)."""
    return MIN_LENGTH <= len(slug) <= MAX_LENGTH and bool(SLUG_RE.fullmatch(slug))


def problem(name: str) -> str | None:
    """Why no Kurzadresse can be made from `name`, in German (the real cause: no letters or digits to
    transliterate, or too few characters), or None when `slugify(name)` is one."""
    slug = slugify(name)
    if is_valid(slug):
        return None
    if not slug:
        return (f"Aus „{name}“ lässt sich keine Kurzadresse bilden: Der Name enthält keine Buchstaben oder Ziffern, "
                "die sich in a–z und 0–9 umschreiben lassen. Geben Sie den Namen (auch) mit lateinischen "
                "Buchstaben an.")
    if len(slug) < MIN_LENGTH:
        return (f"Aus „{name}“ wird die Kurzadresse „{slug}“; sie braucht aber mindestens {MIN_LENGTH} Zeichen "
                f"(a–z, 0–9, Bindestriche). Geben Sie den vollständigen Namen an, zum Beispiel mit Ort oder "
                f"Rechtsform: „{name} e. V.“.")
    return f"Aus „{name}“ wird „{slug}“; das ist keine gültige Kurzadresse."


# Blocks whose letters the form's script transliterates itself, with text_unidecode's own table (Latin, Greek,
# Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, Indic, Thai, Lao, Georgian, Ethiopic, punctuation,
# letter-like symbols, full-width forms). For other characters (CJK, Hangul …) it says it cannot make a slug.
_BROWSER_BLOCKS = ((0x80, 0x7BF), (0x900, 0xEFF), (0x10A0, 0x10FF), (0x1200, 0x139F), (0x1E00, 0x218F),
                   (0x3000, 0x303F), (0xFF00, 0xFFEF))


def browser_table() -> dict[str, object]:
    """What the form's script needs to make the same slugs as `slugify`: the German replacements, the
    lengths, the HTML entities python-slugify decodes, and the transliteration of each character that NFKD
    leaves as it is, per block (`null`: a character NFKD changes, which the script never looks up)."""
    from html.entities import name2codepoint

    from text_unidecode import unidecode

    blocks = []
    for first, last in _BROWSER_BLOCKS:
        chars = (chr(code) for code in range(first, last + 1))
        blocks.append([first, [unidecode(c) if unicodedata.normalize("NFKD", c) == c else None for c in chars]])
    return {"german": _GERMAN, "min_length": MIN_LENGTH, "max_length": MAX_LENGTH,
            "entities": {name: chr(code) for name, code in sorted(name2codepoint.items())}, "blocks": blocks}
