"""The visitors' languages: gettext catalogs (Babel) for the interface, the schema's words and some pages.

- `hooks/mso/locales/<code>/LC_MESSAGES/mso.po`: the strings of the templates, of `mso` and of mkdocs.yml's
  navigation and titles
- `<schema folder>/locales/<code>/LC_MESSAGES/schema.po`: the schema's titles, descriptions, labels and messages
- `uebersetzungen/<code>/<page>.md` beside mkdocs.yml: translated hand-written pages (start page, Über)

German is the source language: its text is the msgid, and it needs no catalog. The `.po` files are read at
build time and compiled in memory, so a translator's change needs no separate compile step. `make
uebersetzungen` extracts new strings and updates every catalog (README, "Eine Sprache hinzufügen").
"""

from __future__ import annotations

import datetime
import gettext
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .config import ConfigError, Settings, german_date

LOCALES = Path(__file__).resolve().parent / "locales"
PAGES = "uebersetzungen"
# In the catalog's header comment: who checked the translation, e.g. "# Geprüft von: Ayşe Yılmaz, 2026-12-01";
# empty while nobody has. A comment, because Babel keeps it through `pybabel update` (it drops unknown fields).
REVIEWED_BY = re.compile(r"^#\s*Geprüft von:[ \t]*(\S.*?)\s*$", re.MULTILINE)


def N_(message: str) -> str:
    """Marks a text for the catalog where it is defined (module-level tables); it is translated where it is
    used, with the build's `gettext`. Babel knows `N_` among its default keywords."""
    return message


@dataclass(frozen=True)
class Language:
    """One language of the site, with its translations (German: none)."""

    code: str
    main: bool  # the main language, at the root of the site
    dir: str = "ltr"
    name: str = ""  # its own name: Deutsch, English, العربية
    translations: gettext.NullTranslations = gettext.NullTranslations()
    reviewed_by: str = ""  # from the catalog header; German text needs no review

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, value: datetime.date) -> str:
        """A date written out the way the language writes it: 22. November 2026, November 22, 2026."""
        return german_date(value) if self.code == "de" else format_date(value, "long", locale=_babel(self.code))

    @property
    def reviewed(self) -> bool:
        return self.code == "de" or bool(self.reviewed_by)

    def plurals(self, singular: str, plural: str, **values: Any) -> dict[str, str]:
        """A counted text for scripts: for each plural category of the language (CLDR, as the browser's
        `Intl.PluralRules` names them) the catalog's form, with each `%(name)s` written as `{name}` for the
        script to fill, unless `values` gives it."""
        names = _Braces(values)
        return {category: self.ngettext(singular, plural, n) % names for category, n in _samples(self.code).items()}


class _Braces(dict):
    """`%(name)s` → `{name}` for every name not given."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=None)
def _samples(code: str) -> dict[str, int]:
    """One number of each plural category of the language: {"one": 1, "other": 0} in German."""
    rule = Locale.parse(_babel(code)).plural_form
    found: dict[str, int] = {}
    for n in range(1000):
        found.setdefault(rule(n), n)
    return found


def _babel(code: str) -> str:
    return code.replace("-", "_")


def catalog_path(code: str, domain: str, settings: Settings) -> Path:
    """The interface's catalog comes with `mso`, the schema's lies next to the schema file."""
    folder = settings.schema.parent / "locales" if domain == "schema" else LOCALES
    return folder / code / "LC_MESSAGES" / f"{domain}.po"


def pages(settings: Settings, code: str) -> Path:
    """Where the translated hand-written pages of a language are: `uebersetzungen/<code>/` beside mkdocs.yml."""
    return settings.root / PAGES / code


def _read(path: Path) -> tuple[gettext.GNUTranslations, str]:
    """A catalog compiled in memory, and who reviewed it."""
    compiled, reviewed = _compiled(path, path.stat().st_mtime)
    return gettext.GNUTranslations(io.BytesIO(compiled)), reviewed


@lru_cache(maxsize=None)
def _compiled(path: Path, mtime: float) -> tuple[bytes, str]:
    with path.open("rb") as file:
        catalog = read_po(file, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    found = REVIEWED_BY.search(catalog.header_comment or "")
    return buffer.getvalue(), found.group(1) if found else ""


def load(code: str, settings: Settings, own_name: str = "", direction: str = "ltr") -> Language:
    """The Language `code` of these settings, with its catalogs; ConfigError when a catalog is missing or broken."""
    main = code == settings.sprachen[0]
    if code == "de":
        return Language(code, main, direction, own_name)
    translations: gettext.NullTranslations | None = None
    reviewed = ""
    for domain in ("mso", "schema"):
        path = catalog_path(code, domain, settings)
        if not path.is_file():
            raise ConfigError(f"Für die Sprache „{code}“ (`extra.verzeichnis.sprachen`) fehlt der Katalog "
                              f"{path}. Legen Sie ihn mit `make uebersetzungen NEU={code}` an (README, "
                              "„Sprachen“).")
        try:
            found, who = _read(path)
        except Exception as exc:  # noqa: BLE001 - Babel raises several kinds; the translator needs the place
            raise ConfigError(f"Der Katalog {path} ist fehlerhaft ({exc}). Öffnen Sie ihn in "
                              "Poedit oder prüfen Sie ihn mit `msgfmt -c`.") from None
        if translations is None:
            translations, reviewed = found, who
        else:
            translations.add_fallback(found)
    return Language(code, main, direction, own_name, translations, reviewed)


def translate_tree(node: Any, gettext_: Any, keys: frozenset[str]) -> Any:
    """A copy of a JSON tree with the strings under `keys` translated (lists of strings item by item)."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                result[key] = gettext_(value) if value else value
            elif key in keys and isinstance(value, list):
                result[key] = [gettext_(v) if isinstance(v, str) and v else v for v in value]
            else:
                result[key] = translate_tree(value, gettext_, keys)
        return result
    if isinstance(node, list):
        return [translate_tree(value, gettext_, keys) for value in node]
    return node


# Babel extractors (babel.cfg, schema/babel.cfg): the strings people read in files that are not code.

def extract_schema(fileobj, keywords, comment_tags, options):
    """The schema's titles, descriptions, labels and messages (the keys in `schema.TRANSLATABLE`)."""
    import json

    from .schema import TRANSLATABLE

    text = fileobj.read().decode("utf-8")
    seen: set[str] = set()

    def walk(node: Any, where: str):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in TRANSLATABLE and isinstance(value, str):
                    yield value, f"{where}.{key}"
                elif key in TRANSLATABLE and isinstance(value, list):
                    yield from ((item, f"{where}.{key}") for item in value if isinstance(item, str))
                else:
                    yield from walk(value, f"{where}.{key}" if where else key)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, where)

    for message, where in walk(json.loads(text), ""):
        if message and message not in seen:
            seen.add(message)
            yield _line_of(text, json.dumps(message, ensure_ascii=False)), None, message, [where]


def extract_mkdocs(fileobj, keywords, comment_tags, options):
    """The titles in mkdocs.yml people read: site name and description, copyright line, navigation."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and other tags
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=Loader)
    if not isinstance(root, yaml.MappingNode):
        return
    for key_node, value_node in root.value:
        if key_node.value in ("site_name", "site_description", "copyright") and isinstance(value_node,
                                                                                            yaml.ScalarNode):
            yield value_node.start_mark.line + 1, None, value_node.value, [key_node.value]
        if key_node.value == "nav":
            yield from _nav_titles(value_node)


def _nav_titles(node):
    import yaml

    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_titles(item)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield key_node.start_mark.line + 1, None, key_node.value, ["nav"]
            yield from _nav_titles(value_node)


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0
