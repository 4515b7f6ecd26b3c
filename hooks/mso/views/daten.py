"""/daten/: open data built from the published entries, and a page that explains it.

vereine.json and vereine.csv are built from `Entry` (the allow-list of public fields), never from
`Record`. zahlen.json holds the same figures as /zahlen/. Everything is serialised with a fixed key
order (the order the code builds it in) and fixed newlines, so that equal inputs give byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .. import spreadsheet
from ..i18n import N_
from ..model import Directory, Entry
from . import zahlen
from .base import FULL_WIDTH, Asset, PageSpec, Site

FOLDER = "daten"
SCHEMA_FILE = "organisation.schema.json"
LIST_SEPARATOR = ", "  # codes from a vocabulary never contain a comma
TEXT_SEPARATOR = " | "  # free text may contain commas

# CSV columns in order: (column, description for the /daten/ page, translated there)
CSV_COLUMNS = (
    ("slug", N_("Kurzadresse des Vereins; die Seite ist /vereine/<slug>/")),
    ("name", N_("offizieller Name")),
    ("kurzname", N_("Kurzname oder Abkürzung")),
    ("stadtbezirk", N_("Stadtbezirk oder „stadtweit“")),
    ("themen", N_("Tätigkeitsfelder (Codes), mit Komma getrennt")),
    ("zielgruppen", N_("Zielgruppen (Codes), mit Komma getrennt")),
    ("sprachen", N_("Sprachen als ISO-639-Codes, mit Komma getrennt")),
    ("herkunft", N_("Herkunft / Community (Codes), mit Komma getrennt")),
    ("beschreibung", N_("Beschreibung auf Deutsch (Markdown)")),
    ("beschreibung_weitere", N_("Beschreibungen in weiteren Sprachen als „code: Text“, mit | getrennt")),
    ("strasse", N_("Adresse: Straße und Hausnummer")),
    ("zusatz", N_("Adresse: Zusatz")),
    ("plz", N_("Adresse: Postleitzahl")),
    ("ort", N_("Adresse: Ort")),
    ("oeffnungszeiten", N_("Öffnungs- und Treffzeiten")),
    ("email", N_("E-Mail-Adresse des Vereins")),
    ("telefon", N_("Telefonnummer des Vereins")),
    ("website", N_("Internetseite")),
    ("social", N_("Profile in sozialen Netzwerken, mit | getrennt")),
    ("ansprechpersonen", N_("Ansprechpersonen (nur mit Einwilligung) als „Name (Funktion)“, mit | getrennt")),
    ("angebote", N_("Angebote, mit | getrennt")),
    ("gegruendet", N_("Gründungsjahr")),
    ("rechtsform", N_("Rechtsform (Code)")),
    ("vereinsregister", N_("Registernummer und Gericht")),
    ("netzwerk_mo", N_("„ja“, wenn der Verein im Netzwerk Migrantenorganisationen mitarbeitet")),
    ("barrierefrei", N_("„ja“, „nein“ oder ein kurzer Text")),
    ("status", N_("aktiv oder pausiert")),
    ("stand", N_("Datum der letzten Bestätigung (JJJJ-MM-TT)")),
    ("bestaetigung_faellig", N_("„ja“, wenn die regelmäßige Bestätigung fällig ist")),
    ("url", N_("Adresse der Vereinsseite")),
)


def site_url(directory: Directory) -> str:
    url = directory.settings.site_url
    return url if not url or url.endswith("/") else url + "/"


def entry_data(entry: Entry, base_url: str) -> dict[str, Any]:
    """One published profile for vereine.json: every public field, always present, in contract order."""
    return {
        "slug": entry.slug,
        "name": entry.name,
        "kurzname": entry.kurzname,
        "stand": entry.stand.isoformat(),
        "bestaetigung_faellig": entry.faellig,
        "status": entry.status,
        "beschreibung": dict(entry.beschreibung),
        "themen": list(entry.themen),
        "zielgruppen": list(entry.zielgruppen),
        "sprachen": list(entry.sprachen),
        "herkunft": list(entry.herkunft),
        "stadtbezirk": entry.stadtbezirk,
        "adresse": dict(entry.adresse),
        "oeffnungszeiten": entry.oeffnungszeiten,
        "kontakt": {k: list(v) if k == "social" else v for k, v in entry.kontakt.items()},
        "ansprechpersonen": [{"name": p.name, "funktion": p.funktion, "email": p.email, "telefon": p.telefon}
                             for p in entry.ansprechpersonen],
        "angebote": list(entry.angebote),
        "gegruendet": entry.gegruendet,
        "rechtsform": entry.rechtsform,
        "vereinsregister": entry.vereinsregister,
        "netzwerk_mo": entry.netzwerk_mo,
        "barrierefrei": entry.barrierefrei,
        "url": f"{base_url}vereine/{entry.slug}/",
    }


def csv_row(entry: Entry, base_url: str) -> dict[str, str]:
    others = TEXT_SEPARATOR.join(f"{lang}: {text.strip()}" for lang, text in entry.beschreibung.items()
                                 if lang != "de")
    persons = TEXT_SEPARATOR.join(f"{p.name} ({p.funktion})" if p.funktion else p.name
                                  for p in entry.ansprechpersonen)
    barrierefrei = entry.barrierefrei if isinstance(entry.barrierefrei, str) else \
        {True: "ja", False: "nein"}.get(entry.barrierefrei, "")
    return {
        "slug": entry.slug, "name": entry.name, "kurzname": entry.kurzname, "stadtbezirk": entry.stadtbezirk,
        "themen": LIST_SEPARATOR.join(entry.themen), "zielgruppen": LIST_SEPARATOR.join(entry.zielgruppen),
        "sprachen": LIST_SEPARATOR.join(entry.sprachen), "herkunft": LIST_SEPARATOR.join(entry.herkunft),
        "beschreibung": entry.beschreibung["de"].strip(), "beschreibung_weitere": others,
        "strasse": entry.adresse.get("strasse", ""), "zusatz": entry.adresse.get("zusatz", ""),
        "plz": entry.adresse.get("plz", ""), "ort": entry.adresse.get("ort", ""),
        "oeffnungszeiten": entry.oeffnungszeiten, "email": entry.kontakt.get("email", ""),
        "telefon": entry.kontakt.get("telefon", ""), "website": entry.kontakt.get("website", ""),
        "social": TEXT_SEPARATOR.join(entry.kontakt.get("social", ())), "ansprechpersonen": persons,
        "angebote": TEXT_SEPARATOR.join(entry.angebote),
        "gegruendet": "" if entry.gegruendet is None else str(entry.gegruendet),
        "rechtsform": entry.rechtsform, "vereinsregister": entry.vereinsregister,
        "netzwerk_mo": "ja" if entry.netzwerk_mo else "nein", "barrierefrei": barrierefrei,
        "status": entry.status, "stand": entry.stand.isoformat(),
        "bestaetigung_faellig": "ja" if entry.faellig else "nein",
        "url": f"{base_url}vereine/{entry.slug}/",
    }


def licence(directory: Directory) -> dict[str, str]:
    s = directory.settings
    return {"name": s.lizenz_name, "url": s.lizenz_url,
            "namensnennung": f"{s.herausgeber}, MSO-Verzeichnis {s.stadt}, Stand {s.stichtag.isoformat()}"}


def dump_json(data: Any) -> str:
    """Deterministic JSON: every mapping is built in a fixed order; two-space indent, one final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def vereine_json(directory: Directory) -> str:
    base_url = site_url(directory)
    data = {
        "stichtag": directory.stichtag.isoformat(),
        "anzahl": directory.counts.veroeffentlicht,
        "herausgeber": directory.settings.herausgeber,
        "lizenz": licence(directory),
        "vereine": [entry_data(e, base_url) for e in directory.entries],
    }
    return dump_json(data)


def vereine_csv(directory: Directory) -> bytes:
    """UTF-8 with BOM and `;`, so that German Excel opens it with umlauts and columns intact."""
    base_url = site_url(directory)
    rows = (csv_row(entry, base_url) for entry in directory.entries)
    return spreadsheet.to_csv([c for c, _ in CSV_COLUMNS], rows).encode("utf-8")


def zahlen_json(site: Site) -> str:
    directory = site.directory
    figures = zahlen.figures(site)
    c, s = directory.counts, directory.settings
    hist = figures["history"]
    data = {
        "stichtag": s.stichtag.isoformat(),
        "veroeffentlicht": c.veroeffentlicht,
        "erfasst": c.erfasst,
        "bestaetigung_faellig": c.bestaetigung_faellig,
        "ausgeblendet": c.ausgeblendet,
        "aufgeloest": c.aufgeloest,
        "ohne_freigabe": c.ohne_freigabe,
        "netzwerk_mo": c.netzwerk_mo,
        "regeln": {"monate_bis_bestaetigung": s.monate_bis_bestaetigung,
                   "monate_bis_ausblenden": s.monate_bis_ausblenden},
        "definitionen": {d["key"]: {"bezeichnung": d["label"], "definition": d["text"]}
                         for d in figures["definitions"]},
        "aufschluesselung": {facet: [{"wert": r.value, "bezeichnung": r.label, "anzahl": r.count} for r in rows]
                             for facet, rows in figures["breakdowns"].items()},
        "verlauf": [{"datum": p.date.isoformat(), "veroeffentlicht": p.veroeffentlicht, "erfasst": p.erfasst}
                    for p in hist.points],
        "verlauf_hinweis": hist.note,
        "lizenz": licence(directory),
    }
    return dump_json(data)


def badge_svg(site: Site) -> str:
    directory = site.directory
    count = str(directory.counts.veroeffentlicht)
    word = "Migrantenorganisation" if count == "1" else "Migrantenorganisationen"
    # widths at 11 px DejaVu Sans / Verdana: about 7 units a digit, 6.6 a letter
    left = round(len(count) * 7 + 12)
    right = round(len(word) * 6.6 + 12)
    return site.renderer.render("daten_badge.svg",
        count=count, word=word, left=left, right=right, width=left + right,
        stadt=directory.settings.stadt).strip() + "\n"


def outputs(site: Site) -> Iterator[Asset | PageSpec]:
    directory = site.directory
    yield Asset(f"{FOLDER}/vereine.json", vereine_json(directory), shared=True)
    yield Asset(f"{FOLDER}/vereine.csv", vereine_csv(directory), shared=True)
    yield Asset(f"{FOLDER}/zahlen.json", zahlen_json(site), shared=True)
    yield Asset(f"{FOLDER}/{SCHEMA_FILE}", directory.schema.path.read_bytes(), shared=True)
    yield Asset(f"{FOLDER}/badge.svg", badge_svg(site), shared=True)
    fields = [(name, directory.schema.title((name,)), directory.schema.subschema((name,)).get("description", ""))
              for name in directory.schema.properties if name not in ("intern", "veroeffentlichen")]
    _ = site._
    yield PageSpec(
        f"{FOLDER}/index.md", "daten.html", title=_("Offene Daten"), hide=FULL_WIDTH,
        description=_("Die veröffentlichten Vereine und alle Zahlen des Verzeichnisses als JSON und CSV, "
                      "zur freien Nutzung unter %(lizenz)s.") % {"lizenz": directory.settings.lizenz_name},
        context=dict(csv_columns=[(name, _(text)) for name, text in CSV_COLUMNS], fields=fields, licence=licence(directory), site=site_url(directory),
                     badge_code=f'<img src="{site_url(directory)}{FOLDER}/badge.svg" alt="Zahl der '
                                f'Migrantenorganisationen im Verzeichnis {directory.settings.stadt}" height="20">'))
