"""Benchmark: the Steckbrief PDF at N profiles (synthetic copies of the demo data, as bench/build.py makes them).

    .venv/bin/python bench/pdf.py 75 1000

For each size: seconds to make the brochure HTML, to render the PDF with WeasyPrint (wall clock and CPU), and
to take it from the cache when nothing changed; Steckbriefe per second; pages; peak memory of the process.
Run one size per process for a fair memory figure. Not a test: the machine's noise is ±30 %.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "bench")]
os.environ.setdefault("MSO_STICHTAG", "2026-11-22")

from build import make_project  # noqa: E402  (bench/build.py)

from mso import config  # noqa: E402
from mso.pipeline import load_directory  # noqa: E402
from mso.views import Site, steckbriefe  # noqa: E402


def measure(size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        make_project(project, size)
        settings = config.from_mkdocs_file(project / "mkdocs.yml", environ={**os.environ, "MSO_PDF": "1"})
        directory = load_directory(settings)
        build = Site(directory)
        count = directory.counts.veroeffentlicht

        start = time.perf_counter()
        steckbriefe.document(build)
        html_seconds = time.perf_counter() - start

        site = project / "site"
        start, cpu = time.perf_counter(), time.process_time()
        steckbriefe.post_build(build, site)  # empty cache: WeasyPrint renders
        render_seconds, render_cpu = time.perf_counter() - start, time.process_time() - cpu
        pdf = site / steckbriefe.PDF
        pages = _pages(pdf)

        pdf.unlink()
        start = time.perf_counter()
        steckbriefe.post_build(build, site)  # same inputs: from the cache
        cached_seconds = time.perf_counter() - start

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{size:>6} profiles, {count} Steckbriefe, {pages} pages, {pdf.stat().st_size / 1e6:.1f} MB: "
              f"HTML {html_seconds:.1f} s; PDF {render_seconds:.1f} s = {count / render_seconds:.1f} Steckbriefe/s "
              f"({pages / render_seconds:.1f} pages/s; CPU {render_cpu:.1f} s = {count / render_cpu:.1f} Steckbriefe/s); "
              f"unchanged (cache) {cached_seconds:.2f} s = "
              f"{count / cached_seconds:.0f} Steckbriefe/s; peak memory {peak:.0f} MB", flush=True)


def _pages(path: Path) -> int:
    import subprocess

    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("mkdocs.plugins.verzeichnis").setLevel(os.environ.get("BENCH_LOG", "WARNING"))
    for size in [int(arg) for arg in sys.argv[1:]] or [75, 1000]:
        measure(size)
