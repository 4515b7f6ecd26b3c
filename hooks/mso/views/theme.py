"""The city's look: `extra.verzeichnis.farbe` as Material's custom colours, `extra.verzeichnis.logo` as the logo.

The hook hands both to the theme (`apply`); this view writes the stylesheet and copies the logo into the site.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

from .. import colours
from ..config import ConfigError, Settings
from .base import Asset, Site

CSS = "assets/farbe.css"


def logo_path(settings: Settings) -> str:
    return f"assets/logo{settings.logo.suffix.lower()}" if settings.logo else ""


def apply(theme: MutableMapping[str, Any], extra_css: list[str], settings: Settings) -> None:
    """Colour and logo for Material; set in mkdocs.yml's `theme:` as well, they would contradict each other."""
    doubled = [key for key in ("palette", "logo") if theme.get(key)]
    if doubled:
        raise ConfigError(f"`theme.{'` und `theme.'.join(doubled)}` in mkdocs.yml: Farbe und Logo stehen unter "
                          "`extra.verzeichnis` (`farbe`, `logo`). Entfernen Sie dort `theme.palette` und `theme.logo`.")
    theme["palette"] = {"scheme": "default", "primary": "custom", "accent": "custom"}
    if settings.logo:
        theme["logo"] = logo_path(settings)
    if CSS not in extra_css:
        extra_css.insert(0, CSS)


def stylesheet(colour: str) -> str:
    """Material's colour variables for one colour: links and header in it, hover and focus a shade darker."""
    dark = colours.mix(colour, "#000000", 0.25)
    return (
        "/* Erzeugt aus extra.verzeichnis.farbe in mkdocs.yml. */\n"
        ":root > * {\n"
        f"  --md-primary-fg-color: {colour};\n"
        f"  --md-primary-fg-color--light: {colours.mix(colour, colours.WHITE, 0.2)};\n"
        f"  --md-primary-fg-color--dark: {dark};\n"
        "  --md-primary-bg-color: #fff;\n"
        "  --md-primary-bg-color--light: #ffffffb3;\n"
        f"  --md-accent-fg-color: {dark};\n"
        f"  --md-accent-fg-color--transparent: {colour}1a;\n"
        "  --md-accent-bg-color: #fff;\n"
        "  --md-accent-bg-color--light: #ffffffb3;\n"
        f"  --md-typeset-a-color: {colour};\n"
        "}\n"
    )


def outputs(site: Site) -> Iterator[Asset]:
    settings = site.settings
    yield Asset(CSS, stylesheet(settings.farbe))
    if settings.logo:
        yield Asset(logo_path(settings), settings.logo.read_bytes())
