"""Where a workspace keeps what: one folder per client, nothing shared between them.

<home>/<name>/
  workspace.json      name, creation date, layout version
  context.yaml        the current company context (replaced by ingest)
  goals.yaml          the current goals (replaced by ingest)
  exports/            copies of every ingested file, as received
  state.sqlite        items, findings, sources, brief history (the metadata store)
  chroma/             the workspace's own vector collection
  checkpoints.sqlite  LangGraph checkpoints of its brief runs
  reports/            briefs written by runs (<run id>.json / .md / .html)
  .lock               held by the one writer
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")  # whole name: `acme\n` is refused


def check_name(name: str) -> str:
    """Names become folder and collection names: no path tricks, one spelling per client."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InputError(
            f"'{name}' is not a valid workspace name.",
            fix="use 1-63 lowercase letters, digits, '-' or '_', starting with a letter or digit "
            "(e.g. acme or client-42).",
        )
    return name


@dataclass(frozen=True)
class Layout:
    home: Path
    name: str

    @property
    def root(self) -> Path:
        return self.home / self.name

    @property
    def meta(self) -> Path:
        return self.root / "workspace.json"

    @property
    def context(self) -> Path:
        return self.root / "context.yaml"

    @property
    def goals(self) -> Path:
        return self.root / "goals.yaml"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def state_db(self) -> Path:
        return self.root / "state.sqlite"

    @property
    def chroma(self) -> Path:
        return self.root / "chroma"

    @property
    def checkpoints(self) -> Path:
        return self.root / "checkpoints.sqlite"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def lock(self) -> Path:
        return self.root / ".lock"

    @property
    def collection(self) -> str:
        """Chroma collection name, unique per workspace (Chroma wants 3-63 chars)."""
        return f"ws-{self.name}"
