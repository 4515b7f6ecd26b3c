"""CSV for spreadsheets: the one writer for `/daten/vereine.csv` and `mso stale --csv`.

UTF-8 with BOM, `;` and CRLF, so that German Excel and LibreOffice open the file directly. A cell that
starts like a formula gets a leading apostrophe, so that the program shows it as text instead of running
it (CSV injection: `=HYPERLINK(…)`) or turning a phone number such as `+49 521 …` into an error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

# ASCII and full-width forms; tab and CR let some programs skip to the next cell or line first.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value: object) -> str:
    """The value as text, with an apostrophe in front if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """The whole file as text, BOM first; every cell passes through safe_cell."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), delimiter=";", lineterminator="\r\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: safe_cell(row.get(column, "")) for column in columns})
    return "\ufeff" + buffer.getvalue()
