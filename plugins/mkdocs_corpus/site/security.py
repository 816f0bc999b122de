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

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_CONTENT = re.compile(r'<article class="md-content__inner[^"]*">.*?</article>', re.S)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_DATA_TYPE = re.compile(r"""type=["']?application/(?:ld\+)?json""", re.I)

POLICY = (
    "default-src 'self'; script-src 'self' {hashes} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
    "object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'"
)


def script_hashes(html: str) -> list[str]:
    """CSP hash sources of the executable inline scripts outside the content area."""
    outside = _CONTENT.sub("", html)
    hashes = []
    for match in _INLINE_SCRIPT.finditer(outside):
        if "src=" in match.group("attrs") or _DATA_TYPE.search(match.group("attrs")):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode()}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def with_policy(html: str) -> str:
    """`html` with the policy `<meta>` right after `<meta charset>`, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=" ".join(script_hashes(html)))}">'
    match = _CHARSET.search(html)
    if match is None:
        return html
    return html[: match.end()] + meta + html[match.end():]
