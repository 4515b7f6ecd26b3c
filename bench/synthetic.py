"""Synthetic profile sets for the benchmarks: copies of the demo data, N files in all."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def write_profiles(folder: Path, size: int) -> None:
    """Write `size` valid profiles; copies get a suffix distinct enough not to count as a typo of another."""
    demo = sorted((ROOT / "organisations").glob("*.yml"))
    folder.mkdir(parents=True)
    for index in range(size):
        source = demo[index % len(demo)]
        data = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        copy = index // len(demo)
        if copy:
            data["name"] = f"{data['name']} {hashlib.sha256(str(copy).encode()).hexdigest()[:10]}"
        (folder / f"{source.stem}-{copy}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
