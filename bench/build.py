"""Benchmark: build time of the whole site at N profiles (synthetic copies of the demo data).

    .venv/bin/python bench/build.py 75 1000        # sizes; MSO_PDF=0 unless set

Prints seconds per build and per profile. Not a test: the machine's noise is ±30 %.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import write_profiles

ROOT = Path(__file__).resolve().parents[1]


def make_project(target: Path, size: int) -> None:
    for part in ("mkdocs.yml", "docs", "hooks", "schema", "overrides"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    write_profiles(target / "organisations", size)


def main(sizes: list[int]) -> None:
    env = {**os.environ, "MSO_STICHTAG": "2026-11-22", "NO_MKDOCS_2_WARNING": "1",
           "MSO_PDF": os.environ.get("MSO_PDF", "0")}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            make_project(project, size)
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                                    cwd=project, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            if result.returncode:
                sys.exit(result.stderr[-3000:])
            pages = sum(1 for _ in (project / "site" / "vereine").glob("*/index.html"))
            print(f"{size:>6} profiles ({pages} published): {seconds:6.1f} s, {seconds / size * 1000:5.1f} ms/profile")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [75, 1000])
