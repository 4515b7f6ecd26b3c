"""How the published count changed: derived from the git history of the profile folder.

One `git log --first-parent --raw` walks every commit that touched the folder and says which
profile files it added, changed or deleted (as blob ids). Replaying those changes gives the
folder's content at each commit without listing any tree. Each blob is read once with
`git cat-file --batch` and reduced to the three fields counting needs; those facts are cached
by blob id in `.cache/`, so a long history costs only its new files. The counts at each date use
the model's own rules (`Record.consent`, `Record.aufgeloest`, `freshness`) with that date as Stichtag,
kept as running tallies so that 3,000 commits over five years take well under a second once cached.

History never breaks the build: without git, outside a repository or on a shallow clone the
result says what is missing instead.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime
import itertools
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .config import Settings
from .i18n import N_, Language
from .load import load_bytes
from .model import Directory, Freshness, Record, freshness

CACHE_FILE = Path(".cache") / "mso" / "verlauf.json"
CACHE_VERSION = 1
_GIT_TIMEOUT = 120


@dataclass(frozen=True)
class Point:
    """The counts on one day: the folder as of the last commit up to that day, judged on that day."""

    date: datetime.date
    veroeffentlicht: int
    erfasst: int


@dataclass(frozen=True)
class History:
    """The published and known counts over time, with what limits the history (`note`)."""

    points: tuple[Point, ...] = ()
    available: bool = False
    shallow: bool = False
    note: str = ""  # what is missing, in plain words (the build's language); empty when the history is complete
    skipped: int = 0  # file versions that could not be read and are not counted

    def monthly(self) -> list[Point]:
        """One point per month (its last), for a short table of a long history."""
        last: dict[tuple[int, int], Point] = {}
        for point in self.points:
            last[(point.date.year, point.date.month)] = point
        return list(last.values())


NO_GIT = N_("Keine Versionsgeschichte verfügbar: %(grund)s Der Verlauf zeigt deshalb nur den heutigen Stand.")


def compute(directory: Directory, *, use_cache: bool = True, language: Language | None = None) -> History:
    """The history of the published count up to the Stichtag, ending with the Directory's own counts; its note
    in `language` (default German)."""
    language = language or Language("de", True)
    _, date = language.gettext, language.date
    settings = directory.settings
    today = Point(settings.stichtag, directory.counts.veroeffentlicht, directory.counts.erfasst)
    git = shutil.which("git")

    def no_git(why: str) -> History:
        return History((today,), note=_(NO_GIT) % {"grund": why})

    if git is None:
        return no_git(_("Das Programm git ist nicht installiert."))
    repo = _git(git, settings.root, "rev-parse", "--show-toplevel")
    if repo is None:
        return no_git(_("Das Projekt liegt nicht in einem git-Repository."))
    top = Path(repo.strip())
    try:
        folder = PurePosixPath(settings.daten.resolve().relative_to(top.resolve()).as_posix())
    except ValueError:
        return no_git(_("Der Datenordner liegt außerhalb des git-Repositorys."))
    shallow = (_git(git, top, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    log = _git(git, top, "-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent",
               "--root", "--raw", "--no-renames", "--no-abbrev", "-z", "--reverse", "--format=%x01%H %cs",
               "--", str(folder) + "/")
    no_commits = History((today,), available=True, shallow=shallow,
                         note=_("Die Vereinsdaten sind noch in keiner gespeicherten Version (Commit) enthalten. "
                                "Der Verlauf zeigt deshalb nur den heutigen Stand."))
    if log is None:
        if _git(git, top, "rev-parse", "--verify", "--quiet", "HEAD") is None:
            return no_commits  # a repository without any commit yet
        return no_git(_("Die Versionsgeschichte konnte nicht gelesen werden."))
    all_commits = _parse_log(log, folder)
    # up to the first commit after the Stichtag, so that a build for an earlier day shows that day's history
    commits = list(itertools.takewhile(lambda commit: commit[0] <= settings.stichtag, all_commits))
    if not commits:
        return no_commits if not all_commits else History(
            (today,), available=True, shallow=shallow,
            note=_("Alle gespeicherten Versionen der Vereinsdaten sind jünger als der Stichtag %(stichtag)s. Der "
                   "Verlauf zeigt deshalb nur den Stand am Stichtag.") % {"stichtag": date(settings.stichtag)})
    facts = _facts(git, top, {blob for _, changes in commits for blob in changes.values() if blob},
                   settings.root / CACHE_FILE if use_cache else None)
    points, skipped = _replay(commits, facts, settings)
    points = [p for p in points if p.date < settings.stichtag] + [today]
    note = ""
    if shallow:
        note = _("Diese Kopie des Projekts enthält nur einen Teil der Versionsgeschichte (ein „shallow clone“). "
                 "Der Verlauf beginnt deshalb erst am %(beginn)s; ältere Stände fehlen hier. Der Befehl „git fetch "
                 "--unshallow“ holt die ganze Geschichte.") % {"beginn": date(points[0].date)}
    return History(tuple(points), available=True, shallow=shallow, note=note, skipped=skipped)


def _git(git: str, cwd: Path, *args: str) -> str | None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    try:
        result = subprocess.run([git, *args], cwd=cwd, env=env, capture_output=True, timeout=_GIT_TIMEOUT,
                                check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


def _parse_log(log: str, folder: PurePosixPath) -> list[tuple[datetime.date, dict[str, str | None]]]:
    """(commit date, {file name: new blob id, or None when deleted}) for each commit, oldest first.
    Only `*.yml` files directly in the folder count, as when the site is built."""
    commits = []
    for chunk in log.split("\x01")[1:]:
        header, *fields = chunk.split("\x00")
        date = datetime.date.fromisoformat(header.split()[1])
        fields = [f.strip("\n") for f in fields if f.strip("\n")]
        changes: dict[str, str | None] = {}
        for meta, path in zip(fields[::2], fields[1::2]):
            parts = meta.lstrip(":").split()
            if len(parts) < 5:
                continue
            mode, blob, status = parts[1], parts[3], parts[4]
            file = PurePosixPath(path)
            if file.parent != folder or file.suffix != ".yml" or file.name.startswith("."):
                continue
            changes[file.name] = None if status.startswith("D") or mode == "000000" else blob
        commits.append((date, changes))
    return commits


def _facts(git: str, top: Path, blobs: set[str], cache_path: Path | None) -> dict[str, dict[str, Any] | None]:
    """For each blob: the fields counting needs, or None if the file could not be read then."""
    cache = _read_cache(cache_path)
    missing = sorted(blobs - cache.keys())
    if missing:
        for blob, raw in _cat_file(git, top, missing).items():
            cache[blob] = _reduce(raw)
        _write_cache(cache_path, cache)
    return {blob: cache.get(blob) for blob in blobs}


def _cat_file(git: str, top: Path, blobs: list[str]) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        result = subprocess.run([git, "cat-file", "--batch"], cwd=top, env=env, input="\n".join(blobs).encode() + b"\n",
                                capture_output=True, timeout=_GIT_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return {}
    out, found, pos = result.stdout, {}, 0
    while pos < len(out):
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":  # "<id> missing"
            continue
        size = int(header[2])
        found[header[0].decode()] = out[pos:pos + size]
        pos += size + 1
    return found


def _reduce(raw: bytes) -> dict[str, Any] | None:
    doc, problems = load_bytes(raw, Path("verlauf.yml"), "verlauf.yml")
    if doc is None or problems:
        return None
    data = doc.data
    try:
        datetime.date.fromisoformat(str(data.get("stand")))
    except ValueError:
        return None
    if not isinstance(data.get("veroeffentlichen"), bool) or not isinstance(data.get("status", "aktiv"), str):
        return None
    return {"veroeffentlichen": data["veroeffentlichen"], "status": data.get("status", "aktiv"),
            "stand": str(data["stand"])}


class _Tally:
    """The folder at one moment, kept as counts so that each day costs O(log n), not O(files):
    erfasst as a number, the published candidates as a sorted list of their `stand` days."""

    def __init__(self, facts: dict[str, dict[str, Any] | None]):
        self.facts = facts
        self.files: dict[str, str] = {}
        self.known = 0
        self.stands: list[int] = []  # ordinals of `stand` of files with consent, not dissolved
        self.unreadable: set[str] = set()

    def set(self, name: str, blob: str | None) -> None:
        old = self.files.pop(name, None)
        if old is not None:
            self._count(old, -1)
        if blob is not None:
            self.files[name] = blob
            self._count(blob, +1)

    def _count(self, blob: str, sign: int) -> None:
        data = self.facts.get(blob)
        if data is None:
            self.unreadable.add(blob)
            return
        stand = datetime.date.fromisoformat(data["stand"])
        record = Record("", "", data, stand, Freshness.AKTUELL)  # freshness is judged per day below
        if record.aufgeloest:
            return
        self.known += sign
        if record.consent:
            if sign > 0:
                bisect.insort(self.stands, stand.toordinal())
            else:
                del self.stands[bisect.bisect_left(self.stands, stand.toordinal())]

    def point(self, day: datetime.date, settings: Settings) -> Point:
        """Published on `day`: consent, not dissolved and not hidden by the model's freshness rule."""
        oldest = _oldest_shown(dataclasses.replace(settings, stichtag=day))
        return Point(day, len(self.stands) - bisect.bisect_left(self.stands, oldest.toordinal()), self.known)


def _oldest_shown(settings: Settings) -> datetime.date:
    """The oldest `stand` that `model.freshness` does not hide at this Stichtag. Asking the model (instead of
    repeating its rule) keeps the history true to it; stands are whole days, so the search is exact."""
    low = settings.stichtag - datetime.timedelta(days=31 * settings.monate_bis_ausblenden + 31)
    high = settings.stichtag
    while low < high:  # first day that is not AUSGEBLENDET
        middle = low + (high - low) // 2
        if freshness(middle, settings) is Freshness.AUSGEBLENDET:
            low = middle + datetime.timedelta(days=1)
        else:
            high = middle
    return low


def _replay(commits: list[tuple[datetime.date, dict[str, str | None]]], facts: dict[str, dict[str, Any] | None],
            settings: Settings) -> tuple[list[Point], int]:
    """Apply the commits in order; count at the end of each commit day and at the end of each month."""
    tally = _Tally(facts)
    by_day: dict[datetime.date, list[dict[str, str | None]]] = {}
    latest = commits[0][0]
    for date, changes in commits:
        latest = max(date, latest)  # a commit dated before its parent (e.g. rebased) counts from then
        by_day.setdefault(latest, []).append(changes)
    month_ends = _month_ends(commits[0][0], settings.stichtag)
    points: list[Point] = []
    for day, day_commits in by_day.items():
        while month_ends and month_ends[0] < day:
            points.append(tally.point(month_ends.pop(0), settings))
        for changes in day_commits:
            for name, blob in changes.items():
                tally.set(name, blob)
        points.append(tally.point(day, settings))
        if month_ends and month_ends[0] == day:
            month_ends.pop(0)
    points += [tally.point(day, settings) for day in month_ends]
    return points, len(tally.unreadable)


def _month_ends(start: datetime.date, stop: datetime.date) -> list[datetime.date]:
    ends, year, month = [], start.year, start.month
    while True:
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        if end >= stop:
            return ends
        ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _read_cache(path: Path | None) -> dict[str, dict[str, Any] | None]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("blobs", {}) if isinstance(data, dict) and data.get("version") == CACHE_VERSION else {}


def _write_cache(path: Path | None, cache: dict[str, dict[str, Any] | None]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".tmp",
                                         delete=False) as temporary:
            json.dump({"version": CACHE_VERSION, "blobs": cache}, temporary, sort_keys=True)
        os.replace(temporary.name, path)  # atomic: a build running at the same time reads old or new
    except OSError:
        pass  # a cache that cannot be written only costs time


