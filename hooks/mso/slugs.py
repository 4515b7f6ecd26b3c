"""Slugs: lowercase a–z, digits and hyphens; German umlauts transliterated (ä→ae, ß→ss)."""

from __future__ import annotations

import re

from slugify import slugify as _slugify

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_LENGTH, MAX_LENGTH = 3, 80
_GERMAN = [["Ä", "Ae"], ["Ö", "Oe"], ["Ü", "Ue"], ["ä", "ae"], ["ö", "oe"], ["ü", "ue"], ["ß", "ss"], ["ẞ", "SS"]]


def slugify(text: str) -> str:
    """Text → a slug (lowercase a–z, digits, hyphens; ä→ae, ß→ss); may be empty or too short for `is_valid`."""
    return _slugify(text, replacements=_GERMAN, max_length=MAX_LENGTH, word_boundary=True)


def is_valid(slug: str) -> bool:
    """True when `slug` may be a profile's file name (3–80 characters of a–z, 0–9 and single hyphens)."""
    return MIN_LENGTH <= len(slug) <= MAX_LENGTH and bool(SLUG_RE.match(slug))
