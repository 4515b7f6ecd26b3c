"""One CSV writer for /daten/vereine.csv and `mso stale --csv`: no cell starts like a formula."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, make_project, minimal_profile
from mso.spreadsheet import FORMULA_START, safe_cell, to_csv


def read(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"https://evil.example\",\"Klick\")", "'=HYPERLINK(\"https://evil.example\",\"Klick\")"),
    ("+49 521 123456", "'+49 521 123456"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("  =1+1", "'  =1+1"), ("\uff1d1+1", "'\uff1d1+1"), ("Verein e. V.", "Verein e. V."),
    ("0521 123456", "0521 123456"), ("", ""), (None, ""), (1998, "1998"),
])
def test_formula_cells_get_an_apostrophe(value, cell):
    assert safe_cell(value) == cell


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.text(max_size=20)), max_size=5))
def test_every_cell_round_trips_and_none_starts_like_a_formula(rows):
    written = read(to_csv(["a", "b", "c"], rows))
    assert len(written) == len(rows)
    for original, row in zip(rows, written):
        for column in "abc":
            cell = row[column]
            assert not cell.lstrip(" ").startswith(FORMULA_START)
            assert cell == safe_cell(original.get(column, ""))


def test_stale_csv_neutralises_formulas(tmp_path):
    make_project(tmp_path, {
        "formel": minimal_profile('=HYPERLINK("https://evil.example","Klick")', stand="2025-01-01",
                                  veroeffentlichen=False, kontakt={"telefon": "+49 521 5550199"},
                                  ansprechpersonen=[{"name": "@Admin", "einwilligung": "2024-01-01"}])})
    env = {**os.environ, "MSO_STICHTAG": "2026-11-22"}
    result = subprocess.run([sys.executable, "-m", "mso", "stale", "--csv"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    row = read(result.stdout)[0]
    assert row["name"] == "'=HYPERLINK(\"https://evil.example\",\"Klick\")"
    assert row["telefon"] == "'+49 521 5550199" and row["ansprechperson"] == "'@Admin"


def test_both_csv_files_come_from_the_one_writer():
    for module in ("stale.py", "views/daten.py"):
        source = (ROOT / "hooks" / "mso" / module).read_text(encoding="utf-8")
        assert "spreadsheet.to_csv(" in source and "csv.DictWriter" not in source and "import csv" not in source
