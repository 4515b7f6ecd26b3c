"""What views share: the values they yield (PageSpec, Asset, Fragment), the Jinja renderer, the Site of one
build and URL helpers.

Generated pages never carry profile text through YAML or Markdown: a view describes a page as a PageSpec,
the hook registers it as a stub file, sets `page.meta` from `PageSpec.meta()` and puts the HTML rendered
here in place of the (empty) Markdown result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import phonenumbers

from .. import history, links, qr, search, text
from ..config import STADTWEIT
from ..i18n import Language, N_
from ..model import Directory, Entry
from ..placeholders import confirmation_rhythm
from ..schema import Term
from ..slugs import slugify

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# facet → URL folder of its listing pages
FACET_PATHS = {"stadtbezirk": "stadtbezirke", "themen": "themen", "sprachen": "sprachen",
               "herkunft": "herkunft", "zielgruppen": "zielgruppen"}
FACET_TITLES = {"stadtbezirk": N_("Stadtbezirk"), "themen": N_("Thema"), "sprachen": N_("Sprache"),
                "herkunft": N_("Herkunft / Community"), "zielgruppen": N_("Zielgruppe")}
STADTWEIT_NAME = N_("stadtweit")  # the Stadtbezirk of associations active in the whole city, as lists show it
FULL_WIDTH = ("navigation", "toc")  # Material's `hide`: no side navigation, no table of contents


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, the template that renders its body, and what the theme shows.

    `path` is the source path relative to docs/ (`vereine/abc.md`). `title` and `description` are plain
    text, possibly from a profile; `meta()` escapes them for the theme, which does not autoescape.
    """

    path: str
    template: str
    title: str
    description: str = ""
    hide: tuple[str, ...] = ()
    search: Mapping[str, Any] | None = None  # as in front matter: {"exclude": True} keeps it out of the site search
    context: Mapping[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        """`page.meta` for MkDocs and the theme, set directly instead of through front matter."""
        meta: dict[str, Any] = {"title": str(markupsafe.escape(self.title))}
        if self.description:
            meta["description"] = str(markupsafe.escape(self.description))
        if self.hide:
            meta["hide"] = list(self.hide)
        if self.search is not None:
            meta["search"] = dict(self.search)
        return meta


@dataclass(frozen=True)
class Asset:
    """A generated file that is not a page (JSON, CSV, CSS, SVG); `path` is relative to docs/.

    A `shared` file (the open data, the form's profile data) is the same for every language: only the main
    language's build writes it, and the other languages' pages link to it (`data_base`).
    """

    path: str
    content: str | bytes
    shared: bool = False


@dataclass(frozen=True)
class Fragment:
    """HTML that a hand-written page places with `{{ verzeichnis.<name> }}` on a line of its own."""

    name: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)


def page_url(src_path: str) -> str:
    """The site URL (relative to the root, directory URLs) of a page's source path."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_root(src_path: str) -> str:
    """`../../` from the page built from `src_path` (or the file at `src_path`) back to the site root."""
    depth = page_url(src_path).count("/") if src_path.endswith(".md") else src_path.count("/")
    return "../" * depth


def facet_url(facet: str, value: str) -> str:
    return f"{FACET_PATHS[facet]}/{slugify(value)}/"


def district_name(value: str, gettext: Callable[[str], str] = str) -> str:
    """A Stadtbezirk as pages name it: its name, or `stadtweit` in the page's language."""
    return gettext(STADTWEIT_NAME) if value == STADTWEIT else value


def tel_href(number: str) -> str:
    try:
        parsed = phonenumbers.parse(number, "DE")
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


def web_href(url: str) -> str:
    """A website link from profile data: http(s) only (the schema checks it too; this is the second line)."""
    return url if url.lower().startswith(("https://", "http://")) else "#"


def json_for_script(data: Any) -> str:
    """JSON that is safe inside <script>: no `</script>` or `<!--` can be formed."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Renderer:
    """Jinja with autoescaping, gettext in the build's language and the helpers templates need.

    Templates mark their text with `{{ _("…") }}`, `{% trans %}` or `ngettext`; German is the source text.
    """

    def __init__(self, directory: Directory, language: Language | None = None):
        self.directory = directory
        self.settings = directory.settings
        self.language = language or Language(self.settings.sprache, self.settings.hauptsprache)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, extensions=["jinja2.ext.i18n"])
        self.env.policies["ext.i18n.trimmed"] = True  # {% trans %} blocks: whitespace as babel.cfg extracts it
        self.env.install_gettext_translations(self.language.translations, newstyle=True)
        self.env.filters.update(markdown=text.markdown, plain=text.plain, shorten=text.shorten,
                                datum=self.language.date, tel_href=tel_href,
                                web_href=web_href, json_script=json_for_script, mailto_href=links.mailto_href,
                                url_text=links.display_url, email_text=links.display_email)
        self.env.globals.update(settings=self.settings, counts=directory.counts, sprache=self.language,
                                bestaetigung_rhythmus=confirmation_rhythm(self.settings.monate_bis_bestaetigung,
                                                                          self.language),
                                term=self.term, facet_url=facet_url,
                                facet_titles={k: self.language.gettext(v) for k, v in FACET_TITLES.items()},
                                language=self.language_term, card=self.card, plurals=self.language.plurals,
                                descriptions=self.descriptions,
                                bezirk=lambda value: district_name(value, self.language.gettext))
        self._cards: dict[tuple[str, str, str], str] = {}

    def term(self, facet: str, value: str) -> Term:
        return self.directory.term(facet, value)

    def language_term(self, code: str) -> Term:
        return self.directory.schema.vocab["sprache"][code]

    def descriptions(self, entry: Entry) -> list[tuple[str, str]]:
        """The descriptions of an entry as (language code, text): the visitor's language first when the
        association wrote one, else German first."""
        return ordered_descriptions(entry, self.language.code)

    def card(self, entry: Entry, base: str, level: str = "h3") -> str:
        """The card of an entry (macros.html); each is rendered once and reused, since one entry is on
        about ten listing pages."""
        key = (entry.slug, base, level)
        if key not in self._cards:
            self._cards[key] = self.env.get_template("macros.html").module.card(entry, base, level)
        return self._cards[key]

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    def roots(self, path: str) -> dict[str, str]:
        """`base` leads from a page back to its language's root, `data_base` to the root of the main language,
        where the shared files are (open data, the PDF)."""
        base = relative_root(path)
        return dict(base=base, data_base=base if self.language.main else base + "../")

    def page(self, spec: PageSpec) -> str:
        """The HTML body of a generated page."""
        return self.render(spec.template, **self.roots(spec.path), **spec.context)

    def fragment(self, fragment: Fragment, page_path: str) -> str:
        return self.render(fragment.template, **self.roots(page_path), **fragment.context)


class Site:
    """One build: the Directory, its language, its renderer and what several views need, computed once.

    For another language than German the Directory reads its vocabulary labels from a translated schema.
    """

    def __init__(self, directory: Directory, language: Language | None = None, main: Site | None = None):
        self.main = main  # another language's build: the main language's, whose PDF its pages link to
        self.language = language or Language(directory.settings.sprache, directory.settings.hauptsprache)
        if self.language.code != "de":
            directory = directory.for_language(directory.schema.translated(self.language.gettext), directory.settings)
        self.directory = directory
        self.settings = directory.settings
        self.renderer = Renderer(directory, self.language)
        self._ = self.language.gettext
        self.ngettext = self.language.ngettext
        self._once: dict[str, Any] = {}

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` the first time a view asks for `key` in this build; the same result after that."""
        if key not in self._once:
            self._once[key] = compute()
        return self._once[key]

    @cached_property
    def history(self) -> history.History:
        """The count history from git (the count page and zahlen.json both show it)."""
        return history.compute(self.directory, language=self.language)

    @cached_property
    def qr_codes(self) -> qr.QrCodes:
        """QR codes of the brochure, with the codes of the last build cached under the project."""
        return qr.QrCodes(self.settings.root / qr.CACHE_FILE)

    @cached_property
    def splitter(self) -> search.Splitter:
        """Compound parts for the search, with the parts of known words cached under the project."""
        return search.Splitter(self.settings.root / search.CACHE_FILE, search.vocabulary(self.directory.entries))


ANCHOR = re.compile(r'\bid="([^"]+)"')  # the templates write every id in double quotes


def anchor_ids(html: str) -> set[str]:
    """The ids in generated HTML, for MkDocs' check of links to anchors: it knows only what Markdown made."""
    return set(ANCHOR.findall(html))


def ordered_descriptions(entry: Entry, code: str) -> list[tuple[str, str]]:
    """(language code, text) of each description: the one in `code` first if there is one, else German first."""
    first = code if code in entry.beschreibung else "de"
    return [(first, entry.beschreibung[first])] + [(lang, body) for lang, body in entry.beschreibung.items()
                                                   if lang != first]


def summary(entry: Entry, limit: int = 180, code: str = "de") -> str:
    """The start of the description as plain text: in the language `code` if the association wrote one, else
    in German (`summary_language` says which)."""
    return text.shorten(text.plain(entry.beschreibung[summary_language(entry, code)]), limit)


def summary_language(entry: Entry, code: str) -> str:
    return code if code in entry.beschreibung else "de"
