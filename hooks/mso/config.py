"""Settings of one city's directory: the `extra.verzeichnis` section of mkdocs.yml plus the environment.

Everything city-specific lives there, so that another Kommune changes configuration, not code.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

STICHTAG_ENV = "MSO_STICHTAG"
PDF_ENV = "MSO_PDF"


class ConfigError(Exception):
    """A German message about mkdocs.yml or the environment."""


@dataclass(frozen=True)
class Settings:
    root: Path
    stichtag: datetime.date
    stadt: str
    herausgeber: str
    kontakt_email: str
    daten: Path
    schema: Path
    monate_bis_bestaetigung: int = 12
    monate_bis_ausblenden: int = 24
    kontakt_telefon: str = ""
    kontakt_adresse: str = ""
    kontakt_url: str = ""
    lizenz_name: str = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    lizenz_url: str = "https://www.govdata.de/dl-de/by-2-0"
    # For docs/datenschutz.md; when empty, mso/placeholders.py says what applies instead.
    datenschutz_verantwortlich: str = ""
    datenschutzbeauftragter: str = ""
    aufsichtsbehoerde: str = ""
    hoster: str = ""
    protokolle: str = ""
    site_url: str = ""
    pdf: bool = True
    texte: dict[str, str] = field(default_factory=dict)

    @property
    def bestaetigung_rhythmus(self) -> str:
        """How often associations confirm, in words: "einmal im Jahr" or "alle 6 Monate"."""
        months = self.monate_bis_bestaetigung
        return "einmal im Jahr" if months == 12 else f"alle {months} Monate"

    @property
    def stichtag_text(self) -> str:
        return german_date(self.stichtag)


_REQUIRED = ("stadt", "herausgeber", "kontakt_email")
_KINDS = {"int": int, "dict[str, str]": dict}  # everything else is text (paths too)


def _type_problems(key: str, value: Any, kind: type) -> list[str]:
    if kind is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
        return [] if ok else [f"`extra.verzeichnis.{key}` muss eine ganze Zahl über 0 sein."]
    if kind is dict:
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return [] if ok else [f"`extra.verzeichnis.{key}` muss aus Texten der Form `name: Text` bestehen."]
    return [] if isinstance(value, str) else [f"`extra.verzeichnis.{key}` muss ein Text sein."]
_PATHS = ("daten", "schema")


def from_mapping(section: dict[str, Any] | None, root: Path, *, site_url: str = "",
                 environ: dict[str, str] | None = None) -> Settings:
    """Build Settings from the `extra.verzeichnis` mapping; raise ConfigError with every problem."""
    environ = os.environ if environ is None else environ
    if section is not None and not isinstance(section, dict):
        raise ConfigError("`extra.verzeichnis` in mkdocs.yml muss aus Einstellungen der Form `name: Wert` bestehen.")
    section = dict(section or {})
    kinds = {f.name: _KINDS.get(str(f.type), str) for f in fields(Settings)}
    known = set(kinds) - {"root", "stichtag", "site_url", "pdf"}
    problems = [f"`extra.verzeichnis.{k}` ist unbekannt. Erlaubt sind: {', '.join(sorted(known))}."
                for k in section if k not in known]
    problems += [f"`extra.verzeichnis.{k}` fehlt." for k in _REQUIRED if not section.get(k)]
    for key in sorted(known & set(section)):
        problems += _type_problems(key, section[key], kinds[key])
    stichtag = datetime.date.today()
    if environ.get(STICHTAG_ENV):
        try:
            stichtag = datetime.date.fromisoformat(environ[STICHTAG_ENV])
        except ValueError:
            problems.append(f"{STICHTAG_ENV}={environ[STICHTAG_ENV]!r} ist kein Datum. Schreiben Sie es als "
                            "JJJJ-MM-TT, zum Beispiel MSO_STICHTAG=2026-11-22.")
    if section.get("monate_bis_ausblenden", 24) <= section.get("monate_bis_bestaetigung", 12) and not problems:
        problems.append("`monate_bis_ausblenden` muss größer sein als `monate_bis_bestaetigung`.")
    if problems:
        raise ConfigError("Die Einstellungen in mkdocs.yml sind fehlerhaft:\n- " + "\n- ".join(problems))
    values = {k: v for k, v in section.items() if k in known}
    for key in _PATHS:
        values[key] = (root / values.get(key, "organisations" if key == "daten" else
                                         "schema/organisation.schema.json")).resolve()
    return Settings(root=root.resolve(), stichtag=stichtag, site_url=site_url,
                    pdf=environ.get(PDF_ENV, "1") != "0", **values)


def from_mkdocs_file(path: Path, environ: dict[str, str] | None = None) -> Settings:
    """For the command line: read the same section from mkdocs.yml without running MkDocs."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path} konnte nicht gelesen werden ({exc.strerror}).") from None
    try:
        data = yaml.load(text, Loader=_TolerantLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", Zeile {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: Die YAML-Syntax ist fehlerhaft.") from None
    extra = data.get("extra") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(extra or {}, dict):
        raise ConfigError(f"{path}: Die Datei muss aus Einstellungen der Form `name: Wert` bestehen.")
    section = (extra or {}).get("verzeichnis")
    return from_mapping(section, path.parent, site_url=data.get("site_url") or "", environ=environ)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` or `!!python/name:` tags; they do not matter here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember")


def german_date(date: datetime.date) -> str:
    """22. November 2026"""
    return f"{date.day}. {_MONTHS[date.month - 1]} {date.year}"
