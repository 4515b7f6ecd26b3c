"""Engine risk: ProperDocs, the maintained fork of MkDocs 1.x, builds this project unchanged.

Same mkdocs.yml, hooks and theme; the site must be the same, file for file and byte for byte, apart from the
engine's name in each page's <meta name="generator">. See docs/technik.md.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.build

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file()}


def test_properdocs_builds_the_same_site(built_site, tmp_path):
    site = tmp_path / "site"
    environment = {**os.environ, "MSO_PDF": os.environ.get("MSO_TEST_PDF", "1")}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml",
                             "-d", str(site)], cwd=ROOT, env=environment, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr

    generator = GENERATOR.search((site / "index.html").read_bytes())
    assert generator and b"ProperDocs" in generator.group(1), "the build did not run on ProperDocs"
    by_mkdocs, by_properdocs = files(built_site), files(site)
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    differing = [name for name, content in by_mkdocs.items()
                 if GENERATOR.sub(b"", content) != GENERATOR.sub(b"", by_properdocs[name])]
    assert differing == []
