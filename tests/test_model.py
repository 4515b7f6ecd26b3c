"""The Directory rules: consent, status and freshness at a fixed Stichtag, and the public allow-list."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from conftest import ROOT, minimal_profile, write_profiles
from mso import config
from mso.model import Entry, Freshness
from mso.pipeline import load_directory
from mso.problems import DataError


def directory_of(tmp_path, profiles, stichtag="2026-11-22"):
    write_profiles(tmp_path / "organisations", profiles)
    settings = config.from_mapping({"stadt": "Teststadt", "herausgeber": "KI", "kontakt_email": "ki@x.example",
                                    "stadtbezirke": ["Mitte", "Heepen"], "daten": str(tmp_path / "organisations"),
                                    "schema": str(ROOT / "schema/organisation.schema.json")},
                                   tmp_path, environ={"MSO_STICHTAG": stichtag})
    return load_directory(settings)


PROFILES = {
    "frisch": minimal_profile("Frisch", stand="2026-10-01"),
    "faellig": minimal_profile("Fällig", stand="2025-10-15"),  # 13 months
    "alt": minimal_profile("Alt", stand="2024-10-15"),  # 25 months
    "still": {"name": "Still", "veroeffentlichen": False, "stand": "2026-10-01", "stadtbezirk": "Heepen"},
    "weg": minimal_profile("Weg", stand="2026-10-01", status="aufgeloest"),
    "pause": minimal_profile("Pause", stand="2026-10-01", status="pausiert", netzwerk_mo=True),
}


def test_consent_status_and_freshness(tmp_path):
    d = directory_of(tmp_path, PROFILES)
    assert [e.slug for e in d.entries] == ["faellig", "frisch", "pause"]
    assert d.entry("faellig").faellig and not d.entry("frisch").faellig
    assert dataclasses.asdict(d.counts) == {
        "veroeffentlicht": 3, "erfasst": 5, "bestaetigung_faellig": 1, "ausgeblendet": 1,
        "ohne_freigabe": 1, "aufgeloest": 1, "netzwerk_mo": 1}


def test_far_future_stichtag_hides_everything_but_keeps_erfasst(tmp_path):
    d = directory_of(tmp_path, PROFILES, stichtag="2099-01-01")
    assert d.entries == () and d.counts.erfasst == 5 and d.counts.veroeffentlicht == 0


def test_thresholds_are_exact_to_the_day(tmp_path):
    d = directory_of(tmp_path, {"a-grenze": minimal_profile("A", stand="2025-11-22"),
                                "b-grenze": minimal_profile("B", stand="2025-11-21")})
    assert {r.slug: r.freshness for r in d.records} == {"a-grenze": Freshness.AKTUELL,
                                                         "b-grenze": Freshness.FAELLIG}


def test_entries_carry_public_fields_only(tmp_path):
    data = minimal_profile("Offen", intern="GEHEIM", ansprechpersonen=[
        {"name": "Erika Beispiel", "funktion": "Vorsitz", "einwilligung": "2026-01-01"}])
    entry = directory_of(tmp_path, {"offen": data}).entries[0]
    fields = {f.name for f in dataclasses.fields(Entry)}
    assert "intern" not in fields and "veroeffentlichen" not in fields
    assert "GEHEIM" not in repr(entry)
    assert entry.ansprechpersonen[0].name == "Erika Beispiel"


def test_invalid_data_publishes_nothing(tmp_path):
    with pytest.raises(DataError) as info:
        directory_of(tmp_path, {"gut": minimal_profile("Gut"), "schlecht": minimal_profile("X", themen=[])})
    assert [p.file for p in info.value.problems] == ["organisations/schlecht.yml"]


def test_stichtag_defaults_to_today(tmp_path):
    settings = config.from_mapping({"stadt": "T", "stadtbezirke": ["Mitte"], "herausgeber": "K",
                                    "kontakt_email": "k@x.example"}, tmp_path, environ={})
    assert settings.stichtag in {datetime.date.today(), datetime.date.today() - datetime.timedelta(days=1)}


def test_bad_stichtag_is_a_german_error(tmp_path):
    with pytest.raises(config.ConfigError, match="MSO_STICHTAG"):
        config.from_mapping({"stadt": "T", "stadtbezirke": ["Mitte"], "herausgeber": "K",
                             "kontakt_email": "k@x.example"}, tmp_path, environ={"MSO_STICHTAG": "22.11.2026"})
