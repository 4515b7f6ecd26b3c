"""/vereine/: every published profile, A–Z."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..model import Directory, Entry
from .base import Output, Renderer


def letter(entry: Entry) -> str:
    first = entry.sort_key[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def outputs(directory: Directory, renderer: Renderer) -> Iterator[Output]:
    groups = [(key, list(items)) for key, items in groupby(directory.entries, key=letter)]
    yield renderer.page("vereine/index.md", "directory.html", title="Vereine",
                        description=f"Alle {directory.counts.veroeffentlicht} veröffentlichten Vereine von A bis Z.",
                        groups=groups)
