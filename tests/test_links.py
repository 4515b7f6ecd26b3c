"""Links and addresses: parsed with real parsers; look-alike hosts, user-info, bad ports and mailto tricks refused;
IDN hosts shown in their own letters; every schema pattern refuses a trailing newline."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, STICHTAG, minimal_profile, write_profiles
from mso.links import display_email, display_url, mailto_href
from mso.schema import Schema
from mso.validate import validate_paths

SCHEMA = Schema(ROOT / "schema" / "organisation.schema.json")


def problems_for(tmp_path, content):
    write_profiles(tmp_path, {"verein-test": content})
    return validate_paths([tmp_path], SCHEMA, STICHTAG, root=tmp_path)[1]


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def with_links(website=None, social=None, email=None):
    kontakt = {k: v for k, v in {"website": website, "social": social, "email": email}.items() if v is not None}
    return minimal_profile(beschreibung="Ein Verein.", kontakt=kontakt)


BAD_URLS = {
    "https://.": "nicht gültig",
    "https://..": "nicht gültig",
    "http://x": "unvollständig",
    "https://-x.example": "nicht gültig",
    "https://x.example:99999/": "Port",
    "https://x.example:0/": "Port",
    "https://x.example:abc/": "Port",
    "https://www.bielefeld.de@evil.example/": "@",
    "https://user:pass@x.example/": "@",
    "https://@x.example/": "@",
    "https://www.bi\u0435lefeld.de/": "mischt",  # Cyrillic е
    "https://\u0440\u0430ypal.example/": "mischt",  # Cyrillic р, а
    "https://xn--bilefeld-5fg.de/": "mischt",  # the same, written as punycode
    "https://\u0430\u0440\u0440\u04cf\u0435.example/": "andere",  # all Cyrillic, looks like "apple"
    "https://127.0.0.1/": "IP-Adresse",
    "https://[::1]/": "IP-Adresse",
    "https://x.example\\@bielefeld.de/": "@",
    "https://bielefeld.de\\.evil.example/": "umgekehrten",
    "https://x_y.example/": "nicht gültig",
    "https://x.123/": "unvollständig",
    # Latin letters that pass for ASCII ones: the label imitates an ASCII name
    "https://www.b\u0131elefeld.de/": "„ı“, das aussieht wie „i“",  # dotless ı
    "https://\u0261oogle.com": "„ɡ“, das aussieht wie „g“",  # script g
    "https://bielefel\u1d05.de/": "„ᴅ“",  # small capital D
    "https://www.\u0251mt.example/": "„ɑ“",  # Latin alpha
    "https://fa\u00e7ade.example/": "„ç“",
    "https://www.stadt-bie\u0142efeld.de/": "„ł“",
    "https://xn--belefeld-tkb.de/x": "",  # the dotless ı as punycode: taken, see below
}
BAD_URLS = {url: why for url, why in BAD_URLS.items() if why}


@pytest.mark.parametrize("url", sorted(BAD_URLS))
@pytest.mark.parametrize("where", ["website", "social"])
def test_bad_links_are_refused_with_the_reason(tmp_path, url, where):
    data = with_links(website=url) if where == "website" else with_links(social=[url])
    problem = only(problems_for(tmp_path, json.dumps(data, ensure_ascii=False)))
    assert problem.field == ("kontakt.website" if where == "website" else "kontakt.social[1]")
    assert problem.line == 1
    assert problem.message.startswith(f"„{url}“ ist keine gültige Internetadresse.")
    assert BAD_URLS[url] in problem.message, problem.message
    assert "https://mein-verein.de" in problem.message


@pytest.mark.parametrize("url", ["https://mein-verein.de", "http://x.example/a?b=c#d", "https://x.example:8443/",
                                 "https://bücher.example/", "https://xn--bcher-kva.example/",
                                 "https://\u03b5\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac.gr/",
                                 "https://\u043a\u0438\u043d\u043e.example/", "https://例え.テスト/",
                                 "https://www.instagram.com/mein.verein/", "https://müller-verein.de/",
                                 "https://straße.example/", "https://çağdaş.org/", "https://hà-nội.vn/",
                                 "https://łódź.example/", "https://blåbær.example/", "https://ærø.example/",
                                 "https://xn--belefeld-tkb.de/", "https://xn--80ak6aa92e.example/"])
def test_good_links_pass(tmp_path, url):
    assert problems_for(tmp_path, json.dumps(with_links(website=url), ensure_ascii=False)) == []


@pytest.mark.parametrize("address", ["x?bcc=spy@evil.example", "x#y@mein-verein.example", "x%40y@mein-verein.example",
                                     "info@bi\u0435lefeld.de", "info@b\u0131elefeld.de", "info@\u0261oogle.com"])
def test_mail_addresses_that_would_change_a_mailto_link_are_refused(tmp_path, address):
    problem = only(problems_for(tmp_path, json.dumps(with_links(email=address), ensure_ascii=False)))
    assert problem.field == "kontakt.email" and "E-Mail-Adresse" in problem.message


@pytest.mark.parametrize("address", ["info@mein-verein.example", "a.b+c@mein-verein.example",
                                     "info@bücher.example"])
def test_ordinary_addresses_pass(tmp_path, address):
    assert problems_for(tmp_path, json.dumps(with_links(email=address), ensure_ascii=False)) == []


@pytest.mark.parametrize("address, href", [
    ("info@mein-verein.example", "mailto:info@mein-verein.example"),
    ("x?bcc=spy@evil.example", "mailto:x%3Fbcc%3Dspy@evil.example"),
    ("a#b%c&d@x.example", "mailto:a%23b%25c%26d@x.example"),
    ("a+b@x.example", "mailto:a+b@x.example"),
])
def test_mailto_hrefs_are_percent_encoded(address, href):
    assert mailto_href(address) == href
    assert "?" not in mailto_href(address) and "#" not in mailto_href(address)


@pytest.mark.parametrize("url, shown", [
    ("https://xn--bcher-kva.example/a", "https://bücher.example/a"),
    ("https://bücher.example/", "https://bücher.example/"),
    ("https://mein-verein.de:8443/x?y#z", "https://mein-verein.de:8443/x?y#z"),
    # a label that passes for ASCII stays punycode, however it was written; the others are decoded
    ("https://xn--belefeld-tkb.de/", "https://xn--belefeld-tkb.de/"),
    ("https://www.b\u0131elefeld.de/", "https://www.xn--belefeld-tkb.de/"),
    ("https://\u0261oogle.com", "https://xn--oogle-qmc.com"),
    ("https://xn--80ak6aa92e.example/", "https://xn--80ak6aa92e.example/"),  # Cyrillic "apple"
    ("https://xn--bilefeld-5fg.de/", "https://xn--bilefeld-5fg.de/"),  # mixed scripts
    ("https://xn--faade-zra.xn--bcher-kva.example/", "https://xn--faade-zra.bücher.example/"),
])
def test_idn_hosts_are_shown_in_their_own_letters(url, shown):
    assert display_url(url) == shown


@pytest.mark.parametrize("address, shown", [
    ("info@xn--mller-verein-dlb.de", "info@müller-verein.de"),  # as Chromium's type=email writes it
    ("info@müller-verein.de", "info@müller-verein.de"),
    ("vorstand@mein-verein.de", "vorstand@mein-verein.de"),
    ("info@xn--belefeld-tkb.de", "info@xn--belefeld-tkb.de"),  # imitates an ASCII name: stays punycode
    ("kein-at-zeichen", "kein-at-zeichen"),
])
def test_e_mail_domains_are_shown_as_hosts_are(address, shown):
    assert display_email(address) == shown


def schema_patterns(node, path="$"):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield path, value
            else:
                yield from schema_patterns(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schema_patterns(value, f"{path}/{index}")


SAMPLES = {"plz": "33617", "telefon": "0521 123456", "link": "https://x.example"}


def test_every_schema_pattern_refuses_a_trailing_newline():
    """jsonschema uses re.search, where `$` also matches before a final "\\n"."""
    patterns = list(schema_patterns(SCHEMA.raw))
    assert len(patterns) >= 3
    for where, pattern in patterns:
        sample = next(v for k, v in SAMPLES.items() if k in where)
        assert re.search(pattern, sample), (where, pattern)
        for tail in ("\n", "\r\n", "\nx", " \n"):
            assert not re.search(pattern, sample + tail), (where, pattern, tail)
        assert pattern.startswith("^") and pattern.endswith("$(?!\\n)"), "ECMA-262 reads this form the same way"


@pytest.mark.parametrize("field, value", [("plz", "33617\n"), ("telefon", "0521 123456\n"),
                                          ("website", "https://x.example\n")])
def test_values_with_a_trailing_newline_are_refused(tmp_path, field, value):
    data = minimal_profile(beschreibung="Ein Verein.")
    if field == "plz":
        data["adresse"] = {"strasse": "Weg 1", "plz": value, "ort": "Bielefeld"}
    else:
        data["kontakt"] = {field: value}
    problem = only(problems_for(tmp_path, json.dumps(data)))
    assert problem.field.endswith(field) and "Zeilenumbruch" in problem.message


def test_check_jsonschema_reads_the_schema_as_we_do(tmp_path):
    """Editors' and CI's view: the schema is valid 2020-12, the demo data pass, a trailing newline does not."""
    import subprocess
    import sys
    from pathlib import Path

    tool = str(Path(sys.executable).parent / "check-jsonschema")
    schema = str(ROOT / "schema" / "organisation.schema.json")
    assert subprocess.run([tool, "--check-metaschema", schema], capture_output=True).returncode == 0
    demo = sorted(str(p) for p in (ROOT / "organisations").glob("*.yml"))
    result = subprocess.run([tool, "--schemafile", schema, *demo], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    bad = tmp_path / "bad.yml"
    bad.write_text('name: Verein\nveroeffentlichen: false\nstand: 2026-01-01\nstadtbezirk: Mitte\n'
                   'adresse: {strasse: Weg 1, plz: "33617\\n", ort: Bielefeld}\n', encoding="utf-8")
    result = subprocess.run([tool, "--schemafile", schema, str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "adresse.plz" in result.stdout
