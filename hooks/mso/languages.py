"""One site per language: the main language at `/`, every other one at `/<code>/`, each a MkDocs build of its own.

The main build makes the others at its end (`build_others`), so one `mkdocs build` (and `make site`) makes
them all; each one runs the same hook with `MSO_SPRACHE=<code>`, which sets the theme's language, the
addresses and the translated titles (`configure`). Links between the languages lead to the same page
(`alternates`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import material

from . import i18n
from .config import SPRACHE_ENV, SPRACHEN_ENV, ConfigError, Settings
from .schema import Schema

THEME_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def languages(settings: Settings, schema: Schema, codes: list[str]) -> dict[str, i18n.Language]:
    """The languages `codes` of the site (the main one first; this build's among them) with their catalogs."""
    terms = schema.vocab["sprache"]
    result = {}
    for code in dict.fromkeys([*codes, settings.sprache]):
        if not (THEME_LANGUAGES / f"{code}.html").is_file():
            raise ConfigError(f"Die Sprache „{code}“ in `extra.verzeichnis.sprachen` kennt das Theme nicht "
                              f"(es fehlt {THEME_LANGUAGES.name}/{code}.html in Material for MkDocs).")
        term = terms.get(code)
        result[code] = i18n.load(code, settings, term.endonym if term else code, term.dir if term else "ltr")
    return result


def in_this_run(settings: Settings, environ: Mapping[str, str], serving: bool) -> list[str]:
    """The languages this run makes, the main one first: all, or the main one and those in MSO_SPRACHEN;
    while previewing only those. Links between languages lead only to these."""
    wanted = environ.get(SPRACHEN_ENV)
    if wanted is None:
        return [settings.sprachen[0]] if serving else list(settings.sprachen)
    chosen = [code.strip() for code in wanted.split(",") if code.strip()]
    unknown = [code for code in chosen if code not in settings.sprachen]
    if unknown:
        raise ConfigError(f"{SPRACHEN_ENV}={wanted}: {', '.join(unknown)} steht nicht in `extra.verzeichnis.sprachen` "
                          f"({', '.join(settings.sprachen)}).")
    return [code for code in settings.sprachen if code == settings.sprachen[0] or code in chosen]


def site_url(settings: Settings, code: str, main_url: str) -> str:
    """The address of a language's site: the main address, plus `<code>/` for the other languages."""
    return _root(main_url, code, code == settings.sprachen[0])


def _root(main_url: str, code: str, main: bool) -> str:
    return main_url if main or not main_url else main_url.rstrip("/") + f"/{code}/"


def roots(all_: Mapping[str, i18n.Language], settings: Settings, main_url: str) -> list[dict[str, str]]:
    """Every language with the full address of its site (empty without `site_url`)."""
    return [dict(code=code, root=site_url(settings, code, main_url)) for code in all_]


def configure(config: Any, settings: Settings, language: i18n.Language, main_url: str) -> None:
    """Point a build of another language at its theme strings, its address and its translated titles."""
    if language.main:
        return
    config.theme["language"] = language.code
    config.site_url = site_url(settings, language.code, main_url)
    for key in ("site_name", "site_description", "copyright"):
        if config[key]:
            config[key] = language.gettext(config[key])
    config.nav = _translated_nav(config.nav, language)
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_id


def heading_id(value: str, separator: str) -> str:
    """The id of a heading: Python-Markdown's for Latin letters (ö → o, ß dropped), so that the German pages
    keep their anchors in every language's site, and the letters of other scripts kept where Python-Markdown
    drops them (an Arabic or Cyrillic heading would get #_1, #_2)."""
    letters = []
    for char in unicodedata.normalize("NFKD", value):
        if unicodedata.combining(char) or (ord(char) > 127 and unicodedata.name(char, "").startswith("LATIN")):
            continue
        letters.append(char)
    text = re.sub(r"[^\w\s-]", "", "".join(letters)).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)


def _translated_nav(nav: Any, language: i18n.Language) -> Any:
    if isinstance(nav, list):
        return [_translated_nav(item, language) for item in nav]
    if isinstance(nav, dict):
        return {language.gettext(title): _translated_nav(value, language) for title, value in nav.items()}
    return nav


def alternates(page_url: str, base_url: str, current: i18n.Language, all_: Mapping[str, i18n.Language],
               main_url: str) -> list[dict[str, str]]:
    """The same page in every language: its link from this page (`href`) and its full address (`url`)."""
    main_root = base_url.rstrip("/") + ("" if current.main else "/..")
    result = []
    for code, language in all_.items():
        prefix = "" if language.main else f"{code}/"
        url = _root(main_url, code, language.main) + page_url if main_url else ""
        result.append(dict(lang=code, name=language.name, dir=language.dir, href=f"{main_root}/{prefix}{page_url}",
                           url=url, current="true" if language is current else ""))
    return result


@contextmanager
def _language(code: str):
    previous = os.environ.get(SPRACHE_ENV)
    os.environ[SPRACHE_ENV] = code
    try:
        yield
    finally:
        if previous is None:
            del os.environ[SPRACHE_ENV]
        else:
            os.environ[SPRACHE_ENV] = previous


def build_others(config_file: str, site_dir: str, strict: bool, codes: list[str]) -> None:
    """Build each language into `<site_dir>/<code>/` with the same mkdocs.yml, one after the other."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for code in codes:
        with _language(code):
            config = load_config(config_file, site_dir=str(Path(site_dir) / code), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
