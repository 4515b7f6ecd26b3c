"""/steckbriefe/: the brochure as one print-ready page, and /steckbriefe/steckbriefe.pdf made by WeasyPrint.

Both come from the same template (steckbriefe_brochure.html). The page lives inside the site's theme;
the PDF is rendered from a standalone document with the print stylesheets only. The PDF is made before the
pages, so that the page's download link states its pages and size, and copied into the site at the end. It is
rebuilt only when the document, its styles or the fonts change: a copy is kept in .cache/steckbriefe/ under the
project. The PDF is German in every language: another language's build finds the main build's copy there.

Above `broschuere_ganz_bis` published profiles (mkdocs.yml) one brochure would be too long to print or to
open (about a page and 0.6 MB of memory per Steckbrief in WeasyPrint), so it comes in one part per
Stadtbezirk: /steckbriefe/<bezirk>/ and steckbriefe-<bezirk>.pdf. /steckbriefe/ then lists the parts, and
steckbriefe.pdf holds the cover, the foreword and the register of all associations by part. The parts
together hold every published profile once (docs/betrieb.md, "Grenzen").
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.plugins import get_plugin_logger

from .. import pdf
from ..i18n import Language
from ..model import Directory, Entry
from ..slugs import slugify
from .base import FULL_WIDTH, TEMPLATES, Asset, PageSpec, Site, relative_root

SRC = "steckbriefe/index.md"
PDF = "steckbriefe/steckbriefe.pdf"
CSS = "steckbriefe/broschuere.css"
PRINT = TEMPLATES / "print"  # the print stylesheets, shipped with the templates
CACHE = Path(".cache") / "steckbriefe"
LOG = get_plugin_logger("verzeichnis")
PAGE_NUMBERS = '"Seite " counter(page) " von " counter(pages)'  # in print/broschuere.css


def title(directory: Directory, part: str = "", gettext: Callable[[str], str] = str) -> str:
    """The brochure's title (of one part), in the language of `gettext`; the PDF's is German."""
    _, stadt = gettext, directory.settings.stadt
    if part == "stadtweit":
        return _("Steckbriefe der Migrantenorganisationen in %(stadt)s – stadtweit") % {"stadt": stadt}
    if part:
        return _("Steckbriefe der Migrantenorganisationen in %(stadt)s – im Stadtbezirk %(bezirk)s") % {
            "stadt": stadt, "bezirk": part}
    return _("Steckbriefe der Migrantenorganisationen in %(stadt)s") % {"stadt": stadt}


def is_split(directory: Directory) -> bool:
    return len(directory.entries) > directory.settings.broschuere_ganz_bis


def parts(directory: Directory) -> list[tuple[str, str, list[Entry]]]:
    """The parts of a split brochure: (Stadtbezirk, URL slug, its entries A–Z), in the vocabulary's order."""
    return [(term.value, slugify(term.value), directory.with_term("stadtbezirk", term.value))
            for term, _ in directory.facet("stadtbezirk")]


def part_pdf(slug: str) -> str:
    return f"steckbriefe/steckbriefe-{slug}.pdf"


def outputs(site: Site) -> Iterator[PageSpec | Asset]:
    directory, _ = site.directory, site._
    description = _("%(titel)s: die Broschüre zum Ausdrucken, als Webseite und als barrierefreies PDF.") % {
        "titel": title(directory, gettext=_)}
    yield Asset(CSS, stylesheet(directory.settings.farbe, "broschuere.css", "screen.css", gettext=_))
    if not is_split(directory):
        base = relative_root(SRC)
        yield PageSpec(SRC, "steckbriefe.html", title=_("Steckbriefe"), hide=FULL_WIDTH, search={"exclude": True},
                       description=description, context=dict(
                           context(directory, link=lambda e: f"{base}vereine/{e.slug}/", codes=site.qr_codes),
                           pdf_path=PDF, umfang=extent(site, PDF)))
        return
    yield PageSpec(SRC, "steckbriefe_teile.html", title=_("Steckbriefe"), hide=FULL_WIDTH, search={"exclude": True},
                   description=description, context=dict(
                       teile=[(name, slug, len(entries), part_pdf(slug), extent(site, part_pdf(slug)))
                              for name, slug, entries in parts(directory)],
                       pdf_path=PDF, umfang=extent(site, PDF)))
    for name, slug, entries in parts(directory):
        src = f"steckbriefe/{slug}.md"
        base = relative_root(src)
        yield PageSpec(src, "steckbriefe.html",
                       title=_("Steckbriefe: stadtweit tätige Vereine") if name == "stadtweit"
                       else _("Steckbriefe: %(bezirk)s") % {"bezirk": name}, hide=FULL_WIDTH,
                       search={"exclude": True},
                       description=site.ngettext("%(titel)s: %(num)s Steckbrief zum Ausdrucken.",
                                                 "%(titel)s: %(num)s Steckbriefe zum Ausdrucken.", len(entries))
                       % {"titel": title(directory, name, _), "num": len(entries)},
                       context=dict(context(directory, link=lambda e, base=base: f"{base}vereine/{e.slug}/",
                                            codes=site.qr_codes, entries=entries, part=name),
                                    pdf_path=part_pdf(slug), umfang=extent(site, part_pdf(slug))))


def stylesheet(colour: str, *names: str, gettext: Callable[[str], str] = str) -> str:
    """The print stylesheets, after the city's colour (`extra.verzeichnis.farbe`) as `--mso-farbe`; the page
    numbers of a printed page in the language of `gettext`."""
    css = "\n".join([f":root {{ --mso-farbe: {colour}; }}",
                     *((PRINT / name).read_text(encoding="utf-8") for name in names)])
    return css.replace(PAGE_NUMBERS, page_numbers(gettext))


def page_numbers(gettext: Callable[[str], str]) -> str:
    """`content` for the page numbers: "Seite " counter(page) " von " counter(pages)."""
    pieces = re.split(r"(%\(seite\)s|%\(seiten\)s)", gettext("Seite %(seite)s von %(seiten)s"))
    counters = {"%(seite)s": "counter(page)", "%(seiten)s": "counter(pages)"}
    return " ".join(counters.get(piece) or '"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"'
                    for piece in pieces if piece)


def site_address(directory: Directory) -> str:
    """The website's full address ending in /, or "" when mkdocs.yml has no site_url."""
    url = directory.settings.site_url
    return url.rstrip("/") + "/" if url else ""


def context(directory: Directory, *, link, codes, entries: list[Entry] | None = None, part: str = "",
            register: list | None = None) -> dict[str, Any]:
    """What the brochure template needs; `link(entry)` is where a Steckbrief's name links to. A part of a
    split brochure has its `entries` and the name of its Stadtbezirk (`part`); the register document of a split
    brochure has no entries but the `register` of the parts."""
    site = site_address(directory)
    entries = directory.entries if entries is None else entries

    def index(facet: str):
        members: dict[str, list[Entry]] = {}
        for entry in entries:
            for value in entry.values(facet):
                members.setdefault(value, []).append(entry)
        return [(t, len(members[t.value]), members[t.value]) for t, _ in directory.facet(facet) if t.value in members]

    return dict(entries=entries, total=len(entries) if register is None else directory.counts.veroeffentlicht,
                part=part, register=register, themen=index("themen"), sprachen=index("sprachen"), site=site,
                link=link, online=partial(online_url, site), qr=partial(qr_code, site, codes))


def online_url(site: str, entry: Entry) -> str:
    return f"{site}vereine/{entry.slug}/" if site else ""


def qr_code(site: str, codes, entry: Entry) -> Markup:
    """An inline SVG QR code to the online profile; its <title> is the text alternative."""
    return codes(online_url(site, entry)) if site else Markup("")


def document(site: Site, part: str = "", entries: list[Entry] | None = None, register: list | None = None) -> str:
    """The standalone HTML document a PDF is made from; its links go to the website."""
    directory = site.directory
    address = site_address(directory)
    count = directory.counts.veroeffentlicht if entries is None else len(entries)
    return site.renderer.render("steckbriefe_document.html",
        title=title(directory, part), description=f"{count} Steckbriefe, Stand "
        f"{site.language.date(directory.settings.stichtag)}.",
        css=Markup(stylesheet(directory.settings.farbe, "broschuere.css", "pdf.css")),
        font_stack=Markup(", ".join(f'"{family}"' for family in pdf.FONT_STACK) + ", sans-serif"),
        **context(directory, link=partial(online_url, address) if address else lambda e: f"#steckbrief-{e.slug}",
                  codes=site.qr_codes, entries=entries, part=part, register=register))


def documents(site: Site) -> list[tuple[str, str, str]]:
    """Each PDF as (path in the site, title, HTML document): one, or the register and a part per Stadtbezirk."""
    directory = site.directory
    if not is_split(directory):
        return [(PDF, title(directory), document(site))]
    split = parts(directory)
    register = [(name, part_pdf(slug), entries) for name, slug, entries in split]
    return [(PDF, title(directory), document(site, entries=[], register=register))] + [
        (part_pdf(slug), title(directory, name), document(site, name, entries)) for name, slug, entries in split]


def made(site: Site) -> dict[str, Path]:
    """Each PDF of the brochure as {path in the site: the file}, made once per build before the pages, or taken
    from the cache; empty with MSO_PDF=0. Another language's build has the main build's: the PDF is German."""
    if not site.settings.pdf:
        return {}
    if not site.language.main:
        return made(site.main) if site.main else {}
    return site.once("steckbriefe.pdf", lambda: _make(site))


def _make(site: Site) -> dict[str, Path]:
    settings = site.settings
    cache = settings.root / CACHE
    made, keep = {}, set()
    for path, pdf_title, html in documents(site):
        fonts = pdf.check_fonts(html, LOG)
        cached = cache / f"{pdf.cache_key(html, pdf.fonts_fingerprint(fonts))}.pdf"
        keep.add(cached.name)
        if cached.is_file():
            LOG.info(f"PDF {Path(path).name} unverändert, aus dem Zwischenspeicher übernommen ({cached.name[:12]}…).")
        else:
            LOG.info(f"PDF {Path(path).name} wird erstellt …")
            cached = _writable(site, cache) / cached.name
            partial_file = cached.with_suffix(f".{os.getpid()}.tmp")
            pages = pdf.write_pdf(html, partial_file, title=pdf_title, lang="de", date=settings.stichtag,
                                  base_url=PRINT, log=LOG)
            os.replace(partial_file, cached)  # builds running side by side never see half a file
            LOG.info(f"PDF {Path(path).name} fertig: {pages} Seiten, {cached.stat().st_size // 1024} KB.")
        made[path] = cached
    _forget(cache, keep)
    return made


def _writable(site: Site, cache: Path) -> Path:
    """The cache folder, or a temporary one for this build when the cache cannot be written."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        probe = cache / f".probe.{os.getpid()}"
        probe.touch()
        probe.unlink()
        return cache
    except OSError as exc:
        LOG.info(f"PDF-Zwischenspeicher {cache} nicht beschreibbar ({exc.strerror}); beim nächsten Bau wird "
                 "das PDF neu erstellt.")
        return Path(site.once("steckbriefe.tmp", lambda: tempfile.TemporaryDirectory(prefix="mso-pdf-")).name)


def extent(site: Site, path: str) -> str:
    """What the link to the PDF at `path` says about it ("PDF, 80 Seiten, 596 KB"), in the build's language."""
    file = made(site).get(path)
    return pdf.extent(file, site.language) if file else ""


def post_build(site: Site, site_dir: Path) -> None:
    """Copies the brochure's PDFs into the site (the main build's; the other languages link to them)."""
    if not site.settings.pdf:
        LOG.info("PDF der Steckbriefe übersprungen (MSO_PDF=0).")
    elif site.language.main:
        for path, file in made(site).items():
            (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, site_dir / path)
    site.qr_codes.save()


def _forget(cache: Path, keep: set[str]) -> None:
    """Drop cached PDFs this build no longer uses."""
    try:
        for old in cache.glob("*.pdf"):
            if old.name not in keep:
                old.unlink(missing_ok=True)
    except OSError:
        pass
