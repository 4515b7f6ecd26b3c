"""HTML → tagged PDF with WeasyPrint: local resources only, fixed metadata, progress in the log.

`write_pdf` is the one place that calls WeasyPrint. It allows only `file:` and `data:` URLs, so
rendering never touches the network; it writes PDF/UA-1 (tagged, with language and title);
and it takes its dates from the Stichtag, so the same inputs give the same bytes.
`check_fonts` tells which scripts of a text no installed font of the stack can show.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import hashlib
import importlib.metadata
import logging
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from .i18n import Language


LOGGER = get_plugin_logger("verzeichnis.pdf")
ALLOWED_SCHEMES = ("file", "data")
PDF_VARIANT = "pdf/ua-1"

# The font stack of the brochure, first choice first. Noto Sans covers Latin, Greek and Cyrillic;
# the others add the scripts the data uses. Pango takes each character from the first family that has it.
FONT_STACK = (
    "Noto Sans", "Noto Naskh Arabic", "Noto Sans Hebrew", "Noto Sans Armenian", "Noto Sans Georgian",
    "Noto Sans Ethiopic", "Noto Sans Syriac", "Noto Sans Tamil", "Noto Sans Devanagari", "Noto Sans Bengali",
    "Noto Sans Thai", "Noto Sans CJK SC", "Noto Sans Symbols", "Noto Sans Symbols2", "DejaVu Sans",
)
_THIS_MODULE = Path(__file__).read_bytes()  # as imported: part of the cache key
FONT_PACKAGES = "fonts-noto-core (und für Chinesisch, Japanisch, Koreanisch fonts-noto-cjk)"


@dataclass(frozen=True)
class Font:
    family: str
    path: Path


def installed_fonts(families: Iterable[str] = FONT_STACK) -> list[Font]:
    """The regular face of each family of the stack that fontconfig knows, in stack order."""
    return list(_installed_fonts(tuple(families)))


@functools.cache
def _installed_fonts(families: tuple[str, ...]) -> tuple[Font, ...]:
    try:
        listing = subprocess.run(["fc-list", "--format", "%{family[0]}|%{style[0]}|%{file}\n"],
                                 capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ()
    found: dict[str, Path] = {}
    for line in listing.splitlines():
        family, style, file = (line.split("|", 2) + ["", ""])[:3]
        if family in families and (family not in found or style in ("Regular", "Book")):
            found[family] = Path(file)
    return tuple(Font(family, found[family]) for family in families if family in found)


@functools.cache
def _coverage(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency

    with TTFont(path, lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or ())


def missing_scripts(text: str, fonts: Iterable[Font]) -> dict[str, str]:
    """Script name → the characters of `text` in it that none of `fonts` can show."""
    fonts = list(fonts)
    missing: dict[str, set[str]] = {}
    for char in set(text):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Mn", "Zs"):
            continue  # controls, joiners and marks are shaped with their base letters
        if not any(ord(char) in _coverage(font.path) for font in fonts):
            script = unicodedata.name(char, "UNBEKANNT").split()[0].title()
            missing.setdefault(script, set()).add(char)
    return {script: "".join(sorted(chars)) for script, chars in sorted(missing.items())}


def check_fonts(text: str, log: logging.Logger | logging.LoggerAdapter = LOGGER) -> list[Font]:
    """Warn in German about scripts in `text` that would come out as boxes; return the fonts found."""
    fonts = installed_fonts()
    for script, chars in missing_scripts(text, fonts).items():
        log.warning(f"PDF: Für die Schrift „{script}“ ({chars[:12]}) ist keine passende Schriftart installiert; "
                    f"diese Zeichen erscheinen im PDF als Kästchen. Installieren Sie {FONT_PACKAGES}.")
    return fonts


def fonts_fingerprint(fonts: Iterable[Font]) -> str:
    """Which font files would be used: part of the cache key, so a font update rebuilds the PDF."""
    parts = []
    for font in fonts:
        stat = font.path.stat()
        parts.append(f"{font.family}|{font.path}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)


def _url_fetcher():
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols=ALLOWED_SCHEMES, fail_on_errors=True)


class _Progress(logging.Handler):
    """Turns WeasyPrint's per-page progress into a few lines of our own log."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter, every: int):
        super().__init__(logging.INFO)
        self.log, self.every, self.step = log, every, ""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        step = message.split(" - ")[1] if message.count(" - ") >= 1 else message
        page = message.rsplit("Page ", 1)[-1] if "Page " in message else ""
        if step != self.step:
            self.step = step
            self.log.info(f"PDF: {_STEPS.get(step, step)} …")
        elif page.isdigit() and int(page) % self.every == 0:
            self.log.info(f"PDF: {_STEPS.get(step, step)}, Seite {page} …")


_STEPS = {"Fetching and parsing HTML": "HTML lesen", "Fetching and parsing CSS": "CSS lesen",
          "Applying CSS": "CSS anwenden",
          "Creating formatting structure": "Aufbau vorbereiten", "Creating layout": "Seiten setzen",
          "Creating PDF": "PDF schreiben", "Adding PDF metadata": "Metadaten schreiben"}


class _Forward(logging.Handler):
    """WeasyPrint's own warnings and errors (broken CSS, missing alt text) go to our log as warnings."""

    def __init__(self, log: logging.Logger | logging.LoggerAdapter):
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        self.log.warning(f"PDF (WeasyPrint): {record.getMessage()}")


def write_pdf(html: str, target: Path, *, title: str, lang: str, date: datetime.date, base_url: Path,
              log: logging.Logger | logging.LoggerAdapter = LOGGER, progress_every: int = 50) -> int:
    """Render `html` (a whole document) to `target`; return the number of pages."""
    import weasyprint

    stamp = datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.timezone.utc)
    with _weasyprint_logs_to(log, progress_every), _gc_paused(), _languages_of_parts():
        document = weasyprint.HTML(string=html, base_url=base_url.resolve().as_uri() + "/",
                                   url_fetcher=_url_fetcher()).render(pdf_variant=PDF_VARIANT)
        document.metadata.title = title
        document.metadata.lang = lang
        document.metadata.created = document.metadata.modified = stamp.isoformat().replace("+00:00", "Z")
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target, pdf_variant=PDF_VARIANT)
        return len(document.pages)


@contextlib.contextmanager
def _weasyprint_logs_to(log: logging.Logger | logging.LoggerAdapter, every: int):
    """For the time of one rendering, WeasyPrint's progress and warnings go to `log` only."""
    routes = ((logging.getLogger("weasyprint.progress"), _Progress(log, every)),
              (logging.getLogger("weasyprint"), _Forward(log)))
    saved = [(logger.level, logger.propagate) for logger, _ in routes]
    for logger, handler in routes:
        logger.addHandler(handler)
        logger.propagate = False
    routes[0][0].setLevel(logging.INFO)
    try:
        yield
    finally:
        for (logger, handler), (level, propagate) in zip(routes, saved):
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


@contextlib.contextmanager
def _languages_of_parts():
    """Passages in another language (lang="ar" on a description, a language name) get /Lang on their structure
    element, so that screen readers switch voice (PDF/UA, WCAG 3.1.2). WeasyPrint 70 writes /Lang only for the
    whole document; this wraps its private tag-tree builder for one rendering. tests/test_pdf_ua.py checks it."""
    from weasyprint.pdf import tags

    original = getattr(tags, "_build_box_tree", None)
    if original is None:  # another WeasyPrint: the test says so
        yield
        return

    def build(box, *args):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and getattr(box, "element_tag", None) != "html" else None
        for struct in original(box, *args):
            if lang and "Lang" not in struct:
                struct["Lang"] = _pdf_string(lang)
            yield struct

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def _pdf_string(text: str):
    import pydyf  # a WeasyPrint dependency

    return pydyf.String(text)


@contextlib.contextmanager
def _gc_paused():
    """WeasyPrint builds millions of objects; collecting cycles on the way costs a fifth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def extent(path: Path, language: Language | None = None) -> str:
    """What a download link says about the file: "PDF, 80 Seiten, 596 KB", in `language` (default German)."""
    import pikepdf
    from babel.numbers import format_decimal

    language = language or Language("de", True)
    with pikepdf.open(path) as document:
        pages = len(document.pages)
    size = path.stat().st_size
    amount = (f"{round(size / 1024)} KB" if size < 1024 * 1024 else
              f"{format_decimal(size / 1024 / 1024, format='0.0', locale=language.code.replace('-', '_'))} MB")
    return language.ngettext("PDF, %(num)d Seite, %(size)s", "PDF, %(num)d Seiten, %(size)s", pages) % {
        "num": pages, "size": amount}


def cache_key(*parts: str) -> str:
    """A hash of everything the PDF depends on: the given parts, WeasyPrint's version and this module."""
    # The version from the package metadata: importing WeasyPrint just for it would take seconds.
    digest = hashlib.sha256(f"weasyprint {importlib.metadata.version('weasyprint')} {PDF_VARIANT}".encode())
    digest.update(_THIS_MODULE)
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8"))
    return digest.hexdigest()
