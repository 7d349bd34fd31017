"""Parse speed and memory of the backlog loaders. Run: `make bench` (prints Markdown tables).

- speed: `parse_export` on a generated 5,000-row export of each format, against the bare
  standard-library parse of the same text (`csv.DictReader`, `json.loads`); the ratio is
  what the loaders add (column lookup, dates, numbers, statuses, item validation);
- memory: peak resident memory of a fresh process that loads a generated generic CSV with
  `load_backlog`, for growing row counts (the limit raised so the rows are parsed), and for
  the 1,000,000-row, ~17 MB file under the default limits (refused at the row limit).

Usage: `python bench/bench_parse.py [--quick] [--speed] [--only WORD]` (`--quick`: smaller
memory cases; `--speed`: the speed table alone; `--only github`: the formats whose name has
that word, case-insensitive).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.loaders.detect import parse_export  # noqa: E402

ROWS = 5000
STATUSES = ("To Do", "In Progress", "Done", "In Review")


def jira_csv(n: int) -> str:
    header = [
        "Summary", "Issue key", "Issue id", "Issue Type", "Status", "Status Category",
        "Created", "Resolved", "Due date", "Sprint", "Sprint", "Component/s", "Component/s",
        "Custom field (Story Points)", "Original Estimate", "Parent",
        "Inward issue link (Blocks)", "Inward issue link (Blocks)",
        "Outward issue link (Blocks)", "Inward issue link (Relates)", "Description",
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(n):
        epic = i % 50 == 0
        writer.writerow([
            f"Work item {i} about topic {i % 97}", f"GEN-{i}", str(10000 + i),
            "Epic" if epic else "Story", STATUSES[i % 4], STATUSES[i % 4],
            "02/May/26 9:00 AM", "20/May/26 4:30 PM" if i % 4 == 2 else "", "30/Sep/26",
            "Sprint 11", "Sprint 12" if i % 3 else "", "Backend", "Web" if i % 2 else "",
            str(i % 8), "57600", "" if epic else f"GEN-{i - i % 50}",
            f"GEN-{i - 1}" if i % 7 == 3 else "", "", f"GEN-{i + 1}" if i % 11 == 5 else "",
            "", "A description of the work, long enough to look like a real one.",
        ])  # fmt: skip
    return out.getvalue()


def linear_csv(n: int) -> str:
    header = [
        "ID", "Team", "Title", "Description", "Status", "Estimate", "Priority", "Cycle Number",
        "Cycle Name", "Created", "Started", "Completed", "Canceled", "Due Date",
        "Parent issue", "Blocked by", "Blocking",
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(n):
        writer.writerow([
            f"ENG-{i}", "Platform", f"Work item {i} about topic {i % 97}", "Some text",
            STATUSES[i % 4], str(i % 8), "High", str(i % 9), f"Cycle {i % 9}",
            "2026-05-02T09:00:00.000Z", "2026-05-04T09:00:00.000Z",
            "2026-05-20T09:00:00.000Z" if i % 4 == 2 else "", "", "2026-09-30",
            f"ENG-{i - i % 50}" if i % 50 else "", f"ENG-{i - 1}" if i % 7 == 3 else "", "",
        ])  # fmt: skip
    return out.getvalue()


def generic_csv(n: int) -> str:
    """Every documented column of the generic layout (README), as a hand-made backlog has."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([
        "key", "title", "type", "status", "points", "estimate_days", "team", "component",
        "sprint", "parent", "blocked_by", "blocks", "start", "due", "created", "resolved",
    ])  # fmt: skip
    for i in range(n):
        writer.writerow([
            f"GEN-{i}", f"Work item {i} about topic {i % 97}", "Epic" if i % 50 == 0 else "Story",
            STATUSES[i % 4], str(i % 8), str(i % 5 + 1), "Platform", "API; Web", f"Sprint {i % 9}",
            f"GEN-{i - i % 50}" if i % 50 else "", f"GEN-{i - 1}" if i % 7 == 3 else "", "",
            "2026-05-04", "2026-09-30", "2026-05-02", "2026-05-20" if i % 4 == 2 else "",
        ])  # fmt: skip
    return out.getvalue()


def small_generic_csv(n: int) -> str:
    """About 17 bytes a row: the shape of the 16.8 MB, 1,000,000-row file of issue 9."""
    return "key,title\n" + "".join(f"K-{i},Item {i}\n" for i in range(n))


def jira_jsonl(n: int) -> str:
    lines = []
    for i in range(n):
        fields = {
            "summary": f"Work item {i} about topic {i % 97}",
            "issuetype": {"name": "Story"},
            "status": {"name": STATUSES[i % 4], "statusCategory": {"name": STATUSES[i % 4]}},
            "created": "2026-05-02T09:00:00.000+0000",
            "customfield_10016": i % 8,
            "components": [{"name": "Backend"}],
            "issuelinks": [{"type": {"name": "Blocks"}, "inwardIssue": {"key": f"GEN-{i - 1}"}}]
            if i % 7 == 3
            else [],
        }
        lines.append(json.dumps({"key": f"GEN-{i}", "fields": fields}))
    return "\n".join(lines) + "\n"


def github_json(n: int) -> str:
    issues = [
        {
            "number": i,
            "title": f"Work item {i} about topic {i % 97}",
            "state": "CLOSED" if i % 4 == 2 else "OPEN",
            "labels": [{"name": "team:Payments"}, {"name": "points:3"}],
            "milestone": {"title": "Sprint 12"},
            "body": f"Blocked by #{i - 1}" if i % 7 == 3 else "Some text",
            "createdAt": "2026-05-02T09:00:00Z",
            "closedAt": None,
            "url": f"https://github.com/acme/shop/issues/{i}",
            "assignees": [],
        }
        for i in range(1, n + 1)
    ]
    return json.dumps(issues)


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def speed(runs: int = 15, only: str = "") -> list[tuple[str, float, float, float]]:
    """Least CPU time of `runs` calls of each, alternated so that a busy machine (the CPU time
    of a process still grows when it shares its core) weighs on both sides alike."""
    cases: list[tuple[str, str, Callable[[str], object]]] = [
        ("Jira CSV (21 columns, repeated ones)", jira_csv(ROWS), _dict_reader),
        ("Linear CSV (17 columns)", linear_csv(ROWS), _dict_reader),
        ("generic CSV (16 columns)", generic_csv(ROWS), _dict_reader),
        ("Jira REST JSONL", jira_jsonl(ROWS), lambda t: [json.loads(x) for x in t.splitlines()]),
        ("GitHub issues JSON", github_json(ROWS), json.loads),
    ]
    rows = []
    for name, text, baseline in cases:
        if only.casefold() not in name.casefold():
            continue
        parse_export(text, "bench")  # warm: imports, compiled patterns
        ours, base = [], []
        for _ in range(runs):
            ours.append(_cpu(lambda text=text: parse_export(text, "bench")))
            base.append(_cpu(lambda text=text, baseline=baseline: baseline(text)))
        rows.append((name, min(ours), min(base), min(ours) / min(base)))
    return rows


def _dict_reader(text: str) -> object:
    return list(csv.DictReader(io.StringIO(text)))


_CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from assistant.errors import InputError
from assistant.loaders import load_backlog
start = time.perf_counter()
try:
    items = len(load_backlog([Path({path!r})]).items)
except InputError as exc:
    items = "refused: " + exc.message.split(":", 1)[-1].strip()[:70]
elapsed = time.perf_counter() - start
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
print(peak, round(elapsed, 2), items)
"""


def memory(rows: int, *, raise_limit: bool) -> tuple[int, float, str, int]:
    """Peak RSS (MiB), seconds and outcome of a fresh process loading a `rows`-row CSV."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        path.write_text(small_generic_csv(rows), encoding="utf-8")
        size = path.stat().st_size
        env = dict(os.environ)
        if raise_limit:
            env["STEERCO_MAX_ROWS_PER_FILE"] = str(rows + 1)
        code = _CHILD.format(root=str(ROOT), path=str(path))
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.split(maxsplit=2)
    return int(out[0]), float(out[1]), out[2].strip(), size


_BASELINE_CHILD = (
    "import sys; sys.path.insert(0, {root!r}); import assistant.loaders; "
    "print(int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) // 1024)"
)


def main() -> None:
    quick = "--quick" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else ""
    print(f"Parse speed, {ROWS:,}-row exports (least CPU time of 15 alternated runs):\n")
    print("| format | parse_export | stdlib parse | ratio |")
    print("|---|---:|---:|---:|")
    for name, ours, base, ratio in speed(only=only):
        print(f"| {name} | {ours * 1000:.0f} ms | {base * 1000:.1f} ms | {ratio:.1f}x |")
    if "--speed" in sys.argv:
        return
    baseline = subprocess.run(
        [sys.executable, "-c", _BASELINE_CHILD.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"\nPeak memory of load_backlog in a fresh process (imports alone: {baseline} MiB):\n")
    print("| rows | file | peak RSS | time | outcome |")
    print("|---:|---:|---:|---:|---|")
    sizes = (10_000,) if quick else (10_000, 50_000)
    for rows in sizes:
        rss, seconds, outcome, size = memory(rows, raise_limit=True)
        print(f"| {rows:,} | {size / 1e6:.1f} MB | {rss} MiB | {seconds} s | {outcome} items |")
    rss, seconds, outcome, size = memory(1_000_000, raise_limit=False)
    print(
        f"| 1,000,000 (default limits) | {size / 1e6:.1f} MB | {rss} MiB | {seconds} s | {outcome} |"
    )


if __name__ == "__main__":
    main()
