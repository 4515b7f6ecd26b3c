"""Colours for `extra.verzeichnis.farbe`: Material's palette names, hex colours and their contrast (WCAG 2.1)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

WHITE = "#ffffff"
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: white text on the colour, links in the colour on white
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})")
_RULE = re.compile(r"\[data-md-color-primary=([a-z-]+)\]\{--md-primary-fg-color:(#[0-9a-f]{3,6})[;}]")


@functools.cache
def material_palette() -> dict[str, str]:
    """Material's primary colours by name (`indigo` → `#4051b5`), read from the installed theme's stylesheet."""
    try:
        import material
    except ImportError:
        return {}
    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    found: dict[str, str] = {}
    for sheet in sorted(folder.glob("palette.*.min.css")):
        for name, colour in _RULE.findall(sheet.read_text(encoding="utf-8")):
            found.setdefault(name, parse_hex(colour) or "")
    return {name: colour for name, colour in found.items() if colour}


def parse_hex(text: str) -> str | None:
    """`#1A5276` or `#15a` as `#1a5276`; None for anything else."""
    match = _HEX.fullmatch(text.strip().lower())
    if match is None:
        return None
    digits = match.group(1)
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours, from 1 to 21."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(palette: dict[str, str]) -> list[str]:
    """The names in `palette` that white text and links on white can use."""
    return [name for name, colour in palette.items() if contrast(colour, WHITE) >= MIN_CONTRAST]


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` of `other` mixed in (for the lighter and darker shades)."""
    a = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b))
