"""The date archive: years, then months, each a paginated list; undated articles are counted."""
from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence

from ..pipeline.model import Article
from .listing import GeneratedPage, Item, directory, paginated
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
    intro = "Articles by the date they were published, newest year first."
    if undated:
        intro += f" {undated:,} articles carry no date and are listed only under all articles."
    years = sorted(by_year, reverse=True)
    pages = [directory(f"{DATES}/index.md", "Dates", intro,
                       [(year, f"{DATES}/{year}/index.md", len(by_year[year])) for year in years], layout,
                       heading="Year")]
    for year in years:
        months = sorted((m for y, m in by_month if y == year), reverse=True)
        pages.append(directory(
            f"{DATES}/{year}/index.md", f"Articles of {year}", "By month, newest first.",
            [(_month(month), f"{DATES}/{year}/{month}/index.md", len(by_month[(year, month)])) for month in months],
            layout, in_nav=False, heading="Month",
        ))
        for month in months:
            pages += paginated(f"{DATES}/{year}/{month}", f"Articles of {_month(month)} {year}",
                               "Newest first.", by_month[(year, month)], layout, page_size, item=item)
    return pages


def _month(number: str) -> str:
    return calendar.month_name[int(number)] if number.isdigit() and 1 <= int(number) <= 12 else number
