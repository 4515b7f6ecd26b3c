"""Hardened YAML loading: bytes → plain data with the line of every field.

Profiles come from outside, so the loader accepts only a small, safe part of YAML:
UTF-8 text of limited size and nesting, one document, no tags, anchors or aliases,
no duplicate keys. Every problem becomes a German `Problem`; nothing raises.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .characters import anywhere_message, forbidden_anywhere
from .problems import Problem

MAX_BYTES = 256 * 1024
MAX_DEPTH = 8

Path_ = tuple[str | int, ...]

_SCALAR_TAGS = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """One loaded profile file."""

    path: Path
    display: str
    data: dict[str, Any]
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # (line, column), from 1
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """The file name without `.yml`: the profile's Kurzadresse."""
        return self.path.stem

    def position(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Line and column of a field's value (of its name with `key=True`), else of its nearest parent."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while path and path not in self.value_marks:
            path = path[:-1]
        return self.value_marks.get(path, (1, 1))


def load_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read one profile file: (Document, []) when it loads, else (None, problems); never raises."""
    display = display or path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [_problem(display, None,
                f"Die Datei ist zu groß ({_kb(size)}). Erlaubt sind höchstens {_kb(MAX_BYTES)}; "
                "ein Profil braucht normalerweise weniger als 10 KB. Kürzen Sie die Texte.")]
        return load_bytes(path.read_bytes(), path, display)
    except OSError as exc:
        return None, [_problem(display, None, f"Die Datei konnte nicht gelesen werden ({exc.strerror}).")]


def load_bytes(raw: bytes, path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Like `load_file` for bytes already read; `path` names the file, `display` is shown in messages."""
    try:
        return _load(raw, path, display)
    except Exception as exc:  # noqa: BLE001 - the loader must never show a traceback
        return None, [_problem(display, None,
            f"Die Datei konnte nicht gelesen werden. Bitte prüfen Sie die YAML-Syntax (technisch: {type(exc).__name__}).")]


def _load(raw: bytes, path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        return None, [_problem(display, None,
            f"Die Datei ist zu groß ({_kb(len(raw))}). Erlaubt sind höchstens {_kb(MAX_BYTES)}.")]
    text, problems = _decode(raw, display)
    if problems:
        return None, problems
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        return None, [_problem(display, 1, "Die Datei ist leer. Ein Profil braucht mindestens "
                               "`name`, `veroeffentlichen`, `stand` und `stadtbezirk`.")]
    problems = _check_characters(text, display) or _check_events(text, display)
    if problems:
        return None, problems
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        return None, [_problem(display, _line(root), "Die Datei muss aus Feldern der Form `name: Wert` bestehen, "
                               "zum Beispiel `name: Mein Verein e. V.`.")]
    doc = Document(path=path, display=display, data={})
    problems = []
    doc.data = _build(root, (), doc, problems)
    return (None if problems else doc), problems


def _decode(raw: bytes, display: str) -> tuple[str, list[Problem]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", [_problem(display, line,
            f"Die Datei ist nicht als UTF-8 gespeichert (unbekanntes Byte 0x{raw[exc.start]:02X}, oft ein Umlaut). "
            "Speichern Sie die Datei in Ihrem Editor mit der Kodierung „UTF-8“.")]
    return text.replace("\r\n", "\n"), []


def _check_characters(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(_problem(display, number,
                "Die Zeile ist mit einem Tabulator eingerückt. Rücken Sie bitte nur mit Leerzeichen ein."))
            continue
        bad = forbidden_anywhere(line, allowed="\t")
        if bad is not None:
            problems.append(_problem(display, number, anywhere_message(bad)))
    return problems


def _check_events(text: str, display: str) -> list[Problem]:
    problems: list[Problem] = []
    forbidden: dict[str, tuple[int, str, int]] = {}  # kind → (first line, first example, how often)
    depth = documents = 0

    def forbid(kind: str, line: int, example: str) -> None:
        first_line, first_example, count = forbidden.get(kind, (line, example, 0))
        forbidden[kind] = (first_line, first_example, count + 1)

    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(_problem(display, line, "Die Datei enthält mehr als ein YAML-Dokument (`---`). "
                                             "Ein Profil ist genau ein Dokument; löschen Sie die zweite `---`-Zeile."))
                    break
            if isinstance(event, yaml.AliasEvent):
                forbid("alias", line, f"*{event.anchor}")
                continue
            if getattr(event, "anchor", None):
                forbid("anchor", line, f"&{event.anchor}")
            if getattr(event, "tag", None):
                forbid("tag", line, str(event.tag).replace("tag:yaml.org,2002:", "!!"))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(_problem(display, line, f"Die Daten sind zu tief verschachtelt "
                                             f"(mehr als {MAX_DEPTH} Ebenen). Prüfen Sie die Einrückung."))
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, display))
    except yaml.YAMLError:
        problems.append(_problem(display, None, "Die YAML-Syntax ist fehlerhaft. Prüfen Sie Einrückung, "
                                 "Doppelpunkte und Anführungszeichen."))
    for kind, (line, example, count) in forbidden.items():
        more = f" (auch an {count - 1} weiteren Stellen)" if count > 1 else ""
        problems.append(_problem(display, line, _FORBIDDEN[kind].format(example=example) + more))
    return problems


_FORBIDDEN = {
    "alias": "Verweise wie `{example}` sind nicht erlaubt. Schreiben Sie den Wert bitte aus.",
    "anchor": "Anker wie `{example}` sind nicht erlaubt. Löschen Sie `{example}` und schreiben Sie Werte aus.",
    "tag": "Die Typangabe `{example}` ist nicht erlaubt. Schreiben Sie nur den Wert, ohne `!`-Angabe.",
}


_SYNTAX_HINTS = (
    ("mapping values are not allowed", "Hier steht ein Doppelpunkt, wo keiner erwartet wird. Setzen Sie Text, "
     "der einen Doppelpunkt enthält, in Anführungszeichen: `oeffnungszeiten: \"Di: 16 Uhr\"`."),
    ("could not find expected ':'", "Hier fehlt ein Doppelpunkt nach dem Feldnamen, oder die Einrückung stimmt nicht."),
    ("did not find expected key", "Die Einrückung stimmt nicht: Felder derselben Ebene müssen genau untereinander stehen."),
    ("did not find expected '-' indicator", "Die Einrückung der Liste stimmt nicht: jeder Eintrag beginnt mit `- ` "
     "in derselben Spalte."),
    ("found unexpected end of stream", "Ein Anführungszeichen oder eine Klammer wird nicht geschlossen."),
    ("found unknown escape character", "In Text mit doppelten Anführungszeichen ist `\\` nur vor bestimmten Zeichen "
     "erlaubt. Verwenden Sie einfache Anführungszeichen."),
    ("cannot start any token", "Dieses Zeichen darf hier nicht am Anfang eines Werts stehen. Setzen Sie den Wert "
     "in Anführungszeichen."),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    detail = str(exc.problem or "")
    hint = next((text for needle, text in _SYNTAX_HINTS if needle in detail),
                "Prüfen Sie Einrückung, Doppelpunkte und Anführungszeichen.")
    return _problem(display, mark.line + 1 if mark else None,
                    f"Die YAML-Syntax ist hier fehlerhaft. {hint} (technisch: {detail})")


def _build(node: yaml.Node, path: Path_, doc: Document, problems: list[Problem]) -> Any:
    doc.value_marks[path] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(_problem(doc.display, _line(key_node), "Als Feldname ist nur einfacher Text erlaubt."))
                continue
            key = key_node.value
            key_path = (*path, key)
            _check_invisible(key, key_node, path, doc, problems)
            if key in result:
                problems.append(Problem(doc.display, *_position(key_node), field_name(key_path),
                    f"steht doppelt in der Datei (zuerst in Zeile {doc.key_marks[key_path][0]}). "
                    "Löschen Sie einen der beiden Einträge, sonst ginge einer verloren."))
                continue
            doc.key_marks[key_path] = _position(key_node)
            result[key] = _build(value_node, key_path, doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), doc, problems) for index, item in enumerate(node.value)]
    value = _scalar(node)
    if isinstance(value, str):
        _check_invisible(value, node, path, doc, problems)
    return value


def _check_invisible(value: str, node: yaml.Node, path: Path_, doc: Document, problems: list[Problem]) -> None:
    """Escapes such as "\\x1b" or "\\u2028" in quoted text make characters the raw check cannot see."""
    bad = forbidden_anywhere(value)
    if bad is not None:
        problems.append(Problem(doc.display, *_position(node), field_name(path) or None,
            anywhere_message(bad) + " Im Profil steht es wohl als `\\`-Angabe in Anführungszeichen."))


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag not in _SCALAR_TAGS:
        return node.value
    try:
        value = _constructor.construct_object(node)
    except (ValueError, yaml.YAMLError):
        return node.value  # e.g. 2026-13-45: the schema reports it as an invalid date
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def field_name(path: Path_) -> str:
    """A field path for people: `ansprechpersonen[2].name` (entries counted from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB".replace(",", ".") if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _problem(display: str, line: int | None, message: str) -> Problem:
    return Problem(display, line, None, None, message)

