"""Read stage: find the article files in a corpus folder and decode each into clean Unicode text.

Hands on `Source` objects (text plus front matter) or a reason the file cannot be read.
Never raises on file content: every failure becomes a `Problem`.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_FRONT_MATTER = 64 * 1024
# The curated entity registry; a file that looks like it under another name is reported, not read.
REGISTRY = "entities.yml"

# Invisible characters that scrapers leave inside words ("Pu\u200btin"). ZWJ/ZWNJ stay:
# Persian and Indic scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e\ufffe\uffff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# A YAML integer longer than this is kept as its text (`TooLong`), not built: Python refuses to turn an
# int of over 4,300 digits into a string, and no field here means a number that long.
MAX_NUMBER_CHARS = 100


class TooLong(str):
    """The text of a YAML integer too long to be a value; whoever reads the field says so and ignores it."""


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an over-long integer stays text (see `MAX_NUMBER_CHARS`)."""


def _integer(loader: _Loader, node: yaml.ScalarNode) -> object:
    value = loader.construct_scalar(node)
    if isinstance(value, str) and len(value) > MAX_NUMBER_CHARS:
        return TooLong(value)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _integer)


def load_yaml(text: str) -> Any:
    """YAML with the safe loader (no tags that build objects), over-long integers kept as `TooLong` text."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def holds_too_long(value: object) -> int:
    """The digits of the longest `TooLong` number in `value` (a YAML value), 0 if there is none. Each list
    or mapping is visited once: YAML aliases share them, and a billion laughs must stay nine lists."""
    longest, seen, pending = 0, set(), [value]
    while pending:
        item = pending.pop()
        if isinstance(item, TooLong):
            longest = max(longest, len(item))
        elif isinstance(item, (list, dict)) and id(item) not in seen:
            seen.add(id(item))
            pending.extend([*item.keys(), *item.values()] if isinstance(item, dict) else item)
    return longest


class Unreadable(Exception):
    """The file holds no article text we can publish; the message says why, for the report."""


@dataclass(frozen=True)
class Source:
    """One article file, decoded: its text and whatever its front matter declared."""

    path: str
    text: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listing:
    """What is in a corpus folder: article files to read, and everything else with a reason."""

    articles: tuple[str, ...]
    registry: str | None
    skipped: tuple[tuple[str, str, bool], ...]  # (path, reason, is_warning)


def list_corpus(root: Path) -> Listing:
    """Every file under `root`, sorted, as article, registry, or skipped (hidden files are ignored). Only
    regular files are ever read: a FIFO would block the build forever, a device would never end."""
    root = root.resolve()
    articles: list[str] = []
    skipped: list[tuple[str, str, bool]] = []
    registry = None
    near_misses: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in list(dirnames):
            if (here / name).is_symlink():
                dirnames.remove(name)
                rel = (here / name).relative_to(root).as_posix()
                skipped.append((rel, "symlinked folder not followed: move or copy its files into the corpus", True))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = here / name
            rel = path.relative_to(root).as_posix()
            odd = _not_regular(path, root)
            if odd:
                skipped.append((rel, odd, True))
            elif rel == REGISTRY:
                registry = rel
            elif here == root and _registry_like(name):
                near_misses.append(rel)
            elif name.lower().endswith(ARTICLE_SUFFIXES):
                articles.append(rel)
            else:
                skipped.append((rel, "not an article file (.txt or .md)", False))
    for rel in near_misses:
        if registry is None:
            reason = f"looks like the entity registry, but only {REGISTRY} is read: ignored; rename it to {REGISTRY}"
        else:
            reason = f"a second entity registry beside {registry}: ignored; merge its entries into {registry}"
        skipped.append((rel, reason, True))
    return Listing(tuple(sorted(articles)), registry, tuple(sorted(skipped)))


def _registry_like(name: str) -> bool:
    """`entities.yaml`, `Entities.yml`, `entities.YML`: a registry under a name the build does not read."""
    stem, dot, suffix = name.rpartition(".")
    return bool(dot) and stem.casefold() in ("entities", "entity") and suffix.casefold() in ("yml", "yaml")


def _not_regular(path: Path, root: Path) -> str | None:
    """Why `path` is no file to read (it is of another kind, or a symlink out of the corpus), else None."""
    try:
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            if not _inside(path, root):
                return "symlink points outside the corpus folder; refused: copy the file into the corpus instead"
            mode = path.stat().st_mode
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    kind = _KINDS.get(stat.S_IFMT(mode))
    return None if kind is None else f"{kind}, not a regular file: never read; remove it from the corpus"


_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder",
}


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve(strict=True).relative_to(root)
    except (OSError, ValueError, RuntimeError):
        return False
    return True


def read_regular(root: Path, path: str, max_bytes: int) -> bytes:
    """The bytes of the regular file `path` under `root`, or `Unreadable`. What is checked is what was
    opened, not the name: the file may have been swapped for a symlink or a FIFO since it was listed. The
    last step of the path is opened without following a symlink, and not blocking on a FIFO; the opened
    file must be a regular file that lies inside `root`."""
    root = root.resolve()
    real = Path(os.path.realpath(root / path))
    if not _within(real, root):
        raise Unreadable("symlink points outside the corpus folder; refused: copy the file into the corpus instead")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as error:
        raise Unreadable(f"cannot be read: {error.strerror or error} (was it replaced while the build ran?)") from error
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            kind = _KINDS.get(stat.S_IFMT(opened.st_mode), "not a regular file")
            raise Unreadable(f"{kind}, not a regular file: never read; remove it from the corpus")
        where = _opened_path(fd)
        if where is not None and not _within(where, root):
            raise Unreadable("lies outside the corpus folder (a folder on its path was swapped for a symlink); refused")
        if opened.st_size > max_bytes:
            raise Unreadable(f"file is {opened.st_size:,} bytes, over the limit of {max_bytes:,}: "
                             "split it or raise max_file_size")
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as error:
        raise Unreadable(f"cannot be read: {error.strerror or error}") from error
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise Unreadable(f"file grew past the limit of {max_bytes:,} bytes while being read: split it or raise max_file_size")
    return data


def _opened_path(fd: int) -> Path | None:
    """Where the open file `fd` really is (Linux tells through /proc), or None where that cannot be known."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return None


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def read_source(path: str, data: bytes) -> Source:
    """Decode one file's bytes into a `Source`, or raise `Unreadable` with the reason."""
    if not data.strip():
        raise Unreadable("empty file: add the article text or delete the file")
    text, encoding = decode(data)
    notes: list[str] = []
    if encoding not in ("utf-8", "ascii"):
        notes.append(f"decoded as {encoding}")
    repaired = _repair_mojibake(text)
    if repaired != text:
        notes.append("repaired mis-decoded text (mojibake)")
        text = repaired
    text = normalise(text)
    front_matter: dict[str, Any] = {}
    warnings: list[str] = []
    if path.lower().endswith(".md"):
        front_matter, text, warning = split_front_matter(text)
        if warning:
            warnings.append(warning)
    if not text.strip():
        raise Unreadable("no article text after the front matter: add the text below it")
    return Source(path, text, front_matter, encoding, tuple(notes), tuple(warnings))


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text: a BOM decides, then strict UTF-8, then a charset detector; binary is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise Unreadable(f"starts with a {encoding} byte-order mark but is not {encoding}") from error
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_utf16(data):
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    if b"\x00" in data:
        raise Unreadable("binary file (contains NUL bytes), not text: convert it to a .txt file or remove it")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("binary or undecodable file, no text encoding fits: save it as UTF-8")
    return str(best), best.encoding


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: Latin text has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) / 2 * 0.3 and min(even, odd) < len(sample) / 2 * 0.05


def _repair_mojibake(text: str) -> str:
    """Undo text that a scraper decoded with the wrong 8-bit code page before saving it as UTF-8."""
    if text.isascii():
        return text
    letters = [ch for ch in text[:20_000] if ch.isalpha()]
    latin_high = sum("\u00c0" <= ch <= "\u00ff" for ch in letters)
    # No language writes most of its letters in U+00C0..U+00FF: that is Cyrillic, Greek or
    # another code page read as Latin-1 (ftfy does not undo that case).
    if letters and latin_high > 0.4 * len(letters):
        try:
            raw = text.encode("cp1252")
        except UnicodeEncodeError:
            raw = text.encode("latin-1", errors="ignore")
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            candidate = str(best)
            still_high = sum("\u00c0" <= ch <= "\u00ff" for ch in candidate if ch.isalpha())
            if still_high < 0.1 * max(1, len(letters)):
                return candidate
    if any(marker in text for marker in ("Ã", "â€", "Ð", "Ñ")):
        import ftfy

        return ftfy.fix_encoding(text)
    return text


def normalise(text: str) -> str:
    """Unix newlines, NFC, no invisible or control characters (tabs and newlines stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _CONTROL.sub("", text)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """YAML front matter (safe loader only) and the text after it; a broken block is a warning."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, None
    body = text[match.end():]
    block = match.group(1) or ""
    if len(block) > MAX_FRONT_MATTER:
        return {}, body, f"front matter is over {MAX_FRONT_MATTER:,} characters; published without it"
    try:
        loaded = load_yaml(block)
    except RecursionError:
        return {}, body, "front matter is nested too deeply; published without it"
    except (ValueError, TypeError, OverflowError) as error:
        # PyYAML raises these for values it parses but cannot build, such as the date 0000-00-00.
        return {}, body, f"front matter has a value YAML cannot read ({error}); published without it: fix the value"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, body, f"front matter is not valid YAML{where}: {reason}; published without it: fix the YAML"
    if loaded is None:
        return {}, body, None
    if not isinstance(loaded, dict):
        return {}, body, "front matter is not a mapping of keys to values; published without it"
    return {str(key): value for key, value in loaded.items()}, body, None
