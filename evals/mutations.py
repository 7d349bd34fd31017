"""Mutants of a correct brief, to measure how often the grounding check catches a wrong one.

Each mutation is an error an LLM narrator could plausibly make: a digit swapped or changed, a
unit or currency changed, an amount scaled by a thousand, a goal renamed, a slip denied, the
total dropped. Names (titles, keys) and list numbering are protected: their digits are not
claims. Shared by the eval suite and `tests/test_grounding_mutations.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "fr": [("semaines", "jours"), ("semaines", "mois"), ("semaine", "jour")],
    "en": [("weeks", "days"), ("weeks", "months"), ("week", "day")],
}
_OTHER_CURRENCY = {"EUR": {"fr": "USD", "en": "GBP"}, "GBP": "EUR", "USD": "EUR"}
_DENIALS = {"fr": [" (dans les temps)", " sans retard,"], "en": [" (on track)", ", with no delay,"]}
_FAKE_GOAL = {"fr": "Refonte du site web", "en": "Website redesign"}


@dataclass(frozen=True)
class Target:
    """A correct brief body and what the mutations need to know about it."""

    body: str
    language: str
    names: list[str]
    shifted: list[str]  # titles of the goals that slipped
    untouched: list[str]  # titles of the goals that did not
    total: str  # the total as the brief writes it
    currency: str = "EUR"


def _protected(target: Target) -> list[tuple[int, int]]:
    spans = []
    for name in target.names:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), target.body)]
    spans += [(m.start(), m.end()) for m in re.finditer(r"^\d+\.", target.body, re.M)]
    return spans


def _replace(body: str, m: re.Match[str], new: str) -> str:
    return body[: m.start()] + new + body[m.end() :]


def mutants(target: Target) -> list[tuple[str, str]]:
    """(description, mutated body) for every mutation of `target.body` that changes it."""
    body, out = target.body, []
    protected = _protected(target)
    for m in re.finditer(r"\d+", body):
        if any(a <= m.start() < b for a, b in protected):
            continue
        digits = m.group()
        swap = next((i for i in range(len(digits) - 1) if digits[i] != digits[i + 1]), None)
        if swap is not None:
            swapped = digits[:swap] + digits[swap + 1] + digits[swap] + digits[swap + 2 :]
            out.append((f"swap {digits}->{swapped}", _replace(body, m, swapped)))
        changed = str((int(digits[0]) + 1) % 10) + digits[1:]
        out.append((f"change {digits}->{changed}", _replace(body, m, changed)))
    cur = target.currency
    other = _OTHER_CURRENCY.get(cur, "EUR")
    other = other[target.language] if isinstance(other, dict) else other
    for old, new in [*_UNITS[target.language], (cur, other)]:
        for m in re.finditer(rf"\b{old}\b", body):
            out.append((f"unit {old}->{new}", _replace(body, m, new)))
    amounts = rf"\d{{1,3}}(?: \d{{3}})+ {cur}|{cur} \d{{1,3}}(?:,\d{{3}})+"
    for m in re.finditer(amounts, body):
        text = m.group()
        grown = text.replace(f" {cur}", f" 000 {cur}") if text.endswith(cur) else text + ",000"
        out.append((f"x1000 {text}", _replace(body, m, grown)))
    for title in target.shifted:
        if title not in body:
            continue
        for new in (_FAKE_GOAL[target.language], *target.untouched[:1]):
            out.append((f"rename {title}", body.replace(title, new)))
        at = body.index(title) + len(title)
        for denial in _DENIALS[target.language]:
            out.append((f"deny {title}", body[:at] + denial + body[at:]))
    if target.total:
        out.append(("drop total", body.replace(target.total, "")))
    return [(d, m) for d, m in out if m != body]
