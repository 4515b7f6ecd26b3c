"""`mso stale`: whom to remind — profiles whose confirmation is due or that are already hidden."""

from __future__ import annotations

import argparse
import csv
import sys

from .config import Settings
from .model import Freshness
from .pipeline import load_directory

_STATE = {Freshness.FAELLIG: "Bestätigung fällig", Freshness.AUSGEBLENDET: "ausgeblendet"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("stale", help="Profile auflisten, deren Bestätigung fällig ist.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    parser.add_argument("--csv", action="store_true", help="Als CSV (für einen Serienbrief) ausgeben.")


def rows(settings: Settings) -> list[dict[str, str]]:
    directory = load_directory(settings)
    result = []
    for record in directory.due():
        kontakt = record.data.get("kontakt") or {}
        result.append({"datei": record.source, "name": record.name, "stand": record.stand.isoformat(),
                       "zustand": _STATE[record.freshness], "veroeffentlichen": "ja" if record.consent else "nein",
                       "email": kontakt.get("email", ""), "telefon": kontakt.get("telefon", "")})
    return result


def run(args: argparse.Namespace, settings: Settings) -> int:
    found = rows(settings)
    if args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(found[0]) if found else ["datei"], delimiter=";")
        writer.writeheader()
        writer.writerows(found)
        return 0
    print(f"Stichtag {settings.stichtag.isoformat()}: {len(found)} Profil(e) zu erinnern.")
    for row in found:
        print(f"- {row['name']} ({row['zustand']}, Stand {row['stand']}) – "
              f"{row['email'] or row['telefon'] or 'keine Kontaktangabe'} – {row['datei']}")
    return 0
