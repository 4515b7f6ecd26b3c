"""/mitmachen/: the form, the printable form and the field reference are generated from the schema.

The coverage tests walk the schema themselves (not through mso.fields), so that a field added to
the schema cannot be missing from the form or the reference without a test failing.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, rendered


def schema_paths(raw: dict, node: dict | None = None, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every property path of the schema, nested ones included: objects, arrays of objects, $refs."""
    node = raw if node is None else node
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        node = raw["$defs"][ref.removeprefix("#/$defs/")]
    if node.get("type") == "array":
        return schema_paths(raw, node["items"], prefix)
    paths = []
    for key, child in node.get("properties", {}).items():
        paths.append(prefix + (key,))
        paths += schema_paths(raw, child, prefix + (key,))
    return paths


def node_at(raw: dict, path: tuple[str, ...]) -> dict:
    node = raw
    for key in path:
        while "$ref" in node or node.get("type") == "array":
            node = raw["$defs"][node["$ref"].removeprefix("#/$defs/")] if "$ref" in node else node["items"]
        node = node["properties"][key]
    if "$ref" not in node:
        return node
    own = {k: v for k, v in node.items() if k != "$ref"}  # a field's title beside its $ref wins
    return {**raw["$defs"][node["$ref"].removeprefix("#/$defs/")], **own}


@pytest.fixture(scope="module")
def pages(directory):
    from mso.views import Site, mitmachen

    return rendered(mitmachen.outputs(Site(directory)), Site(directory))


def form_html(pages) -> str:
    html = pages["mitmachen/index.md"]
    return html[html.index('<form class="mso-formular"'):html.index("</form>")]


def test_the_schema_walk_finds_nested_fields(directory):
    paths = schema_paths(directory.schema.raw)
    assert ("adresse", "plz") in paths and ("ansprechpersonen", "einwilligung") in paths
    assert ("kontakt", "social") in paths and ("intern",) in paths and len(paths) > 30


def test_every_schema_field_except_intern_is_in_the_form(directory, pages):
    form = form_html(pages)
    for path in schema_paths(directory.schema.raw):
        field_id = "f-" + "-".join(p.replace("_", "-") for p in path)
        found = re.search(rf'id="{re.escape(field_id)}(-__N__)?"', form)
        if path == ("intern",):
            assert not found and 'data-key="intern"' not in form
        else:
            assert found, f"{'.'.join(path)} fehlt im Formular"
            assert f'data-key="{path[-1]}"' in form


def test_every_schema_field_is_in_the_field_reference(directory, pages):
    reference = pages["mitmachen/felder.md"]
    for path in schema_paths(directory.schema.raw):
        assert f'id="feld-{"-".join(path)}"' in reference, f"{'.'.join(path)} fehlt in der Feldreferenz"
        assert f"<code>{'.'.join(path)}</code>" in reference


def test_every_field_is_on_the_printable_form(directory, pages):
    printable = pages["mitmachen/formular.md"]
    for path in schema_paths(directory.schema.raw):
        if path != ("intern",):
            title = node_at(directory.schema.raw, path).get("title")
            assert title and f"<strong>{title}</strong>" in printable, path


def test_a_new_schema_field_appears_in_form_and_reference_without_code_changes(directory):
    from mso.config import ConfigError
    from mso.fields import profile_fields
    from mso.views import Site, mitmachen

    schema = copy.copy(directory.schema)
    schema.raw = copy.deepcopy(directory.schema.raw)
    schema.raw["properties"]["mitglieder"] = {"type": "integer", "title": "Mitglieder", "minimum": 1,
                                              "maximum": 100000, "description": "Wie viele Mitglieder?"}
    schema.raw["properties"]["gruendungstag"] = {"type": "string", "format": "date", "title": "Gründungstag"}
    fields = {f.name: f for f in profile_fields(schema)}
    assert fields["mitglieder"].kind == "number" and fields["gruendungstag"].kind == "date"
    schema.raw["properties"]["seltsam"] = {"type": "null", "title": "Seltsam"}
    with pytest.raises(ConfigError, match="`seltsam`.*nicht kennt"):
        profile_fields(schema)
    del schema.raw["properties"]["seltsam"]
    fake = copy.copy(directory)
    fake.schema = schema
    site = Site(fake)
    pages = rendered(mitmachen.outputs(site), site)
    assert re.search(r'<input id="f-mitglieder" name="mitglieder" type="number" min="1" max="100000"',
                     pages["mitmachen/index.md"])
    assert '<input id="f-gruendungstag" name="gruendungstag" type="date"' in pages["mitmachen/index.md"]
    assert 'id="feld-mitglieder"' in pages["mitmachen/felder.md"]
    assert "<strong>Gründungstag</strong>" in pages["mitmachen/formular.md"]


def test_controlled_vocabularies_use_the_schema_labels_and_mark_languages(directory, pages):
    form = form_html(pages)
    for term in directory.schema.vocab["thema"].values():
        assert f'value="{term.value}"> <label for="f-themen-{term.slug}">{term.label}</label>' in form
    assert 'Arabisch – <span lang="ar" dir="rtl">العربية</span>' in form
    assert 'Persisch (Farsi) – <span lang="fa" dir="rtl">فارسی</span>' in form
    assert '<option value="Mitte">Stadtbezirk Mitte</option>' in form
    assert re.search(r'<select id="f-status"[^>]*>\s*<option value="aktiv" selected>', form)


def test_constraints_come_from_the_schema(pages):
    form = form_html(pages)
    assert re.search(r'<input id="f-name" name="name" type="text" maxlength="150"', form)
    assert 'pattern="[0-9]{5}"' in form
    assert re.search(r'id="f-kontakt-email" name="kontakt.email" type="email" maxlength="254"', form)
    assert re.search(r'id="f-kontakt-website" name="kontakt.website" type="url"', form)
    assert re.search(r'id="f-gegruendet" name="gegruendet" type="number" min="1850" max="2026"', form)  # the Stichtag's year (conftest)
    assert re.search(r'data-key="name" data-kind="text" data-label="Name" data-required', form)
    assert re.search(r'data-key="themen" data-kind="choices" data-label="Themen" data-when-published', form)


def test_html_patterns_are_anchorless_and_escaped_for_the_v_flag():
    from mso.fields import html_pattern

    assert html_pattern("^[0-9]{5}$") == "[0-9]{5}"
    assert html_pattern("^\\+?[0-9][0-9 ()/-]{4,30}$") == "\\+?[0-9][0-9 \\(\\)\\/\\-]{4,30}"
    assert html_pattern('^https?://[^\\s<>"]+$') == 'https?://[^\\s\\<\\>"]+'


def test_the_example_profile_is_valid_and_complete(directory):
    from mso.fields import example_for

    example = example_for(directory.schema, directory.settings.stadt)
    errors = list(directory.schema.validator.iter_errors(example))
    assert not errors, errors
    assert set(example) == set(directory.schema.properties)
    assert example["stadtbezirk"] == directory.settings.stadtbezirke[0]
    assert example["adresse"]["ort"] == directory.settings.stadt


def test_field_reference_states_type_requirement_values_and_example(pages):
    ref = pages["mitmachen/felder.md"]
    section = ref[ref.index('id="feld-stadtbezirk"'):ref.index('id="feld-adresse"')]
    assert "<dt>Pflicht</dt><dd>ja</dd>" in section
    assert "<code>Jöllenbeck</code></td><td>Stadtbezirk Jöllenbeck</td>" in section
    assert "stadtbezirk: Brackwede" in section  # the first configured Stadtbezirk
    plz = ref[ref.index('id="feld-adresse-plz"'):ref.index('id="feld-adresse-ort"')]
    assert "ja, wenn <code>adresse</code> angegeben ist" in plz and "fünf Ziffern" in plz
    assert "plz: &#39;12345&#39;" in plz
    themen = ref[ref.index('id="feld-themen"'):ref.index('id="feld-zielgruppen"')]
    assert "ja, wenn <code>veroeffentlichen: true</code>" in themen
    intern = ref[ref.index('id="feld-intern"'):]
    assert "wird nie veröffentlicht" in intern


def test_prefill_data_is_the_published_profile_in_file_shape(directory, pages):
    """Each published profile has a small JSON file; with today's `stand` and consent it is a valid
    profile, and it holds exactly the file's public data."""
    import yaml

    files = {p for p in pages if p.startswith("mitmachen/vereine/")}
    assert len(files) == directory.counts.veroeffentlicht
    for entry in directory.entries:
        data = json.loads(pages[f"mitmachen/vereine/{entry.slug}.json"])
        assert "intern" not in data and "stand" not in data
        original = yaml.safe_load((ROOT / "organisations" / f"{entry.slug}.yml").read_text(encoding="utf-8"))
        expected = public_part(original)
        assert data == expected, entry.slug
        submitted = dict(data, stand="2026-11-22")
        for person in submitted.get("ansprechpersonen", []):
            person["einwilligung"] = "2026-11-22"
        assert not list(directory.schema.validator.iter_errors(submitted)), entry.slug


def public_part(original: dict) -> dict:
    """What a profile file says publicly, in the form the form writes it (defaults left out)."""
    data = {k: v for k, v in original.items() if k not in ("intern", "stand")}
    if data.get("status") == "aktiv":
        del data["status"]
    if data.get("netzwerk_mo") is False:
        del data["netzwerk_mo"]
    if isinstance(data.get("beschreibung"), dict) and list(data["beschreibung"]) == ["de"]:
        data["beschreibung"] = data["beschreibung"]["de"]
    for person in data.get("ansprechpersonen", []):
        person.pop("einwilligung")
    return data


def test_withheld_and_hidden_profiles_get_no_prefill_file(directory, pages):
    published = {e.slug for e in directory.entries}
    for record in directory.records:
        assert (f"mitmachen/vereine/{record.slug}.json" in pages) == (record.slug in published)


def test_city_texts_come_from_the_settings(directory):
    from mso.views import Site, mitmachen

    settings = dataclasses.replace(directory.settings, stadt="Musterstadt", herausgeber="Integrationsbüro Musterstadt",
                                   kontakt_email="mitmachen@musterstadt.example", kontakt_telefon="0123 456789",
                                   kontakt_adresse="Rathausplatz 1, 12345 Musterstadt",
                                   texte={"bearbeitungszeit": "drei Wochen"})
    fake = copy.copy(directory)
    fake.settings = settings
    site = Site(fake)
    page = site.renderer.page(next(mitmachen.outputs(site)))
    for text in ("in Musterstadt aktiv", "Integrationsbüro Musterstadt", "mailto:mitmachen@musterstadt.example",
                 "tel:+49123456789", "Rathausplatz 1, 12345 Musterstadt", "innerhalb von drei Wochen"):
        assert text in page
    assert "Bielefeld" not in page[:page.index('<form class="mso-formular"')]


def test_the_page_explains_consent_confirmation_deletion_and_rights(pages):
    page = pages["mitmachen/index.md"]
    for text in ("Wer kann mitmachen?", "Was wird veröffentlicht?", "Zustimmung", "Wie lange dauert es?",
                 "Angaben regelmäßig bestätigen", "einmal im Jahr", "Noch aktuell?", "Ändern oder löschen", "Art. 17", "Art. 7 Abs. 3",
                 "Formular zum Ausdrucken", 'href="../mitmachen/formular/"'):
        assert text in page, text
    assert page.count('<script type="module" src="../assets/mitmachen/start.js"></script>') == 1


def test_without_javascript_the_page_shows_the_email_route(pages):
    """The form needs the script, so it starts hidden; the e-mail and paper routes are shown instead."""
    page = pages["mitmachen/index.md"]
    assert re.search(r'<form class="mso-formular" id="mso-formular" novalidate hidden', page)
    notice = page[page.index("data-ohne-js"):page.index("</div>", page.index("data-ohne-js"))]
    assert "mailto:" in notice and "formular/" in notice


def test_every_profile_carries_the_schema_modeline():
    modeline = "# yaml-language-server: $schema=../schema/organisation.schema.json\n"
    for path in sorted((ROOT / "organisations").glob("*.yml")):
        assert path.read_text(encoding="utf-8").startswith(modeline), path.name


def test_pre_commit_hooks_run_mso_validate(tmp_path):
    import subprocess
    import sys

    import yaml

    from conftest import make_project

    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert [h["id"] for h in offered] == [h["id"] for h in local] == ["mso-validate"]
    assert offered[0]["entry"] == "mso validate" and local[0]["entry"] == "make --silent validate"
    assert re.search(r"^validate:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    for hook in offered + local:
        assert re.search(hook["files"], "organisations/neuer-verein.yml")
        assert not re.search(hook["files"], "docs/index.md")
    # what the hook runs stops a commit with a broken profile and says why, in German
    make_project(tmp_path, {"kaputt": "name: Kaputt\nveroeffentlichen: ja bitte\n"})
    result = subprocess.run([sys.executable, "-m", "mso", *offered[0]["entry"].split()[1:]], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "veroeffentlichen" in result.stdout and "Zeile 2" in result.stdout


IMPORTED_BY_VALIDATE = """
import importlib.metadata, json, sys
at_start = set(sys.modules)  # what Python's own start-up loaded (site, .pth files)
from mso import cli
sys.argv = ["mso", "validate"]
try:
    cli.run()
except SystemExit:
    pass
top = {name.split(".")[0] for name in set(sys.modules) - at_start} - set(sys.stdlib_module_names)
owners = importlib.metadata.packages_distributions()
print(json.dumps(sorted({dist for name in top for dist in owners.get(name, [])})), file=sys.stderr)
"""


def test_the_offered_hook_installs_everything_mso_validate_imports(tmp_path):
    """pre-commit installs the repository and the hook's additional_dependencies into an empty environment:
    every distribution `mso validate` imports is listed there, at the version requirements.txt pins."""
    import yaml

    from conftest import make_project, minimal_profile

    make_project(tmp_path, {"gut": minimal_profile()})
    result = subprocess.run([sys.executable, "-c", IMPORTED_BY_VALIDATE], cwd=tmp_path, capture_output=True,
                            text=True)
    imported = json.loads(result.stderr.strip().splitlines()[-1])

    def key(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    pinned = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").split()
                  if "==" in line)
    pinned = {key(name): version for name, version in pinned.items()}
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    listed = dict(item.split("==") for item in offered["additional_dependencies"])
    listed = {key(name.split("[")[0]): version for name, version in listed.items()}
    needed = {key(dist) for dist in imported} - {"mso-verzeichnis"}
    missing = sorted(f"{name}=={pinned.get(name, '?')}" for name in needed - set(listed))
    assert not missing, "add to .pre-commit-hooks.yaml: " + ", ".join(missing)
    assert {name: version for name, version in listed.items() if pinned.get(name) != version} == {}


def test_every_profile_offers_a_prepared_confirmation_email(directory):
    """"Noch aktuell?" next to "Angaben ändern": an e-mail to the KI that names the profile and its slug."""
    import html
    from urllib.parse import parse_qs, urlsplit

    from mso.views import Site, profile

    site = Site(directory)
    pages = rendered(profile.outputs(site), site)
    for entry in directory.entries:
        page = pages[profile.src_path(entry)]
        assert f'href="../../mitmachen/?verein={entry.slug}">Angaben ändern</a>' in page
        href = html.unescape(re.search(r'href="(mailto:[^"]*)">Noch aktuell\?</a>', page).group(1))
        mail = urlsplit(href)
        assert mail.path == directory.settings.kontakt_email
        query = parse_qs(mail.query)
        assert query["subject"] == [f"Noch aktuell: {entry.name} ({entry.slug})"]
        body = query["body"][0]
        assert f"„{entry.name}“" in body and f"Kurzadresse: {entry.slug}\r\n" in body
        assert f"{directory.settings.site_url}vereine/{entry.slug}/" in body


def test_mso_new_shows_every_field_with_an_example_that_validates(directory):
    """Removing the # before every example line of the `mso new` template gives a complete, valid profile."""
    import yaml

    from mso.template import new_profile
    from pathlib import Path

    text = new_profile("Kulturverein Süd-Ost e. V.", directory.schema, directory.stichtag,
                       Path("../schema/organisation.schema.json"), stadt=directory.settings.stadt)
    uncommented = "\n".join(line[2:] if re.match(r"# ([a-z_]+:|  )", line) else line for line in text.splitlines())
    data = yaml.safe_load(uncommented)
    assert set(data) == set(directory.schema.properties)
    data["stand"] = data["stand"].isoformat()
    data["ansprechpersonen"][0]["einwilligung"] = data["ansprechpersonen"][0]["einwilligung"].isoformat()
    assert not list(directory.schema.validator.iter_errors(data))


@pytest.mark.parametrize("change, expected", [
    (lambda raw: raw["properties"].update(seltsam={"type": "null", "title": "Seltsam"}), "`seltsam`"),
    (lambda raw: raw["$defs"]["thema"]["enumDescriptions"].pop(), "enumDescriptions"),
    (lambda raw: raw["$defs"]["sprache"]["x-terms"].update(xx={"name": "X"}), "x-terms"),
    (lambda raw: raw["properties"]["stand"].update({"$ref": "#/$defs/gibtsnicht"}), "gibtsnicht"),
])
def test_schema_shapes_the_code_does_not_know_are_config_errors(tmp_path, change, expected):
    """The build and `mso` show these as German messages (ConfigError), never as a traceback."""
    from conftest import make_project
    from mso.config import ConfigError, from_mkdocs_file
    from mso.pipeline import load_directory

    project = make_project(tmp_path / "p")
    path = project / "schema" / "organisation.schema.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ConfigError, match=expected):
        load_directory(from_mkdocs_file(project / "mkdocs.yml"))
    result = subprocess.run([sys.executable, "-m", "mso", "validate"], cwd=project, capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    if expected != "`seltsam`":  # `mso validate` needs no form, so a field the form cannot show does not stop it
        assert result.returncode == 2 and expected in result.stderr, result.stdout + result.stderr


SCRIPTS = ROOT / "docs" / "assets" / "mitmachen"


def script_code() -> str:
    """The form's modules without their comments."""
    code = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SCRIPTS.glob("*.js")))
    return re.sub(r"/\*.*?\*/|(?<![:\\])//[^\n]*", "", code, flags=re.S)


def page_json(pages, element_id: str) -> dict:
    page = pages["mitmachen/index.md"]
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_every_text_of_the_script_comes_from_the_page(pages):
    """The texts live in one template (mitmachen_texte.html): each one the script asks for is there, each one
    there is used, and the script's code holds no sentences of its own (so translating the templates
    translates the form). The exceptions are developer errors and the lines `mso uebernehmen` reads."""
    texts = page_json(pages, "mso-texte")
    code = script_code()
    asked = set(re.findall(r'\bt\("(\w+)"', code))
    literals = set(re.findall(r'"(\w+)"', code))
    assert asked <= set(texts), asked - set(texts)
    assert set(texts) <= literals, set(texts) - literals
    protocol = {"Unbekannte Feldart: ", "Text fehlt in mitmachen_texte.html: ", "--- Profil ", "Änderung des Profils ",
                ", erstellt mit dem Formular am ", "Neues Profil, erstellt mit dem Formular am "}
    prose = {m for m in re.findall(r'"([^"\n]*)"', code)
             if re.search(r"[A-Za-zÄÖÜäöüß]{3,} [a-zäöüß]{2,}|[äöüß„“–]", m) and not m.startswith(".")}  # not CSS
    assert prose <= protocol, prose - protocol


def test_the_page_gives_the_script_the_rules_of_mso(pages):
    """Field kinds, character rules and messages come from Python: the script names no kind the enum lacks."""
    from mso.characters import MESSAGES, MAX_MARKS
    from mso.fields import FieldKind

    rules = page_json(pages, "mso-regeln")
    assert rules["kinds"] == {kind.name: kind.value for kind in FieldKind}
    assert set(re.findall(r"\bKIND\.([A-Z_]+)", script_code())) <= set(rules["kinds"])
    assert rules["zeichen"]["messages"] == MESSAGES and rules["zeichen"]["max_marks"] == MAX_MARKS
    assert rules["telefon"]["lengths"]["49"] == list(range(4, 16)) and rules["telefon"]["lengths"]["54"] == []
    form = form_html(pages)
    assert {k for k in re.findall(r'data-kind="([a-z-]+)"', form)} <= set(rules["kinds"].values())
    # every input whose field has a rule carries the schema's words for a wrong value
    plz = re.search(r'<input id="f-adresse-plz"[^>]*>', form).group(0)
    assert 'data-fehler="ist keine Postleitzahl."' in plz and "data-hinweis=" in plz


def test_the_transliteration_table_gives_the_slugs_of_python(pages):
    """mitmachen/umschrift.json holds text_unidecode's own values for the blocks it covers."""
    from text_unidecode import unidecode

    table = json.loads(pages["mitmachen/umschrift.json"])
    for first, values in table["blocks"]:
        for offset, value in enumerate(values):
            if value is not None:
                assert value == unidecode(chr(first + offset))
    assert table["entities"]["amp"] == "&" and ["ß", "ss"] in table["german"]
