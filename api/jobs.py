"""Long runs (ingest with embedding, briefs with LLM narration) as jobs: started at once,
run in the background, their progress kept on disk per workspace so a client that disconnects
loses nothing: it fetches the job later by id, or replays its events as server-sent events."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.errors import SteercoError
from assistant.workspace.files import umask_mode


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
        return json.loads(path.read_text(encoding="utf-8"))

    def write(self, job: dict[str, Any]) -> None:
        with self.lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".job.")
            os.fchmod(fd, umask_mode())
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(job, handle, ensure_ascii=False)
            os.replace(tmp, self.path(job["id"]))


def start_job(
    store: JobStore, kind: str, work: Callable[[Callable[[str, dict[str, Any]], None]], Any]
) -> str:
    """Run `work(emit)` in a thread; `emit(event, data)` appends a progress event."""
    job = {"id": "job-" + uuid.uuid4().hex[:12], "kind": kind, "status": "running",
           "events": [], "result": None, "error": None}  # fmt: skip
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
        emit("end", {"status": job["status"]})

    threading.Thread(target=run, daemon=True, name=job["id"]).start()
    return job["id"]
