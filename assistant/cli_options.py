"""Options shared by the commands that read a workspace or one-shot input files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


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
