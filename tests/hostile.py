"""A corpus of broken and hostile article files, written fresh into a folder for each test run.

Binary files and symlinks are made here rather than committed, so git keeps them as they are.
Every injection sets `window.__pwned`; a browser test checks it stays unset.
"""
from __future__ import annotations

import codecs
from pathlib import Path

PWN = "window.__pwned=1"
SCRIPT = f"<script>{PWN}</script>"

HOSTILE_TEXT = {
    "html-injection.txt": (
        f"Breaking {SCRIPT} headline <img src=x onerror=\"{PWN}\">\n\n"
        f"PARIS (Reuters) - The text holds <iframe src=\"javascript:{PWN}\"></iframe> and {SCRIPT}.\n\n"
        "A [link](javascript:alert(1)) and <a href=\"data:text/html,<script>alert(1)</script>\">data</a>.\n"
    ),
    "jinja.txt": "Template {{ config.site_name }} test\n\nThe text says {% raw %}{{ 7*7 }}{% endraw %} and {{ page.title }}.\n",
    "markdown-tricks.md": (
        "---\ntitle: \"<svg onload='" + PWN + "'>\"\nsource: \"<b onmouseover='" + PWN + "'>Evil</b>\"\n"
        "authors: [\"<script>" + PWN + "</script>\"]\n---\n"
        "# Not a heading\n\n--8<-- \"/etc/passwd\"\n\n<div markdown=\"1\">**bold?**</div>\n\n"
        "*[HTML]: Hyper Text\n\n[x]: javascript:alert(1)\n"
    ),
}


def write_hostile_corpus(root: Path, outside: Path) -> dict[str, str]:
    """Write the corpus; returns each file's expected outcome (`published` or `skipped`)."""
    root.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def put(name: str, data: bytes | str, outcome: str = "published") -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = outcome

    put("good.txt", "A good headline\n\nLONDON (Reuters) - This article is fine and publishes.\n")
    put("empty.txt", b"", "skipped")
    put("whitespace.txt", b"  \n\n \t\n", "skipped")
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "skipped")
    put("latin1.txt", "Grüße aus Köln\n\nDie Straßenbahn fährt wieder über die Brücke.\n".encode("latin-1"))
    put("utf16.txt", codecs.BOM_UTF16_LE + "Ein Titel\n\nDer Text ist in UTF-16 gespeichert.\n".encode("utf-16-le"))
    put("malformed-yaml.md", "---\ntitle: [unclosed\nlang: en\n---\nThe body still publishes.\n")
    put("python-tag.md", "---\ntitle: !!python/object/apply:os.system ['touch /tmp/pwned-by-yaml']\n---\nBody.\n")
    put("front-matter-only.md", "---\ntitle: Nothing else\n---\n", "skipped")
    put("a/dup_0123456789abcdef.txt", "First of two\n\nBoth files carry the same id and both publish.\n")
    put("b/dup_0123456789abcdef.txt", "Second of two\n\nThe second one gets a suffixed id.\n")
    for name, text in HOSTILE_TEXT.items():
        put(name, text)
    secret = outside / "secret.txt"
    secret.write_text("TOP SECRET outside the corpus\n\nMust never be published.\n")
    (root / "leak.txt").symlink_to(secret)
    expected["leak.txt"] = "skipped"
    return expected


# Files whose problems must fail a strict build, each named in the log.
WARNED = ("empty.txt", "binary.txt", "malformed-yaml.md", "python-tag.md", "leak.txt", "b/dup_0123456789abcdef.txt")
