"""What the commands share: the workspace-or-files options, their check, atomic output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from assistant.errors import InputError
from assistant.files import atomic_write


class UsageError(InputError):
    """A wrong combination of options."""


def language_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--lang`: the languages Steerco writes in, from the registry (assistant/lang)."""
    from assistant.lang import READ, described

    return click.option(
        "--lang",
        "language",
        type=click.Choice(READ),
        help=f"Language of the output: {described()}. Default: the language in context.yaml.",
    )(command)


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """[WORKSPACE] or --context/--goals/--backlog/--findings (one-shot mode)."""
    options = [
        click.argument("workspace", required=False),
        click.option("--context", "context_path", type=click.Path(path_type=Path),
                     help="context.yaml: company, currency, sprint length, teams and rates (one-shot mode)."),
        click.option("--goals", "goals_path", type=click.Path(path_type=Path),
                     help="goals.yaml: business goals, cost of delay, dependencies (one-shot mode)."),
        click.option("--backlog", "backlog_paths", multiple=True, type=click.Path(path_type=Path),
                     help="Backlog export (Jira CSV/JSON, Linear CSV, GitHub JSON, generic CSV). "
                     "Repeatable (one-shot mode)."),
        click.option("--findings", "finding_paths", multiple=True, type=click.Path(path_type=Path),
                     help="Audit export (SonarQube, SARIF, Trivy, npm/pip audit, ... or hand-written "
                     "CSV/YAML). Repeatable (one-shot mode)."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def status_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--status FILE|-` or `--text TEXT`: the status to read."""
    command = click.option("--text", "status_inline", type=str, help="The status text itself.")(
        command
    )
    return click.option(
        "--status", "status_path", type=str, help="Status text file, or - for standard input."
    )(command)


def as_of_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--as-of YYYY-MM-DD`: the date the status was written."""
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date of the status (gives a year to dates written without one). Default: today.",
    )(command)


def check_input_mode(
    workspace: str | None,
    context_path: Path | None,
    goals_path: Path | None,
    backlog_paths: tuple[Path, ...],
    finding_paths: tuple[Path, ...],
) -> None:
    """Either a WORKSPACE, or the one-shot files (context, goals, at least one backlog)."""
    if workspace:
        if context_path or goals_path or backlog_paths or finding_paths:
            raise UsageError(
                "give either a WORKSPACE or --context/--goals/--backlog/--findings, not both."
            )
        return
    named = (("--context", context_path), ("--goals", goals_path), ("--backlog", backlog_paths))
    missing = [name for name, value in named if not value]
    if missing:
        raise UsageError(f"one-shot mode needs {', '.join(missing)} (or name a WORKSPACE).")


def write_output(data: str | bytes, out_path: Path | None) -> None:
    """Stdout, or the file replaced atomically: a failure never leaves a partial file."""
    if out_path is None:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = out_path.resolve()
    if target.is_dir():
        raise InputError("is a directory.", file=str(out_path), fix="give a file name to --out.")
    if not target.parent.is_dir():
        raise InputError(
            "its folder does not exist.", file=str(out_path), fix="create the folder first."
        )
    try:
        atomic_write(target, data)
    except OSError as error:  # read-only folder, full disk, no permission: the user can fix it
        raise InputError(
            f"cannot be written ({error.strerror or error}).",
            file=str(out_path),
            fix="choose a folder you can write to, or free some space.",
        ) from None
