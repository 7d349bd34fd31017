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


class InUse:
    """Held, shared, by everything that writes in a workspace (ingests, briefs, roadmaps, jobs);
    taken exclusively by its deletion, which so never removes a folder under a writer's feet.

    `acquire()` in one thread and `release()` in another is fine (a job started by a request):
    flock belongs to the open file, not to a thread."""

    def __init__(self, root: Path, workspace: str) -> None:
        self.root = root
        self.workspace = workspace
        self.fd: int | None = None

    def acquire(self, *, exclusive: bool = False) -> InUse:
        try:  # never creates the folder: a deleted workspace stays deleted
            fd = os.open(self.root / ".busy", os.O_RDWR | os.O_CREAT, 0o666)
        except (FileNotFoundError, NotADirectoryError):
            raise _gone(self.workspace) from None
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if exclusive:
                raise WorkspaceBusy(
                    f"workspace '{self.workspace}' is in use: a brief, an ingest or a job is "
                    "writing in it.",
                    fix="wait until it has finished (a job: GET its status), then delete again.",
                ) from None
            raise WorkspaceBusy(
                f"workspace '{self.workspace}' is being deleted.", fix="create it again first."
            ) from None
        if not (self.root / "workspace.json").is_file():  # deleted while we waited
            os.close(fd)
            raise _gone(self.workspace)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> InUse:
        return self.acquire() if self.fd is None else self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _gone(workspace: str) -> SteercoError:
    from assistant.errors import InputError

    return InputError(
        f"there is no workspace '{workspace}' (it was deleted).",
        fix=f"create it again with `steerco init {workspace}`.",
    )
