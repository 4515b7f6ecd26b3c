"""Find a Chromium for the browser tests: $MSO_CHROMIUM, the system's, or Playwright's own.

Run as a script (`make test` does) with --install, it tries `playwright install chromium` when
no browser is found, and otherwise says exactly what is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
MISSING = """Für die Browser-Tests fehlt ein Chromium.
Installieren Sie eines davon:
  - Debian/Ubuntu:  sudo apt-get install chromium
  - oder Playwrights eigenes:  .venv/bin/playwright install chromium
  - oder geben Sie den Pfad an:  MSO_CHROMIUM=/pfad/zu/chromium make test"""


def playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 - no usable Playwright browser
        return None
    return path if path and Path(path).exists() else None


def find() -> str | None:
    explicit = os.environ.get("MSO_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for candidate in SYSTEM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found or playwright_chromium()


def main() -> int:
    if find():
        return 0
    if "--install" in sys.argv and not os.environ.get("CI"):
        print("Kein Chromium gefunden; versuche `playwright install chromium` …")
        result = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=False)
        if result.returncode == 0 and find():
            return 0
    print(MISSING, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
