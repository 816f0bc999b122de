"""Published HTML without the templates' indentation and blank lines.

Jinja templates indent for their authors: a Material page is about a fifth whitespace, on every one of
an archive's pages. In HTML's normal flow a run of whitespace that holds a line break reads as one line
break does, so each such run becomes a single line break; and next to the start or end of a block (a `div`,
a `p`, a list item, an element of the head) a line break shows nothing at all, so there it goes too. The
content of `pre`, `textarea`, `script` and `style` elements, where whitespace is kept as it is (and a
script's hash in the security policy covers its exact text), is left alone.
"""
from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
# Starts only where a run of spaces starts: tried from each space of a long run, a scan would be quadratic.
_BROKEN_RUN = re.compile(r"(?<![ \t\r\f])[ \t\r\f]*\n\s*")
# A tag, the line break after it, and the name of the tag that follows. Article text reaches the page escaped,
# so every `<` here starts one of the page's own tags.
_TAG_BREAK = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>\n(?=</?([a-zA-Z][a-zA-Z0-9]*))")
BLOCKS = frozenset("""html head body meta link title base header footer main nav article section aside div ul ol li
    dl dt dd table thead tbody tfoot tr td th caption h1 h2 h3 h4 h5 h6 p form fieldset legend figure figcaption
    details summary blockquote hr""".split())


def compact(html: str) -> str:
    parts, last = [], 0
    for kept in _KEPT.finditer(html):
        parts.append(_between(html[last:kept.start()]))
        parts.append(kept.group())
        last = kept.end()
    parts.append(_between(html[last:]))
    return "".join(parts)


def _between(html: str) -> str:
    return _TAG_BREAK.sub(_joined, _BROKEN_RUN.sub("\n", html))


def _joined(match: re.Match[str]) -> str:
    """The tag without the line break after it, where the tag before or after it starts or ends a block."""
    tag = match.group(0)
    if match.group(2).lower() in BLOCKS or match.group(3).lower() in BLOCKS:
        return tag[:-1]
    return tag
