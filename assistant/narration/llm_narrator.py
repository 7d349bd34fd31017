"""LLM narration: better words, never different numbers.

The model fills the brief's skeleton (`skeleton.py`): one JSON object, constrained by a schema
made for this brief (a headline, one sentence per shifted goal by id, the cause, the decision,
the risks it addresses by id), whose sentences cite figures as `[[goal.G1.shift_weeks]]`.
Steerco assembles the Markdown in the template's structure and fills in the formatted values,
so the model never types a number. The prompt holds only the facts the skeleton needs (about
500 tokens for the seed case, against 2,000 for v1's whole-brief prompt), names the language
and shows one short example in it. The assembled text must pass `check_narrative`; a failing
draft is re-asked once with its problems named, then replaced by the template narrative with
a warning. Any LLMError (outage, auth, budget) also yields the template narrative: the brief
is never lost. Untrusted text (titles, reasons, mentions) reaches the model only inside
<data>, defanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jinja2

import assistant.patterns as cached_re
from assistant.audience import profile
from assistant.domain import Backlog, Context, Goal
from assistant.facts.decisions import Decision
from assistant.facts.impact import ImpactReport
from assistant.lang import SPOKEN
from assistant.narration.brief_check import check_report_text, names_in, prose_figures
from assistant.narration.formatting import format_value
from assistant.narration.grounding import Problem
from assistant.narration.skeleton import SkeletonGoal, assemble, goal_key, skeleton_schema
from assistant.narration.template_narrator import Narrative, narrate_both
from assistant.narration.writer import defang, fill_with, is_weekly, listing, write_grounded
from assistant.prompts import phrase, phrases, render

PROMPT_VERSION = "narrate_brief.v2"
_MAX_IMPACTS, _MAX_DECISIONS = 4, 3  # the prompt holds what the sentences need, no more
_REASK = (
    "Your JSON was rejected by the fact check:\n{problems}\n"
    "Answer again with the whole JSON object, every sentence in {language}. For numbers, "
    "durations and dates use only placeholders from FACTS."
)
_TITLE = cached_re.compile(r"\[\[\s*((?:goal|impact)\.[^\[\]\s]+?\.title)\s*\]\]")


@dataclass(frozen=True)
class LLMDraft:
    narrative: Narrative
    warnings: list[str]
    attempts: int
    used_fallback: bool
    problems: list[Problem] = field(default_factory=list)
    model: str | None = None
    marked_markdown: str | None = None  # with ⟦fig:id⟧ markers, for the HTML page


def draft_with_llm(
    report: ImpactReport,
    decisions: list[Decision],
    *,
    backlog: Backlog,
    goals: list[Goal],
    context: Context,
    language: str,
    audience: str,
    terms: list[dict[str, str]] | None,
    client,  # assistant.llm.LLMClient (not imported: this module must not pull in litellm)
    risks: list | None = None,
) -> LLMDraft:
    """The LLM's narrative if it passes grounding within two drafts, else the template's.

    `risks` (assistant.facts.risks.Risk) are passed to the template and must be mentioned.
    """
    common = dict(backlog=backlog, goals=goals, context=context, language=language)
    extra = {"risks": risks} if risks else {}
    template, marked = narrate_both(
        report, decisions, audience=audience, terms=terms, **common, **extra
    )
    required_risks = [r.title_in(language) for r in risks or []]
    cited = {f"R{n}": defang(title) for n, title in enumerate(required_risks, 1)}
    titles = {g.id: g.title_in(language) for g in goals}
    shifted = [SkeletonGoal(g.goal, goal_key(g.goal), titles[g.goal]) for g in report.shifted_goals]
    schema = skeleton_schema(
        shifted, list(cited), cause=bool(report.impacts), decision=bool(decisions)
    )
    messages = [
        {"role": "system", "content": _system(report, decisions, shifted, cited, language, audience)},
        {"role": "user", "content": _user(report, decisions, goals, context, language, cited)},
    ]  # fmt: skip

    def check(body: str) -> list[Problem]:
        found = check_report_text(
            body, report, audience=audience, required_risks=list(required_risks), **common
        )
        return found.problems

    causes = {i.item: f"{i.title} {i.reason or ''}" for i in report.impacts}
    named = {f"goal.{g.id}.title": g.title for g in shifted}
    named |= {f"impact.{i.item}.title": i.title for i in report.impacts}
    written = write_grounded(
        client, messages, purpose="narrate", max_tokens=_max_tokens(len(shifted)),
        language=language, names=names_in(report, backlog, goals, context),
        fill=lambda text, markers: fill_placeholders(
            text, report, language, markers=markers, titles=named
        ),
        check=check,
        reask=lambda problems: _REASK.format(
            problems=listing(problems), language=SPOKEN[language]
        ),
        schema=schema,
        assemble=lambda skeleton: assemble(
            skeleton, template_marked=marked.markdown, goals=shifted, risks=cited,
            language=language, causes=causes, has_total=bool(report.impacts),
        ),
    )  # fmt: skip
    if written.accepted:
        narrative = _compose(template, written.text or "", language)
        with_markers = _compose(marked, written.marked or "", language).markdown
        return LLMDraft(narrative, [], written.attempts, False, [], written.model, with_markers)
    if written.error is not None:
        error = written.error
        why = f"{type(error).__name__}: {error.fix or ''}"
        warning = phrase(language, "model_notes", "narration_error", why=why)
    else:
        why = "; ".join(f"{p.kind}: {p.detail}" for p in written.problems[:3])
        warning = phrase(language, "model_notes", "narration_rejected", n=written.attempts, why=why)
    return LLMDraft(template, [warning], written.attempts, True, written.problems)


def fill_placeholders(
    text: str,
    report: ImpactReport,
    language: str,
    *,
    markers: bool = False,
    titles: dict[str, str] | None = None,
) -> tuple[str, list[Problem]]:
    """`text` with each [[id]] replaced by its formatted figure (or, with `markers`, the
    ⟦fig:id⟧ token the HTML renderer expands), and each [[goal.G1.title]] or
    [[impact.KEY.title]] in `titles` by that title; unknown ids are problems."""
    if titles:
        text = _TITLE.sub(lambda m: titles.get(m.group(1), m.group()), text)
    figures = prose_figures(report)

    def shown(figure) -> str:  # a weekly rate says so, whatever words the model put around it
        text = format_value(figure.value, figure.unit, language)
        weekly = is_weekly(figure.id)
        return f"{text} {phrase(language, 'skeleton', 'per_week')}" if weekly else text

    return fill_with(figures.get, shown)(text, markers)


def _compose(template: Narrative, body: str, language: str) -> Narrative:
    """The model's prose between the template's title and its assumptions and later sections."""
    lines = [line for line in body.strip().splitlines() if not line.startswith("# ")]
    body = "\n".join(lines).strip()
    title = template.markdown.splitlines()[0]
    heading = phrase(language, "skeleton", "assumptions_heading")
    cut = re.search(rf"^## {re.escape(heading)}\s*$", template.markdown, re.M)
    tail = template.markdown[cut.start() :] if cut else ""
    headline = next((line.strip("*# ") for line in body.splitlines() if line.strip()), "")
    markdown = f"{title}\n\n{body}\n\n{tail}".rstrip() + "\n"
    return Narrative(markdown, headline, template.assumptions, template.warnings)


def _max_tokens(goals: int) -> int:
    """Room for the skeleton's sentences (their lengths are bounded by the schema)."""
    return 320 + 90 * goals


def _system(report, decisions, shifted, risks, language, audience) -> str:
    first = shifted[0].id if shifted else ""
    return render(
        f"{PROMPT_VERSION}.system.md.j2",
        reader=profile(audience).reader,
        language=language,
        language_name=SPOKEN[language],
        goals=[g.key for g in shifted],
        example_goal=first,
        example_dated=f"goal.{first}.new_date" in report.figures,
        example_item=defang(report.impacts[0].item) if report.impacts else "",
        example_decision=decisions[0] if decisions else None,
        has_total=bool(report.impacts),
        has_cause=bool(report.impacts),
        has_risks=bool(risks),
    )


def _user(report, decisions, goals, context, language, risks) -> str:
    titles = {g.id: defang(g.title_in(language)) for g in goals}
    shifted = [
        {
            "id": g.goal,
            "title": titles[g.goal],
            "owner": defang(g.owner or ""),
            "dated": bool(g.new_date),
        }
        for g in report.shifted_goals
    ]
    impacts = [
        {
            "key": i.item,
            "title": defang(i.title),
            "priced": i.extra_cost is not None,
            "reason": defang(i.reason or "")[:160],
        }
        for i in report.impacts[:_MAX_IMPACTS]
    ]
    return render(
        f"{PROMPT_VERSION}.user.md.j2",
        company=defang(context.company),
        has_total=bool(report.impacts),
        shifted=shifted,
        impacts=impacts,
        decisions=[_decision(d, titles, language) for d in decisions[:_MAX_DECISIONS]],
        risks=[{"id": k, "title": v} for k, v in risks.items()],
        language=language,
    )


def _decision(d: Decision, titles: dict[str, str], language: str) -> str:
    """One decision for the prompt, in the brief's language (a model copies what it reads)."""
    words = {k: defang(str(v)) for k, v in d.params.items()} | dict(d.figures)
    words |= {"goal": titles.get(d.goal or "", ""), "owner": words.get("owner") or "-"}
    words.setdefault("mention", "")
    kind = d.kind if f"decision_{d.kind}" in phrases(language)["model_notes"] else "clarify"
    try:
        return phrase(language, "model_notes", f"decision_{kind}", **words)
    except jinja2.UndefinedError:  # a decision without its sentence's parameters: its kind only
        return d.kind
