"""Extreme reference dates: each one builds, or gives one German message that names the allowed range."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, build, make_project, minimal_profile
from mso import config
from mso.views.zahlen import _date_ticks

OUTSIDE = ["2106-02-08", "0001-06-01", "1999-12-31", "2100-01-01", "9999-12-31", "1970-01-01"]


@pytest.mark.parametrize("day", ["2000-01-01", "2026-11-22", "2099-01-01", "2099-12-31"])
def test_days_in_the_range_are_fine(day):
    assert config.stichtag_problem(datetime.date.fromisoformat(day)) is None


@pytest.mark.parametrize("day", OUTSIDE)
def test_one_message_names_the_range(day):
    with pytest.raises(config.ConfigError) as caught:
        config.from_mapping({"stadt": "X", "stadtbezirke": ["Mitte"], "herausgeber": "Y",
                             "kontakt_email": "a@b.example"}, ROOT,
                            environ={config.STICHTAG_ENV: day})
    message = str(caught.value)
    assert message.count("\n- ") == 1 and day in message
    assert "1. Januar 2000 bis zum 31. Dezember 2099" in message


@pytest.mark.parametrize("day", ["2106-02-08", "0001-06-01"])
def test_mso_says_it_in_one_line_without_traceback(day):
    env = {**os.environ, "MSO_STICHTAG": day}
    result = subprocess.run([sys.executable, "-m", "mso", "validate"], cwd=ROOT, env=env, capture_output=True,
                            text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("außerhalb des erlaubten Bereichs") == 1


@pytest.mark.build
@pytest.mark.parametrize("day", ["2099-01-01", "2106-02-08", "0001-06-01"])
def test_the_build(tmp_path, day):
    project = make_project(tmp_path / "p", {"verein-eins": minimal_profile("Verein eins", stand="2026-01-01")})
    result = build(project, MSO_STICHTAG=day)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if day == "2099-01-01":
        assert result.returncode == 0, output
        assert (project / "site" / "zahlen" / "index.html").exists()
    else:
        assert result.returncode != 0 and output.count("außerhalb des erlaubten Bereichs") == 1, output


@settings(max_examples=300, deadline=None)
@given(st.dates(config.STICHTAG_MIN - datetime.timedelta(days=40000), config.STICHTAG_MAX),
       st.integers(0, 60_000), st.integers(2, 8))
def test_date_ticks_never_fail_and_stay_few(first, days, most):
    last = min(first + datetime.timedelta(days=days), datetime.date(9999, 12, 31))
    ticks = _date_ticks(first, last, most)
    assert 1 <= len(ticks) <= most
    assert all(first <= t <= last for t in ticks) and ticks == sorted(ticks)
