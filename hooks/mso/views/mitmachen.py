"""/mitmachen/: how associations join, change and confirm their entry, with the form generated from the schema.

- `mitmachen/`            the explanation and the form (the form needs JavaScript: docs/assets/mitmachen/)
- `mitmachen/formular/`   the same fields as a printable page, for the route without JavaScript
- `mitmachen/felder/`     the field reference
- `mitmachen/vereine/<slug>.json`  the published data of one profile, in the file's own shape, for
  `/mitmachen/?verein=<slug>` (small files, so a phone loads only the one profile it changes)
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from .. import slugs
from ..config import ConfigError
from ..fields import Field, example_for, example_yaml, profile_fields
from ..fields.browser import browser_rules
from ..model import Entry
from .base import FULL_WIDTH, Asset, PageSpec, Site

PREFILL_FOLDER = "mitmachen/vereine"
TRANSLITERATION = "mitmachen/umschrift.json"


def outputs(site: Site) -> Iterable[PageSpec | Asset]:
    directory = site.directory
    stichtag = site.settings.stichtag
    fields = [up_to_stichtag(f, stichtag) for f in profile_fields(directory.schema)]
    reference = [up_to_stichtag(f, stichtag) for f in profile_fields(directory.schema, include_internal=True)]
    example = example_for(directory.schema, site.settings.stadt)
    _ = site._
    yield PageSpec("mitmachen/index.md", "mitmachen.html", title=_("Mitmachen"), hide=FULL_WIDTH,
                   description=_("So kommt Ihr Verein ins MSO-Verzeichnis %(stadt)s: Bedingungen, Formular, "
                                 "Änderungen und Löschung.") % {"stadt": site.settings.stadt},
                   context=dict(fields=fields, prefill_folder=PREFILL_FOLDER, transliteration=TRANSLITERATION,
                                rules=rules(_), unsupported=_unsupported))
    # A form to print: a poor search result for any of the words on it.
    yield PageSpec("mitmachen/formular.md", "mitmachen_formular.html", title=_("Formular zum Ausdrucken"),
                   hide=FULL_WIDTH, search={"exclude": True}, context=dict(fields=fields))
    yield PageSpec("mitmachen/felder.md", "felder.html", title=_("Die Felder eines Profils"), hide=FULL_WIDTH,
                   description=_("Alle Felder eines Vereinsprofils: Bedeutung, Pflicht, erlaubte Werte, Beispiel."),
                   context=dict(fields=reference, example=partial(example_yaml, example=example)))
    yield Asset(TRANSLITERATION, json.dumps(slugs.browser_table(), ensure_ascii=False, separators=(",", ":")),
                shared=True)
    for entry in directory.entries:
        yield Asset(f"{PREFILL_FOLDER}/{entry.slug}.json",
                    json.dumps(profile_data(entry), ensure_ascii=False, indent=1) + "\n", shared=True)


def up_to_stichtag(field: Field, stichtag: datetime.date) -> Field:
    """The founding year asks for no year after the Stichtag's, as `mso validate` checks (the schema's maximum
    is a fixed year)."""
    if field.path == ("gegruendet",) and field.maximum is not None and field.maximum > stichtag.year:
        return dataclasses.replace(field, maximum=stichtag.year)
    return field


def rules(gettext: Callable[[str], str]) -> dict[str, Any]:
    """The form's rules from Python, with the messages about single characters in the page's language."""
    found = browser_rules()
    characters = dict(found["zeichen"])
    characters["messages"] = {key: gettext(text) for key, text in characters["messages"].items()}
    return {**found, "zeichen": characters}


def _unsupported(field: Field) -> str:
    raise ConfigError(f"Das Formular kann das Feld `{field.name}` (Art {field.kind}) nicht darstellen. "
                     "Ergänzen Sie hooks/mso/templates/mitmachen_form.html.")


def profile_data(entry: Entry) -> dict[str, Any]:
    """A published entry in the shape of its profile file (public fields only, schema order).

    What the public never sees stays out: `intern`, and the dates of persons' consent (the form
    asks for consent again). `stand` is left out too: a submission sets it to its own date.
    """
    data: dict[str, Any] = {"name": entry.name}
    if entry.kurzname:
        data["kurzname"] = entry.kurzname
    data["veroeffentlichen"] = True
    if entry.status != "aktiv":
        data["status"] = entry.status
    data["beschreibung"] = entry.beschreibung["de"] if list(entry.beschreibung) == ["de"] else dict(
        entry.beschreibung)
    data["themen"] = list(entry.themen)
    for key in ("zielgruppen", "sprachen", "herkunft"):
        if getattr(entry, key):
            data[key] = list(getattr(entry, key))
    data["stadtbezirk"] = entry.stadtbezirk
    if entry.adresse:
        data["adresse"] = dict(entry.adresse)
    if entry.oeffnungszeiten:
        data["oeffnungszeiten"] = entry.oeffnungszeiten
    if entry.kontakt:
        data["kontakt"] = {k: list(v) if isinstance(v, tuple) else v for k, v in entry.kontakt.items()}
    if entry.ansprechpersonen:
        data["ansprechpersonen"] = [{k: v for k, v in (("name", p.name), ("funktion", p.funktion),
                                                       ("email", p.email), ("telefon", p.telefon)) if v}
                                    for p in entry.ansprechpersonen]
    if entry.angebote:
        data["angebote"] = list(entry.angebote)
    for key in ("gegruendet", "rechtsform", "vereinsregister"):
        if getattr(entry, key):
            data[key] = getattr(entry, key)
    if entry.netzwerk_mo:
        data["netzwerk_mo"] = True
    if entry.barrierefrei is not None:
        data["barrierefrei"] = entry.barrierefrei
    return data
