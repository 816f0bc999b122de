"""Read stage: find the article files in a corpus folder and decode each into clean Unicode text.

Hands on `Source` objects (text plus front matter) or a reason the file cannot be read.
Never raises on file content: every failure becomes a `Problem`.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_FRONT_MATTER = 64 * 1024
REGISTRY_NAMES = ("entities.yml", "entities.yaml")

# Invisible characters that scrapers leave inside words ("Pu\u200btin"). ZWJ/ZWNJ stay:
# Persian and Indic scripts need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e\ufffe\uffff"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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
    """Every file under `root`, sorted, as article, registry, or skipped (hidden files are ignored)."""
    root = root.resolve()
    articles: list[str] = []
    skipped: list[tuple[str, str, bool]] = []
    registry = None
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
            if path.is_symlink() and not _inside(path, root):
                reason = "symlink points outside the corpus folder; refused: copy the file into the corpus instead"
                skipped.append((rel, reason, True))
            elif rel in REGISTRY_NAMES:
                registry = rel
            elif name.lower().endswith(ARTICLE_SUFFIXES):
                articles.append(rel)
            else:
                skipped.append((rel, "not an article file (.txt or .md)", False))
    return Listing(tuple(sorted(articles)), registry, tuple(sorted(skipped)))


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve(strict=True).relative_to(root)
    except (OSError, ValueError, RuntimeError):
        return False
    return True


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
        loaded = yaml.safe_load(block)
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
