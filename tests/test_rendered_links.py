"""What the pages make of links and addresses: percent-encoded mailto hrefs, IDN hosts in their own letters,
and each field's message from the schema on the form's inputs."""

from __future__ import annotations

import html
import re

import pytest

from conftest import build, make_project, minimal_profile


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    profile = minimal_profile(
        "Bücherverein", kontakt={"email": "info&x@mein-verein.example", "website": "https://xn--bcher-kva.example/",
                                 "social": ["https://bücher.example/verein"]},
        ansprechpersonen=[{"name": "Erika Beispiel", "email": "o'brien@mein-verein.example",
                           "einwilligung": "2026-01-01"}])
    project = make_project(tmp_path_factory.mktemp("links") / "p", {"buecherverein": profile})
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_mailto_hrefs_are_percent_encoded(site):
    page = (site / "vereine" / "buecherverein" / "index.html").read_text(encoding="utf-8")
    hrefs = [html.unescape(h) for h in re.findall(r'href="(mailto:[^"]*)"', page)]
    assert "mailto:info%26x@mein-verein.example" in hrefs
    assert "mailto:o%27brien@mein-verein.example" in hrefs
    assert not [h for h in hrefs if "vereine.bielefeld" not in h and ("?" in h or "#" in h)]


def test_idn_hosts_are_shown_in_their_own_letters(site):
    page = (site / "vereine" / "buecherverein" / "index.html").read_text(encoding="utf-8")
    assert ">https://bücher.example/</a>" in page and "xn--bcher-kva.example/</a>" not in page
    assert ">https://bücher.example/verein</a>" in page


def test_form_inputs_carry_the_schema_messages(site):
    form = (site / "mitmachen" / "index.html").read_text(encoding="utf-8")
    plz = re.search(r'<input id="f-adresse-plz"[^>]*>', form).group(0)
    assert 'data-fehler="ist keine Postleitzahl."' in plz and "genau fünf Ziffern" in plz
    email = re.search(r'<input id="f-kontakt-email"[^>]*>', form).group(0)
    assert 'data-fehler="ist keine gültige E-Mail-Adresse."' in email
