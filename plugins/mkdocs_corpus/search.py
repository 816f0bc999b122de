"""Search stage: a Pagefind index of the built site under `site/pagefind/`, one index per page language.

Runs once MkDocs has written every page. Pagefind reads only what the article pages mark up
(pages/article.py): the text inside `data-pagefind-body`, the result title from
`data-pagefind-meta="title"`, the filters from `data-pagefind-filter`, and the language from
`<html lang>`, which picks the index and its stemmer. The reader's browser then fetches only the
index chunks and result fragments a query needs.

Memory is why pages are streamed, one at a time, to one `pagefind --service` process rather than
handed over as a folder: `pagefind --site` parses every page at once (504 MiB at 5,000 articles
here, 3.4 GiB at 20,000), while streamed it holds only the index. The Python package's own client
(`pagefind.index`) polls for answers every 100 ms, i.e. 10 pages a second, so `_Service` speaks the
same protocol itself: base64 JSON messages, each ended by a comma. Imports nothing from MkDocs.
"""
from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

BUNDLE = "pagefind"
BODY_MARKER = "data-pagefind-body"


@dataclass(frozen=True)
class SearchReport:
    """What one indexing run did."""

    pages: int  # pages handed to Pagefind (those that mark a searchable body)
    languages: tuple[str, ...]  # one index each
    bundle_bytes: int  # size of site/pagefind/ on disk
    seconds: float
    notes: tuple[str, ...] = ()  # what Pagefind said on the way (e.g. a language it cannot stem)


class SearchError(RuntimeError):
    """Pagefind is missing or failed; the message says which and why."""


def index_site(site_dir: Path, *, bundle: str = BUNDLE) -> SearchReport:
    """Index every page of the built site under `site_dir` that marks a searchable body."""
    start = time.perf_counter()
    target = site_dir / bundle
    shutil.rmtree(target, ignore_errors=True)  # no fragment of an earlier build may linger
    count = 0
    with _Service(_executable()) as service:
        index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
        for url, html in _searchable_pages(site_dir, target):
            service.request({"type": "AddFile", "index_id": index_id, "url": url, "file_path": None, "file_contents": html})
            count += 1
        service.request({"type": "WriteFiles", "index_id": index_id, "output_path": str(target)})
    languages = tuple(sorted(p.name.split(".")[1].split("_")[0] for p in target.glob("pagefind.*.pf_meta")))
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return SearchReport(count, languages, size, time.perf_counter() - start, service.notes)


def material_search_problem(mode: str, material_listed: bool) -> str | None:
    """Why `search: <mode>` and Material's search plugin in mkdocs.yml disagree, or None when they agree."""
    if mode == "pagefind" and material_listed:
        return ("search: pagefind, but Material's search plugin is listed too and would ship its whole index to every "
                "reader: remove `- search` from plugins in mkdocs.yml, or set `search: both`")
    if mode in ("material", "both") and not material_listed:
        return f"search: {mode} needs Material's search plugin: add `- search` to plugins in mkdocs.yml"
    return None


def _searchable_pages(site_dir: Path, bundle_dir: Path) -> Iterator[tuple[str, str]]:
    """(site-absolute URL, HTML) of each page that marks a body; Pagefind parses it and decides for good."""
    for path in sorted(site_dir.rglob("*.html")):
        if bundle_dir in path.parents:
            continue
        html = path.read_text(encoding="utf-8", errors="replace")
        if BODY_MARKER not in html:
            continue
        relative = path.relative_to(site_dir).as_posix()
        yield "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative), html


def _executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise SearchError("search: pagefind needs the `pagefind[bin]` package (pip install 'pagefind[bin]')") from error
    return Path(get_executable())


class _Service:
    """One `pagefind --service` process, asked one thing at a time."""

    def __init__(self, executable: Path) -> None:
        self.executable = executable
        self.notes: tuple[str, ...] = ()
        self._next_id = 0
        self._buffer = b""

    def __enter__(self) -> _Service:
        # Its notes go to a file, not a pipe nobody reads until the end (a full pipe would stall it).
        self._log: IO[bytes] = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(self.executable), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=self._log)
        except OSError as error:
            self._log.close()
            raise SearchError(f"search: cannot start Pagefind ({self.executable}): {error}") from error
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._log.seek(0)
        self.notes = tuple(line.strip() for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip())
        self._log.close()

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except BrokenPipeError as error:
            raise SearchError(f"search: Pagefind stopped (exit code {self._process.poll()})") from error
        answer: dict[str, Any] = {}
        while answer.get("message_id") != self._next_id:
            answer = json.loads(base64.b64decode(self._read_message())) or {}
        result: dict[str, Any] = answer.get("payload") or {}
        if result.get("type") == "Error":
            raise SearchError(f"search: Pagefind failed: {result.get('message')}")
        return result

    def _read_message(self) -> bytes:
        assert self._process.stdout is not None
        while b"," not in self._buffer:
            chunk = self._process.stdout.read1(1 << 16)
            if not chunk:
                raise SearchError(f"search: Pagefind stopped without answering (exit code {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b",", 1)
        return message
