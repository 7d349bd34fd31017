"""The linking and roadmap suites: existing evaluations, scored on the same scorecard.

Linking calls `assistant.knowledge.linking_eval` on its own versioned cases (the real store and
embedder). Roadmaps replays the published cost-of-delay worked examples through the roadmap
engine's functions; each stated result is one check.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from evals.cases import ROOT
from evals.runner import ModelUnderTest, Usage, delta
from evals.scorecard import Metric, SuiteResult, rate

REFERENCE = ROOT / "tests" / "data" / "reference" / "cost_of_delay_cases.json"


# A mention put in a sentence that says it slipped, as a CTO would write it: what the reader
# (rules or model) links it to is its answer. Keyed by the case's language.
SENTENCES = {"fr": "{mention} a 2 semaines de retard.", "en": "{mention} is 2 weeks late."}


def score_linking(
    embedding_model: str | None = None, model: ModelUnderTest | None = None
) -> SuiteResult:
    """The retrieval methods on the linking cases, and the reader a brief uses: the rules, or
    the model under test (each mention read in a one-line status through the service)."""
    from assistant.knowledge import linking_eval as le
    from assistant.knowledge.embeddings import get_embedder

    cases = le.load_cases()
    with tempfile.TemporaryDirectory(prefix="steerco-eval-linking-") as workdir:
        embedder = get_embedder(embedding_model)
        outcomes = le.run(cases, workdir=Path(workdir), embedder=embedder)
    spent = Usage() if model is not None else None
    outcomes += read_links(cases, model, spent)
    scores = le.score(outcomes)
    result = SuiteResult("linking", tables=[le.markdown(scores)])
    for s in scores.values():
        result.metrics += [
            Metric(f"{s.method} precision", s.precision, f"{s.answered} answered of {s.cases}"),
            Metric(f"{s.method} recall", s.recall, f"accuracy@1 {s.accuracy_at_1:.2f}"),
        ]
    result.notes.append(f"{len(cases)} cases from {le.DEFAULT_CASES.relative_to(ROOT)}")
    if spent is not None:
        from evals.reading_suite import model_cost

        result.metrics += model_cost(spent, "mention")
    return result


def read_links(cases: list, model: ModelUnderTest | None, spent: Usage | None) -> list:
    """One outcome per case: the item the reader ties the mention to (the one its slip is
    priced on), or None (not found, or ambiguous: no answer)."""
    from assistant import service
    from assistant.domain import Context
    from assistant.inputs import Inputs
    from assistant.knowledge import linking_eval as le
    from assistant.loaders import load_backlog
    from assistant.settings import Settings

    method = f"reader ({model.name})" if model else "reader (rules)"
    backlogs: dict[str, Inputs] = {}
    outcomes = []
    for case in cases:
        if case.backlog not in backlogs:
            backlog = load_backlog([ROOT / case.backlog])
            backlogs[case.backlog] = Inputs(
                context=Context(company="linking eval"), goals=[], backlog=backlog, files=[]
            )
        template = SENTENCES.get(case.lang, SENTENCES["en"])
        request = service.BriefRequest(
            status=template.format(mention=case.mention), status_source=f"{case.id}.txt",
            today=dt.date(2026, 11, 20), inputs=backlogs[case.backlog],
        )  # fmt: skip
        if model is None:
            result = service.brief(request, service.Deps(Settings(model=None), llm=None))
        else:
            from evals.reading_suite import model_reader

            client = model.new_client()
            before, start = client.usage.model_copy(deep=True), time.monotonic()
            deps = service.Deps(client.settings, llm=None, extractor=model_reader(client))
            try:
                result = service.brief(request, deps)
            finally:
                assert spent is not None
                spent.add(delta(before, client.usage), time.monotonic() - start)
        answer = next((s.item_key for s in result.facts.slips if s.item_key), None)
        outcomes.append(le.Outcome(case, method, answer, (answer,) if answer else ()))
    return outcomes


def _checks() -> list[tuple[str, bool]]:
    from assistant.roadmap.models import WorkPackage
    from assistant.roadmap.priorities import rank, score_packages, wsjf
    from assistant.roadmap.scheduling import schedule, value_within, waiting_cost_of_delay

    cases = {c["id"]: c for c in json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]}

    def pkg(pid: str, cod: float, weeks: float) -> WorkPackage:
        return WorkPackage(
            id=pid,
            kind="item",
            title=pid,
            team="T",
            size_weeks=weeks,
            size_source="estimate",
            cost_of_delay_per_week=cod,
        )

    def waiting(packages: list[WorkPackage], order: list[str]) -> float:
        return waiting_cost_of_delay(packages, schedule(packages, order).start_week)

    out = []
    bsf = cases["bsf_icecream_cd3"]
    a, b = (
        pkg(i["name"][0], i["cost_of_delay_per_week"], i["duration_weeks"]) for i in bsf["items"]
    )
    scored = {
        s.package: s.value
        for s in score_packages([a, b], "cd3", start=dt.date(2026, 1, 5), horizon_weeks=6)
    }
    stated = bsf["stated_results"]
    out += [
        ("bsf: CD3 A = 5, B = 7.5", scored == {"A": stated["cd3_A"], "B": stated["cd3_B"]}),
        ("bsf: B ranked first", rank([a, b]) == ["B", "A"]),
    ]
    for order, key in (
        (["A", "B"], "A_then_B_total_output"),
        (["B", "A"], "B_then_A_total_output"),
    ):
        made = bsf["baseline_capacity_per_week"] * bsf["horizon_weeks"] + value_within(
            [a, b], schedule([a, b], order).finish_week, bsf["horizon_weeks"]
        )
        out.append((f"bsf: {key} = {stated[key]}", made == stated[key]))
    jb = cases["jbrunton_two_projects"]
    a, b = (pkg(i["name"][-1], i["value_per_month_k"], i["duration_months"]) for i in jb["items"])
    out.append(("jbrunton: A ranked first", rank([b, a]) == ["A", "B"]))
    for order, key in (
        (["A", "B"], "A_first_total_value_k"),
        (["B", "A"], "B_first_total_value_k"),
    ):
        made = value_within([a, b], schedule([a, b], order).finish_week, jb["horizon_months"])
        out.append(
            (f"jbrunton: {key} = {jb['stated_results'][key]}", made == jb["stated_results"][key])
        )
    cd = cases["cd3_simple_two_features"]
    a, b = (
        pkg(i["name"][-1], i["cost_of_delay_per_week_usd"], i["duration_weeks"])
        for i in cd["items"]
    )
    saving = waiting([a, b], ["A", "B"]) - waiting([a, b], ["B", "A"])
    out += [
        ("cd3: B ranked first", rank([a, b]) == ["B", "A"]),
        ("cd3: B first saves 30,000", saving == 30000),
    ]
    ws = cases["wsjf_relative_two_tasks"]
    for i in ws["items"]:
        value = wsjf(
            i["user_business_value"], i["time_criticality"], i["rr_oe"], i["job_duration_days"]
        )
        out.append((f"wsjf: {i['name']} = {i['wsjf']}", value == i["wsjf"]))
    return out


def score_roadmaps() -> SuiteResult:
    checks = _checks()
    wrong = [name for name, ok in checks if not ok]
    result = SuiteResult("roadmaps", failures=[f"roadmap {n}" for n in wrong])
    result.metrics.append(
        Metric(
            "reference results",
            rate(len(checks) - len(wrong), len(checks)),
            f"{len(checks)} stated results of 4 published cases",
            1.0,
        )
    )
    result.notes.append("covers prioritisation and scheduling maths only, not roadmap prose")
    return result
