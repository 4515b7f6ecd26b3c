"""Benchmark: the /vereine/ filter in Chromium at N profiles, and the weight of the page.

    .venv/bin/python bench/directory_filter.py                 # 75, 1000 and 10000 profiles
    .venv/bin/python bench/directory_filter.py 10000 --site /tmp/site   # also weigh a built site's /vereine/

For each size the profiles are synthetic copies of the demo data. The page body is rendered by the real view
(hooks/mso/views/directory.py) inside Material's stylesheet, with the real directory.js, and opened from a
file in Chromium. Reported: HTML size (raw and gzip), script start-up, and per keystroke the time from the
`input` event to a finished layout (filter + counts + DOM + style + layout), typing "beratungen" and a
Stadtbezirk. Not a test: the machine's noise is ±30 %.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import os
import statistics
import sys
import tempfile
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("MSO_STICHTAG", "2026-11-22")

from mso import config  # noqa: E402
from mso.pipeline import load_directory  # noqa: E402
from mso.views import Site, directory as directory_view  # noqa: E402
from synthetic import write_profiles  # noqa: E402

MATERIAL = next((ROOT / ".venv").glob("lib/python*/site-packages/material/templates/assets/stylesheets"))

MEASURE = """async ([query, bezirk]) => {
  const box = document.getElementById('mso-suche');
  const times = [];
  const step = (change) => {
    const t0 = performance.now();
    change();
    document.body.getBoundingClientRect();  // force style and layout
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
  };
  for (let i = 1; i <= query.length; i++) {
    step(() => { box.value = query.slice(0, i); box.dispatchEvent(new Event('input', {bubbles: true})); });
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  for (let i = query.length - 1; i >= 0; i--) {
    step(() => { box.value = query.slice(0, i); box.dispatchEvent(new Event('input', {bubbles: true})); });
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  const facet = [];
  const box2 = document.querySelector(`input[name=stadtbezirk][value="${bezirk}"]`);
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    box2.click();
    document.body.getBoundingClientRect();
    void document.body.offsetHeight;
    facet.push(performance.now() - t0);
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  }
  return {keys: times, facet, shown: document.querySelectorAll('.mso-card:not([hidden])').length};
}"""


def render_page(size: int, tmp: Path) -> tuple[Path, int]:
    write_profiles(tmp / "organisations", size)
    settings = dataclasses.replace(config.from_mkdocs_file(ROOT / "mkdocs.yml"), daten=tmp / "organisations")
    directory = load_directory(settings)
    site = Site(directory)
    body = site.renderer.page(next(directory_view.outputs(site)))
    css = "".join(f'<link rel="stylesheet" href="{p.as_uri()}">' for p in sorted(MATERIAL.glob("main.*.min.css")))
    page = tmp / "vereine" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f'<!doctype html><html lang="de"><head><meta charset="utf-8">{css}'
        f'<link rel="stylesheet" href="{(ROOT / "docs/assets/verzeichnis.css").as_uri()}"></head><body>'
        f'<main class="md-main"><div class="md-main__inner md-grid"><div class="md-content"><article '
        f'class="md-content__inner md-typeset">{body}</article></div></div></main>'
        f'<script src="{(ROOT / "docs/assets/directory.js").as_uri()}"></script></body></html>', encoding="utf-8")
    return page, len(directory.entries)


def weigh(html: bytes) -> str:
    return f"{len(html) / 1024:8.0f} KB raw, {len(gzip.compress(html, 9)) / 1024:6.0f} KB gzip"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[75, 1000, 10000])
    parser.add_argument("--site", type=Path, help="a built site: weigh its /vereine/ page as served")
    args = parser.parse_args()
    if args.site:
        built = (args.site / "vereine" / "index.html").read_bytes()
        script = (args.site / "assets" / "directory.js").read_bytes()
        print(f"built /vereine/ page: {weigh(built)}; directory.js: {weigh(script)}")

    from playwright.sync_api import sync_playwright

    from browser.find_chromium import LAUNCH_ARGS, find

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find(), args=LAUNCH_ARGS + ["--allow-file-access-from-files"])
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as tmp:
                page_path, published = render_page(size, Path(tmp))
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(page_path.as_uri())
                start = page.evaluate("() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
                page.wait_for_selector("[data-mso-filter]:not([hidden])")
                bezirk = page.get_attribute("input[name=stadtbezirk]", "value")
                result = page.evaluate(MEASURE, ["beratungen", bezirk])
                keys, facet = result["keys"], result["facet"]
                print(f"{published:>6} published: page {weigh(page_path.read_bytes())}; ready after {start:6.0f} ms; "
                      f"per keystroke median {statistics.median(keys):5.1f} ms, max {max(keys):6.1f} ms; "
                      f"facet click median {statistics.median(facet):5.1f} ms, max {max(facet):6.1f} ms")
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
