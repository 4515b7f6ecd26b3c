"""Settings of one city's directory: the `extra.verzeichnis` section of mkdocs.yml plus the environment.

Everything city-specific lives there, so that another Kommune changes configuration, not code. The section
is declared once, with types and defaults, as a MkDocs `Config` (`VerzeichnisConfig`); the build and the
`mso` command both read mkdocs.yml through MkDocs' own loader, so `INHERIT` and `!ENV` work the same way.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import email_validator
from mkdocs.config import base
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import ConfigurationError

from . import colours, links
from .slugs import slugify

STICHTAG_ENV = "MSO_STICHTAG"
PDF_ENV = "MSO_PDF"
SPRACHE_ENV = "MSO_SPRACHE"  # the language one build makes; the main build sets it for the others
SPRACHEN_ENV = "MSO_SPRACHEN"  # which languages the main build makes, e.g. "de" for a quick build
SECTION = "extra.verzeichnis"
STADTWEIT = "stadtweit"  # the value for associations active in the whole city, besides the Stadtbezirke


class ConfigError(Exception):
    """A German message about mkdocs.yml or the environment."""


# Options with German messages. MkDocs' own options answer in English.

class _Option(base.BaseConfigOption):
    """Without a default the option is required (as in MkDocs' class-based configs); absent gives the default,
    checked like a written value."""

    def __init__(self, default: Any = None):
        super().__init__()
        self.default = default

    def validate(self, value: object, /) -> Any:
        if self.default is None and value in (None, ""):
            raise ValidationError("fehlt. Tragen Sie einen Wert ein.")
        return self.run_validation(self.default if value is None else value)


class Text(_Option):
    def run_validation(self, value: object, /) -> str:
        if not isinstance(value, str):
            raise ValidationError(f"muss ein Text sein, nicht {_shown(value)}. Setzen Sie ihn in Anführungszeichen.")
        return value


class Line(Text):
    """A text on one line: it stands in titles, headers and the PDF."""

    def run_validation(self, value: object, /) -> str:
        text = super().run_validation(value)
        if not text.strip() or any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
            raise ValidationError("muss ein Text in einer Zeile sein, ohne Zeilenumbrüche und Steuerzeichen.")
        return text.strip()


class Email(Text):
    def run_validation(self, value: object, /) -> str:
        text = super().run_validation(value).strip()
        try:
            email_validator.validate_email(text, check_deliverability=False, test_environment=True)
            links.check_email(text)
        except (email_validator.EmailNotValidError, links.LinkProblem) as exc:
            reason = str(exc) if isinstance(exc, links.LinkProblem) else "Prüfen Sie die Schreibweise."
            raise ValidationError(f": „{text}“ ist keine E-Mail-Adresse. {reason}") from None
        return text


class Url(Text):
    def run_validation(self, value: object, /) -> str:
        text = super().run_validation(value).strip()
        if text:
            try:
                links.check_url(text)
            except links.LinkProblem as exc:
                raise ValidationError(f": „{text}“ ist keine Web-Adresse. {exc}") from None
        return text


class Months(_Option):
    """Months for the freshness rules: dates go back this far from the Stichtag."""

    MAXIMUM = 120

    def run_validation(self, value: object, /) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= self.MAXIMUM:
            raise ValidationError(f"muss eine ganze Zahl von 1 bis {self.MAXIMUM} sein (Monate), "
                                  f"nicht {_shown(value)}.")
        return value


class PositiveInt(_Option):
    def run_validation(self, value: object, /) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValidationError(f"muss eine ganze Zahl über 0 sein, nicht {_shown(value)}.")
        return value


class Districts(_Option):
    """The Stadtbezirke: a list of names; `stadtweit` is always allowed besides them."""

    def run_validation(self, value: object, /) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise ValidationError("muss eine Liste von Namen sein, einer je Zeile mit „- “ davor, zum Beispiel:\n"
                                  "    stadtbezirke:\n      - Nord\n      - Süd")
        names, slugs, problems = [], {}, []
        for number, item in enumerate(value, start=1):
            try:
                name = Line().run_validation(item)
            except ValidationError as exc:
                problems.append(f"Eintrag {number} ({_shown(item)}) {exc}")
                continue
            slug = slugify(name)
            if name.casefold() == STADTWEIT or not slug:
                problems.append(f"Eintrag {number}: „{name}“ ist als Name eines Stadtbezirks nicht möglich"
                                + (f" („{STADTWEIT}“ gibt es immer)." if slug else "."))
            elif slug in slugs:
                problems.append(f"„{name}“ und „{slugs[slug]}“ ergeben dieselbe Adresse "
                                f"(/stadtbezirke/{slug}/). Jeder Stadtbezirk braucht einen eigenen Namen.")
            else:
                slugs[slug] = name
                names.append(name)
        if problems:
            raise ValidationError("ist fehlerhaft: " + " ".join(problems))
        return tuple(names)


class Languages(_Option):
    """The languages of the site: ISO 639 codes, the first one at `/`, each other one at `/<code>/`."""

    def run_validation(self, value: object, /) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ValidationError("muss eine Liste von Sprachcodes sein, die erste ist die Hauptsprache, zum "
                                  "Beispiel:\n    sprachen:\n      - de\n      - en")
        problems = [f"„{code}“ ist kein Sprachcode wie `en` oder `pt-BR`." for code in value
                    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", code)]
        problems += [f"„{code}“ steht doppelt in der Liste." for code in sorted({c for c in value if value.count(c) > 1})]
        if problems:
            raise ValidationError("ist fehlerhaft: " + " ".join(problems))
        return tuple(value)


class Colour(_Option):
    """A colour of Material's palette (e.g. `indigo`) or a hex colour (`#1a5276`), dark enough for white text
    and for links on white."""

    def run_validation(self, value: object, /) -> str:
        text = Text().run_validation(value).strip().lower().replace(" ", "-")
        palette = colours.material_palette()
        hex_colour = palette.get(text) or colours.parse_hex(text)
        if hex_colour is None:
            raise ValidationError(f": „{value}“ ist keine Farbe. Schreiben Sie einen Farbnamen von Material for "
                                  f"MkDocs ({', '.join(sorted(colours.readable(palette)))}) oder eine Farbe als "
                                  "#rrggbb, zum Beispiel #1a5276.")
        ratio = colours.contrast(hex_colour, colours.WHITE)
        if ratio < colours.MIN_CONTRAST:
            raise ValidationError(
                f": „{value}“ ({hex_colour}) ist zu hell: Weiße Schrift darauf und Links in dieser Farbe auf Weiß "
                f"haben nur ein Kontrastverhältnis von {_number(ratio)}:1, nötig sind mindestens "
                f"{_number(colours.MIN_CONTRAST)}:1 (WCAG 2.1 AA). Wählen Sie eine dunklere Farbe, zum Beispiel "
                f"{', '.join(sorted(colours.readable(palette)))}.")
        return hex_colour


class Logo(_Option):
    """An image file, relative to the folder of mkdocs.yml; empty: the theme's own icon."""

    SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")

    def run_validation(self, value: object, /) -> str:
        text = Text().run_validation(value).strip()
        if text and not text.lower().endswith(self.SUFFIXES):
            raise ValidationError(f": „{text}“ ist kein Bild. Das Logo muss eine Bilddatei sein ({', '.join(self.SUFFIXES)}).")
        return text

    def post_validation(self, config: base.Config, key_name: str) -> None:
        text = config[key_name]
        if text and config.config_file_path:
            path = Path(config.config_file_path).parent / text
            if not path.is_file():
                raise ValidationError(f": „{text}“ gibt es nicht (gesucht: {path}). Der Pfad gilt vom Ordner "
                                      "der mkdocs.yml aus.")


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


class Texts(_Option):
    """A mapping `name: Text`."""

    def run_validation(self, value: object, /) -> dict[str, str]:
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                  for k, v in value.items()):
            raise ValidationError("muss aus Texten der Form `name: Text` bestehen.")
        return dict(value)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"die Zahl {value}"
    if isinstance(value, (list, dict)):
        return "eine Liste" if isinstance(value, list) else "eine Gruppe von Feldern"
    return f"„{value}“"


class VerzeichnisConfig(base.Config):
    """`extra.verzeichnis` in mkdocs.yml: every setting, its type and its default."""

    stadt = Line()
    sprachen = Languages(["de"])  # the first at /, the others at /<code>/ (locales/<code>/, README)
    stadtbezirke = Districts()
    herausgeber = Line()
    kontakt_email = Email()
    kontakt_telefon = Text("")
    kontakt_adresse = Text("")
    kontakt_url = Url("")
    verantwortlich = Text("")  # Impressum: responsible for the content (§ 18 Abs. 2 MStV); empty: the herausgeber
    logo = Logo("")  # an image file, relative to mkdocs.yml
    farbe = Colour("indigo")
    daten = Text("organisations")  # folder of the profiles, relative to mkdocs.yml
    schema = Text("schema/organisation.schema.json")
    monate_bis_bestaetigung = Months(12)
    monate_bis_ausblenden = Months(24)
    # Up to this many published associations /vereine/ lists every one on the page; above, it links to a page per
    # letter (docs/betrieb.md, "Grenzen"). The same for the brochure: above, one part per Stadtbezirk.
    liste_ganz_bis = PositiveInt(300)
    broschuere_ganz_bis = PositiveInt(1000)
    lizenz_name = Text("Datenlizenz Deutschland – Namensnennung – Version 2.0")
    lizenz_url = Url("https://www.govdata.de/dl-de/by-2-0")
    # For docs/datenschutz.md; when empty, mso/placeholders.py says what applies instead.
    datenschutz_verantwortlich = Text("")
    datenschutzbeauftragter = Text("")
    aufsichtsbehoerde = Text("")
    hoster = Text("")
    protokolle = Text("")
    texte = Texts({})

    def problems(self) -> list[str]:
        """Validate every option and return all problems in German (MkDocs stops at the first)."""
        found = []
        for key, option in self._schema:  # private in MkDocs 1.6.1 (pinned): the declared options in order
            try:
                self[key] = option.validate(self.get(key))
                option.post_validation(self, key)
            except ValidationError as exc:
                text = str(exc)
                found.append(f"`{SECTION}.{key}`{'' if text.startswith(':') else ' '}{text}")
        known = ", ".join(sorted(self._schema_keys))
        found += [f"`{SECTION}.{key}` ist unbekannt. Erlaubt sind: {known}."
                  for key in sorted(set(self.keys()) - self._schema_keys)]
        if not found and self.monate_bis_ausblenden <= self.monate_bis_bestaetigung:
            found.append("`monate_bis_ausblenden` muss größer sein als `monate_bis_bestaetigung`.")
        return found


@dataclass(frozen=True)
class Settings:
    """The validated settings of one build, with paths resolved and the Stichtag fixed. The defaults live in
    VerzeichnisConfig only: `from_mapping` makes every Settings."""

    root: Path
    stichtag: datetime.date
    stadt: str
    herausgeber: str
    kontakt_email: str
    daten: Path
    schema: Path
    stadtbezirke: tuple[str, ...]
    sprachen: tuple[str, ...]
    sprache: str  # the language of this build: MSO_SPRACHE, else the first of `sprachen`
    logo: Path | None
    farbe: str
    config_file: Path | None  # the mkdocs.yml these settings come from
    monate_bis_bestaetigung: int
    monate_bis_ausblenden: int
    liste_ganz_bis: int
    broschuere_ganz_bis: int
    kontakt_telefon: str
    kontakt_adresse: str
    kontakt_url: str
    verantwortlich: str
    lizenz_name: str
    lizenz_url: str
    datenschutz_verantwortlich: str
    datenschutzbeauftragter: str
    aufsichtsbehoerde: str
    hoster: str
    protokolle: str
    site_url: str
    pdf: bool
    texte: dict[str, str]

    @property
    def stichtag_text(self) -> str:
        return german_date(self.stichtag)

    @property
    def hauptsprache(self) -> bool:
        """Whether this build is the main language's, at the root of the site."""
        return self.sprache == self.sprachen[0]


def from_mapping(section: Mapping[str, Any] | None, root: Path, *, site_url: str = "",
                 environ: Mapping[str, str] | None = None, config_file: Path | None = None) -> Settings:
    """Settings from the `extra.verzeichnis` mapping and the environment; ConfigError lists every problem."""
    environ = os.environ if environ is None else environ
    if section is not None and not isinstance(section, Mapping):
        raise ConfigError(f"`{SECTION}` in mkdocs.yml muss aus Einstellungen der Form `name: Wert` bestehen.")
    config_file = config_file or root / "mkdocs.yml"
    options = VerzeichnisConfig(config_file_path=str(config_file))
    options.load_dict(dict(section or {}))
    problems = options.problems()
    stichtag, problem = stichtag_from(environ)
    problems += [problem] if problem else []
    sprache = environ.get(SPRACHE_ENV) or (options["sprachen"] or ("de",))[0]
    if not problems and sprache not in options["sprachen"]:
        problems.append(f"{SPRACHE_ENV}={sprache} ist keine der Sprachen in `{SECTION}.sprachen` "
                        f"({', '.join(options['sprachen'])}).")
    if problems:
        raise ConfigError("Die Einstellungen in mkdocs.yml sind fehlerhaft:\n- " + "\n- ".join(problems))
    values = {key: options[key] for key in options._schema_keys}
    values["daten"] = (root / values["daten"]).resolve()
    values["schema"] = (root / values["schema"]).resolve()
    values["logo"] = (root / values["logo"]).resolve() if values["logo"] else None
    return Settings(root=root.resolve(), stichtag=stichtag, site_url=site_url, config_file=config_file.resolve(),
                    pdf=environ.get(PDF_ENV, "1") != "0", sprache=sprache, **values)


def stichtag_from(environ: Mapping[str, str]) -> tuple[datetime.date, str | None]:
    """The Stichtag: MSO_STICHTAG if set, else today; with a German problem if it cannot be used."""
    text = environ.get(STICHTAG_ENV, "")
    if not text:
        today = datetime.date.today()
        return today, stichtag_problem(today)
    try:
        date = datetime.date.fromisoformat(text)
    except ValueError:
        return datetime.date.today(), (f"{STICHTAG_ENV}={text!r} ist kein Datum. Schreiben Sie es als JJJJ-MM-TT, "
                                       "zum Beispiel MSO_STICHTAG=2026-11-22.")
    return date, stichtag_problem(date)


# Dates the build can compute with: months back from the Stichtag stay after year 1, and the sitemap's gzip
# timestamp (seconds since 1970, 32 bits) holds the Stichtag.
STICHTAG_MIN = datetime.date(2000, 1, 1)
STICHTAG_MAX = datetime.date(2099, 12, 31)


def stichtag_problem(date: datetime.date) -> str | None:
    """A German message if the build cannot use `date` as its Stichtag, else None."""
    if STICHTAG_MIN <= date <= STICHTAG_MAX:
        return None
    return (f"Der Stichtag {date.isoformat()} liegt außerhalb des erlaubten Bereichs: erlaubt sind Tage vom "
            f"{german_date(STICHTAG_MIN)} bis zum {german_date(STICHTAG_MAX)}. Prüfen Sie {STICHTAG_ENV}.")


def from_mkdocs_config(config: Any, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from a loaded MkDocs configuration (the hook's `config`, or `load_mkdocs`)."""
    path = Path(config.config_file_path)
    return from_mapping((config.extra or {}).get("verzeichnis"), path.parent, site_url=config.site_url or "",
                        environ=environ, config_file=path)


def load_mkdocs(path: Path) -> Any:
    """mkdocs.yml read by MkDocs itself (INHERIT, !ENV, plugins), without building; German errors."""
    from mkdocs.config import load_config

    messages: list[str] = []
    handler = _Collect(messages)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        return load_config(str(path))
    except (ConfigurationError, SystemExit, OSError) as exc:
        detail = "; ".join(messages) or str(exc)
        if "parsing the configuration file" in detail:
            line = re.search(r"line (\d+)", detail)
            where = f", Zeile {line.group(1)}" if line else ""
            raise ConfigError(f"{path}{where}: Die YAML-Syntax ist fehlerhaft. Prüfen Sie Einrückung, "
                              f"Doppelpunkte und Anführungszeichen (technisch: {detail}).") from None
        raise ConfigError(f"{path} ist fehlerhaft; MkDocs meldet: {detail}") from None
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors while it loads the configuration, instead of printing them."""

    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def from_mkdocs_file(path: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """For the command line and tests: the settings in mkdocs.yml, read as MkDocs reads them."""
    if not path.is_file():
        raise ConfigError(f"{path} gibt es nicht.")
    return from_mkdocs_config(load_mkdocs(path), environ)


def command(settings: Settings, arguments: str) -> str:
    """How to call `mso` for these settings from the current folder: with --config unless it finds them itself."""
    config = settings.config_file
    if config is None or config == (Path.cwd() / "mkdocs.yml").resolve():
        return f"mso {arguments}"
    try:
        shown = config.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = str(config)
    return f"mso --config {shown} {arguments}"


_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember")


def german_date(date: datetime.date) -> str:
    """22. November 2026"""
    return f"{date.day}. {_MONTHS[date.month - 1]} {date.year}"
