"""One page path: generated pages reach the theme as the HTML the templates made.

Profile text never passes through a YAML or Markdown parser on its way into a page: titles and meta are
set from the Directory in a hook event, and the generated HTML is not re-parsed by Python-Markdown.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from conftest import build, make_project, minimal_profile

# Text that YAML front matter, Python-Markdown, attr_list or the placeholders would act on.
HOSTILE_NAMES = {
    "attr-list": "[X](https://x.example){: onfocus=alert(document.domain) autofocus tabindex=1 } --- Verein",
    "front-matter": "---\ntitle: gekapert\n--- Verein",
    "yaml-zeichen": "Verein: \"Brücke\" # 'Köln' & <Freunde> {a: b} [c] |d| >e",
    "markdown": "**Fett** _kursiv_ `code` <!-- x --> ![bild](https://x.example/a.png) Verein",
    "platzhalter": "Verein {{ verzeichnis.stadt }} und {{ verzeichnis.start_wege }}",
    "html": "<script>alert(1)</script><img src=x onerror=alert(2)> Verein",
}


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.attributes: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    # The description is Markdown by design; here it stays plain so that only the name is under test.
    # Validation refuses line breaks in a name (tests/test_characters.py), so they become spaces here.
    profiles = {slug: minimal_profile(name.replace("\n", " "), beschreibung="Ein erfundener Verein für Tests.")
                for slug, name in HOSTILE_NAMES.items()}
    profiles = {f"feindlich-{slug}": data for slug, data in profiles.items()}
    project = make_project(tmp_path_factory.mktemp("feindlich"), profiles)
    result = build(project)
    if result.returncode != 0:
        # Some names may be refused by validation (then with a German message); the rest must build.
        pytest.fail(result.stderr)
    return project / "site", profiles


def test_profile_text_becomes_neither_markup_nor_attributes(hostile_site):
    site, profiles = hostile_site
    for slug, data in profiles.items():
        page = (site / "vereine" / slug / "index.html").read_text(encoding="utf-8")
        parser = _Collect()
        parser.feed(page)
        assert not [a for a in parser.attributes if a[1].startswith("on")], slug
        assert not [a for a in parser.attributes if a[1] == "autofocus"], slug
        assert not [a for a in parser.attributes
                    if a[1] in ("href", "src") and (a[2] or "").startswith("https://x.example")], slug
        assert "<script>alert" not in page and "<img src=x" not in page, slug
        assert parser.title == f"{data['name']} - MSO-Verzeichnis Bielefeld", slug
        h1 = re.search(r"<h1[^>]*><bdi>(.*?)</bdi></h1>", page, re.S).group(1)  # isolated in its own direction
        assert html.unescape(h1) == data["name"], slug


def test_generated_pages_carry_the_template_html_unchanged(hostile_site, tmp_path):
    """No Markdown pass: what the renderer made stands in the built page byte for byte."""
    from mso import config
    from mso.pipeline import load_directory
    from mso.views import Site, profile

    site_dir, _ = hostile_site
    project = site_dir.parent
    site = Site(load_directory(config.from_mkdocs_file(project / "mkdocs.yml")))
    for spec in profile.outputs(site):
        built = (site_dir / spec.path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert site.renderer.page(spec) in built, spec.path


def test_hand_written_pages_get_values_and_fragments(built_site, directory):
    start = (built_site / "index.html").read_text(encoding="utf-8")
    assert "data-mso-fragment" not in start
    assert 'class="mso-wege"' in start
    assert f"Migrantenorganisationen in {directory.settings.stadt}</h1>" in start.replace("&shy;", "")  # soft hyphen


def test_an_unknown_placeholder_stops_the_build(tmp_path):
    project = make_project(tmp_path / "p", {"gut": minimal_profile("Gut")})
    page = project / "docs" / "ueber.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ verzeichnis.gibtsnicht }}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "verzeichnis.gibtsnicht" in result.stderr and "Bekannt sind" in result.stderr
    assert "Traceback" not in result.stderr
