"""Validation: schema and extra checks → Problems with German messages for volunteers.

jsonschema's own messages never reach a person: each error is translated by its keyword.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import disarm
from jsonschema import ValidationError

from . import slugs
from .characters import multi_line_problem, single_line_problem
from .load import Document, field_name, load_file
from .problems import Problem
from .schema import HINT, MESSAGE, Schema, is_date

_TYPES = {
    "string": "Text",
    "integer": "eine ganze Zahl",
    "number": "eine Zahl",
    "boolean": "`true` oder `false`",
    "array": "eine Liste (Einträge mit `- ` oder `[a, b]`)",
    "object": "eine Gruppe von Feldern (`feld: Wert`)",
}
_LIST_ALL_UP_TO = 12
_TYPO_MIN_LENGTH = 12
_PRIORITY = {"required": 0, "additionalProperties": 0, "type": 1, "pattern": 2, "enum": 3, "anyOf": 3, "format": 4}
_FIELD_REFERENCE = "die Feldreferenz unter /mitmachen/felder/"
# Files other than .yml that may lie in the profiles folder (compared by name without extension).
HOUSEKEEPING = frozenset({"readme", "liesmich", "license", "licence", "lizenz", "copying", "notice", "changelog",
                          "codeowners", "authors"})
# Files Windows and macOS put into any folder they show (thumbnails, folder settings, the folder icon);
# `.DS_Store` and AppleDouble `._name` are hidden files already
SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "icon\r"})
_LEGAL_FORM = re.compile(r"\b(e\.?\s*v\.?|ggmbh|gmbh)(?=\W|$)", re.IGNORECASE)


def validate_paths(paths: Iterable[Path], schema: Schema, stichtag: datetime.date,
                   root: Path | None = None) -> tuple[list[Document], list[Problem]]:
    """Load and check every file; return the documents and all problems (of all files at once)."""
    documents, problems = [], []
    files, found = expand(paths, root)
    problems += found
    for path in files:
        display = _display(path, root)
        if path.suffix != ".yml":
            problems.append(Problem(display, None, None, None,
                                    "Profile müssen die Endung `.yml` haben. Benennen Sie die Datei um."))
            continue
        doc, found = load_file(path, display)
        problems += found
        if doc is not None:
            documents.append(doc)
            problems += check_document(doc, schema, stichtag)
    problems += check_names(documents)
    return documents, sorted(problems, key=lambda p: (p.file, p.line or 0, p.field or "", p.message))


def expand(paths: Iterable[Path], root: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """The profile files in `paths` (folders are read one level deep), and problems with what else lies there.

    Hidden files, housekeeping files (README, LICENSE …) and the system's (Thumbs.db, desktop.ini) are skipped.
    A link that leaves its folder, a broken link and a subfolder are problems; a link's target is never read or
    shown."""
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        folder = path.resolve()
        for entry in sorted(path.iterdir()):
            if entry.name.startswith(".") or (entry.suffix != ".yml" and (
                    entry.name.split(".")[0].casefold() in HOUSEKEEPING or entry.name.casefold() in SYSTEM_FILES)):
                continue
            problem = _entry_problem(entry, folder)
            if problem:
                problems.append(Problem(_display(entry, root), None, None, None, problem))
            else:
                files.append(entry)
    return files, problems


def _entry_problem(entry: Path, folder: Path) -> str | None:
    if entry.is_symlink():
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):
            return ("Die Datei ist ein Verweis (symbolischer Link), der ins Leere zeigt. Löschen Sie den Verweis "
                    "oder legen Sie die Profildatei selbst in den Ordner.")
        if target.parent != folder:
            return ("Die Datei ist ein Verweis (symbolischer Link) auf eine Datei außerhalb des Ordners. Solche "
                    "Verweise werden nicht gelesen. Legen Sie die Profildatei selbst in den Ordner.")
    if entry.is_dir():
        return ("Das ist ein Unterordner. Profile werden nur direkt im Ordner gelesen, nicht in Unterordnern. "
                "Verschieben Sie die Profildateien eine Ebene höher, oder verschieben Sie den Unterordner aus "
                "dem Ordner, wenn er keine Profile enthält.")
    if not entry.is_file():
        return "Das ist keine gewöhnliche Datei. Im Ordner liegen nur Profildateien (.yml)."
    return None


def check_document(doc: Document, schema: Schema, stichtag: datetime.date) -> list[Problem]:
    """Every problem of one loaded profile: file name, text rules, schema and dates; one message per field."""
    problems = _check_slug(doc)
    found = _check_text(doc, schema)
    found += _check_dates(doc, schema, stichtag)  # before the schema's: 2101 is in the future, not just > 2100
    errors = sorted(schema.validator.iter_errors(doc.data), key=lambda e: _PRIORITY.get(e.validator, 9))
    for error in errors:
        found += _translate(error, doc, schema)
    seen: set[str | None] = set()
    for problem in found:
        if problem.field not in seen:  # one message per field: the most telling one
            seen.add(problem.field)
            problems.append(problem)
    return problems


def _strings(data: Any, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """Every text value in the data with its field path."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def _check_text(doc: Document, schema: Schema) -> list[Problem]:
    """Line breaks, invisible and reordering characters, stacked marks: by whether the field has one line."""
    problems = []
    for path, text in _strings(doc.data):
        message = multi_line_problem(text) if schema.is_multiline(path) else single_line_problem(text)
        if message:
            problems.append(Problem(doc.display, *doc.position(path), field_name(path) or None, message))
    return problems


def _check_slug(doc: Document) -> list[Problem]:
    if slugs.is_valid(doc.slug):
        return []
    suggestion = slugs.slugify(str(doc.data.get("name", ""))) or "mein-verein"
    return [Problem(doc.display, None, None, None,
        f"Der Dateiname „{doc.path.name}“ ist keine gültige Kurzadresse. Erlaubt sind {slugs.MIN_LENGTH} bis "
        f"{slugs.MAX_LENGTH} Kleinbuchstaben a–z, Ziffern und Bindestriche, ohne Leerzeichen und Umlaute. "
        f"Benennen Sie die Datei zum Beispiel in „{suggestion}.yml“ um.")]


def _check_dates(doc: Document, schema: Schema, stichtag: datetime.date) -> list[Problem]:
    """Dates and the founding year after the Stichtag."""
    problems = []
    for path, value in _strings(doc.data):
        if is_date(value) and schema.subschema(path).get("format") == "date" and \
                datetime.date.fromisoformat(value) > stichtag:
            problems.append(Problem(doc.display, *doc.position(path), field_name(path),
                f"Das Datum {value} liegt in der Zukunft (heute ist der {stichtag.isoformat()}). "
                "Tragen Sie das Datum ein, an dem es wirklich geschah."))
    year = doc.data.get("gegruendet")
    if isinstance(year, int) and not isinstance(year, bool) and year > stichtag.year:
        problems.append(Problem(doc.display, *doc.position(("gegruendet",)), "gegruendet",
            f"Das Gründungsjahr {year} liegt in der Zukunft (heute ist der {stichtag.isoformat()}). Tragen Sie das "
            f"Jahr ein, in dem der Verein gegründet wurde (höchstens {stichtag.year}), oder löschen Sie die Zeile, "
            "wenn Sie es nicht wissen."))
    return problems


def normalise_name(name: str, *, as_written: bool = False) -> str:
    """A key under which spelling variants and look-alikes of one name meet: case, accents, umlauts,
    'e. V.', spaces, and letters that look the same (UTS #39 confusable skeleton, with I/l/1 and O/0).

    The skeleton needs the name `as_written`: once case is folded, `I` is `i` and no longer looks like `l`
    (`CIub` and `Club`). Case-folded first, `TAFEL` meets `Tafel`. check_names compares both keys.
    Names without letters or digits (emoji only) keep their symbols, so two such names stay apart."""
    text = unicodedata.normalize("NFKC", name)
    text = _LEGAL_FORM.sub(" ", text if as_written else text.casefold())
    skeleton = disarm.skeleton_key(text, digit_policy="tr39")
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        skeleton = skeleton.replace(umlaut, plain)
    key = "".join(c for c in unicodedata.normalize("NFKD", skeleton) if c.isalnum())
    if key:
        return key
    return "".join(c for c in unicodedata.normalize("NFC", name.casefold()) if not c.isspace())


def check_names(documents: list[Document]) -> list[Problem]:
    """Equal names after normalising (either key of normalise_name), or names one typo apart, are probably the
    same association."""
    seen: dict[tuple[bool, str], Document] = {}
    problems = []
    for doc in documents:
        if not isinstance(doc.data.get("name"), str):
            continue
        variants = {(kind, variant) for kind in (False, True)
                    for variant in _one_typo_variants(normalise_name(doc.data["name"], as_written=kind))}
        twin = next((seen[v] for v in sorted(variants) if v in seen), None)
        if twin is not None:
            problems.append(Problem(doc.display, *doc.position(("name",)), "name",
                f"Der Name „{doc.data['name']}“ ist gleich oder fast gleich wie in {twin.display} "
                f"(„{twin.data['name']}“). Ist das derselbe Verein? Dann führen Sie beide Dateien zusammen."))
        for variant in variants:
            seen.setdefault(variant, doc)
    return problems


def _one_typo_variants(key: str) -> set[str]:
    """The key and every string with one character deleted: two keys one edit apart share one of these.
    Short names are compared exactly; one letter more or less makes a different short name."""
    if len(key) < _TYPO_MIN_LENGTH:
        return {key}
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}


def _translate(error: ValidationError, doc: Document, schema: Schema) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator

    def problem(message: str, at: tuple = path, *, key: bool = False) -> list[Problem]:
        return [Problem(doc.display, *doc.position(at, key=key), field_name(at) or None, message)]

    if kind == "required":
        missing = next(name for name in error.validator_value if name not in error.instance)
        why = " Es ist nötig, weil das Profil veröffentlicht werden soll (`veroeffentlichen: true`)." \
            if "then" in error.schema_path else ""
        help_text = schema.subschema((*path, missing)).get("description", "")
        return [Problem(doc.display, *doc.position(path), field_name((*path, missing)),
                        f"Das Pflichtfeld fehlt: {schema.title((*path, missing))}.{why} {help_text}".rstrip())]
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        result = []
        for name in error.instance:
            if name not in known:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"Meinten Sie `{close[0]}`?" if close else f"Erlaubt sind: {', '.join(known)}."
                result += problem(f"Dieses Feld gibt es nicht. {hint}", (*path, name), key=True)
        return result
    if kind == "type":
        return problem(_type_message(error.instance, error.validator_value))
    if kind == "enum" and "propertyNames" in error.relative_schema_path:
        return problem(f"Der Schlüssel {_vocabulary_message(error.instance, error.schema, schema)}")
    if kind == "enum":
        return problem(_vocabulary_message(error.instance, error.schema, schema))
    if kind == "anyOf":
        return _translate_any_of(error, doc, schema)
    if kind in ("format", "pattern"):
        node = error.schema
        parts = [f"„{error.instance}“ {node.get(MESSAGE, 'hat nicht die erwartete Form.')}",
                 str(error.cause or ""), node.get(HINT, "")]
        return problem(" ".join(p for p in parts if p))
    if kind == "minLength":
        return problem("Das Feld ist leer. Tragen Sie einen Text ein oder löschen Sie die Zeile.")
    if kind == "maxLength":
        return problem(f"Der Text ist zu lang ({len(error.instance)} Zeichen). "
                       f"Erlaubt sind höchstens {error.validator_value} Zeichen.")
    if kind == "minItems":
        return problem("Die Liste ist leer. Tragen Sie mindestens einen Wert ein oder löschen Sie das Feld.")
    if kind == "uniqueItems":
        seen, twice = set(), None
        for item in error.instance:
            key = repr(item)
            if key in seen:
                twice = item
                break
            seen.add(key)
        return problem(f"„{twice}“ steht doppelt in der Liste. Löschen Sie einen der beiden Einträge.")
    if kind == "minProperties":
        names = ", ".join(f"`{n}`" for n in error.schema.get("properties", {}))
        return problem(f"Tragen Sie mindestens eine Angabe ein: {names}.")
    if kind in ("minimum", "maximum"):
        bounds = schema.subschema(path)
        return problem(f"Die Zahl {error.instance} ist nicht möglich. Erlaubt sind Werte von "
                       f"{bounds.get('minimum')} bis {bounds.get('maximum')}.")
    description = schema.subschema(path).get("description", "")
    return problem(f"Der Wert passt nicht zu den Regeln für dieses Feld. {description}".strip())


def _translate_any_of(error: ValidationError, doc: Document, schema: Schema) -> list[Problem]:
    """Report the errors of the branch whose type fits the value, else name the accepted types."""
    branches = error.validator_value
    for index, branch in enumerate(branches):
        if _json_type(error.instance) == branch.get("type"):
            found = [e for e in error.context if e.schema_path and e.schema_path[0] == index]
            return [p for e in found for p in _translate(e, doc, schema)]
    expected = " oder ".join(_TYPES.get(b.get("type"), "ein Wert") for b in branches)
    path = tuple(error.absolute_path)
    return [Problem(doc.display, *doc.position(path), field_name(path),
                    f"Hier wird {expected} erwartet, nicht {_shown(error.instance)}.")]


def _type_message(instance: Any, expected: str | list[str]) -> str:
    names = " oder ".join(_TYPES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
    message = f"Hier wird {names} erwartet, nicht {_shown(instance)}."
    if expected == "string" and isinstance(instance, (bool, int, float)):
        message += f" Tipp: Setzen Sie den Wert in Anführungszeichen, zum Beispiel \"{_yaml_word(instance)}\"."
    return message


def _vocabulary_message(value: Any, node: dict[str, Any], schema: Schema) -> str:
    terms = schema.terms(node)
    message = f"„{value}“ {node.get(MESSAGE, 'ist nicht in der Liste.')}"
    if isinstance(value, bool):
        return message + " Setzen Sie Werte wie \"no\" oder \"on\" in Anführungszeichen."
    text = str(value).casefold()
    by_label = {t.label.casefold(): t for t in terms.values()}
    by_label.update({t.name.casefold(): t for t in terms.values() if t.name})
    by_label.update({t.endonym.casefold(): t for t in terms.values() if t.endonym})
    match = by_label.get(text) or next((t for t in terms.values() if t.value.casefold() == text), None)
    if match is None:
        close = difflib.get_close_matches(text, list(by_label) + list(terms), n=1, cutoff=0.75)
        match = (by_label.get(close[0]) or terms.get(close[0])) if close else None
    if match is not None:
        message += f" Meinten Sie `{match.value}` ({match.label})?"
    if len(terms) <= _LIST_ALL_UP_TO:
        message += " Erlaubt sind: " + ", ".join(terms) + "."
    else:
        message += f" Alle erlaubten Werte nennt {_FIELD_REFERENCE}."
    return message


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _shown(value: Any) -> str:
    if value is None:
        return "ein leerer Wert"
    if isinstance(value, bool):
        return f"`{_yaml_word(value)}`"
    if isinstance(value, (dict, list)):
        return _TYPES[_json_type(value)].split(" (")[0]
    if isinstance(value, (int, float)):
        return f"die Zahl {value}"
    return f"der Text „{value}“"


def _yaml_word(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _display(path: Path, root: Path | None) -> str:
    """The path relative to `root`, as written: a link shows its own name, never its target's."""
    if root is not None:
        try:
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
