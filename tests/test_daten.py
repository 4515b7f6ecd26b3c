"""/daten/: vereine.json, vereine.csv, zahlen.json, the schema copy, the badge and the page about them."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import ROOT, build, make_project, minimal_profile

ARABIC = "نحن جمعية ثقافية عربية في المدينة، نلتقي كل أسبوع."
PROFILES = {
    "arabischer-kulturverein": minimal_profile(
        "Arabischer Kulturverein „Al-Nour“; Treffpunkt e. V.",
        beschreibung={"de": "Wir treffen uns jede Woche.\n\nMit *Kaffee*; und Gesprächen.", "ar": ARABIC},
        sprachen=["de", "ar"], themen=["kultur", "sprache"], angebote=["Sprachkurs, montags", "Teestube"],
        kontakt={"email": "info@alnour.example", "social": ["https://social.example/alnour"]},
        ansprechpersonen=[{"name": "Samira Haddad", "funktion": "Vorsitz", "einwilligung": "2026-01-05"}],
        intern="Nur für das KI: Vorstand wechselt bald.", barrierefrei="Eingang ebenerdig"),
    "zweiter-verein": minimal_profile("Zweiter Verein", netzwerk_mo=True, gegruendet=1999, barrierefrei=True,
                                      beschreibung="- Hausaufgabenhilfe\n- Elterncafé",
                                      kontakt={"telefon": "+49 521 5550123"}, oeffnungszeiten="=1+1"),
    "ohne-zustimmung": minimal_profile("Verein ohne Zustimmung", veroeffentlichen=False),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("daten") / "p", PROFILES)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def read_csv(site) -> list[dict[str, str]]:
    raw = (site / "daten" / "vereine.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_opens_with_semicolons_and_round_trips_arabic(site):
    rows = read_csv(site)
    assert [r["slug"] for r in rows] == ["arabischer-kulturverein", "zweiter-verein"]
    first = rows[0]
    assert first["name"] == "Arabischer Kulturverein „Al-Nour“; Treffpunkt e. V."
    assert first["beschreibung_weitere"] == f"ar: {ARABIC}"
    assert first["beschreibung"] == "Wir treffen uns jede Woche.\n\nMit *Kaffee*; und Gesprächen."
    assert first["sprachen"] == "de, ar" and first["themen"] == "kultur, sprache"
    assert first["angebote"] == "Sprachkurs, montags | Teestube"
    assert first["ansprechpersonen"] == "Samira Haddad (Vorsitz)"
    assert first["barrierefrei"] == "Eingang ebenerdig" and rows[1]["barrierefrei"] == "ja"
    assert rows[1]["netzwerk_mo"] == "ja" and rows[1]["gegruendet"] == "1999"
    assert first["url"] == "https://vereine.bielefeld.example/vereine/arabischer-kulturverein/"


def test_csv_has_the_documented_columns_and_crlf_rows(site):
    from mso.views.daten import CSV_COLUMNS

    raw = (site / "daten" / "vereine.csv").read_bytes().decode("utf-8-sig")
    assert raw.split("\r\n", 1)[0] == ";".join(c for c, _ in CSV_COLUMNS)
    assert raw.endswith("\r\n")


def test_vereine_json_has_published_entries_in_stable_order_with_every_public_field(site):
    data = json.loads((site / "daten" / "vereine.json").read_text(encoding="utf-8"))
    assert data["anzahl"] == len(data["vereine"]) == 2
    assert data["stichtag"] == "2026-11-22"
    first, second = data["vereine"]
    assert first["slug"] == "arabischer-kulturverein" and second["slug"] == "zweiter-verein"
    assert first["beschreibung"]["ar"] == ARABIC
    assert first["ansprechpersonen"] == [{"name": "Samira Haddad", "funktion": "Vorsitz", "email": "",
                                          "telefon": ""}]
    assert set(first) == set(second)  # every field always present
    assert second["kurzname"] == "" and second["adresse"] == {} and second["gegruendet"] == 1999
    assert data["lizenz"]["url"] == "https://www.govdata.de/dl-de/by-2-0"


def test_nothing_private_reaches_the_data_files(site):
    for name in ("vereine.json", "vereine.csv", "zahlen.json"):
        text = (site / "daten" / name).read_bytes().decode("utf-8-sig")
        for secret in ("Vorstand wechselt", "2026-01-05", "ohne-zustimmung", "Verein ohne Zustimmung",
                       "einwilligung", "\"intern\"", "Nur für das KI", "veroeffentlichen\""):
            assert secret not in text, (name, secret)


def test_zahlen_json_has_the_contract_keys(site):
    data = json.loads((site / "daten" / "zahlen.json").read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("veroeffentlicht", "erfasst", "bestaetigung_faellig", "ausgeblendet",
                                 "aufgeloest", "stichtag", "ohne_freigabe", "netzwerk_mo")} == {
        "veroeffentlicht": 2, "erfasst": 3, "bestaetigung_faellig": 0, "ausgeblendet": 0, "aufgeloest": 0,
        "stichtag": "2026-11-22", "ohne_freigabe": 1, "netzwerk_mo": 1}
    assert set(data["aufschluesselung"]) == {"stadtbezirk", "themen", "sprachen"}
    assert {"wert": "ar", "bezeichnung": "Arabisch", "anzahl": 1} in data["aufschluesselung"]["sprachen"]
    assert "kennen wir" in data["definitionen"]["erfasst"]["definition"]
    assert data["regeln"] == {"monate_bis_bestaetigung": 12, "monate_bis_ausblenden": 24}
    assert data["verlauf"][-1] == {"datum": "2026-11-22", "veroeffentlicht": 2, "erfasst": 3}


def test_schema_copy_and_badge(site):
    assert (site / "daten" / "organisation.schema.json").read_bytes() == \
        (ROOT / "schema" / "organisation.schema.json").read_bytes()
    badge = (site / "daten" / "badge.svg").read_text(encoding="utf-8")
    assert badge.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    assert re.search(r"<title>2 Migrantenorganisationen im Verzeichnis Bielefeld</title>", badge)
    assert 'role="img"' in badge and "http" not in badge.replace("http://www.w3.org/2000/svg", "")


def test_daten_page_explains_files_fields_and_licence(site):
    page = (site / "daten" / "index.html").read_text(encoding="utf-8")
    for link in ("vereine.csv", "vereine.json", "zahlen.json", "organisation.schema.json", "badge.svg"):
        assert f'href="{link}"' in page or f'href="../daten/{link}"' in page, link
    assert '<a href="https://www.govdata.de/dl-de/by-2-0">Datenlizenz Deutschland' in page
    assert "<code>stadtbezirk</code>" in page and "<code>intern</code>" not in page
    assert "Semikolon" in page and "UTF-8 mit BOM" in page
    assert "&lt;img src=&#34;https://vereine.bielefeld.example/daten/badge.svg&#34;" in page or \
        "&lt;img src=&quot;https://vereine.bielefeld.example/daten/badge.svg&quot;" in page


def test_licence_is_configurable(tmp_path):
    project = make_project(tmp_path / "p", {"eins": minimal_profile("Eins")})
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("    stadt: Bielefeld\n", "    stadt: Bielefeld\n    lizenz_name: CC BY 4.0\n"
                            "    lizenz_url: https://creativecommons.org/licenses/by/4.0/deed.de\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert build(project).returncode == 0
    page = (project / "site" / "daten" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://creativecommons.org/licenses/by/4.0/deed.de">CC BY 4.0</a>' in page
    data = json.loads((project / "site" / "daten" / "vereine.json").read_text(encoding="utf-8"))
    assert data["lizenz"]["name"] == "CC BY 4.0"


def test_equal_inputs_give_byte_identical_files(tmp_path):
    sites = []
    for name in ("a", "b"):
        project = make_project(tmp_path / name, PROFILES)
        result = build(project)
        assert result.returncode == 0, result.stderr
        sites.append(project / "site")
    for path in ("daten/vereine.json", "daten/vereine.csv", "daten/zahlen.json", "daten/badge.svg",
                 "daten/index.html", "zahlen/index.html"):
        assert (sites[0] / path).read_bytes() == (sites[1] / path).read_bytes(), path


def test_csv_cells_never_start_like_a_formula(site):
    second = read_csv(site)[1]
    assert second["telefon"] == "'+49 521 5550123"
    assert second["beschreibung"] == "'- Hausaufgabenhilfe\n- Elterncafé"
    assert second["oeffnungszeiten"] == "'=1+1"
    data = json.loads((site / "daten" / "vereine.json").read_text(encoding="utf-8"))
    assert data["vereine"][1]["kontakt"]["telefon"] == "+49 521 5550123"  # JSON keeps the value as it is
