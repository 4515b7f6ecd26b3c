"""The JSON Schema as an object: one compiled validator, vocabularies with labels, field titles."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import email_validator
import phonenumbers
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

from .config import ConfigError

from .slugs import slugify

VOCABULARIES = ("stadtbezirk", "thema", "zielgruppe", "herkunft", "sprache", "rechtsform")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
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
    return True


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc and "." in parts.hostname) if parts.hostname else False


def _is_phone(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        number = phonenumbers.parse(value, "DE")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date")(_is_date)
    checker.checks("email")(_is_email)
    checker.checks("uri")(_is_uri)
    checker.checks("telefon")(_is_phone)
    return checker


class Schema:
    """The profile schema, loaded once. `validator` is compiled once and reused for every file."""

    def __init__(self, path: Path):
        self.path = path
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
        result = {}
        for name in VOCABULARIES:
            result[name] = {
                item["const"]: Term(item["const"], item["title"], item.get("x-name", ""),
                                    item.get("x-endonym", ""), item.get("x-dir", "ltr"))
                for item in self.raw["$defs"][name]["oneOf"]
            }
        return result

    @property
    def properties(self) -> dict[str, Any]:
        return self.raw["properties"]

    def subschema(self, path: tuple[str | int, ...]) -> dict[str, Any]:
        """The schema of a field path, following `$ref`, list items and the language map of `beschreibung`."""
        node = self.resolve(self.raw)
        for part in path:
            if isinstance(part, int):
                node = node.get("items", {})
            elif part in node.get("properties", {}):
                node = node["properties"][part]
            else:
                node = next((b["additionalProperties"] for b in node.get("anyOf", []) if "additionalProperties" in b), {})
            node = self.resolve(node)
        return node

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            return self.raw["$defs"][ref.removeprefix("#/$defs/")]
        return node

    def vocabulary_of(self, node: dict[str, Any]) -> str | None:
        """The vocabulary name of a (resolved) schema node, if it is one."""
        for name in VOCABULARIES:
            if node is self.raw["$defs"][name] or node.get("title") == self.raw["$defs"][name]["title"] and "oneOf" in node:
                return name
        return None

    def title(self, path: tuple[str | int, ...]) -> str:
        return self.subschema(path).get("title", str(path[-1]) if path else "")
