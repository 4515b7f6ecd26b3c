"""mso.history: the count over time, from a small git repository each test creates."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from conftest import make_project, minimal_profile

D = datetime.date


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test",
               GIT_COMMITTER_EMAIL="test@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+0100", GIT_COMMITTER_DATE=f"{date}T12:00:00+0100")
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def put(project: Path, slug: str, profile: dict | str) -> None:
    path = project / "organisations" / (slug if "." in slug else f"{slug}.yml")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = profile if isinstance(profile, str) else yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def commit(project: Path, date: str) -> None:
    git(project, "add", "-A", "organisations")
    git(project, "commit", "-q", "--allow-empty", "-m", f"Daten {date}", date=date)


def directory_of(project: Path, stichtag: str = "2026-11-22"):
    from mso import config
    from mso.pipeline import load_directory

    return load_directory(config.from_mkdocs_file(project / "mkdocs.yml", environ={"MSO_STICHTAG": stichtag}))


def compute(project: Path, stichtag: str = "2026-11-22", **kwargs):
    from mso import history

    return history.compute(directory_of(project, stichtag), **kwargs)


def counts(hist) -> dict[D, tuple[int, int]]:
    return {p.date: (p.veroeffentlicht, p.erfasst) for p in hist.points}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A project in a fresh git repository, with a history of its profiles over 2025 and 2026."""
    project = make_project(tmp_path / "p", {})
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "mkdocs.yml", "docs", "schema", "overrides", "hooks")
    git(project, "commit", "-q", "-m", "Projekt", date="2024-12-01")
    put(project, "erster", minimal_profile("Erster Verein", stand="2025-01-01"))
    put(project, "zweiter", minimal_profile("Zweiter Verein", stand="2025-01-01"))
    commit(project, "2025-01-10")
    put(project, "dritter", minimal_profile("Dritter Verein", stand="2025-03-01", veroeffentlichen=False))
    commit(project, "2025-03-05")
    (project / "organisations" / "zweiter.yml").unlink()
    commit(project, "2025-06-01")
    put(project, "erster", minimal_profile("Erster Verein", stand="2025-08-01", status="aufgeloest"))
    commit(project, "2025-08-01")
    put(project, "vierter", minimal_profile("Vierter Verein", stand="2026-11-01"))
    commit(project, "2026-11-02")
    return project


def test_counts_follow_each_commit(repo):
    hist = compute(repo)
    found = counts(hist)
    assert hist.available and not hist.shallow and hist.note == ""
    assert found[D(2025, 1, 10)] == (2, 2)
    assert found[D(2025, 3, 5)] == (2, 3)  # no consent: erfasst only
    assert found[D(2025, 6, 1)] == (1, 2)  # deleted
    assert found[D(2025, 8, 1)] == (0, 1)  # dissolved: counted nowhere
    assert found[D(2026, 11, 2)] == (1, 2)
    assert hist.points[0].date == D(2025, 1, 10)
    dates = [p.date for p in hist.points]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)


def test_last_point_is_the_directory_itself(repo):
    directory = directory_of(repo)
    from mso import history

    hist = history.compute(directory)
    assert hist.points[-1].date == D(2026, 11, 22)
    assert (hist.points[-1].veroeffentlicht, hist.points[-1].erfasst) == \
        (directory.counts.veroeffentlicht, directory.counts.erfasst)


def test_month_ends_apply_the_freshness_rules_of_that_day(repo):
    found = counts(compute(repo))
    assert found[D(2025, 1, 31)] == (2, 2)
    assert found[D(2025, 5, 31)] == (2, 3)


def test_a_profile_goes_stale_between_commits(tmp_path):
    project = make_project(tmp_path / "p", {})
    git(project, "init", "-q")
    put(project, "alt", minimal_profile("Alter Verein", stand="2023-03-15"))
    put(project, "frisch", minimal_profile("Frischer Verein", stand="2025-01-01"))
    commit(project, "2025-01-10")
    put(project, "frisch", minimal_profile("Frischer Verein", stand="2025-06-01"))
    commit(project, "2025-06-01")
    found = counts(compute(project))
    assert found[D(2025, 1, 10)] == (2, 2)  # 22 months old: confirmation due, still published
    assert found[D(2025, 2, 28)] == (2, 2)
    assert found[D(2025, 3, 31)] == (1, 2)  # more than 24 months: hidden, erfasst only
    assert found[D(2026, 11, 22)] == (1, 2)


def test_a_commit_dated_before_its_parent_counts_from_the_parent_date(repo):
    put(repo, "spaet", minimal_profile("Später Verein", stand="2024-12-01"))
    commit(repo, "2025-02-01")  # e.g. a rebased commit: older date, but on top of the history
    found = counts(compute(repo))
    assert found[D(2025, 2, 28)] == (2, 2)  # not yet there in February 2025
    assert found[D(2026, 11, 2)] == (2, 3)


def test_commits_after_the_stichtag_are_ignored(repo):
    (repo / "organisations" / "dritter.yml").unlink()
    commit(repo, "2026-11-20")
    hist = compute(repo, "2026-11-05")
    dates = [p.date for p in hist.points]
    assert max(dates) == D(2026, 11, 5)
    assert D(2026, 11, 20) not in dates
    assert counts(hist)[D(2026, 11, 2)] == (1, 2)


def test_history_that_starts_after_the_stichtag_says_so(tmp_path):
    project = make_project(tmp_path / "p", {})
    git(project, "init", "-q")
    put(project, "eins", minimal_profile("Eins", stand="2024-01-01"))
    commit(project, "2026-01-01")
    hist = compute(project, "2025-01-01")
    assert "jünger als der Stichtag 1. Januar 2025" in hist.note
    assert [(p.date, p.veroeffentlicht) for p in hist.points] == [(D(2025, 1, 1), 1)]


def test_same_inputs_give_the_same_history_with_and_without_cache(repo):
    first = compute(repo)
    cache = repo / ".cache" / "mso" / "verlauf.json"
    assert cache.is_file()
    blobs = json.loads(cache.read_text(encoding="utf-8"))["blobs"]
    assert len(blobs) == 5  # one entry per file version ever committed
    assert compute(repo) == first
    assert compute(repo, use_cache=False) == first
    cache.write_text("{kaputt", encoding="utf-8")
    assert compute(repo) == first


def test_cached_facts_are_used_instead_of_reading_blobs_again(repo):
    compute(repo)
    cache = repo / ".cache" / "mso" / "verlauf.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    for blob, facts in data["blobs"].items():
        if facts and facts["status"] == "aufgeloest":
            facts["status"] = "aktiv"  # a cache entry wins over the blob: proof it is read
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert counts(compute(repo))[D(2025, 8, 1)] == (1, 2)


def test_unreadable_old_versions_are_skipped_not_fatal(repo):
    put(repo, "kaputt", "name: [\n")
    put(repo, "notizen.txt", "keine Profildatei")
    put(repo, "unterordner/tief", minimal_profile("Tief"))
    commit(repo, "2026-11-10")
    for name in ("kaputt.yml", "notizen.txt"):
        (repo / "organisations" / name).unlink()
    shutil.rmtree(repo / "organisations" / "unterordner")
    commit(repo, "2026-11-11")
    hist = compute(repo)
    assert counts(hist)[D(2026, 11, 10)] == (1, 2)
    assert hist.skipped == 1


def test_without_git_the_history_says_so(tmp_path):
    project = make_project(tmp_path / "p", {"eins": minimal_profile("Eins")})
    hist = compute(project)
    assert not hist.available
    assert hist.note.startswith("Keine Versionsgeschichte verfügbar")
    assert [(p.veroeffentlicht, p.erfasst) for p in hist.points] == [(1, 1)]


def test_without_the_git_program_the_history_says_so(repo, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    hist = compute(repo)
    assert "git ist nicht installiert" in hist.note and len(hist.points) == 1


def test_uncommitted_data_still_shows_today(tmp_path):
    project = make_project(tmp_path / "p", {"eins": minimal_profile("Eins")})
    git(project, "init", "-q")
    hist = compute(project)
    assert "noch in keiner gespeicherten Version" in hist.note
    assert len(hist.points) == 1


def test_shallow_clone_says_what_is_missing(repo, tmp_path):
    clone = tmp_path / "flach"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    hist = compute(clone)
    assert hist.shallow
    assert "shallow clone" in hist.note and "beginnt deshalb erst am 1. August 2025" in hist.note
    assert hist.points[0].date == D(2025, 8, 1)
    assert counts(hist)[D(2025, 8, 1)] == (0, 1)  # the boundary commit is read in full


def test_merged_branches_count_on_the_main_line(repo):
    git(repo, "checkout", "-q", "-b", "neben")
    put(repo, "fuenfter", minimal_profile("Fünfter Verein", stand="2026-11-05"))
    commit(repo, "2026-11-05")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Zusammenführen", "neben", date="2026-11-08")
    found = counts(compute(repo))
    assert D(2026, 11, 5) not in found  # the side branch is not the published history
    assert found[D(2026, 11, 8)] == (2, 3)


@given(stichtag=st.dates(D(2000, 1, 1), D(2099, 12, 31)), age=st.integers(0, 2000),
       months=st.tuples(st.integers(1, 30), st.integers(1, 30)))
def test_history_hides_exactly_what_the_model_hides(stichtag, age, months):
    from mso import config, history, model

    due, hide = min(months), max(months) + 1
    settings = config.from_mapping({"stadt": "X", "stadtbezirke": ["Mitte"], "herausgeber": "X",
                                    "kontakt_email": "x@example.org",
                                    "monate_bis_bestaetigung": due, "monate_bis_ausblenden": hide},
                                   Path("."), environ={"MSO_STICHTAG": stichtag.isoformat()})
    stand = stichtag - datetime.timedelta(days=age)
    shown = model.freshness(stand, settings) is not model.Freshness.AUSGEBLENDET
    assert shown == (stand >= history._oldest_shown(settings))
