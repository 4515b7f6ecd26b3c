"""The site search index (Pagefind) and the compound parts that help it; the /vereine/ filter's word rules.

How the search answers German queries in the browser is tested in tests/browser/test_search.py.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from mso import search, search_text, text


def pagefind_pages(site: Path) -> dict[str, dict]:
    """Every page in the built site's Pagefind index, by URL: its text, meta data and filters."""
    pages = {}
    for fragment in sorted((site / search.OUTPUT / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        page = json.loads(data[len(b"pagefind_dcd"):])
        pages[page["url"]] = page
    return pages


@pytest.fixture(scope="module")
def indexed(built_site) -> dict[str, dict]:
    return pagefind_pages(built_site)


def profile_url(entry) -> str:
    return f"/vereine/{entry.slug}/"


def test_index_holds_every_published_profile_and_nothing_withheld(indexed, directory, built_site):
    profiles = {url for url in indexed if url.startswith("/vereine/") and url != "/vereine/"}
    assert profiles == {profile_url(e) for e in directory.entries}
    withheld = [r for r in directory.records if directory.entry(r.slug) is None]
    assert withheld
    text = json.dumps(indexed, ensure_ascii=False)
    for record in withheld:
        assert record.slug not in text and record.name not in text


def test_lists_of_profiles_stay_out_of_the_index(indexed):
    """The directory, the listing pages and the brochure would repeat every profile's text in the results."""
    for url in indexed:
        assert url != "/vereine/" and not url.startswith("/steckbriefe/"), url
        assert not (url.count("/") == 3 and url.startswith(("/stadtbezirke/", "/themen/", "/sprachen/",
                                                             "/herkunft/", "/zielgruppen/"))), url


def test_hand_written_pages_are_found_unless_excluded(indexed):
    assert "/ueber/" in indexed and "/mitmachen/" in indexed
    assert "/betrieb/" not in indexed  # front matter `search: {exclude: true}`


def test_a_profile_is_indexed_with_its_text_not_the_page_furniture(indexed, directory):
    entry = next(e for e in directory.entries if e.angebote and e.kurzname)
    page = indexed[profile_url(entry)]
    content = page["content"]
    assert content.startswith(entry.name)  # Pagefind reads the no-break space in "e. V." as a space
    assert entry.angebote[0] in content and entry.kurzname in content
    for furniture in ("Angaben ändern", "Noch aktuell", "Über den Verein", "Zum Kontakt", "Stand:",
                      "Kurzname:", entry.kontakt.get("email", "Angaben ändern")):
        assert furniture not in content, furniture
    assert page["meta"]["title"] == entry.name.replace("e. V.", "e.\u00a0V.")
    assert page["meta"]["stadtbezirk"] == entry.stadtbezirk
    assert page["meta"]["beschreibung"] == text.shorten(text.plain(entry.beschreibung["de"]), 155)
    assert page["filters"] == {}  # Pagefind writes filter files in a varying order: no filters, same bytes


def test_the_name_weighs_more_than_the_text(built_site, directory):
    entry = directory.entries[0]
    html = (built_site / "vereine" / entry.slug / "index.html").read_text(encoding="utf-8")
    shown = entry.name.replace("e. V.", "e.\u00a0V.")
    assert f'<h1 data-pagefind-weight="10"><bdi>{shown}</bdi></h1>' in html.replace("&amp;", "&")


def test_only_the_files_the_site_uses_are_published(built_site):
    folder = built_site / search.OUTPUT
    assert (folder / "pagefind.js").is_file() and list(folder.glob("wasm.de.pagefind"))
    for name in search.UNUSED:
        assert not (folder / name).exists(), name


# --- compound parts ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def splitter() -> search.Splitter:
    return search.Splitter(None, frozenset({"hilfe", "gruppe", "verein"}))


@pytest.mark.parametrize("word, parts", [
    ("Frauenverein", {"frauen", "verein"}), ("Hausaufgabenhilfe", {"hausaufgaben", "hilfe"}),
    ("Volkstanzgruppe", {"gruppe", "tanz"}), ("Sozialberatung", {"beratung"}), ("Kulturverein", {"verein"}),
])
def test_compounds_are_split_into_their_parts(splitter, word, parts):
    assert parts <= set(splitter.parts(word))


@pytest.mark.parametrize("word", ["Beratung", "Bielefeld", "Musikerinnen", "Sprachen"])
def test_simple_words_stay_whole(splitter, word):
    assert splitter.parts(word) == []


def test_only_capitalised_long_words_of_the_german_text_are_split(directory):
    entry = directory.entries[0]
    fake = type(entry)(**{**entry.__dict__, "name": "Türkischer Frauenverein", "kurzname": "",
                          "beschreibung": {"de": "Wir treffen uns dienstags zur Hausaufgabenhilfe.",
                                           "tr": "Kadınlar derneği"},
                          "angebote": ("Volkstanzgruppe",)})
    assert search.profile_words(fake) == ["Türkischer", "Frauenverein", "Hausaufgabenhilfe", "Volkstanzgruppe"]


def test_a_part_counts_more_easily_when_it_is_a_word_of_its_own(splitter):
    assert search.Splitter(None).parts("Hausaufgabenhilfe") == []  # CharSplit alone is unsure here
    assert "hilfe" in splitter.parts("Hausaufgabenhilfe")


def test_splits_are_kept_in_a_cache_file(tmp_path, monkeypatch):
    cache = tmp_path / "woerter.json"
    first = search.Splitter(cache)
    assert first.parts("Frauenverein")
    first.save()
    monkeypatch.setattr(search, "_split", lambda word: pytest.fail("a cached word was split again"))
    second = search.Splitter(cache)
    assert second.parts("Frauenverein") == first.parts("Frauenverein")
    cache.write_text('{"version": "older", "words": {"frauenverein": [1, "frauenv", "erein"]}}', encoding="utf-8")
    monkeypatch.undo()
    assert search.Splitter(cache).parts("frauenverein") == ["frauen", "verein"], "another version's cache is ignored"


def test_profile_pages_carry_the_parts_hidden(built_site, directory):
    entry = next(e for e in directory.entries if "Frauenverein" in e.name)
    html = (built_site / "vereine" / entry.slug / "index.html").read_text(encoding="utf-8")
    hidden = html[html.index('<p class="mso-suchwoerter" hidden'):]
    assert "verein" in hidden[:hidden.index("</p>")].split(">", 1)[1].split()


# --- the filter on /vereine/ -------------------------------------------------------------------------------

@pytest.mark.parametrize("query, text", [
    ("Beratungen", "Beratung und Begleitung"), ("Frauenvereine", "Türkischer Frauenverein"),
    ("verein", "Frauenverein"), ("hausaufgaben", "Hausaufgabenhilfe"), ("Jöllenbeck", "Joellenbeck"),
    ("joellenbeck", "Jöllenbeck"), ("fuer", "für"), ("العربية", "Arabisch العربية"), ("Kinder", "Kind"),
])
def test_directory_filter_words_match_inside_words_and_across_endings(query, text):
    haystack = search_text.normalize(text)
    words = [search_text.stem(w) for w in search_text.normalize(query).split()]
    assert all(w in haystack for w in words), (words, haystack)


def test_stem_keeps_short_words():
    assert search_text.stem("haus") == "haus" and search_text.stem("kurse") == "kurs"
    assert search_text.stem("beratungen") == "beratung"
