"""The model as a reader, measured: score, latency and tokens per status, with and without it.

    # the model configured as for a brief (STEERCO_MODEL, STEERCO_API_BASE, STEERCO_API_KEY):
    python bench/bench_llm_reading.py --save /tmp/reading-model            # every case
    python bench/bench_llm_reading.py --every 2 --save /tmp/reading-model  # cases 0, 2, 4...
    python bench/bench_llm_reading.py --every 2 --offset 1 --save /tmp/reading-model  # the rest
    python bench/bench_llm_reading.py --rules --save /tmp/reading-rules    # no model
    python ../shared/examples/realistic-statuses/score.py --load /tmp/reading-model

Each case of evals/reading/<set>/cases.yaml (default salarix, the copy of
../shared/examples/realistic-statuses) is briefed in process as `steerco brief --format json`
would (template narration: only the reading uses the model), scored with the set's own scoring
(evals/reading_suite.py, the functions of score.py), and, with --save, written as
DIR/<case id>.json for score.py --load. Per case it prints the seconds the brief took, the
model's prompt and completion tokens, the claims sent, and what the model changed (demoted,
to confirm, priced, refused). Not part of the test suite: it needs a live model.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assistant import service  # noqa: E402
from assistant.facts.llm_extract import LLMExtractor, claims_to_send  # noqa: E402
from assistant.facts.status import ClaimReader  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from evals.reading_suite import SETS, _inputs, score_case  # noqa: E402

COLUMNS = ("exact", "slips", "silent", "fp", "hedges", "ranges", "news", "confirm", "errors")


def run(case: dict, folder: Path, as_of: dt.date, use_model: bool) -> tuple[dict, dict]:
    """(the brief as JSON, what the run cost and what the model changed)."""
    from assistant.llm import LLMClient

    settings = Settings()
    client = LLMClient(settings) if use_model and settings.model else None
    extractor = LLMExtractor(client) if client is not None else None
    request = service.BriefRequest(
        status=case["status"], status_source="status.txt", today=as_of, inputs=_inputs(folder)
    )
    start = time.perf_counter()
    result = service.brief(request, service.Deps(settings, llm=None, extractor=extractor))
    seconds = time.perf_counter() - start
    facts = result.facts
    by_model = [c for c in facts.claims if c.reader is ClaimReader.MODEL]
    usage = client.usage if client is not None else None
    cost = {
        "id": case["id"],
        "seconds": round(seconds, 2),
        "sent": len(claims_to_send(facts.claims)) if client else 0,
        "calls": usage.calls if usage else 0,
        "prompt_tokens": usage.prompt_tokens if usage else 0,
        "completion_tokens": usage.completion_tokens if usage else 0,
        "extractor": facts.extractor,
        "changed": [f"{c.id}:{c.kind.value}" for c in by_model],
        "refused": sum("refus" in w for w in facts.warnings),
        "failed": next((w for w in facts.warnings if "not used" in w or "non utilisée" in w), ""),
    }
    return result.brief.model_dump(mode="json"), cost


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", default="salarix", help="evals/reading/<set> (salarix)")
    parser.add_argument("--rules", action="store_true", help="no model: the rules alone")
    parser.add_argument("--every", type=int, default=1, help="run 1 case in N (1: all)")
    parser.add_argument("--offset", type=int, default=0, help="start at case N (with --every)")
    parser.add_argument("--case", action="append", default=[], help="only this case id")
    parser.add_argument("--save", type=Path, help="write DIR/<id>.json and DIR/bench.jsonl")
    args = parser.parse_args(argv)
    folder = SETS / args.set
    data = yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8"))
    as_of = dt.date.fromisoformat(str(data["as_of"]))
    cases = [c for c in data["cases"] if not args.case or c["id"] in args.case]
    cases = cases[args.offset :: max(1, args.every)]
    use_model = not args.rules
    if use_model and not Settings().model:
        parser.error("no model configured: set STEERCO_MODEL (or pass --rules)")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    total: dict = {}
    costs = []
    for case in cases:
        brief, cost = run(case, folder, as_of, use_model)
        score = score_case(case, brief)
        for key, value in score.items():
            if isinstance(value, int):
                total[key] = total.get(key, 0) + value
        cost["exact"], cost["detail"] = score["exact"], score["detail"]
        costs.append(cost)
        print(
            f"{cost['id']:<42} {cost['seconds']:>6.1f} s  {cost['prompt_tokens']:>5}+"
            f"{cost['completion_tokens']:<4} tok  sent {cost['sent']:>2}  exact {score['exact']}"
            f"  changed {','.join(cost['changed']) or '-'}  refused {cost['refused']}"
            f"{'  FAILED ' + cost['failed'][:80] if cost['failed'] else ''}"
            f"{'  ' + '; '.join(score['detail']) if score['detail'] else ''}",
            flush=True,
        )
        if args.save:
            (args.save / f"{case['id']}.json").write_text(
                json.dumps(brief, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            with (args.save / "bench.jsonl").open("a", encoding="utf-8") as out:
                out.write(json.dumps(cost, ensure_ascii=False) + "\n")
    n = len(costs)
    print(
        f"\n{n} cases ({'rules only' if args.rules else Settings().model}): exact "
        f"{total.get('exact', 0)}/{n}, slips right {total.get('slips', 0)}/"
        f"{total.get('n_slips', 0)}, silent misses {total.get('silent', 0)}, false positives "
        f"{total.get('fp', 0)}, hedges as certain {total.get('hedges', 0)}/"
        f"{total.get('n_hedges', 0)}, ranges explicit {total.get('ranges', 0)}/"
        f"{total.get('n_ranges', 0)}, news carried {total.get('news', 0)}/{total.get('n_news', 0)}"
        f", to confirm listed {total.get('confirm', 0)}/{total.get('n_confirm', 0)}"
    )
    if n and use_model:
        seconds = [c["seconds"] for c in costs]
        prompt = [c["prompt_tokens"] for c in costs]
        completion = [c["completion_tokens"] for c in costs]
        print(
            f"per status: {statistics.median(seconds):.1f} s median, {max(seconds):.1f} s max; "
            f"prompt tokens {statistics.median(prompt):.0f} median ({max(prompt)} max), "
            f"completion tokens {statistics.median(completion):.0f} median ({max(completion)} max);"
            f" model answer used in {sum(c['extractor'].startswith('llm:') for c in costs)}/{n}; "
            f"claims changed by the model {sum(len(c['changed']) for c in costs)}, "
            f"refused {sum(c['refused'] for c in costs)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
