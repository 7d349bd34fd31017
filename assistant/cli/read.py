"""`steerco read`: the claims of a status as a table, and as YAML the CTO edits before the
brief (`steerco brief ... --reading reading.yaml`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from assistant.cli.options import (
    as_of_option,
    check_input_mode,
    input_options,
    status_options,
    write_output,
)

HEADER = """\
# The reading of {source}, for the CTO to confirm before the brief.
# Edit kind, item, weeks or the dates of a claim; keep id and quote as they are.
#   kind: slip (priced), risk, recovered, superseded, good_news, to_confirm, news,
#         not_a_slip (leaves the figures), addressed_to_tool
#   item: a backlog key; weeks: the delay in weeks (or old_date/new_date, YYYY-MM-DD)
# Then: steerco brief ... --status {source} --reading THIS_FILE
"""


def reading_yaml(claims: tuple[Any, ...], source: str) -> str:
    """The claims as the YAML file the CTO edits (what `load_reading` reads back)."""
    import yaml

    rows = []
    for c in claims:
        row: dict[str, Any] = {"id": c.id, "quote": " ".join(c.quote.split()),
                               "kind": c.kind.value, "item": c.item, "weeks": c.weeks}  # fmt: skip
        if c.old_date or c.new_date:
            row["old_date"], row["new_date"] = c.old_date, c.new_date
        if c.note:
            row["note"] = c.note
        rows.append(row)
    body = yaml.safe_dump(
        {"claims": rows}, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )
    return HEADER.format(source=source) + body


def _table(claims: tuple[Any, ...]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="What I read", show_lines=False)
    for name in ("id", "kind", "item", "weeks", "dates", "quote"):
        table.add_column(name, overflow="fold")
    for c in claims:
        dates = " -> ".join(str(d) for d in (c.old_date, c.new_date) if d)
        weeks = f"{c.weeks:g}" if c.weeks is not None else ""
        table.add_row(c.id, c.kind.value, c.item or "", weeks, dates, " ".join(c.quote.split()))
    Console(width=160, soft_wrap=False).print(table)


@click.command()
@input_options
@status_options
@click.option("--out", "out_path", type=click.Path(path_type=Path),
              help="Write the reading as YAML here, to edit and give to `brief --reading`.")  # fmt: skip
@as_of_option
def read(
    workspace: str | None,
    context_path: Path | None,
    goals_path: Path | None,
    backlog_paths: tuple[Path, ...],
    finding_paths: tuple[Path, ...],
    status_path: str | None,
    status_inline: str | None,
    out_path: Path | None,
    as_of: dt.datetime | None,
) -> None:
    """Show how a status is read (its claims) and write them as YAML to confirm.

    With WORKSPACE, against what was ingested into it; without, against --context, --goals
    and --backlog files. Nothing is priced or kept."""
    from assistant import service
    from assistant.inputs import load_inputs, read_status
    from assistant.settings import Settings

    check_input_mode(workspace, context_path, goals_path, backlog_paths, finding_paths)
    text, source = read_status(status_path, status_inline)
    inputs = None
    if not workspace:
        inputs = load_inputs(context_path, goals_path, list(backlog_paths), list(finding_paths))  # type: ignore[arg-type]
    request = service.make(
        service.ReadRequest, status=text, status_source=source,
        today=as_of.date() if as_of else None, workspace=workspace, inputs=inputs,
    )  # fmt: skip
    claims = service.read(request, service.Deps(Settings()))
    _table(claims)
    if out_path is not None:
        write_output(reading_yaml(claims, status_path or "the status"), out_path)
        click.echo(f"Reading written to {out_path}: edit it, then brief with --reading {out_path}")


def load_reading_file(path: Path) -> tuple[Any, ...]:
    """The confirmed reading from a file, checked (InputError: file, claim, expected, fix)."""
    from assistant.errors import InputError
    from assistant.facts.reading import load_reading

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            f"cannot be read ({getattr(error, 'strerror', None) or error}).",
            file=str(path),
            fix="give the file `steerco read --out` wrote.",
        ) from None
    return load_reading(text, file=str(path))


@click.command()
@click.argument("name")
@click.option("--remove", "remove", type=int, help="Forget the correction with this id.")
def memory(name: str, remove: int | None) -> None:
    """What workspace NAME remembers of the readings its CTO corrected: phrases tied to an
    item, phrases that are not a slip. Used by its later readings only."""
    from assistant import service
    from assistant.settings import Settings

    kept = service.memory(name, service.Deps(Settings()), remove=remove)
    if remove is not None:
        click.echo(f"Forgot correction {remove}.")
    if not kept:
        click.echo(f"'{name}' remembers no correction yet (brief with --reading to teach it).")
    for c in kept:
        what = f"is {c.item}" if c.kind == "item" else "is not a slip"
        click.echo(f'{c.id}  "{c.phrase}" {what}  ({c.created_at}, {c.created_by}, run {c.run_id})')
