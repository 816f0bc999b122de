"""Search stage: a Pagefind index of the built site under `site/pagefind/`, one index per page language.

Pagefind reads only what the article pages mark up (pages/article.py): the text inside
`data-pagefind-body`, the result title from `data-pagefind-meta="title"`, the filters from
`data-pagefind-filter`, and the language from `<html lang>`, which picks the index and its stemmer.
The reader's browser then fetches only the index chunks and result fragments a query needs.

Pages are streamed, as MkDocs renders them, to one `pagefind --service` process (`SearchIndexer`),
rather than handed over as a folder afterwards:
- memory: `pagefind --site` parses every page at once, while streamed it holds only the index;
- time: Pagefind indexes on another core while MkDocs renders the next pages; nobody waits for an
  answer until the index is written (the Python package's own client, `pagefind.index`, waits for
  each answer, polling every 100 ms).
`_Service` speaks Pagefind's protocol itself: base64 JSON messages, each ended by a comma. The binary is
Pagefind's extended build (`pagefind[extended]`), whose indexer splits Chinese and Japanese text into words.
Imports nothing from MkDocs.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .processes import killed_with_parent
from .search_bundle import (
    await_bundle,
    bundle_problem,
    drop_unused,
    file_sizes,
    new_folder,
    put_in_place,
    settle_fragments,
    take_fragments,
)

BUNDLE = "pagefind"
BODY_MARKER = "data-pagefind-body"
FACETS_MARKER = '<div class="corpus-search-facets"'  # pages/article.py: the result title and filters
LANG = re.compile(r'<html lang="([^"]+)"')


@dataclass(frozen=True)
class SearchReport:
    """What one indexing run did."""

    pages: int  # pages handed to Pagefind (those that mark a searchable body)
    languages: tuple[str, ...]  # one index each
    bundle_bytes: int  # size of site/pagefind/ on disk
    seconds: float  # from the first page handed over to the index written
    notes: tuple[str, ...] = ()  # what Pagefind said on the way (e.g. a language it cannot stem)
    reused: int = 0  # result fragments kept from the previous build's bundle (search_bundle.py)
    afresh: bool = False  # kept fragments were given up (a name clash became likely) and the bundle written whole


class SearchError(RuntimeError):
    """Pagefind is missing or failed; the message says which and why."""


class SearchIndexer:
    """One build's index: `add` each rendered page as it is written, then `write` the bundle once.

    `add` does not wait for Pagefind; a failure it reports is raised by `write`. `close` stops
    Pagefind without writing (a build that failed). `write_soon` starts the write in the background
    once the caller knows no searchable page is left to come."""

    def __init__(self, reuse: bool = False) -> None:
        """`reuse`: the bundle in the site folder is the previous build's, whole; its unchanged fragments are
        kept rather than written again (search_bundle.py)."""
        self.reuse = reuse
        self._service: _Service | None = None
        self._index_id = ""
        self.pages = 0
        self._start = 0.0
        self._writing: Future[SearchReport] | None = None
        self._note: str | None = None  # what the Pagefind binary at hand cannot do

    def add(self, url: str, html: str, lang: str | None = None) -> None:
        """Hand over one page (site-absolute URL, its final HTML or its part `searchable` keeps, its language if
        not the HTML's own); pages without a searchable body are skipped."""
        if BODY_MARKER not in html:
            return
        if self._writing is not None:
            raise SearchError(f"search: {url} has a searchable body but came after the index was written")
        if self._service is None:
            self._start = time.perf_counter()
            executable, self._note = _executable()
            self._service = _Service(executable).start()
            self._index_id = self._service.request({"type": "NewIndex", "config": None})["index_id"]
        self._service.send({"type": "AddFile", "index_id": self._index_id, "url": url, "file_path": None,
                            "file_contents": searchable(html, lang)})
        self.pages += 1

    def write_soon(self, site_dir: Path, *, bundle: str = BUNDLE) -> None:
        """Start `write` on a thread of its own, so that Pagefind writes its files while the build goes on;
        `write` then waits for it. A searchable page added after this is an error."""
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind-write")
        self._writing = executor.submit(self._write, site_dir, bundle)
        executor.shutdown(wait=False)  # its one thread ends with the write

    def write(self, site_dir: Path, *, bundle: str = BUNDLE) -> SearchReport:
        """Write the bundle once every page is indexed, into a folder of its own, and put it in place as
        `site_dir/bundle` (replacing any earlier one) once Pagefind has ended well and it is whole."""
        if self._writing is not None:
            return self._writing.result()
        return self._write(site_dir, bundle)

    def _write(self, site_dir: Path, bundle: str) -> SearchReport:
        target = site_dir / bundle
        if self._service is None:
            shutil.rmtree(target, ignore_errors=True)  # no fragment of an earlier build may linger
            return SearchReport(0, (), 0, 0.0)
        written = new_folder(site_dir)  # Pagefind never writes into the published bundle (search_bundle.py)
        service, self._service = self._service, None
        try:
            try:
                kept = take_fragments(target, written) if self.reuse else set()
                afresh = False
                service.wait_all()
                self._write_files(service, written)
                reused = settle_fragments(written, kept) if kept else 0
                if reused is None:  # see search_bundle: written afresh after all
                    afresh, reused = True, 0
                    shutil.rmtree(written)
                    written.mkdir()
                    self._write_files(service, written)
            finally:
                exit_code = service.stop()
            if exit_code != 0:
                raise SearchError(f"search: Pagefind ended with exit code {exit_code} after writing its index")
            drop_unused(written)
            sizes = file_sizes(written)  # final now that Pagefind has stopped
            if problem := bundle_problem(written, sizes):
                raise SearchError(f"search: Pagefind wrote an incomplete index: {problem}")
        except BaseException:
            shutil.rmtree(written, ignore_errors=True)
            raise
        languages = tuple(sorted(p.name.split(".")[1].split("_")[0] for p in written.glob("pagefind.*.pf_meta")))
        put_in_place(written, target)
        notes = service.notes + ((self._note,) if self._note else ())
        return SearchReport(self.pages, languages, sum(sizes.values()), time.perf_counter() - self._start, notes,
                            reused, afresh)

    def _write_files(self, service: _Service, folder: Path) -> None:
        service.request({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(folder)})
        # Pagefind answers before its last writes reach the disk, and stopping it then can leave a file
        # empty (pagefind-entry.json, seen under load): wait, while it still runs, for a whole bundle.
        await_bundle(folder)

    def close(self) -> None:
        if self._writing is not None:
            self._writing.exception()  # waits: the service is the writer's until it is done
        if self._service is not None:
            self._service.stop()
            self._service = None


def searchable(html: str, lang: str | None = None) -> str:
    """What Pagefind reads of an article page, as a page of its own: the page language (`lang`, else
    the page's `<html lang>`), the hidden title and filters, the article text. The rest (head,
    navigation, sidebars: four fifths of the page) it would parse only to skip; handing it over cost
    a fifth of Pagefind's time and most of the encoding on our side. The part kept is the page's
    Markdown as the plugin wrote it (the theme inserts it unchanged), so the plugin hands it over as
    soon as it generates the page. A page not in our article layout is handed over whole."""
    start = html.find(FACETS_MARKER)
    body = html.find(BODY_MARKER, max(start, 0))
    end = html.find("</div>", body)  # the article text holds only <p> and <h2>: its own </div> ends it
    if start < 0 or body < 0 or end < 0:
        return html
    if lang is None:
        lang = match.group(1) if (match := LANG.search(html, 0, start)) else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"></head>'
            f"<body>{html[start:end + len('</div>')]}</body></html>")


def material_search_problem(mode: str, material_listed: bool) -> str | None:
    """Why `search: <mode>` and Material's search plugin in mkdocs.yml disagree, or None when they agree."""
    if mode == "pagefind" and material_listed:
        return ("search: pagefind, but Material's search plugin is listed too and would ship its whole index to every "
                "reader: remove `- search` from plugins in mkdocs.yml, or set `search: both`")
    if mode in ("material", "both") and not material_listed:
        return f"search: {mode} needs Material's search plugin: add `- search` to plugins in mkdocs.yml"
    return None


STANDARD_BINARY_NOTE = ("the standard Pagefind binary indexes Chinese and Japanese text as whole runs, not words, so "
                        "searching them misses most matches: pip install 'pagefind[extended]'")


def _executable() -> tuple[Path, str | None]:
    """Pagefind's extended build, which splits Chinese and Japanese text into words; else the standard one
    (an older install), with a note saying what that costs."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        pass
    else:
        return Path(get_executable()), None
    try:
        from pagefind_bin import get_executable
    except ImportError as error:
        raise SearchError("search: pagefind needs the `pagefind[extended]` package (pip install 'pagefind[extended]')") from error
    return Path(get_executable()), STANDARD_BINARY_NOTE


class _Service:
    """One `pagefind --service` process. `send` does not wait; a reader thread collects the answers."""

    def __init__(self, executable: Path) -> None:
        self.executable = executable
        self.notes: tuple[str, ...] = ()
        self._next_id = 0
        self._awaited: set[int] = set()  # ids whose answer someone waits for; only theirs are kept
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = 0
        self._errors: list[str] = []
        self._done = threading.Condition()
        self._stopped: str | None = None

    def start(self) -> _Service:
        # Its notes go to a file, not a pipe nobody reads until the end (a full pipe would stall it). It ends
        # when its standard input closes, as the kernel closes it when this process dies, even killed.
        self._log: IO[bytes] = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(self.executable), "--service"], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, stderr=self._log, preexec_fn=killed_with_parent)
        except OSError as error:
            self._log.close()
            raise SearchError(f"search: cannot start Pagefind ({self.executable}): {error}") from error
        self._reader = threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True)
        self._reader.start()
        return self

    def stop(self) -> int:
        """End Pagefind (it ends when its standard input closes); its exit code, negative if it had to be killed."""
        if self._process.stdin:
            try:
                self._process.stdin.close()
            except BrokenPipeError:
                pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=10)
        self._log.seek(0)
        self.notes = tuple(line.strip() for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip())
        self._log.close()
        return self._process.returncode

    def send(self, payload: dict[str, Any]) -> int:
        """Write one message; its answer arrives later. Returns its id."""
        assert self._process.stdin is not None
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
        except BrokenPipeError as error:
            raise SearchError(f"search: Pagefind stopped (exit code {self._process.poll()})") from error
        return self._next_id

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one message and wait for its answer."""
        with self._done:  # registered before it is sent, so the reader keeps its answer (only this thread sends)
            self._awaited.add(self._next_id + 1)
        message_id = self.send(payload)
        self._flush()
        with self._done:
            self._done.wait_for(lambda: message_id in self._answers or self._stopped is not None)
            result = self._answers.pop(message_id, None)
        if result is None:
            raise SearchError(f"search: Pagefind stopped without answering: {self._stopped}")
        if result.get("type") == "Error":
            raise SearchError(f"search: Pagefind failed: {result.get('message')}")
        return result

    def wait_all(self) -> None:
        """Wait until every message sent so far is answered; raise the first failure among them."""
        self._flush()
        last = self._next_id
        with self._done:
            self._done.wait_for(lambda: self._answered >= last or self._stopped is not None)
            if self._errors:
                raise SearchError(f"search: Pagefind failed: {self._errors[0]}")
            if self._answered < last:
                raise SearchError(f"search: Pagefind stopped without answering: {self._stopped}")

    def _flush(self) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.flush()
        except BrokenPipeError as error:
            raise SearchError(f"search: Pagefind stopped (exit code {self._process.poll()})") from error

    def _read_answers(self) -> None:
        assert self._process.stdout is not None
        buffer = b""
        while True:
            chunk = self._process.stdout.read1(1 << 16)
            if not chunk:
                with self._done:
                    self._stopped = f"exit code {self._process.poll()}"
                    self._done.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            with self._done:
                for message in messages:
                    answer = json.loads(base64.b64decode(message)) or {}
                    result: dict[str, Any] = answer.get("payload") or {}
                    if result.get("type") == "Error":
                        self._errors.append(str(result.get("message")))
                    if answer.get("message_id") in self._awaited:
                        self._answers[answer["message_id"]] = result
                    self._answered += 1
                self._done.notify_all()
