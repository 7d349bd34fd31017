"""The reading suite: statuses as CTOs write them, scored on what the reader read.

Two sets in evals/reading/: `salarix/` is the development set of issue 11 (50 statuses, a copy
of ../shared/examples/realistic-statuses, tuned on: read its score as optimistic) and
`logistiq/` holds cases written afterwards for another company and other voices. Each case is
briefed in process (rule-based reader, template narrator) and scored as the set's own
`score.py` scores it: cases exact, slips right, silent misses, false positives, hedges counted
as certain, ranges made explicit, news carried, to-confirm listed. The scoring functions below
are that script's, unchanged, so the figures here and its figures agree.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from evals.cases import ROOT
from evals.runner import ModelUnderTest, Usage, delta
from evals.scorecard import Metric, SuiteResult, rate

SETS = ROOT / "evals" / "reading"
MONEY_TOL = 1.0
WEEKS_TOL = 0.01
STOP_WORDS = """the a an of on in to for and or is are be by with from at as it its this that our we
    will was were has have had been not no but so than then there their they you your
    le la les l d de du des un une et ou est sont a au aux en sur pour par avec dans ce
    cette ces qui que qu ne pas plus nous notre nos on se sa son ses leur leurs il elle"""
STOP = set(STOP_WORDS.split())
COLUMNS = ("exact", "slips", "silent", "fp", "hedges", "ranges", "news", "confirm")


# ---------------------------------------------------------------- text helpers
def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\d)[\s\u202f\u00a0.,'](?=\d{3}\b)", "", text)  # 2,400 / 2 400 -> 2400
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def words(text: str) -> list[str]:
    return [w for w in norm(text).split() if len(w) >= 3 and w not in STOP and not w.isdigit()]


def numbers(text: str) -> list[str]:
    return [w for w in norm(text).split() if w.isdigit()]


def covers(text: str, quote: str, share: float = 0.6) -> bool:
    """True when `text` carries `quote`: contains it, or most of its content words."""
    t, q = norm(text), norm(quote)
    if not q:
        return False
    if q in t:
        return True
    qw = set(words(quote))
    return bool(qw) and len(qw & set(t.split())) / len(qw) >= share


def carried(text: str, quote: str) -> bool:
    """A piece of news is carried when the brief quotes most of it, or (when the quote has
    figures) all its figures and one of its names (capitalised words), so a translation counts."""
    if covers(text, quote):
        return True
    nums = numbers(quote)
    names = {norm(w) for w in re.findall(r"\b[A-Z][\w’'-]+", quote) if norm(w) not in STOP}
    toks = set(norm(text).split())
    return bool(nums) and set(nums) <= toks and bool(names & toks)


def shows_range(text: str, pairs: list[tuple[float, float]]) -> bool:
    """Both bounds, joined as '2 à 3', '2 semaines à 3', '1 to 2', 'entre 9 et 18' or '2-3'."""
    t = norm(text)  # punctuation becomes spaces: '2–3' reads '2 3', '2,5' reads '2 5'
    for low, high in pairs:
        a, b = (f"{v:g}".replace(".", " ") for v in (low, high))
        if re.search(rf"\b{a}(?: 0+)?(?: [a-z]+)? (?:a|to|and|et|ou|or) {b}\b", t):
            return True
        if re.search(rf"\b{a}(?: 0+)? {b}\b", t):
            return True
    return False


def stated_bounds(quote: str) -> list[tuple[float, float]]:
    found = re.findall(r"(\d+(?:[.,]\d+)?)\s*(?:-|–|à|to|and|et)\s*(\d+(?:[.,]\d+)?)", quote)
    found += re.findall(r"(?:entre|between)\s+(\d+)\s+(?:et|and)\s+(\d+)", quote)
    return [(float(a.replace(",", ".")), float(b.replace(",", "."))) for a, b in found]


# ---------------------------------------------------------------- scoring one case
def score_case(case: dict, brief: dict | None) -> dict:
    exp = case["expected"]
    reading = case["reading"]
    slips = {e["item"]: e for e in reading if e["kind"] == "slip"}
    risks = [e for e in reading if e["kind"] == "risk"]
    ranged = [e for e in reading if e["kind"] == "slip" and e.get("range")]
    s = {
        "cases": 1,
        "exact": 0,
        "slips": 0,
        "silent": 0,
        "fp": 0,
        "hedges": 0,
        "ranges": 0,
        "news": 0,
        "confirm": 0,
        "errors": 0,
        "n_slips": len(slips),
        "n_hedges": len(risks),
        "n_ranges": len(ranged),
        "n_news": len(exp["news"] or []),
        "n_confirm": len(exp["to_confirm"] or []),
        "detail": [],
    }
    if brief is None:
        s["errors"] = 1
        s["silent"] = len(slips)
        return s
    impacts = {i["item"]: i for i in brief.get("impacts", [])}
    goals = {g["goal"]: g for g in brief.get("goals", [])}
    listed = [i.get("sentence", "") + " " + i.get("mention", "") for i in brief.get("impacts", [])]
    listed += [
        u.get("sentence", "") + " " + u.get("mention", "") for u in brief.get("unresolved", [])
    ]
    listed += list(brief.get("warnings", []))
    # a claims ledger, if the brief has one, lists what it read (any kind but a priced slip)
    ledger = [c for c in brief.get("reading", []) or [] if isinstance(c, dict)]
    listed += [str(c.get("quote", "")) for c in ledger if c.get("kind") != "slip"]
    candidates = {k for u in brief.get("unresolved", []) for k in u.get("candidates", [])}
    advances = {g.get("item") for g in brief.get("good_news", [])}
    visible = "\n".join(
        [
            brief.get("headline", ""),
            brief.get("summary_markdown", ""),
            *brief.get("warnings", []),
            *(a.get("text", "") for a in brief.get("assumptions", [])),
        ]
        + [u.get("sentence", "") for u in brief.get("unresolved", [])]
        + [str(c.get("quote", "")) for c in ledger if c.get("kind") != "slip"]
    )

    ok = set(impacts) == set(exp["impacts"] or {})
    for key, want in (exp["impacts"] or {}).items():
        have = impacts.get(key)
        if have and abs(have["delay_weeks"] - want["delay_weeks"]) <= WEEKS_TOL:
            s["slips"] += 1
            money_ok = (
                have.get("extra_cost") is not None
                and abs(have["extra_cost"] - want["extra_cost"]) <= MONEY_TOL
            )
            ok = ok and money_ok
        else:
            ok = False
            quotes = [
                e["quote"]
                for e in reading
                if e.get("item") == key and e["kind"] in ("slip", "superseded")
            ]
            seen = key in candidates or any(
                covers(text, q) or covers(q, text, 0.8)
                for q in quotes
                for text in listed
                if text.strip()
            )
            if not have and not seen:
                s["silent"] += 1
                why = " (shown as good news)" if key in advances else ""
                s["detail"].append(f"silent miss {key}{why}")
            elif have:
                s["detail"].append(
                    f"{key} {have['delay_weeks']:g} weeks, want {want['delay_weeks']:g}"
                )
            else:
                s["detail"].append(f"{key} not priced (listed)")
    for key in impacts:
        if key not in (exp["impacts"] or {}):
            s["fp"] += 1
            s["detail"].append(f"false positive {key} {impacts[key]['delay_weeks']:g} weeks")
    for gid, g in goals.items():
        want = (exp["goals"] or {}).get(gid, {"shift_weeks": 0, "cost_of_delay": 0})
        if (
            abs(g["shift_weeks"] - want["shift_weeks"]) > WEEKS_TOL
            or abs(g["cost_of_delay"] - want["cost_of_delay"]) > MONEY_TOL
        ):
            ok = False
    if abs(brief.get("total_cost", 0) - exp["total_cost"]) > MONEY_TOL:
        ok = False
    s["exact"] = int(ok)
    for e in risks:
        if e["item"] in impacts and e["item"] not in (exp["impacts"] or {}):
            s["hedges"] += 1
            s["detail"].append(f"hedge priced {e['item']}")
    for e in ranged:
        pairs = [*stated_bounds(e["quote"]), tuple(e["range"])]
        if e["item"] in impacts and shows_range(visible, pairs):
            s["ranges"] += 1
    for quote in exp["news"] or []:
        if carried(visible, quote):
            s["news"] += 1
    unresolved = [
        u.get("sentence", "") + " " + u.get("mention", "") for u in brief.get("unresolved", [])
    ]
    priced = " ".join(i.get("sentence", "") for i in brief.get("impacts", []))
    for quote in exp["to_confirm"] or []:
        if covers(priced, quote):
            continue  # priced as if it were certain: not "to confirm"
        if any(
            covers(t, quote) or covers(quote, t, 0.8) for t in unresolved if t.strip()
        ) or covers(visible, quote):
            s["confirm"] += 1
    return s


def brief_json(
    folder: Path,
    status: str,
    as_of: dt.date,
    model: ModelUnderTest | None = None,
    spent: Usage | None = None,
) -> dict:
    """The brief `steerco brief --format json` prints for this status, built in process by the
    service: read by the rules, or by the model under test (its reader, as a brief run with
    that model reads; narrated by the template, so the score is the reading's alone)."""
    from assistant import service
    from assistant.settings import Settings

    request = service.BriefRequest(
        status=status, status_source="status.txt", today=as_of, inputs=_inputs(folder)
    )
    if model is None:
        result = service.brief(request, service.Deps(Settings(model=None), llm=None))
        return result.brief.model_dump(mode="json")
    client = model.new_client()
    before, start = client.usage.model_copy(deep=True), time.monotonic()
    deps = service.Deps(client.settings, llm=None, extractor=model_reader(client))
    try:
        result = service.brief(request, deps)
    finally:
        if spent is not None:
            spent.add(delta(before, client.usage), time.monotonic() - start)
    if spent is not None:
        spent.readers[result.facts.extractor] = spent.readers.get(result.facts.extractor, 0) + 1
    return result.brief.model_dump(mode="json")


def model_reader(client: Any) -> Any:
    """The reader a brief run uses with a model configured (the workflow's extract step)."""
    from assistant.facts.llm_extract import LLMExtractor

    return LLMExtractor(client)


_LOADED: dict[Path, object] = {}


def _inputs(folder: Path):
    from assistant.inputs import load_inputs

    if folder not in _LOADED:
        _LOADED[folder] = load_inputs(
            folder / "context.yaml", folder / "goals.yaml", [folder / "backlog.csv"]
        )
    return _LOADED[folder]


def score_set(
    folder: Path, model: ModelUnderTest | None = None, spent: Usage | None = None
) -> tuple[dict, list[str]]:
    """Totals of one set and what went wrong, per case."""
    data = yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8"))
    as_of = dt.date.fromisoformat(str(data["as_of"]))
    total: dict = {}
    details: list[str] = []
    for case in data["cases"]:
        s = score_case(case, brief_json(folder, case["status"], as_of, model, spent))
        for k, v in s.items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
        if s["detail"]:
            details.append(f"{folder.name}/{case['id']}: {'; '.join(s['detail'])}")
    return total, details


def summary(t: dict) -> str:
    return (
        f"exact {t['exact']}/{t['cases']} cases, slips right {t['slips']}/{t['n_slips']}, "
        f"silent misses {t['silent']}, false positives {t['fp']}, hedges as certain "
        f"{t['hedges']}/{t['n_hedges']}, ranges explicit {t['ranges']}/{t['n_ranges']}, news "
        f"carried {t['news']}/{t['n_news']}, to confirm listed {t['confirm']}/{t['n_confirm']}"
    )


def score_reading(model: ModelUnderTest | None = None) -> SuiteResult:
    """One row of metrics per set; gates: every case exact but two, no silent miss, no false
    positive, no hedge priced, every range, news and to-confirm shown. Read by the rules, or
    by `model`'s reader (the same gates: a model must never make the reading worse)."""
    result = SuiteResult("reading")
    spent = Usage() if model is not None else None
    result.notes.append(f"reader: {model.name if model else 'rules'}")
    for folder in sorted(p for p in SETS.iterdir() if (p / "cases.yaml").exists()):
        t, details = score_set(folder, model, spent)
        name = folder.name
        result.metrics += [
            Metric(f"{name}: cases exact", rate(t["exact"], t["cases"]), summary(t), 0.96),
            Metric(
                f"{name}: no silent miss",
                rate(t["n_slips"] - t["silent"], t["n_slips"]),
                f"{t['silent']} of {t['n_slips']} slips",
                1.0,
            ),
            Metric(
                f"{name}: no false positive",
                1.0 if t["fp"] == 0 else 0.0,
                f"{t['fp']} priced items that are no certain slip",
                1.0,
            ),
            Metric(
                f"{name}: hedges kept out of totals",
                rate(t["n_hedges"] - t["hedges"], t["n_hedges"]),
                f"{t['hedges']} of {t['n_hedges']} priced",
                1.0,
            ),
            Metric(f"{name}: ranges explicit", rate(t["ranges"], t["n_ranges"]), "", 1.0),
            Metric(f"{name}: news carried", rate(t["news"], t["n_news"]), "", 1.0),
            Metric(f"{name}: to confirm listed", rate(t["confirm"], t["n_confirm"]), "", 1.0),
        ]
        result.failures += details
        result.notes.append(f"{name}: {summary(t)}")
    if spent is not None:
        result.metrics += model_cost(spent, "status")
        result.notes.append(
            "read by: " + ", ".join(f"{k} × {v}" for k, v in sorted(spent.readers.items()))
        )
    return result


def model_cost(spent: Usage, unit: str) -> list[Metric]:
    """What the model under test cost: calls, tokens and seconds, in all and per `unit`."""
    n = max(1, spent.runs)
    used = spent.usage
    return [
        Metric("LLM calls", used.calls, f"{used.calls / n:.2f} per {unit}", rate=False),
        Metric("LLM tokens", used.total_tokens, f"{used.total_tokens / n:.0f} per {unit}",
               rate=False),
        Metric("seconds per " + unit, round(spent.seconds / n, 2),
               f"{spent.runs} {unit}es, {spent.seconds:.0f} s in all", rate=False),
    ]  # fmt: skip
