"""Live values in hand-written pages: `{{ verzeichnis.veroeffentlicht }}` becomes the computed number.

Hand-written text never carries a typed number; an unknown name is an error, not a blank.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from .model import Directory

PATTERN = re.compile(r"\{\{\s*verzeichnis\.([a-z_]+)\s*\}\}")


def values(directory: Directory) -> dict[str, str]:
    settings = directory.settings
    result = {key: str(value) for key, value in dataclasses.asdict(directory.counts).items()}
    result.update(
        stichtag=settings.stichtag_text, stichtag_iso=settings.stichtag.isoformat(), stadt=settings.stadt,
        herausgeber=settings.herausgeber, kontakt_email=settings.kontakt_email,
        kontakt_telefon=settings.kontakt_telefon, kontakt_adresse=settings.kontakt_adresse,
        kontakt_url=settings.kontakt_url,
        monate_bis_bestaetigung=str(settings.monate_bis_bestaetigung),
        bestaetigung_rhythmus=settings.bestaetigung_rhythmus,
        monate_bis_ausblenden=str(settings.monate_bis_ausblenden),
        lizenz_name=settings.lizenz_name, lizenz_url=settings.lizenz_url,
        **privacy_values(settings),
    )
    result.update({f"text_{key}": value for key, value in settings.texte.items()})
    from .views.listings import start_page_values  # late: views import the model, not the other way round
    result.update(start_page_values(directory))
    return result


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


def fill(markdown: str, known: dict[str, str], on_unknown: Callable[[str], None]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in known:
            on_unknown(name)
            return match.group(0)
        return known[name]

    return PATTERN.sub(replace, markdown)
