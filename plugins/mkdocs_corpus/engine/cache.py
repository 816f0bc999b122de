"""On-disk caches keyed by content hash: per-article analysis, sentence vectors, and the per-article
parts of corpus-wide stages (`StageMemo`).

Both live in SQLite files under one folder (which CI can save and restore). Entries are plain
JSON and float16 arrays, never pickles, so a tampered cache can at worst cost a recompute: an
entry that fails to decode, or a file that is not a database, is ignored, never trusted.
The cache is input like the corpus: an analysis entry is checked field by field as strictly as
the pipeline checks a file (an id of the id shape, a relative path, types, ranges, language
codes, no control characters), and analysis and vector entries carry a checksum of what they
hold, so bytes changed in place are recomputed rather than published.
The analysis key covers the file's bytes and path, the options and the code that analyses.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np

from ..pipeline.entities.model import TYPES
from ..pipeline.keys import code_digest, units_key
from ..pipeline.model import Article, Block, Problem
from ..pipeline.text import CONTROL as _CONTROL
from ..pipeline.text import LANG_CODE as _LANG
from ..pipeline.text import valid_id

CHECKSUM_BYTES = 20
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BLOCK_KINDS = frozenset({"title", "paragraph", "heading", "credits"})


def checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=CHECKSUM_BYTES).digest()


def unusable(folder: Path) -> str | None:
    """Why the caches cannot live in `folder` (it is a file, or cannot be made or written), or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        return f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "")
    return None


def analysis_key(path: str, data: bytes, options: object) -> str:
    digest = hashlib.sha256(code_digest("pipeline.analysis").encode())
    digest.update(repr(options).encode())
    digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


class _Store:
    """One SQLite key-value table; any database error turns the store off for this build. A subclass
    counts its hits and misses and notes in `_used` the keys this build read or wrote, for `finish`.

    Only a file that is not a database at all (or whose pages are garbled) is replaced. A database that
    another process holds locked (a build sharing the cache folder, a person with `sqlite3` open) is
    someone's good cache: after waiting `LOCK_WAIT` seconds for it, this build does without it."""

    LOCK_WAIT = 5.0  # seconds; what SQLite waits for another connection's lock before it gives up

    def __init__(self, file: Path | None, table: str, value_type: str) -> None:
        self.table = table
        self.db: sqlite3.Connection | None = None
        self.error: str | None = None
        self.hits = self.misses = 0
        self._used: set[str] = set()
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._open(file, value_type)
        except sqlite3.DatabaseError as error:
            if not _not_a_database(error):
                self.error = f"{file.name} could not be opened ({_describe(error)}); the cache is off for this build"
                return
            try:  # corrupt, truncated, tampered: start afresh rather than trust it
                file.unlink(missing_ok=True)
                self.db = self._open(file, value_type)
                self.error = f"{file.name} was not a database ({error}); started a new one"
            except (sqlite3.DatabaseError, OSError) as second:
                self.db, self.error = None, f"cache disabled: {second}"
        except OSError as error:
            self.error = f"{file.name} could not be opened ({error}); the cache is off for this build"

    def _open(self, file: Path, value_type: str) -> sqlite3.Connection:
        db = sqlite3.connect(file, timeout=self.LOCK_WAIT)
        try:
            db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value {value_type} NOT NULL)")
            db.execute(f"SELECT count(*) FROM {self.table} LIMIT 1").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def get_many(self, keys: Sequence[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.db is None:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                found.update(self.db.execute(f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk))
        except sqlite3.DatabaseError as error:
            self.error, self.db = f"cache read failed ({error}); recomputing", None
        return found

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?)", items)
        except (sqlite3.DatabaseError, UnicodeEncodeError) as error:
            self.error, self.db = f"cache write failed ({error})", None

    def keep_only(self, used: Iterable[str]) -> None:
        """Forget every entry not in `used` (what this build read or wrote), so the table does not grow with history."""
        if self.db is None:
            return
        try:
            with self.db:
                self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                self.db.execute("DELETE FROM used")
                self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                self.db.execute(f"DELETE FROM {self.table} WHERE key NOT IN (SELECT key FROM used)")
        except sqlite3.DatabaseError as error:
            self.error, self.db = f"cache prune failed ({error})", None

    def finish(self) -> None:
        """Keep only what this build used, then close; a build that asked for nothing (it stopped before the
        stage that uses the store) prunes nothing."""
        if self.hits + self.misses:
            self.keep_only(self._used)
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


# SQLite's primary result codes (the low byte of an extended code) for a file that holds no usable database.
_NOT_A_DATABASE = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_LOCKED = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED


def _not_a_database(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _NOT_A_DATABASE


def _describe(error: sqlite3.Error) -> str:
    if (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _LOCKED:
        return f"another process holds it locked: {error}"
    return str(error)


class StageMemo(_Store):
    """JSON results by key, one table per stage, in `stages.sqlite`: the part of a corpus-wide stage
    that one article decides given a few corpus-wide inputs, which the stage puts in the key. A
    value that does not parse, or that the stage's `usable` rejects, is a miss (and counted as one);
    `finish` keeps only the entries this build used."""

    def __init__(self, folder: Path | None, stage: str) -> None:
        super().__init__(folder / "stages.sqlite" if folder else None, stage, "TEXT")

    def load(self, keys: Sequence[str], usable: Callable[[Any], bool]) -> dict[str, Any]:
        found = {}
        for key, value in self.get_many(keys).items():
            try:
                decoded = json.loads(value)
            except (TypeError, ValueError):
                continue
            if usable(decoded):
                found[key] = decoded
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        self._used.update(found)
        return found

    def save(self, values: dict[str, Any]) -> None:
        self._used.update(values)
        self.put_many((key, json.dumps(value)) for key, value in values.items())


class AnalysisCache(_Store):
    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder / "analysis.sqlite" if folder else None, "analysis", "TEXT")

    def decode(self, stored: dict[str, Any], asked: int) -> dict[str, tuple[Article, list[Problem]]]:
        """The entries of `stored` (as `get_many` returns them, for `asked` keys) that decode."""
        results = {}
        for key, value in stored.items():
            decoded = decode_analysis(value)
            if decoded is not None:
                results[key] = decoded
        self.hits += len(results)
        self.misses += asked - len(results)
        return results

    def save(self, entries: dict[str, tuple[Article, list[Problem]]]) -> None:
        self.put_many((key, encode_analysis(*value)) for key, value in entries.items())


def encode_analysis(article: Article, problems: list[Problem]) -> str:
    """The entry: the checksum of its JSON (hex), a newline, the JSON. ASCII: a file name that is not UTF-8
    carries lone surrogates, which JSON escapes and SQLite could not store raw."""
    payload = json.dumps({"article": asdict(article), "problems": [asdict(p) for p in problems]})
    return checksum(payload.encode()).hex() + "\n" + payload


def decode_analysis(value: object) -> tuple[Article, list[Problem]] | None:
    """The cached result, or None if the entry is not exactly what `encode_analysis` writes: its checksum
    holds, and every field is what analysis can produce (`_plausible`)."""
    if not isinstance(value, str):
        return None
    stored_sum, _, payload = value.partition("\n")
    try:
        if bytes.fromhex(stored_sum) != checksum(payload.encode("ascii")):
            return None
    except (ValueError, UnicodeEncodeError):
        return None
    try:
        data = json.loads(payload)
        raw = dict(data["article"])
        raw["blocks"] = tuple(Block(**block) for block in raw["blocks"])
        for name in ("authors", "editors", "debris"):
            raw[name] = tuple(raw[name])
        raw["spans"] = tuple((int(u), int(s), int(e), str(t)) for u, s, e, t in raw["spans"])
        if set(raw) != {f.name for f in fields(Article)}:
            return None
        article = Article(**raw)
        problems = [Problem(**p) for p in data["problems"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if not _plausible(article) or not all(_plausible_problem(p, article.path) for p in problems):
        return None
    return article, problems


def _plausible(article: Article) -> bool:
    """Whether `article` could have come out of analysis: the checks the pipeline makes on a file's own
    declarations, made again, since whoever can write the cache folder could have written anything."""
    optional = (article.source, article.dateline, article.published, article.translation_of, article.story)
    texts = [article.title, *article.authors, *article.editors, *article.debris, *(b.text for b in article.blocks)]
    return (
        valid_id(article.id)
        and _relative_path(article.path)
        and isinstance(article.lang, str) and _LANG.fullmatch(article.lang) is not None
        and _number(article.lang_confidence) and 0 <= article.lang_confidence <= 1
        and isinstance(article.title_inferred, bool)
        and all(isinstance(t, str) and not _CONTROL.search(t) for t in texts) and bool(article.title.strip())
        and all(v is None or (isinstance(v, str) and not _CONTROL.search(v)) for v in optional)
        and (article.published is None or _DATE.fullmatch(article.published) is not None)
        and _count(article.words) and _count(article.reading_minutes)
        and all(b.kind in _BLOCK_KINDS and (b.lang is None or (isinstance(b.lang, str) and _LANG.fullmatch(b.lang)))
                for b in article.blocks)
        and all(_plausible_span(span, article) for span in article.spans)
    )


def _plausible_span(span: tuple[int, int, int, str], article: Article) -> bool:
    unit, start, end, kind = span
    if kind not in TYPES or not 0 <= unit <= len(article.blocks):
        return False
    length = len(article.blocks[unit].text) if unit < len(article.blocks) else len(article.dateline or "")
    return 0 <= start < end <= length


def _plausible_problem(problem: Problem, path: str) -> bool:
    return (problem.path == path and isinstance(problem.message, str) and not _CONTROL.search(problem.message)
            and problem.severity in ("warning", "notice"))


def _relative_path(path: object) -> bool:
    """A path inside the corpus folder: relative, no `..`, no empty part, no NUL."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\0" in path:
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# An article's sentences: how many each unit holds, and one vector per sentence.
Sentences = tuple[np.ndarray, np.ndarray]


class VectorCache(_Store):
    """Each article's sentence vectors, by its units' text: an article whose text is unchanged is
    neither split into sentences nor embedded again, and its vectors come back in one read. Stored
    as float16 (the build always uses the rounded vectors, so a warm build decides exactly as the
    cold one did) after a JSON line with the number of sentences in each unit."""

    def __init__(self, folder: Path | None, dim: int = 512) -> None:
        super().__init__(folder / "article-vectors.sqlite" if folder else None, "vectors", "BLOB")
        if folder is not None:  # the per-sentence store of older versions
            (folder / "vectors.sqlite").unlink(missing_ok=True)
        self.dim = dim
        self.salt = code_digest("pipeline.translations.embeddings")  # the sentence splitter too

    def key(self, units: Sequence[str]) -> str:
        return units_key(self.salt, units)

    def load(self, keys: Sequence[str], unit_counts: Sequence[int]) -> dict[str, Sentences]:
        """The entries of `keys` that decode to as many units as `unit_counts` says."""
        found = {}
        expected = dict(zip(keys, unit_counts, strict=True))
        for key, blob in self.get_many(list(expected)).items():
            article = self._decode(blob, expected[key])
            if article is not None:
                found[key] = article
        self.hits += sum(key in found for key in keys)
        self.misses += sum(key not in found for key in keys)
        self._used.update(found)
        return found

    def _decode(self, blob: object, units: int) -> Sentences | None:
        if not isinstance(blob, bytes) or checksum(blob[CHECKSUM_BYTES:]) != blob[:CHECKSUM_BYTES]:
            return None
        header, _, data = blob[CHECKSUM_BYTES:].partition(b"\n")
        try:
            per_unit = np.array(json.loads(header), dtype=np.int64)
        except (TypeError, ValueError):
            return None
        if per_unit.shape != (units,) or (per_unit < 0).any() or len(data) != int(per_unit.sum()) * self.dim * 2:
            return None
        return (per_unit, np.frombuffer(data, dtype=np.float16).reshape(-1, self.dim))

    def save(self, articles: dict[str, Sentences]) -> None:
        self._used.update(articles)
        def entry(per_unit: np.ndarray, rows: np.ndarray) -> bytes:
            """The checksum of what follows, the JSON line of sentences per unit, the float16 rows."""
            payload = json.dumps(per_unit.tolist()).encode() + b"\n" + rows.astype(np.float16).tobytes()
            return checksum(payload) + payload

        self.put_many((key, entry(per_unit, rows)) for key, (per_unit, rows) in articles.items())
