"""/mitmachen/: placeholder page; this view is built in its own issue."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Directory
from .base import Output, Renderer, front_matter


def outputs(directory: Directory, renderer: Renderer) -> Iterable[Output]:
    yield Output("mitmachen/index.md", front_matter(title="Mitmachen") + "\n# Mitmachen\n\nDiese Seite entsteht gerade.\n")
