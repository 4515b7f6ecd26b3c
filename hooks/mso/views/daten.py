"""Placeholder: this view is built in its own issue."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Directory
from .base import Output, Renderer


def outputs(directory: Directory, renderer: Renderer) -> Iterable[Output]:
    return ()
