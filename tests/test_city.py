"""One city's settings: everything city-specific in `extra.verzeichnis`, and a second city (Musterstadt) as proof."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, make_project, minimal_profile

from mso import config
from mso.schema import for_settings

MUSTERSTADT = ROOT / "examples" / "musterstadt"
# The project, the examples and the city the pipelines build (MSO_CONFIG, docs/betrieb.md).
CITY_CONFIGS = sorted({ROOT / "mkdocs.yml", *(ROOT / "examples").glob("*/mkdocs.yml"),
                       (ROOT / os.environ.get("MSO_CONFIG", "mkdocs.yml")).resolve()})
CODE = [ROOT / "hooks", ROOT / "overrides"]
TEXT_FILES = (".html", ".json", ".csv", ".svg", ".xml", ".js", ".css", ".txt", ".md")


def _settings(path: Path) -> config.Settings:
    return config.from_mkdocs_file(path, environ={"MSO_STICHTAG": "2026-11-22"})


@pytest.mark.parametrize("path", CITY_CONFIGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_city_name_or_stadtbezirk_in_code_or_templates(path):
    settings = _settings(path)
    words = [settings.stadt, *settings.stadtbezirke]
    found = []
    for folder in CODE:
        for file in folder.rglob("*"):
            if not file.is_file() or "__pycache__" in file.parts or ".egg-info" in str(file):
                continue
            text = file.read_text(encoding="utf-8", errors="replace")
            found += [f"{file.relative_to(ROOT)}: {word}" for word in words
                      if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)]
    assert not found


@pytest.mark.parametrize("path", CITY_CONFIGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_city_schema_file_lists_its_configured_stadtbezirke(path):
    settings = _settings(path)
    schema = for_settings(settings)
    assert schema.districts_match_file, f"{settings.schema}: mso --config {path.relative_to(ROOT)} schema"
    assert settings.schema.read_text(encoding="utf-8") == schema.text()
    assert list(schema.vocab["stadtbezirk"]) == [*settings.stadtbezirke, "stadtweit"]


@pytest.mark.parametrize("path", CITY_CONFIGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_city_schema_is_the_project_schema_with_its_own_stadtbezirke(path):
    """Editors read the city's copy (e.g. examples/musterstadt/schema/); it must not fall behind the project's."""
    def without_districts(file: Path) -> dict:
        data = json.loads(file.read_text(encoding="utf-8"))
        del data["$defs"]["stadtbezirk"]["enum"], data["$defs"]["stadtbezirk"]["enumDescriptions"]
        return data

    settings = _settings(path)
    city = settings.schema.relative_to(ROOT).as_posix()
    assert without_districts(settings.schema) == without_districts(ROOT / "schema" / "organisation.schema.json"), (
        f"Kopieren Sie schema/organisation.schema.json nach {city} und führen Sie "
        f"`mso --config {path.relative_to(ROOT)} schema` aus.")


def test_musterstadt_sets_every_setting_itself():
    """With INHERIT, a setting missing in the child comes from the other city (e.g. its data protection officer)."""
    from mkdocs.utils.yaml import yaml_load

    own = yaml_load((MUSTERSTADT / "mkdocs.yml").read_text(encoding="utf-8"))  # a text: INHERIT not merged
    assert set(own["extra"]["verzeichnis"]) == {key for key, _ in config.VerzeichnisConfig._schema}


# The second city, built as `make site` builds it, PDF included.

@pytest.fixture(scope="module")
def musterstadt(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("musterstadt")
    env = {**os.environ, "MSO_PDF": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(MUSTERSTADT / "mkdocs.yml"),
                             "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return site


def _texts(site: Path):
    for file in sorted(site.rglob("*")):
        if file.suffix in TEXT_FILES:
            yield file, file.read_text(encoding="utf-8", errors="replace")
        elif file.name.endswith(".xml.gz"):
            yield file, gzip.decompress(file.read_bytes()).decode("utf-8")


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None and os.environ.get("CI") != "true":
        pytest.skip("pdftotext fehlt (Debian: apt-get install poppler-utils).")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_musterstadt_mentions_no_other_city(musterstadt):
    leaks = [str(file.relative_to(musterstadt)) for file, text in _texts(musterstadt)
             if re.search("bielefeld", text, re.IGNORECASE)]
    assert not leaks
    bielefeld = _settings(ROOT / "mkdocs.yml")
    for word in (*bielefeld.stadtbezirke, bielefeld.herausgeber, bielefeld.kontakt_email):
        assert not [f for f, text in _texts(musterstadt) if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)], word
    pdf = _pdf_text(musterstadt / "steckbriefe" / "steckbriefe.pdf")
    assert "Musterstadt" in pdf and not re.search("bielefeld", pdf, re.IGNORECASE)


def test_musterstadt_shows_its_own_stadtbezirke(musterstadt):
    settings = _settings(MUSTERSTADT / "mkdocs.yml")
    overview = (musterstadt / "stadtbezirke" / "index.html").read_text(encoding="utf-8")
    for name in settings.stadtbezirke:
        assert name in overview
    assert {p.name for p in (musterstadt / "stadtbezirke").iterdir() if p.is_dir()} == \
        {"altstadt", "nordstadt", "hafenviertel", "lindenau", "am-weinberg", "stadtweit"}
    vereine = json.loads((musterstadt / "daten" / "vereine.json").read_text(encoding="utf-8"))
    assert vereine["anzahl"] == 3 and vereine["herausgeber"] == settings.herausgeber
    assert {v["stadtbezirk"] for v in vereine["vereine"]} == {"Altstadt", "Nordstadt", "stadtweit"}
    published = json.loads((musterstadt / "daten" / "organisation.schema.json").read_text(encoding="utf-8"))
    assert published["$defs"]["stadtbezirk"]["enum"] == [*settings.stadtbezirke, "stadtweit"]
    start = (musterstadt / "index.html").read_text(encoding="utf-8")
    assert "<title>Start - MSO-Verzeichnis Musterstadt</title>" in start
    assert 'Zum Beispiel: Hausaufgaben, arabisch, Altstadt</p>' in start


def test_musterstadt_impressum_privacy_and_footer_use_its_settings(musterstadt):
    settings = _settings(MUSTERSTADT / "mkdocs.yml")
    impressum = (musterstadt / "impressum" / "index.html").read_text(encoding="utf-8")
    for text in (settings.herausgeber, settings.kontakt_adresse, f"mailto:{settings.kontakt_email}",
                 f"Verantwortlich für den Inhalt: {settings.verantwortlich}, Anschrift wie oben."):
        assert text in impressum, text
    privacy = (musterstadt / "datenschutz" / "index.html").read_text(encoding="utf-8")
    assert settings.datenschutzbeauftragter in privacy and settings.hoster in privacy
    assert f"Herausgeber: {settings.herausgeber}." in impressum  # the copyright line in the footer


def test_musterstadt_has_its_logo_and_colour(musterstadt):
    start = (musterstadt / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/logo.svg" alt="">' in start
    assert (musterstadt / "assets" / "logo.svg").read_bytes() == (MUSTERSTADT / "logo.svg").read_bytes()
    assert 'data-md-color-primary="custom"' in start and 'href="assets/farbe.css"' in start
    assert "--md-primary-fg-color: #00695c;" in (musterstadt / "assets" / "farbe.css").read_text(encoding="utf-8")


# Configuration errors: German, all at once.

CITY = {"stadt": "Teststadt", "stadtbezirke": ["Nord", "Süd"], "herausgeber": "KI", "kontakt_email": "ki@x.example"}


@pytest.mark.parametrize(("settings", "expected"), [
    ({"stadtbezirke": "Nord"}, "`extra.verzeichnis.stadtbezirke` muss eine Liste von Namen sein"),
    ({"stadtbezirke": []}, "`extra.verzeichnis.stadtbezirke` muss eine Liste von Namen sein"),
    ({"stadtbezirke": ["Süd", "Sued"]}, "„Sued“ und „Süd“ ergeben dieselbe Adresse (/stadtbezirke/sued/)"),
    ({"stadtbezirke": ["Nord", "Stadtweit"]}, "„Stadtweit“ ist als Name eines Stadtbezirks nicht möglich"),
    ({"stadtbezirke": ["Nord", 3]}, "Eintrag 2 (die Zahl 3) muss ein Text sein"),
    ({"stadtbezirke": ["Nord\nSüd"]}, "muss ein Text in einer Zeile sein"),
    ({"stadt": ""}, "`extra.verzeichnis.stadt` fehlt"),
    ({"farbe": "yellow"}, "`extra.verzeichnis.farbe`: „yellow“ (#ffec3d) ist zu hell"),
    ({"farbe": "#ffffff"}, "Kontrastverhältnis von 1,0:1, nötig sind mindestens 4,5:1"),
    ({"farbe": "lila"}, "„lila“ ist keine Farbe. Schreiben Sie einen Farbnamen"),
    ({"logo": "fehlt.svg"}, "„fehlt.svg“ gibt es nicht"),
    ({"logo": "logo.txt"}, "`extra.verzeichnis.logo`: „logo.txt“ ist kein Bild"),
    ({"monate_bis_bestaetigung": 1000}, "`extra.verzeichnis.monate_bis_bestaetigung` muss eine ganze Zahl von 1 bis"),
    ({"monate_bis_ausblenden": 10 ** 9}, "`extra.verzeichnis.monate_bis_ausblenden` muss eine ganze Zahl von 1 bis"),
    ({"kontakt_email": "keine Adresse"}, "„keine Adresse“ ist keine E-Mail-Adresse"),
    ({"lizenz_url": "ftp://daten.example/"}, "„ftp://daten.example/“ ist keine Web-Adresse"),
])
def test_a_wrong_setting_gets_a_german_message(tmp_path, settings, expected):
    with pytest.raises(config.ConfigError) as caught:
        config.from_mapping({**CITY, **settings}, tmp_path, environ={})
    assert expected in str(caught.value)


def test_every_wrong_setting_is_named_at_once(tmp_path):
    with pytest.raises(config.ConfigError) as caught:
        config.from_mapping({**CITY, "stadtbezirke": "Nord", "farbe": "lime", "logo": "x.png",
                             "monate_bis_ausblenden": 500}, tmp_path, environ={})
    assert str(caught.value).count("\n- ") == 4


def test_good_colours_logo_and_stadtbezirke(tmp_path):
    (tmp_path / "bild").mkdir()
    (tmp_path / "bild" / "Logo.PNG").write_bytes(b"\x89PNG")
    settings = config.from_mapping({**CITY, "farbe": "Deep Purple", "logo": "bild/Logo.PNG",
                                    "stadtbezirke": [" Nord ", "Am Hafen"]}, tmp_path, environ={})
    assert settings.farbe == "#7e56c2" and settings.logo == (tmp_path / "bild" / "Logo.PNG").resolve()
    assert settings.stadtbezirke == ("Nord", "Am Hafen")
    assert config.from_mapping({**CITY, "farbe": "#135"}, tmp_path, environ={}).farbe == "#113355"
    assert config.from_mapping(CITY, tmp_path, environ={}).farbe == "#4051b5"  # indigo, the default


# Changing the Stadtbezirke of a project: validate and build name the command, `mso schema` writes the file.

def _mso(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mso", *args], cwd=project, capture_output=True, text=True)


def test_new_stadtbezirke_reach_the_schema_file_with_mso_schema(tmp_path):
    project = make_project(tmp_path / "p", {"nordverein": minimal_profile("Nordverein", stadtbezirk="Nord")})
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    districts = re.search(r"    stadtbezirke:.*\n((?:      - .*\n)+)", text)
    yml.write_text(text.replace(districts.group(1), "      - Nord\n      - Süd\n"), encoding="utf-8")
    schema_file = project / "schema" / "organisation.schema.json"
    before = json.loads(schema_file.read_text(encoding="utf-8"))

    checked = _mso(project, "validate")
    assert checked.returncode == 1
    assert "schema/organisation.schema.json: Die Stadtbezirke in `$defs.stadtbezirk` sind andere" in checked.stdout
    assert "Der Befehl `mso schema` schreibt" in checked.stdout
    built = build(project)
    assert built.returncode != 0 and "`mso schema`" in built.stderr and "Traceback" not in built.stderr

    written = _mso(project, "schema")
    assert written.returncode == 0 and "Stadtbezirke: Nord, Süd, stadtweit." in written.stdout
    after = json.loads(schema_file.read_text(encoding="utf-8"))
    assert after["$defs"]["stadtbezirk"]["enum"] == ["Nord", "Süd", "stadtweit"]
    assert after["$defs"]["stadtbezirk"]["enumDescriptions"][:2] == ["Stadtbezirk Nord", "Stadtbezirk Süd"]
    for data in (before, after):
        del data["$defs"]["stadtbezirk"]["enum"], data["$defs"]["stadtbezirk"]["enumDescriptions"]
    assert after == before
    assert _mso(project, "validate").returncode == 0
    assert "ist aktuell" in _mso(project, "schema").stdout
    assert build(project).returncode == 0


@pytest.mark.parametrize(("change", "expected"), [
    (("theme:\n", "theme:\n  palette:\n    primary: red\n"), "`theme.palette` in mkdocs.yml: Farbe und Logo stehen"),
    (("site_name: \"MSO-Verzeichnis {{ verzeichnis.stadt }}\"", "site_name: \"{{ verzeichnis.stad }}\""),
     "`site_name` in mkdocs.yml: `{{ verzeichnis.stad }}` gibt es nicht"),
])
def test_theme_settings_and_placeholders_in_mkdocs_yml_are_checked(tmp_path, change, expected):
    project = make_project(tmp_path / "p", {"verein": minimal_profile("Verein")})
    yml = project / "mkdocs.yml"
    text = yml.read_text(encoding="utf-8")
    assert change[0] in text
    yml.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and expected in result.stderr and "Traceback" not in result.stderr
