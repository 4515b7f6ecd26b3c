"""Text for the filter on /vereine/: it matches inside words on a normalised text (`haystack`), across
common German endings (`stem`); docs/assets/directory.js normalises the query the same way.

The site search in the header is Pagefind (hooks/mso/search.py), with its own stemming.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from . import text
from .model import Directory, Entry

# Word endings a German query may carry that the profile text lacks: longest first.
ENDINGS = ("innen", "ern", "en", "er", "es", "e", "n", "s")


def normalize(value: str) -> str:
    """Lowercase, without marks (accents, umlaut dots, Arabic vowel signs), `ß`→`ss`, `ae/oe/ue`→`a/o/u`.

    docs/assets/directory.js applies the same rule to the query."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().replace("ß", "ss"))
    stripped = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return re.sub(r"\s+", " ", re.sub(r"([aou])e", r"\1", stripped)).strip()


def stem(word: str) -> str:
    """Strip one common German ending, keeping at least four letters: "beratungen" → "beratung"."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _texts(entry: Entry, directory: Directory) -> Iterator[str]:
    """Everything a visitor might search for: names, descriptions in all languages, offers, labels."""
    yield entry.name
    yield entry.kurzname
    for body in entry.beschreibung.values():
        yield text.plain(body)
    yield from entry.angebote
    yield entry.stadtbezirk
    for facet in ("themen", "zielgruppen", "herkunft"):
        for value in entry.values(facet):
            yield directory.term(facet, value).label
    for code in entry.sprachen:
        language = directory.term("sprachen", code)
        yield f"{language.name} {language.endonym}"


def haystack(entry: Entry, directory: Directory) -> str:
    """The normalised text the directory filter searches inside."""
    return normalize(" ".join(t for t in _texts(entry, directory) if t))

