"""Live values in hand-written pages: `{{ verzeichnis.veroeffentlicht }}` becomes the computed number.

Hand-written text never carries a typed number; an unknown name is an error, not a blank. Text values are
put into the Markdown (they may stand in headings and links). A fragment (HTML made by a view, such as
the ways in on the start page) stands on a line of its own: the Markdown gets a marker, and the rendered
HTML replaces that marker after Markdown has run, so generated HTML is never parsed as Markdown.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection
from html import escape

from .config import ConfigError
from .i18n import Language
from .model import Counts, Directory

PATTERN = re.compile(r"\{\{\s*verzeichnis\.([a-z_]+)\s*\}\}")


def values(directory: Directory, language: Language | None = None) -> dict[str, str]:
    """Every text value by name: the counts, the Stichtag and the settings hand-written pages may show, in
    `language` (default German)."""
    settings = directory.settings
    language = language or Language("de", True)
    result = {key: str(value) for key, value in dataclasses.asdict(directory.counts).items()}
    result.update(
        stichtag=language.date(settings.stichtag), stichtag_iso=settings.stichtag.isoformat(), stadt=settings.stadt,
        herausgeber=settings.herausgeber, kontakt_email=settings.kontakt_email,
        kontakt_telefon=settings.kontakt_telefon, kontakt_adresse=settings.kontakt_adresse,
        kontakt_url=settings.kontakt_url, verantwortlich=settings.verantwortlich or settings.herausgeber,
        monate_bis_bestaetigung=str(settings.monate_bis_bestaetigung),
        bestaetigung_rhythmus=confirmation_rhythm(settings.monate_bis_bestaetigung, language),
        monate_bis_ausblenden=str(settings.monate_bis_ausblenden),
        lizenz_name=settings.lizenz_name, lizenz_url=settings.lizenz_url,
        stadtbezirk_beispiel=next(iter(directory.schema.vocab["stadtbezirk"])),
        **privacy_values(settings),
    )
    result.update({f"text_{key}": value for key, value in settings.texte.items()})
    return result


COUNTS = tuple(field.name for field in dataclasses.fields(Counts))


def for_markdown(known: dict[str, str]) -> dict[str, str]:
    """The values as hand-written pages get them: each count marked with its name (`data-zahl`), so that it can
    be found in any language's wording; a telephone number runs left to right inside right-to-left text too
    (Arabic would show "0521 5550100" as "5550100 0521")."""
    result = {**known, **{key: f'<span data-zahl="{key}">{known[key]}</span>' for key in COUNTS if key in known}}
    if phone := known.get("kontakt_telefon"):
        result["kontakt_telefon"] = f'<bdi dir="ltr">{escape(phone)}</bdi>'
    return result


def confirmation_rhythm(months: int, language: Language) -> str:
    """How often associations confirm, in words: "einmal im Jahr", "alle 6 Monate"."""
    if months == 12:
        return language.gettext("einmal im Jahr")
    return language.ngettext("jeden Monat", "alle %(num)d Monate", months) % {"num": months}


def privacy_values(settings) -> dict[str, str]:
    """The organisation-specific parts of the Datenschutzerklärung, with a sensible text where one is empty."""
    return dict(
        datenschutz_verantwortlich=settings.datenschutz_verantwortlich
        or ", ".join(part for part in (settings.herausgeber, settings.kontakt_adresse) if part),
        datenschutzbeauftragter=settings.datenschutzbeauftragter
        or f"über {settings.kontakt_email}",
        aufsichtsbehoerde=settings.aufsichtsbehoerde or "die Datenschutz-Aufsichtsbehörde Ihres Bundeslandes",
        hoster=settings.hoster or settings.herausgeber,
        protokolle=settings.protokolle or "Die Protokolle werden nach spätestens 7 Tagen gelöscht.",
    )


CONFIG_KEYS = ("site_name", "site_description", "copyright")  # texts in mkdocs.yml that may name the city


def fill_text(text: str | None, known: dict[str, str], where: str) -> str | None:
    """A setting's text with its placeholders filled; an unknown name is a ConfigError."""
    if not text:
        return text
    unknown = sorted({name for name in PATTERN.findall(text) if name not in known})
    if unknown:
        raise ConfigError(f"{where}: `{{{{ verzeichnis.{unknown[0]} }}}}` gibt es nicht. Bekannt sind: "
                          f"{names(known, ())}.")
    return PATTERN.sub(lambda match: known[match.group(1)], text)


def marker(name: str) -> str:
    """What a fragment's placeholder becomes in the Markdown; Python-Markdown keeps it as a raw HTML block."""
    return f'<div data-mso-fragment="{name}"></div>'


def fill(markdown: str, known: dict[str, str], fragments: Collection[str],
         on_unknown: Callable[[str], None]) -> str:
    """Replace text placeholders by their values and fragment placeholders by their markers."""
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in fragments:
            return "\n\n" + marker(name) + "\n\n"
        if name not in known:
            on_unknown(name)
            return match.group(0)
        return known[name]

    return PATTERN.sub(replace, markdown)


def names(known: dict[str, str], fragments: Collection[str]) -> str:
    """Every placeholder name, for the message about an unknown one."""
    return ", ".join(sorted([*known, *fragments]))
