"""Nothing from third parties: a static scan of every built HTML, CSS, JS, SVG and XML file.

A *resource* is anything a browser fetches by itself: script, stylesheet, image, font, frame, media,
form target, preload, CSS `url()` / `@import`, SVG `<image>` / `<use>`. Resources must come from the site
itself (relative URLs, or the host of `site_url`). Links people click (`<a href>`) may go anywhere over
http(s), mailto or tel – that is how a profile links to the association's own website. Data that no
browser fetches (schema.org `@context`, XML namespaces, JSON-LD values) is not a resource.

The browser test in tests/browser/test_no_third_parties.py checks the same thing by logging requests.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import tinycss2

from conftest import ROOT

SCANNED = {".html", ".htm", ".css", ".js", ".mjs", ".svg", ".xml"}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Resource attributes by tag ("*": any tag). `<a href>` and `<area href>` are links, not resources.
RESOURCE_ATTRS = {
    "*": {"src", "srcset", "background", "poster", "lowsrc", "dynsrc", "formaction"},
    "link": {"href", "imagesrcset"}, "object": {"data", "codebase"}, "form": {"action"}, "base": {"href"},
    "image": {"href", "xlink:href"}, "use": {"href", "xlink:href"}, "feimage": {"href", "xlink:href"},
    "script": {"href", "xlink:href"}, "applet": {"code", "codebase", "archive"},
}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}

# URLs written in Material's JavaScript bundle. Each is fetched only under a condition this project never
# meets; the test checks the condition, so the day it is met the test fails.
INERT_IN_THEME_JS = {
    "https://unpkg.com/mermaid@": "only on pages with a Mermaid diagram (class=\"mermaid\")",
    "https://api.github.com/": "only with `repo_url` set in mkdocs.yml",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver (none since 2020); "
                                                  "the CSP in docs/betrieb.md blocks it as well",
    "https://example.com${": "Pagefind's pagefind.js parses result paths against a dummy host; never fetched",
}
_JS_URL = re.compile(r"""["'`]((?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^"'`\s]*)""")


def own_hosts() -> set[str]:
    from mso import config

    host = urlsplit(config.from_mkdocs_file(ROOT / "mkdocs.yml").site_url).hostname
    return LOCAL_HOSTS | ({host} if host else set())


def foreign(url: str, hosts: set[str]) -> bool:
    """True for an absolute or protocol-relative URL to another host; data: and relative URLs are local."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    if parts.scheme in ("data", "blob", "about") or (not parts.scheme and not url.startswith("//")):
        return False
    if parts.scheme in ("javascript", "vbscript"):
        return True
    return parts.hostname not in hosts


# --- CSS -----------------------------------------------------------------------------------------------

def css_urls(css: str, *, declarations: bool = False) -> Iterator[str]:
    """Every url() and @import target of a stylesheet (or of a style attribute)."""
    nodes = tinycss2.parse_blocks_contents(css, skip_comments=True) if declarations else \
        tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    yield from _css_walk(nodes)


def _css_walk(nodes) -> Iterator[str]:
    for node in nodes:
        if node.type == "url":
            yield node.value
        elif node.type == "function" and node.lower_name in ("url", "src", "image-set", "-webkit-image-set"):
            for arg in node.arguments:
                if arg.type == "string":
                    yield arg.value
        elif node.type == "at-rule" and node.lower_at_keyword == "import":
            for token in node.prelude:
                if token.type == "string":
                    yield token.value
        for child in ("prelude", "content", "arguments", "value"):
            value = getattr(node, child, None)
            if isinstance(value, list):
                yield from _css_walk(value)


# --- HTML ----------------------------------------------------------------------------------------------

class ResourceParser(HTMLParser):
    """Collects (what, url) for each resource of an HTML document or fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.resources: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self.styles: list[str] = []
        self._script_type: str | None = None
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), value or "") for name, value in attrs]
        wanted = RESOURCE_ATTRS["*"] | RESOURCE_ATTRS.get(tag, set())
        for name, value in attrs:
            if name in wanted:
                for url in (_srcset(value) if name.endswith("srcset") else [value]):
                    self.resources.append((f"<{tag} {name}>", url))
            elif name == "style":
                self.resources += [(f"<{tag} style>", url) for url in css_urls(value, declarations=True)]
            elif name == "href" and tag in ("a", "area"):
                self.links.append(value)
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            target = re.sub(r"(?i)^\s*\d+\s*;?\s*(url\s*=\s*)?", "", dict(attrs).get("content", ""))
            if target:
                self.resources.append(("<meta refresh>", target.strip("'\" ")))
        if tag == "script":
            self._script_type = dict(attrs).get("type", "text/javascript").lower()
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_type = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._script_type is not None:
            self.scripts.append((self._script_type, data))
        elif self._in_style:
            self.styles.append(data)


def _srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def html_problems(html: str, hosts: set[str]) -> list[str]:
    parser = ResourceParser()
    parser.feed(html)
    parser.close()
    problems = [f"{what} {url}" for what, url in parser.resources if foreign(url, hosts)]
    for style in parser.styles:
        problems += [f"<style> url({url})" for url in css_urls(style) if foreign(url, hosts)]
    for kind, text in parser.scripts:
        if kind == "application/ld+json":
            json.loads(text)  # data for search engines; it must parse, its URLs are never fetched
        else:
            problems += [f"<script> {url}" for url in js_urls(text) if foreign(url, hosts)]
    for link in parser.links:
        scheme = urlsplit(link.strip()).scheme.lower() if link.strip() else ""
        if scheme and scheme not in LINK_SCHEMES:
            problems.append(f"<a href> {link}")
    return problems


# --- JavaScript, SVG and XML ---------------------------------------------------------------------------

def js_urls(js: str) -> list[str]:
    """String literals that begin with an absolute URL, minus the theme's known inert ones."""
    return [url for url in _JS_URL.findall(js) if not url.startswith(tuple(INERT_IN_THEME_JS))]


def xml_problems(text: str, hosts: set[str]) -> list[str]:
    problems = [f"<?xml-stylesheet?> {url}" for url in re.findall(r"<\?xml-stylesheet[^>]*href=[\"']([^\"']+)", text)
                if foreign(url, hosts)]
    root = ET.fromstring(text.encode("utf-8"))
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local in ("href", "src") and tag != "a" and foreign(value, hosts):
                problems.append(f"<{tag} {local}> {value}")
            elif local == "style":
                problems += [f"<{tag} style> {u}" for u in css_urls(value, declarations=True) if foreign(u, hosts)]
        if tag == "style" and element.text:
            problems += [f"<style> {u}" for u in css_urls(element.text) if foreign(u, hosts)]
        if tag == "script" and element.text:
            problems += [f"<script> {u}" for u in js_urls(element.text) if foreign(u, hosts)]
        if tag == "loc" and element.text and foreign(element.text, hosts):
            problems.append(f"<loc> {element.text}")  # a sitemap lists the site's own pages only
    return problems


def file_problems(path: Path, hosts: set[str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".html", ".htm"):
        return html_problems(text, hosts)
    if path.suffix == ".css":
        return [f"url({url})" for url in css_urls(text) if foreign(url, hosts)]
    if path.suffix in (".js", ".mjs"):
        return [f"script string {url}" for url in js_urls(text) if foreign(url, hosts)]
    return xml_problems(text, hosts)


def scanned_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in SCANNED)


# --- the built site --------------------------------------------------------------------------------------

def test_no_file_of_the_site_loads_anything_from_another_host(built_site):
    hosts = own_hosts()
    files = scanned_files(built_site)
    assert {p.suffix for p in files} >= {".html", ".css", ".js", ".xml"}
    problems = {p.relative_to(built_site).as_posix(): found for p in files if (found := file_problems(p, hosts))}
    assert problems == {}


def test_the_search_loads_its_code_and_index_from_the_site_itself(built_site):
    """docs/assets/suche.js imports Pagefind relative to the site root; results are shown as text, never HTML."""
    script = (built_site / "assets" / "suche.js").read_text(encoding="utf-8")
    assert 'new URL("pagefind/pagefind.js", indexRoot)' in script and "new URL(root.getAttribute(" in script
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert (built_site / "pagefind" / "pagefind.js").is_file()


def test_the_conditions_of_the_theme_urls_are_never_met(built_site):
    """Each URL in INERT_IN_THEME_JS stays unused only while its condition holds."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"(?m)^repo_url\s*:", config)
    assert re.search(r"(?m)^\s+font:\s*false", config), \
        "theme.font must stay false, or Material links Google Fonts"
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in html and "md-source" not in html, page


def test_links_to_association_websites_are_allowed_and_stay_links(built_site, directory):
    websites = [e.kontakt["website"] for e in directory.entries if "website" in e.kontakt]
    assert websites, "the demo data should include association websites"
    entry = next(e for e in directory.entries if "website" in e.kontakt)
    html = (built_site / "vereine" / entry.slug / "index.html").read_text(encoding="utf-8")
    assert f'href="{entry.kontakt["website"]}"' in html
    assert html_problems(html, own_hosts()) == []


# --- the scanner itself: it finds what it must find ----------------------------------------------------

HOSTS = {"127.0.0.1", "vereine.bielefeld.example"}


@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example.com/x.js"></script>',
    '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">',
    '<link rel="preconnect" href="https://fonts.gstatic.com">',
    '<img src="https://tracker.example/pixel.gif" alt="">',
    '<img srcset="a.png 1x, https://cdn.example/b.png 2x" alt="">',
    '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '<video poster="https://cdn.example/p.jpg"></video>',
    '<picture><source srcset="https://cdn.example/i.webp"></picture>',
    '<form action="https://forms.example/submit"></form>',
    '<div style="background: url(https://cdn.example/bg.png)"></div>',
    '<style>@import "https://fonts.googleapis.com/css";</style>',
    '<style>@font-face { src: url("https://fonts.gstatic.com/x.woff2") }</style>',
    '<script>fetch("https://api.example.com/track")</script>',
    '<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">',
    '<svg><image href="https://cdn.example/i.png"/></svg>',
    '<a href="javascript:alert(1)">x</a>',
])
def test_scanner_finds_foreign_resources_in_html(html):
    assert html_problems(html, HOSTS)


@pytest.mark.parametrize("html", [
    '<a href="https://mein-verein.de/">Website</a>',
    '<a href="mailto:info@verein.example">E-Mail</a> <a href="tel:+495211234">Tel</a>',
    '<link rel="canonical" href="https://vereine.bielefeld.example/vereine/x/">',
    '<script src="../assets/javascripts/bundle.js"></script><img src="data:image/png;base64,AAAA" alt="">',
    '<script type="application/ld+json">{"@context": "https://schema.org", "sameAs": ["https://x.example"]}'
    '</script>',
    '<svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/></svg>',
])
def test_scanner_allows_links_and_own_resources(html):
    assert html_problems(html, HOSTS) == []


def test_scanner_finds_foreign_resources_in_css_and_svg():
    assert [u for u in css_urls('a { background: url("//cdn.example/x.png") } @import url(https://x.example/a.css);'
                                '@media print { b { background-image: url(https://y.example/b.png) } }')
            if foreign(u, HOSTS)] == ["//cdn.example/x.png", "https://x.example/a.css", "https://y.example/b.png"]
    assert not [u for u in css_urls('/* https://fontawesome.com */ a { mask: url("data:image/svg+xml,'
                                    '<svg xmlns=\'http://www.w3.org/2000/svg\'/>") }') if foreign(u, HOSTS)]
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<image xlink:href="https://cdn.example/i.png"/><a href="https://verein.example/">x</a></svg>')
    assert xml_problems(svg, HOSTS) == ["<image href> https://cdn.example/i.png"]
    sitemap = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://evil.example/</loc>'
               '</url></urlset>')
    assert xml_problems(sitemap, HOSTS) == ["<loc> https://evil.example/"]


# --- the security headers documented in docs/betrieb.md ------------------------------------------------

def documented_headers() -> dict[str, str]:
    """The `add_header` lines of the nginx example in docs/betrieb.md."""
    text = (ROOT / "docs" / "betrieb.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", text, re.S).group(1)
    return dict(re.findall(r'^\s*add_header\s+([\w-]+)\s+"([^"]*)"\s+always;', block, re.M))


def csp_directives(policy: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for parts in (d.split() for d in policy.split(";")) if parts}


def inline_script_hashes(site: Path) -> set[str]:
    """sha256 sources of every inline script the browser executes (JSON data scripts are not executed)."""
    import base64
    import hashlib

    found = set()
    for page in site.rglob("*.html"):
        parser = ResourceParser()
        parser.feed(page.read_text(encoding="utf-8"))
        for kind, text in parser.scripts:
            if kind in ("text/javascript", "application/javascript", "module", ""):
                found.add("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'")
    return found


def test_documented_headers_are_complete():
    headers = documented_headers()
    assert {"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy"} <= set(headers)
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "no-referrer"
    csp = csp_directives(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"] and csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    for directive, sources in csp.items():  # only the site itself: no host, no scheme wildcard, no eval
        allowed = ("'self'", "'none'", "'unsafe-inline'", "data:") + (("'wasm-unsafe-eval'",) if directive == "script-src" else ())
        assert all(s in allowed or s.startswith("'sha256-") for s in sources), (directive, sources)
    assert "'unsafe-inline'" not in csp["script-src"] and "data:" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]  # Pagefind's WebAssembly needs only 'wasm-unsafe-eval'


def test_documented_csp_allows_exactly_the_inline_scripts_of_the_site(built_site):
    """When the theme changes its inline scripts, this says which script-src to write into docs/betrieb.md."""
    csp = csp_directives(documented_headers()["Content-Security-Policy"])
    documented = {s for s in csp["script-src"] if s.startswith("'sha256-")}
    needed = inline_script_hashes(built_site)
    assert documented == needed, "script-src 'self' " + " ".join(sorted(needed))
