"""The grounded writer: the one loop by which a model writes words Steerco shows.

Ask; strip any markup; refuse numbers the model typed itself; fill the [[figure.id]]
placeholders with the computed figures; check the filled text; re-ask once with the problems
named; and if it still fails, or the provider fails (outage, budget, auth), give up so the
caller keeps its template. Used by the brief's narrative and the roadmap's summary alike.
Untrusted text reaches the model only through `defang`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.llm.errors import LLMError
from assistant.narration.claims import find_claims
from assistant.narration.grounding import Problem

PLACEHOLDER = re.compile(r"\[\[\s*([^\[\]\n]*?)\s*\]\]|\{\{\s*([\w.\-]+)\s*\}\}")
_TAGS = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")

# fill(prose, markers) -> (text, problems): placeholders replaced by figures (or ⟦fig:id⟧)
Fill = Callable[[str, bool], tuple[str, list[Problem]]]


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
) -> Written:
    """Up to `tries` drafts; the first that passes `check` once filled is the answer."""
    messages = list(messages)
    out = Written()
    try:
        for _ in range(tries):
            answer = client.complete(messages, purpose=purpose, max_tokens=max_tokens)
            out.attempts += 1
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
    """A `Fill` over figures found by `lookup(id)` and shown as `text_of(figure)`."""

    def fill(text: str, markers: bool) -> tuple[str, list[Problem]]:
        unknown: list[Problem] = []

        def value(m: re.Match[str]) -> str:
            figure_id = m.group(1) or m.group(2) or ""
            figure = lookup(figure_id)
            if figure is None:
                unknown.append(
                    Problem(kind="unknown_figure", detail=f"no fact has id {figure_id!r}")
                )
                return m.group()
            return f"⟦fig:{figure_id}⟧" if markers else text_of(figure)

        return PLACEHOLDER.sub(value, text), unknown

    return fill


def typed_numbers(prose: str, language: str, names: list[str]) -> list[Problem]:
    """Numbers the model typed itself instead of citing a fact: refused even when they happen
    to equal some computed figure (it may be the wrong one)."""
    bare = PLACEHOLDER.sub(" ", prose)
    return [
        Problem(kind="typed_number", detail=f"{claim.text!r}: cite the fact's [[id]] instead")
        for claim in find_claims(bare, language, names)
    ]


def listing(problems: list[Problem], limit: int = 12) -> str:
    return "\n".join(f"- {p.kind}: {p.detail}" for p in problems[:limit])


def defang(text: str) -> str:
    """Untrusted text made inert inside <data>: no tags, no placeholders, one line."""
    text = text.replace("<", "‹").replace(">", "›").replace("[[", "[ [").replace("{{", "{ {")
    return " ".join(text.split())[:300]
