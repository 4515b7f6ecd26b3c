"""A problem found in the data, with a German message for the person who fixes it."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import visible


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a file: where (file, line, column, field) and a German message saying how to fix it."""

    file: str
    line: int | None
    column: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        """`datei.yml, Zeile 3: Feld `name`: …`; file names, fields and values come from outside, so controls and
        invisible characters in them are shown as ‹U+001B› (never sent to a terminal or log as they are)."""
        where = self.file
        if self.line is not None:
            where += f", Zeile {self.line}"
        text = f"Feld `{self.field}`: {self.message}" if self.field else self.message
        return visible(f"{where}: {text}")


class DataError(Exception):
    """Raised when the data set has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0, p.field or ""))
        super().__init__(f"{len(self.problems)} Problem(e) in den Vereinsdaten")
