"""Briefs a workspace keeps: report files per run, and the history with what changed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from assistant.facts.impact import ImpactReport
from assistant.files import atomic_write
from assistant.report import Brief
from assistant.workspace import announced
from assistant.workspace.workspace import Workspace


def save_report(
    workspace: Workspace,
    run_id: str,
    brief: Brief,
    report: ImpactReport,
    marked: str,
    status_date: dt.date | None = None,
) -> None:
    """Write <run>.json/.md/.html atomically and record the run in the history, with the dates
    it announced per goal (idempotent)."""
    folder = workspace.layout.reports
    folder.mkdir(parents=True, exist_ok=True)
    data = brief.model_dump(mode="json")
    _write(folder / f"{run_id}.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    _write(folder / f"{run_id}.md", brief.summary_markdown)
    _write(folder / f"{run_id}.html", _html(brief, report, marked))
    store = workspace.metadata()
    try:
        store.add_brief(
            {
                "run_id": run_id,
                "created_at": brief.run.get("created_at") or _created(folder / f"{run_id}.json"),
                "status_source": brief.inputs[-1].file if brief.inputs else "",
                "audience": brief.audience,
                "language": brief.language,
                "headline": brief.headline,
                "total_cost": brief.total_cost,
                "summary": summary_of(brief),
            }
        )
        if status_date is not None:
            store.add_announcements(run_id, announced.rows(report, run_id, status_date))
    finally:
        store.close()


def summary_of(brief: Brief) -> dict[str, Any]:
    return {
        "goals": {g.goal: {"title": g.title, "shift_weeks": g.shift_weeks} for g in brief.goals},
        "impacts": {i.item: i.delay_weeks for i in brief.impacts},
        "total_cost": brief.total_cost,
        "narrator": brief.narrator.name,
    }


def changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> list[str]:
    """What moved since the previous brief, in plain words (English, for the terminal)."""
    if previous is None:
        return ["first brief"]
    out = []
    delta = current["total_cost"] - previous["total_cost"]
    if delta:
        out.append(f"total cost {'+' if delta > 0 else ''}{delta:,.0f}")
    for goal, now in current["goals"].items():
        before = previous["goals"].get(goal, {}).get("shift_weeks", 0)
        if now["shift_weeks"] != before:
            out.append(f"{goal} shift {before:g} -> {now['shift_weeks']:g} weeks")
    new = sorted(set(current["impacts"]) - set(previous["impacts"]))
    gone = sorted(set(previous["impacts"]) - set(current["impacts"]))
    if new:
        out.append("new slips: " + ", ".join(new))
    if gone:
        out.append("no longer reported: " + ", ".join(gone))
    return out or ["no change"]


def _html(brief: Brief, report: ImpactReport, marked: str) -> str:
    from assistant.narration.html_page import html_page

    return html_page(marked, report, language=brief.language, title=brief.headline)


def _created(path: Path) -> str:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).isoformat(timespec="seconds")


def _write(path: Path, text: str) -> None:
    atomic_write(path, text)
