"""/steckbriefe/: the brochure as one print-ready page, and /steckbriefe/steckbriefe.pdf made by WeasyPrint.

Both come from the same template (steckbriefe_brochure.html). The page lives inside the site's theme;
the PDF is rendered from a standalone document with the print stylesheets only. The PDF is rebuilt only
when the document, its styles or the fonts change: a copy is kept in .cache/steckbriefe/ under the project.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import segno
from markupsafe import Markup

from .. import pdf
from ..model import Directory, Entry
from .base import FULL_WIDTH, TEMPLATES, Asset, PageSpec, Site, relative_root

SRC = "steckbriefe/index.md"
PDF = "steckbriefe/steckbriefe.pdf"
CSS = "steckbriefe/broschuere.css"
PRINT = TEMPLATES / "print"  # the print stylesheets, shipped with the templates
CACHE = Path(".cache") / "steckbriefe"
LOG = logging.getLogger("mkdocs.plugins.verzeichnis")
UMFANG = "<span data-mso-pdf-umfang>PDF</span>"  # in steckbriefe.html; filled in after the PDF is written


def title(directory: Directory) -> str:
    return f"Steckbriefe der Migrantenorganisationen in {directory.settings.stadt}"


def outputs(site: Site) -> Iterator[PageSpec | Asset]:
    directory = site.directory
    base = relative_root(SRC)
    yield PageSpec(SRC, "steckbriefe.html", title="Steckbriefe", hide=FULL_WIDTH, search={"exclude": True},
                   description=f"{title(directory)}: die Broschüre zum Ausdrucken, als Webseite und als "
                               "barrierefreies PDF.",
                   context=context(directory, link=lambda e: f"{base}vereine/{e.slug}/"))
    yield Asset(CSS, stylesheet(directory.settings.farbe, "broschuere.css", "screen.css"))


def stylesheet(colour: str, *names: str) -> str:
    """The print stylesheets, after the city's colour (`extra.verzeichnis.farbe`) as `--mso-farbe`."""
    return "\n".join([f":root {{ --mso-farbe: {colour}; }}",
                      *((PRINT / name).read_text(encoding="utf-8") for name in names)])


def site_address(directory: Directory) -> str:
    """The website's full address ending in /, or "" when mkdocs.yml has no site_url."""
    url = directory.settings.site_url
    return url.rstrip("/") + "/" if url else ""


def context(directory: Directory, *, link) -> dict[str, Any]:
    """What the brochure template needs; `link(entry)` is where a Steckbrief's name links to."""
    site = site_address(directory)

    def index(facet: str):
        return [(t, count, directory.with_term(facet, t.value)) for t, count in directory.facet(facet)]

    return dict(entries=directory.entries, themen=index("themen"), sprachen=index("sprachen"), site=site,
                link=link, online=partial(online_url, site), qr=partial(qr_code, site))


def online_url(site: str, entry: Entry) -> str:
    return f"{site}vereine/{entry.slug}/" if site else ""


def qr_code(site: str, entry: Entry) -> Markup:
    """An inline SVG QR code to the online profile; its <title> is the text alternative."""
    return _qr_svg(online_url(site, entry)) if site else Markup("")


@lru_cache(maxsize=8192)
def _qr_svg(url: str) -> Markup:
    # A fixed mask is as valid as the "best" one and makes the code four times faster to compute.
    svg = segno.make(url, error="m", mask=0).svg_inline(scale=1, border=2, omitsize=True, svgclass="mso-qr",
                                                        lineclass=None, title=f"QR-Code: {url}")
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))


def document(site: Site) -> str:
    """The standalone HTML document the PDF is made from; its links go to the website."""
    directory = site.directory
    address = site_address(directory)
    return site.renderer.render("steckbriefe_document.html",
        title=title(directory), description=f"{directory.counts.veroeffentlicht} Steckbriefe, Stand "
        f"{directory.settings.stichtag_text}.",
        css=Markup(stylesheet(directory.settings.farbe, "broschuere.css", "pdf.css")),
        font_stack=Markup(", ".join(f'"{family}"' for family in pdf.FONT_STACK) + ", sans-serif"),
        **context(directory, link=partial(online_url, address) if address else lambda e: f"#steckbrief-{e.slug}"))


def post_build(site: Site, site_dir: Path) -> None:
    directory, settings = site.directory, site.settings
    if not settings.pdf:
        LOG.info("PDF der Steckbriefe übersprungen (MSO_PDF=0).")
        return
    html = document(site)
    fonts = pdf.check_fonts(html, LOG)
    key = pdf.cache_key(html, pdf.fonts_fingerprint(fonts))
    cache = settings.root / CACHE
    cached = cache / f"{key}.pdf"
    target = site_dir / PDF
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.is_file():
        shutil.copyfile(cached, target)
        LOG.info(f"PDF der Steckbriefe unverändert, aus dem Zwischenspeicher übernommen ({cached.name[:12]}…).")
    else:
        LOG.info(f"PDF der Steckbriefe wird erstellt ({directory.counts.veroeffentlicht} Steckbriefe) …")
        pages = pdf.write_pdf(html, target, title=title(directory), lang="de", date=settings.stichtag,
                              base_url=PRINT, log=LOG)
        LOG.info(f"PDF der Steckbriefe fertig: {pages} Seiten, {target.stat().st_size // 1024} KB.")
        _store(cache, cached, target)
    _state_extent(site_dir / SRC.replace(".md", ".html"), target)


def _state_extent(page: Path, target: Path) -> None:
    """The page was written before the PDF existed: its download link gets the page count and size now."""
    if not page.is_file():
        return
    html = page.read_text(encoding="utf-8")
    if UMFANG not in html:
        LOG.warning(f"{page.name}: Platzhalter für Seitenzahl und Größe des PDFs fehlt ({UMFANG}).")
        return
    page.write_text(html.replace(UMFANG, UMFANG.replace(">PDF<", f">{pdf.extent(target)}<")), encoding="utf-8")


def _store(cache: Path, cached: Path, target: Path) -> None:
    """Keep only the newest PDF in the cache; a cache that cannot be written is no reason to fail."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("*.pdf"):
            old.unlink(missing_ok=True)
        partial_file = cache / f"{cached.stem}.{os.getpid()}.tmp"
        shutil.copyfile(target, partial_file)
        os.replace(partial_file, cached)  # builds running side by side never see half a file
    except OSError as exc:
        LOG.info(f"PDF-Zwischenspeicher {cache} nicht beschreibbar ({exc.strerror}); beim nächsten Bau wird "
                 "das PDF neu erstellt.")
