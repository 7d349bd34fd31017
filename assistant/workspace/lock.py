"""One writer at a time per workspace: an OS file lock, released even on kill -9."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.errors import SteercoError


class WorkspaceBusy(SteercoError):
    pass


@contextmanager
def writer_lock(path: Path, workspace: str) -> Iterator[None]:
    """Hold the workspace's write lock, or fail at once naming who holds it.

    flock is released by the kernel when the process dies, so a crashed ingest never leaves
    a stale lock behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise WorkspaceBusy(
                f"workspace '{workspace}' is being written by {holder}.",
                fix="wait for that ingest to finish, then run the command again.",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        yield
    finally:
        handle.close()
