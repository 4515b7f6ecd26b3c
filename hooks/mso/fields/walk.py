"""Schema → Field tree. A schema shape the walker does not know is a ConfigError at build time, never a
silently missing field."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..config import ConfigError
from ..schema import HINT, MESSAGE, MULTILINE, Schema, Term
from .example import example_value
from .html_pattern import html_pattern
from .wording import AUTOCOMPLETE, CHECK_SPELLING, FORM_TEXT, TYPE_TEXT

INTERNAL = frozenset({"intern"})  # staff notes: never in the form


class FieldKind(enum.StrEnum):
    """How a field is asked for. A StrEnum, so templates may compare it with its text ("textarea")."""

    TEXT = "text"
    TEXTAREA = "textarea"
    EMAIL = "email"
    URL = "url"
    TEL = "tel"
    DATE = "date"
    TODAY = "today"  # the day of the submission, set by the form
    CONSENT_DATE = "consent-date"  # a checkbox; ticked means "agreed today"
    NUMBER = "number"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    CHOICES = "choices"
    LIST = "list"
    GROUP = "group"
    REPEAT = "repeat"
    TRANSLATED = "translated"
    BOOL_OR_TEXT = "bool-or-text"
    ANY = "any"


# Fields whose value the form sets itself instead of asking for it.
ROLES = {("stand",): FieldKind.TODAY, ("ansprechpersonen", "einwilligung"): FieldKind.CONSENT_DATE}
_BY_FORMAT = {"email": FieldKind.EMAIL, "uri": FieldKind.URL, "telefon": FieldKind.TEL, "date": FieldKind.DATE}


@dataclass(frozen=True)
class Field:
    """One field of the profile, with what the form, the printable form and the reference need."""

    path: tuple[str, ...]
    kind: FieldKind
    title: str
    description: str
    required: bool = False  # always required (within its parent, if the parent is given)
    when_published: bool = False  # required when `veroeffentlichen: true`
    terms: tuple[Term, ...] = ()
    children: tuple["Field", ...] = ()
    item: "Field | None" = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str = ""
    minimum: int | None = None
    maximum: int | None = None
    min_properties: int = 0
    unique: bool = False  # a list whose entries must differ (uniqueItems)
    default: Any = None
    error: str = ""  # the schema's x-fehler, said after the value: „33617x“ ist keine Postleitzahl.
    hint: str = ""  # the schema's x-hinweis: how to write the value right
    # The build's gettext, for the form's own words (wording.py); the schema's words come translated already.
    words: Callable[[str], str] = field(default=str, compare=False, repr=False)

    @property
    def key(self) -> str:
        return self.path[-1]

    @property
    def name(self) -> str:
        return ".".join(self.path)

    @property
    def id(self) -> str:
        return "f-" + "-".join(p.replace("_", "-") for p in self.path)

    @property
    def label(self) -> str:
        own = FORM_TEXT.get(self.path, {}).get("label")
        return self.words(own) if own else self.title

    @property
    def help(self) -> str:
        own = FORM_TEXT.get(self.path, {}).get("help")
        return self.words(own) if own else self.description

    @property
    def autocomplete(self) -> str:
        return AUTOCOMPLETE.get(self.path, "")

    @property
    def type_text(self) -> str:
        return self.words(TYPE_TEXT[self.kind])

    @property
    def pattern_text(self) -> str:
        """How to write a value that must fit the pattern (the schema's x-hinweis)."""
        return (self.hint or self.words(CHECK_SPELLING)) if self.pattern else ""

    @property
    def html_pattern(self) -> str:
        """The schema's pattern for the HTML `pattern` attribute (anchored implicitly, `v` flag)."""
        return html_pattern(self.pattern) if self.pattern else ""

    @property
    def example(self) -> Any:
        """The value in the example profile, or None for a field the example does not have yet."""
        return example_value(self.path)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def profile_fields(schema: Schema, *, include_internal: bool = False) -> tuple[Field, ...]:
    """The top-level fields in schema order (without `intern` unless asked for)."""
    raw = schema.raw
    required = set(raw.get("required", []))
    when = set(raw.get("then", {}).get("required", []))
    return tuple(_field(schema, (key,), node, key in required, key in when)
                 for key, node in raw["properties"].items() if include_internal or key not in INTERNAL)


def _field(schema: Schema, path: tuple[str, ...], node: dict[str, Any], required: bool,
           when_published: bool = False) -> Field:
    node = schema.resolve(node)
    common = dict(path=path, title=node.get("title", path[-1]), description=node.get("description", ""),
                  required=required, when_published=when_published, default=node.get("default"),
                  error=node.get(MESSAGE, ""), hint=node.get(HINT, ""), words=schema.gettext)
    limits = dict(min_length=node.get("minLength"), max_length=node.get("maxLength"),
                  pattern=node.get("pattern", ""))
    kind = node.get("type")
    if path in ROLES:
        return Field(kind=ROLES[path], **common)
    if path[-1] in INTERNAL:
        return Field(kind=FieldKind.ANY, **common)
    if terms := schema.terms(node):
        return Field(kind=FieldKind.CHOICE, terms=tuple(terms.values()), **common)
    if "anyOf" in node:
        branches = {b.get("type"): b for b in map(schema.resolve, node["anyOf"])}
        if set(branches) == {"string", "object"}:
            text = _field(schema, path, branches["string"], True)
            names = schema.resolve(branches["object"].get("propertyNames", {}))
            return Field(kind=FieldKind.TRANSLATED, item=text, terms=tuple(schema.terms(names).values()),
                         min_length=text.min_length, max_length=text.max_length, **common)
        if set(branches) == {"boolean", "string"}:
            return Field(kind=FieldKind.BOOL_OR_TEXT, item=_field(schema, path, branches["string"], False), **common)
    if kind == "array" and isinstance(node.get("items"), dict):
        items = schema.resolve(node["items"])
        if terms := schema.terms(items):
            return Field(kind=FieldKind.CHOICES, terms=tuple(terms.values()), **common)
        if items.get("type") == "object":
            children = _children(schema, path, items)
            item = Field(path=path, kind=FieldKind.GROUP, title=items.get("title", path[-1]),
                         description=items.get("description", ""), children=children, words=schema.gettext)
            return Field(kind=FieldKind.REPEAT, children=children, item=item, **common)
        return Field(kind=FieldKind.LIST, item=_field(schema, path, items, True),
                     unique=bool(node.get("uniqueItems")), **common)
    if kind == "object" and "properties" in node:
        return Field(kind=FieldKind.GROUP, children=_children(schema, path, node),
                     min_properties=node.get("minProperties", 0), **common)
    if kind == "boolean":
        return Field(kind=FieldKind.BOOLEAN, **common)
    if kind == "integer":
        return Field(kind=FieldKind.NUMBER, minimum=node.get("minimum"), maximum=node.get("maximum"), **common)
    if kind == "string":
        text_kind = _BY_FORMAT.get(node.get("format", ""),
                                   FieldKind.TEXTAREA if node.get(MULTILINE) else FieldKind.TEXT)
        return Field(kind=text_kind, **limits, **common)
    raise ConfigError(f"Das Feld `{'.'.join(path)}` im Schema {schema.path} hat eine Form, die das Formular "
                      "nicht kennt. Ergänzen Sie hooks/mso/fields/walk.py oder ändern Sie das Schema.")


def _children(schema: Schema, path: tuple[str, ...], node: dict[str, Any]) -> tuple[Field, ...]:
    required = set(node.get("required", []))
    return tuple(_field(schema, path + (key,), child, key in required)
                 for key, child in node.get("properties", {}).items())
