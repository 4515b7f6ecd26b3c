"""`make bench`: the build and the search at 100, 1,000 and 10,000 synthetic profiles, against a baseline.

    .venv/bin/python bench/run.py                   # 100, 1000, 10000; writes bench/results.md
    .venv/bin/python bench/run.py 100 1000          # other sizes
    .venv/bin/python bench/run.py --profile 1000    # cProfile of one build: where the time goes

For each size, in one run:
- the project with its hooks (`mkdocs build`, no PDF: bench/pdf.py measures the brochure);
- the baseline: the same profiles as plain Markdown pages (name, description, offers, facts) with the same
  theme and settings, Material's own search plugin, and no hooks;
- wall time and peak memory of each build (the build process and its children, from wait4), the size of the
  built site, and for the hooks' site the search in Chromium: the header search box is typed into as a person
  would, and the bytes Pagefind loads and the time from the last keystroke to the shown results are recorded
  (the first query also loads Pagefind itself). The baseline's search loads its whole index at once.
Once per run: `make site` on the demo data with the PDF already cached, and a `mkdocs serve` rebuild after one
profile changes.

Not a test: the machines are noisy (±30 %); read the figures as ratios. The goals come from issue 11.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT / "hooks")]

from synthetic import write_profiles  # noqa: E402

PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "schema", "overrides", "uebersetzungen")
# The main language only, as the baseline is one site; each further language is one more build of the same kind
# (docs/betrieb.md, "Sprachen").
ENV = {**os.environ, "MSO_STICHTAG": "2026-11-22", "NO_MKDOCS_2_WARNING": "1", "MSO_PDF": "0", "MSO_SPRACHEN": ""}
QUERIES = ["Beratung", "Hausaufgabenhilfe", "Tänze", "Joellenbeck", "Frauen Beratung", "arabisch", "Sprachkurse",
           "Fussball", "Heepen", "Kinderbetreuung"]
GOALS = {"ratio_1000": 1.5, "ratio_1000_aim": 1.2, "scale_10k_1k": 11, "memory_10k_mb": 3072, "site_75_s": 5,
         "serve_s": 2, "search_ms": 300, "search_kb": 300}


@dataclass
class Build:
    seconds: float
    peak_mb: float
    site_mb: float
    files: int


@dataclass
class Search:
    first_kb: float
    first_ms: float
    kb: list[float] = field(default_factory=list)  # per query after the first
    ms: list[float] = field(default_factory=list)


# --- projects ------------------------------------------------------------------------------------------------

def hooks_project(target: Path, size: int) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    write_profiles(target / "organisations", size)
    return target


def baseline_project(target: Path, profiles: Path) -> Path:
    """The same profiles as plain Markdown pages, the same theme settings, no hooks, Material's search."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    plain = {key: config[key] for key in ("site_name", "site_url", "docs_dir", "site_dir", "use_directory_urls",
                                          "theme", "markdown_extensions") if key in config}
    plain["theme"] = {k: v for k, v in plain["theme"].items() if k != "custom_dir"}
    plain.update(plugins=[{"search": {"lang": "de"}}], nav=[{"Start": "index.md"}], not_in_nav="/vereine/*",
                 extra={"generator": False})
    (target / "docs" / "vereine").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Vereine\n\nDas Verzeichnis als einfache Seiten.\n", encoding="utf-8")
    for path in sorted(profiles.glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if data.get("veroeffentlichen") is not True:
            continue
        text = data["beschreibung"]["de"] if isinstance(data["beschreibung"], dict) else data["beschreibung"]
        lines = [f"# {data['name']}", "", f"Stadtbezirk: {data['stadtbezirk']}", "", text, ""]
        if data.get("angebote"):
            lines += ["## Angebote", ""] + [f"- {item}" for item in data["angebote"]] + [""]
        lines += ["## Themen und Sprachen", "", ", ".join(data["themen"]), "", ", ".join(data["sprachen"]), ""]
        contact = data.get("kontakt", {})
        lines += ["## Kontakt", ""] + [f"- {key}: {value}" for key, value in contact.items() if isinstance(value, str)]
        (target / "docs" / "vereine" / f"{path.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def build(project: Path, *, env: dict[str, str] | None = None) -> Build:
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project,
                               env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        sys.exit(f"Bau in {project} fehlgeschlagen:\n{stderr.decode()[-3000:]}")
    files = [p for p in site.rglob("*") if p.is_file()]
    return Build(seconds, usage.ru_maxrss / 1024, sum(p.stat().st_size for p in files) / 1e6, len(files))


# --- the search in Chromium ----------------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


WATCH = """q => {
  const status = document.querySelector('[data-mso-suche-status]');
  const box = document.querySelector('[data-mso-suche-eingabe]');
  let typed = 0;
  box.addEventListener('input', () => { typed = performance.now(); }, {once: true});
  const done = () => /^(\\d+|Kein) Treffer für „/.test(status.textContent) && status.textContent.includes('„' + q + '“');
  window.__shown = new Promise(resolve => new MutationObserver((_, observer) => {
    if (typed && done()) { observer.disconnect(); resolve(performance.now() - typed); }
  }).observe(status, {childList: true, characterData: true, subtree: true}));
}"""


def measure_search(site: Path) -> Search:
    from playwright.sync_api import sync_playwright

    from browser.find_chromium import LAUNCH_ARGS, find

    server, url = serve(site)
    loaded: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find(), args=LAUNCH_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("response", lambda r: loaded.append(int(r.headers.get("content-length", 0)))
                    if "/pagefind/" in r.url else None)
            page.goto(url, wait_until="networkidle")
            box = page.locator("[data-mso-suche-eingabe]")
            result = None
            for query in QUERIES:
                loaded.clear()  # the first query also counts Pagefind's start (script, WebAssembly, metadata)
                box.focus()
                # All but the last letter without events, then the last keystroke: one search per query, as
                # when someone types faster than the search waits (docs/assets/suche.js, WAIT).
                box.evaluate("(el, v) => { el.value = v; }", query[:-1])
                page.evaluate(WATCH, query)
                box.press(query[-1])
                milliseconds = page.evaluate("window.__shown")
                page.wait_for_load_state("networkidle")
                kilobytes = sum(loaded) / 1024
                if result is None:
                    result = Search(kilobytes, milliseconds)
                else:
                    result.kb.append(kilobytes)
                    result.ms.append(milliseconds)
            browser.close()
    finally:
        server.shutdown()
    return result


# --- once per run: make site with a cached PDF, and a serve rebuild ------------------------------------------

def demo_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in (*PROJECT_PARTS, "organisations"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    return target


def languages() -> list[str]:
    """The languages of the project's mkdocs.yml."""
    from mso import config

    return list(config.from_mkdocs_file(ROOT / "mkdocs.yml").sprachen)


def make_site_cached(tmp: Path) -> tuple[float, float]:
    """Seconds of `make site` on the demo data with the PDF cached: the main language's site, and every language
    (what `make site` builds)."""
    project = demo_project(tmp / "demo")
    env = {**ENV, "MSO_PDF": "1"}
    build(project, env=env)  # fills .cache/ (PDF, compound parts, count history)
    every = {key: value for key, value in env.items() if key != "MSO_SPRACHEN"}
    return build(project, env=env).seconds, build(project, env=every).seconds


def serve_rebuild(tmp: Path) -> float:
    """Seconds from saving a changed profile until `mkdocs serve` serves the changed page."""
    project = demo_project(tmp / "serve")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    profile = sorted((project / "organisations").glob("*.yml"))[0]
    data = yaml.load(profile.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    page = f"http://127.0.0.1:{port}/vereine/{profile.stem}/"
    try:
        _wait_for(page, data["name"].split()[0], 120)
        time.sleep(1)
        marker = "Bankett"  # a word the demo data does not use
        text = profile.read_text(encoding="utf-8")
        old = data["beschreibung"] if isinstance(data["beschreibung"], str) else data["beschreibung"]["de"]
        first_words = old.split()[0]
        start = time.perf_counter()
        profile.write_text(text.replace(first_words, f"{marker} {first_words}", 1), encoding="utf-8")
        _wait_for(page, marker, 60)
        return time.perf_counter() - start
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def _wait_for(url: str, text: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", errors="replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"{url} zeigte nach {seconds} s nicht „{text}“.")


# --- report ----------------------------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in
                         ("mkdocs", "mkdocs-material", "pagefind", "compound-split", "Jinja2", "playwright"))
    chromium = subprocess.run([_chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    return {"CPU": cpu, "Kerne": str(os.cpu_count()), "Arbeitsspeicher": f"{memory / 1024 ** 2:.1f} GB",
            "System": platform.platform(), "Python": platform.python_version(), "Pakete": versions,
            "Browser": chromium}


def _chromium() -> str:
    from browser.find_chromium import find

    return find() or "chromium"


def de(number: float, digits: int = 0) -> str:
    """A number as German text: 10.000, 1,5."""
    return f"{number:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def ok(passed: bool) -> str:
    return "erreicht" if passed else "verfehlt"


def report(sizes: list[int], results: dict[int, dict], once: dict[str, float]) -> str:
    lines = ["# Messung: Bau und Suche (`make bench`)", "",
             f"Gemessen am {time.strftime('%Y-%m-%d')} mit `bench/run.py`. Die Rechner schwanken um ±30 %: "
             "Verhältnisse sind aussagekräftiger als Sekunden.", "", "## Rechner", ""]
    lines += [f"- {key}: {value}" for key, value in machine().items()]
    lines += ["", "## Ergebnisse", "",
              "| Profile (veröff.) | Bau | Grundlinie | Verhältnis | erster Bau | Speicher (Spitze) | Website | "
              "Grundlinie | Suche: 1. Anfrage | weitere Anfragen (Median / max) | Zeit bis Treffer (Median / max) | "
              "Grundlinie: Suchindex |", "|" + " --- |" * 12]
    for size in sizes:
        r = results[size]
        h, c, b, s = r["hooks"], r["cold"], r["baseline"], r["search"]
        lines.append(
            f"| {de(size)} ({de(r['published'])}) | {de(h.seconds, 1)} s | {de(b.seconds, 1)} s | "
            f"{de(h.seconds / b.seconds, 2)}× | {de(c.seconds, 1)} s, {de(c.peak_mb)} MB | "
            f"{de(h.peak_mb)} MB (Grundlinie {de(b.peak_mb)} MB) | {de(h.site_mb, 1)} MB, {de(h.files)} Dateien | "
            f"{de(b.site_mb, 1)} MB | {de(s.first_kb)} KB, {de(s.first_ms)} ms | "
            f"{de(statistics.median(s.kb))} / {de(max(s.kb))} KB | {de(statistics.median(s.ms))} / {de(max(s.ms))} ms | "
            f"{de(r['baseline_index_kb'])} KB |")
    lines += ["", "## Ziele (Issue 11)", ""]
    if 1000 in results:
        ratio = results[1000]["hooks"].seconds / results[1000]["baseline"].seconds
        lines.append(f"- 1.000 Profile höchstens 1,5× der Grundlinie (Ziel 1,2×): {de(ratio, 2)}× – "
                     f"{ok(ratio <= GOALS['ratio_1000'])}{'' if ratio <= GOALS['ratio_1000_aim'] else ' (1,2× verfehlt)'}")
    if 1000 in results and 10000 in results:
        scale = results[10000]["hooks"].seconds / results[1000]["hooks"].seconds
        lines.append(f"- t(10.000) / t(1.000) ≤ 11: {de(scale, 1)} – {ok(scale <= GOALS['scale_10k_1k'])}")
    if 10000 in results:
        peak = max(results[10000]["hooks"].peak_mb, results[10000]["cold"].peak_mb)
        lines.append(f"- 10.000 Profile in höchstens 3 GB: {de(peak)} MB – {ok(peak <= GOALS['memory_10k_mb'])}")
        s = results[10000]["search"]
        lines.append(f"- Suche bei 10.000: Treffer ≤ 300 ms nach dem letzten Tastendruck: Median "
                     f"{de(statistics.median(s.ms))} ms, höchstens {de(max(s.ms))} ms – "
                     f"{ok(max(s.ms) <= GOALS['search_ms'])}")
        lines.append(f"- Suche bei 10.000: ≤ 300 KB je Anfrage nach der ersten: höchstens {de(max(s.kb))} KB – "
                     f"{ok(max(s.kb) <= GOALS['search_kb'])}")
    if "site" in once:
        main, every = once["site"]
        lines.append(f"- 75 Profile, `make site` mit PDF aus dem Zwischenspeicher ≤ 5 s: {de(main, 1)} s – "
                     f"{ok(main <= GOALS['site_75_s'])}; mit allen {len(languages())} Sprachen (je Sprache ein Bau, "
                     f"wie `make site`): {de(every, 1)} s")
    if "serve" in once:
        lines.append(f"- `mkdocs serve`: neu gebaut ≤ 2 s nach Änderung eines Profils: {de(once['serve'], 1)} s – "
                     f"{ok(once['serve'] <= GOALS['serve_s'])}")
    lines += ["", "„Bau“: der zweite Bau desselben Projekts, wie bei jeder Änderung (Zwischenspeicher in `.cache/` gefüllt); "
              "„erster Bau“: frisch geklont, mit leerem Zwischenspeicher (CharSplit-Modell laden, QR-Codes erzeugen). "
              "Die Grundlinie wird ebenfalls zweimal gebaut und der zweite Bau gezählt. "
              "Bau ohne PDF (`MSO_PDF=0`; das PDF misst `bench/pdf.py`). Speicher: höchster Wert des Bauprozesses "
              "und seiner Kindprozesse (Pagefind). Suche: die Suchzeile oben wird in Chromium wie von einem Menschen "
              f"gefüllt; Anfragen: {', '.join(QUERIES)}. Die erste lädt Pagefind selbst (Skript, WebAssembly, "
              "Metadaten). Die Grundlinie lädt ihren ganzen Suchindex (`search/search_index.json`) auf einmal.", ""]
    return "\n".join(lines)


def run(sizes: list[int], output: Path | None, extras: bool) -> None:
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="mso-bench-") as temporary:
        tmp = Path(temporary)
        for size in sizes:
            project = hooks_project(tmp / f"hooks-{size}", size)
            cold = build(project)  # a fresh clone: empty .cache/ (compound splits, QR codes)
            hooks = build(project)  # every build after it
            published = sum(1 for _ in (project / "site" / "vereine").glob("*/index.html")
                            if len(_.parent.name) > 2)
            print(f"{size:>6} Profile: Bau {hooks.seconds:.1f} s, {hooks.peak_mb:.0f} MB "
                  f"(erster Bau {cold.seconds:.1f} s, {cold.peak_mb:.0f} MB)", flush=True)
            plain = baseline_project(tmp / f"plain-{size}", project / "organisations")
            build(plain)
            baseline = build(plain)
            index_kb = (plain / "site" / "search" / "search_index.json").stat().st_size / 1024
            print(f"{size:>6} Profile: Grundlinie {baseline.seconds:.1f} s ({hooks.seconds / baseline.seconds:.2f}×)",
                  flush=True)
            search = measure_search(project / "site")
            print(f"{size:>6} Profile: Suche {search.first_kb:.0f} KB / {search.first_ms:.0f} ms, danach "
                  f"{statistics.median(search.kb):.0f} KB / {statistics.median(search.ms):.0f} ms", flush=True)
            results[size] = dict(hooks=hooks, cold=cold, baseline=baseline, search=search, published=published,
                                 baseline_index_kb=index_kb)
            shutil.rmtree(project)
            shutil.rmtree(plain)
        once = {}
        if extras:
            once["site"] = make_site_cached(tmp)
            print("make site, 75 Profile, PDF aus dem Zwischenspeicher: {:.1f} s, alle Sprachen {:.1f} s".format(
                *once["site"]), flush=True)
            once["serve"] = serve_rebuild(tmp)
            print(f"mkdocs serve nach einer Änderung: {once['serve']:.1f} s", flush=True)
    text = report(sizes, results, once)
    print()
    print(text)
    if output:
        output.write_text(text, encoding="utf-8")
        (output.with_suffix(".json")).write_text(json.dumps(
            {str(size): {"hooks": vars(r["hooks"]), "cold": vars(r["cold"]), "baseline": vars(r["baseline"]),
                         "search": vars(r["search"]),
                         "published": r["published"], "baseline_index_kb": r["baseline_index_kb"]}
             for size, r in results.items()} | {"once": once, "machine": machine()}, indent=1, ensure_ascii=False),
            encoding="utf-8")


def profile(size: int) -> None:
    """Where a build at `size` profiles spends its time: cProfile, sorted by own time and by cumulative time."""
    import pstats

    with tempfile.TemporaryDirectory(prefix="mso-profile-") as temporary:
        project = hooks_project(Path(temporary) / "p", size)
        build(project)  # fills .cache/ as a first build does; the profile shows the everyday build
        stats = Path(temporary) / "build.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats), "-m", "mkdocs", "build", "-q", "-d",
                        str(project / "site")], cwd=project, env=ENV, check=True)
        for order in ("tottime", "cumulative"):
            pstats.Stats(str(stats)).sort_stats(order).print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10000])
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile one build of N profiles instead")
    parser.add_argument("--no-extras", action="store_true", help="skip make site (75) and the serve rebuild")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "results.md")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile)
    else:
        run(args.sizes, args.output, not args.no_extras)


if __name__ == "__main__":
    main()
