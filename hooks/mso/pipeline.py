"""load → validate → Directory, as one function for the hook, the command line and tests."""

from __future__ import annotations

from .config import Settings
from .fields import profile_fields
from .model import Directory
from .problems import DataError, Problem
from .schema import Schema, for_settings
from .validate import validate_paths


def load_directory(settings: Settings, schema: Schema | None = None) -> Directory:
    """The Directory for these settings; raises DataError with every problem found."""
    schema = schema or for_settings(settings)
    profile_fields(schema, include_internal=True)  # a schema shape the form cannot show: ConfigError now, not later
    if not settings.daten.is_dir():
        raise DataError([Problem(str(settings.daten), None, None, None,
                                 "Den Ordner mit den Vereinsprofilen gibt es nicht. Prüfen Sie "
                                 "`extra.verzeichnis.daten` in mkdocs.yml.")])
    documents, problems = validate_paths([settings.daten], schema, settings.stichtag, root=settings.root)
    if problems:
        raise DataError(problems)
    return Directory(documents, schema, settings)
