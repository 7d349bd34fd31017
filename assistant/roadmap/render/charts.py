"""The roadmap's charts, drawn by matplotlib: a timeline and the cost of delay.

Reproducible: a fixed SVG hash salt, no dates or versions in the files, text kept as text.
matplotlib is imported here only, and only when a chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from assistant.lang import lexicon
from assistant.prompts import phrases
from assistant.roadmap.models import RoadmapPlan
from assistant.roadmap.render.figures import FigureBook

LANE_COLOURS = {"now": "#0b5cad", "next": "#5a8fc8", "later": "#a9c3e0"}


def _matplotlib() -> Any:
    import matplotlib

    matplotlib.use("svg")
    matplotlib.rcParams.update({"svg.hashsalt": "steerco", "svg.fonttype": "none", "font.size": 9})
    from matplotlib.figure import Figure

    return Figure


def _save(figure: Any, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, metadata=metadata, dpi=150, bbox_inches="tight")
    return buffer.getvalue()


def timeline(plan: RoadmapPlan, book: FigureBook, fmt: str = "svg") -> bytes:
    """Goals on top (planned date, deadline, P50–P95 range), then packages grouped by team."""
    import matplotlib.dates as mdates

    words = phrases(book.language)["chart"]  # prompts/phrases.<lang>.v1.yaml
    packages = {p.id: p for p in plan.packages}
    entries = sorted(plan.schedule, key=lambda s: (s.team or "~", s.start, s.package))
    rows = len(plan.milestones) + len(entries)
    figure = _matplotlib()(figsize=(10, 1.2 + 0.42 * max(rows, 3)))
    axes = figure.add_subplot()
    labels: list[str] = []
    y = 0
    for m in plan.milestones:
        if m.p50 and m.p95:
            axes.plot([m.p50, m.p95], [y, y], color="#7f8c9a", linewidth=5, alpha=0.5)
        if m.planned:
            axes.plot([m.planned], [y], marker="D", color="#1b1f24", markersize=7)
        if m.deadline:
            axes.plot([m.deadline], [y], marker="|", color="#c0392b", markersize=16, mew=2.5)
            axes.axvline(m.deadline, color="#c0392b", linestyle=":", linewidth=0.8)
        labels.append(book.goal_titles.get(m.goal, m.title))
        y += 1
    for entry in entries:
        package = packages[entry.package]
        width = max((entry.finish - entry.start).days, 1)
        axes.barh(
            y,
            width,
            left=mdates.date2num(entry.start),
            height=0.6,
            color=LANE_COLOURS[entry.lane],
            edgecolor="#d35400" if entry.quick_win else "none",
            linewidth=1.5,
        )
        labels.append(
            f"{'★ ' if entry.quick_win else ''}{_team(entry.team, book.language)} · "
            f"{_short(package.title_in(book.language))}"
        )
        y += 1
    axes.set_yticks(range(len(labels)), labels)
    axes.invert_yaxis()
    axes.xaxis_date()
    _date_axis(axes, book.language)
    axes.grid(axis="x", color="#e3e7ec", linewidth=0.6)
    axes.set_axisbelow(True)
    if plan.milestones and entries:
        axes.axhline(len(plan.milestones) - 0.5, color="#1b1f24", linewidth=0.6)
    legend = [
        axes.plot([], [], marker="D", color="#1b1f24", linestyle="none", label=words["planned"])[0],
        axes.plot(
            [],
            [],
            marker="|",
            color="#c0392b",
            linestyle="none",
            mew=2.5,
            markersize=12,
            label=words["deadline"],
        )[0],
    ]
    if any(m.p50 and m.p95 and m.p50 != m.p95 for m in plan.milestones):
        legend.append(
            axes.plot([], [], color="#7f8c9a", linewidth=5, alpha=0.5, label=words["range"])[0]
        )
    from matplotlib.patches import Patch

    legend += [Patch(color=c, label=words[f"lane_{lane}"]) for lane, c in LANE_COLOURS.items()]
    axes.legend(
        handles=legend, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=6, frameon=False
    )
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return _save(figure, fmt)


def cost_of_delay(plan: RoadmapPlan, book: FigureBook, fmt: str = "svg") -> bytes:
    """Left: cost of delay accumulating as the recommended schedule runs (a package stops
    costing when it finishes). Right: the totals, recommended order against backlog order."""
    words = phrases(book.language)["chart"]  # prompts/phrases.<lang>.v1.yaml
    weeks = sorted({0.0, *(s.finish_week for s in plan.schedule)})
    per_week = {p.id: p.cost_of_delay_per_week for p in plan.packages}
    finishes = {s.package: s.finish_week for s in plan.schedule}
    cumulative = [
        sum(rate * min(week, finishes.get(pid, week)) for pid, rate in per_week.items())
        for week in weeks
    ]
    dates = [plan.start + dt.timedelta(weeks=w) for w in weeks]
    figure = _matplotlib()(figsize=(10, 3.2))
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [2, 1]})
    left.plot(dates, cumulative, color=LANE_COLOURS["now"], linewidth=2)
    left.fill_between(dates, cumulative, color=LANE_COLOURS["later"], alpha=0.4)
    left.set_title(words["cumulative"], fontsize=9)
    left.yaxis.set_major_formatter(lambda v, _: book.text(_money(book, v)))
    _date_axis(left, book.language)
    totals = [book.recommended_cod(), book.naive_cod()]
    bars = right.barh(
        [words["recommended"], words["naive"]],
        [float(f.value) for f in totals],
        color=[LANE_COLOURS["now"], "#c0392b"],
    )
    right.bar_label(bars, labels=[book.text(f) for f in totals], padding=3, fontsize=8)
    right.set_title(words["total"], fontsize=9)
    right.invert_yaxis()
    right.set_xticks([])
    for axes in (left, right):
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    right.set_xlim(0, max(float(f.value) for f in totals) * 1.5 or 1)
    return _save(figure, fmt)


def _short(title: str, size: int = 48) -> str:
    """The whole title, wrapped on lines of `size` characters (never cut)."""
    import textwrap

    return "\n".join(textwrap.wrap(title.rstrip(". "), size)) or title


def _team(team: str | None, language: str) -> str:
    from assistant.roadmap.packages import UNASSIGNED

    if not team or team == UNASSIGNED:
        return phrases(language)["chart"]["default_team"]
    return team


def _date_axis(axes: Any, language: str) -> None:
    """Ticks a reader can tell apart: days and months on short plans, months and years on long
    ones, month names in the output's language, never the same label twice."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedLocator

    names = lexicon(language).month_abbreviations
    low, high = axes.get_xlim()
    first, last = mdates.num2date(low).date(), mdates.num2date(high).date()
    span = (last - first).days
    ticks: list[dt.date] = []
    if span <= 120:
        step = max(7, (span // 6) // 7 * 7)
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        while day <= last:
            ticks.append(day)
            day += dt.timedelta(days=step)
        labels = [f"{d.day} {names[d.month - 1]}" for d in ticks]
    else:
        months = max(1, span // 30 // 8 + 1)
        day = dt.date(first.year, first.month, 1)
        while day <= last:
            if day >= first:
                ticks.append(day)
            index = day.month - 1 + months
            day = dt.date(day.year + index // 12, index % 12 + 1, 1)
        labels = [f"{names[d.month - 1]} {d.year}" for d in ticks]
    axes.xaxis.set_major_locator(FixedLocator([mdates.date2num(d) for d in ticks]))
    axes.set_xticklabels(labels)


def _money(book: FigureBook, value: float) -> Any:
    from assistant.facts.provenance import Figure

    return Figure(id="axis", label="axis", value=value, unit=book.plan.currency, formula="axis")


def inline_svg(svg: bytes, prefix: str) -> str:
    """The SVG as an element to inline in HTML, its ids prefixed so two charts never clash."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', text)
    return re.sub(r"url\(#([^)]+)\)|href=\"#([^\"]+)\"", lambda m: _ref(m, prefix), text)


def _ref(match: re.Match[str], prefix: str) -> str:
    if match.group(1):
        return f"url(#{prefix}-{match.group(1)})"
    return f'href="#{prefix}-{match.group(2)}"'
