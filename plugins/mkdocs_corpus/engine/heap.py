"""Garbage collection during a build: rarely, since nearly everything a build makes lives to its end.

A build of an archive holds millions of objects from its first stages to its last: the articles,
the stories, the entity index, the generated pages. Python's cyclic collector, at its default
thresholds, runs a young collection every 700 new objects and walks the whole heap many times a
build, and finds nearly nothing to free. For the build,
it runs a young collection every 100,000 new objects instead; what the build leaves in cycles is
still freed, a little later. `restore` puts the process's own thresholds back when the build ends,
well or badly: `mkdocs serve` builds again in the same process, and a library caller goes on after it.

When the process then exits, the interpreter's last collections walk the whole heap again only to
find what the process is about to drop. An
exit handler freezes the heap first (`gc.freeze`), so they skip it. Python never promised to finalize
objects still alive at exit; the build has closed its files by then.
"""
from __future__ import annotations

import atexit
import gc

BUILD_THRESHOLDS = (100_000, 20, 100)


_exit_handled = False


def collect_rarely() -> tuple[int, int, int]:
    """Raise the collector's thresholds for a build; returns the thresholds to `restore` after it. The
    first call also has the process skip the collector's last passes when it exits."""
    global _exit_handled
    if not _exit_handled:
        atexit.register(gc.freeze)
        _exit_handled = True
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_THRESHOLDS)
    return previous


def restore(previous: tuple[int, int, int]) -> None:
    gc.set_threshold(*previous)
