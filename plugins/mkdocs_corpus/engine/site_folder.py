"""Clean the site folder by replacing its files, not by deleting them all first.

MkDocs empties the site folder before every build, and an archive's site is tens of thousands of
files in as many folders, whose removal costs a disk operation each when they are not in the page
cache (bench/bench_cleaning.py measures it). Most of those files come back unchanged.

So the plugin keeps the previous site and removes afterwards only what this build did not write:
- `set_aside` (in `on_pre_build`, just before MkDocs cleans) moves the folder's visible entries into
  the hidden `.corpus-previous/`, which MkDocs' cleaning skips, as it skips every hidden entry;
- `restore` (in `on_files`, once MkDocs has cleaned) moves them back and stamps a marker file, whose
  modification time is the build's start on the site folder's own clock; an entry named `fresh` stays
  behind and is deleted by a background thread while the build runs (Pagefind's bundle, when the last
  build did not finish: its fragments, which Pagefind would skip, are not to be kept);
- the build overwrites the files it writes, so each gets a newer time than the marker; a file that
  already holds what the build would write is only touched (`keep_if_same`:
  reading and comparing costs less than writing);
- `remove_stale` (the build's last step) deletes every visible file older than the marker, then the
  folders left empty: what MkDocs' cleaning would have removed and this build did not write again.
  Pagefind's bundle is its owner's: written in a hidden folder of its own and renamed into place whole,
  it keeps unchanged fragments, and deletes the others itself (search_bundle.py).

Visible means what MkDocs' cleaning touches: hidden top-level entries (`.git`, ...) are left alone.
A build that fails before `restore` leaves the previous site in `.corpus-previous/`; the next build
deletes it (it is older than anything that build will keep).

A build that stops anywhere, killed or failed, leaves a folder the next build can repair:
- the marker is stamped (`mark_started`) before the build changes anything in the folder, even the
  first build into an empty one, and taken away only once everything is written: a marker found at
  the start says the last build did not finish, so Pagefind's bundle is written afresh;
- each page the plugin writes replaces its file whole (`write_page`, site/writing.py);
- what that build wrote and this one does not is older than this build's marker: `remove_stale`.
One build at a time: `lock` holds the folder for a build (a second build into it fails at once).
Imports nothing from MkDocs.
"""
from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock, and builds there go unguarded
    fcntl = None  # type: ignore[assignment]

from ..site.writing import write_whole

PREVIOUS = ".corpus-previous"
MARKER = ".corpus-build-started"


def set_aside(site_dir: Path) -> bool:
    """Move the visible entries of `site_dir` into its hidden `PREVIOUS` folder; False when there were none."""
    if not site_dir.is_dir():
        return False
    held = site_dir / PREVIOUS
    if held.exists():  # left by a build that failed before restoring: older than anything worth keeping
        shutil.rmtree(held, ignore_errors=True)
    entries = [entry for entry in os.listdir(site_dir) if not entry.startswith(".")]
    if not entries:
        return False
    held.mkdir()
    for entry in entries:
        os.rename(site_dir / entry, held / entry)
    return True


def restore(site_dir: Path, fresh: tuple[str, ...] = ()) -> tuple[int, threading.Thread | None]:
    """Move the set-aside entries back into `site_dir`, except those named in `fresh` (written whole by
    their owner, like Pagefind's bundle, which skips files that exist); a background thread deletes
    those. Stamps the marker; returns the build's start (ns, the folder's clock) and that thread."""
    site_dir.mkdir(parents=True, exist_ok=True)
    held = site_dir / PREVIOUS
    deleting = None
    if held.is_dir():
        for entry in os.listdir(held):
            target = site_dir / entry
            if entry in fresh or target.exists():  # the latter written since the cleaning: newer
                continue
            os.rename(held / entry, target)
        deleting = threading.Thread(target=shutil.rmtree, args=(held,), kwargs={"ignore_errors": True},
                                    name="corpus-previous-site", daemon=True)
        deleting.start()  # unlinking is waiting on the disk: it overlaps the build's work
    return mark_started(site_dir), deleting


def mark_started(site_dir: Path) -> int:
    """Stamp the marker (`finished` is False until `remove_stale` or `mark_finished`); its time, in ns."""
    site_dir.mkdir(parents=True, exist_ok=True)
    marker = site_dir / MARKER
    marker.write_bytes(b"")
    return marker.stat().st_mtime_ns


def mark_finished(site_dir: Path) -> None:
    (site_dir / MARKER).unlink(missing_ok=True)


def keep_if_same(path: Path, data: bytes) -> bool:
    """Whether `path` already holds exactly `data` (a page the previous build wrote): if so it is touched, which
    makes it this build's file for `remove_stale`, and need not be written. A symbolic link there is removed
    (writing through it would leave the link itself older than the marker, and `remove_stale` would take the page)."""
    try:
        if path.is_symlink():
            path.unlink()
            return False
        if path.stat().st_size != len(data) or path.read_bytes() != data:
            return False
        os.utime(path)
    except OSError:
        return False
    return True


def write_page(path: Path, data: bytes) -> None:
    """`data` at `path`: kept if the file holds it already (`keep_if_same`), else written whole."""
    if not keep_if_same(path, data):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, data)


def finished(site_dir: Path) -> bool:
    """Whether the last build into `site_dir` got to its end: every build stamps the marker first (`mark_started`)
    and takes it away last (`remove_stale`, `mark_finished`)."""
    return not (site_dir / MARKER).exists()


def remove_stale(site_dir: Path, started_ns: int, owned: tuple[str, ...] = ()) -> int:
    """Delete the visible files of `site_dir` last written before `started_ns`, then empty folders; the count.
    Entries in `owned` are left to their owner, which has made them exact (Pagefind's bundle keeps fragments
    of earlier builds)."""
    removed = sum(_remove_stale(site_dir / entry, started_ns) for entry in os.listdir(site_dir)
                  if not entry.startswith(".") and entry not in owned)
    mark_finished(site_dir)
    return removed


def _remove_stale(path: Path, started_ns: int) -> int:
    """Files and links (a link to a folder too) go if stale; a folder goes once nothing is left in it."""
    if path.is_symlink() or not path.is_dir():
        if path.lstat().st_mtime_ns >= started_ns:
            return 0
        path.unlink()
        return 1
    removed = sum(_remove_stale(child, started_ns) for child in path.iterdir())
    if not any(path.iterdir()):
        path.rmdir()
    return removed


class FolderBusy(RuntimeError):
    """Another build holds the site folder."""


def lock(site_dir: Path) -> int | None:
    """Hold `site_dir` for this build: an exclusive lock on the folder itself, so no file is left behind.
    The lock ends with `unlock`, or with the process, however it dies. A second build raises FolderBusy at
    once rather than wait: a build runs for minutes, a wait would look like a hang, and two builds into one
    folder are most often a mistake (two corpora, one site). None where the folder cannot be locked (a
    system without `flock`, a network file system that refuses it on folders): the build goes on unguarded."""
    if fcntl is None:
        return None
    site_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(site_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(handle)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise FolderBusy(f"site folder {site_dir} is being written by another build (it holds the folder's "
                             "lock): wait for that build to end, or build into another folder (mkdocs build -d)") from error
        return None
    return handle


def unlock(handle: int | None) -> None:
    if handle is not None and fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)  # now, even were a copy of the descriptor still open in a child
        os.close(handle)
