"""Charts as static SVG made by the build: articles per month, stacked by language.

No JavaScript: the SVG is part of the page, coloured by Material's CSS variables through classes
(assets/corpus.css), so light and dark schemes both apply. Each chart is an image with a title and a
description for screen readers, and its figures follow as a table. Every bar carries its period, series
and count as data attributes, which tests compare with api/articles.json.
"""
from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence

from ..pipeline.model import Article
from .html import text
from .language_names import language_name

COLOURS = 8  # series with a colour of their own (corpus.css: .corpus-s0 … .corpus-s7); the rest are "other"
MONTHS_UP_TO = 48  # past this many months the bars are years
WIDTH, HEIGHT = 720, 200
LEFT, BOTTOM, TOP = 48, 24, 10
OTHER = "other"


def articles_per_period(articles: Sequence[Article]) -> tuple[list[str], Counter[tuple[str, str]], int]:
    """(periods, (period, lang) -> articles, undated articles): months from the first dated article to the
    last, every month in between included, or years when that would be more than `MONTHS_UP_TO` bars."""
    dated = [(a.published[:7], a.lang) for a in articles if a.published and _month_ok(a.published)]
    undated = len(articles) - len(dated)
    if not dated:
        return [], Counter(), undated
    months = _span(min(m for m, _ in dated), max(m for m, _ in dated))
    if len(months) > MONTHS_UP_TO:
        years = [str(y) for y in range(int(months[0][:4]), int(months[-1][:4]) + 1)]
        return years, Counter((m[:4], lang) for m, lang in dated), undated
    return months, Counter(dated), undated


def period_label(period: str) -> str:
    if len(period) == 7:
        return f"{calendar.month_abbr[int(period[5:])]} {period[:4]}"
    return period


def stacked_bars(chart_id: str, title: str, description: str, periods: Sequence[str],
                 counts: Counter[tuple[str, str]], note: str = "") -> str:
    """A bar per period, stacked by language (most frequent at the bottom), a legend, and the figures as a
    table. `chart_id` makes the SVG's ids unique on its page; `note` follows the description."""
    if not periods:
        return f'<p class="corpus-empty">{text(title)}: no dated articles yet.{" " + text(note) if note else ""}</p>\n'
    totals = Counter[str]()
    for (_, lang), n in counts.items():
        totals[lang] += n
    ranked = [lang for lang, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    shown = ranked[:COLOURS] if len(ranked) <= COLOURS else ranked[: COLOURS - 1]
    folded = Counter[tuple[str, str]]()
    for (period, lang), n in counts.items():
        folded[(period, lang if lang in shown else OTHER)] += n
    series = shown + ([OTHER] if len(shown) < len(ranked) else [])
    colour = {lang: n for n, lang in enumerate(series)}
    labels = {lang: "Other languages" if lang == OTHER else language_name(lang) for lang in series}
    per_period = [sum(folded[(p, s)] for s in series) for p in periods]
    top = _nice(max(per_period))
    plot_w, plot_h = WIDTH - LEFT, HEIGHT - BOTTOM - TOP
    step = plot_w / len(periods)
    bar = max(1.0, step * 0.8)
    parts = []
    for tick in (0, top // 2, top):
        y = TOP + plot_h - plot_h * tick / top
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:,}</text>')
    every = max(1, -(-len(periods) // 8))  # at most about eight period labels
    for n, period in enumerate(periods):
        x = LEFT + n * step + (step - bar) / 2
        y = TOP + plot_h
        for lang in series:
            count = folded[(period, lang)]
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            label = f"{period_label(period)}, {labels[lang]}: {count:,}"
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" class="corpus-s{colour[lang]}" '
                         f'data-period="{period}" data-series="{text(lang)}" data-count="{count}">'
                         f"<title>{text(label)}</title></rect>")
        if n % every == 0:
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle">{period_label(period)}</text>')
    described = description + (f" {note}" if note else "")
    svg = (f'<svg class="corpus-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet">'
           f'<title id="{chart_id}-t">{text(title)}</title><desc id="{chart_id}-d">{text(described)}</desc>'
           + "".join(parts) + "</svg>")
    legend = "".join(f'<li class="corpus-s{colour[lang]}"><i></i>{text(labels[lang])} '
                     f"<span>{totals_of(folded, lang):,}</span></li>" for lang in series)
    return (f'<figure class="corpus-figure">{svg}\n<figcaption><ul class="corpus-legend">{legend}</ul>'
            f'{"<p>" + text(note) + "</p>" if note else ""}</figcaption></figure>\n'
            + _table(title, periods, series, labels, folded))


def totals_of(counts: Counter[tuple[str, str]], lang: str) -> int:
    return sum(n for (_, series), n in counts.items() if series == lang)


def _table(title: str, periods: Sequence[str], series: Sequence[str], labels: dict[str, str],
           counts: Counter[tuple[str, str]]) -> str:
    """The chart's figures, for screen readers and for anyone who wants the numbers."""
    head = "".join(f"<th>{text(labels[s])}</th>" for s in series)
    rows = "".join(
        f"<tr><th>{period_label(p)}</th>" + "".join(f"<td>{counts[(p, s)]:,}</td>" for s in series)
        + f"<td>{sum(counts[(p, s)] for s in series):,}</td></tr>"
        for p in periods
    )
    return (f'<details class="corpus-chart-data"><summary>{text(title)}: the figures</summary>'
            f'<table><thead><tr><th>Period</th>{head}<th>Total</th></tr></thead><tbody>{rows}</tbody></table></details>\n')


def _nice(value: int) -> int:
    """The axis top: the value rounded up to 2, 4 or 10 times a power of ten (an even number, so half is whole)."""
    magnitude = 1
    while True:
        for factor in (2, 4, 10):
            if value <= factor * magnitude:
                return factor * magnitude
        magnitude *= 10


def _span(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while (year, month) <= (int(last[:4]), int(last[5:7])):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_ok(published: str) -> bool:
    return len(published) >= 7 and published[:4].isdigit() and published[4] == "-" and published[5:7].isdigit() \
        and 1 <= int(published[5:7]) <= 12
