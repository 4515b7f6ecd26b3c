"""Material's search index and the words that make German queries find profiles."""

from __future__ import annotations

import json

import pytest

from mso import search_text
from mso.views.profile import SEARCH_FIELD


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_index_holds_every_published_profile_and_nothing_withheld(index, directory):
    pages = {doc["location"] for doc in index["docs"] if "#" not in doc["location"]}
    profiles = {loc.split("/")[1] for loc in pages if loc.startswith("vereine/") and loc != "vereine/"}
    assert profiles == {e.slug for e in directory.entries}
    withheld = [r for r in directory.records if directory.entry(r.slug) is None]
    assert withheld
    text = json.dumps(index, ensure_ascii=False)
    for record in withheld:
        assert record.slug not in text
        assert record.name not in text


def test_profiles_rank_above_hand_written_pages(index):
    boosts = {doc["location"]: doc.get("boost", 1) for doc in index["docs"] if "#" not in doc["location"]}
    profile_boosts = {b for loc, b in boosts.items() if loc.startswith("vereine/") and loc != "vereine/"}
    assert profile_boosts and min(profile_boosts) > max(b for loc, b in boosts.items() if not loc.startswith("vereine/"))


def test_directory_and_listing_pages_stay_out_of_the_index(index):
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "vereine/" not in locations
    assert not any(loc.count("/") == 2 and loc.startswith(("stadtbezirke/", "themen/", "sprachen/")) for loc in locations)


def test_search_words_are_indexed_in_their_own_field_not_shown(index, directory):
    assert SEARCH_FIELD in index["config"]["fields"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    for entry in directory.entries:
        doc = docs[f"vereine/{entry.slug}/"]
        words = search_text.keywords(entry, directory)
        assert doc[SEARCH_FIELD] == words
        assert words not in doc["text"]


def test_separator_splits_punctuation_and_arabic_commas(index):
    import re

    separator = re.compile(index["config"]["separator"])
    assert separator.split("(Bayt Suri),Beratung/Begleitung") == ["", "Bayt", "Suri", "Beratung", "Begleitung"]
    assert separator.split("العربية، فارسی") == ["العربية", "فارسی"]


@pytest.mark.parametrize("word, query", [
    ("Frauenverein", "frauenvereine"), ("Beratung", "beratungen"), ("Sozialberatung", "beratung"),
    ("Hausaufgabenhilfe", "hilfen"), ("Sprachkurs", "kurse"), ("arabisch", "arabischen"),
])
def test_keywords_contain_inflected_forms_and_compound_parts(directory, word, query):
    entry = directory.entries[0]
    fake = type(entry)(**{**entry.__dict__, "name": word, "kurzname": "", "angebote": (), "themen": (),
                          "zielgruppen": (), "herkunft": (), "sprachen": ()})
    assert query in search_text.keywords(fake, directory).split()


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
