"""Files of the site written whole or not at all.

A file the plugin writes is first written beside its place under a name of its own, then renamed over
it: a reader, a deployment or the next build sees the old file or the new one, never a truncated one,
whether the disk fills up, a write fails or the build is killed halfway. A rename within one folder
is atomic on POSIX file systems. (Nothing is flushed to the disk first: that would cost a sync per
page and guards only against the machine losing power, not against the build dying.)

The temporary name is visible (`index.html.<random>.tmp`), not hidden: should the build die before
the rename, the next build removes it like any other file it did not write (engine/site_folder.py),
where a hidden name at the top of the site folder would be left alone.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def replacing(path: Path, *, text: bool = False, errors: str = "strict") -> Iterator[IO[Any]]:
    """A new file to write `path`'s content into (UTF-8 text if `text`); it takes `path`'s place once the
    block ends, and is removed if the block raises. A symbolic link at `path` is replaced, not followed."""
    temporary = path.with_name(f"{path.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 as open() would: the umask decides, and a page is as readable as one MkDocs writes.
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # a new file, never a link's target
    try:
        with open(handle, "w" if text else "wb", **({"encoding": "utf-8", "errors": errors} if text else {})) as file:
            yield file
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_whole(path: Path, data: bytes) -> None:
    """`data` in place of `path`'s content, or, if writing fails, `path` as it was."""
    with replacing(path) as file:
        file.write(data)
