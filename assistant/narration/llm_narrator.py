"""LLM narration: better words, never different numbers.

The model gets the computed facts as a list of ids and writes prose that cites them as
`[[goal.G1.shift_weeks]]`; we substitute the formatted values, so the model never types a
number. The filled text must pass `check_narrative`; a failing draft is re-asked once with
its problems named, then replaced by the template narrative with a warning. Any LLMError
(outage, auth, budget) also yields the template narrative: the brief is never lost.
Untrusted text (titles, reasons, mentions) reaches the model only inside <data>, defanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.audience import profile
from assistant.domain import Backlog, Context, Goal
from assistant.facts.decisions import Decision
from assistant.facts.impact import ImpactReport
from assistant.narration.brief_check import check_report_text, names_in, prose_figures
from assistant.narration.formatting import format_value
from assistant.narration.grounding import Problem
from assistant.narration.template_narrator import Narrative, narrate
from assistant.narration.writer import defang, fill_with, listing, write_grounded
from assistant.prompts import render

PROMPT_VERSION = "narrate_brief.v1"
_TAIL = re.compile(r"^## (?:Hypothèses|Assumptions)\s*$", re.M)
_WARN = {
    "fr": {
        "rejected": "Texte du modèle écarté après {n} essai(s) ({why}) : texte standard utilisé.",
        "error": "Modèle non utilisé ({why}) : texte standard utilisé.",
    },
    "en": {
        "rejected": "Model-written text rejected after {n} attempt(s) ({why}): standard text used.",
        "error": "Model not used ({why}): standard text used.",
    },
}
_REASK = (
    "Your draft was rejected by the fact check:\n{problems}\n"
    "Rewrite the whole brief. Use only placeholders from FACTS for numbers, name every shifted "
    "goal with its exact title, and follow every rule."
)


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
    template = narrate(report, decisions, audience=audience, terms=terms, **common, **extra)
    required_risks = [r.title_in(language) for r in risks or []]
    messages = [
        {"role": "system", "content": _system(report, language, audience)},
        {
            "role": "user",
            "content": _user(report, decisions, goals, context, language, audience, required_risks),
        },
    ]

    def check(body: str) -> list[Problem]:
        found = check_report_text(
            body, report, audience=audience, required_risks=list(required_risks), **common
        )
        return found.problems

    written = write_grounded(
        client, messages, purpose="narrate", max_tokens=profile(audience).max_words * 3,
        language=language, names=names_in(report, backlog, goals, context),
        fill=lambda text, markers: fill_placeholders(text, report, language, markers=markers),
        check=check, reask=lambda problems: _REASK.format(problems=listing(problems)),
    )  # fmt: skip
    if written.accepted:
        narrative = _compose(template, written.text or "")
        marked = _compose(template, written.marked or "").markdown
        return LLMDraft(narrative, [], written.attempts, False, [], written.model, marked)
    if written.error is not None:
        error = written.error
        why = f"{type(error).__name__}: {error.fix or ''}"
        warning = _WARN[language]["error"].format(why=why)
    else:
        why = "; ".join(f"{p.kind}: {p.detail}" for p in written.problems[:3])
        warning = _WARN[language]["rejected"].format(n=written.attempts, why=why)
    return LLMDraft(template, [warning], written.attempts, True, written.problems)


def fill_placeholders(
    text: str, report: ImpactReport, language: str, *, markers: bool = False
) -> tuple[str, list[Problem]]:
    """`text` with each [[id]] replaced by its formatted figure (or, with `markers`, the
    ⟦fig:id⟧ token the HTML renderer expands); unknown ids are problems."""
    figures = prose_figures(report)
    fill = fill_with(figures.get, lambda f: format_value(f.value, f.unit, language))
    return fill(text, markers)


def _compose(template: Narrative, body: str) -> Narrative:
    """The model's prose between the template's title and its assumptions and later sections."""
    lines = [line for line in body.strip().splitlines() if not line.startswith("# ")]
    body = "\n".join(lines).strip()
    title = template.markdown.splitlines()[0]
    cut = _TAIL.search(template.markdown)
    tail = template.markdown[cut.start() :] if cut else ""
    headline = next((line.strip("*# ") for line in body.splitlines() if line.strip()), "")
    markdown = f"{title}\n\n{body}\n\n{tail}".rstrip() + "\n"
    return Narrative(markdown, headline, template.assumptions, template.warnings)


def _system(report: ImpactReport, language: str, audience: str) -> str:
    return render(
        f"{PROMPT_VERSION}.system.md.j2",
        reader=profile(audience).reader,
        style=profile(audience).style,
        language=language,
        max_words=profile(audience).max_words,
        has_total=bool(report.impacts),
    )


def _user(report, decisions, goals, context, language, audience, risks) -> str:
    titles = {g.id: defang(g.title_in(language)) for g in goals}
    facts = [
        {"id": f.id, "label": f.label, "text": format_value(f.value, f.unit, language)}
        for f in prose_figures(report).values()
    ]
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
            "reason": defang(i.reason or ""),
            "goals": [titles[e.goal] for e in i.goals],
        }
        for i in report.impacts
    ]
    return render(
        f"{PROMPT_VERSION}.user.md.j2",
        facts=facts,
        company=defang(context.company),
        shifted=shifted,
        untouched=[titles[g.goal] for g in report.goals if g.shift_weeks <= 0],
        impacts=impacts,
        good_news=[{"key": n.item, "title": defang(n.title)} for n in report.good_news],
        decisions=[_decision(d, titles) for d in decisions],
        unresolved=[defang(u.mention) for u in report.unresolved],
        risks=[defang(r) for r in risks],
        show_keys=profile(audience).show_keys,
    )


def _decision(d: Decision, titles: dict[str, str]) -> str:
    p, f = {k: defang(v) for k, v in d.params.items()}, d.figures
    goal = titles.get(d.goal or "", "")
    if d.kind == "reinforce":
        return f"reinforce team {p['team']}: each week recovered is worth [[{f['cod_per_week']}]], the team costs [[{f['burn']}]] a week"
    if d.kind == "confirm_date":
        return f'accept the new date [[{f["new_date"]}]] for "{goal}" or cut scope to hold [[{f["deadline"]}]]; owner {p.get("owner") or "-"}'
    if d.kind == "decouple":
        return f'decouple "{p["blocked_title"]}" from "{p["blocker_title"]}": avoids up to [[{f["shift"]}]] of slip'
    return f'clarify "{p.get("mention", "")}"'
