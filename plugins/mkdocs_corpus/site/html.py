"""Article text is data, never markup: every corpus string reaches the page through `text()`."""
from __future__ import annotations

import html
import json
import re
import unicodedata

_SLUG = re.compile(r"[^\w]+")


def text(value: object) -> str:
    """Escape for HTML element content and attributes, and defuse Jinja and Markdown extensions.

    `{` is escaped too so that a macros plugin never sees `{{ }}` or `{% %}` from an article.
    """
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def direction(value: str) -> str | None:
    """`rtl` when the first strongly directional character is right-to-left (Arabic, Hebrew)."""
    for ch in value:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return None
    return None


def dir_attr(value: str) -> str:
    return ' dir="rtl"' if direction(value) == "rtl" else ""


def anchor(value: str) -> str:
    return _SLUG.sub("-", value.casefold()).strip("-")[:60] or "section"


def front_matter(data: dict[str, object]) -> str:
    """A page's YAML front matter, written as JSON: JSON is YAML, and twenty times faster to write.

    Themes print meta values unescaped, so corpus strings must already have gone through `text()`.
    """
    return "---\n" + json.dumps(data, ensure_ascii=False) + "\n---\n"
