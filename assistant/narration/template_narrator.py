"""The offline narrator: the brief written from jinja2 templates, numbers only from figures."""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from assistant.audience import profile
from assistant.domain import Backlog, Context, Goal
from assistant.facts.decisions import Decision
from assistant.facts.impact import ImpactReport
from assistant.facts.provenance import Figure
from assistant.narration.formatting import (
    FIGURE_MARKER,
    figure_marker,
    format_value,
    readable_params,
)
from assistant.prompts import phrase, render

TEMPLATE_VERSION = "brief.v1"


class Narrative(NamedTuple):
    markdown: str
    headline: str
    assumptions: list[str]
    warnings: list[str]


def narrate(
    report: ImpactReport,
    decisions: list[Decision],
    *,
    backlog: Backlog,
    goals: list[Goal],
    context: Context,
    language: str,
    audience: str,
    terms: list[dict[str, str]] | None = None,
    markers: bool = False,
    risks: list | None = None,
) -> Narrative:
    """Markdown brief. With `markers`, figures are ⟦fig:id⟧ tokens for the HTML renderer."""

    def fig(figure_id: str) -> str:
        figure = report.figures[figure_id]
        return (
            figure_marker(figure_id)
            if markers
            else format_value(figure.value, figure.unit, language)
        )

    titles = {g.id: g.title_in(language) for g in goals}
    shifted = [
        g.model_copy(update={"title": titles[g.goal]}) for g in report.goals if g.shift_weeks > 0
    ]
    untouched = [
        g.model_copy(update={"title": titles[g.goal]}) for g in report.goals if g.shift_weeks <= 0
    ]
    impacts = [
        i.model_copy(
            update={"goals": tuple(g.model_copy(update={"title": titles[g.goal]}) for g in i.goals)}
        )
        for i in report.impacts
    ]
    headline_groups = _headline_groups(shifted)
    assumptions = [
        phrase(
            language, "assumptions", a.id, **readable_params(a.params, language, context.currency)
        )
        for a in report.assumptions
    ]
    warnings = _warnings(report, language)
    # What the loaders assumed is listed, in their words, in the JSON brief's warnings; the
    # brief itself says how many there are, in its language, so none goes unseen.
    shown_warnings = [*warnings, *_files_note(backlog, language)]
    # quotes on one line: a quoted bracket spanning lines must not break the Markdown list
    reading = [c.model_copy(update={"quote": " ".join(c.quote.split())}) for c in report.reading]
    in_full = audience != "comex"
    shown = [
        c
        for c in reading
        if c.kind != "news" and (in_full or c.kind in ("slip", "to_confirm", "risk"))
    ]
    kinds = [*(c.kind.value for c in reading), *(c.news.value for c in reading if c.news), "news"]
    kind_labels = {k: phrase(language, "reading", k) for k in dict.fromkeys(kinds)}
    markdown = render(
        f"brief.{language}.v1.md.j2",
        company=context.company,
        audience=audience,
        profile=profile(audience),
        report=report.model_copy(update={"impacts": tuple(impacts)}),
        shifted=shifted,
        headline_groups=headline_groups,
        unpriced=[i.item for i in report.impacts if i.extra_cost is None],
        untouched=untouched,
        goal_titles=titles,
        decisions=decisions,
        assumptions=assumptions,
        warnings=shown_warnings,
        terms=terms or [],
        risks=risks or [],
        figure_rows=_figure_rows(report, language),
        fig=fig,
        reading=reading,
        shown=shown,
        news=[c for c in reading if c.kind == "news"],
        kind_labels=kind_labels,
    )
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return Narrative(markdown, _headline(markdown), assumptions, warnings)


def narrate_both(
    report: ImpactReport, decisions: list[Decision], **options
) -> tuple[Narrative, Narrative]:
    """The brief in Markdown, and with ⟦fig:id⟧ markers for the HTML renderer, from one
    rendering: the Markdown is the marked text with each marker replaced by its figure, as
    `narrate` writes it (a figure's text is all that differs between the two)."""
    marked = narrate(report, decisions, markers=True, **options)
    language = options["language"]

    def value(match: re.Match[str]) -> str:
        figure = report.figures.get(match.group(1))
        if figure is None:  # a client's text written like a marker: left as written
            return match.group(0)
        return format_value(figure.value, figure.unit, language)

    markdown = FIGURE_MARKER.sub(value, marked.markdown)
    plain = Narrative(markdown, _headline(markdown), marked.assumptions, marked.warnings)
    return plain, marked


def _headline(markdown: str) -> str:
    return next((line.strip("* ") for line in markdown.splitlines() if line.startswith("**")), "")


def _headline_groups(shifted: list) -> list[tuple[list[str], str]]:
    """Up to three goals with the largest cost of delay, those sharing a shift named together."""
    top = sorted(shifted, key=lambda g: (-g.cost_of_delay, g.goal))[:3]
    groups: dict[float, list] = {}
    for goal in top:
        groups.setdefault(goal.shift_weeks, []).append(goal)
    return [
        ([g.title for g in goals], f"goal.{goals[0].goal}.shift_weeks")
        for _, goals in sorted(groups.items(), key=lambda kv: -kv[0])
    ]


def _files_note(backlog: Backlog, language: str) -> list[str]:
    if not backlog.warnings:
        return []
    count = readable_params({"count": len(backlog.warnings)}, language)
    return [phrase(language, "notices", "input_warnings", **count)]


def _warnings(report: ImpactReport, language: str) -> list[str]:
    out = [phrase(language, "notices", n.code, **n.params) for n in report.notices]
    for u in report.unresolved:
        if u.reason in ("unmatched", "ambiguous"):
            out.append(
                phrase(
                    language,
                    "notices",
                    u.reason,
                    mention=u.mention,
                    sentence=u.sentence,
                    candidates=", ".join(u.candidates),
                )
            )
    return out


def _figure_rows(report: ImpactReport, language: str) -> list[dict[str, str]]:
    rows = []
    for figure in report.figures.values():
        rows.append(
            {
                "label": figure.label,
                "text": format_value(figure.value, figure.unit, language),
                "formula": figure.formula.replace("|", "/"),
                "sources": "; ".join(s.label() for s in figure.sources).replace("|", "/"),
            }
        )
    return rows


def figure_span(figure: Figure, language: str) -> str:
    """A figure in HTML: the value, with its provenance on hover and keyboard focus."""
    sources = "; ".join(s.label() for s in figure.sources)
    tip = f"{figure.formula}" + (f" — {sources}" if sources else "")
    text = html.escape(format_value(figure.value, figure.unit, language))
    return (
        f'<span class="fig" tabindex="0" data-figure="{html.escape(figure.id)}" '
        f'title="{html.escape(tip)}">{text}'
        f'<span class="tip" role="tooltip">{html.escape(tip)}</span></span>'
    )


def replace_markers(text: str, report: ImpactReport, language: str) -> str:
    """The HTML text with each marker of a computed figure as its span; anything else written
    like a marker (a title, a quote, a model's text) stays the text it is."""

    def span(match: re.Match[str]) -> str:
        figure = report.figures.get(html.unescape(match.group(1)))
        return match.group(0) if figure is None else figure_span(figure, language)

    return FIGURE_MARKER.sub(span, text)
