"""/vereine/: every published profile A–Z, with filters.

The page is complete HTML: every card is there and the filter choices are links to the listing pages.
docs/assets/directory.js turns the choices into checkboxes and filters the cards in the browser, using a
small JSON island (facet values and a normalised search text per entry), so it answers at once at any size.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from .. import search_text
from ..model import FACETS, Directory, Entry
from .base import FACET_TITLES, FULL_WIDTH, PageSpec, Site
from .listings import PARAMS, term_label, terms

SRC = "vereine/index.md"
OPEN_FACETS = ("stadtbezirk", "themen")  # opened at first on wide screens


def letter(entry: Entry) -> str:
    first = entry.sort_key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def anchor(key: str) -> str:
    return "buchstabe-" + (key if key != "#" else "andere")


def facets(directory: Directory) -> list[dict[str, Any]]:
    """The filter groups: facet, URL parameter, title and the terms in use with their counts."""
    return [{"facet": facet, "param": PARAMS[facet], "title": FACET_TITLES[facet], "open": facet in OPEN_FACETS,
             "options": [(t, n, term_label(facet, t)) for t, n in terms(directory, facet) if n]}
            for facet in FACETS]


def filter_data(directory: Directory) -> dict[str, Any]:
    """Per entry, in page order: slug, the term slugs of each facet, and the normalised search text."""
    return {
        "params": [PARAMS[f] for f in FACETS],
        "entries": [[e.slug, [[directory.term(f, v).slug for v in e.values(f)] for f in FACETS],
                     search_text.haystack(e, directory)] for e in directory.entries],
    }


def outputs(site: Site) -> Iterator[PageSpec]:
    directory = site.directory
    groups = [(key, anchor(key), list(items)) for key, items in groupby(directory.entries, key=letter)]
    # The cards are indexed on the profile pages; here they would only crowd the search results.
    yield PageSpec(SRC, "directory.html", title="Vereine", hide=FULL_WIDTH, search={"exclude": True},
                   description=f"Alle {directory.counts.veroeffentlicht} veröffentlichten Vereine von A bis Z, "
                               "mit Filtern nach Stadtbezirk, Thema, Sprache, Herkunft und Zielgruppe.",
                   context=dict(groups=groups, facets=facets(directory), data=filter_data(directory)))
