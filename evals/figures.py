"""Figure accuracy: the computed facts equal the hand-computed ones, at the stated precision.

"At the stated precision": an expected 4.33 weeks matches 4.3333 (two decimals written), an
expected 6 matches only 6.0 (to the unit). Every expected fact is one check, so the scorecard
can say which figure of which case is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evals.runner import Outcome


@dataclass(frozen=True)
class Check:
    case: str
    name: str
    ok: bool
    expected: Any
    actual: Any

    def __str__(self) -> str:
        return f"{self.case}: {self.name} expected {self.expected!r}, got {self.actual!r}"


def same(expected: float, actual: float | None) -> bool:
    """Equal once `actual` is rounded to the decimals `expected` is written with."""
    if actual is None:
        return False
    text = repr(float(expected))
    decimals = 0 if text.endswith(".0") else len(text.split(".")[1])
    return round(actual, decimals) == round(expected, decimals)


def figure_checks(outcome: Outcome) -> list[Check]:
    """One check per expected fact of the case; a case that crashed fails one check."""
    case, expect = outcome.case, outcome.case.expect
    if outcome.result is None:
        return [Check(case.id, "brief produced", False, "a brief", outcome.error)]
    report = outcome.result.report
    out: list[Check] = []

    def check(name: str, ok: bool, expected: Any, actual: Any) -> None:
        out.append(Check(case.id, name, ok, expected, actual))

    impacts = {i.item: i for i in report.impacts}
    if expect.impacts is not None:
        check(
            "items matched",
            set(impacts) == set(expect.impacts),
            sorted(expect.impacts),
            sorted(impacts),
        )
        for key, want in expect.impacts.items():
            got = impacts.get(key)
            for field in ("delay_weeks", "extra_cost"):
                wanted = getattr(want, field)
                if wanted is not None:
                    actual = getattr(got, field) if got else None
                    check(f"{key}.{field}", same(wanted, actual), wanted, actual)
    goals = {g.goal: g for g in report.goals}
    for gid, want in expect.goals.items():
        got = goals.get(gid)
        shift = got.shift_weeks if got else None
        check(f"{gid}.shift_weeks", same(want.shift_weeks, shift), want.shift_weeks, shift)
        if want.cost_of_delay is not None:
            cod = got.cost_of_delay if got else None
            check(f"{gid}.cost_of_delay", same(want.cost_of_delay, cod), want.cost_of_delay, cod)
        if want.new_date is not None:
            new = got.new_date if got else None
            check(f"{gid}.new_date", new == want.new_date, want.new_date, new)
    for gid in expect.untouched:
        shift = goals[gid].shift_weeks if gid in goals else None
        check(f"{gid} untouched", shift == 0, 0, shift)
    for name in ("extra_cost_total", "cost_of_delay_total", "total_cost"):
        wanted = getattr(expect, name)
        if wanted is not None:
            actual = getattr(report, name)
            check(name, same(wanted, actual), wanted, actual)
    if expect.good_news is not None:
        ahead = sorted(n.item for n in report.good_news)
        check("good news", ahead == sorted(expect.good_news), sorted(expect.good_news), ahead)
    if expect.unresolved is not None:
        count = len(report.unresolved)
        check("unresolved", count == expect.unresolved, expect.unresolved, count)
    if expect.ambiguous is not None:
        flagged = any(u.reason == "ambiguous" for u in report.unresolved)
        check("ambiguous", flagged == expect.ambiguous, expect.ambiguous, flagged)
    if expect.risks is not None:
        count = len(outcome.result.brief.risks)
        check("risks linked", count == expect.risks, expect.risks, count)
    return out
