"""What lies in organisations/ besides profiles, and names that are the same association in disguise."""

from __future__ import annotations

import dataclasses
import os

import pytest
import yaml

from conftest import ROOT, STICHTAG, minimal_profile, write_profiles
from mso.schema import Schema
from mso.validate import normalise_name, validate_paths

SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")
SECRET = "GEHEIM-4711"


def check(folder):
    return validate_paths([folder], SCHEMA, STICHTAG, root=folder)


def dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "organisations"
    write_profiles(data, {"echter-verein": minimal_profile("Echter Verein")})
    return data


@pytest.mark.parametrize("name", ["README.md", "readme.txt", "README", "LIESMICH.md", "LICENSE", ".gitkeep",
                                  ".DS_Store", ".hidden.yml"])
def test_housekeeping_files_pass(folder, name):
    (folder / name).write_text("# Hier liegen die Profile.\n", encoding="utf-8")
    documents, problems = check(folder)
    assert problems == [] and [d.slug for d in documents] == ["echter-verein"]


SYSTEM_FILES = ["Thumbs.db", "thumbs.db", "THUMBS.DB", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini",
                "Desktop.ini", "DESKTOP.INI", "Icon\r", "._echter-verein.yml", "._Thumbs.db", ".DS_Store"]


@pytest.mark.parametrize("name", SYSTEM_FILES)
def test_files_windows_and_macos_put_into_folders_pass_silently(folder, name):
    (folder / name).write_bytes(b"\x00\x01binary\xff[.ShellClassInfo]\r\nIconResource=x\r\n" + SECRET.encode())
    documents, problems = check(folder)
    assert problems == [] and [d.slug for d in documents] == ["echter-verein"]


@pytest.mark.parametrize("name", ["Thumbs.txt", "desktop.yaml", "Thumbs.db.bak", "mein-desktop.ini"])
def test_only_the_exact_system_file_names_pass(folder, name):
    (folder / name).write_text("x\n", encoding="utf-8")
    _, problems = check(folder)
    assert len(problems) == 1 and "`.yml`" in problems[0].message


def test_a_yml_file_named_like_a_system_file_is_still_a_profile(folder):
    (folder / "desktop.yml").write_text("name: Desktop\n", encoding="utf-8")
    _, problems = check(folder)
    assert problems and all(p.file == "desktop.yml" for p in problems)


def test_system_files_are_neither_reported_nor_published_by_the_build(tmp_path):
    from conftest import build, make_project

    project = make_project(tmp_path / "p", {"echter-verein": minimal_profile("Echter Verein")})
    for name in SYSTEM_FILES:
        (project / "organisations" / name).write_bytes(SECRET.encode() + b"\n")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Endung" not in result.stdout + result.stderr
    names = {path.name.casefold() for path in site.rglob("*")}
    assert not names & {name.casefold() for name in SYSTEM_FILES}
    assert not any(SECRET.encode() in path.read_bytes() for path in site.rglob("*") if path.is_file())
    assert (site / "vereine" / "echter-verein" / "index.html").is_file()


def test_git_ignores_system_files_in_the_profiles_folder(tmp_path):
    import shutil
    import subprocess

    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    names = [f"organisations/{name}" for name in ["Thumbs.db", "thumbs.db", "desktop.ini", "Desktop.ini",
                                                   ".DS_Store", "._echter-verein.yml", "ehthumbs.db"]]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names, "organisations/echter-verein.yml"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.split("\n")[:-1] == names, result.stderr


@pytest.mark.parametrize("content", [
    dump(minimal_profile("Fremder Verein")),  # valid: would be published
    f"name: {SECRET}\nstadtbezirk: {SECRET}\n",  # invalid: its values would appear in messages
    f"passwort: {SECRET}\n",
])
def test_links_that_leave_the_folder_are_refused_without_reading_them(tmp_path, folder, content):
    outside = tmp_path / "geheim.yml"
    outside.write_text(content, encoding="utf-8")
    (folder / "fremder-verein.yml").symlink_to(outside)
    documents, problems = check(folder)
    assert [d.slug for d in documents] == ["echter-verein"]
    problem = next(p for p in problems)
    assert len(problems) == 1 and problem.file == "fremder-verein.yml"
    assert "außerhalb des Ordners" in problem.message
    assert SECRET not in str(problem) and "Fremder" not in str(problem)


def test_a_link_to_the_parent_folder_is_refused(tmp_path, folder):
    (folder / "oben.yml").symlink_to(tmp_path)
    _, problems = check(folder)
    assert len(problems) == 1 and "außerhalb" in problems[0].message


def test_a_broken_link_gets_a_message(folder):
    (folder / "kaputt.yml").symlink_to(folder / "gibt-es-nicht.yml")
    _, problems = check(folder)
    assert len(problems) == 1 and problems[0].file == "kaputt.yml" and "ins Leere" in problems[0].message


def test_a_link_inside_the_folder_is_read_like_its_target(folder):
    (folder / "zweiter-name.yml").symlink_to(folder / "echter-verein.yml")
    documents, problems = check(folder)
    assert {d.slug for d in documents} == {"echter-verein", "zweiter-name"}
    assert [p.file for p in problems] == ["zweiter-name.yml"] and "derselbe Verein" in problems[0].message


def test_a_subfolder_gets_a_message(folder):
    write_profiles(folder / "archiv", {"alter-verein": minimal_profile("Alter Verein")})
    documents, problems = check(folder)
    assert [d.slug for d in documents] == ["echter-verein"]
    assert len(problems) == 1 and problems[0].file == "archiv" and "Unterordner" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_named_pipe_is_no_profile(folder):
    os.mkfifo(folder / "rohr.yml")
    _, problems = check(folder)
    assert len(problems) == 1 and "keine gewöhnliche Datei" in problems[0].message


def test_other_files_still_need_yml(folder):
    (folder / "verein.yaml").write_text(dump(minimal_profile("Noch ein Verein")), encoding="utf-8")
    _, problems = check(folder)
    assert len(problems) == 1 and "`.yml`" in problems[0].message


def test_the_build_reports_these_too(tmp_path):
    from conftest import build, make_project

    project = make_project(tmp_path / "p", {"echter-verein": minimal_profile("Echter Verein")})
    (project / "organisations" / "README.md").write_text("Profile.\n", encoding="utf-8")
    outside = tmp_path / "geheim.yml"
    outside.write_text(f"name: {SECRET}\n", encoding="utf-8")
    (project / "organisations" / "geheim.yml").symlink_to(outside)
    result = build(project)
    assert result.returncode != 0 and "außerhalb des Ordners" in result.stdout + result.stderr
    assert SECRET not in result.stdout + result.stderr and "Traceback" not in result.stdout + result.stderr


# --- names ---------------------------------------------------------------------------------------------

LOOK_ALIKES = [
    ("Il Ponte", "Il P\u043ente"),  # Cyrillic о
    ("Il Ponte", "\u0406l Ponte"),  # Cyrillic І
    ("Ayasofya", "\u0391yas\u03bffya"),  # Greek Α and ο
    ("Deutsch-Türkischer Elternverein Bielefeld",
     "D\u0435utsch-T\u00fcrkisch\u0435r \u0415lt\u0435rnv\u0435r\u0435in Bi\u0435l\u0435f\u0435ld"),  # many е
    ("Kulturverein Süd e. V.", "Kulturverein Sued eV"),
    ("Straßenfest Bielefeld", "Strassenfest Bielefeld"),
    ("Verein Nord", "Ver\u200dein Nord"),
    ("Verein Nord", "ＶＥＲＥＩＮ ＮＯＲＤ"),  # full-width letters
    # I, l and 1, O and 0 look the same before case is folded (after it, I is i)
    ("Club Olimpia", "CIub OIimpia"),
    ("Club Olimpia", "Club 0limpia"),
    ("Il Ponte", "II Ponte"),
    ("Il Ponte", "1l Ponte"),
    ("Il Ponte", "|l Ponte"),
    ("Olympia 04", "OIympia O4"),
    ("Al-Amal", "AI-AmaI"),
    ("Kulturverein Bielefeld", "KuIturverein BieIefeId"),
    ("Bielefelder Tafel", "BIELEFELDER TAFEL"),  # and case alone still
    ("VereIn Nord", "Verein Nord"),
]


@pytest.mark.parametrize("first, second", LOOK_ALIKES)
def test_look_alike_names_are_flagged(tmp_path, first, second):
    write_profiles(tmp_path, {"a-verein": minimal_profile(first, beschreibung="Eins."),
                              "b-verein": minimal_profile(second, beschreibung="Zwei.")})
    _, problems = check(tmp_path)
    assert [(p.file, p.field) for p in problems] == [("b-verein.yml", "name")], [str(p) for p in problems]
    assert "a-verein.yml" in problems[0].message


@pytest.mark.parametrize("first, second", [
    ("🎉🎊", "🌍🌈"), ("🤝", "💃"), ("★", "☆"), ("Il Ponte", "Il Porte"), ("جمعية الأمل", "جمعية النور"),
    ("Verein 1", "Verein 2"), ("Kurdischer Frauenverein", "Kurdischer Männerverein"),
    ("Club 04", "Club 05"), ("Ilse", "Else"), ("Olimpia", "Olympia"),
])
def test_different_names_stay_apart(tmp_path, first, second):
    write_profiles(tmp_path, {"a-verein": minimal_profile(first, beschreibung="Eins."),
                              "b-verein": minimal_profile(second, beschreibung="Zwei.")})
    assert check(tmp_path)[1] == []


def test_the_same_emoji_name_twice_is_flagged(tmp_path):
    write_profiles(tmp_path, {"a-verein": minimal_profile("🎉🎊", beschreibung="Eins."),
                              "b-verein": minimal_profile("🎉 🎊", beschreibung="Zwei.")})
    assert [p.file for p in check(tmp_path)[1]] == ["b-verein.yml"]


@pytest.mark.parametrize("name", ["🎉", "★★", "!!!", "…", "e. V."])
def test_no_name_normalises_to_nothing(name):
    assert normalise_name(name)


def test_a_yml_file_is_always_a_profile_even_with_a_housekeeping_name(folder):
    (folder / "notice.yml").write_text(dump(minimal_profile("Notice Verein")), encoding="utf-8")
    documents, problems = check(folder)
    assert problems == [] and {d.slug for d in documents} == {"echter-verein", "notice"}


# --- file names that end in a line break (Python's `$` matches before a final "\n") ---------------------

TRAILING = ["neuer-verein\n", "abc\n", "verein-2026\n", "verein\r", "verein\n\n", "\nverein", "verein\t",
            "verein\u2028", "verein\x0b", "verein\r\n"]


@pytest.mark.parametrize("slug", TRAILING)
def test_a_slug_with_a_line_break_or_control_is_no_slug(slug):
    from mso.slugs import is_valid

    assert not is_valid(slug)
    assert is_valid(slug.strip())


@pytest.mark.parametrize("stem", ["neuer-verein\n", "abc\n", "verein-2026\n", "verein\r"])
def test_a_file_name_with_a_line_break_is_refused_by_validate_and_the_build(tmp_path, stem):
    from mso import config
    from mso.pipeline import load_directory
    from mso.problems import DataError

    (tmp_path / f"{stem}.yml").write_text(dump(minimal_profile("Neuer Verein")), encoding="utf-8")
    documents, problems = check(tmp_path)
    problem = only_problem(problems)
    assert "keine gültige Kurzadresse" in problem.message and "neuer-verein.yml" in problem.message
    assert "\n" not in str(problem) and "\r" not in str(problem)  # the name is shown with a visible marker
    settings = dataclasses.replace(config.from_mkdocs_file(ROOT / "mkdocs.yml"), daten=tmp_path, root=tmp_path)
    with pytest.raises(DataError) as caught:
        load_directory(settings)
    assert [p.message for p in caught.value.problems] == [problem.message]


def only_problem(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]
