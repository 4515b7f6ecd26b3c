"""The Directory: the one source of truth every view reads.

`Record` is everything known about one profile file and stays with staff tools.
`Entry` is what may be published: an explicit allow-list of fields, built only for
profiles with consent, not dissolved, and not hidden for staleness.
"""

from __future__ import annotations

import copy
import datetime
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from dateutil.relativedelta import relativedelta

from .config import Settings
from .load import Document
from .schema import Schema, Term

FACETS = ("stadtbezirk", "themen", "sprachen", "herkunft", "zielgruppen")
VOCABULARY_OF = {"stadtbezirk": "stadtbezirk", "themen": "thema", "sprachen": "sprache",
                 "herkunft": "herkunft", "zielgruppen": "zielgruppe", "rechtsform": "rechtsform"}


class Freshness(Enum):
    """How current a profile is at the Stichtag."""

    AKTUELL = "aktuell"
    FAELLIG = "faellig"  # confirmation due, still published
    AUSGEBLENDET = "ausgeblendet"  # too old: hidden until confirmed again


@dataclass(frozen=True)
class Record:
    """One profile file as staff see it, including unpublished and internal data."""

    slug: str
    source: str
    data: dict[str, Any]
    stand: datetime.date
    freshness: Freshness

    @property
    def name(self) -> str:
        """The profile's official name."""
        return self.data["name"]

    @property
    def status(self) -> str:
        """`aktiv`, `pausiert` or `aufgeloest` (absent means `aktiv`)."""
        return self.data.get("status", "aktiv")

    @property
    def consent(self) -> bool:
        """True only with `veroeffentlichen: true`."""
        return self.data.get("veroeffentlichen") is True

    @property
    def aufgeloest(self) -> bool:
        """True for a dissolved association (kept as an archived record)."""
        return self.status == "aufgeloest"

    @property
    def published(self) -> bool:
        """Consent given, not dissolved and not hidden for staleness: the profile gets an Entry."""
        return self.consent and not self.aufgeloest and self.freshness is not Freshness.AUSGEBLENDET


@dataclass(frozen=True)
class Person:
    """A named contact person who consented to publication (`einwilligung`)."""

    name: str
    funktion: str = ""
    email: str = ""
    telefon: str = ""


@dataclass(frozen=True)
class Entry:
    """A published profile. Only these fields ever reach a view."""

    slug: str
    name: str
    stand: datetime.date
    faellig: bool
    stadtbezirk: str
    beschreibung: dict[str, str]  # language code → text, German first
    themen: tuple[str, ...]
    sprachen: tuple[str, ...]
    kurzname: str = ""
    status: str = "aktiv"
    zielgruppen: tuple[str, ...] = ()
    herkunft: tuple[str, ...] = ()
    adresse: dict[str, str] = field(default_factory=dict)
    oeffnungszeiten: str = ""
    kontakt: dict[str, Any] = field(default_factory=dict)
    ansprechpersonen: tuple[Person, ...] = ()
    angebote: tuple[str, ...] = ()
    gegruendet: int | None = None
    rechtsform: str = ""
    vereinsregister: str = ""
    netzwerk_mo: bool = False
    barrierefrei: bool | str | None = None

    @classmethod
    def from_record(cls, record: Record) -> Entry:
        """The public Entry of a published Record: allow-listed fields only, persons with consent only."""
        d = record.data
        text = d["beschreibung"]
        beschreibung = {"de": text} if isinstance(text, str) else {"de": text["de"], **{
            lang: value for lang, value in text.items() if lang != "de"}}
        kontakt = {k: d.get("kontakt", {})[k] for k in ("email", "telefon", "website", "social")
                   if k in d.get("kontakt", {})}
        if "social" in kontakt:
            kontakt["social"] = tuple(kontakt["social"])
        adresse = {k: d["adresse"][k] for k in ("strasse", "zusatz", "plz", "ort") if k in d.get("adresse", {})}
        persons = tuple(Person(p["name"], p.get("funktion", ""), p.get("email", ""), p.get("telefon", ""))
                        for p in d.get("ansprechpersonen", []) if p.get("einwilligung"))
        return cls(
            slug=record.slug, name=d["name"], stand=record.stand,
            faellig=record.freshness is Freshness.FAELLIG, stadtbezirk=d["stadtbezirk"],
            beschreibung=beschreibung, themen=tuple(d["themen"]), sprachen=tuple(d["sprachen"]),
            kurzname=d.get("kurzname", ""), status=record.status,
            zielgruppen=tuple(d.get("zielgruppen", ())), herkunft=tuple(d.get("herkunft", ())),
            adresse=adresse, oeffnungszeiten=d.get("oeffnungszeiten", ""), kontakt=kontakt,
            ansprechpersonen=persons, angebote=tuple(d.get("angebote", ())), gegruendet=d.get("gegruendet"),
            rechtsform=d.get("rechtsform", ""), vereinsregister=d.get("vereinsregister", ""),
            netzwerk_mo=d.get("netzwerk_mo") is True, barrierefrei=d.get("barrierefrei"),
        )

    def values(self, facet: str) -> tuple[str, ...]:
        """The values of a facet (`stadtbezirk`, `themen`, …) as a tuple."""
        value = getattr(self, facet)
        return (value,) if isinstance(value, str) else value

    @property
    def sort_key(self) -> str:
        """The name as `sort_key` sorts it."""
        return sort_key(self.name)


@dataclass(frozen=True)
class Counts:
    """The counts of one Directory; their definitions are on /zahlen/ (DESIGN.md, "Counting")."""

    veroeffentlicht: int
    erfasst: int
    bestaetigung_faellig: int
    ausgeblendet: int
    ohne_freigabe: int
    aufgeloest: int
    netzwerk_mo: int


def sort_key(text: str) -> str:
    """A–Z as a German reader expects it: case and accents do not matter (Ö sorts with O)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and (c.isalnum() or c == " ")).strip()


def freshness(stand: datetime.date, settings: Settings) -> Freshness:
    """The Freshness of a profile confirmed on `stand`, at the settings' Stichtag and thresholds."""
    if stand < settings.stichtag - relativedelta(months=settings.monate_bis_ausblenden):
        return Freshness.AUSGEBLENDET
    if stand < settings.stichtag - relativedelta(months=settings.monate_bis_bestaetigung):
        return Freshness.FAELLIG
    return Freshness.AKTUELL


class Directory:
    """All records, the published entries, counts and facets, at one Stichtag."""

    def __init__(self, documents: list[Document], schema: Schema, settings: Settings):
        self.settings = settings
        self.schema = schema
        records = []
        for doc in documents:
            stand = datetime.date.fromisoformat(doc.data["stand"])
            records.append(Record(doc.slug, doc.display, doc.data, stand, freshness(stand, settings)))
        self.records: tuple[Record, ...] = tuple(sorted(records, key=lambda r: (sort_key(r.name), r.slug)))
        self.entries: tuple[Entry, ...] = tuple(Entry.from_record(r) for r in self.records if r.published)
        self._by_slug = {e.slug: e for e in self.entries}

    @property
    def stichtag(self) -> datetime.date:
        """The reference date of this Directory."""
        return self.settings.stichtag

    def for_language(self, schema: Schema, settings: Settings) -> Directory:
        """The same profiles and counts for the pages of another language: the vocabulary labels from `schema`
        (a translated copy), the addresses from `settings`."""
        other = copy.copy(self)
        other.schema, other.settings = schema, settings
        return other

    def entry(self, slug: str) -> Entry | None:
        return self._by_slug.get(slug)

    @cached_property
    def counts(self) -> Counts:
        known = [r for r in self.records if not r.aufgeloest]
        return Counts(
            veroeffentlicht=len(self.entries),
            erfasst=len(known),
            bestaetigung_faellig=sum(e.faellig for e in self.entries),
            ausgeblendet=sum(r.consent and r.freshness is Freshness.AUSGEBLENDET for r in known),
            ohne_freigabe=sum(not r.consent for r in known),
            aufgeloest=len(self.records) - len(known),
            netzwerk_mo=sum(r.data.get("netzwerk_mo") is True for r in known),
        )

    def term(self, facet: str, value: str) -> Term:
        return self.schema.vocab[VOCABULARY_OF[facet]][value]

    def facet(self, facet: str) -> list[tuple[Term, int]]:
        """Each term used by a published entry, with its count, in vocabulary order."""
        counter = Counter(v for e in self.entries for v in e.values(facet))
        return [(term, counter[value]) for value, term in self.schema.vocab[VOCABULARY_OF[facet]].items()
                if counter[value]]

    def with_term(self, facet: str, value: str) -> list[Entry]:
        return [e for e in self.entries if value in e.values(facet)]

    def due(self) -> list[Record]:
        """Staff: records whose confirmation is due or that are hidden as stale, oldest first."""
        return sorted((r for r in self.records if not r.aufgeloest and r.freshness is not Freshness.AKTUELL),
                      key=lambda r: (r.stand, sort_key(r.name)))
