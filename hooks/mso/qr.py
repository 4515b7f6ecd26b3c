"""QR codes to the online profiles, as inline SVG, kept between builds.

segno takes about 2 ms a code, 20 s at 10,000 profiles; the codes of one build are kept in
`.cache/mso/qr.json` under the project, so the next build makes only the new ones.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import segno
from markupsafe import Markup

CACHE_FILE = Path(".cache") / "mso" / "qr.json"
CACHE_VERSION = f"segno {segno.__version__}, m, mask 0, 1"


def make_svg(url: str) -> str:
    # A fixed mask is as valid as the "best" one and makes the code four times faster to compute.
    svg = segno.make(url, error="m", mask=0).svg_inline(scale=1, border=2, omitsize=True, svgclass="mso-qr",
                                                        lineclass=None, title=f"QR-Code: {url}")
    return svg.replace("<svg ", '<svg role="img" ', 1)


class QrCodes:
    """`codes(url)` gives the code as Markup; `save()` keeps the codes used in this build for the next."""

    def __init__(self, cache_path: Path | None):
        self.cache_path = cache_path
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if cache_path is not None and cache_path.is_file():
            try:
                data = json.loads(cache_path.read_text(encoding="utf-8"))
                if data.get("version") == CACHE_VERSION:
                    self.known = data["codes"]
            except (OSError, ValueError, KeyError):
                pass

    def __call__(self, url: str) -> Markup:
        svg = self.used.get(url) or self.known.get(url) or make_svg(url)
        self.used[url] = svg
        return Markup(svg)

    def save(self) -> None:
        if self.cache_path is None or self.used == self.known:
            return
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.cache_path.parent,
                                             delete=False) as temporary:
                json.dump({"version": CACHE_VERSION, "codes": self.used}, temporary, sort_keys=True)
            os.replace(temporary.name, self.cache_path)
            self.known = dict(self.used)
        except OSError:
            pass  # a cache that cannot be written only costs time
