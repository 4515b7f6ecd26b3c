"""The profile fields, walked from the JSON Schema: one model for the form, the printable form and the
field reference, so that a field added to the schema appears in all three.

A schema shape the walker does not know is an error at build time, never a silently missing field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import yaml

from .schema import Schema, Term

INTERNAL = frozenset({"intern"})  # staff notes: never in the form

# Fields whose value the form sets itself instead of asking for it.
ROLES = {
    ("stand",): "today",  # the day of the submission: the association confirms its data
    ("ansprechpersonen", "einwilligung"): "consent-date",  # a checkbox; ticked means "agreed today"
}

# Where the schema's help speaks YAML ("true", "[de, tr]"), the form says it in plain words.
FORM_TEXT: dict[tuple[str, ...], dict[str, str]] = {
    ("veroeffentlichen",): {
        "label": "Ja, unser Verein soll im Verzeichnis erscheinen.",
        "help": "Ohne dieses Häkchen zählen wir Ihren Verein nur in der Gesamtzahl mit und zeigen ihn sonst "
                "nirgends. Sie können diese Zustimmung jederzeit widerrufen."},
    ("stand",): {
        "help": "Wird automatisch auf das heutige Datum gesetzt. Damit bestätigen Sie, dass alle Angaben stimmen."},
    ("status",): {"help": "Ist der Verein zurzeit aktiv?"},
    ("beschreibung",): {
        "help": "Was macht Ihr Verein? Zwei bis fünf Sätze auf Deutsch. Sie können den Text zusätzlich in "
                "weiteren Sprachen angeben. Erlaubt sind Absätze, Listen, *kursiv*, **fett** und Links."},
    ("sprachen",): {"help": "Welche Sprachen werden im Verein und in den Angeboten gesprochen? Mindestens eine."},
    ("adresse", "plz"): {"help": "Fünf Ziffern. Beispiel: 12345"},
    ("netzwerk_mo",): {"label": "Ja, unser Verein arbeitet im Netzwerk Migrantenorganisationen mit.",
                       "help": "Das Netzwerk trifft sich beim Herausgeber dieses Verzeichnisses. Freiwillige Angabe."},
    ("adresse",): {"help": "Wo sich der Verein trifft. Freiwillig; wenn Sie eine Adresse angeben, dann bitte mit "
                           "Straße, Postleitzahl und Ort."},
    ("barrierefrei",): {"help": "Sind Ihre Räume barrierefrei, zum Beispiel für Menschen im Rollstuhl?"},
    ("ansprechpersonen",): {
        "help": "Personen, die namentlich genannt werden möchten. Fragen Sie jede Person vorher, ob sie "
                "einverstanden ist."},
    ("ansprechpersonen", "einwilligung"): {
        "label": "Diese Person ist einverstanden, dass ihr Name und diese Angaben veröffentlicht werden.",
        "help": "Als Datum der Einwilligung wird das heutige Datum eingetragen."},
}

# What a pattern means, for the message when a value does not fit it.
PATTERN_TEXT = {
    "^[0-9]{5}$": "Bitte genau fünf Ziffern eingeben, zum Beispiel 12345.",
    "^\\+?[0-9][0-9 ()/-]{4,30}$": "Bitte eine Telefonnummer mit Vorwahl eingeben, nur mit Ziffern, Leerzeichen "
                                   "und + ( ) / -. Zum Beispiel 0123 456789.",
    "^https?://[^\\s<>\"]+$": "Bitte die vollständige Adresse eingeben, sie beginnt mit https://.",
}

# One complete, valid example profile: the field reference shows each field from it.
EXAMPLE: dict[str, Any] = {
    "name": "Deutsch-Türkischer Elternverein Musterstadt e. V.",
    "kurzname": "DTEV",
    "veroeffentlichen": True,
    "stand": "2026-03-15",
    "status": "aktiv",
    "beschreibung": {"de": "Wir beraten Eltern zu Schule und Ausbildung und bieten **Hausaufgabenhilfe** an.\n",
                     "tr": "Velilere okul ve meslek eğitimi konusunda danışmanlık yapıyoruz.\n"},
    "themen": ["bildung", "eltern"],
    "zielgruppen": ["eltern", "kinder"],
    "sprachen": ["de", "tr"],
    "herkunft": ["tuerkei"],
    "stadtbezirk": "Mitte",
    "adresse": {"strasse": "Musterstraße 12", "zusatz": "Hinterhaus, 2. Etage", "plz": "12345", "ort": "Musterstadt"},
    "oeffnungszeiten": "Dienstags 16–19 Uhr",
    "kontakt": {"email": "info@mein-verein.example", "telefon": "0123 456789",
                "website": "https://mein-verein.example", "social": ["https://social.example/mein-verein"]},
    "ansprechpersonen": [{"name": "Ayşe Beispiel", "funktion": "Vorsitzende", "email": "vorstand@mein-verein.example",
                          "telefon": "0123 456780", "einwilligung": "2026-03-15"}],
    "angebote": ["Hausaufgabenhilfe, dienstags 16–18 Uhr", "Elterncafé, jeden ersten Samstag im Monat"],
    "gegruendet": 1998,
    "rechtsform": "e-v",
    "vereinsregister": "VR 1234, Amtsgericht Musterstadt",
    "netzwerk_mo": True,
    "barrierefrei": "Eingang ebenerdig, kein barrierefreies WC",
    "intern": "Erstkontakt beim Netzwerktreffen im März.",
}

_TYPE_TEXT = {
    "text": "Text", "textarea": "Text (mehrere Zeilen möglich)", "email": "E-Mail-Adresse", "url": "Internetadresse",
    "tel": "Telefonnummer", "date": "Datum (JJJJ-MM-TT)", "today": "Datum (JJJJ-MM-TT)",
    "consent-date": "Datum (JJJJ-MM-TT)", "number": "ganze Zahl", "boolean": "ja oder nein (true / false)",
    "choice": "ein Wert aus der Liste", "choices": "Liste von Werten aus der Liste", "list": "Liste von Einträgen",
    "group": "Gruppe von Feldern", "repeat": "Liste von Einträgen mit Unterfeldern",
    "translated": "Text, oder je Sprache ein Text (Sprachcode: Text)", "bool-or-text": "ja oder nein, oder ein Text",
    "any": "beliebig",
}


@dataclass(frozen=True)
class Field:
    """One field of the profile, with what the form, the printable form and the reference need."""

    path: tuple[str, ...]
    kind: str
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
    default: Any = None

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
        return FORM_TEXT.get(self.path, {}).get("label", self.title)

    @property
    def help(self) -> str:
        return FORM_TEXT.get(self.path, {}).get("help", self.description)

    @property
    def autocomplete(self) -> str:
        return AUTOCOMPLETE.get(self.path, "")

    @property
    def type_text(self) -> str:
        return _TYPE_TEXT[self.kind]

    @property
    def pattern_text(self) -> str:
        return PATTERN_TEXT.get(self.pattern, "Bitte prüfen Sie die Schreibweise.") if self.pattern else ""

    @property
    def html_pattern(self) -> str:
        """The schema's pattern for the HTML `pattern` attribute (anchored implicitly, `v` flag)."""
        return html_pattern(self.pattern) if self.pattern else ""

    @property
    def example(self) -> Any:
        """The value in EXAMPLE, or None for a field the example does not have yet."""
        value: Any = EXAMPLE
        for part in self.path:
            if isinstance(value, list):
                value = value[0]
            if part not in value:
                return None
            value = value[part]
        return value

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


def _terms(node: dict[str, Any]) -> tuple[Term, ...]:
    items = node.get("oneOf") or []
    if not items or not all("const" in item for item in items):
        return ()
    return tuple(Term(item["const"], item.get("title", str(item["const"])), item.get("x-name", ""),
                      item.get("x-endonym", ""), item.get("x-dir", "ltr")) for item in items)


def _field(schema: Schema, path: tuple[str, ...], node: dict[str, Any], required: bool,
           when_published: bool = False) -> Field:
    node = schema.resolve(node)
    common = dict(path=path, title=node.get("title", path[-1]), description=node.get("description", ""),
                  required=required, when_published=when_published, default=node.get("default"))
    limits = dict(min_length=node.get("minLength"), max_length=node.get("maxLength"),
                  pattern=node.get("pattern", ""))
    kind = node.get("type")
    if path in ROLES:
        return Field(kind=ROLES[path], **common)
    if path[-1] in INTERNAL:
        return Field(kind="any", **common)
    if terms := _terms(node):
        return Field(kind="choice", terms=terms, **common)
    if "anyOf" in node:
        branches = {b.get("type"): b for b in map(schema.resolve, node["anyOf"])}
        if set(branches) == {"string", "object"}:
            text = _field(schema, path, branches["string"], True)
            return Field(kind="translated", item=text, terms=_terms(schema.resolve(
                branches["object"]["propertyNames"])), min_length=text.min_length, max_length=text.max_length,
                **common)
        if set(branches) == {"boolean", "string"}:
            return Field(kind="bool-or-text", item=_field(schema, path, branches["string"], False), **common)
    if kind == "array":
        items = schema.resolve(node["items"])
        if terms := _terms(items):
            return Field(kind="choices", terms=terms, **common)
        if items.get("type") == "object":
            children = _children(schema, path, items)
            item = Field(path=path, kind="group", title=items.get("title", path[-1]),
                         description=items.get("description", ""), children=children)
            return Field(kind="repeat", children=children, item=item, **common)
        return Field(kind="list", item=_field(schema, path, items, True), **common)
    if kind == "object" and "properties" in node:
        return Field(kind="group", children=_children(schema, path, node),
                     min_properties=node.get("minProperties", 0), **common)
    if kind == "boolean":
        return Field(kind="boolean", **common)
    if kind == "integer":
        return Field(kind="number", minimum=node.get("minimum"), maximum=node.get("maximum"), **common)
    if kind == "string":
        by_format = {"email": "email", "uri": "url", "telefon": "tel", "date": "date"}
        text_kind = by_format.get(node.get("format", ""),
                                  "textarea" if (node.get("maxLength") or 0) > 300 else "text")
        return Field(kind=text_kind, **limits, **common)
    raise ValueError(f"Das Feld `{'.'.join(path)}` im Schema hat eine Form, die das Formular nicht kennt. "
                     "Ergänzen Sie hooks/mso/fields.py.")


def _children(schema: Schema, path: tuple[str, ...], node: dict[str, Any]) -> tuple[Field, ...]:
    required = set(node.get("required", []))
    return tuple(_field(schema, path + (key,), child, key in required)
                 for key, child in node.get("properties", {}).items())


_CLASS_RESERVED = set("()[]{}/-\\|&!#%,:;<=>@`~")


def html_pattern(pattern: str) -> str:
    """A JSON Schema pattern as an HTML `pattern`: without ^…$ and valid with the `v` flag browsers use,
    which needs `( ) / -` and friends escaped inside character classes."""
    body = pattern.removeprefix("^").removesuffix("$") if pattern.endswith("$") and not pattern.endswith("\\$") \
        else pattern.removeprefix("^")
    out, in_class, i = [], False, 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            out.append(body[i:i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "-" and re.match(r"[A-Za-z0-9]-[A-Za-z0-9]", body[i - 1:i + 2]):
                pass  # a range such as 0-9
            elif char in _CLASS_RESERVED or (char == "^" and body[i - 1] != "["):
                char = "\\" + char
        elif char == "[":
            in_class = True
        out.append(char)
        i += 1
    return "".join(out)


# Browser autofill hints: only for the association's address and contact, never guessed elsewhere.
AUTOCOMPLETE = {
    ("name",): "organization", ("adresse", "strasse"): "address-line1", ("adresse", "zusatz"): "address-line2",
    ("adresse", "plz"): "postal-code", ("adresse", "ort"): "address-level2",
}


def example_yaml(field: Field) -> str:
    """The field's example as a YAML snippet, nested under its parents, as a person would write it."""
    return yaml.dump(_only(EXAMPLE, field.path), Dumper=_ExampleDumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)


def _only(value: Any, path: tuple[str, ...]) -> Any:
    """The part of the example on `path`; lists keep their first item."""
    if isinstance(value, list) and path:
        return [_only(value[0], path)]
    if not path:
        return value
    return {path[0]: _only(value[path[0]], path[1:])}


class _ExampleDumper(yaml.SafeDumper):
    """Dates unquoted, multi-line text as a `|` block, lists indented, like the demo profiles."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if _DATE.match(value):
        return dumper.represent_date(datetime.date.fromisoformat(value))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ExampleDumper.add_representer(str, _represent_str)
