"""The brief's skeleton: what a small model fills in, and how Steerco makes it Markdown.

Why: a 1.5B model asked for a whole Markdown brief ran over length, lost goals, wrote English
for a French brief and typed risk titles full of digits. Here it fills a fixed JSON object
(`skeleton_schema`, one per brief, so the server's grammar forces exactly its keys): a
headline, one sentence per shifted goal (keyed by the goal's id), the cause, the decision to
take, and the risks it addresses, cited by id. `assemble` puts those sentences into the
template's own structure: goal titles, the costs, the risks with their titles and the
appendices stay the template's, figures as [[id]] placeholders, so the grounding check reads
one text in which every figure is a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

import assistant.patterns as cached_re
from assistant.facts.language import terms
from assistant.narration.formatting import FIGURE_MARKER
from assistant.narration.grounding import Problem, language_problems
from assistant.narration.writer import PLACEHOLDER, Assembled
from assistant.prompts import phrase

_RISK_REF = cached_re.compile(r"\[\[\s*risk\.(R\d+)\s*\]\]")
_SENTENCE_CHARS = {"headline": 220, "goal": 260, "cause": 320, "decision": 320}
_HEADINGS = ("impact", "cause", "decisions", "assumptions")  # phrases: skeleton.<x>_heading
_RESERVED = {"headline", "cause", "decision", "risks"}
_STRAY = cached_re.compile(r"[\[\]{}|<>]")
_WORD = cached_re.compile(r"[^\W\d_]{2,}")
_GOAL_REF = cached_re.compile(r"\[\[\s*goal\.([^.\]\s]+)\.")


@dataclass(frozen=True)
class SkeletonGoal:
    id: str  # the goal's id, e.g. G1
    key: str  # its key in the JSON object (the id, unless it collides with a field)
    title: str


def goal_key(goal_id: str) -> str:
    return f"goal {goal_id}" if goal_id in _RESERVED else goal_id


def skeleton_schema(
    goals: list[SkeletonGoal], risk_ids: list[str], *, cause: bool, decision: bool
) -> type[BaseModel]:
    """The JSON object this brief needs, in the order it is written: only the keys it has."""

    def text(kind: str, description: str, **alias: str) -> Any:
        extra = {"maxLength": _SENTENCE_CHARS[kind], "minLength": 1}
        return Field(description=description, json_schema_extra=extra, **alias)

    fields: dict[str, Any] = {
        "headline": (str, text("headline", "One sentence a CEO can repeat.")),
    }
    for n, goal in enumerate(goals):
        about = f"One sentence: how goal {goal.id} slips."
        fields[f"goal_{n}"] = (str, text("goal", about, alias=goal.key))
    if cause:
        fields["cause"] = (str, text("cause", "One sentence: what is late and why."))
    if decision:
        fields["decision"] = (str, text("decision", "One sentence: the decision to take."))
    if risk_ids:
        cited = list[Literal[tuple(risk_ids)]]  # type: ignore[valid-type]
        fields["risks"] = (cited, Field(description="Ids of the risks the decision addresses."))
    config = ConfigDict(populate_by_name=True, extra="ignore")
    return create_model("BriefSkeleton", __config__=config, **fields)


def typed_words(skeleton: BaseModel) -> str:
    """Every sentence the model wrote, for the typed-number search."""
    return "\n".join(v for v in skeleton.model_dump().values() if isinstance(v, str))


def assemble(
    skeleton: BaseModel,
    *,
    template_marked: str,
    goals: list[SkeletonGoal],
    risks: dict[str, str],
    language: str,
    causes: dict[str, str] | None = None,
    has_total: bool = False,
) -> Assembled:
    """The brief's body (no title, no appendices) from the model's sentences and the
    template's structure; figures as [[id]] placeholders. `causes`: each late item's key and
    its title and reported cause, which the cause sentence must be about.

    The numbers are checked later, on the filled text; here, what a number check cannot see
    in a sentence whose titles and figures Steerco writes: brackets that are no placeholder,
    a sentence of fewer than three words (a placeholder counts as one), a goal's sentence citing no figure of that goal or
    another goal's, a headline without the total, a cause about no late item."""
    data = skeleton.model_dump(by_alias=False)
    problems = _sense(data, goals, causes or {}, has_total)

    def sentence(field: str, what: str) -> str:
        said = _clean(str(data.get(field) or ""), risks)
        if not said:
            problems.append(Problem(kind="missing_sentence", detail=f"{what} is empty"))
        return said

    headline = sentence("headline", "headline")
    by_goal = {g.title: sentence(f"goal_{n}", g.key) for n, g in enumerate(goals)}
    cited = [risks[r] for r in dict.fromkeys(data.get("risks") or []) if r in risks]
    heads = {p: phrase(language, "skeleton", f"{p}_heading") for p in _HEADINGS}
    parts = [f"**{headline}**"]
    for heading, body in _sections(template_marked):
        if heading == heads["assumptions"]:  # the appendices: the template's alone
            break
        if heading == heads["impact"]:
            body = _goal_lines(body, by_goal, language)
        elif heading == heads["cause"] and "cause" in data:
            body = sentence("cause", "cause")
        elif heading == heads["decisions"] and "decision" in data:
            body = sentence("decision", "decision")
            if cited:
                titles = " ; ".join(cited)
                body += "\n\n" + phrase(language, "skeleton", "risks_line", titles=titles)
        parts.append(f"## {heading}\n\n{body.strip()}")
    prose = FIGURE_MARKER.sub(lambda m: f"[[{m.group(1)}]]", "\n\n".join(parts))
    typed = typed_words(skeleton)  # the language is judged on the model's words alone
    problems += language_problems(typed, language)
    return Assembled(prose=prose, typed=typed, problems=problems)


def _sense(
    data: dict[str, Any], goals: list[SkeletonGoal], causes: dict[str, str], has_total: bool
) -> list[Problem]:
    found: list[Problem] = []

    def problem(kind: str, detail: str) -> None:
        found.append(Problem(kind=kind, detail=detail))

    names = {"headline": "headline", "cause": "cause", "decision": "decision"}
    names |= {f"goal_{n}": g.key for n, g in enumerate(goals)}
    for field, what in names.items():
        text = data.get(field)
        if not isinstance(text, str) or not text.strip():
            continue  # reported as missing_sentence
        bare = PLACEHOLDER.sub(" ", text)
        if _STRAY.search(bare):
            problem("malformed_text", f"{what}: brackets that are no [[id]] placeholder of FACTS")
        if len(_WORD.findall(bare)) + len(PLACEHOLDER.findall(text)) < 3:
            problem("not_a_sentence", f"{what}: {text[:60]!r} is not a sentence")
    for n, goal in enumerate(goals):
        cited = set(_GOAL_REF.findall(str(data.get(f"goal_{n}") or "")))
        if goal.id not in cited:
            problem("goal_figure", f"{goal.key}: cite its own figures, e.g. [[goal.{goal.id}.shift_weeks]]")  # fmt: skip
        if others := sorted(cited - {goal.id}):
            problem("other_goal", f"{goal.key}: cites the figures of {', '.join(others)}")
    if has_total and "total.cost" not in str(data.get("headline") or ""):
        problem("headline_total", "the headline must give the total cost [[total.cost]]")
    cause = str(data.get("cause") or "")
    if causes and "cause" in data and not _about_a_late_item(cause, causes):
        problem("cause_off_topic", "the cause must be about a late item of the FACTS")
    return found


def _about_a_late_item(cause: str, causes: dict[str, str]) -> bool:
    if any(f"impact.{key}." in cause for key in causes):
        return True
    said = set(terms(PLACEHOLDER.sub(" ", cause)))
    return any(len(said & set(terms(about))) >= 2 for about in causes.values())


def _sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) of each `## ` section; the title and the template's headline dropped."""
    chunks = re.split(r"(?m)^## ", markdown)[1:]
    return [(c.split("\n", 1)[0].strip(), c.split("\n", 1)[1] if "\n" in c else "") for c in chunks]


def _goal_lines(body: str, by_goal: dict[str, str], language: str) -> str:
    """The template's goal lines, each shifted goal's words replaced by the model's sentence;
    its title, owner, sub-lines (earlier announcements) and the untouched goals kept."""
    out = []
    for line in body.strip().splitlines():
        for title, said in by_goal.items():
            lead = re.match(rf"- \*\*{re.escape(title)}\*\*(?: \([^)\n]*\))?", line)
            if lead:
                line = f"{lead.group()}{phrase(language, 'skeleton', 'colon')}{said}"
                break
        out.append(line)
    return "\n".join(out)


def _clean(text: str, risks: dict[str, str]) -> str:
    """One line of prose: no markup, headings, list marks or figure markers; risks cited as
    [[risk.R1]] become their titles."""
    text = _RISK_REF.sub(lambda m: risks.get(m.group(1), m.group()), text)
    text = re.sub(r"</?[A-Za-z][^<>\n]{0,200}>|[⟦⟧*#`]", "", text)
    text = " ".join(text.split()).strip(" -")
    return text
