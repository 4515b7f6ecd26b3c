"""One complete, valid example profile: the field reference and `mso new` show each field from it."""

from __future__ import annotations

import datetime
from typing import Any

import yaml

from ..schema import Schema, is_date


def example_profile(stadt: str, stadtbezirk: str) -> dict[str, Any]:
    """The example for one city: its name in the name, address and register, one of its Stadtbezirke."""
    return {
        "name": f"Deutsch-Türkischer Elternverein {stadt} e. V.",
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
        "stadtbezirk": stadtbezirk,
        "adresse": {"strasse": "Musterstraße 12", "zusatz": "Hinterhaus, 2. Etage", "plz": "12345", "ort": stadt},
        "oeffnungszeiten": "Dienstags 16–19 Uhr",
        "kontakt": {"email": "info@mein-verein.example", "telefon": "0123 456789",
                    "website": "https://mein-verein.example", "social": ["https://social.example/mein-verein"]},
        "ansprechpersonen": [{"name": "Ayşe Beispiel", "funktion": "Vorsitzende",
                              "email": "vorstand@mein-verein.example", "telefon": "0123 456780",
                              "einwilligung": "2026-03-15"}],
        "angebote": ["Hausaufgabenhilfe, dienstags 16–18 Uhr", "Elterncafé, jeden ersten Samstag im Monat"],
        "gegruendet": 1998,
        "rechtsform": "e-v",
        "vereinsregister": f"VR 1234, Amtsgericht {stadt}",
        "netzwerk_mo": True,
        "barrierefrei": "Eingang ebenerdig, kein barrierefreies WC",
        "intern": "Erstkontakt beim Netzwerktreffen im März.",
    }


def example_for(schema: Schema, stadt: str) -> dict[str, Any]:
    """The example with the city's name and its first Stadtbezirk (from the schema as the city uses it)."""
    return example_profile(stadt, next(iter(schema.vocab["stadtbezirk"])))


EXAMPLE_SHAPE = example_profile("", "")  # which fields the example has; the values differ by city


def example_value(path: tuple[str, ...], example: dict[str, Any] = EXAMPLE_SHAPE) -> Any:
    """The value in the example at a field path (lists give their first item), or None if it has none."""
    value: Any = example
    for part in path:
        if isinstance(value, list):
            value = value[0]
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def example_yaml(field: Any, example: dict[str, Any]) -> str:
    """The field's example as a YAML snippet, nested under its parents, as a person would write it."""
    return yaml.dump(_only(example, field.path), Dumper=_ExampleDumper, allow_unicode=True, sort_keys=False,
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
    if is_date(value):
        return dumper.represent_date(datetime.date.fromisoformat(value))
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_ExampleDumper.add_representer(str, _represent_str)
