"""No process a build starts outlives it, however the build ends.

A build that ends well or fails shuts its process pool down and stops Pagefind itself. A build that is
killed (`kill -9`, the out-of-memory killer, a CI job cancelled) runs no code at all, so what it started
must notice on its own:
- the analysis pool's workers would wait forever for work on a queue whose other end is gone (each
  holding its models, hundreds of MB): `die_with_parent` runs first in each worker and asks the kernel
  (Linux: `PR_SET_PDEATHSIG`) to kill the worker when its parent dies; elsewhere a thread of the
  worker looks for its parent every second. (To Linux the parent is the thread that started the
  worker; the pool lives within one call of that thread, loading.py);
- Pagefind's service ends when its standard input closes, which the kernel does when the build dies
  (pagefind.py); but one busy writing its files would go on writing (and burden the machine)
  into its folder that the next build discards (search_bundle.py), so on Linux it is also killed with the
  build (`killed_with_parent`, run in the child before Pagefind starts: the main thread starts it, so its
  death is the build's).
Imports nothing from MkDocs.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_EVERY = 1.0  # seconds between a worker's looks for its parent, where the kernel cannot be asked


def die_with_parent(parent: int) -> None:
    """Initializer of each pool worker: the worker is killed when the process that started it dies.
    `parent` is the build's process id: should the build be gone already (killed while the worker
    started, before the kernel was asked), the worker ends at once."""
    ppid = os.getppid()  # the build's, or the start method's server's, which ends with the build
    if not (sys.platform.startswith("linux") and _parent_death_signal(signal.SIGKILL)):
        threading.Thread(target=_watch, args=(ppid,), name="corpus-parent-watch", daemon=True).start()
    if os.getppid() != ppid or not _alive(parent):
        os._exit(1)


def killed_with_parent() -> None:
    """`preexec_fn` of a subprocess: the kernel kills it when the build's process dies (Linux only). The
    C function was looked up before the fork, so the child runs no import and takes no lock."""
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _libc_prctl():  # noqa: ANN202 - a ctypes function, or None
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _libc_prctl()


def _parent_death_signal(signum: int) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(ppid: int) -> None:
    while os.getppid() == ppid:  # a dead parent's children are handed to another process
        time.sleep(WATCH_EVERY)
    os._exit(1)


def _alive(pid: int) -> bool:
    """Whether `pid` runs; where /proc tells, a process that has died but not yet been waited for (a
    zombie) does not."""
    if os.path.exists("/proc/self/stat"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as stat:
                return stat.read().rpartition(b")")[2].split()[:1] not in ([b"Z"], [b"X"])
        except FileNotFoundError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True
