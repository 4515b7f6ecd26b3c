"""Accessibility of every page type in Chromium: axe-core at 1280 and 390 px, reflow at 320 px, headings and
landmarks, a visible focus on every tab stop, forced colours and reduced motion.

The page types are the ones the Erklärung zur Barrierefreiheit (docs/barrierefreiheit.md) speaks for."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("critical", "serious", "moderate")
TODAY = datetime.datetime(2026, 11, 22, 10, 0)


def open_form(page) -> None:
    page.wait_for_selector("#mso-formular:not([hidden])")


def form_with_errors(page) -> None:
    open_form(page)
    page.locator("#f-name").fill("Testverein")
    page.locator("#f-adresse-plz").fill("3360")
    page.get_by_role("button", name="Profil erstellen").press("Enter")
    page.wait_for_selector("[data-fehlerliste]:not([hidden])")


def form_with_result(page) -> None:
    open_form(page)
    page.locator("#f-name").fill("Testverein")
    page.locator("#f-stadtbezirk").select_option("stadtweit")
    page.get_by_role("button", name="Profil erstellen").press("Enter")
    page.wait_for_selector("#mso-ergebnis:not([hidden])")


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    prepare: Callable | None = None


def page_types(directory) -> list[PageType]:
    rtl = next(e for e in directory.entries if any(language in e.beschreibung for language in ("ar", "fa", "ku")))
    return [
        PageType("Start", ""),
        PageType("Vereine", "vereine/"),
        PageType("Vereine mit Filtern", "vereine/?thema=beratung&sprache=ar"),
        PageType("Profil mit Text von rechts nach links", f"vereine/{rtl.slug}/"),
        PageType("Liste", "sprachen/ar/"),
        PageType("Übersicht der Listen", "sprachen/"),
        PageType("Zahlen", "zahlen/"),
        PageType("Steckbriefe", "steckbriefe/"),
        PageType("Mitmachen", "mitmachen/", open_form),
        PageType("Mitmachen mit Fehlern", "mitmachen/", form_with_errors),
        PageType("Mitmachen mit Ergebnis", "mitmachen/", form_with_result),
        PageType("Formular zum Ausdrucken", "mitmachen/formular/"),
        PageType("Feldreferenz", "mitmachen/felder/"),
        PageType("Offene Daten", "daten/"),
        PageType("Über das Verzeichnis", "ueber/"),
        PageType("Impressum", "impressum/"),
        PageType("Datenschutz", "datenschutz/"),
        PageType("Barrierefreiheit", "barrierefreiheit/"),
        PageType("Leichte Sprache", "leichte-sprache/"),
        PageType("Seite nicht gefunden", "404.html"),
    ]


@pytest.fixture
def visitor(browser, site_url):
    """visitor(kind, width, **context options) opens a page type in a fresh browser context;
    visitor.tour(directory, width, **options) visits every page type, one after the other, in one tab."""
    contexts = []

    def new_page(width: int, **options):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="de-DE", **options)
        contexts.append(context)
        page = context.new_page()
        page.clock.set_fixed_time(TODAY)
        page.set_default_timeout(10_000)
        return page

    def show(page, kind: PageType):
        if page.url.startswith(site_url):
            page.evaluate("sessionStorage.clear()")  # the form keeps a draft per tab
        page.goto(site_url + kind.path)
        if kind.prepare:
            kind.prepare(page)
        return page

    def open_page(kind: PageType, width: int = 1280, **options):
        return show(new_page(width, **options), kind)

    def tour(directory, width: int = 1280, **options):
        page = new_page(width, **options)
        for kind in page_types(directory):
            yield kind, show(page, kind)

    open_page.tour = tour
    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
            for v in result.response["violations"] if v["impact"] in BLOCKING]


@pytest.mark.pruefmethode("axe-core")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_serious_critical_or_moderate_violation(directory, visitor, width):
    found = {}
    for kind, page in visitor.tour(directory, width):
        violations = axe_violations(page)
        if violations:
            found[kind.name] = violations
    assert found == {}


REFLOW = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`scrollWidth ${root.scrollWidth}`);
  const canvas = document.createElement("canvas").getContext("2d");
  for (const input of document.querySelectorAll("input[placeholder]")) {
    if (!input.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;  // the closed search
    const style = getComputedStyle(input);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (canvas.measureText(input.placeholder).width > room) problems.push(`placeholder cut off: ${input.placeholder}`);
  }
  for (const el of document.querySelectorAll(".md-content *")) {
    const style = getComputedStyle(el);
    if (!["hidden", "clip"].includes(style.overflowX) || !el.checkVisibility()) continue;
    if (style.position === "absolute" && el.clientWidth <= 1) continue;  // visually hidden on purpose
    if (el.scrollWidth > el.clientWidth + 1 && el.textContent.trim())
      problems.push(`text cut off: ${el.tagName}.${el.className} ${el.textContent.trim().slice(0, 40)}`);
  }
  return problems;
}"""


@pytest.mark.pruefmethode("zoom-320")
def test_at_320_px_nothing_scrolls_sideways_and_nothing_is_cut_off(directory, visitor):
    found = {}
    for kind, page in visitor.tour(directory, 320):
        problems = page.evaluate(REFLOW)
        if problems:
            found[kind.name] = problems
    assert found == {}


HEADINGS = """() => {
  const shown = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(h => h.checkVisibility()
    || getComputedStyle(h).position === "absolute");  // visually hidden headings still count
  const levels = shown.map(h => Number(h.tagName[1]));
  const skipped = levels.flatMap((level, i) => i && level > levels[i - 1] + 1
    ? [`h${levels[i - 1]} → h${level}: ${shown[i].textContent.trim().slice(0, 50)}`] : []);
  return {h1: levels.filter(l => l === 1).length, first: levels[0], skipped};
}"""


LANDMARKS = """() => {
  const name = el => el.getAttribute("aria-label")
    || (el.getAttribute("aria-labelledby") || "").split(" ").map(id => document.getElementById(id)?.textContent.trim()).join(" ");
  const visible = [...document.querySelectorAll("nav, aside, [role=search], form[aria-label]")].filter(el => el.checkVisibility());
  const names = visible.filter(el => el.matches("nav, [role=search]")).map(el => el.tagName + ":" + name(el));
  return {
    main: document.querySelectorAll("main, [role=main]").length,
    banner: document.querySelectorAll("body > header, body > div > header, [role=banner]").length,
    contentinfo: document.querySelectorAll("footer.md-footer, [role=contentinfo]").length,
    unnamed: names.filter(n => n.endsWith(":")),
    twice: names.filter((n, i) => names.indexOf(n) !== i),
  };
}"""


@pytest.mark.pruefmethode("struktur")
def test_headings_and_landmarks_on_every_page_type(directory, visitor):
    """Exactly one h1, and first; no heading level skipped; one main, banner and footer; every navigation and
    search landmark has a name, and no two the same."""
    found = {}
    for kind, page in visitor.tour(directory):
        headings, landmarks = page.evaluate(HEADINGS), page.evaluate(LANDMARKS)
        if headings != {"h1": 1, "first": 1, "skipped": []}:
            found[kind.name] = headings
        if landmarks != {"main": 1, "banner": 1, "contentinfo": 1, "unnamed": [], "twice": []}:
            found[f"{kind.name} (Landmarken)"] = landmarks
        roles = [page.get_by_role(role).count() for role in ("main", "banner", "contentinfo")]
        assert roles == [1, 1, 1], kind.name
    assert found == {}


SIDE_COLUMN = """() => {
  const side = document.querySelector(".md-sidebar--primary");
  if (!side || !side.checkVisibility()) return null;
  return [...side.querySelectorAll("a")].filter(a => a.checkVisibility())
    .map(a => new URL(a.href).pathname === location.pathname ? "(diese Seite)" : a.textContent.trim());
}"""


def test_no_side_column_that_only_narrows_the_page(directory, visitor):
    """On wide screens a navigation column must offer a way elsewhere; empty or with only the page itself it
    just takes room from the content."""
    found = {}
    for kind, page in visitor.tour(directory):
        links = page.evaluate(SIDE_COLUMN)
        if links is not None and set(links) <= {"(diese Seite)"}:
            found[kind.name] = links
    assert found == {}


def test_the_menu_opens_on_phones_on_every_page_type(directory, visitor):
    """Pages that hide the side column on wide screens keep the menu drawer on phones."""
    missing = []
    for kind, page in visitor.tour(directory, 390, reduced_motion="reduce"):
        page.locator('label.md-header__button[for="__drawer"]').click()
        drawer = page.locator(".md-sidebar--primary")
        if not (drawer.is_visible() and drawer.get_by_role("link", name="Vereine", exact=True).is_visible()):
            missing.append(kind.name)
    assert missing == []


FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
  const inside = rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight;
  return {what: `${el.tagName}.${el.className} ${(el.textContent || el.value || "").trim().slice(0, 30)}`,
          ring, shown: rect.width >= 1 && rect.height >= 1 && inside && style.visibility !== "hidden"};
}"""


@pytest.mark.pruefmethode("tastatur")
@pytest.mark.parametrize("width", [1280, 390])
def test_every_tab_stop_shows_where_the_focus_is(directory, visitor, width):
    """Tab through the first 40 stops of every page type: each is on screen and has a focus ring.
    (Reduced motion, so that a drawer that slides in is already there when the check looks.)"""
    found = {}
    for kind, page in visitor.tour(directory, width, reduced_motion="reduce"):
        seen = []
        for _ in range(40):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS)
            if state is None:
                break
            if not (state["ring"] and state["shown"]):
                seen.append(state)
        if seen:
            found[kind.name] = seen[:5]
    assert found == {}


@pytest.mark.pruefmethode("zoom-320")
def test_headings_hyphenate_long_german_words(directory, visitor):
    """Every page is German (lang="de") and headings may hyphenate; the start heading carries a soft hyphen, so
    it breaks with a hyphen even in browsers without a German dictionary (this test's Chromium has none)."""
    for kind in page_types(directory)[:8]:
        page = visitor(kind)
        assert page.evaluate("document.documentElement.lang") == "de"
        styles = page.eval_on_selector_all("main h1, main h2, main h3",
                                           "hs => hs.map(h => getComputedStyle(h).hyphens)")
        assert set(styles) == {"auto"}, kind.name
        page.context.close()
    for width in (390, 320):
        page = visitor(page_types(directory)[0], width)
        assert page.evaluate(BREAKS_INSIDE_WORDS, "h1") == []
        page.context.close()


BREAKS_INSIDE_WORDS = r"""selector => {
  const found = [];
  for (const h of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    let previousTop = null, previous = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = [...range.getClientRects()].filter(r => r.width > 0).pop();  // a soft hyphen adds a rect
        if (!rect) { previous = node.data[i]; continue; }
        if (previousTop !== null && rect.top > previousTop + 2 && !/[\s\-\u00ad\u2010\u2013\/]/.test(previous))
          found.push(node.data.slice(Math.max(0, i - 8), i) + "|" + node.data.slice(i, i + 8));
        previousTop = rect.top;
        previous = node.data[i];
      }
    }
  }
  return found;
}"""


@pytest.mark.pruefmethode("kontrast")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_forced_colours_keep_charts_chips_and_focus_readable(directory, visitor, scheme, tmp_path):
    """Windows high contrast: chart text takes the system text colour, chips keep a border, the focus a ring.
    The screenshots land in the test's temporary folder for a look by eye."""
    contrast = """([selector, property]) => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility())
      .map(e => [getComputedStyle(e)[property], getComputedStyle(document.body).backgroundColor])"""
    page = visitor(PageType("Zahlen", "zahlen/"), forced_colors="active", color_scheme=scheme)
    pairs = page.evaluate(contrast, [".mso-balken text, .mso-verlauf__achse", "fill"])
    assert pairs, "the count page has charts"
    for fill, background in pairs:
        assert ratio(fill, background) >= 4.5, (fill, background)
    for fill, background in page.evaluate(contrast, [".mso-balken__balken", "fill"]):
        assert ratio(fill, background) >= 3, (fill, background)
    page.screenshot(path=tmp_path / f"zahlen-{scheme}.png", full_page=True)

    page = visitor(PageType("Vereine", "vereine/?thema=bildung"), forced_colors="active", color_scheme=scheme)
    page.wait_for_selector("[data-mso-filter]:not([hidden])")
    for selector in (".mso-az a", '[data-mso-facet="thema"] summary'):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).color") != page.evaluate(
            "getComputedStyle(document.body).backgroundColor")
    assert page.locator(".mso-az a").first.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    page.locator('[data-mso-facet="thema"] > summary').click()
    page.locator('input[name="thema"]').first.focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.screenshot(path=tmp_path / f"vereine-{scheme}.png")


def ratio(first: str, second: str) -> float:
    def luminance(css: str) -> float:
        r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css)[:3])
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


MOTION = """() => [...document.querySelectorAll("*")].flatMap(el => [null, "::before", "::after"].map(pseudo => {
  const style = getComputedStyle(el, pseudo);
  const moving = style.transitionDuration.split(",").some(d => parseFloat(d) > 0)
    || style.animationName.split(",").some(n => n.trim() !== "none");
  return moving ? `${el.tagName}.${el.className}${pseudo || ""}` : null;
})).filter(Boolean).concat(getComputedStyle(document.documentElement).scrollBehavior === "smooth" ? ["html"] : [])"""


@pytest.mark.pruefmethode("bewegung")
def test_reduced_motion_stops_every_transition_and_animation(directory, visitor):
    for kind in page_types(directory)[:3]:
        page = visitor(kind, reduced_motion="reduce")
        assert page.evaluate(MOTION) == [], kind.name
        page.context.close()
    page = visitor(page_types(directory)[0])
    assert page.evaluate(MOTION), "without the wish there is motion (Material's transitions): the check works"


@pytest.mark.pruefmethode("struktur")
def test_the_count_chart_has_a_text_alternative_and_a_table(directory, visitor):
    page = visitor(PageType("Zahlen", "zahlen/"))
    charts = page.locator("svg.mso-balken")
    assert charts.count() >= 3
    for i in range(charts.count()):
        chart = charts.nth(i)
        name = page.evaluate("svg => document.getElementById(svg.getAttribute('aria-labelledby')).textContent",
                             chart.element_handle())
        assert page.get_by_role("img", name=name).count() == 1
        for label, value in zip(chart.locator(".mso-balken__name").all_text_contents(),
                                chart.locator(".mso-balken__wert").all_text_contents()):
            assert f"{label} {value}" in name, (label, value, name)
        table = chart.locator("xpath=ancestor::section[1]//table")
        assert table.locator("tbody tr").count() >= chart.locator(".mso-balken__balken").count()
    if page.locator("svg.mso-verlauf").count():  # only with a history of more than one day
        assert page.get_by_role("img", name=re.compile("^Liniendiagramm")).count() == 1
