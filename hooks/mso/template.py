"""The file `mso new` writes: a valid, unpublished profile with a German comment on every field."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from .schema import Schema

_EXAMPLES = {
    "kurzname": "ABC", "status": "aktiv",
    "beschreibung": "Was macht Ihr Verein? Zwei bis fünf Sätze.",
    "themen": "[kultur, bildung]", "zielgruppen": "[familien]", "sprachen": "[de]", "herkunft": "[international]",
    "adresse": "\n#   strasse: Musterstraße 1\n#   plz: \"33602\"\n#   ort: Bielefeld",
    "oeffnungszeiten": "Dienstags 16–19 Uhr",
    "kontakt": "\n#   email: info@mein-verein.example\n#   telefon: 0521 123456\n#   website: https://mein-verein.example",
    "ansprechpersonen": "\n#   - name: Vorname Nachname\n#     funktion: Vorsitz\n#     einwilligung: JJJJ-MM-TT",
    "angebote": "\n#   - Hausaufgabenhilfe, dienstags 16–18 Uhr",
    "gegruendet": "2001", "rechtsform": "e-v", "vereinsregister": "VR 1234, Amtsgericht Bielefeld",
    "netzwerk_mo": "false", "barrierefrei": "true", "intern": "Notizen für das Integrationszentrum",
}


def new_profile(name: str, schema: Schema, stichtag: datetime.date, schema_path: Path) -> str:
    lines = [f"# yaml-language-server: $schema={schema_path.as_posix()}",
             "# Neues Profil. Füllen Sie die Felder aus und entfernen Sie das # vor den Zeilen, die Sie nutzen.",
             "# Erst mit `veroeffentlichen: true` erscheint das Profil im Verzeichnis.", ""]
    set_values = {"name": yaml.safe_dump(name, allow_unicode=True, default_style=None).strip().removesuffix("\n..."),
                  "veroeffentlichen": "false", "stand": stichtag.isoformat(), "stadtbezirk": "stadtweit"}
    for field, spec in schema.properties.items():
        spec = schema.resolve(spec)
        required = field in schema.raw.get("required", [])
        lines.append(f"# {spec.get('title', field)}{' (Pflicht)' if required else ''}: {spec.get('description', '')}")
        if field in set_values:
            lines.append(f"{field}: {set_values[field]}")
        else:
            example = _EXAMPLES.get(field, "")
            lines.append(f"# {field}:{'' if example.startswith(chr(10)) else ' '}{example}")
        lines.append("")
    return "\n".join(lines)
