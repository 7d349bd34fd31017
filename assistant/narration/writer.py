"""The grounded writer: the one loop by which a model writes words Steerco shows.

Ask; strip any markup; refuse numbers the model typed itself; fill the [[figure.id]]
placeholders with the computed figures; check the filled text; re-ask once with the problems
named; and if it still fails, or the provider fails (outage, budget, auth), give up so the
caller keeps its template. Used by the brief's narrative and the roadmap's summary alike.
Untrusted text reaches the model only through `defang`.

Two forms of answer: free prose (the roadmap's summary), or, with `schema`, a JSON object
constrained by that pydantic schema (the brief's skeleton) that `assemble` turns into the
prose; then only the words the model typed are searched for typed numbers, and the assembled
text is what is filled and checked. A unit word right after a placeholder
("[[goal.G1.shift_weeks]] weeks", "EUR [[total.cost]]") is dropped when the figure shows that
unit itself, so the text does not say it twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

import assistant.patterns as cached_re
from assistant.llm.errors import LLMError, LLMOutputError
from assistant.narration.claims import find_claims
from assistant.narration.formatting import figure_marker
from assistant.narration.grounding import Problem, figure_kind

PLACEHOLDER = cached_re.compile(r"\[\[\s*([^\[\]\n]*?)\s*\]\]|\{\{\s*([\w.\-]+)\s*\}\}")
_TAGS = cached_re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")

# fill(prose, markers) -> (text, problems): placeholders replaced by figures (or ⟦fig:id⟧)
Fill = Callable[[str, bool], tuple[str, list[Problem]]]
# a unit word and the kind of figure it repeats (money: the figure's currency, below)
_UNIT_WORDS = {
    "weeks": r"semaines?|weeks?|wks?|sem\.",
    "days": r"jours?(?:\s+ouvr[ée]s)?|(?:working\s+|calendar\s+)?days?",
    "months": r"mois|months?",
    "sprints": r"sprints?",
    "percent": r"%|pour\s?cent|per\s?cent|percent",
}
_UNIT_AFTER = {
    k: cached_re.compile(rf"[ \u00a0\u202f]*(?:{v})(?![\w%])", re.I) for k, v in _UNIT_WORDS.items()
}
_CURRENCY_WORDS = {"EUR": r"€|k€|euros?", "USD": r"\$|dollars?", "GBP": r"£|pounds?"}
_WEEKLY = ("per_week", "weekly")  # ids of rates per week (grounding: `_RATES`)
_PER_WEEK_AFTER = cached_re.compile(
    r"[ \u00a0\u202f]*(?:(?:par|per|a|each|chaque|/)[ \u00a0\u202f]*(?:semaine|week)|hebdo\w*)(?![\w])",
    re.I,
)


def is_weekly(figure_id: str) -> bool:
    return any(key in figure_id for key in _WEEKLY)


def _money_words(currency: str) -> str:
    return rf"(?:{re.escape(currency)}|{_CURRENCY_WORDS.get(currency, re.escape(currency))})"


@dataclass(frozen=True)
class Assembled:
    """A structured answer made prose: the text with [[id]] placeholders, the words the model
    typed itself (searched for typed numbers), and what is missing from it."""

    prose: str
    typed: str
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Written:
    """What the model wrote and the check accepted; `text` None when it was not."""

    text: str | None = None
    marked: str | None = None  # with ⟦fig:id⟧ markers, for HTML
    attempts: int = 0
    problems: list[Problem] = field(default_factory=list)
    model: str | None = None
    error: LLMError | None = None

    @property
    def accepted(self) -> bool:
        return self.text is not None


def write_grounded(
    client: Any,  # assistant.llm.LLMClient (not imported: no litellm here)
    messages: list[dict[str, str]],
    *,
    purpose: str,
    max_tokens: int,
    language: str,
    names: list[str],
    fill: Fill,
    check: Callable[[str], list[Problem]],
    reask: Callable[[list[Problem]], str],
    tries: int = 2,
    schema: type[BaseModel] | None = None,
    assemble: Callable[[Any], Assembled] | None = None,
) -> Written:
    """Up to `tries` drafts; the first that passes `check` once filled is the answer.

    With `schema`, each answer is a JSON object validated by it and made prose by `assemble`;
    an answer that does not validate counts as a failed draft (re-asked), not as an outage."""
    messages = list(messages)
    out = Written()
    try:
        for _ in range(tries):
            try:
                answer = client.complete(
                    messages, purpose=purpose, max_tokens=max_tokens, schema=schema
                )
            except LLMOutputError as error:  # with a schema: the answer did not validate
                out.attempts += 1
                out.problems = [Problem(kind="invalid_output", detail=str(error)[:300])]
                messages += [
                    {"role": "assistant", "content": error.text or ""},
                    {"role": "user", "content": reask(out.problems)},
                ]
                continue
            out.attempts += 1
            if schema is not None and assemble is not None:
                made = assemble(answer.parsed)
                prose, typed = made.prose, typed_numbers(made.typed, language, names)
                typed += made.problems
            else:
                prose = _TAGS.sub("", answer.text).strip()  # Markdown only: no raw HTML
                typed = typed_numbers(prose, language, names)
            text, unknown = fill(prose, False)
            out.problems = typed + unknown + check(text)
            if not out.problems:
                out.text, out.model = text, answer.model
                out.marked, _ = fill(prose, True)
                return out
            messages += [
                {"role": "assistant", "content": answer.text},
                {"role": "user", "content": reask(out.problems)},
            ]
    except LLMError as error:
        out.error = error
    return out


def fill_with(lookup: Callable[[str], Any], text_of: Callable[[Any], str]) -> Fill:
    """A `Fill` over figures found by `lookup(id)` and shown as `text_of(figure)`; a unit
    word next to a placeholder, that the figure shows itself, is dropped (`_unit_said`)."""

    def fill(text: str, markers: bool) -> tuple[str, list[Problem]]:
        unknown: list[Problem] = []
        out, at = [], 0
        for m in PLACEHOLDER.finditer(text):
            figure_id = m.group(1) or m.group(2) or ""
            figure = lookup(figure_id)
            before = text[at : m.start()]
            if figure is None:
                unknown.append(
                    Problem(kind="unknown_figure", detail=f"no fact has id {figure_id!r}")
                )
                out += [before, m.group()]
                at = m.end()
                continue
            unit = getattr(figure, "unit", None) or ""
            kind = figure_kind(unit)
            said = _UNIT_AFTER.get(kind)
            if kind == "money":  # "EUR [[total.cost]]", "[[total.cost]] euros"
                words = _money_words(unit)
                before = re.sub(rf"(?<![\w]){words}[ \u00a0\u202f]*$", "", before, flags=re.I)
                said = re.compile(rf"[ \u00a0\u202f]*{words}(?![\w])", re.I)
            out += [before, figure_marker(figure_id) if markers else text_of(figure)]
            at = m.end()
            if said and (word := said.match(text, at)):
                at = word.end()
            if is_weekly(figure_id) and (word := _PER_WEEK_AFTER.match(text, at)):
                at = word.end()  # "[[...per_week]] par semaine": the figure says it
        out.append(text[at:])
        return "".join(out), unknown

    return fill


def typed_numbers(prose: str, language: str, names: list[str]) -> list[Problem]:
    """Numbers the model typed itself instead of citing a fact: refused even when they happen
    to equal some computed figure (it may be the wrong one)."""
    bare = PLACEHOLDER.sub(" ", prose)
    return [
        Problem(
            kind="typed_number",
            detail=f"{claim.text!r}: typed, not cited; leave it out, or write the placeholder of that very figure",
        )
        for claim in find_claims(bare, language, names)
    ]


def listing(problems: list[Problem], limit: int = 12) -> str:
    return "\n".join(f"- {p.kind}: {p.detail}" for p in problems[:limit])


def defang(text: str) -> str:
    """Untrusted text made inert inside <data>: no tags, no placeholders, one line."""
    text = text.replace("<", "‹").replace(">", "›").replace("[[", "[ [").replace("{{", "{ {")
    return " ".join(text.split())[:300]
