"""A submission merged into the existing profile file, so that `git diff` shows only real changes.

The file is cut into its top-level fields, each with the comment lines above it. A field that does not
change, every field the form cannot express (`intern` and other staff-only fields) and every comment stay
byte for byte. A changed field is written by ruamel.yaml from the old value with the new parts put in, so
that comments inside it survive too; a new field goes where the schema order puts it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..fields import Field


class MergeError(Exception):
    """A German message: the file cannot be changed without touching more than the submission."""


@dataclass(frozen=True)
class Form:
    """What the form can express: its top-level fields, from the schema (fields.profile_fields)."""

    fields: dict[str, Field]
    order: tuple[str, ...]  # every top-level property in schema order

    def expresses(self, key: str) -> bool:
        """True when the form can express the field `key`, so a submission may change it."""
        return key in self.fields


def _yaml() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never fold long lines
    rt.indent(mapping=2, sequence=4, offset=2)  # `  - item`, as the form and the demo profiles write lists
    return rt


def load(text: str, what: str) -> CommentedMap:
    """Read YAML text with ruamel.yaml (comments and order kept); MergeError names `what` if it cannot."""
    try:
        data = _yaml().load(text)
    except (YAMLError, ValueError, TypeError) as exc:  # e.g. a date such as 2026-13-45 in `intern`
        raise MergeError(f"{what} konnte nicht mit ihren Kommentaren gelesen werden ({exc}). Ändern Sie die Datei "
                         "in diesem Fall von Hand.") from None
    if not isinstance(data, CommentedMap):
        raise MergeError(f"{what} besteht nicht aus Feldern der Form `name: Wert`.")
    return data


@dataclass
class _Entry:
    key: str
    lead: list[str]  # blank and comment lines right above the field
    body: list[str]  # the field's own lines


def split(text: str, data: CommentedMap, what: str) -> tuple[list[_Entry], list[str]]:
    """The file's top-level fields with their lines, and the comment lines after the last field."""
    lines = text.splitlines(keepends=True)
    starts = []
    for key in data:
        line, column = data.lc.key(key)
        if column != 0:
            raise MergeError(f"{what} ist nicht in der üblichen Form (jedes Feld am Zeilenanfang).")
        starts.append((line, key))
    starts.sort()
    lead_starts = []
    for index, (line, _) in enumerate(starts):
        floor = starts[index - 1][0] + 1 if index else 0
        first = line
        while first > floor and _is_loose(lines[first - 1]):
            first -= 1
        lead_starts.append(first if index else 0)
    end = len(lines)
    while starts and end - 1 > starts[-1][0] and _is_loose(lines[end - 1]):
        end -= 1
    entries = []
    for index, (line, key) in enumerate(starts):
        stop = lead_starts[index + 1] if index + 1 < len(starts) else end
        entries.append(_Entry(key, lines[lead_starts[index]:line], lines[line:stop]))
    return entries, lines[end:]


def _is_loose(line: str) -> bool:
    """A line between fields: empty, or a comment at the left edge."""
    return line.strip() == "" or line.startswith("#")


def merge(old_text: str, old_plain: dict[str, Any], new_text: str, new_plain: dict[str, Any],
          form: Form, what: str) -> str:
    """The old file with every field the form expresses set as in the submission."""
    if not old_text.endswith("\n"):
        old_text += "\n"  # so that a field added at the end starts on a line of its own
    old = load(old_text, what)
    new = load(new_text, "Die Meldung")
    entries, tail = split(old_text, old, what)
    by_key = {e.key: e for e in entries}
    order = [e.key for e in entries]
    for key in new:  # new fields after the nearest field that comes before them in the schema
        if key not in by_key and form.expresses(key):
            order.insert(_position(key, order, form.order), key)
    out: list[str] = []
    pending: list[str] = []  # comment lines of removed fields stay where they were
    for key in order:
        entry = by_key.get(key)
        if entry is None:
            out += pending + _emit(old, key, _node(new[key]), None)
            pending = []
            continue
        keep = not form.expresses(key) or _kept_when_missing(key, old_plain, new_plain, form)
        if keep or (key in new_plain and new_plain[key] == old_plain.get(key)):
            out += pending + entry.lead + entry.body
        elif key not in new_plain:
            pending += entry.lead
            continue
        else:
            value = _merged(old[key], old_plain[key], new[key], new_plain[key], form.fields[key])
            out += pending + entry.lead + _emit(old, key, value, old)
        pending = []
    return "".join(out + pending + tail)


def _kept_when_missing(key: str, old_plain: dict[str, Any], new_plain: dict[str, Any], form: Form) -> bool:
    return key not in new_plain and key in old_plain and has_default(form.fields[key], old_plain[key])


def has_default(field: Field, value: Any) -> bool:
    """A value the form leaves out because it is the default: `status: aktiv`, `netzwerk_mo: false`."""
    return (field.default is not None and value == field.default) or (field.kind == "boolean" and value is False)


def _position(key: str, order: list[str], schema_order: tuple[str, ...]) -> int:
    rank = {name: i for i, name in enumerate(schema_order)}
    mine = rank.get(key, len(rank))
    before = [i for i, name in enumerate(order) if rank.get(name, len(rank)) < mine]
    return before[-1] + 1 if before else 0


def _merged(old: Any, old_plain: Any, new: Any, new_plain: Any, field: Field | None) -> Any:
    """The new value, reusing the old nodes (and their comments) where nothing changed."""
    if old_plain == new_plain:
        return old
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap) and isinstance(old_plain, dict) \
            and isinstance(new_plain, dict):
        children = {c.key: c for c in field.children} if field is not None and field.children else None
        order = [c.key for c in field.children] if children else list(new)
        for key in list(old):
            if (children is None or key in children) and key not in new_plain:
                del old[key]
        for key in new:
            child = children.get(key) if children else None
            if key in old:
                old[key] = _merged(old[key], old_plain.get(key), new[key], new_plain[key], child)
            else:
                old.insert(_position(key, list(old), tuple(order)), key, _node(new[key]))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        if old.fa.flow_style():
            new.fa.set_flow_style()
        else:
            new.fa.set_block_style()
        olds = list(zip(old, old_plain)) if isinstance(old_plain, list) else []
        for index, item in enumerate(new_plain):
            same = next((node for node, plain in olds if plain == item), None)
            if same is not None and isinstance(same, (CommentedMap, CommentedSeq)):
                new[index] = same
        return new
    return _like(old, _node(new))


def _like(old: Any, new: Any) -> Any:
    """A new text in the old one's style: unquoted if the old one was and YAML reads it back as text."""
    if type(old) is str and isinstance(new, str) and type(new) is not str and "\n" not in new:
        if _RESOLVER.resolve(yaml.ScalarNode, str(new), (True, False)) == "tag:yaml.org,2002:str":
            return str(new)
    return new


_RESOLVER = yaml.resolver.Resolver()


def _node(value: Any) -> Any:
    """A value from the submission, without the submission's comments."""
    if isinstance(value, (CommentedMap, CommentedSeq)):
        value.ca.items.clear()
        value.ca.comment = None
        for item in value.values() if isinstance(value, CommentedMap) else value:
            _node(item)
    return value


def _emit(root: CommentedMap, key: str, value: Any, source: CommentedMap | None) -> list[str]:
    """One top-level field as text, with its end-of-line comment but without the comment lines below
    it (those belong to the next field and are kept there)."""
    single = CommentedMap()
    single[key] = value
    if source is not None and key in source.ca.items:
        single.ca.items[key] = source.ca.items[key]
    out = io.StringIO()
    _yaml().dump(single, out)
    lines = out.getvalue().splitlines(keepends=True)
    while len(lines) > 1 and _is_loose(lines[-1]):
        lines.pop()
    return lines


def drop_fields(text: str, keys: set[str], what: str) -> str:
    """The text without the named top-level fields (a new profile that brought staff-only fields)."""
    data = load(text, what)
    entries, tail = split(text, data, what)
    return "".join(line for e in entries if e.key not in keys for line in e.lead + e.body) + "".join(tail)


def set_field(text: str, key: str, value: Any, what: str) -> str:
    """The text with one top-level field's value replaced (the `stand` of a confirmation)."""
    data = load(text, what)
    entries, tail = split(text, data, what)
    out = []
    for entry in entries:
        out += entry.lead + (_emit(data, key, value, data) if entry.key == key else entry.body)
    return "".join(out + tail)
