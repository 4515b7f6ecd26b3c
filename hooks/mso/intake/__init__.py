"""Taking in what associations send: `mso uebernehmen` (mail extraction, merge, diff)."""

from .command import add_parser, run

__all__ = ["add_parser", "run"]
