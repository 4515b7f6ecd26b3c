"""The Erklärung zur Barrierefreiheit says what the tests check, and the Leichte Sprache page is there, linked and
written to its rules.

The Erklärung names its methods as list items with data-pruefmethode; the tests that carry them are marked
@pytest.mark.pruefmethode. Neither side can change alone: a method nobody tests, or a test the Erklärung does
not name, fails here. The date of the last check is the build's Stichtag, never typed by hand."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser

from conftest import ROOT

def methods_the_tests_check() -> dict[str, list[str]]:
    """Method → the tests that carry @pytest.mark.pruefmethode(method), on a test function or a module's
    pytestmark. Read from the source with ast, so that a mention in a comment or string does not count."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                marks, where = node.decorator_list, f"{path.name}::{node.name}"
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets):
                marks, where = [node.value], path.name
            else:
                continue
            for mark in marks:
                if (isinstance(mark, ast.Call) and ast.unparse(mark.func) == "pytest.mark.pruefmethode"
                        and mark.args and isinstance(mark.args[0], ast.Constant)):
                    found.setdefault(mark.args[0].value, []).append(where)
    return found


class _Collector(HTMLParser):
    """Text of the elements that carry `attribute`, keyed by its value; all text of `scope`."""

    def __init__(self, attribute: str):
        super().__init__()
        self.attribute, self.open, self.items = attribute, [], {}

    def handle_starttag(self, tag, attrs):
        value = dict(attrs).get(self.attribute)
        self.open.append((tag, value))
        if value:
            self.items[value] = ""

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for _, value in self.open:
            if value:
                self.items[value] += data


def statement(built_site) -> str:
    return (built_site / "barrierefreiheit" / "index.html").read_text(encoding="utf-8")


def named_methods(html: str) -> dict[str, str]:
    collector = _Collector("data-pruefmethode")
    collector.feed(html)
    return {key: " ".join(text.split()) for key, text in collector.items.items()}


def test_the_statement_names_exactly_the_methods_the_tests_check(built_site):
    named = named_methods(statement(built_site))
    tested = methods_the_tests_check()
    assert set(named) == set(tested), (
        f"nur in der Erklärung: {sorted(set(named) - set(tested))}; nur in den Tests: "
        f"{sorted(set(tested) - set(named))} – docs/barrierefreiheit.md und die Tests passen nicht zusammen")
    for method, text in named.items():
        assert len(text) > 40, f"{method}: say what is checked"


def test_each_method_has_tests_of_its_own():
    tested = methods_the_tests_check()
    assert {"nu-html-checker", "axe-core", "zoom-320", "tastatur", "struktur", "pdf-ua"} <= set(tested)
    assert "test_keyboard.py" in tested["tastatur"] and "test_pdf_ua.py" in tested["pdf-ua"]


def test_the_date_of_the_last_check_is_the_build_stichtag(built_site, directory):
    text = " ".join(re.sub(r"<[^>]+>", " ", statement(built_site)).split())
    assert f"Die letzte Prüfung dieser Fassung war am {directory.settings.stichtag_text} ." in text \
        or f"Die letzte Prüfung dieser Fassung war am {directory.settings.stichtag_text}." in text
    source = (ROOT / "docs" / "barrierefreiheit.md").read_text(encoding="utf-8")
    assert not re.search(r"\b\d{1,2}\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
                         r"November|Dezember) \d{4}|\b\d{4}-\d{2}-\d{2}\b", source), "no date typed by hand"


def leichte_sprache(built_site) -> str:
    return (built_site / "leichte-sprache" / "index.html").read_text(encoding="utf-8")


def test_dgs_video_and_statement_agree(built_site):
    """While there is no video in Deutsche Gebärdensprache, both pages say so; once there is, it is ours."""
    page = re.sub(r"<!--.*?-->", "", leichte_sprache(built_site), flags=re.S)  # the how-to is a comment
    erklaerung = statement(built_site)
    video = re.search(r'<video[^>]*data-mso-dgs[^>]*>(.*?)</video>', page, flags=re.S)
    says_missing = "Video in Deutscher Gebärdensprache</strong> gibt es noch nicht" in erklaerung
    if video is None:
        assert "Das Video gibt es noch nicht." in page
        assert says_missing
    else:
        assert not says_missing, "docs/barrierefreiheit.md: the video exists now"
        for src in re.findall(r'src="([^"]+)"', video.group(1)):
            assert not re.match(r"[a-z]+:", src), "self-hosted, not from a video service"
            assert (built_site / "leichte-sprache" / src).resolve().is_file(), src
        assert 'kind="captions"' in video.group(1)


def test_leichte_sprache_is_linked_from_the_start_page_and_every_footer(built_site):
    start = (built_site / "index.html").read_text(encoding="utf-8")
    main = start[start.index("<main"):start.index("</main>")]
    assert 'href="leichte-sprache/"' in main
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<footer" in html:
            footer = html[html.index("<footer"):]
            # in another language's site the link leads to its (German) copy of the page, with a translated name
            label = "Leichte Sprache" if re.search(r'<html lang="de"', html) else r"[^<]*Leichte Sprache[^<]*"
            assert re.search(rf'href="(/([a-z]{{2,3}}/)?|(\.\./)*)leichte-sprache/"[^>]*>{label}</a>', footer) or (
                path.parent.name == "leichte-sprache" and re.search(rf'href="./"[^>]*>{label}</a>', footer)), path


def sentences(html: str) -> list[str]:
    body = html[html.index('class="mso-leichte-sprache"'):]
    body = body[:body.index("</article>")] if "</article>" in body else body
    text = re.sub(r"<!--.*?-->", " ", body, flags=re.S)
    blocks = re.findall(r"<(?:p|li|h[1-6])[^>]*>(.*?)</(?:p|li|h[1-6])>", text, flags=re.S)
    found = []
    for block in blocks:
        plain = " ".join(re.sub(r"<[^>]+>", "", block).split())
        found += [s for s in re.split(r"(?<=[.?!])\s+", plain) if s]
    return found


def test_leichte_sprache_keeps_the_rules_a_program_can_check(built_site, directory):
    html = leichte_sprache(built_site)
    assert 'class="mso-leichte-sprache"' in html, "large type"
    found = sentences(html)
    assert len(found) > 60
    too_long = [s for s in found if len(s.split()) > 15]
    assert too_long == [], "short sentences: at most 15 words"
    assert sum(len(s.split()) for s in found) / len(found) <= 9
    abbreviations = re.compile(r"\b(z\. ?B\.|bzw\.|usw\.|d\. ?h\.|ggf\.|e\. ?V\.|ca\.|etc\.|u\. ?a\.|Nr\.)")
    assert not [s for s in found if abbreviations.search(s)], "no abbreviations"
    assert not re.search(r"\d+,\d", " ".join(found)), "no decimal numbers"
    text = " ".join(found)
    assert f"Im Verzeichnis stehen jetzt {directory.counts.veroeffentlicht} Vereine." in text
    assert directory.settings.kontakt_email in text
    for heading in ("Was ist das MSO-Verzeichnis?", "Wie finden Sie einen Verein?",
                    "Wie kommt ein Verein in das Verzeichnis?", "Wen können Sie fragen?", "Barriere-Freiheit",
                    "Gebärden-Sprache"):
        assert heading in found, heading


def test_leichte_sprache_takes_its_numbers_from_the_data():
    source = (ROOT / "docs" / "leichte-sprache.md").read_text(encoding="utf-8")
    assert "{{ verzeichnis.veroeffentlicht }}" in source and "{{ verzeichnis.stichtag }}" in source
    assert "{{ verzeichnis.kontakt_email }}" in source and "{{ verzeichnis.kontakt_telefon }}" in source
