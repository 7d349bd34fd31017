"""Mutation test of the grounding check on correct briefs written by the template narrator.

Each brief body (the prose before the assumptions, what the LLM narrator writes) must pass
as is; then every mutant (a digit swapped or changed, a unit or currency changed, an amount
scaled by a thousand, a goal renamed, a slip denied, the total dropped) must be caught.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from assistant.brief import make_brief
from assistant.inputs import load_inputs
from assistant.narration.brief_check import check_report_text, names_in
from tests.conftest import SEED, TRANSVIA

_CASES = [
    (SEED, "status.fr.txt", "fr", "comex"),
    (SEED, "status.en.txt", "en", "comex"),
    (SEED, "status.fr.txt", "fr", "engineering"),
    (TRANSVIA, "status.fr.txt", "fr", "cfo"),
    (TRANSVIA, "status.en.txt", "en", "cfo"),
    (TRANSVIA, "status.fr.txt", "en", "engineering"),
]
_UNITS = {
    "fr": [("semaines", "jours"), ("semaines", "mois"), ("semaine", "jour"), ("EUR", "USD")],
    "en": [("weeks", "days"), ("weeks", "months"), ("week", "day"), ("EUR", "GBP")],
}
_DENIALS = {"fr": [" (dans les temps)", " sans retard,"], "en": [" (on track)", ", with no delay,"]}
_FAKE_GOAL = {"fr": "Refonte du site web", "en": "Website redesign"}


@dataclass
class Case:
    name: str
    body: str
    check: object
    names: list[str]
    shifted: list[str]
    untouched: list[str]
    total: str
    language: str


def _cases() -> list[Case]:
    out = []
    for folder, status, language, audience in _CASES:
        inputs = load_inputs(
            folder / "context.yaml", folder / "goals.yaml", [folder / "backlog.csv"]
        )
        text = (folder / status).read_text(encoding="utf-8")
        result = make_brief(
            inputs,
            text,
            status_source=status,
            today=dt.date(2026, 11, 20),
            audience=audience,
            language=language,
        )
        body = re.split(r"\n## (?:Hypothèses|Assumptions)\n", result.brief.summary_markdown)[0]
        report = result.report
        titles = {g.id: g.title_in(language) for g in inputs.goals}

        def check(mutant: str, report=report, inputs=inputs, language=language, audience=audience):
            return check_report_text(
                mutant,
                report,
                backlog=inputs.backlog,
                goals=inputs.goals,
                context=inputs.context,
                language=language,
                audience=audience,
            )

        from assistant.narration.formatting import format_value

        total = report.figures["total.cost"]
        out.append(
            Case(
                name=f"{folder.name}-{status}-{language}-{audience}",
                body=body,
                check=check,
                names=names_in(report, inputs.backlog, inputs.goals, inputs.context),
                shifted=[titles[g.goal] for g in report.shifted_goals],
                untouched=[titles[g.goal] for g in report.goals if g.shift_weeks <= 0],
                total=format_value(total.value, total.unit, language),
                language=language,
            )
        )
    return out


def _protected(case: Case) -> list[tuple[int, int]]:
    """Spans a mutation must not touch: names (titles, keys) and list numbering."""
    spans = []
    for name in case.names:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), case.body)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"^\d+\.", case.body, re.M)]
    return spans


def mutants(case: Case) -> list[tuple[str, str]]:
    """(description, mutated body) for every mutation of `case.body`."""
    body, out = case.body, []
    protected = _protected(case)
    for m in re.finditer(r"\d+", body):
        if any(a <= m.start() < b for a, b in protected):
            continue
        digits = m.group()
        swap = next((i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]), None)
        if swap is not None:
            swapped = digits[:swap] + digits[swap + 1] + digits[swap] + digits[swap + 2 :]
            out.append((f"swap {digits}->{swapped}", body[: m.start()] + swapped + body[m.end() :]))
        changed = str((int(digits[0]) + 1) % 10) + digits[1:]
        out.append((f"change {digits}->{changed}", body[: m.start()] + changed + body[m.end() :]))
    for old, new in _UNITS[case.language]:
        for m in re.finditer(rf"\b{old}\b", body):
            out.append((f"unit {old}->{new}", body[: m.start()] + new + body[m.end() :]))
    amounts = r"\d{1,3}(?: \d{3})+ EUR|EUR \d{1,3}(?:,\d{3})+"
    for m in re.finditer(amounts, body):
        grown = m.group().replace(" EUR", " 000 EUR") if m.group().endswith("EUR") else m.group() + ",000"  # fmt: skip
        out.append((f"x1000 {m.group()}", body[: m.start()] + grown + body[m.end() :]))
    for title in case.shifted:
        for new in (_FAKE_GOAL[case.language], *case.untouched[:1]):
            out.append((f"rename {title}", body.replace(title, new)))
        at = body.index(title) + len(title)
        for denial in _DENIALS[case.language]:
            out.append((f"deny {title}", body[:at] + denial + body[at:]))
    out.append(("drop total", body.replace(case.total, "")))
    return [(d, m) for d, m in out if m != body]


CASES = _cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_template_brief_passes_unmutated(case: Case) -> None:
    report = case.check(case.body)
    assert report.ok, report.problems


def test_grounding_catches_at_least_99_percent_of_mutants() -> None:
    total, missed = 0, []
    for case in CASES:
        for description, mutant in mutants(case):
            total += 1
            if case.check(mutant).ok:
                missed.append(f"{case.name}: {description}")
    rate = 1 - len(missed) / total
    print(f"mutants: {total}, caught: {total - len(missed)} ({rate:.1%}), missed: {missed}")
    assert total >= 300
    assert rate >= 0.99, missed
