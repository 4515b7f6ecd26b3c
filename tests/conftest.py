"""Shared fixtures: a fixed Stichtag, throw-away projects with chosen profiles, the built real site,
a local HTTP server for it and a Chromium driven by Playwright."""

from __future__ import annotations

import datetime
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

STICHTAG = datetime.date(2026, 11, 22)
os.environ["MSO_STICHTAG"] = STICHTAG.isoformat()
os.environ["NO_MKDOCS_2_WARNING"] = "1"
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "schema", "overrides")


def minimal_profile(name: str = "Beispielverein e. V.", **fields) -> dict:
    """A valid published profile; keyword arguments replace or add fields (None removes one)."""
    data = {
        "name": name, "veroeffentlichen": True, "stand": "2026-06-01",
        "beschreibung": f"{name} ist ein erfundener Verein für Tests.",
        "themen": ["kultur"], "sprachen": ["de"], "stadtbezirk": "Mitte",
        "kontakt": {"email": "info@beispiel.example"},
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def write_profiles(folder: Path, profiles: dict[str, dict | str | bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for slug, content in profiles.items():
        path = folder / (slug if "." in slug else f"{slug}.yml")
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_project(target: Path, profiles: dict[str, dict | str | bytes] | None = None) -> Path:
    """A copy of the project in `target`; with `profiles`, those replace the demo data."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)
    if profiles is None:
        shutil.copytree(ROOT / "organisations", target / "organisations")
    else:
        write_profiles(target / "organisations", profiles)
    return target


def build(project: Path, site: Path | None = None, *, languages: bool = False, **env: str
          ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in a subprocess, as `make site` runs it; the main language only, unless
    `languages` (the real site is built with all of them)."""
    site = site or project / "site"
    environment = {**os.environ, "MSO_PDF": "0", **({} if languages else {"MSO_SPRACHEN": ""}), **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                          cwd=project, env=environment, capture_output=True, text=True, check=False)


def rendered(outputs, site) -> dict[str, str | bytes]:
    """What views yield, by path: the HTML body of each page as the hook renders it, the content of each file."""
    from mso.views import PageSpec

    return {o.path: site.renderer.page(o) if isinstance(o, PageSpec) else o.content for o in outputs}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project (demo data, PDF included) built once per session."""
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT, site, languages=True, MSO_PDF=os.environ.get("MSO_TEST_PDF", "1"))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def directory():
    """The Directory of the real demo data at the test Stichtag."""
    from mso import config
    from mso.pipeline import load_directory

    return load_directory(config.from_mkdocs_file(ROOT / "mkdocs.yml"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served on 127.0.0.1 (a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
