"""/vereine/<slug>/: one page per published profile, a Steckbrief on the web."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import search_text
from ..model import Directory, Entry
from .base import Output, Renderer, front_matter, relative_root, tel_href

SEARCH_BOOST = 5  # profiles rank above hand-written pages for their names


def src_path(entry: Entry) -> str:
    return f"vereine/{entry.slug}.md"


def outputs(directory: Directory, renderer: Renderer) -> Iterator[Output]:
    for entry in directory.entries:
        src = src_path(entry)
        # Without the side navigation and table of contents the Steckbrief gets the full width.
        meta = front_matter(title=entry.name, description=renderer.summary(entry, 155),
                            search={"boost": SEARCH_BOOST}, hide=["navigation", "toc"])
        body = renderer.render("profile.html", base=relative_root(src), entry=entry,
                               json_ld=json_ld(entry, renderer), keywords=search_text.keywords(entry, directory))
        yield Output(src, meta + "\n" + body)


def json_ld(entry: Entry, renderer: Renderer) -> dict[str, Any]:
    """schema.org NGO, built from public fields only."""
    site = renderer.settings.site_url.rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NGO", "name": entry.name,
        "description": renderer.summary(entry, 500),
        "knowsLanguage": list(entry.sprachen),
        "areaServed": f"{renderer.settings.stadt}" if entry.stadtbezirk == "stadtweit"
        else f"{renderer.settings.stadt}-{entry.stadtbezirk}",
    }
    if site:
        data["url"] = f"{site}/vereine/{entry.slug}/"
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
