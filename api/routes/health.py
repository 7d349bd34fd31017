"""Liveness and readiness, and the warm-up that readiness waits for.

A server loads the local embedding model once, when it starts, in a background thread (so
`/healthz` answers at once), and `/readyz` answers 503 until it is loaded: a load balancer
sends no brief to a server that would spend its first seconds loading a model. The lifespan
(`lifespan`, given to FastAPI) starts the warm-up; a `/readyz` before it (an app run without
its lifespan) starts it too.
"""

from __future__ import annotations

import importlib
import importlib.util
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from api.deps import SettingsDep
from assistant.errors import SteercoError

router = APIRouter(tags=["health"])
# Imported during the warm-up, so the first brief does not pay for them: the vector store, the
# brief workflow (LangGraph) and the status reader (its patterns compile at import).
WARM_MODULES = (
    "chromadb",
    "assistant.workflow.graph",
    "assistant.facts.extract",
)


class Warmup:
    """Loads the embedder of the settings (and imports the vector store) once, in a thread."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.error: SteercoError | None = None
        self.seconds: float | None = None
        self.embedder = ""
        self._done = threading.Event()
        self._started = False
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._done.is_set() and self.error is None

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._run, name="steerco-warmup", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def _run(self) -> None:
        from assistant.knowledge.embeddings import get_embedder

        start = time.perf_counter()
        try:
            embedder = get_embedder(self.settings.embedding_model, self.settings.embeddings)
            self.embedder = embedder.name
            load = getattr(embedder, "load", None)
            if callable(load):
                load()  # a litellm model has nothing to load
            for module in WARM_MODULES:
                if importlib.util.find_spec(module) is not None:  # a module may have moved
                    importlib.import_module(module)
            from assistant.knowledge.glossary import load_glossary

            load_glossary()
        except SteercoError as error:
            self.error = error
        except Exception as error:  # an unexpected failure still tells readiness why
            self.error = SteercoError(f"the warm-up failed: {error!r}.", fix="see the server log")
        finally:
            self.seconds = time.perf_counter() - start
            self._done.set()


def warmup_of(app: FastAPI) -> Warmup:
    warmup = getattr(app.state, "warmup", None)
    if warmup is None:
        warmup = app.state.warmup = Warmup(app.state.settings)
    warmup.start()
    return warmup


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the warm-up with the server. numpy and Chroma are imported first, here, before
    any thread: imported at once by the warm-up and by a request (a brief, a reindex), either
    could be seen half-initialised by one of them ("import numpy failed", a partial
    chromadb.api.shared_system_client) and leave the server unready."""
    import numpy  # noqa: F401

    from assistant.knowledge.store import import_chroma

    import_chroma()

    warmup_of(app)
    yield


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "still loading, or broken"}})
def readyz(request: Request, settings: SettingsDep) -> Any:
    """Ready when the workspaces folder can be written and the embedding model is loaded."""
    settings.home.mkdir(parents=True, exist_ok=True)
    probe = settings.home / ".ready"
    probe.write_text("ok", encoding="utf-8")
    probe.unlink()
    warmup = warmup_of(request.app)
    if warmup.error is not None:
        body = {"status": "error", "message": warmup.error.message, "fix": warmup.error.fix}
        return JSONResponse(body, status_code=503)
    if not warmup.done:
        body = {"status": "loading", "message": "loading the embedding model", "fix": None}
        return JSONResponse(body, status_code=503, headers={"Retry-After": "1"})
    return {"status": "ready"}
