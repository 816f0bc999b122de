"""Published HTML without the templates' indentation and blank lines.

Jinja templates indent for their authors: a Material page is about a fifth whitespace, on every one of
an archive's pages. In HTML's normal flow a run of whitespace that holds a line break reads as one line
break does, so each such run becomes a single line break. The content of `pre`, `textarea`, `script` and
`style` elements, where whitespace is kept as it is (and a script's hash in the security policy covers
its exact text), is left alone.
"""
from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_BROKEN_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact(html: str) -> str:
    parts, last = [], 0
    for kept in _KEPT.finditer(html):
        parts.append(_BROKEN_RUN.sub("\n", html[last:kept.start()]))
        parts.append(kept.group())
        last = kept.end()
    parts.append(_BROKEN_RUN.sub("\n", html[last:]))
    return "".join(parts)
