"""Long runs (ingest with embedding, briefs with LLM narration) as jobs: started at once,
run in the background, their progress kept on disk per workspace so a client that disconnects
loses nothing: it fetches the job later by id, or replays its events as server-sent events.

A job records the server process that runs it. A job found `running` whose process is gone
(the server stopped or crashed) is marked `interrupted`, at the next start and whenever it is
read, and its event stream ends; a brief job resumes from its checkpoint (`.../resume`)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import SteercoError
from assistant.files import umask_mode


def _started(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot), to tell it from a reused pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _this_server() -> dict[str, Any]:
    return {"pid": os.getpid(), "started": _started(os.getpid())}


def _alive(owner: dict[str, Any] | None) -> bool:
    if not owner or not isinstance(owner.get("pid"), int):
        return False
    if not os.path.exists("/proc/self/stat"):  # no /proc: the pid alone
        try:
            os.kill(owner["pid"], 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    started = _started(owner["pid"])
    if started is None:
        return False
    return owner.get("started") in (None, started)


class JobStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lock = threading.Lock()

    def path(self, job_id: str) -> Path:
        return self.folder / f"{job_id}.json"

    def read(self, job_id: str) -> dict[str, Any] | None:
        path = self.path(job_id)
        if not path.is_file():
            return None
        job = json.loads(path.read_text(encoding="utf-8"))
        if job.get("status") == "running" and not _alive(job.get("server")):
            job = self.interrupt(job)
        return job

    def write(self, job: dict[str, Any]) -> None:
        with self.lock:
            if not self.folder.parent.is_dir():
                return  # the workspace is gone: never recreate its folder
            self.folder.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".job.")
            os.fchmod(fd, umask_mode())
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(job, handle, ensure_ascii=False)
            os.replace(tmp, self.path(job["id"]))

    def interrupt(self, job: dict[str, Any]) -> dict[str, Any]:
        fix = "start it again"
        if job.get("kind") == "brief" and job.get("run_id"):
            fix = (
                f"resume it from its last finished step: POST .../jobs/{job['id']}/resume "
                f'(or .../jobs/brief with {{"run_id": "{job["run_id"]}"}})'
            )
        job.update(
            status="interrupted",
            error={"message": "the server stopped while this job ran", "fix": fix},
        )
        job["events"].append({"event": "end", "data": {"status": "interrupted"}})
        self.write(job)
        return job

    def interrupt_orphans(self) -> int:
        """Mark `interrupted` every job whose server process is gone; returns how many."""
        count = 0
        for path in self.folder.glob("job-*.json"):
            with contextlib.suppress(OSError, ValueError):
                job = json.loads(path.read_text(encoding="utf-8"))
                if job.get("status") == "running" and not _alive(job.get("server")):
                    self.interrupt(job)
                    count += 1
        return count


def start_job(
    store: JobStore,
    kind: str,
    work: Callable[[Callable[[str, dict[str, Any]], None]], Any],
    *,
    hold: Any = None,
    cleanup: Callable[[], None] | None = None,
    **fields: Any,
) -> str:
    """Run `work(emit)` in a thread; `emit(event, data)` appends a progress event. `hold` (the
    workspace's InUse) is released, and `cleanup` run, when the job ends."""
    job = {"id": "job-" + uuid.uuid4().hex[:12], "kind": kind, "status": "running",
           "events": [], "result": None, "error": None, "server": _this_server(),
           **fields}  # fmt: skip
    store.write(job)

    def emit(event: str, data: dict[str, Any]) -> None:
        job["events"].append({"event": event, "data": data})
        store.write(job)

    def run() -> None:
        try:
            job["result"] = work(emit)
            job["status"] = "done"
        except SteercoError as error:
            job.update(status="failed", error={"message": error.message, "fix": error.fix})
        except Exception as error:  # a bug: recorded on the job, never a lost client
            job.update(
                status="failed", error={"message": f"internal error: {type(error).__name__}"}
            )
        finally:
            if cleanup is not None:
                with contextlib.suppress(Exception):
                    cleanup()
        try:
            emit("end", {"status": job["status"]})
        finally:
            if hold is not None:
                hold.release()

    try:
        threading.Thread(target=run, daemon=True, name=job["id"]).start()
    except BaseException:
        if hold is not None:
            hold.release()
        raise
    return job["id"]
