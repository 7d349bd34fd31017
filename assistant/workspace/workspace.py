"""A client workspace: its files, its metadata store and its inputs for a brief."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from assistant.brief import Inputs
from assistant.domain import Backlog, BacklogItem
from assistant.errors import InputError
from assistant.report import InputFile
from assistant.resources import resource_dir
from assistant.workspace.layout import _NAME, Layout, check_name
from assistant.workspace.lock import InUse
from assistant.workspace.metadata import SqliteMetadataStore

LAYOUT_VERSION = 1


class Workspace:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.name = layout.name

    @classmethod
    def create(cls, home: Path, name: str, *, now: str) -> Workspace:
        layout = Layout(home, check_name(name))
        if layout.meta.exists():
            raise InputError(
                f"workspace '{name}' already exists ({layout.root}).",
                fix=f"use it (steerco ingest {name} ...) or pick another name.",
            )
        layout.root.mkdir(parents=True, exist_ok=True)
        for sub in (layout.exports, layout.reports):
            sub.mkdir(exist_ok=True)
        templates = resource_dir("knowledge") / "templates"
        shutil.copyfile(templates / "context.yaml", layout.context)
        shutil.copyfile(templates / "goals.yaml", layout.goals)
        meta = {"name": name, "created_at": now, "layout": LAYOUT_VERSION}
        layout.meta.write_text(json.dumps(meta, indent=2), encoding="utf-8")
        return cls(layout)

    @classmethod
    def open(cls, home: Path, name: str) -> Workspace:
        layout = Layout(home, check_name(name))
        if not layout.meta.is_file():
            known = ", ".join(list_workspaces(home)) or "none yet"
            raise InputError(
                f"there is no workspace '{name}' in {home} (workspaces: {known}).",
                fix=f"create it with `steerco init {name}`, or set STEERCO_HOME to where it lives.",
            )
        return cls(layout)

    def in_use(self) -> InUse:
        """The shared hold of anything that writes here (see lock.InUse)."""
        return InUse(self.layout.root, self.name)

    def metadata(self) -> SqliteMetadataStore:
        return SqliteMetadataStore(self.layout.state_db)

    def load_inputs(self) -> Inputs:
        """Context, goals and the active backlog items, as the one-shot brief would load them."""
        from assistant.loaders import load_context, load_goals
        from assistant.loaders.links import merge

        context = _named(load_context(self.layout.context), "context.yaml")
        goals = [_named(goal, "goals.yaml") for goal in load_goals(self.layout.goals)]
        store = self.metadata()
        try:
            records = store.active("item")
            finding_records = store.active("finding")
            sources = store.sources()
        finally:
            store.close()
        by_source: dict[str, list[BacklogItem]] = {}
        for record in records:
            by_source.setdefault(record.source, []).append(BacklogItem.model_validate(record.data))
        formats = {s["source"]: s["format"] for s in sources}
        backlog = (
            merge([(formats.get(src, "?"), items) for src, items in by_source.items()])
            if by_source
            else Backlog(items={})
        )
        files = [
            InputFile(file="context.yaml", kind="context"),
            InputFile(file="goals.yaml", kind="goals"),
            *(InputFile(file=src, kind=formats.get(src, "?")) for src in by_source),
        ]
        findings = []
        if finding_records:
            from assistant.audit import Finding

            findings = [Finding.model_validate(r.data) for r in finding_records]
            files += [
                InputFile(file=src, kind=formats.get(src, "?"))
                for src in dict.fromkeys(r.source for r in finding_records)
            ]
        return Inputs(context=context, goals=goals, backlog=backlog, files=files, findings=findings)

    def version(self) -> str:
        """Changes whenever an input of a brief changes: context, goals or any record."""
        digest = hashlib.sha256()
        for path in (self.layout.context, self.layout.goals):
            digest.update(path.read_bytes() if path.exists() else b"")
        store = self.metadata()
        try:
            row = store.conn.execute(
                "SELECT count(*), coalesce(max(updated_at), ''), "
                "coalesce(group_concat(hash, ''), '') FROM records WHERE removed=0"
            ).fetchone()
        finally:
            store.close()
        digest.update(json.dumps(row).encode())
        return digest.hexdigest()[:16]


def _named(model: Any, name: str) -> Any:
    """Provenance names the workspace's file, not the server's folder it sits in."""
    source = model.source
    return (
        model.model_copy(update={"source": source.model_copy(update={"file": name})})
        if source
        else model
    )


def list_workspaces(home: Path) -> list[str]:
    if not home.is_dir():
        return []
    return sorted(
        p.name
        for p in home.iterdir()
        if _NAME.fullmatch(p.name) and (p / "workspace.json").is_file()
    )


DELETED_PREFIX = ".deleted-"


def delete_workspace(home: Path, name: str) -> None:
    """Whole or not at all: refused (WorkspaceBusy) while anything writes in it; otherwise the
    folder is first renamed out of the way in one step (the workspace is gone at once, never
    half there), then removed."""
    workspace = Workspace.open(home, name)
    hold = workspace.in_use().acquire(exclusive=True)
    try:
        aside = home / f"{DELETED_PREFIX}{name}-{uuid.uuid4().hex[:8]}"
        os.rename(workspace.layout.root, aside)
    finally:
        hold.release()
    shutil.rmtree(aside, ignore_errors=True)
    purge_deleted(home)


def purge_deleted(home: Path) -> None:
    """Remove what a deletion interrupted by a crash left aside (never a live workspace)."""
    if home.is_dir():
        for leftover in home.glob(DELETED_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
