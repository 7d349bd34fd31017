"""The wall clock, read only at the edges (CLI, API, web); the core takes dates as inputs."""

from __future__ import annotations

import datetime as dt


def now_iso() -> str:
    """Now, in UTC, to the second: the timestamp of ingests, runs and workspaces."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
