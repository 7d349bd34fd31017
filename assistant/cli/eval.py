"""`steerco eval`: the scorecard of the eval suite, and an exit status CI can gate on.

The suite is the top-level `evals/` package of a source checkout (cases, evaluators, runner),
not shipped in the wheel: this command imports it from the checkout. Offline by default (the
rules read, the template narrates: no key, no network). With a model (`--model`, else
STEERCO_MODEL), each suite calls the service with it: the briefs suite scores its narration,
the reading suite its reading (claims, slips right, silent misses, false positives), the
linking suite the items its reading ties mentions to. Exit 0 only if every gated threshold holds.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path
from types import ModuleType

import click

from assistant.errors import ConfigError

SUITES = ("briefs", "reading", "roadmaps", "linking", "all")


@click.command("eval")
@click.option(
    "--model",
    default=None,
    help="litellm model under test, e.g. openai/gpt-4.1-mini (default: STEERCO_MODEL; "
    "none: offline).",
)
@click.option("--suite", type=click.Choice(SUITES), default="all", show_default=True)
@click.option(
    "--cases",
    "cases_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="brief cases file (default evals/briefs/cases.v1.yaml).",
)
@click.option("--case", "only", multiple=True, help="run only this case id (repeatable).")
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="write FILE.json and FILE.md.",
)
@click.option("--no-mutations", is_flag=True, help="skip the mutation test (faster, not gated).")
@click.option(
    "--judge",
    is_flag=True,
    help="also ask the model to grade clarity and actionability (never gates).",
)
def eval_command(
    model: str | None,
    suite: str,
    cases_path: Path | None,
    only: tuple[str, ...],
    report: Path | None,
    no_mutations: bool,
    judge: bool,
) -> None:
    """Score briefs (figures, grounding, mutations, coverage, plain language, cost), the
    reading, linking and roadmap maths; print the scorecard; exit 1 if a threshold fails."""
    eval_suite()
    from evals.runner import ModelUnderTest
    from evals.scorecard import markdown, write_reports

    model = model or _configured_model()
    under_test = ModelUnderTest(model, lambda: _client(model)) if model else None
    if judge and under_test is None:
        raise click.UsageError("--judge needs --model: the judge is a model.")
    results = []
    if suite in ("briefs", "all"):
        results.append(_briefs(cases_path, only, under_test, not no_mutations, judge))
    if suite in ("reading", "all"):
        from evals.reading_suite import score_reading

        results.append(score_reading(under_test))
    if suite in ("roadmaps", "all"):
        from evals.other_suites import score_roadmaps

        results.append(score_roadmaps())
    if suite in ("linking", "all"):
        from evals.other_suites import score_linking

        results.append(score_linking(model=under_test))
    title = f"Steerco eval ({model or 'offline'})"
    click.echo(markdown(results, title=title))
    if report:
        meta = {"model": model or "offline", "date": dt.date.today().isoformat(), "suite": suite}
        for path in write_reports(report, results, title=title, **meta):
            click.echo(f"report written: {path}", err=True)
    if not all(r.ok for r in results):
        raise SystemExit(1)


def eval_suite() -> ModuleType:
    """The `evals` package of a source checkout: on the import path (an editable install, a
    run from the checkout), else in the current folder; else a ConfigError saying so."""
    found = _import_suite()
    if found is None and (Path.cwd() / "evals" / "runner.py").is_file():
        sys.modules.pop("evals", None)  # a namespace package or another `evals` found first
        sys.path.insert(0, str(Path.cwd()))
        found = _import_suite()
    if found is None:
        raise ConfigError(
            "steerco eval runs from a source checkout: the eval suite (evals/: its cases, "
            "evaluators and runner) is not part of the installed package.",
            fix="clone the Steerco repository and run `steerco eval` from its root folder "
            "(or install it from there with `pip install -e .`).",
        )
    return found


def _import_suite() -> ModuleType | None:
    try:
        module = importlib.import_module("evals")
    except ImportError:
        return None
    return module if getattr(module, "STEERCO_EVAL_SUITE", False) else None


def _configured_model() -> str | None:
    from assistant.settings import Settings

    return Settings().model


def _client(model: str):
    from assistant.llm import LLMClient
    from assistant.settings import Settings

    return LLMClient(Settings(model=model))


def _briefs(cases_path: Path | None, only: tuple[str, ...], model, mutations: bool, judge: bool):
    from evals.brief_suite import score_briefs
    from evals.cases import DEFAULT_CASES, load_cases
    from evals.runner import run_cases

    data = load_cases(cases_path or DEFAULT_CASES)
    unknown = set(only) - {c.id for c in data.cases}
    if unknown:
        raise click.UsageError(f"no case with id {', '.join(sorted(unknown))}.")
    outcomes = run_cases(data, model=model, only=only)
    result = score_briefs(outcomes, mutations=mutations)
    result.notes.insert(0, f"cases: {(cases_path or DEFAULT_CASES).name}, version {data.version}")
    if judge:
        from evals.judge import judge_briefs

        result.tables.append(judge_briefs(outcomes, model.new_client()))
    return result
