"""Moving through a page as a keyboard user does."""

from __future__ import annotations


def tab_to(page, selector: str, limit: int = 600) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} ist mit der Tabulatortaste nicht erreichbar")



def fill_by_keyboard(page, steps: list[tuple[str, tuple[str, ...], str]]) -> None:
    """For each (selector, keys, text): Tab to the element, press the keys, then type the text."""
    for selector, keys, text in steps:
        tab_to(page, selector)
        for key in keys:
            page.keyboard.press(key)
        if text:
            page.keyboard.type(text)
