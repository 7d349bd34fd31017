"""`steerco eval`: the scorecard of the eval suite, and an exit status CI can gate on.

Offline by default (rule-based extraction, template narration: no key, no network). With
`--model`, the same cases are narrated by that model through `draft_with_llm`, so a model is
scored on exactly what a brief run would show. Exit 0 only if every gated threshold holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

SUITES = ("briefs", "reading", "roadmaps", "linking", "all")


@click.command("eval")
@click.option(
    "--model", default=None, help="litellm model narrating the briefs, e.g. openai/gpt-4.1-mini."
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
    """Score briefs (figures, grounding, mutations, coverage, plain language, cost), linking
    and roadmap maths; print the scorecard; exit 1 if a threshold fails."""
    from assistant.evals.scorecard import markdown, write_reports

    client = _client(model) if model else None
    if judge and client is None:
        raise click.UsageError("--judge needs --model: the judge is a model.")
    results = []
    if suite in ("briefs", "all"):
        results.append(_briefs(cases_path, only, client, not no_mutations, judge))
    if suite in ("reading", "all"):
        from assistant.evals.reading import score_reading

        results.append(score_reading())
    if suite in ("roadmaps", "all"):
        from assistant.evals.other_suites import score_roadmaps

        results.append(score_roadmaps())
    if suite in ("linking", "all"):
        from assistant.evals.other_suites import score_linking

        results.append(score_linking())
    title = f"Steerco eval ({model or 'offline'})"
    click.echo(markdown(results, title=title))
    if report:
        meta = {"model": model or "offline", "date": dt.date.today().isoformat(), "suite": suite}
        for path in write_reports(report, results, title=title, **meta):
            click.echo(f"report written: {path}", err=True)
    if not all(r.ok for r in results):
        raise SystemExit(1)


def _client(model: str):
    from assistant.llm import LLMClient
    from assistant.settings import Settings

    return LLMClient(Settings(model=model))


def _briefs(cases_path: Path | None, only: tuple[str, ...], client, mutations: bool, judge: bool):
    from assistant.evals.briefs import score_briefs
    from assistant.evals.cases import DEFAULT_CASES, load_cases
    from assistant.evals.runner import run_cases

    data = load_cases(cases_path or DEFAULT_CASES)
    unknown = set(only) - {c.id for c in data.cases}
    if unknown:
        raise click.UsageError(f"no case with id {', '.join(sorted(unknown))}.")
    outcomes = run_cases(data, client=client, only=only)
    result = score_briefs(outcomes, mutations=mutations)
    result.notes.insert(0, f"cases: {(cases_path or DEFAULT_CASES).name}, version {data.version}")
    if judge:
        from assistant.evals.judge import judge_briefs

        result.tables.append(judge_briefs(outcomes, client))
    return result
