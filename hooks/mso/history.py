"""How the published count changed: derived from the git history of the profile folder.

One `git log --first-parent --raw` walks every commit that touched the folder and says which
profile files it added, changed or deleted (as blob ids). Replaying those changes gives the
folder's content at each commit without listing any tree. Each blob is read once with
`git cat-file --batch` and reduced to the three fields counting needs; those facts are cached
by blob id in `.cache/`, so a long history costs only its new files. The counts at each date use
the model's own rules (`Record.published`, `freshness`) with that date as Stichtag.

History never breaks the build: without git, outside a repository or on a shallow clone the
result says what is missing instead.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .config import Settings, german_date
from .load import load_bytes
from .model import Directory, Record, freshness

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
    points: tuple[Point, ...] = ()
    available: bool = False
    shallow: bool = False
    note: str = ""  # what is missing, in plain German; empty when the history is complete
    skipped: int = 0  # file versions that could not be read and are not counted

    @property
    def first(self) -> datetime.date | None:
        return self.points[0].date if self.points else None

    def monthly(self) -> list[Point]:
        """One point per month (its last), for a short table of a long history."""
        last: dict[tuple[int, int], Point] = {}
        for point in self.points:
            last[(point.date.year, point.date.month)] = point
        return list(last.values())


NO_GIT = "Keine Versionsgeschichte verfügbar: {why} Der Verlauf zeigt deshalb nur den heutigen Stand."


def compute(directory: Directory, *, use_cache: bool = True) -> History:
    """The history of the published count up to the Stichtag, ending with the Directory's own counts."""
    settings = directory.settings
    today = Point(settings.stichtag, directory.counts.veroeffentlicht, directory.counts.erfasst)
    git = shutil.which("git")
    if git is None:
        return History((today,), note=NO_GIT.format(why="Das Programm git ist nicht installiert."))
    repo = _git(git, settings.root, "rev-parse", "--show-toplevel")
    if repo is None:
        return History((today,), note=NO_GIT.format(why="Das Projekt liegt nicht in einem git-Repository."))
    top = Path(repo.strip())
    try:
        folder = PurePosixPath(settings.daten.resolve().relative_to(top.resolve()).as_posix())
    except ValueError:
        return History((today,), note=NO_GIT.format(why="Der Datenordner liegt außerhalb des git-Repositorys."))
    shallow = (_git(git, top, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    log = _git(git, top, "-c", "core.quotepath=off", "log", "--first-parent", "--diff-merges=first-parent",
               "--root", "--raw", "--no-renames", "--no-abbrev", "-z", "--reverse", "--format=%x01%H %cs",
               "--", str(folder) + "/")
    no_commits = History((today,), available=True, shallow=shallow,
                         note="Die Vereinsdaten sind noch in keiner gespeicherten Version (Commit) enthalten. "
                              "Der Verlauf zeigt deshalb nur den heutigen Stand.")
    if log is None:
        if _git(git, top, "rev-parse", "--verify", "--quiet", "HEAD") is None:
            return no_commits  # a repository without any commit yet
        return History((today,), note=NO_GIT.format(why="Die Versionsgeschichte konnte nicht gelesen werden."))
    commits = [(date, changes) for date, changes in _parse_log(log, folder) if date <= settings.stichtag]
    if not commits:
        return no_commits
    facts = _facts(git, top, {blob for _, changes in commits for blob in changes.values() if blob},
                   settings.root / CACHE_FILE if use_cache else None)
    points, skipped = _replay(commits, facts, settings)
    points = [p for p in points if p.date < settings.stichtag] + [today]
    note = ""
    if shallow:
        note = (f"Diese Kopie des Projekts enthält nur einen Teil der Versionsgeschichte (ein „shallow clone“). "
                f"Der Verlauf beginnt deshalb erst am {german_date(points[0].date)}; ältere Stände fehlen hier. "
                "Mit `git fetch --unshallow` lässt sich die ganze Geschichte holen.")
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


def _replay(commits: list[tuple[datetime.date, dict[str, str | None]]], facts: dict[str, dict[str, Any] | None],
            settings: Settings) -> tuple[list[Point], int]:
    """Apply the commits in order; count on each commit day and at the end of each month."""
    state: dict[str, str] = {}
    at_end_of_day: dict[datetime.date, dict[str, str]] = {}
    latest = commits[0][0]
    for date, changes in commits:
        date = latest = max(date, latest)  # a commit dated before its parent (rebased) counts from then
        for name, blob in changes.items():
            if blob is None:
                state.pop(name, None)
            else:
                state[name] = blob
        at_end_of_day[date] = dict(state)
    days = sorted(at_end_of_day)
    samples = sorted(set(days) | set(_month_ends(days[0], settings.stichtag)))
    points, skipped_versions, current, index = [], set(), {}, 0
    for day in samples:
        while index < len(days) and days[index] <= day:
            current = at_end_of_day[days[index]]
            index += 1
        judged = dataclasses.replace(settings, stichtag=day)
        published = known = 0
        for name, blob in current.items():
            data = facts.get(blob)
            if data is None:
                skipped_versions.add(blob)
                continue
            stand = datetime.date.fromisoformat(data["stand"])
            record = Record(name, name, data, stand, freshness(stand, judged))
            published += record.published
            known += not record.aufgeloest
        points.append(Point(day, published, known))
    return points, len(skipped_versions)


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
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"version": CACHE_VERSION, "blobs": cache}, sort_keys=True), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a cache that cannot be written only costs time


