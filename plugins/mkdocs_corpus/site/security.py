"""A Content-Security-Policy for every built page, as a `<meta>` (GitHub Pages sets no headers).

Scripts run only from the site itself or when they are the theme's own inline scripts, allowed
by hash. Hashes are taken from the page outside its content area, where corpus text lives, so
even markup that slipped into an article could not allow itself to run. `'wasm-unsafe-eval'` lets
the site's own scripts compile WebAssembly (Pagefind's search runs in it); it allows no `eval`.
"""
from __future__ import annotations

import base64
import hashlib
import re

# Found by scanning forward, never by one expression from each opening tag to its end: an opening tag
# without its end would make such an expression read to the end of the page from every one of them.
_SCRIPT_OPEN = re.compile(r"<script([^<>]*)>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script>", re.I)
_CONTENT_OPEN = re.compile(r'<article class="md-content__inner[^"<>]*">')
_CONTENT_CLOSE = "</article>"
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_DATA_TYPE = re.compile(r"""type=["']?application/(?:ld\+)?json""", re.I)

# Fetches and workers (Pagefind's) fall back to `default-src 'self'`, so the policy, written into every page,
# does not repeat it for them.
POLICY = (
    "default-src 'self'; script-src 'self'{hashes} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; object-src 'none'; frame-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def script_hashes(html: str) -> list[str]:
    """CSP hash sources of the executable inline scripts outside the content area."""
    hashes = []
    for attrs, body in _inline_scripts(_outside_content(html)):
        if "src=" in attrs or _DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def _outside_content(html: str) -> str:
    """`html` without its content areas (an unclosed one runs to the end)."""
    parts, position = [], 0
    while (opening := _CONTENT_OPEN.search(html, position)) is not None:
        parts.append(html[position:opening.start()])
        end = html.find(_CONTENT_CLOSE, opening.end())
        if end < 0:
            return "".join(parts)
        position = end + len(_CONTENT_CLOSE)
    return "".join(parts) + html[position:]


def _inline_scripts(html: str) -> list[tuple[str, str]]:
    """(attributes, body) of each `<script>` element, in order; an unclosed one runs to the end."""
    scripts, position = [], 0
    while (opening := _SCRIPT_OPEN.search(html, position)) is not None:
        closing = _SCRIPT_CLOSE.search(html, opening.end())
        if closing is None:
            break
        scripts.append((opening.group(1), html[opening.end():closing.start()]))
        position = closing.end()
    return scripts


def with_policy(html: str) -> str:
    """`html` with the policy `<meta>` right after `<meta charset>`, before any script."""
    hashes = "".join(" " + source for source in script_hashes(html))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'
    match = _CHARSET.search(html)
    if match is None:
        return html
    return html[: match.end()] + meta + html[match.end():]
