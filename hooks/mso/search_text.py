"""Text for finding profiles: the directory filter's haystack and extra words for Material's search.

Material's search (lunr) matches word beginnings only and has German stemming off, so "Beratungen" misses
"Beratung" and "Frauenvereine" misses "Frauenverein". Profile pages therefore carry a hidden block of
inflected forms and compound parts (`keywords`). The directory's own filter instead matches inside words
on a normalised text (`haystack`); docs/assets/directory.js normalises the query the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from . import text
from .model import Directory, Entry

# Word endings a German query may carry that the profile text lacks: longest first.
ENDINGS = ("innen", "ern", "en", "er", "es", "e", "n", "s")
# Last parts of German compounds; "Sozialberatung" also yields "beratung", "Frauenverein" yields "verein".
HEADS = ("verein", "beratung", "hilfe", "treff", "kreis", "gruppe", "kurs", "unterricht", "schule", "club",
         "gemeinschaft", "zentrum", "netzwerk", "initiative", "haus", "forum", "begleitung", "betreuung",
         "nachhilfe", "aufgaben", "sport", "kultur", "frauen", "jugend", "eltern", "familie", "abend",
         "fest", "feier", "musik", "tanz", "chor", "sprache", "sprachkurs", "integration", "garten")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


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


def _variants(word: str) -> Iterable[str]:
    """The word, its likely inflected forms, and the last part of a compound with its forms."""
    yield word
    if word.endswith("e"):
        yield word + "n"
    elif word.endswith(("er", "el")):
        yield from (word + "n", word + "s")
    else:
        yield from (word + ending for ending in ("e", "en", "er", "es", "s"))
    for head in HEADS:
        if word.endswith(head) and len(word) > len(head) + 2:
            yield head
            yield from _variants(head) if head != word else ()


def keywords(entry: Entry, directory: Directory) -> str:
    """Inflected forms and compound parts of the words in names, the German description, offers and labels,
    for Material's search."""
    sources = [entry.name, entry.kurzname, text.plain(entry.beschreibung["de"]), *entry.angebote, entry.stadtbezirk]
    for facet in ("themen", "zielgruppen", "herkunft"):
        sources += [directory.term(facet, value).label for value in entry.values(facet)]
    sources += [directory.term("sprachen", code).name for code in entry.sprachen]
    seen: dict[str, None] = {}
    for source in sources:
        for word in _WORD.findall(source.casefold()):
            if len(word) >= 4:
                seen.update(dict.fromkeys(_variants(word)))
    return " ".join(seen)
