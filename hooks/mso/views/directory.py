"""/vereine/: every published profile A–Z, with filters.

Up to `liste_ganz_bis` published profiles (mkdocs.yml) the page is complete HTML: every card is there and
the filter choices are links to the listing pages. docs/assets/directory.js turns the choices into checkboxes
and filters the cards in the browser, using a small JSON island (facet values and a normalised search text per
entry), so it answers at once.

Above that the page would grow with every profile (about 1.5 KB of HTML a card). It then holds the filters and
the A–Z letters only; each letter has its own static page (/vereine/a/ …, /vereine/0/ for names that begin
otherwise), so every association stays reachable without JavaScript. The filter data, with what a card
shows, is a separate file (/vereine/filter.json) that directory.js fetches when someone starts to filter.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any

from .. import search_text
from ..i18n import N_
from ..model import FACETS, Directory, Entry
from .base import FACET_TITLES, FULL_WIDTH, Asset, PageSpec, Site, district_name, summary, summary_language
from .listings import PARAMS, term_label, terms

SRC = "vereine/index.md"
DATA = "vereine/filter.json"  # the filter data of a large directory
OPEN_FACETS = ("stadtbezirk", "themen")  # opened at first on wide screens
OTHER_LETTERS = N_("Vereine, deren Name nicht mit A bis Z beginnt")


def letter(entry: Entry) -> str:
    first = entry.sort_key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def anchor(key: str) -> str:
    return "buchstabe-" + (key if key != "#" else "andere")


def letter_path(key: str) -> str:
    """The page of one letter in a large directory: vereine/a/, and vereine/0/ for "#". Profile addresses
    have at least three characters, so these never meet one."""
    return "vereine/" + (key.lower() if key != "#" else "0") + "/"


def is_large(directory: Directory) -> bool:
    return len(directory.entries) > directory.settings.liste_ganz_bis


def facets(site: Site) -> list[dict[str, Any]]:
    """The filter groups: facet, URL parameter, title and the terms in use with their counts."""
    directory = site.directory
    return [{"facet": facet, "param": PARAMS[facet], "title": site._(FACET_TITLES[facet]),
             "open": facet in OPEN_FACETS,
             "options": [(t, n, term_label(facet, t, site._)) for t, n in terms(directory, facet) if n]}
            for facet in FACETS]


def filter_data(directory: Directory, cards: bool = False, code: str = "de",
                gettext: Callable[[str], str] = str) -> dict[str, Any]:
    """Per entry, in page order: slug, the term slugs of each facet, and the normalised search text; with
    `cards`, also what a card shows (name, short name, text, Stadtbezirk, Themen, Sprachen, and the language
    and direction of the text when it is not in `code`, the page's language)."""
    rows = []
    for e in directory.entries:
        row: list[Any] = [e.slug, [[directory.term(f, v).slug for v in e.values(f)] for f in FACETS],
                          search_text.haystack(e, directory)]
        if cards:
            languages = []
            for code in e.sprachen:
                t = directory.term("sprachen", code)
                endonym = t.endonym if t.endonym and t.endonym not in t.name else ""
                languages.append([t.name or t.label, endonym, t.value, t.dir])
            lang = summary_language(e, code)
            other = [lang, directory.term("sprachen", lang).dir] if lang != code else None
            row.append([e.name, e.kurzname, summary(e, code=code), district_name(e.stadtbezirk, gettext),
                        ", ".join(directory.term("themen", v).label for v in e.themen), languages, other])
        rows.append(row)
    return {"params": [PARAMS[f] for f in FACETS], "entries": rows}


def outputs(site: Site) -> Iterator[PageSpec | Asset]:
    directory = site.directory
    groups = [(key, anchor(key), list(items)) for key, items in groupby(directory.entries, key=letter)]
    large = is_large(directory)
    letters = [(key, letter_path(key) if large else f"#{id_}") for key, id_, _ in groups]
    # The cards are indexed on the profile pages; here they would only crowd the search results.
    _, n = site._, directory.counts.veroeffentlicht
    yield PageSpec(SRC, "directory.html", title=_("Vereine"), hide=FULL_WIDTH, search={"exclude": True},
                   description=site.ngettext("%(num)s veröffentlichter Verein, mit Filtern nach Stadtbezirk, "
                                             "Thema, Sprache, Herkunft und Zielgruppe.",
                                             "Alle %(num)s veröffentlichten Vereine von A bis Z, mit Filtern nach "
                                             "Stadtbezirk, Thema, Sprache, Herkunft und Zielgruppe.", n) % {"num": n},
                   context=dict(groups=[] if large else groups, letters=letters, facets=facets(site),
                                data=None if large else filter_data(directory), data_url=DATA if large else ""))
    if not large:
        return
    yield Asset(DATA, json.dumps(filter_data(directory, cards=True, code=site.language.code, gettext=_),
                                 ensure_ascii=False,
                                 separators=(",", ":")))
    for key, _id, items in groups:
        title = _("Vereine mit %(buchstabe)s") % {"buchstabe": key} if key != "#" else _(OTHER_LETTERS)
        yield PageSpec(letter_path(key).rstrip("/") + ".md", "directory_letter.html", title=title,
                       hide=FULL_WIDTH, search={"exclude": True},
                       description=_("%(titel)s: %(anzahl)s von %(gesamt)s im Verzeichnis.")
                       % {"titel": title, "anzahl": len(items), "gesamt": n},
                       context=dict(key=key, entries=items, letters=letters))
