"""A JSON Schema `pattern` as an HTML `pattern` attribute."""

from __future__ import annotations

import re

# How the schema ends a pattern: `$` alone would let Python's re.search accept a final "\n".
END_ANCHORS = ("$(?!\\n)", "$")
_CLASS_RESERVED = set("()[]{}/-\\|&!#%,:;<=>@`~")


def html_pattern(pattern: str) -> str:
    """The pattern without its anchors (browsers anchor it themselves) and valid with the `v` flag browsers
    use, which needs `( ) / -` and friends escaped inside character classes."""
    body = pattern.removeprefix("^")
    for anchor in END_ANCHORS:
        if body.endswith(anchor) and not body.endswith("\\" + anchor):
            body = body.removesuffix(anchor)
            break
    out, in_class, i = [], False, 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            out.append(body[i:i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "-" and re.match(r"[A-Za-z0-9]-[A-Za-z0-9]", body[i - 1:i + 2]):
                pass  # a range such as 0-9
            elif char in _CLASS_RESERVED or (char == "^" and body[i - 1] != "["):
                char = "\\" + char
        elif char == "[":
            in_class = True
        out.append(char)
        i += 1
    return "".join(out)
