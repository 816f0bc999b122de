"""Pagefind's bundle on disk (`site/pagefind/`): where it is written, whether a written one is whole, which
result fragments its metadata lists, and the previous build's fragments kept for Pagefind to skip.

Pagefind never writes into the published bundle. Each write goes into a folder of its own (`new_folder`),
hidden in the site folder: MkDocs' cleaning and site_folder.py skip hidden entries, and a rename from
there into place stays on one file system. Only once Pagefind has exited well and the written bundle is
whole does `put_in_place` rename it to `site/pagefind/`, the old one renamed away first and deleted after.
So `site/pagefind/` is always one write's whole bundle, or (between two renames) none. A build killed
while Pagefind writes leaves its folder behind, even a Pagefind that outlived its build and still writes
there; the next build, which holds the site folder (site_folder.lock) and so knows no live build owns
them, discards every such folder (`discard_unpublished`).

Pagefind names a result fragment after a hash of its content and does not write a fragment whose
file exists; compressing them (gzip at its best level) is most of its write. A warm rebuild
therefore moves the previous bundle's `fragment/` folder into the new one (`take_fragments`): at
5,000 articles the write took 1.5 s instead of 4-6 s. After the write, `settle_fragments` reads the
fragments the new metadata lists and deletes the others.

The names are short: seven hex digits after the language, 28 bits (Pagefind lengthens a name only
when two fragments of one build clash). A kept fragment of a page that has since changed could
therefore carry the name of a new fragment, which Pagefind would then skip, and a result would show
another page. The chance is about new x stale / 2**28; when that is over `CLASH_BUDGET`, or the
metadata cannot be read, the caller writes the bundle afresh. Imports nothing from MkDocs.
"""
from __future__ import annotations

import gzip
import json
import os
import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Any

ENTRY = "pagefind-entry.json"
FRAGMENTS = "fragment"
UNPUBLISHED = ".corpus-bundle-"  # the folders bundles are written into, and old ones renamed away to
SIGNATURE = b"pagefind_dcd"  # what every compressed Pagefind file starts with, once decompressed
NAME_BITS = 28
# Pagefind's ready-made interfaces and its main-thread API: assets/corpus-search.js drives Pagefind's worker
# (pagefind-worker.js) itself and loads none of these, so the site does not ship them (about 460 kB).
UNUSED = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
CLASH_BUDGET = 1e-6  # the expected number of results showing another page, per build, that reuse may risk


def bundle_problem(target: Path, sizes: dict[Path, int] | None = None) -> str | None:
    """What is missing from a written bundle, or None when it is whole: the entry file parses and names a
    metadata file per language, whose files exist, and no file is empty (`sizes`: `file_sizes(target)`,
    if the caller has it)."""
    try:
        languages = _languages(target)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return f"{target / ENTRY} is missing or unreadable ({error})"
    for lang, info in languages.items():
        needed = [target / f"pagefind.{info.get('hash')}.pf_meta"]
        if info.get("wasm"):
            needed.append(target / f"wasm.{info['wasm']}.pagefind")
        for path in needed:
            if not path.is_file():
                return f"{path} ({lang}) is missing"
    sizes = file_sizes(target) if sizes is None else sizes
    if empty := next((path for path, size in sizes.items() if size == 0), None):
        return f"{empty} is empty"
    return None


def drop_unused(target: Path) -> None:
    """Delete from a written bundle the files no page of the site loads (UNUSED)."""
    for name in UNUSED:
        (target / name).unlink(missing_ok=True)


def file_sizes(target: Path) -> dict[Path, int]:
    return {path: path.stat().st_size for path in target.rglob("*") if path.is_file()}


def await_bundle(target: Path, timeout: float = 120.0) -> None:
    """Wait until the bundle is whole and has stopped changing (or `timeout` passes; the caller then reports).
    Pagefind answers before its last writes reach the disk."""
    deadline = time.monotonic() + timeout
    delay, last = 0.01, None
    while time.monotonic() < deadline:
        sizes = file_sizes(target)  # one walk of the bundle per look
        if sizes == last and bundle_problem(target, sizes) is None:
            return
        last = sizes
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


def new_folder(site_dir: Path) -> Path:
    """An empty folder of its own for one write, in `site_dir`, with the permissions of any other folder there
    (`tempfile.mkdtemp` would make it readable by its owner alone, and then publish it so)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    while True:
        folder = site_dir / f"{UNPUBLISHED}{secrets.token_hex(4)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def take_fragments(published: Path, written: Path) -> set[str]:
    """Move the fragments of the bundle at `published` into `written`, where Pagefind will skip those unchanged;
    their names. One rename: the rest of the old bundle stays until `put_in_place` replaces it."""
    folder = published / FRAGMENTS
    if not folder.is_dir() or folder.is_symlink():
        return set()
    os.rename(folder, written / FRAGMENTS)
    return set(os.listdir(written / FRAGMENTS))


def put_in_place(written: Path, target: Path) -> None:
    """Publish the whole bundle at `written` as `target`, replacing any earlier one: renamed away (a folder
    cannot be renamed over another), the new one renamed in, the old one deleted."""
    retired = None
    if target.exists() or target.is_symlink():
        retired = new_folder(target.parent)
        os.rename(target, retired / target.name)
    os.rename(written, target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def discard_unpublished(site_dir: Path) -> threading.Thread | None:
    """Delete, on a thread of its own, the folders that earlier builds wrote bundles into and never put in place
    (killed or failed while Pagefind wrote). Only for the build holding the folder: they are then no live build's.
    Listed now, before this build makes its own."""
    try:
        left = [site_dir / entry for entry in os.listdir(site_dir) if entry.startswith(UNPUBLISHED)]
    except OSError:  # no site folder yet
        return None
    if not left:
        return None

    def discard() -> None:
        for folder in left:
            shutil.rmtree(folder, ignore_errors=True)

    thread = threading.Thread(target=discard, name="corpus-unpublished-bundles", daemon=True)
    thread.start()  # unlinking is waiting on the disk: it overlaps the build's work
    return thread


def settle_fragments(target: Path, kept: set[str]) -> int | None:
    """After a write into a bundle holding `kept` fragments: delete those its metadata no longer lists, and
    return how many of the kept ones it still lists. None, deleting nothing, when the write must be done
    afresh: the metadata is unreadable or a listed fragment missing, or a name clash between the kept and
    the new fragments is likelier than CLASH_BUDGET."""
    listed = listed_fragments(target)
    if listed is None:
        return None
    names = {f"{page}.pf_fragment" for page in listed}
    folder = target / FRAGMENTS
    present = set(os.listdir(folder)) if folder.is_dir() else set()
    if not names <= present:
        return None
    new, stale = names - kept, kept - names
    if len(new) * len(stale) > CLASH_BUDGET * 2**NAME_BITS:
        return None
    for name in stale:
        (folder / name).unlink(missing_ok=True)
    return len(kept) - len(stale)


def listed_fragments(target: Path) -> set[str] | None:
    """The page hashes (fragment names) every language's metadata lists, or None if any of it is unreadable."""
    try:
        pages: set[str] = set()
        for info in _languages(target).values():
            data = gzip.decompress((target / f"pagefind.{info['hash']}.pf_meta").read_bytes())
            if not data.startswith(SIGNATURE):
                return None
            meta, _ = _cbor(data, len(SIGNATURE))
            # [version, pages: [[hash, word count], ...], index chunks, filters, sorts, ...]
            if not (isinstance(meta, list) and len(meta) > 1 and isinstance(meta[1], list)):
                return None
            for page in meta[1]:
                if not (isinstance(page, list) and page and isinstance(page[0], str)):
                    return None
                pages.add(page[0])
        return pages
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError):
        return None


def _languages(target: Path) -> dict[str, Any]:
    languages = json.loads((target / ENTRY).read_text(encoding="utf-8"))["languages"]
    if not isinstance(languages, dict):
        raise TypeError("languages is not a mapping")
    return languages


def _cbor(data: bytes, at: int) -> tuple[Any, int]:
    """The CBOR item at `at` and the offset after it: the definite-length subset Pagefind writes (integers,
    byte and text strings, arrays, maps). Anything else is a ValueError."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        width = 1 << (info - 24)
        if at + width > len(data):
            raise ValueError("CBOR: truncated")
        value = int.from_bytes(data[at:at + width], "big")
        at += width
    else:
        raise ValueError(f"CBOR: unsupported length code {info}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        if at + value > len(data):
            raise ValueError("CBOR: truncated")
        raw = data[at:at + value]
        return (raw.decode("utf-8") if major == 3 else raw), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = _cbor(data, at)
            mapping[key], at = _cbor(data, at)
        return mapping, at
    raise ValueError(f"CBOR: unsupported major type {major}")
