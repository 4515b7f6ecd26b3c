"""`mso stale`: whom to remind — profiles whose confirmation is due or that are already hidden.

Without options a table for the screen; with `--csv` a file for a mail merge (UTF-8 with BOM and `;`,
so that German Excel and LibreOffice open it directly).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from dateutil.relativedelta import relativedelta

from . import spreadsheet
from .config import Settings, german_date
from .model import Freshness, Record
from .pipeline import load_directory

_STATE = {Freshness.FAELLIG: "Bestätigung fällig", Freshness.AUSGEBLENDET: "ausgeblendet"}
COLUMNS = ("name", "zustand", "stand", "ausblenden_ab", "email", "telefon", "ansprechperson", "veroeffentlichen",
           "seite", "datei")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register `mso stale` with its options."""
    parser = commands.add_parser("stale", help="Profile auflisten, deren Bestätigung fällig ist.", add_help=False,
                                 description="Listet zum Stichtag (MSO_STICHTAG, sonst heute) alle Profile, deren "
                                             "Bestätigung fällig ist oder die schon ausgeblendet sind, mit Kontakt.")
    parser.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    parser.add_argument("--csv", action="store_true",
                        help="Als CSV für einen Serienbrief ausgeben (UTF-8 mit BOM, Trennzeichen ;).")
    parser.add_argument("-o", "--ausgabe", type=Path, metavar="DATEI",
                        help="In diese Datei schreiben statt auf den Bildschirm.")


def row(record: Record, settings: Settings) -> dict[str, str]:
    """One line of the reminder list for a Record: name, state, dates, contacts, page and file."""
    kontakt = record.data.get("kontakt") or {}
    persons = [p for p in record.data.get("ansprechpersonen") or [] if isinstance(p, dict)]
    first = persons[0] if persons else {}
    site = settings.site_url if not settings.site_url or settings.site_url.endswith("/") else settings.site_url + "/"
    return {
        "name": record.name,
        "zustand": _STATE[record.freshness],
        "stand": record.stand.isoformat(),
        "ausblenden_ab": (record.stand + relativedelta(months=settings.monate_bis_ausblenden, days=1)).isoformat(),
        "email": kontakt.get("email") or first.get("email", ""),
        "telefon": kontakt.get("telefon") or first.get("telefon", ""),
        "ansprechperson": first.get("name", ""),
        "veroeffentlichen": "ja" if record.consent else "nein",
        "seite": f"{site}vereine/{record.slug}/" if record.published else "",
        "datei": record.source,
    }


def rows(settings: Settings) -> list[dict[str, str]]:
    """Due and hidden profiles at the Stichtag, oldest `stand` first."""
    directory = load_directory(settings)
    return [row(record, settings) for record in directory.due()]


def to_csv(found: list[dict[str, str]]) -> str:
    """The reminder list as CSV for a mail merge (formulas neutralised)."""
    return spreadsheet.to_csv(COLUMNS, found)


def to_table(found: list[dict[str, str]], settings: Settings, width: int) -> str:
    """The reminder list as a text table `width` characters wide, with a summary line."""
    due = sum(r["zustand"] == _STATE[Freshness.FAELLIG] for r in found)
    if not found:
        return (f"Stichtag {german_date(settings.stichtag)}: Niemand muss erinnert werden. "
                "Alle Profile sind bestätigt.\n")
    lines = [f"Stichtag {german_date(settings.stichtag)}: {len(found)} Profil(e) zu erinnern.",
             f"{due} mit fälliger Bestätigung (älter als {settings.monate_bis_bestaetigung} Monate), "
             f"{len(found) - due} ausgeblendet (älter als {settings.monate_bis_ausblenden} Monate)."]
    table = [("Zustand", "Stand", "Name", "Kontakt", "Datei")] + [
        (r["zustand"], r["stand"], r["name"], r["email"] or r["telefon"] or "– keine Angabe –",
         Path(r["datei"]).name) for r in found]
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    spare = width - sum(widths) - 2 * 4
    if spare < 0:  # narrow terminal: shorten the name column, never the contact
        widths[2] = max(20, widths[2] + spare)
    lines.append("")
    for i, line in enumerate(table):
        cells = [_cut(cell, widths[n]).ljust(widths[n]) for n, cell in enumerate(line)]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", "Für einen Serienbrief: mso stale --csv -o erinnern.csv"]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def run(args: argparse.Namespace, settings: Settings) -> int:
    """`mso stale`: print the list, or write it to `--ausgabe`; returns 0."""
    found = rows(settings)
    text = to_csv(found) if args.csv else to_table(found, settings, shutil.get_terminal_size((120, 24)).columns)
    if args.ausgabe:
        args.ausgabe.write_text(text, encoding="utf-8", newline="")
        print(f"{len(found)} Profil(e) geschrieben nach {args.ausgabe}.")
    else:
        sys.stdout.write(text)
    return 0
