"""The date archive: years, then months, each a paginated list; undated articles are counted."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..pipeline.model import Article
from .html import text
from .listing import GeneratedPage, Item, directory, paginated
from .messages import month_alone, month_name, plain
from .urls import Layout

DATES = "browse/dates"


def date_pages(articles: Sequence[Article], layout: Layout, page_size: int, item: Item | None = None) -> list[GeneratedPage]:
    by_year: dict[str, list[Article]] = defaultdict(list)
    by_month: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        if article.published:
            year, month = article.published[:4], article.published[5:7]
            by_year[year].append(article)
            by_month[(year, month)].append(article)
    undated = len(articles) - sum(len(v) for v in by_year.values())
    ui = layout.lang
    intro = text(plain(ui, "dates.intro"))
    if undated:
        intro += " " + text(plain(ui, "dates.undated", undated))
    years = sorted(by_year, reverse=True)
    pages = [directory(f"{DATES}/index.md", plain(ui, "dates.title"), intro,
                       [(year, f"{DATES}/{year}/index.md", len(by_year[year])) for year in years], layout,
                       heading="list.year")]
    for year in years:
        months = sorted((m for y, m in by_month if y == year), reverse=True)
        pages.append(directory(
            f"{DATES}/{year}/index.md", plain(ui, "dates.year", year=year), text(plain(ui, "dates.months")),
            [(text(month_alone(ui, int(month)) if _is_month(month) else month), f"{DATES}/{year}/{month}/index.md",
              len(by_month[(year, month)])) for month in months],
            layout, in_nav=False, heading="list.month",
        ))
        for month in months:
            pages += paginated(f"{DATES}/{year}/{month}", plain(ui, "dates.month", month=_month(ui, year, month)),
                               text(plain(ui, "dates.newest")), by_month[(year, month)], layout, page_size, item=item)
    return pages


def _month(lang: str, year: str, month: str) -> str:
    """March 2024 (in the site's language), or what the date says where it is no month of a year."""
    if year.isdigit() and _is_month(month):
        return month_name(lang, int(year), int(month))
    return f"{month} {year}"


def _is_month(number: str) -> bool:
    return number.isdigit() and 1 <= int(number) <= 12
