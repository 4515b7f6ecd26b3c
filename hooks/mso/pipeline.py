"""load → validate → Directory, as one function for the hook, the command line and tests."""

from __future__ import annotations

from pathlib import Path

from .config import Settings
from .fields import profile_fields
from .load import Document
from .model import Directory
from .problems import DataError, Problem
from .schema import Schema, for_settings
from .validate import validate_paths


def check_data(settings: Settings, schema: Schema, paths: list[Path] | None = None,
               root: Path | None = None) -> tuple[list[Document], list[Problem]]:
    """What the build checks before it builds, for the build and `mso validate` alike: the schema's shape (a
    shape the form cannot show raises ConfigError), then every profile in `paths` (default: the data folder)."""
    profile_fields(schema, include_internal=True)
    if paths is None:
        if not settings.daten.is_dir():
            return [], [Problem(str(settings.daten), None, None, None,
                                "Den Ordner mit den Vereinsprofilen gibt es nicht. Prüfen Sie "
                                "`extra.verzeichnis.daten` in mkdocs.yml.")]
        paths = [settings.daten]
    return validate_paths(paths, schema, settings.stichtag, root=settings.root if root is None else root)


def load_directory(settings: Settings, schema: Schema | None = None) -> Directory:
    """The Directory for these settings; raises DataError with every problem found."""
    schema = schema or for_settings(settings)
    documents, problems = check_data(settings, schema)
    if problems:
        raise DataError(problems)
    return Directory(documents, schema, settings)
