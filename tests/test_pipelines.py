"""The deploy pipelines for GitLab Pages and GitHub Pages.

Both must be valid for their platform, validate and test before anything is published, build from the full
git history, keep .cache/ between runs, run nightly, and use pinned images and actions.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

GITLAB = ROOT / ".gitlab-ci.yml"
GITHUB = ROOT / ".github" / "workflows" / "pages.yml"
BETRIEB = ROOT / "docs" / "betrieb.md"
FULL_RUN = "bash .ci/run validate test site"


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} ist keine YAML-Zuordnung"
    return data


def github_triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the key `on` as True; GitHub reads YAML 1.2.
    return workflow.get("on", workflow.get(True))


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, flags=re.MULTILINE))


@pytest.mark.parametrize("path", [GITLAB, GITHUB], ids=["gitlab", "github"])
def test_pipeline_is_valid_yaml(path):
    load(path)


@pytest.mark.parametrize("path, schema", [(GITLAB, ["vendor.gitlab-ci", "--data-transform", "gitlab-ci"]),
                                          (GITHUB, ["vendor.github-workflows"])], ids=["gitlab", "github"])
def test_pipeline_matches_the_platform_schema(path, schema):
    """The platforms' own published schemas, as shipped (offline) by check-jsonschema."""
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", *schema, str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pipelines_call_existing_make_targets():
    targets = make_targets()
    for path in (GITLAB, GITHUB):
        for called in re.findall(r"bash \.ci/run ([a-z -]+)", path.read_text(encoding="utf-8")):
            assert set(called.split()) <= targets, f"{path.name}: {called}"


# GitLab ------------------------------------------------------------------------------------------------

def test_gitlab_publishes_only_after_validation_and_tests():
    pages = load(GITLAB)["pages"]
    script = pages["script"]
    assert script[0] == FULL_RUN
    assert script[1:] == ["rm -rf public && mv site public"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "when" not in pages["artifacts"], "artifacts of a failed job must never be published"


def test_gitlab_publishes_on_push_and_schedule_from_the_default_branch_only():
    rules = load(GITLAB)["pages"]["rules"]
    assert len(rules) == 1
    condition = rules[0]["if"]
    assert condition.startswith("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && ")
    for source in ("push", "schedule", "web"):
        assert f'$CI_PIPELINE_SOURCE == "{source}"' in condition


def test_gitlab_tests_other_branches_without_publishing():
    ci = load(GITLAB)
    test = ci["test"]
    assert test["script"] == ["bash .ci/run validate test"]
    assert test["rules"][0] == {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", "when": "never"}
    assert "artifacts" not in test
    jobs = {name for name, job in ci.items() if isinstance(job, dict) and "script" in job}
    assert jobs == {"test", "pages", "properdocs"}


def test_gitlab_clones_the_full_history_and_keeps_the_cache():
    ci = load(GITLAB)
    assert ci["variables"]["GIT_DEPTH"] == "0"
    assert ci["variables"]["GIT_STRATEGY"] == "clone"
    assert any(".git/shallow" in line for line in ci["default"]["before_script"])
    assert ci["default"]["cache"]["paths"] == [".cache/"]
    assert ci["variables"]["TZ"] == "Europe/Berlin"


def test_gitlab_image_is_pinned_to_a_debian_release():
    image = load(GITLAB)["default"]["image"]
    assert re.fullmatch(r"python:3\.\d+-slim-bookworm", image), image


def test_gitlab_properdocs_job_may_fail():
    job = load(GITLAB)["properdocs"]
    assert job["allow_failure"] is True
    assert job["script"][-1] == ".venv/bin/python -m pytest tests/test_properdocs.py"


# GitHub ------------------------------------------------------------------------------------------------

def test_github_runs_on_push_to_main_pull_requests_and_nightly():
    triggers = github_triggers(load(GITHUB))
    assert triggers["push"] == {"branches": ["main"]}
    assert "pull_request" in triggers and "workflow_dispatch" in triggers
    [nightly] = triggers["schedule"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", nightly["cron"]), nightly
    assert nightly["timezone"] == "Europe/Berlin"


def test_github_builds_from_full_history_with_the_cache_and_tests_before_uploading():
    steps = load(GITHUB)["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    checkout = steps[uses.index("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0
    cache = steps[uses.index("actions/cache")]
    assert cache["with"]["path"] == ".cache"
    run = [i for i, step in enumerate(steps) if step.get("run") == FULL_RUN]
    upload = uses.index("actions/upload-pages-artifact")
    assert run and run[0] < upload, "the site is handed over only after validation, tests and build"
    assert steps[upload]["with"]["path"] == "site"
    assert steps[upload]["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"


def test_github_deploys_only_a_successful_build_with_least_privileges():
    workflow = load(GITHUB)
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_github_actions_and_images_are_pinned():
    for number, line in enumerate(GITHUB.read_text(encoding="utf-8").splitlines(), 1):
        if "uses:" in line:
            assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), \
                f"pages.yml, Zeile {number}: Action nicht auf einen Commit mit Versionskommentar festgelegt"
    for name, job in load(GITHUB)["jobs"].items():
        assert re.fullmatch(r"ubuntu-\d+\.\d+", job["runs-on"]), name
        if "container" in job:
            assert re.fullmatch(r"python:3\.\d+-slim-bookworm", job["container"]), name


def test_github_properdocs_job_may_fail():
    job = load(GITHUB)["jobs"]["properdocs"]
    assert job["continue-on-error"] is True
    assert "tests/test_properdocs.py" in job["steps"][-1]["run"]


# Both --------------------------------------------------------------------------------------------------

def test_operations_guide_states_the_nightly_time_and_zone():
    minute, hour = github_triggers(load(GITHUB))["schedule"][0]["cron"].split()[:2]
    text = BETRIEB.read_text(encoding="utf-8")
    assert f"{int(hour):02d}:{int(minute):02d} Uhr" in text
    assert f"`{minute} {hour} * * *`" in text, "the GitLab schedule in docs/betrieb.md differs from GitHub's"
    assert "Europe/Berlin" in text
