"""Article text is data, never markup: every corpus string reaches the page through `text()`."""
from __future__ import annotations

import html
import json
import re
import unicodedata

from ..pipeline.text import visible

_SLUG = re.compile(r"[^\w]+")


def text(value: object) -> str:
    """Escape for HTML element content and attributes, and defuse Jinja and Markdown extensions.

    `{` is escaped too so that a macros plugin never sees `{{ }}` or `{% %}` from an article. Control
    characters are dropped: no page carries them (see `pipeline.text.visible`).
    """
    return html.escape(visible(str(value)), quote=True).replace("{", "&#123;").replace("}", "&#125;")


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

    Themes print meta values unescaped, so corpus strings must already have gone through `text()`. No
    control character is left in it, raw or escaped: YAML refuses a DEL or C1 character raw, and MkDocs
    then silently drops the whole front matter (the page's title, its JSON-LD).
    """
    return "---\n" + visible(json.dumps(data, ensure_ascii=False)) + "\n---\n"
