"""Views: each module turns the Directory into generated files (pages, data, PDF).

A view module has `outputs(directory, renderer) -> Iterable[Output]` and may have
`post_build(directory, renderer, site_dir)` for work that needs the built site folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Directory
from .base import Output, Renderer
from . import daten, directory, listings, mitmachen, profile, steckbriefe, zahlen

VIEWS = (profile, directory, listings, zahlen, daten, steckbriefe, mitmachen)

__all__ = ["VIEWS", "Output", "Renderer", "all_outputs", "post_build"]


def all_outputs(dir_: Directory, renderer: Renderer) -> Iterator[Output]:
    for view in VIEWS:
        yield from view.outputs(dir_, renderer)


def post_build(dir_: Directory, renderer: Renderer, site_dir: Path) -> None:
    for view in VIEWS:
        hook = getattr(view, "post_build", None)
        if hook is not None:
            hook(dir_, renderer, site_dir)
