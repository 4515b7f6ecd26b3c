"""/vereine/<slug>/: one page per published profile, a Steckbrief on the web."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import search_text
from ..model import Entry
from .base import FULL_WIDTH, PageSpec, Site, summary, tel_href

SEARCH_BOOST = 5  # profiles rank above hand-written pages for their names
SEARCH_FIELD = "suchwoerter"  # extra lunr field in mkdocs.yml (plugins.search.fields): indexed, never shown


def src_path(entry: Entry) -> str:
    return f"vereine/{entry.slug}.md"


def outputs(site: Site) -> Iterator[PageSpec]:
    for entry in site.directory.entries:
        # Without the side navigation and table of contents the Steckbrief gets the full width.
        yield PageSpec(src_path(entry), "profile.html", title=entry.name, description=summary(entry, 155),
                       hide=FULL_WIDTH, search={"boost": SEARCH_BOOST},
                       context=dict(entry=entry, json_ld=json_ld(entry, site),
                                    keywords=search_text.keywords(entry, site.directory)))


def json_ld(entry: Entry, site: Site) -> dict[str, Any]:
    """schema.org NGO, built from public fields only."""
    settings = site.settings
    address = settings.site_url.rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NGO", "name": entry.name,
        "description": summary(entry, 500),
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


def post_build(site: Site, site_dir: Path) -> None:
    """Move each profile's hidden search words out of the text Material shows in results, into their own field.

    The words stay in the index (a field listed under `plugins.search.fields` in mkdocs.yml is indexed by
    Material's search worker) but no longer fill the result preview.
    """
    index_path = site_dir / "search" / "search_index.json"
    if not index_path.exists():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    words = {f"vereine/{e.slug}/": search_text.keywords(e, site.directory) for e in site.directory.entries}
    for doc in index["docs"]:
        keywords = words.get(doc["location"])
        if keywords is not None:
            doc["text"] = doc["text"].replace(f"<p>{keywords}</p>", "").strip()
            doc[SEARCH_FIELD] = keywords
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
