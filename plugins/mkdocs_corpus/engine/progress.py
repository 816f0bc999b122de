"""Progress of long stages on a terminal: "analysed 1,200 of 20,000 (850/s, 22 s left)".

Silent unless stderr is a terminal, the build is not quiet (`-q`) and not in CI, so logs stay clean.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

REFRESH_SECONDS = 0.5


def wanted(stream: TextIO = sys.stderr) -> bool:
    return stream.isatty() and not os.environ.get("CI") and logging.getLogger("mkdocs").isEnabledFor(logging.INFO)


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO = sys.stderr) -> None:
        self.enabled = wanted(stream) if enabled is None else enabled
        self.stream = stream
        self.stage, self.total, self.done = "", 0, 0
        self.started = self.shown = 0.0

    def start(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done = stage, total, 0
        self.started = self.shown = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and self.total and now - self.shown >= REFRESH_SECONDS:
            self.shown = now
            self._write(now, "\r")

    def finish(self) -> None:
        if self.enabled and self.total and time.monotonic() - self.started >= REFRESH_SECONDS:
            self._write(time.monotonic(), "\r")
            self.stream.write("\n")
            self.stream.flush()

    def _write(self, now: float, prefix: str) -> None:
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(f"{prefix}{self.stage}: {self.done:,} of {self.total:,} ({rate:,.0f}/s, {left:,.0f} s left)   ")
        self.stream.flush()


class Stopwatch:
    """Wall time of each stage of one build, summed where a stage runs more than once; the plugin
    logs it in one line at the end, for whoever wonders where a rebuild's time goes."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def summary(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())
