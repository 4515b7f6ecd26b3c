"""Untrusted profile text → safe HTML.

A Markdown subset (paragraphs, lists, emphasis, links, line breaks) rendered with raw HTML off,
links limited to http(s), mailto and tel, and the result cleaned again by nh3.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code"}
_RULES = ["list", "emphasis", "link", "newline", "escape", "entity", "backticks", "autolink"]


def safe_url(url: str) -> bool:
    """True when a link's scheme is one profiles may use (http, https, mailto, tel)."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in LINK_SCHEMES


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False, "breaks": False})
    md.enable(_RULES)
    md.validateLink = safe_url
    return md


_MD = _parser()


def markdown(text: str) -> Markup:
    """Render untrusted Markdown to sanitised HTML."""
    html = _MD.render(text or "")
    return Markup(nh3.clean(html, tags=_TAGS, attributes={"a": {"href"}}, url_schemes=set(LINK_SCHEMES),
                            link_rel="nofollow noopener noreferrer ugc", strip_comments=True))


@functools.lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """The readable text of untrusted Markdown, without markup (cached: views ask for the same text often)."""
    result, depth, previous_in_item = "", 0, False
    for token in _MD.parse(text or ""):
        depth += {"list_item_open": 1, "list_item_close": -1}.get(token.type, 0)
        if token.type == "inline":
            words = "".join(c.content for c in token.children or [] if c.type in ("text", "code_inline")).strip()
            joiner = "; " if depth and previous_in_item else " "
            result = f"{result}{joiner}{words}" if result else words
            previous_in_item = bool(depth)
    return re.sub(r"\s+", " ", result).strip()


def shorten(text: str, limit: int = 180) -> str:
    """Cut at a word boundary and add an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.–-")
    return cut + " …"
