"""The JSON Schema as an object: one compiled validator, vocabularies with labels, field titles.

A vocabulary is an `enum` with its labels beside it: `enumDescriptions` (one per value, in order; editors
show them) and, for languages, `x-terms` keyed by value (German name, own name, direction). A field's own
message for a value that breaks its `pattern`, `format` or `enum` is `x-fehler` (and `x-hinweis`), next to
the rule.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import email_validator
import phonenumbers
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from .config import STADTWEIT, ConfigError, Settings, command
from .i18n import translate_tree
from .links import LinkProblem, check_email, check_url
from .slugs import slugify

# Keys whose text people read; `name` is a language's name in `x-terms` (other `name`s are not text).
TRANSLATABLE = frozenset({"title", "description", "enumDescriptions", "x-fehler", "x-hinweis", "name"})
VOCABULARIES = ("stadtbezirk", "thema", "zielgruppe", "herkunft", "sprache", "rechtsform")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # use with fullmatch
MESSAGE = "x-fehler"  # what is wrong, said after the value: „33617x“ ist keine Postleitzahl.
HINT = "x-hinweis"  # how to write it right: Eine Postleitzahl hat genau fünf Ziffern …
MULTILINE = "x-mehrzeilig"
STADTWEIT_LABEL = "stadtweit (ohne festen Stadtbezirk)"


@dataclass(frozen=True)
class Term:
    """One value of a controlled vocabulary."""

    value: str
    label: str
    name: str = ""  # languages: the German name, e.g. "Arabisch"
    endonym: str = ""  # languages: the own name, e.g. "العربية"
    dir: str = "ltr"

    @property
    def slug(self) -> str:
        return slugify(self.value)


def is_date(value: object) -> bool:
    """True for an existing day written as YYYY-MM-DD."""
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        email_validator.validate_email(value, check_deliverability=False, test_environment=True)
    except email_validator.EmailNotValidError:
        return False
    check_email(value)
    return True


def _is_uri(value: object) -> bool:
    if isinstance(value, str):
        check_url(value)
    return True


def _is_phone(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        number = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def format_checker() -> FormatChecker:
    """Our formats; a LinkProblem raised inside becomes the error's `cause` with its German reason."""
    checker = FormatChecker(formats=())
    checker.checks("date")(lambda value: not isinstance(value, str) or is_date(value))
    checker.checks("email", raises=LinkProblem)(_is_email)
    checker.checks("uri", raises=LinkProblem)(_is_uri)
    checker.checks("telefon")(_is_phone)
    return checker


class Schema:
    """The profile schema, loaded once. `validator` is compiled once and reused for every file."""

    def __init__(self, path: Path, stadtbezirke: Sequence[str] = ()):
        """`stadtbezirke` (from `extra.verzeichnis`) replace the values of `$defs.stadtbezirk`, besides `stadtweit`;
        empty: the file's own list."""
        self.path = path
        self.gettext: Callable[[str], str] = str  # a translated schema's: for the form's own words (fields/)
        try:
            self.raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"Das Schema {path} konnte nicht gelesen werden ({exc.strerror}). Prüfen Sie "
                              "`extra.verzeichnis.schema` in mkdocs.yml.") from None
        except ValueError as exc:
            raise ConfigError(f"Das Schema {path} ist kein gültiges JSON ({exc}).") from None
        if not isinstance(self.raw, dict) or not all(k in self.raw.get("$defs", {}) for k in VOCABULARIES):
            raise ConfigError(f"Das Schema {path} hat nicht die erwartete Form: es fehlen `$defs` für "
                              f"{', '.join(VOCABULARIES)}.")
        self.file_districts = self.raw["$defs"]["stadtbezirk"]
        if stadtbezirke:
            self.raw = {**self.raw, "$defs": {**self.raw["$defs"],
                                              "stadtbezirk": self._districts(self.file_districts, stadtbezirke)}}
        for name in VOCABULARIES:
            self.terms(self.raw["$defs"][name], name)  # a broken label table is a ConfigError now, not later
        self._check_refs(self.raw)

    @staticmethod
    def _districts(node: Any, names: Sequence[str]) -> dict[str, Any]:
        """The `stadtbezirk` vocabulary with these names and `stadtweit` (its label from the file, if it has one)."""
        node = node if isinstance(node, dict) else {}
        values, labels = node.get("enum"), node.get("enumDescriptions")
        stadtweit = STADTWEIT_LABEL
        if isinstance(values, list) and isinstance(labels, list) and STADTWEIT in values:
            index = values.index(STADTWEIT)
            stadtweit = labels[index] if index < len(labels) and isinstance(labels[index], str) else stadtweit
        new = {"enum": [*names, STADTWEIT], "enumDescriptions": [f"Stadtbezirk {name}" for name in names] + [stadtweit]}
        result = {"type": "string"} if "type" not in node else {}
        for key, value in node.items():  # the file's order, so that `mso schema` changes only these lines
            if key != "x-terms":
                result[key] = new.get(key, value)
        return {**result, **new}

    def translated(self, gettext: Callable[[str], str]) -> Schema:
        """This schema with its words for people translated (titles, descriptions, labels, messages); the rules
        stay the same. For the pages of another language; validation keeps the German schema."""
        other = object.__new__(Schema)
        other.path, other.file_districts, other.gettext = self.path, self.file_districts, gettext
        other.raw = translate_tree(self.raw, gettext, TRANSLATABLE)
        return other

    @property
    def districts_match_file(self) -> bool:
        """Whether the file on disk lists the same Stadtbezirke as the configuration (editors read the file)."""
        return self.file_districts == self.raw["$defs"]["stadtbezirk"]

    def text(self) -> str:
        """The schema as this city uses it, written as the file is (2 spaces, UTF-8, final line break)."""
        return json.dumps(self.raw, ensure_ascii=False, indent=2) + "\n"

    def _check_refs(self, node: Any) -> None:
        """Every `$ref` points into `$defs`; otherwise a ConfigError now instead of a traceback mid-validation."""
        if isinstance(node, dict):
            if "$ref" in node:
                self.resolve(node)
            for value in node.values():
                self._check_refs(value)
        elif isinstance(node, list):
            for value in node:
                self._check_refs(value)

    @cached_property
    def validator(self) -> Draft202012Validator:
        try:
            Draft202012Validator.check_schema(self.raw)
        except SchemaError as exc:
            raise ConfigError(f"Das Schema {self.path} ist kein gültiges JSON Schema: {exc.message}") from None
        return Draft202012Validator(self.raw, format_checker=format_checker())

    @cached_property
    def vocab(self) -> dict[str, dict[str, Term]]:
        """`vocab["sprache"]["ar"].endonym == "العربية"`, in schema order."""
        return {name: self.terms(self.raw["$defs"][name], name) for name in VOCABULARIES}

    def terms(self, node: dict[str, Any], where: str = "") -> dict[str, Term]:
        """The Terms of a node with `enum` (value → Term, in schema order); {} for any other node."""
        values = node.get("enum")
        if not isinstance(values, list):
            return {}
        labels = node.get("enumDescriptions", values)
        extras = node.get("x-terms", {})
        if (not isinstance(labels, list) or len(labels) != len(values) or not isinstance(extras, dict)
                or not set(extras) <= set(values) or not all(isinstance(v, str) for v in [*values, *labels])):
            raise ConfigError(f"Das Schema {self.path}: Die Liste `{where or node.get('title', '?')}` braucht "
                              "zu jedem Wert in `enum` genau eine Bezeichnung in `enumDescriptions` (in derselben "
                              "Reihenfolge); `x-terms` darf nur Werte aus `enum` nennen.")
        return {value: Term(value, label, **{k: v for k, v in extras.get(value, {}).items()
                                             if k in ("name", "endonym", "dir")})
                for value, label in zip(values, labels)}

    @property
    def properties(self) -> dict[str, Any]:
        return self.raw["properties"]

    def subschema(self, path: tuple[str | int, ...]) -> dict[str, Any]:
        """The schema of a field path, following `$ref`, list items and the language map of `beschreibung`."""
        node = self.resolve(self.raw)
        for part in path:
            node = self._step(node, part)
        return node

    def _step(self, node: dict[str, Any], part: str | int) -> dict[str, Any]:
        if isinstance(part, int):
            child = node.get("items", {})
        elif part in node.get("properties", {}):
            child = node["properties"][part]
        else:
            child = next((b["additionalProperties"] for b in node.get("anyOf", [])
                          if isinstance(b.get("additionalProperties"), dict)), {})
        return self.resolve(child)

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        """A node with its `$ref` filled in; the node's own keywords (title, description) win."""
        ref = node.get("$ref")
        if ref is None:
            return node
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            raise ConfigError(f"Das Schema {self.path} verweist auf `{ref}`; erlaubt sind nur Verweise auf "
                              "`#/$defs/…` in derselben Datei.")
        target = self.raw["$defs"].get(ref.removeprefix("#/$defs/"))
        if not isinstance(target, dict):
            raise ConfigError(f"Das Schema {self.path} verweist auf `{ref}`, das es nicht gibt.")
        own = {k: v for k, v in node.items() if k != "$ref"}
        return {**target, **own} if own else target

    def title(self, path: tuple[str | int, ...]) -> str:
        return self.subschema(path).get("title", str(path[-1]) if path else "")

    def is_multiline(self, path: tuple[str | int, ...]) -> bool:
        """Whether the text at `path` may span lines (`x-mehrzeilig`, inherited by everything below it)."""
        node = self.resolve(self.raw)
        for part in path:
            if node.get(MULTILINE):
                return True
            node = self._step(node, part)
        return bool(node.get(MULTILINE)) or any(
            b.get(MULTILINE) and b.get("type") == "string" for b in map(self.resolve, node.get("anyOf", [])))


def for_settings(settings: Settings) -> Schema:
    """The schema of this city: the file named in `extra.verzeichnis.schema`, with its Stadtbezirke."""
    return Schema(settings.schema, settings.stadtbezirke)


def file_problem(schema: Schema, settings: Settings) -> str | None:
    """A German message if the schema file lists other Stadtbezirke than the configuration, else None."""
    if schema.districts_match_file:
        return None
    return (f"{_shown_path(settings.schema)}: Die Stadtbezirke in `$defs.stadtbezirk` sind andere als in "
            f"`extra.verzeichnis.stadtbezirke` ({_shown_path(settings.config_file or settings.root)}). Gebaut und "
            "geprüft wird mit denen aus der Einstellung; Editoren und die Prüfung vor jedem Commit lesen aber die "
            f"Datei. Der Befehl `{command(settings, 'schema')}` schreibt die Stadtbezirke in die Datei.")


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
