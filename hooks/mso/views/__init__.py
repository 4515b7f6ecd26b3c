"""Views: each module turns the Site (the Directory of one build) into generated pages and files.

A view module has `outputs(site) -> Iterable[PageSpec | Asset]`, and may have `fragments(site)` for
HTML that hand-written pages place, and `post_build(site, site_dir)` for work on the built site folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import daten, directory, listings, mitmachen, profile, steckbriefe, theme, zahlen
from .base import FACET_PATHS, Asset, Fragment, PageSpec, Renderer, Site, anchor_ids

VIEWS = (profile, directory, listings, zahlen, daten, steckbriefe, mitmachen, theme)

__all__ = ["VIEWS", "Asset", "Fragment", "PageSpec", "Renderer", "Site", "all_outputs", "all_fragments", "anchor_ids",
           "post_build", "theme", "unsearched_folders"]


def all_outputs(site: Site) -> Iterator[PageSpec | Asset]:
    for view in VIEWS:
        yield from view.outputs(site)


def all_fragments(site: Site) -> Iterator[Fragment]:
    for view in VIEWS:
        yield from getattr(view, "fragments", lambda _: ())(site)


def unsearched_folders() -> set[str]:
    """Top folders of the site whose pages are all kept out of the site search: the lists and the brochure."""
    return set(FACET_PATHS.values()) | {steckbriefe.SRC.split("/")[0]}


def post_build(site: Site, site_dir: Path) -> None:
    for view in VIEWS:
        hook = getattr(view, "post_build", None)
        if hook is not None:
            hook(site, site_dir)
