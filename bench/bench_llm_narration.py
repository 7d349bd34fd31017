"""The brief's narration by a real model, on the realistic statuses: how many narratives the
model writes that the grounding check accepts, at what latency and token cost, and whether
the figures (and the status-reading score) stay those of the offline brief.

    export STEERCO_MODEL=openai/qwen2.5-coder-1.5b STEERCO_API_BASE=http://127.0.0.1:8765/v1 \
           STEERCO_API_KEY=sk-local
    python bench/bench_llm_narration.py --shifted-only --limit 15 --out /tmp/narration.json

Each case is briefed twice in-process, through the application service: offline (no model),
then with the model configured (a fresh client per brief, as a run has). Extraction stays with
the rules (`STEERCO_LLM_EXTRACTION=false`): this measures the narration, and the reading is
the same in both runs, so any change in a figure would be the narration's. The score is
`score.py`'s (../shared/examples/realistic-statuses) on both briefs. Reads ../shared; the
product does not. Not part of the test suite: it needs a live model and takes minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assistant import service  # noqa: E402
from assistant.inputs import load_inputs  # noqa: E402
from assistant.llm import LLMClient  # noqa: E402
from assistant.settings import Settings  # noqa: E402

CASES = ROOT.parent / "shared" / "examples" / "realistic-statuses"
SCORED = ("exact", "slips", "silent", "fp", "hedges", "ranges", "news", "confirm")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES, help="the realistic-statuses folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N cases (0: all)")
    parser.add_argument("--shifted-only", action="store_true", help="cases that shift a goal")
    parser.add_argument("--ids", nargs="*", default=[], help="only these case ids")
    parser.add_argument("--out", type=Path, help="also write every row as JSON here")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.cases))
    from score import score_case  # the set's own scorer (../shared)

    base = Settings()
    if not base.model:
        print("set STEERCO_MODEL (and STEERCO_API_BASE for a local server)", file=sys.stderr)
        return 2
    settings = base.model_copy(
        update={
            "llm_extraction": False,
            "llm_retries": 0,  # loopback: a retry waits again for the same busy server
            "llm_timeout_s": max(base.llm_timeout_s, 900),  # the server may be serving others
            "llm_run_timeout_s": max(base.llm_run_timeout_s, 1800),
        }
    )
    data = yaml.safe_load((args.cases / "cases.yaml").read_text(encoding="utf-8"))
    today = dt.date.fromisoformat(str(data["as_of"]))
    cases = [c for c in data["cases"] if not args.ids or c["id"] in args.ids]
    if args.shifted_only:
        cases = [c for c in cases if c["expected"]["goals"]]
    if args.limit:
        cases = cases[: args.limit]
    files = [args.cases / n for n in ("context.yaml", "goals.yaml")]
    inputs = load_inputs(*files, [args.cases / "backlog.csv"])

    rows = []
    for n, case in enumerate(cases, 1):
        request = service.BriefRequest(
            status=case["status"], status_source=f"{case['id']}.txt", today=today, inputs=inputs
        )
        offline = service.brief(request, service.Deps(Settings(model=None), llm=None))
        client = Recorder(LLMClient(settings))
        start = time.perf_counter()
        online = service.brief(request, service.Deps(settings, llm=client))
        seconds = time.perf_counter() - start
        row = _row(case, offline, online, client, seconds, score_case)
        rows.append(row)
        print(
            f"[{n}/{len(cases)}] {case['id']}: {row['narrator']}, {row['seconds']:.0f} s, "
            f"{row['prompt_tokens']}+{row['completion_tokens']} tokens"
            + (f" — {row['why']}" if row["why"] else ""),
            file=sys.stderr,
            flush=True,
        )
    print(_report(rows, settings.model or ""))
    if args.out:
        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


class Recorder:
    """The client, keeping each answer's text (to see why a draft was refused)."""

    def __init__(self, client: LLMClient) -> None:
        self.client, self.answers = client, []

    @property
    def usage(self) -> Any:
        return self.client.usage

    def complete(self, messages: list[dict[str, str]], **kw: Any) -> Any:
        try:
            answer = self.client.complete(messages, **kw)
        except Exception as error:  # the writer handles it; keep what came back
            self.answers.append(getattr(error, "text", None) or type(error).__name__)
            raise
        self.answers.append(answer.text)
        return answer


def _row(case, offline, online, client, seconds, score_case) -> dict[str, Any]:
    off, on = (r.brief.model_dump(mode="json") for r in (offline, online))
    figures = {k: (f.value, f.unit) for k, f in offline.report.figures.items()}
    same = figures == {k: (f.value, f.unit) for k, f in online.report.figures.items()}
    same = same and all(off[k] == on[k] for k in ("impacts", "goals", "total_cost"))
    scores = [{k: score_case(case, b)[k] for k in SCORED} for b in (off, on)]
    accepted = on["narrator"]["name"].startswith("llm:")
    usage = client.usage
    return {
        "case": case["id"],
        "shifted": len(case["expected"]["goals"] or {}),
        "narrator": "model" if accepted else "template",
        "accepted": accepted,
        "verified": on["run"]["verification"]["ok"],
        "calls": usage.calls,
        "failed_calls": usage.failed_calls,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "seconds": round(seconds, 1),
        "figures_unchanged": same,
        "score_offline": scores[0],
        "score_model": scores[1],
        "why": "" if accepted else "; ".join(online.model_warnings)[:300],
        "markdown": on["summary_markdown"] if accepted else "",
        "answers": client.answers,
    }


def _report(rows: list[dict], model: str) -> str:
    if not rows:
        return "no case"
    n = len(rows)
    accepted = sum(r["accepted"] for r in rows)
    first_try = sum(r["accepted"] and r["calls"] == 1 for r in rows)
    seconds = [r["seconds"] for r in rows]
    prompt = [r["prompt_tokens"] / max(r["calls"], 1) for r in rows if r["calls"]]
    tokens = [r["prompt_tokens"] + r["completion_tokens"] for r in rows]
    totals = {
        side: {k: sum(r[f"score_{side}"][k] for r in rows) for k in SCORED}
        for side in ("offline", "model")
    }
    lines = [
        f"## Narration by {model} on {n} realistic statuses",
        "",
        "| metric | value |",
        "|---|---|",
        f"| narratives written by the model and accepted by the check | {accepted}/{n} ({accepted / n:.0%}) |",
        f"| ... of which at the first draft (no re-ask) | {first_try} |",
        f"| briefs whose final text passes the check | {sum(r['verified'] for r in rows)}/{n} |",
        f"| figures unchanged with the model | {sum(r['figures_unchanged'] for r in rows)}/{n} |",
        f"| score offline / with the model | {_score(totals['offline'])} / {_score(totals['model'])} |",
        f"| latency per brief: median, max | {statistics.median(seconds):.0f} s, {max(seconds):.0f} s |",
        f"| model calls per brief: mean | {statistics.mean(r['calls'] for r in rows):.2f} |",
        f"| prompt tokens per call: median, max | {_stat(prompt)} |",
        f"| tokens per brief (prompt + completion): median, max | {_stat(tokens)} |",
        "",
        "| case | goals shifted | narrator | calls | tokens | seconds | figures same | why not |",
        "|---|---:|---|---:|---:|---:|---|---|",
    ]  # fmt: skip
    for r in rows:
        lines.append(
            f"| {r['case']} | {r['shifted']} | {r['narrator']} | {r['calls']} | "
            f"{r['prompt_tokens']}+{r['completion_tokens']} | {r['seconds']:.0f} | "
            f"{'yes' if r['figures_unchanged'] else 'NO'} | {r['why'][:120].replace('|', '/')} |"
        )
    return "\n".join(lines)


def _score(total: dict) -> str:
    return ", ".join(f"{k} {v}" for k, v in total.items())


def _stat(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}, {max(values):.0f}" if values else "n/a"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
