"""Open-source hygiene: publiccode.yml (standard 0.4, as openCode.de reads it), LICENSE, LICENSE-DATA.md and
CHANGELOG.md agree with pyproject.toml and with the licence the open data carries."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
import yaml
from conftest import ROOT

PUBLICCODE = ROOT / "publiccode.yml"

# Mandatory keys of publiccode.yml 0.4 (https://yml.publiccode.tools/, docs/standard/schema.core.rst at v0.4.0).
REQUIRED = ("publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus", "softwareType",
            "description", "legal", "maintenance", "localisation")
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPES = {"standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"}
MAINTENANCE_TYPES = {"internal", "contract", "community", "none"}


@pytest.fixture(scope="module")
def publiccode() -> dict:
    return yaml.safe_load(PUBLICCODE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_publiccode_has_the_mandatory_keys_of_version_0_4(publiccode):
    assert [key for key in REQUIRED if key not in publiccode] == []
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert publiccode["url"].startswith("https://")
    assert publiccode["platforms"] == ["web"]
    assert publiccode["categories"] and all(re.fullmatch(r"[a-z]+(-[a-z]+)*", c) for c in publiccode["categories"])
    assert publiccode["developmentStatus"] in DEVELOPMENT_STATUS
    assert publiccode["softwareType"] in SOFTWARE_TYPES


def test_publiccode_describes_the_software_in_german(publiccode):
    german = publiccode["description"]["de"]
    assert len(german["shortDescription"]) <= 150
    assert 150 <= len(german["longDescription"]) <= 10000
    assert german["features"]
    for text in german.values():
        assert "Bielefeld" not in str(text), "the software is for any city"


def test_publiccode_maintenance_and_localisation(publiccode):
    maintenance = publiccode["maintenance"]
    assert maintenance["type"] in MAINTENANCE_TYPES
    if maintenance["type"] in ("internal", "community"):
        assert all(contact.get("name") for contact in maintenance["contacts"])
    assert isinstance(publiccode["localisation"]["localisationReady"], bool)
    assert "de" in publiccode["localisation"]["availableLanguages"]


def test_publiccode_version_and_licence_agree_with_pyproject(publiccode, project):
    assert publiccode["softwareVersion"] == project["version"]
    assert publiccode["legal"]["license"] == project["license"] == "EUPL-1.2"


def test_changelog_has_the_version_and_date_of_publiccode(publiccode, project):
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, flags=re.MULTILINE)
    assert sections[0] == ("Unreleased", "")
    version, date = sections[1]
    assert version == project["version"] == publiccode["softwareVersion"]
    assert date == publiccode["releaseDate"]


def test_licence_file_is_the_whole_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    headings = re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)
    assert headings == [str(n) for n in range(1, 16)]
    assert "Appendix" in text and "Compatible Licences" in text


def test_data_licence_is_stated_as_the_open_data_carry_it(built_site):
    licence = json.loads((built_site / "daten" / "vereine.json").read_text(encoding="utf-8"))["lizenz"]
    for document in ("LICENSE-DATA.md", "README.md"):
        text = (ROOT / document).read_text(encoding="utf-8")
        assert licence["name"] in text, document
        assert licence["url"] in text, document
