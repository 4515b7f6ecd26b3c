"""What views share: the Output record, the Jinja renderer and URL helpers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import phonenumbers

from .. import text
from ..config import Settings, german_date
from ..model import Directory, Entry
from ..schema import Term
from ..slugs import slugify

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# facet → URL folder of its listing pages
FACET_PATHS = {"stadtbezirk": "stadtbezirke", "themen": "themen", "sprachen": "sprachen",
               "herkunft": "herkunft", "zielgruppen": "zielgruppen"}
FACET_TITLES = {"stadtbezirk": "Stadtbezirk", "themen": "Thema", "sprachen": "Sprache",
                "herkunft": "Herkunft / Community", "zielgruppen": "Zielgruppe"}


@dataclass(frozen=True)
class Output:
    """A generated file: `path` is relative to docs/ (`vereine/abc.md`), content is text or bytes."""

    path: str
    content: str | bytes

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


def page_url(src_path: str) -> str:
    """The site URL (relative to the root, directory URLs) of a generated Markdown page."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
        return stem
    return stem + "/"


def relative_root(src_path: str) -> str:
    """`../../` from the page built from `src_path` back to the site root."""
    depth = page_url(src_path).count("/") if src_path.endswith(".md") else src_path.count("/")
    return "../" * depth


def facet_url(facet: str, value: str) -> str:
    return f"{FACET_PATHS[facet]}/{slugify(value)}/"


def tel_href(number: str) -> str:
    try:
        parsed = phonenumbers.parse(number, "DE")
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return "tel:" + "".join(c for c in number if c.isdigit() or c == "+")


def web_href(url: str) -> str:
    """A website link from profile data: http(s) only (the schema checks it too; this is the second line)."""
    return url if url.lower().startswith(("https://", "http://")) else "#"


def front_matter(**values: Any) -> str:
    """YAML front matter; values are written as JSON, which YAML reads unchanged.

    The theme writes `title` and `description` into <title> and <meta> without escaping (MkDocs does not
    autoescape theme templates), and profile names are untrusted: so those two are HTML-escaped here.
    """
    values = {key: str(markupsafe.escape(value)) if key in ("title", "description") and isinstance(value, str)
              else value for key, value in values.items()}
    lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    return "\n".join(lines + ["---", ""])


def json_for_script(data: Any) -> str:
    """JSON that is safe inside <script>: no `</script>` or `<!--` can be formed."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Renderer:
    """Jinja with autoescaping and the helpers templates need."""

    def __init__(self, directory: Directory, settings: Settings):
        self.directory = directory
        self.settings = settings
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.env.filters.update(markdown=text.markdown, plain=text.plain, shorten=text.shorten,
                                date_de=german_date, tel_href=tel_href, web_href=web_href, json_script=json_for_script)
        self.env.globals.update(settings=settings, counts=directory.counts,
                                term=self.term, facet_url=facet_url, facet_titles=FACET_TITLES,
                                language=self.language)

    def term(self, facet: str, value: str) -> Term:
        return self.directory.term(facet, value)

    def language(self, code: str) -> Term:
        return self.directory.schema.vocab["sprache"][code]

    def render(self, template: str, **context: Any) -> str:
        html = self.env.get_template(template).render(**context)
        # Python-Markdown treats a blank line as the end of a raw HTML block.
        return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"

    def page(self, src_path: str, template: str, *, title: str, description: str = "",
             search_boost: float | None = None, **context: Any) -> Output:
        meta: dict[str, Any] = {"title": title}
        if description:
            meta["description"] = description
        if search_boost is not None:
            meta["search"] = {"boost": search_boost}
        body = self.render(template, base=relative_root(src_path), **context)
        return Output(src_path, front_matter(**meta) + "\n" + body)

    @staticmethod
    def summary(entry: Entry, limit: int = 180) -> str:
        return text.shorten(text.plain(entry.beschreibung["de"]), limit)
