"""Ingest: files into a workspace, incremental, idempotent, one writer at a time.

Every file is read and validated before anything is written, so a bad file leaves the
workspace as it was. Each source is then synced in one transaction (new, changed, removed
records), and the vector store catches up with what changed. An ingest killed at any point
leaves a usable workspace; running it again completes it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.files import umask_mode
from assistant.workspace.classify import Kind, classify
from assistant.workspace.lock import writer_lock
from assistant.workspace.metadata import Changes, Record
from assistant.workspace.workspace import Workspace


@dataclass
class FileResult:
    file: str
    kind: str
    format: str
    changes: Changes | None = None


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    embedded: int = 0
    deleted_vectors: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Parsed:
    path: Path
    kind: Kind
    records: list[Record]
    warnings: tuple[str, ...] = ()


def ingest(
    workspace: Workspace,
    paths: list[Path],
    *,
    now: str,
    indexer: Any = None,
    progress: Any = None,
    check: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest `paths`. `indexer` (see indexing.py) embeds; None skips the vector step.

    `check(step)` is called before each write step and raises to stop there (a request that
    timed out): what was written stays consistent, as after a kill, and the next ingest
    completes it."""
    check = check or _no_check
    parsed = []
    kinds = _yaml_kinds(paths)  # classified once: the context's language, then each parse
    language = _language(workspace, [p for p, kind in kinds.items() if kind.kind == "context"])
    for path in paths:  # all validated before any write
        check(f"reading {path.name}")
        parsed.append(_parse_or_explain(path, kinds.get(path), language))
    report = IngestReport()
    with workspace.in_use(), writer_lock(workspace.layout.lock, workspace.name):
        store = workspace.metadata()
        try:
            _check_item_limit(workspace.name, store, parsed)
            for item in parsed:
                check(f"writing {item.path.name}")
                result = FileResult(str(item.path), item.kind.kind, item.kind.format)
                _keep_copy(item.path, workspace.layout.exports)
                if item.kind.kind in ("context", "goals"):
                    target = (
                        workspace.layout.context
                        if item.kind.kind == "context"
                        else workspace.layout.goals
                    )
                    _replace(item.path, target)
                else:
                    kind = "item" if item.kind.kind == "backlog" else "finding"
                    result.changes = store.sync_source(kind, item.path.name, item.records, now)
                store.record_source(
                    item.path.name, item.kind.kind, item.kind.format, _sha(item.path), now
                )
                report.files.append(result)
                report.warnings += [f"{item.path.name}: {w}" for w in item.warnings]
            if indexer is not None:
                check("indexing")
                report.embedded, report.deleted_vectors = indexer.catch_up(
                    progress=progress, check=check
                )
        finally:
            store.close()
    return report


def _no_check(_: str) -> None:
    return None


def _yaml_kinds(paths: list[Path]) -> dict[Path, Kind]:
    """What each uploaded YAML file is (exports, the large files, are classified as they are
    parsed); one that cannot be classified is left to `_parse`, which says why."""
    from assistant.errors import InputError

    kinds: dict[Path, Kind] = {}
    for path in paths:
        if path.suffix.lower() in (".yaml", ".yml") and path.is_file():
            with contextlib.suppress(InputError, RecursionError):
                kinds[path] = classify(path)
    return kinds


def _language(workspace: Workspace, contexts: list[Path]) -> str | None:
    """The context's language, to read an export's dates such as 08/11/2016 (date_order):
    that of a context.yaml ingested with the exports, else the workspace's. A context that does
    not load is left to `_parse`, which says why."""
    from assistant.errors import InputError
    from assistant.loaders import load_context

    if workspace.layout.context.is_file():
        contexts = [*contexts, workspace.layout.context]
    try:
        return load_context(contexts[0]).language if contexts else None
    except (InputError, RecursionError):
        return None


def _parse_or_explain(path: Path, kind: Kind | None, language: str | None) -> _Parsed:
    try:
        return _parse(path, kind or classify(path), language)
    except RecursionError:  # a JSON or YAML file of thousands of nested brackets
        from assistant.errors import InputError

        raise InputError(
            "is nested too deeply to be an export (thousands of brackets inside each other).",
            file=path.name,
            fix="upload the export as the tool wrote it: its records are flat.",
        ) from None


def _parse(path: Path, kind: Kind, language: str | None) -> _Parsed:
    if kind.kind == "context":
        from assistant.loaders import load_context

        load_context(path)
        return _Parsed(path, kind, [])
    if kind.kind == "goals":
        from assistant.loaders import load_goals

        load_goals(path)
        return _Parsed(path, kind, [])
    if kind.kind == "backlog":
        from assistant.loaders import load_backlog

        backlog = load_backlog([path], language)
        # provenance names the export, not where the server received it
        items = [_named(item.model_dump(mode="json"), path.name) for item in backlog.items.values()]
        records = [_record("item", path.name, d["key"], d) for d in items]
        return _Parsed(path, kind, records, backlog.warnings)
    from assistant.audit import load_findings

    findings = load_findings([path])
    dumped = [_named(f.model_dump(mode="json"), path.name) for f in findings.findings]
    records = [_record("finding", path.name, d["id"], d) for d in dumped]
    return _Parsed(path, kind, records, findings.warnings)


def _check_item_limit(name: str, store: Any, parsed: list[_Parsed]) -> None:
    """Refuse, before any write, an ingest past STEERCO_MAX_ITEMS_PER_WORKSPACE."""
    from collections import Counter

    from assistant.loaders.limits import check_workspace_items, current_limits

    incoming = {p.path.name: len(p.records) for p in parsed if p.kind.kind == "backlog"}
    if incoming:
        kept = Counter(record.source for record in store.active("item"))
        check_workspace_items(name, kept, incoming, current_limits().max_items_per_workspace)


def _named(data: dict[str, Any], name: str) -> dict[str, Any]:
    if isinstance(data.get("source"), dict):
        data["source"] = {**data["source"], "file": name}
    return data


def _record(kind: str, source: str, key: str, data: dict[str, Any]) -> Record:
    content = {k: v for k, v in data.items() if k != "source"}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:32]
    return Record(kind, source, key, digest, data)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _replace(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.fchmod(fd, umask_mode())
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _keep_copy(source: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _replace(source, folder / source.name)
