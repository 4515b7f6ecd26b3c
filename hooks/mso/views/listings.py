"""Static listing pages: /stadtbezirke/<x>/, /themen/<x>/, /sprachen/<x>/, /herkunft/<x>/, /zielgruppen/<x>/.

One page per vocabulary term (stable URLs, even while no association uses the term) and an index page
per facet. They are the filters of /vereine/ for visitors without JavaScript. A term with more associations
than `liste_ganz_bis` (mkdocs.yml) gets further pages of as many each: /sprachen/de/, /sprachen/de/2/, …
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from ..i18n import N_
from ..model import FACETS, VOCABULARY_OF, Directory, sort_key
from ..schema import Term
from .base import FACET_PATHS, FULL_WIDTH, Fragment, PageSpec, Site, district_name, facet_url

# facet → title of the index page, and the sentence it begins with
INDEX_TITLES = {"stadtbezirk": N_("Vereine nach Stadtbezirk"), "themen": N_("Vereine nach Thema"),
                "sprachen": N_("Vereine nach Sprache"), "herkunft": N_("Vereine nach Herkunft und Community"),
                "zielgruppen": N_("Vereine nach Zielgruppe")}
CHOOSE = {"stadtbezirk": N_("Wählen Sie einen Stadtbezirk."), "themen": N_("Wählen Sie ein Thema."),
          "sprachen": N_("Wählen Sie eine Sprache."), "herkunft": N_("Wählen Sie eine Herkunft oder Community."),
          "zielgruppen": N_("Wählen Sie eine Zielgruppe.")}
# facet → title of a term's listing page, with %(name)s for the term
PAGE_TITLES = {"stadtbezirk": N_("Vereine im Stadtbezirk %(name)s"), "themen": N_("Vereine zum Thema %(name)s"),
               "sprachen": N_("Vereine, in denen %(name)s gesprochen wird"),
               "herkunft": N_("Vereine mit Bezug zu: %(name)s"), "zielgruppen": N_("Vereine für %(name)s")}
SPECIAL_TITLES = {("stadtbezirk", "stadtweit"): N_("Vereine, die stadtweit tätig sind"),
                  ("zielgruppen", "alle"): N_("Vereine für alle Menschen")}
# URL parameter of /vereine/ for each facet (directory.js reads the same names)
PARAMS = {"stadtbezirk": "stadtbezirk", "themen": "thema", "sprachen": "sprache", "herkunft": "herkunft",
          "zielgruppen": "zielgruppe"}


def term_label(facet: str, term: Term, gettext: Callable[[str], str] = str) -> str:
    """A term as lists show it: a Stadtbezirk by its name (`stadtweit` in the language of `gettext`), a language
    by its name in the page's language, any other term by its label."""
    if facet == "stadtbezirk":
        return district_name(term.value, gettext)
    if facet == "sprachen":
        return term.name or term.label
    return term.label


def page_title(facet: str, term: Term, gettext=str) -> str:
    """The title of a term's listing page, in the language of `gettext` (the term comes translated)."""
    special = SPECIAL_TITLES.get((facet, term.value))
    if special:
        return gettext(special)
    return gettext(PAGE_TITLES[facet]) % {"name": term_label(facet, term, gettext)}


def terms(directory: Directory, facet: str) -> list[tuple[Term, int]]:
    """Every term of the facet's vocabulary with its count; languages and communities sorted A–Z."""
    counts = dict((t.value, n) for t, n in directory.facet(facet))
    items = [(t, counts.get(t.value, 0)) for t in directory.schema.vocab[VOCABULARY_OF[facet]].values()]
    if facet in ("sprachen", "herkunft"):
        items.sort(key=lambda item: sort_key(term_label(facet, item[0])))
    return items


def outputs(site: Site) -> Iterator[PageSpec]:
    directory, _ = site.directory, site._
    label = partial(term_label, gettext=_)
    for facet in FACETS:
        items = terms(directory, facet)
        folder = FACET_PATHS[facet]
        index_title = _(INDEX_TITLES[facet])
        yield PageSpec(f"{folder}/index.md", "listing_index.html", title=index_title, hide=FULL_WIDTH,
                       description=_("%(titel)s: wie viele Vereine es jeweils gibt.") % {"titel": index_title},
                       context=dict(facet=facet, used=[(t, n) for t, n in items if n],
                                    empty=[t for t, n in items if not n], label=label,
                                    choose=_(CHOOSE[facet])))
        for term, count in items:
            title = page_title(facet, term, _)
            entries = directory.with_term(facet, term.value)
            size = directory.settings.liste_ganz_bis
            url = facet_url(facet, term.value)
            pages = [(n, url if n == 1 else f"{url}{n}/") for n in range(1, max(1, -(-len(entries) // size)) + 1)]
            for number, page_url in pages:
                # Out of the site search: the cards would repeat every profile's text in the results.
                yield PageSpec(page_url.rstrip("/") + ".md", "listing.html",
                               title=title if number == 1 else _("%(titel)s (Seite %(nummer)s)")
                               % {"titel": title, "nummer": number},
                               description=_("%(titel)s: %(anzahl)s im Verzeichnis.")
                               % {"titel": title, "anzahl": count}, hide=FULL_WIDTH,
                               search={"exclude": True},
                               context=dict(facet=facet, term=term, total=count, page=number, pages=pages,
                                            first=(number - 1) * size + 1,
                                            entries=entries[(number - 1) * size:number * size],
                                            label=label(facet, term), param=PARAMS[facet],
                                            index_title=index_title, index_url=f"{folder}/"))


def fragments(site: Site) -> Iterator[Fragment]:
    """`{{ verzeichnis.start_wege }}` on the start page: the ways in by Stadtbezirk, Thema and Sprache."""
    directory = site.directory
    languages = sorted(directory.facet("sprachen"), key=lambda item: (-item[1], sort_key(item[0].name)))
    yield Fragment("start_wege", "start_wege.html", dict(
        label=partial(term_label, gettext=site._), bezirke=[(t, n) for t, n in terms(directory, "stadtbezirk") if n],
        themen=[(t, n) for t, n in terms(directory, "themen") if n],
        sprachen=languages[:12], alle_sprachen=len(languages)))
