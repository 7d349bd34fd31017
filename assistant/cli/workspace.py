"""Workspace commands: init, ingest, history, workspaces; and the workspace brief.

Heavy parts (LangGraph, Chroma, the embedding model, litellm) are imported inside the
commands that need them, so `steerco --help` and the one-shot brief stay fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from assistant.clock import now_iso


def _settings():
    from assistant.settings import Settings

    return Settings()


def register(cli: click.Group) -> None:
    cli.add_command(init)
    cli.add_command(ingest)
    cli.add_command(history)
    cli.add_command(reindex)
    cli.add_command(workspaces)
    cli.add_command(__import__("assistant.cli.roadmap", fromlist=["roadmap"]).roadmap)
    from assistant.cli.serve import api_key, serve

    cli.add_command(serve)
    cli.add_command(api_key)
    cli.add_command(__import__("assistant.cli.eval", fromlist=["eval_command"]).eval_command)


@click.command()
@click.argument("name")
def init(name: str) -> None:
    """Create workspace NAME with a commented context.yaml and goals.yaml to edit."""
    from assistant.workspace.workspace import Workspace

    workspace = Workspace.create(_settings().home, name, now=now_iso())
    click.echo(f"Created workspace '{name}' in {workspace.layout.root}")
    click.echo(f"Edit {workspace.layout.context} and {workspace.layout.goals}, or ingest yours:")
    click.echo(f"  steerco ingest {name} context.yaml goals.yaml exports/*.csv audit/*.json")


@click.command()
@click.argument("name")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-embed", is_flag=True, help="Skip the vector index (lexical linking only).")
def ingest(name: str, files: tuple[Path, ...], no_embed: bool) -> None:
    """Add FILES to workspace NAME: context, goals, backlog and audit exports, by content."""
    from assistant import service

    request = service.make(
        service.IngestRequest, workspace=name, files=list(files), embed=not no_embed
    )
    with _progress() as progress:
        report = service.ingest(request, service.Deps(_settings()), progress=progress)
    for result in report.files:
        line = f"{result.file}: {result.kind} ({result.format})"
        if result.changes:
            c = result.changes
            line += f": {c.added} new, {c.updated} changed, {c.removed} removed, {c.unchanged} unchanged"
        click.echo(line)
    if request.embed:
        click.echo(f"vector index: {report.embedded} embedded, {report.deleted_vectors} removed")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)


@click.command()
@click.argument("name")
def reindex(name: str) -> None:
    """Rebuild the vector index of workspace NAME from its records (after a crash corrupted
    chroma/, or to start it afresh). Nothing else changes."""
    from assistant.workspace.indexing import reindex as rebuild
    from assistant.workspace.workspace import Workspace

    settings = _settings()
    workspace = Workspace.open(settings.home, name)
    with _progress() as progress:
        embedded, _ = rebuild(workspace, settings, progress=progress)
    click.echo(f"vector index of '{name}' rebuilt: {embedded} documents embedded")


@click.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def history(name: str, fmt: str) -> None:
    """Past briefs of workspace NAME, with what changed since the previous one, and per goal
    the dates the briefs announced."""
    from assistant import service

    entries = service.history(name, service.Deps(_settings()))
    if fmt == "json":
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(f"No brief yet in '{name}'. Run: steerco brief {name} --status status.txt")
    for entry in entries:
        click.echo(f"{entry['created_at']}  {entry['run_id']}  {entry['headline']}")
        click.echo(f"    changes: {'; '.join(entry['changes'])}")
    told = service.announced(name, service.Deps(_settings()))
    if told:
        click.echo("Dates announced per goal (status date: date announced):")
    for goal, dates in told.items():
        steps = ", ".join(f"{d['status_date']}: {d['announced']}" for d in dates)
        click.echo(f"  {goal}: {steps}")


@click.command()
def workspaces() -> None:
    """List the workspaces."""
    from assistant.workspace.workspace import list_workspaces

    settings = _settings()
    names = list_workspaces(settings.home)
    click.echo("\n".join(names) if names else f"No workspace in {settings.home}.")


class _Quiet:
    def __enter__(self):
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress():
    """A rich progress bar on a terminal; nothing when output is piped or captured."""
    if not sys.stderr.isatty():
        return _Quiet()
    from rich.progress import Progress

    return Progress(transient=True)
