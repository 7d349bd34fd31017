"""`steerco roadmap`: the roadmap draft for a steering committee, from a workspace or files."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

import click

from assistant.audience import ROADMAP_NAMES as ROADMAP_AUDIENCES
from assistant.cli.options import (
    UsageError,
    check_input_mode,
    input_options,
    language_option,
    write_output,
)

_WEEKS_HELP = "Plan this many weeks (default 26)."
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)


@click.command()
@input_options
@click.option("--horizon", help="Plan up to the end of this quarter, e.g. 2027-Q2.")
@click.option("--weeks", type=int, help=_WEEKS_HELP)
@click.option(
    "--method", type=click.Choice(["cd3", "wsjf", "rice"]), default="cd3", show_default=True
)
@language_option
@click.option(
    "--audience", type=click.Choice(ROADMAP_AUDIENCES), default="comex", show_default=True
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "pptx", "json"]),
    default="md",
    show_default=True,
)
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), help="Write here (required for pptx)."
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First day of the plan. Default: today.",
)
def roadmap(
    workspace: str | None,
    context_path: Path | None,
    goals_path: Path | None,
    backlog_paths: tuple[Path, ...],
    finding_paths: tuple[Path, ...],
    horizon: str | None,
    weeks: int | None,
    method: str,
    language: str | None,
    audience: str,
    fmt: str,
    out_path: Path | None,
    start: dt.datetime | None,
) -> None:
    """Draft the prioritised roadmap: lanes, dated milestones, priced options, risks.

    With WORKSPACE, from what was ingested into it; without, one-shot from --context,
    --goals, --backlog (and --findings) files.
    """
    if fmt == "pptx" and out_path is None:
        raise UsageError(
            "a PowerPoint deck is binary: it needs a file.", fix="add --out deck.pptx."
        )
    from assistant import service
    from assistant.settings import Settings

    first = start.date() if start else dt.date.today()
    check_input_mode(workspace, context_path, goals_path, backlog_paths, finding_paths)
    inputs = None
    if not workspace:
        from assistant.inputs import load_inputs

        inputs = load_inputs(context_path, goals_path, list(backlog_paths), list(finding_paths))  # type: ignore[arg-type]
    horizon_weeks = horizon_to_weeks(horizon, weeks, first)
    request = service.make(
        service.RoadmapRequest, **({} if horizon_weeks is None else {"weeks": horizon_weeks}),
        method=method,
        language=language, audience=audience, start=first, workspace=workspace, inputs=inputs,
    )  # fmt: skip
    result = service.roadmap(request, service.Deps(Settings()))
    write_output(result.render(fmt), out_path)


def horizon_to_weeks(horizon: str | None, weeks: int | None, start: dt.date) -> int | None:
    """`--horizon 2027-Q2`: whole weeks from `start` to the last day of that quarter (None:
    neither given, the service's default; its limits are the service's too)."""
    if horizon and weeks:
        raise UsageError("give --horizon or --weeks, not both.")
    if not horizon:
        return weeks
    match = _QUARTER.match(horizon.strip())
    if not match:
        raise UsageError(f"--horizon '{horizon}' is not a quarter.", fix="write it as 2027-Q2.")
    year, quarter = int(match.group(1)), int(match.group(2))
    end = dt.date(year + (quarter == 4), 1 if quarter == 4 else quarter * 3 + 1, 1)
    if end <= start:
        raise UsageError(
            f"--horizon {horizon} ends before the plan starts ({start.isoformat()}).",
            fix="pick a later quarter, or an earlier --start.",
        )
    return math.ceil((end - start).days / 7)
