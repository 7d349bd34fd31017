"""The scorecard: metrics per suite, which of them gate, and the Markdown/JSON reports.

Only the faithfulness metrics gate (figure accuracy, grounding, mutation catch): a brief that
is readable but wrong must fail CI; one that is right but dull must not. Everything else is
reported so a change in prose quality or cost is visible in review.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None  # a rate in [0, 1] when `rate`, else a plain number
    detail: str = ""
    threshold: float | None = None  # gate: value >= threshold, else the run fails
    rate: bool = True

    @property
    def ok(self) -> bool:
        """Nothing to measure (no gated case) is not a failure; a low value is."""
        return self.threshold is None or self.value is None or self.value >= self.threshold

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        return f"{self.value:.1%}" if self.rate else f"{self.value:g}"


@dataclass
class SuiteResult:
    suite: str
    metrics: list[Metric] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # Markdown tables, shown as is

    @property
    def ok(self) -> bool:
        return all(m.ok for m in self.metrics)


def rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def markdown(results: list[SuiteResult], *, title: str, failures_shown: int = 20) -> str:
    """The scorecard as Markdown: what the terminal prints and the .md report holds."""
    verdict = "PASS" if all(r.ok for r in results) else "FAIL"
    lines = [f"# {title}: {verdict}", ""]
    for result in results:
        lines += [f"## {result.suite}", "", "| metric | value | threshold | detail |"]
        lines.append("|---|---:|---:|---|")
        for m in result.metrics:
            gate = "" if m.threshold is None else f"≥ {m.threshold:.0%}" + ("" if m.ok else " ✗")
            lines.append(f"| {m.name} | {m.shown()} | {gate} | {m.detail} |")
        for table in result.tables:
            lines += ["", table]
        if result.notes:
            lines += ["", *(f"- {n}" for n in result.notes)]
        if result.failures:
            lines += [
                "",
                f"Findings ({len(result.failures)}; only the metrics marked with a threshold gate):",
                "",
            ]
            lines += [f"- {f}" for f in result.failures[:failures_shown]]
            if len(result.failures) > failures_shown:
                lines.append(f"- ... {len(result.failures) - failures_shown} more in the report")
        lines.append("")
    return "\n".join(lines)


def as_json(results: list[SuiteResult], **meta: object) -> str:
    body = {
        **meta,
        "ok": all(r.ok for r in results),
        "suites": [
            {**asdict(r), "ok": r.ok, "metrics": [{**asdict(m), "ok": m.ok} for m in r.metrics]}
            for r in results
        ],
    }
    return json.dumps(body, ensure_ascii=False, indent=2, default=str) + "\n"


def write_reports(
    path: Path, results: list[SuiteResult], *, title: str, **meta: object
) -> list[Path]:
    """`path` with its suffix replaced: FILE.json and FILE.md (both, whatever suffix is given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    json_path, md_path = path.with_suffix(".json"), path.with_suffix(".md")
    json_path.write_text(as_json(results, title=title, **meta), encoding="utf-8")
    md_path.write_text(markdown(results, title=title, failures_shown=10_000), encoding="utf-8")
    return [json_path, md_path]
