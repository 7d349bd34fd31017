"""Pinned inputs: a workspace run computes from the inputs it started with, resumed or not.

When a run starts, the workspace's inputs are written once to `snapshots/<content hash>.json`
(unchanged inputs: the same file, written once). Every node reads the run's snapshot by that
hash, so a run resumed after an ingest never computes on the newer inputs; if the snapshot
is gone, resuming refuses with a clear message. Loaded inputs are kept per process, bounded.
"""

from __future__ import annotations

import os
import tempfile
from collections import OrderedDict
from typing import Any

from assistant.errors import InputError
from assistant.inputs import Inputs
from assistant.workflow.state import InputsRef

KEEP = 16  # inputs kept loaded per process (a server briefs many workspaces)
_BY_VERSION: OrderedDict[tuple[str, str], str] = OrderedDict()  # (root, version) -> hash
_BY_HASH: OrderedDict[tuple[str, str], Inputs] = OrderedDict()  # (root, hash) -> inputs


def pin(workspace: Any) -> tuple[InputsRef, Inputs]:
    """The workspace's current inputs, snapshotted by content hash."""
    root = str(workspace.layout.root)
    version = workspace.version()
    digest = _BY_VERSION.get((root, version))
    if digest is not None and (root, digest) in _BY_HASH and _path(workspace, digest).is_file():
        return InputsRef(kind="workspace", hash=digest), _BY_HASH[(root, digest)]
    inputs = workspace.load_inputs()
    digest = inputs.content_hash()
    path = _path(workspace, digest)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{digest}.")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(inputs.model_dump_json())
        os.replace(tmp, path)
    _remember(_BY_VERSION, (root, version), digest)
    _remember(_BY_HASH, (root, digest), inputs)
    return InputsRef(kind="workspace", hash=digest), inputs


def load(workspace: Any, ref: InputsRef, run_id: str) -> Inputs:
    """The inputs run `run_id` started with, or an InputError if their snapshot is gone."""
    key = (str(workspace.layout.root), ref.hash)
    if key in _BY_HASH:
        _BY_HASH.move_to_end(key)
        return _BY_HASH[key]
    path = _path(workspace, ref.hash)
    if not path.is_file():
        raise InputError(
            f"run '{run_id}' started on inputs that workspace '{workspace.name}' no longer "
            f"keeps (snapshot {ref.hash} is gone); resuming it on the current inputs would "
            "silently mix two versions.",
            fix=f"start a new brief: steerco brief {workspace.name} --status FILE.",
        )
    inputs = Inputs.model_validate_json(path.read_text(encoding="utf-8"))
    _remember(_BY_HASH, key, inputs)
    return inputs


def _path(workspace: Any, digest: str):  # type: ignore[no-untyped-def]
    return workspace.layout.root / "snapshots" / f"{digest}.json"


def _remember(cache: OrderedDict, key: Any, value: Any) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > KEEP:
        cache.popitem(last=False)
