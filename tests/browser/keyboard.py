"""Moving through a page as a keyboard user does."""

from __future__ import annotations


def tab_to(page, selector: str, limit: int = 600) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} ist mit der Tabulatortaste nicht erreichbar")
