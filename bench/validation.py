"""Benchmark: schema validation per profile (the compiled validator only, files already loaded).

    .venv/bin/python bench/validation.py 1000

Prints milliseconds per profile (best of 5 runs) for `Schema.validator` and for the whole `check_document`.
Not a test: the machine's noise is ±30 %.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from synthetic import write_profiles  # noqa: E402

from mso.load import load_file  # noqa: E402
from mso.schema import Schema  # noqa: E402
from mso.validate import check_document  # noqa: E402


def best(run, repeat: int = 5) -> float:
    """The fastest of `repeat` runs in milliseconds: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def main(size: int) -> None:
    schema = Schema(ROOT / "schema" / "organisation.schema.json")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "organisations"
        write_profiles(folder, size)
        documents = [load_file(path)[0] for path in sorted(folder.glob("*.yml"))]
    list(schema.validator.iter_errors(documents[0].data))  # compile once, outside the timing
    stichtag = datetime.date(2026, 11, 22)
    schema_ms = best(lambda: [list(schema.validator.iter_errors(doc.data)) for doc in documents]) / size
    check_ms = best(lambda: [check_document(doc, schema, stichtag) for doc in documents]) / size
    print(f"{size} Profile: Schema {schema_ms:.2f} ms, check_document {check_ms:.2f} ms je Profil")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
