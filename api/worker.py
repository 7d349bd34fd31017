"""Heavy work off the event loop, stopped when its request times out.

Two ways, by what the work writes:

- `in_process(fn, ...)`: pure computation (the one-shot brief) runs in a child process forked
  from a server that imported the pipeline once. The event loop and the other requests'
  threads never wait for it (a regular expression that backtracks holds the GIL, so a thread
  would stall them all), and at the deadline the child is killed: its work stops at once.
- `in_thread(fn, ...)`: work that writes in a workspace (workspace briefs, ingests, roadmaps)
  runs in a thread and receives a `Cancel` token that it checks between steps. At the deadline
  the request answers 504 and the token is set: the work stops at its next step and writes
  nothing more (no report, no history, no index batch).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

import anyio
import anyio.to_thread

from assistant.errors import InputError, SteercoError

log = logging.getLogger("steerco.api")
# Imported once, by the forkserver. Each worker still runs the server's main script again
# (multiprocessing's preparation of a child), so what `steerco serve` and `uvicorn` import
# from it is preloaded too: then that costs nothing.
PRELOAD = ["api.worker_warmup", "assistant.cli", "uvicorn", "uvicorn.main"]


class Cancelled(Exception):
    """Raised inside the work at its next step once its request has given up."""


class Cancel:
    def __init__(self) -> None:
        self._event = threading.Event()
        self.reason = ""

    def set(self, reason: str) -> None:
        self.reason = reason
        self._event.set()

    @property
    def is_set(self) -> bool:
        return self._event.is_set()

    def check(self, where: str = "") -> None:
        if self._event.is_set():
            log.warning("%s: work stopped%s", self.reason, f" before {where}" if where else "")
            raise Cancelled(self.reason)


class TimedOut(SteercoError):
    """Answered 504 (api/errors.py)."""


def _timeout(seconds: float) -> TimedOut:
    return TimedOut(
        f"no answer within {seconds:g} s: the work was stopped and wrote nothing more.",
        fix="use the /jobs endpoints for long runs and follow their events "
        "(or raise STEERCO_REQUEST_TIMEOUT_S).",
    )


async def in_thread(fn: Callable[..., Any], *args: Any, timeout: float, label: str) -> Any:
    """`fn(cancel, *args)` in a worker thread; 504 at `timeout` s, and the work told to stop."""
    cancel = Cancel()
    try:
        with anyio.fail_after(timeout):
            return await anyio.to_thread.run_sync(lambda: fn(cancel, *args), abandon_on_cancel=True)
    except TimeoutError:
        cancel.set(f"{label} timed out after {timeout:g} s")
        raise _timeout(timeout) from None
    except BaseException:  # the client went away, the server stops: stop the work too
        cancel.set(f"{label} abandoned")
        raise


_context: Any = None
_context_lock = threading.Lock()


def _mp() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        result: tuple[str, Any] = ("ok", fn(*args))
    except InputError as error:
        result = ("input", (error.message, error.fix))
    except SteercoError as error:
        result = ("steerco", (error.message, error.fix))
    except RecursionError:
        result = ("recursion", None)
    except BaseException as error:  # a bug: its type only (its message may hold client data)
        result = ("bug", type(error).__name__)
    try:
        conn.send(result)
    finally:
        conn.close()


async def in_process(fn: Callable[..., Any], *args: Any, timeout: float, label: str) -> Any:
    """`fn(*args)` (module-level, picklable arguments) in a child process, killed at `timeout`."""
    context = _mp()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, fn, args), daemon=True)
    await anyio.to_thread.run_sync(process.start)
    sender.close()
    try:
        with anyio.fail_after(timeout):
            ready = await anyio.to_thread.run_sync(receiver.poll, timeout, abandon_on_cancel=True)
        if not ready:
            raise TimeoutError
        try:
            kind, value = await anyio.to_thread.run_sync(receiver.recv)
        except EOFError:  # killed (out of memory?) before it could answer
            raise RuntimeError(f"the worker of {label} stopped without an answer") from None
    except TimeoutError:
        log.warning("%s timed out after %g s: its worker process was killed", label, timeout)
        raise _timeout(timeout) from None
    finally:
        if process.is_alive():
            process.kill()
        with contextlib.suppress(Exception):
            await anyio.to_thread.run_sync(process.join, 5)
        receiver.close()
    if kind == "ok":
        return value
    if kind == "input":
        raise InputError(value[0], fix=value[1])
    if kind == "steerco":
        raise SteercoError(value[0], fix=value[1])
    if kind == "recursion":
        raise RecursionError
    raise RuntimeError(f"{label} failed in its worker with {value}")
