"""A corpus of broken and hostile article files, written fresh into a folder for each test run.

Binary files, symlinks, FIFOs, sockets, devices and file names that are not UTF-8 are made here rather
than committed, so git keeps them as they are (or could not hold them at all).
Every injection sets `window.__pwned`; a browser test checks it stays unset.
"""
from __future__ import annotations

import codecs
import os
import socket
import stat
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


_YAML_BOMB = "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ["lol"] * 9) + "]\n" for i in range(10)
) + "authors: *l9\npublished: *l9\n"


BIG_NUMBER = "9" * 5000  # past Python's 4,300-digit limit for turning an int into text
# A file name that is not UTF-8 (Latin-1 `é`): the build sees it as a lone surrogate, the report as `\xe9`.
UNDECODABLE_NAME = os.fsdecode(b"caf\xe9-latin1-name.txt")
UNDECODABLE_SHOWN = "caf\\xe9-latin1-name.txt"
NON_LATIN_SOURCES = {"source-ru.md": "Синьхуа", "source-zh.md": "新华社", "source-ar.md": "وكالة الأنباء", "source-el.md": "Ειδήσεις"}
CYCLE = ("cycle-en.md", "cycle-de.md", "cycle-fr.md")


def write_hostile_corpus(root: Path, outside: Path) -> dict[str, str]:
    """Write the corpus; returns each file's expected outcome (`published` or `skipped`), keyed by the path
    as the report shows it."""
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
    # Names and ids that try to leave the site folder or carry markup.
    put('"><img src=x onerror=window.__pwned=1>.txt', f"Name carries markup\n\nThe file name itself is hostile {SCRIPT}.\n")
    put("traversal-id.md", "---\nid: ../../../tmp/escaped\ntitle: Traversal\n---\nThe id tries to leave the site.\n")
    put("bad-types.md", "---\ntitle: [a, list]\nauthors: {a: b}\npublished: not-a-date\nlang: 'en\"><script>'\n---\nValues of the wrong type are dropped.\n")
    put("yaml-bomb.md", "---\n" + _YAML_BOMB + "title: fine\n---\nA billion laughs must not explode.\n")
    put("deep-nesting.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nDeeply nested front matter.\n")
    put("style-injection.txt", "Style and refresh\n\n<style>body{display:none}</style><meta http-equiv=\"refresh\" content=\"0;url=https://example.invalid\"><link rel=stylesheet href=//example.invalid/x.css>\n")
    put("only-debris.txt", "Oops!\n\nSomething went wrong.\n\nPlease try again later.\n")
    # Odd but legitimate text.
    put("crlf.txt", b"Windows newlines\r\n\r\nThis file was saved on Windows.\r\nSecond line.\r\n")
    put("cr-only.txt", b"Old Mac newlines\r\rThis file uses lone carriage returns.\r")
    put("nfd.txt", "Mu\u0308nchen und Ko\u0308ln\n\nDie Sta\u0308dte Mu\u0308nchen und Ko\u0308ln liegen in Deutschland.\n")
    put("zero-width.txt", "Pu\u200btin meets Scho\u200bigu\n\nWladimir Pu\u200btin traf Sergej Scho\u2060igu in Mos\ufeffkau.\n")
    put("control-chars.txt", "Control\x07 characters\n\nBell\x07 and escape\x1b[31m and vertical\x0btab.\n")
    put("cp1251.txt", "Шойгу в Москве\n\nМинистр обороны Сергей Шойгу провёл совещание в Москве в четверг.\n".encode("cp1251"))
    put("arabic.txt", "بوتين يلتقي رئيسي في موسكو\n\nالتقى الرئيس الروسي فلاديمير بوتين بالرئيس الإيراني إبراهيم رئيسي في الكرملين يوم الخميس.\n")
    put("hebrew.txt", "פוטין נפגש עם ראיסי\n\nנשיא רוסיה ולדימיר פוטין נפגש עם נשיא איראן בקרמלין ביום חמישי.\n")
    put("mixed-language.txt", "Mixed languages\n\nThe president arrived in Moscow on Thursday for talks.\n\nDer Präsident traf am Donnerstag in Moskau ein.\n\nوصل الرئيس إلى موسكو يوم الخميس.\n")
    put("nested/deep/folder/article.txt", "Deep in folders\n\nThis article lives three folders down.\n")
    put("unicode-Ωμέγα name.txt", "Unicode file name\n\nThe file name has Greek letters and a space.\n")
    put("huge.txt", "A five megabyte article\n\n" + "\n\n".join(["The committee met again on Tuesday to discuss the budget for next year. " * 6] * 12_000))
    put("long-line.txt", "A two megabyte line\n\n" + "word " * 420_000 + "\n")
    put("notes.pdf", b"%PDF-1.4 not an article", "skipped")
    put("entities.yml", (
        f"- id: evil\n  name: '{SCRIPT}'\n"
        '- id: "newline\\n"\n  name: Trailing newline id\n'  # `$` would let it through
        f"- name: Huge GeoNames id\n  type: place\n  geonames: {BIG_NUMBER}\n"
        '- id: control-name\n  name: "Kept \\e\\x9b name"\n  names: {en: ["Kept\\x00 name"]}\n'
    ), "skipped")
    # Round two (issue 20): each line a class of input, not a single file.
    put("credits-bomb.txt", "Credits bomb\n\nLONDON (Reuters) - A line of credits follows.\n\n(Reporting by "
        + "in Xa " * 25_000 + ")\n")  # took minutes in the names splitter
    os.mkfifo(root / "pipe.txt")  # opening it for reading would wait for a writer forever
    expected["pipe.txt"] = "skipped"
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(root / "socket.txt"))
    expected["socket.txt"] = "skipped"
    try:  # a character device like /dev/zero never ends; only root may make one
        os.mknod(root / "zero.txt", stat.S_IFCHR | 0o600, os.makedev(1, 5))
        expected["zero.txt"] = "skipped"
    except (OSError, AttributeError):
        pass
    put(UNDECODABLE_NAME, "Undecodable file name\n\nThe name of this file is Latin-1, not UTF-8.\n")
    expected[UNDECODABLE_SHOWN] = expected.pop(UNDECODABLE_NAME)
    put("del\x7f-c1\x9b-name.txt", "Control characters in the name\n\nA DEL and a C1 character are in the file name.\n")
    expected["del\\x7f-c1\\x9b-name.txt"] = expected.pop("del\x7f-c1\x9b-name.txt")
    put("control-escapes.md", '---\ntitle: "Escapes\\x00 \\e\\x9b\\u2028and\\x7f\\ud800 end"\n'
        'authors: ["Anna\\u2029Berg"]\nsource: "Wire\\x85 Service"\n---\nText\x7f with\x9b a DEL and a C1 character.\n')
    put("big-number.md", f"---\ntitle: A big number\npublished: {BIG_NUMBER}\nid: {BIG_NUMBER}\n---\nThe rest of the front matter holds.\n")
    put("entities.yaml", "- id: ignored\n  name: Ignored Entity\n", "skipped")
    put("Entities.yml", "- id: ignored-too\n  name: Ignored Too\n", "skipped")
    put("北京新闻.txt", "北京的新闻\n\n北京今天天气很好，市民在公园里散步。\n")
    put("上海新闻.txt", "上海的新闻\n\n上海今天下雨，市民带着雨伞出门。\n")
    for name, source in NON_LATIN_SOURCES.items():
        put(name, f"---\nsource: {source}\n---\nA story from {name}\n\nThis article is credited to a source in another script.\n")
    put("double-dash-a.md", "---\nid: x--y\n---\nFirst double dash\n\nThe id of this article holds a double dash.\n")
    put("double-dash-b.md", "---\nid: y--z\n---\nSecond double dash\n\nSo does the id of this one.\n")
    cycle = {"cycle-en.md": ("en", "cycle-de", "The harbour strike ended on Monday after three weeks of talks."),
             "cycle-de.md": ("de", "cycle-fr", "Der Hafenstreik endete am Montag nach drei Wochen Verhandlungen."),
             "cycle-fr.md": ("fr", "cycle-en", "La grève du port a pris fin lundi après trois semaines de négociations.")}
    for name, (lang, original, text) in cycle.items():
        put(name, f"---\nid: {name[:-3]}\nlang: {lang}\ntranslation_of: {original}\n---\n{text}\n")
    secret = outside / "secret.txt"
    secret.write_text("TOP SECRET outside the corpus\n\nMust never be published.\n")
    (root / "leak.txt").symlink_to(secret)
    expected["leak.txt"] = "skipped"
    return expected


# Files whose problems must fail a strict build, each named in the log.
WARNED = (
    "empty.txt", "binary.txt", "malformed-yaml.md", "python-tag.md", "leak.txt", "b/dup_0123456789abcdef.txt",
    "traversal-id.md", "bad-types.md", "yaml-bomb.md", "deep-nesting.md", "front-matter-only.md",
    "pipe.txt", "socket.txt", "big-number.md", "entities.yml", "entities.yaml", "Entities.yml",
    "double-dash-a.md", "double-dash-b.md", *CYCLE,
)
