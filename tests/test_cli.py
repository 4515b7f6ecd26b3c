"""`mso new` writes a valid, unpublished profile from the template and never overwrites."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "mso", *args], cwd=project, capture_output=True, text=True)


def test_new_profile_is_valid_and_never_overwritten(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    (tmp_path / "organisations").mkdir()
    created = run(tmp_path, "new", "Kulturverein Süd-Ost e. V.")
    target = tmp_path / "organisations" / "kulturverein-sued-ost-e-v.yml"
    assert created.returncode == 0 and target.exists()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/organisation.schema.json")
    assert "veroeffentlichen: false" in text
    assert run(tmp_path, "validate").returncode == 0
    target.write_text(text + "# eigene Änderung\n", encoding="utf-8")
    again = run(tmp_path, "new", "Kulturverein Süd-Ost e. V.")
    assert again.returncode == 1 and "gibt es schon" in again.stderr
    assert target.read_text(encoding="utf-8").endswith("# eigene Änderung\n")


def test_every_schema_field_has_a_comment_in_the_template(tmp_path):
    from mso.schema import Schema
    from mso.template import new_profile
    import datetime
    from pathlib import Path

    schema = Schema(ROOT / "schema" / "organisation.schema.json")
    text = new_profile("Test", schema, datetime.date(2026, 11, 22), Path("../schema/organisation.schema.json"))
    for field in schema.properties:
        assert f"\n{field}:" in text or f"\n# {field}:" in text, field
