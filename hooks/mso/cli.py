"""The `mso` command: validate profiles, start a new one, list whom to remind, write the Stadtbezirke
into the schema file.

Exit codes: 0 all right, 1 problems in the data, 2 wrong use of the command.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from . import config as mso_config
from .load import load_bytes
from .pipeline import check_data
from .problems import DataError, Problem
from .schema import Schema, file_problem, for_settings
from .slugs import is_valid, slugify
from .slugs import problem as slug_problem
from .validate import check_document, check_names

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_OS_ERRORS = {errno.ENOENT: "den Ordner oder die Datei gibt es nicht", errno.EACCES: "keine Berechtigung",
              errno.EISDIR: "das ist ein Ordner", errno.ENOSPC: "kein Platz mehr auf dem Datenträger"}


# argparse's own words, in German (it looks them up through its module-level `_`).
_GERMAN = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Angaben",
    "options": "Optionen",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "unrecognized arguments: %s": "unbekannte Angaben: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "unbekannter Befehl: %(value)r (möglich: %(choices)s)",
    "expected one argument": "erwartet einen Wert",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "mehrdeutig: %(option)s passt zu %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
}
argparse._ = lambda text: _GERMAN.get(text, text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would answer in English
        self.print_usage(sys.stderr)
        print(f"Fehler beim Aufruf: {message}\nHilfe: mso --help", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def main(argv: list[str] | None = None) -> int:
    """Run the `mso` command with `argv` (default: the command line); returns the exit code."""
    parser = _Parser(prog="mso", description="Werkzeuge für das MSO-Verzeichnis.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    parser.add_argument("--config", type=Path, default=None, metavar="DATEI",
                        help="Pfad zur mkdocs.yml (Standard: im aktuellen Ordner oder darüber gesucht).")
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_Parser)
    check = commands.add_parser("validate", help="Profile prüfen.", add_help=False)
    check.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PFAD",
                       help="Dateien oder Ordner (Standard: der Datenordner aus mkdocs.yml).")
    new = commands.add_parser("new", help="Ein neues Profil aus der Vorlage anlegen.", add_help=False)
    new.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    new.add_argument("name", metavar="NAME", help="Der Name des Vereins, in Anführungszeichen.")
    write_schema = commands.add_parser("schema", add_help=False,
                                       help="Die Stadtbezirke aus mkdocs.yml in die Schema-Datei schreiben.",
                                       description="Schreibt `extra.verzeichnis.stadtbezirke` in `$defs.stadtbezirk` "
                                                   "der Schema-Datei (`extra.verzeichnis.schema`), die Editoren und "
                                                   "die Prüfung vor jedem Commit lesen. Der Rest bleibt, wie er ist.")
    write_schema.add_argument("-h", "--help", action="help", help="Diese Hilfe zeigen.")
    from . import intake, stale  # staff reminders and taking in submissions live in their own modules

    stale.add_parser(commands)
    intake.add_parser(commands)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        settings = mso_config.from_mkdocs_file(_find_config(args.config))
    except mso_config.ConfigError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "validate":
        return _validate(args.paths, settings)
    if args.command == "new":
        return _new(args.name, settings)
    if args.command == "schema":
        return _schema(settings)
    if args.command == "uebernehmen":
        return intake.run(args, settings)
    return stale.run(args, settings)


def _find_config(explicit: Path | None) -> Path:
    if explicit is not None:
        if not explicit.is_file():
            raise mso_config.ConfigError(f"{explicit} gibt es nicht.")
        return explicit
    for folder in (Path.cwd(), *Path.cwd().parents):
        if (folder / "mkdocs.yml").is_file():
            return folder / "mkdocs.yml"
    raise mso_config.ConfigError("Keine mkdocs.yml gefunden. Rufen Sie `mso` im Projektordner auf "
                                 "oder geben Sie --config an.")


def _validate(paths: list[Path], settings: mso_config.Settings) -> int:
    paths = paths or [settings.daten]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"Fehler: {path} gibt es nicht.", file=sys.stderr)
        return EXIT_USAGE
    schema = for_settings(settings)
    documents, problems = check_data(settings, schema, paths, root=Path.cwd())  # the build's own check
    for problem in problems:
        print(problem)
    stale_file = file_problem(schema, settings)
    if stale_file:
        print(stale_file)
    if problems:
        files = len({p.file for p in problems})
        print(f"\n{len(problems)} Problem(e) in {files} Datei(en). Bitte korrigieren Sie die genannten Stellen.")
        return EXIT_PROBLEMS
    if stale_file:
        return EXIT_PROBLEMS
    print("Das Profil ist in Ordnung." if len(documents) == 1 else f"Alle {len(documents)} Profile sind in Ordnung.")
    return EXIT_OK


def _schema(settings: mso_config.Settings) -> int:
    schema = for_settings(settings)
    names = ", ".join(schema.vocab["stadtbezirk"])
    if schema.districts_match_file and settings.schema.read_text(encoding="utf-8") == schema.text():
        print(f"{settings.schema} ist aktuell. Stadtbezirke: {names}.")
        return EXIT_OK
    schema.validator  # noqa: B018 - a schema the build would refuse is not written
    temporary = settings.schema.with_name(f".{settings.schema.name}.{os.getpid()}.tmp")
    temporary.write_text(schema.text(), encoding="utf-8")
    os.replace(temporary, settings.schema)
    print(f"Geschrieben: {settings.schema}\nStadtbezirke: {names}.")
    return EXIT_OK


def _new(name: str, settings: mso_config.Settings) -> int:
    from .template import new_profile

    slug = slugify(name)
    if not is_valid(slug):
        print(f"Fehler: {slug_problem(name)}", file=sys.stderr)
        return EXIT_USAGE
    if not settings.daten.is_dir():
        print(f"Fehler: Den Datenordner {settings.daten} gibt es nicht. Prüfen Sie `extra.verzeichnis.daten` "
              "in mkdocs.yml.", file=sys.stderr)
        return EXIT_USAGE
    target = settings.daten / f"{slug}.yml"
    if target.exists():
        print(f"Fehler: {target} gibt es schon. Ändern Sie diese Datei, statt eine neue anzulegen.", file=sys.stderr)
        return EXIT_PROBLEMS
    schema = for_settings(settings)
    schema_path = Path(os.path.relpath(settings.schema, settings.daten))
    text = new_profile(name, schema, settings.stichtag, schema_path, stadt=settings.stadt)
    problems = check_new_profile(text, target, schema, settings)
    if problems:
        for problem in problems:
            print(f"Fehler: Der Name „{name}“ geht so nicht. {problem.message}", file=sys.stderr)
        return EXIT_USAGE
    target.write_text(text, encoding="utf-8")
    print(f"Angelegt: {target}\nFüllen Sie die Felder aus und prüfen Sie dann mit: "
          f"{mso_config.command(settings, f'validate {target}')}")
    return EXIT_OK


def check_new_profile(text: str, target: Path, schema: Schema, settings: mso_config.Settings) -> list[Problem]:
    """The problems `mso validate` would report for the new file, beside the profiles already there."""
    doc, problems = load_bytes(text.encode("utf-8"), target, target.name)
    if doc is None:
        return problems
    existing, _ = check_data(settings, schema)
    return check_document(doc, schema, settings.stichtag) + [
        p for p in check_names([*existing, doc]) if p.file == doc.display]


def run() -> None:
    """The console script: `main()` with German messages for every error, then exit."""
    try:
        code = main()
    except DataError as exc:
        for problem in exc.problems:
            print(problem)
        code = EXIT_PROBLEMS
    except mso_config.ConfigError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno, exc.strerror)
        print(f"Fehler: {exc.filename or 'Eine Datei'} konnte nicht gelesen oder geschrieben werden ({reason}).",
              file=sys.stderr)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
