"""What every stage needs to say about a string from the corpus: whether it is a valid id, its slug, the
characters no page may carry, and how a file name that is not UTF-8 is shown.

One definition of each, so an article id, an entity id and a source's folder follow the same rules.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from anyascii import anyascii

# An id or slug: lowercase letters and digits in runs joined by single hyphens. No `--`, so the
# side-by-side page `parallel/<a>--<b>` names exactly one pair of ids; no leading or trailing hyphen.
# Possessive repeats: a failing `fullmatch` of `a-a-a-…-` must not backtrack through every hyphen.
ID = re.compile(r"[a-z0-9]++(?:-[a-z0-9]++)*+")
MAX_ID = 80
# A language code as front matter may declare it: `en`, `pt-br`, `zh-hant`.
LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# What no page, feed or front matter may carry: C0 controls but tab and newline, DEL, C1 controls, the
# Unicode line and paragraph separators (JavaScript and YAML take them for line breaks), lone surrogates
# (not encodable as UTF-8) and the noncharacters U+FFFE/U+FFFF (not XML).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
HASH_CHARS = 6


def valid_id(value: object) -> bool:
    """A usable id: the whole string is of the `ID` shape (fullmatch: `$` would let a trailing newline in)."""
    return isinstance(value, str) and len(value) <= MAX_ID and ID.fullmatch(value) is not None


def slug(value: str, limit: int = MAX_ID, empty: str = "article") -> str:
    """A readable ASCII slug of `value`, transliterated (`Шойгу` -> `shoigu`), that keeps distinct names apart:
    where transliteration may merge two names (non-Latin letters, symbols), or the slug is cut or empty,
    a short hash of the whole value follows (`shoigu-3fa2c1`). Latin names keep their plain slug
    (`Müller` -> `muller`)."""
    value = unicodedata.normalize("NFC", value)
    base = _NOT_SLUG.sub("-", anyascii(_without_surrogates(value)).lower()).strip("-")
    lossy = len(base) > limit or not base or any(_may_merge(ch) for ch in value)
    if not lossy:
        return base
    suffix = "-" + digest(value)
    return (base[: limit - len(suffix)].strip("-") or empty) + suffix


def digest(value: str) -> str:
    """A short, stable hash of `value` (any str, lone surrogates too)."""
    return hashlib.blake2b(_utf8(value), digest_size=HASH_CHARS // 2).hexdigest()


def _may_merge(ch: str) -> bool:
    """Whether transliterating `ch` can make two different names one slug: any character but ASCII, Latin
    letters and their accents, punctuation and spaces (which all become a hyphen anyway)."""
    if ch.isascii():
        return False
    category = unicodedata.category(ch)
    if category[0] in "PZ":
        return False
    if category[0] in "LM":
        return not unicodedata.name(ch, "").startswith(("LATIN", "COMBINING"))
    return True


def visible(value: str) -> str:
    """`value` without control characters (tab and newline stay); the line and paragraph separators
    become a space."""
    if value.isascii() and value.isprintable():
        return value
    return CONTROL.sub(lambda m: " " if m.group() in "\u2028\u2029" else "", value)


def shown_path(path: str) -> str:
    """A corpus path as pages, exports and messages show it: bytes of a file name that are not UTF-8
    (carried as lone surrogates by `os.fsdecode`) as `\\xNN`, control characters as `\\xNN` too."""
    if path.isascii() and path.isprintable():
        return path
    raw = _utf8(path).decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                  else f"\\u{ord(m.group()):04x}", raw)


def _utf8(value: str) -> bytes:
    """The bytes `value` stands for: a file name's undecodable bytes back as they were, any other lone
    surrogate as its (invalid) UTF-8 form."""
    try:
        return value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")


def _without_surrogates(value: str) -> str:
    return value if value.isascii() else _utf8(value).decode("utf-8", "replace")
