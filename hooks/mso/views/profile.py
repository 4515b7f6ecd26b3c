"""/vereine/<slug>/: one page per published profile, a Steckbrief on the web."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import search
from ..model import Entry
from .base import FULL_WIDTH, PageSpec, Site, summary, tel_href


def src_path(entry: Entry) -> str:
    return f"vereine/{entry.slug}.md"


def outputs(site: Site) -> Iterator[PageSpec]:
    splitter, code = site.splitter, site.language.code
    for entry in site.directory.entries:
        # Without the side navigation and table of contents the Steckbrief gets the full width.
        yield PageSpec(src_path(entry), "profile.html", title=entry.name, description=summary(entry, 155, code),
                       hide=FULL_WIDTH,
                       context=dict(entry=entry, json_ld=json_ld(entry, site),
                                    compound_parts=search.compound_parts(entry, splitter)))
    splitter.save()


def json_ld(entry: Entry, site: Site) -> dict[str, Any]:
    """schema.org NGO, built from public fields only."""
    settings = site.settings
    address = settings.site_url.rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NGO", "name": entry.name,
        "description": summary(entry, 500, site.language.code),
        "knowsLanguage": list(entry.sprachen),
        "areaServed": f"{settings.stadt}" if entry.stadtbezirk == "stadtweit"
        else f"{settings.stadt}-{entry.stadtbezirk}",
    }
    if address:
        data["url"] = f"{address}/vereine/{entry.slug}/"
    if entry.kurzname:
        data["alternateName"] = entry.kurzname
    if "email" in entry.kontakt:
        data["email"] = entry.kontakt["email"]
    if "telefon" in entry.kontakt:
        data["telephone"] = tel_href(entry.kontakt["telefon"]).removeprefix("tel:")
    same_as = [entry.kontakt["website"]] if "website" in entry.kontakt else []
    same_as += list(entry.kontakt.get("social", ()))
    if same_as:
        data["sameAs"] = same_as
    if entry.adresse:
        data["address"] = {"@type": "PostalAddress", "streetAddress": entry.adresse["strasse"],
                           "postalCode": entry.adresse["plz"], "addressLocality": entry.adresse["ort"],
                           "addressCountry": "DE"}
    if entry.gegruendet:
        data["foundingDate"] = str(entry.gegruendet)
    if entry.ansprechpersonen:
        data["member"] = [{"@type": "Person", "name": p.name, **({"jobTitle": p.funktion} if p.funktion else {})}
                          for p in entry.ansprechpersonen]
    return data

