"""What a submission changes, field by field, in German: old value, new value, "neu" / "entfernt" / "geändert"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..load import field_name
from ..schema import Schema

NEU, ENTFERNT, GEAENDERT = "neu", "entfernt", "geändert"
_MISSING = object()


@dataclass(frozen=True)
class Change:
    """One changed field: its path, `kind` (neu, entfernt, geändert) and the old and new values."""

    path: tuple[str | int, ...]
    kind: str  # NEU, ENTFERNT or GEAENDERT
    old: Any = None
    new: Any = None


def changes(old: dict[str, Any], new: dict[str, Any], schema: Schema) -> list[Change]:
    """The field-by-field differences between two profiles, in the schema's field order."""
    return _compare(old, new, (), schema)


def _compare(old: Any, new: Any, path: tuple, schema: Schema) -> list[Change]:
    if old == new:
        return []
    if old is _MISSING:
        return [Change(path, NEU, None, new)]
    if new is _MISSING:
        return [Change(path, ENTFERNT, old, None)]
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in _ordered(list(old) + [k for k in new if k not in old], path, schema):
            found += _compare(old.get(key, _MISSING), new.get(key, _MISSING), (*path, key), schema)
        return found
    if _records(old) and _records(new):
        return _compare_records(old, new, path, schema)
    return [Change(path, GEAENDERT, old, new)]


def _records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _compare_records(old: list[dict], new: list[dict], path: tuple, schema: Schema) -> list[Change]:
    """Lists of persons: matched by name, so that removing the first does not "change" all the others."""
    found = []
    unmatched = list(range(len(old)))
    for index, item in enumerate(new):
        match = next((i for i in unmatched if old[i] == item), None)
        if match is None:
            match = next((i for i in unmatched if old[i].get("name") == item.get("name")), None)
        if match is None and index in unmatched and len(old) == len(new):
            match = index
        if match is None:
            found.append(Change((*path, index), NEU, None, item))
            continue
        unmatched.remove(match)
        found += _compare(old[match], item, (*path, index), schema)
    found += [Change((*path, i), ENTFERNT, old[i], None) for i in unmatched]
    return found


def _ordered(keys: list[str], path: tuple, schema: Schema) -> list[str]:
    node = schema.subschema(path) if path else schema.raw
    known = list(node.get("properties", {}))
    return sorted(keys, key=lambda k: (known.index(k) if k in known else len(known), keys.index(k)))


def label(path: tuple, schema: Schema) -> str:
    """`Ansprechperson 2 – Einwilligung (ansprechpersonen[2].einwilligung)`."""
    parts: list[str] = []
    for depth, part in enumerate(path):
        prefix = path[: depth + 1]
        if isinstance(part, int):
            item = schema.subschema(prefix).get("title") or (parts[-1] if parts else "Eintrag")
            parts[-1:] = [f"{item} {part + 1}"]
        elif part in schema.subschema(path[:depth]).get("properties", {}) or depth == 0:
            parts.append(schema.title(prefix))
        else:  # a key of a free map: the language of a description
            term = schema.vocab["sprache"].get(part)
            parts.append(term.name or term.label if term else part)
    return f"{' – '.join(parts)} ({field_name(path)})"


def show(value: Any) -> list[str]:
    """A value for the screen, as one or more lines."""
    if isinstance(value, bool):
        return ["ja" if value else "nein"]
    if value is None:
        return ["–"]
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return [", ".join(str(v) for v in value)]
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            shown = show(item)
            lines.append(f"{key}: {shown[0]}")
            lines += ["  " + line for line in shown[1:]]
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            shown = show(item)
            lines += ["- " + shown[0]] + ["  " + line for line in shown[1:]]
        return lines
    text = str(value)
    return text.rstrip("\n").split("\n") if text.strip() else [repr(text)]


def report(found: list[Change], schema: Schema) -> str:
    """The changes as text: one block per field."""
    lines = []
    for change in found:
        lines.append(f"  {change.kind:<9} {label(change.path, schema)}")
        if change.kind != NEU:
            lines += _values("alt", change.old)
        if change.kind != ENTFERNT:
            lines += _values("neu", change.new)
        if change.kind == GEAENDERT and isinstance(change.old, list) and isinstance(change.new, list):
            added = [v for v in change.new if v not in change.old]
            gone = [v for v in change.old if v not in change.new]
            detail = "; ".join(part for part in (
                f"dazu: {', '.join(map(str, added))}" if added else "",
                f"weg: {', '.join(map(str, gone))}" if gone else "") if part)
            if detail and all(not isinstance(v, (dict, list)) for v in change.old + change.new):
                lines.append(f"{'':12}({detail})")
    return "\n".join(lines)


def _values(word: str, value: Any) -> list[str]:
    shown = show(value)
    return [f"{'':12}{word}: {shown[0]}"] + [f"{'':12}{' ' * (len(word) + 2)}{line}" for line in shown[1:]]
