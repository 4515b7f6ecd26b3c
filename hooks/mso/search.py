"""The site search: Pagefind's index over the built site, and the compound parts it cannot find alone.

Pagefind stems German words (Snowball: "Beratungen" finds "Beratung", "Tänze" finds "Tanz", "Groesse"
finds "Größe") and matches word beginnings ("Hausaufgaben" finds "Hausaufgabenhilfe"). It cannot find
the end of a compound ("Verein" in "Frauenverein", "Tanz" in "Volkstanzgruppe"). A profile page therefore
carries the parts of its compound words in a hidden block (`compound_parts`), split by CharSplit
(PyPI `compound-split`), a statistical splitter for German. Its model takes seconds to load, so its best
split of every word it has seen is kept in `.cache/mso/woerter.json`.

`build_index` runs the Pagefind binary of PyPI's `pagefind[extended]` on the built site; it needs no network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import text
from .model import Entry

OUTPUT = "pagefind"  # /pagefind/ in the built site (DESIGN.md)
ENTRY = "pagefind-entry.json"  # the index's table of languages
# Pagefind's ready-made interfaces; the site uses its own (docs/assets/suche.js), so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
CACHE_FILE = Path(".cache") / "mso" / "woerter.json"
CACHE_VERSION = "compound-split 1.0.2, 2"
MIN_PART = 4  # letters in each part: "Tanz", "Kurs"
# CharSplit scores its best split; a split counts from MIN_SCORE on, or from MIN_SCORE_KNOWN on when the last
# part also occurs as a word of its own in the profiles ("Hausaufgaben|hilfe", "Erzähl|gesang").
MIN_SCORE, MIN_SCORE_KNOWN = 0.5, -0.6
SKIP_HEADS = frozenset({"innen"})  # "Musikerinnen": Pagefind finds "Musiker" at the word's start already
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class SearchIndexError(Exception):
    """A German message: Pagefind failed."""


def _texts(entry: Entry) -> list[str]:
    return [entry.name, entry.kurzname, text.plain(entry.beschreibung["de"]), *entry.angebote]


def profile_words(entry: Entry) -> list[str]:
    """The capitalised words (German nouns) of a profile's German text that may be compounds."""
    words: dict[str, None] = {}
    for source in _texts(entry):
        for word in _WORD.findall(source or ""):
            if len(word) >= 2 * MIN_PART and word[0].isupper() and not word.isupper():
                words[word] = None
    return list(words)


def vocabulary(entries: Iterable[Entry]) -> frozenset[str]:
    """Every word of the profiles' German texts, lowercased: the parts that count as words of their own."""
    return frozenset(word.casefold() for entry in entries for source in _texts(entry)
                     for word in _WORD.findall(source or ""))


class Splitter:
    """Compound parts of German words. CharSplit's best split of every word it has seen is kept in a cache file."""

    def __init__(self, cache_path: Path | None, known_words: frozenset[str] = frozenset()):
        self.cache_path = cache_path
        self.known_words = known_words
        self.splits: dict[str, list] = _read_cache(cache_path)
        self.changed = False

    def best_split(self, word: str) -> tuple[float, str, str]:
        if word not in self.splits:
            self.splits[word] = list(_split(word))
            self.changed = True
        score, body, head = self.splits[word]
        return score, body, head

    def parts(self, word: str) -> list[str]:
        """The parts of `word` and of its parts ("Volkstanzgruppe" → volkstanz, gruppe, volks, tanz)."""
        found: list[str] = []
        pending = [word.casefold()]
        while pending:
            current = pending.pop()
            if len(current) < 2 * MIN_PART:
                continue
            score, body, head = self.best_split(current)
            if min(len(body), len(head)) < MIN_PART or head in SKIP_HEADS:
                continue
            if score >= MIN_SCORE or (score >= MIN_SCORE_KNOWN and head in self.known_words):
                found += [body, head]
                pending += [head, body]
        return found

    def save(self) -> None:
        if self.changed and self.cache_path is not None:
            _write_cache(self.cache_path, self.splits)
            self.changed = False


def compound_parts(entry: Entry, splitter: Splitter) -> str:
    """The parts of the profile's compound words, for the hidden block Pagefind indexes."""
    seen: dict[str, None] = {}
    for word in profile_words(entry):
        seen.update(dict.fromkeys(splitter.parts(word)))
    return " ".join(seen)


def _split(word: str) -> tuple[float, str, str]:
    from compound_split import char_split  # loads the model (seconds): only for words not in the cache

    score, body, head = char_split.split_compound(word)[0]
    return round(score, 4), body.casefold(), head.casefold()


def _read_cache(path: Path | None) -> dict[str, list]:
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("words", {}) if data.get("version") == CACHE_VERSION else {}


def _write_cache(path: Path, words: dict[str, list]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as temporary:
            json.dump({"version": CACHE_VERSION, "words": words}, temporary, ensure_ascii=False, sort_keys=True)
        os.replace(temporary.name, path)
    except OSError:
        pass  # a cache that cannot be written only costs time


def pagefind_executable() -> Path:
    from pagefind_bin_extended import get_executable

    return get_executable()


def pages_glob(site_dir: Path, skip: Iterable[str] = (), languages: Iterable[str] = ()) -> str:
    """The HTML files Pagefind reads: all but the folders in `skip`, whose pages stay out of the search anyway
    (lists of profiles, the brochure), in the main language's site and in each other language's folder.
    Reading them took Pagefind 40 % of its time."""
    languages = set(languages)
    skip = set(skip) | {OUTPUT, "assets"}

    def parts(folder: Path, prefix: str, nested: set[str]) -> list[str]:
        return [f"{prefix}{p.name}" if p.is_file() else f"{prefix}{p.name}/**/*.html"
                for p in sorted(folder.iterdir())
                if p.name not in skip | nested and (p.is_dir() or p.suffix == ".html")]

    found = parts(site_dir, "", languages)
    for code in sorted(languages):
        if (site_dir / code).is_dir():
            found += parts(site_dir / code, f"{code}/", set())
    return "{" + ",".join(found) + "}"


class Indexing:
    """Pagefind at work on a built site: `finish()` waits for it, `stop()` ends it (a preview's next build)."""

    def __init__(self, site_dir: Path, skip: Iterable[str] = (), languages: Iterable[str] = ()):
        self.site_dir = site_dir
        command = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", OUTPUT, "--quiet",
                   "--glob", pages_glob(site_dir, skip, languages)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self) -> None:
        output, _ = self.process.communicate()
        if self.process.returncode != 0:
            raise SearchIndexError("Der Suchindex (Pagefind) konnte nicht gebaut werden:\n" + output.strip()[-2000:])
        for name in UNUSED:
            (self.site_dir / OUTPUT / name).unlink(missing_ok=True)
        _sort_languages(self.site_dir / OUTPUT / ENTRY)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


def _sort_languages(path: Path) -> None:
    """Pagefind lists the languages of its index in a different order each run: sorted, equal inputs give
    equal files (the build is reproducible)."""
    if not path.is_file():
        return
    entry = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items()))
        path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def start_index(site_dir: Path, skip: Iterable[str] = (), languages: Iterable[str] = ()) -> Indexing:
    """Start writing Pagefind's index of the built site into site_dir/pagefind/ (it reads only the HTML); the
    pages of each language in `languages` (folders of site_dir) go into that language's index."""
    return Indexing(site_dir, skip, languages)


def build_index(site_dir: Path, skip: Iterable[str] = ()) -> None:
    """Write Pagefind's index of the built site, and wait for it."""
    start_index(site_dir, skip).finish()
