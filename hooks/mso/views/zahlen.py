"""/zahlen/: the count page for council members.

The published count with its Stichtag, the other counts and their definitions, how the data stays
current, breakdowns by Stadtbezirk, Thema and Sprache, and the history of the count. Every figure
comes from the Directory (and, for the history, from the git history of the data, mso.history).
`figures()` is shared with /daten/zahlen.json, so the page and the file cannot disagree.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel.dates import format_skeleton

from .. import history as history_
from ..i18n import N_
from ..model import Directory
from .base import FULL_WIDTH, PageSpec, Site, facet_url

BREAKDOWNS = ("stadtbezirk", "themen", "sprachen")
ALL_TERMS = ("stadtbezirk", "themen")  # show zeros too: "no association in this Stadtbezirk" is news
CHART_MAX_BARS = 20  # the languages chart shows the most frequent; the table has all
HISTORY_TABLE_MAX_ROWS = 24
# facet → the title of its chart and table, and the start of the chart's text alternative
CHART_TITLES = {"stadtbezirk": N_("Veröffentlichte Vereine nach Stadtbezirk"),
                "themen": N_("Veröffentlichte Vereine nach Thema"),
                "sprachen": N_("Veröffentlichte Vereine nach Sprache")}
CHART_ALT = {"stadtbezirk": N_("Balkendiagramm: veröffentlichte Vereine nach Stadtbezirk."),
             "themen": N_("Balkendiagramm: veröffentlichte Vereine nach Thema."),
             "sprachen": N_("Balkendiagramm: veröffentlichte Vereine nach Sprache.")}
BREAKDOWN_TITLES = {"stadtbezirk": N_("Nach Stadtbezirk"), "themen": N_("Nach Thema"),
                    "sprachen": N_("Nach Sprache")}


def definitions(directory: Directory, gettext: Callable[[str], str] = str) -> list[dict[str, Any]]:
    """Each count with its name and its definition in plain words (DESIGN.md, "Counting"), in the language of
    `gettext` (zahlen.json: German)."""
    _ = gettext
    s, c = directory.settings, directory.counts
    months = dict(bestaetigung=s.monate_bis_bestaetigung, ausblenden=s.monate_bis_ausblenden)
    return [
        dict(key="veroeffentlicht", label=_("Veröffentlicht"), count=c.veroeffentlicht, text=_(
            "Vereine, die der Veröffentlichung zugestimmt haben, die nicht aufgelöst sind und deren Angaben "
            "nicht älter als %(ausblenden)s Monate sind. Das ist die Zahl des Verzeichnisses: Genau so viele "
            "Vereinsseiten gibt es, so viele Einträge hat die Datei vereine.json und so viele Steckbriefe die "
            "Broschüre.") % months),
        dict(key="erfasst", label=_("Erfasst"), count=c.erfasst, text=_(
            "Alle Vereine, die das Verzeichnis kennt und die nicht aufgelöst sind – veröffentlicht oder nicht. "
            "Das ist die ehrliche Antwort auf die Frage „Wie viele Vereine kennen wir?“.")),
        dict(key="bestaetigung_faellig", label=_("Bestätigung fällig"), count=c.bestaetigung_faellig, text=_(
            "Veröffentlichte Vereine, deren Angaben am Stichtag älter als %(bestaetigung)s Monate sind. Sie "
            "bleiben sichtbar, ihr Profil trägt einen Hinweis, und der Herausgeber bittet sie um eine "
            "Bestätigung. Sie sind in „veröffentlicht“ enthalten.") % months),
        dict(key="ausgeblendet", label=_("Ausgeblendet"), count=c.ausgeblendet, text=_(
            "Vereine mit Zustimmung, deren Angaben älter als %(ausblenden)s Monate sind. Sie erscheinen nicht, "
            "bis der Verein seine Angaben wieder bestätigt, und zählen nur unter „erfasst“.") % months),
        dict(key="ohne_freigabe", label=_("Ohne Freigabe"), count=c.ohne_freigabe, text=_(
            "Vereine, die einer Veröffentlichung nicht zugestimmt haben. Sie zählen nur unter „erfasst“ und "
            "erscheinen sonst nirgends.")),
        dict(key="aufgeloest", label=_("Aufgelöst"), count=c.aufgeloest, text=_(
            "Vereine, die sich aufgelöst haben. Ihr Eintrag wird archiviert; er zählt weder unter "
            "„veröffentlicht“ noch unter „erfasst“.")),
        dict(key="netzwerk_mo", label=_("Im Netzwerk MO"), count=c.netzwerk_mo, text=_(
            "Erfasste Vereine, die im Netzwerk Migrantenorganisationen mitarbeiten.")),
    ]


@dataclass(frozen=True)
class Row:
    value: str
    label: str
    count: int
    url: str
    lang: str = ""  # languages: the own name and its script direction, for the table
    endonym: str = ""
    dir: str = "ltr"


def breakdown(directory: Directory, facet: str) -> list[Row]:
    """Published entries per term: Stadtbezirke A–Z and Themen with zeros, languages only where used."""
    counted = {term.value: count for term, count in directory.facet(facet)}
    if facet in ALL_TERMS:
        terms = list(directory.schema.vocab[{"stadtbezirk": "stadtbezirk", "themen": "thema"}[facet]].values())
    else:
        terms = [term for term, _ in directory.facet(facet)]
    rows = []
    for term in terms:
        if facet == "sprachen":
            rows.append(Row(term.value, term.name or term.label, counted.get(term.value, 0),
                            facet_url(facet, term.value), term.value, term.endonym, term.dir))
        else:
            label = term.value if facet == "stadtbezirk" and term.value != "stadtweit" else term.label
            rows.append(Row(term.value, label, counted.get(term.value, 0), facet_url(facet, term.value)))
    if facet != "stadtbezirk":  # Stadtbezirke stay A–Z for looking one up; the rest biggest first
        rows.sort(key=lambda r: (-r.count, r.label))
    return rows


def bar_chart(rows: list[Row], *, width: int = 400, row_height: int = 30) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (label above each bar, value after it), in SVG user units."""
    shown = rows[:CHART_MAX_BARS]  # rows with many values come biggest first
    top = max((r.count for r in shown), default=0) or 1
    usable = width - 40  # room for the value after the longest bar
    bars = [dict(row=r, y=i * row_height, width=round(usable * r.count / top, 1)) for i, r in enumerate(shown)]
    return dict(width=width, height=len(shown) * row_height, bars=bars,
                hidden=len(rows) - len(shown))


def chart_alt(intro: str, rows: list[Row], gettext: Callable[[str], str] = str) -> str:
    """The text alternative of a bar chart: `intro` ("Balkendiagramm: …"), then every value, biggest first."""
    ordered = sorted(rows, key=lambda r: (-r.count, r.label))
    listed = ", ".join(f"{r.label} {r.count}" for r in ordered if r.count)
    zero = [r.label for r in ordered if not r.count]
    text = f"{intro} {listed}."
    if zero:
        text += " " + gettext("Keine Vereine: %(namen)s.") % {"namen": ", ".join(zero)}
    return text


def line_chart(points: list[history_.Point], *, width: int = 480, height: int = 220,
               month_label: Callable[[datetime.date], str] | None = None) -> dict[str, Any] | None:
    """Geometry of the history chart: a step line (a count holds until the next change), axes and ticks."""
    if len(points) < 2:
        return None
    left, right, top, bottom = 48, 16, 16, 36
    first, last = points[0].date, points[-1].date
    days = max((last - first).days, 1)
    high = max(max(p.erfasst for p in points), 1)
    step = _nice_step(high)
    y_max = -(-high // step) * step

    def x(date: datetime.date) -> float:
        return round(left + (width - left - right) * (date - first).days / days, 1)

    def y(value: int) -> float:
        return round(top + (height - top - bottom) * (1 - value / y_max), 1)

    def path(attr: str) -> str:
        coords, previous = [], None
        for p in points:
            value = getattr(p, attr)
            if previous is not None:
                coords.append(f"{x(p.date)},{y(previous)}")
            coords.append(f"{x(p.date)},{y(value)}")
            previous = value
        return " ".join(coords)

    y_ticks = [dict(value=v, y=y(v)) for v in range(0, y_max + 1, step)]
    x_ticks = [dict(label=(month_label or _month_label)(d), x=x(d)) for d in _date_ticks(first, last)]
    return dict(width=width, height=height, left=left, right=width - right, top=top, bottom=height - bottom,
                published=path("veroeffentlicht"), known=path("erfasst"), y_ticks=y_ticks, x_ticks=x_ticks,
                last=dict(x=x(last), y=y(points[-1].veroeffentlicht), value=points[-1].veroeffentlicht))


def _nice_step(high: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if high / step <= 5:
            return step
    return 10000


_SHORT_MONTHS = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez.")


def _month_label(date: datetime.date) -> str:
    return f"{_SHORT_MONTHS[date.month - 1]} {date.year}"


def month_label(code: str) -> Callable[[datetime.date], str]:
    """Month and year, short, as the language writes them: "Nov. 2026", "Nov 2026"."""
    if code == "de":
        return _month_label
    return lambda date: format_skeleton("yMMM", date, locale=code.replace("-", "_"))


def _date_ticks(first: datetime.date, last: datetime.date, most: int = 5) -> list[datetime.date]:
    """First days of months (or of years, for long histories) between first and last, at most `most`."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if months < 1:
        return [first]
    every = next((n for n in (1, 2, 3, 6, 12, 24, 60, 120) if months / n <= most - 1),
                 12 * math.ceil(months / 12 / (most - 1)))  # beyond 40 years: whole years, as many as needed
    ticks, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        date = datetime.date(year, month, 1)
        if first <= date <= last and ((year * 12 + month - 1) % every == 0):
            ticks.append(date)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks or [first]


def history_rows(hist: history_.History) -> tuple[list[history_.Point], bool]:
    """The rows of the history table, newest first; one per month when there are many."""
    monthly = len(hist.points) > HISTORY_TABLE_MAX_ROWS
    rows = hist.monthly() if monthly else list(hist.points)
    return list(reversed(rows)), monthly


def figures(site: Site, gettext: Callable[[str], str] = str) -> dict[str, Any]:
    """Everything the page and zahlen.json show, as plain data; words in the language of `gettext`."""
    return dict(
        definitions=definitions(site.directory, gettext),
        breakdowns={facet: breakdown(site.directory, facet) for facet in BREAKDOWNS},
        history=site.history,
    )


def outputs(site: Site) -> Iterator[PageSpec]:
    directory, _ = site.directory, site._
    data = figures(site, _)
    hist = data["history"]
    charts = {facet: dict(title=_(CHART_TITLES[facet]), heading=_(BREAKDOWN_TITLES[facet]), rows=rows,
                          chart=bar_chart(rows), alt=chart_alt(_(CHART_ALT[facet]), rows, _))
              for facet, rows in data["breakdowns"].items()}
    rows, monthly = history_rows(hist)
    counts = directory.counts
    yield PageSpec(
        "zahlen/index.md", "zahlen.html", title=_("Zahlen"), hide=FULL_WIDTH,
        description=site.ngettext(
            "%(num)s Migrantenorganisation ist im Verzeichnis veröffentlicht, %(erfasst)s sind erfasst (Stand: "
            "%(stichtag)s). Wie gezählt wird und wie sich die Zahl entwickelt hat.",
            "%(num)s Migrantenorganisationen sind im Verzeichnis veröffentlicht, %(erfasst)s sind erfasst (Stand: "
            "%(stichtag)s). Wie gezählt wird und wie sich die Zahl entwickelt hat.", counts.veroeffentlicht)
        % {"num": counts.veroeffentlicht, "erfasst": counts.erfasst, "stichtag": site.language.date(directory.stichtag)},
        context=dict(definitions=data["definitions"], charts=charts, history=hist,
                     line=line_chart(list(hist.points), month_label=month_label(site.language.code)),
                     history_rows=rows, history_monthly=monthly))
