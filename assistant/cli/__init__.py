"""The `steerco` command line. Thin: parse options, load files, call the pipeline, write output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from assistant.audience import NAMES as AUDIENCES
from assistant.cli import process
from assistant.cli.options import (
    UsageError,
    as_of_option,
    check_input_mode,
    input_options,
    language_option,
    status_options,
    write_output,
)
from assistant.cli.process import EXIT_PIPE
from assistant.errors import SteercoError

EXIT_INPUT = 2
EXIT_BUG = 70


class SteercoGroup(click.Group):
    """Turns user errors into one clear paragraph and exit status 2, bugs into exit 70."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `steerco history acme | head -1`: the reader has enough
            process.quiet_stdout()
            ctx.exit(EXIT_PIPE)
        except SteercoError as error:
            click.echo(f"steerco: error: {error.render()}", err=True)
            ctx.exit(EXIT_INPUT)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:  # a bug: say so briefly; the traceback only on request
            if os.environ.get("STEERCO_DEBUG"):
                raise
            click.echo(
                f"steerco: internal error ({type(error).__name__}: {error}). This is a bug; "
                "run again with STEERCO_DEBUG=1 for the traceback and report it.",
                err=True,
            )
            ctx.exit(EXIT_BUG)


@click.group(cls=SteercoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="steerco")
def cli() -> None:
    """Steerco: turn a technical status into a priced, traceable executive brief."""


@cli.command()
@input_options
@status_options
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="comex",
    show_default=True,
)
@language_option
@click.option(
    "--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md", show_default=True
)
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path),
    help="Write here instead of standard output.",
)
@as_of_option
@click.option(
    "--run-id",
    "run_id",
    help="Workspace mode: resume this run if it stopped mid-way, or show it if it finished.",
)
@click.option(
    "--reading",
    "reading_path",
    type=click.Path(path_type=Path),
    help="The reading the CTO confirmed (`steerco read --out`): the figures follow it.",
)
@click.option(
    "--review",
    is_flag=True,
    help="On a terminal: confirm each claim to confirm (pick the item, type the weeks, or "
    "mark it not a slip) before the figures.",
)
def brief(
    workspace: str | None,
    context_path: Path | None,
    goals_path: Path | None,
    backlog_paths: tuple[Path, ...],
    finding_paths: tuple[Path, ...],
    status_path: str | None,
    status_inline: str | None,
    audience: str,
    language: str | None,
    fmt: str,
    out_path: Path | None,
    as_of: dt.datetime | None,
    run_id: str | None,
    reading_path: Path | None = None,
    review: bool = False,
) -> None:
    """Write the executive brief for a status.

    With WORKSPACE, from what was ingested into it (the LangGraph workflow, kept in its
    history); without, one-shot from --context, --goals and --backlog files.
    """
    from assistant import service
    from assistant.inputs import load_inputs, read_status
    from assistant.settings import Settings

    check_input_mode(workspace, context_path, goals_path, backlog_paths, finding_paths)
    resume = bool(workspace and run_id and not (status_path or status_inline))
    if review:
        _check_review(workspace, status_path, reading_path, resume)
    text, source = ("", "") if resume else read_status(status_path, status_inline)
    inputs = None
    if not workspace:
        inputs = load_inputs(context_path, goals_path, list(backlog_paths), list(finding_paths))  # type: ignore[arg-type]
    reading, reading_source = None, str(reading_path or "the reading")
    if reading_path is not None:
        from assistant.cli.read import load_reading_file

        reading = load_reading_file(reading_path)
    deps = service.Deps(Settings())
    if review:
        from rich.console import Console

        from assistant.cli.review import confirm_reading

        asked = service.make(
            service.ReadRequest, status=text, status_source=source,
            today=as_of.date() if as_of else None, workspace=workspace, inputs=inputs,
        )  # fmt: skip
        sheet = service.review_sheet(asked, deps)
        console = Console(stderr=True, highlight=False)
        try:
            reading = confirm_reading(sheet, language or sheet.language, console)
        except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C: stop, nothing computed or kept
            raise click.Abort() from None
        reading_source = "the review"
    request = service.make(
        service.BriefRequest, status=text, status_source=source, audience=audience,
        language=language, today=as_of.date() if as_of else None, workspace=workspace,
        inputs=inputs, run_id=run_id, reading=reading,
        reading_source=reading_source, reviewer=_user(),
    )  # fmt: skip
    result = service.brief(request, deps)
    write_output(service.render(result, fmt), out_path)


def _check_review(
    workspace: str | None, status_path: str | None, reading_path: Path | None, resume: bool
) -> None:
    """`--review` asks its questions on a terminal, about a status given as a file or text."""
    where = workspace or "--context ... --goals ... --backlog ..."
    if reading_path is not None:
        raise UsageError("give --review or --reading, not both.")
    if resume:
        raise UsageError(
            "--review reviews the reading of a status: give --status FILE (or --text).",
            fix="a finished or stopped run is shown with --run-id alone.",
        )
    if status_path == "-":
        raise UsageError(
            "--review reads your answers on standard input, so the status cannot come from it.",
            fix='give the status as --status FILE or --text "...".',
        )
    if not sys.stdin.isatty():
        raise UsageError(
            "--review asks its questions on a terminal, and standard input is not one.",
            fix=f"write the reading with `steerco read {where} --status FILE --out reading.yaml`, "
            f"edit it, then `steerco brief {where} --status FILE --reading reading.yaml`.",
        )


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return "cto"


def _register() -> None:
    from assistant.cli.read import memory, read
    from assistant.cli.workspace import register

    register(cli)
    cli.add_command(read)
    cli.add_command(memory)


_register()


def main() -> None:
    process.start()
    try:
        cli(prog_name="steerco")
    except BrokenPipeError:  # raised while click itself writes (help, version, errors)
        process.quiet_stdout()
        code = EXIT_PIPE
    except SystemExit as error:  # how click ends every command
        code = process.exit_code(error)
    else:
        code = 0
    process.end(code)
