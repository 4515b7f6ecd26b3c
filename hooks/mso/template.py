"""The file `mso new` writes: a valid, unpublished profile with a German comment on every field.

The required fields get values; every other field is shown as a commented-out example, taken from
the same example profile as the field reference (mso.fields.example_for).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from .config import STADTWEIT
from .fields import example_for, example_yaml, profile_fields
from .schema import Schema


def new_profile(name: str, schema: Schema, stichtag: datetime.date, schema_path: Path, *, stadt: str) -> str:
    """The YAML text of a new profile named `name` for the city `stadt`: required fields filled, every other
    field as an example comment; `schema_path` is the modeline's path to the schema."""
    lines = [f"# yaml-language-server: $schema={schema_path.as_posix()}",
             "# Neues Profil. Füllen Sie die Felder aus und entfernen Sie das # vor den Zeilen, die Sie nutzen.",
             "# Erst mit `veroeffentlichen: true` erscheint das Profil im Verzeichnis.", ""]
    values = {"name": name, "veroeffentlichen": False, "stand": stichtag, "stadtbezirk": STADTWEIT}
    example = example_for(schema, stadt)
    for field in profile_fields(schema, include_internal=True):
        mark = " (Pflicht)" if field.required else " (Pflicht, wenn veröffentlicht)" if field.when_published else ""
        lines.append(f"# {field.title}{mark}: {field.description}")
        if field.key in values:
            lines.append(yaml.safe_dump({field.key: values[field.key]}, allow_unicode=True, width=1000).strip())
        else:
            lines += [f"# {line}" for line in example_yaml(field, example).strip().splitlines()]
        lines.append("")
    return "\n".join(lines)
