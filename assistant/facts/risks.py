"""Audit findings as a few priced business risks a COMEX can read.

Hundreds of scanner findings say nothing to a board; "12 security vulnerabilities in payments
(3 critical, 9 high)", with the days and money to fix them, does. Findings are grouped by
(category, component); each category keeps its `max_per_category` worst groups and folds the
rest into one "other components" risk, so the brief stays short. A hand-written finding with
no component is a risk of its own: the CTO already wrote it at business level.

A risk is linked to the backlog items of its component (by component, team or title words)
and to the goals depending on those items or their epics, so the brief can say which goal a
risk threatens. Pure: no I/O, no clock; numbers are computed in `risk_pricing`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from assistant.audit.generic import TOOL as MANUAL
from assistant.audit.models import SEVERITY_ORDER, Category, Finding, RiskDefaults, Severity
from assistant.domain import Backlog, Context, Frozen, Goal, Team
from assistant.facts.language import fold, terms
from assistant.facts.money import team_of
from assistant.facts.provenance import Ledger
from assistant.facts.risk_pricing import (
    cost_figure,
    count_figures,
    effort_figure,
    expected_loss_figure,
)

_GENERAL, _OTHER = "general", "other"
_GENERIC_WORDS = {"service", "svc", "api", "app", "module", "lib", "core", "common", "backend"}
# en singular, en plural, fr singular, fr plural, fr noun is feminine
_NOUNS = {
    Category.SECURITY: ("security vulnerability", "security vulnerabilities",
                        "faille de sécurité", "failles de sécurité", True),
    Category.RELIABILITY: ("reliability defect", "reliability defects",
                           "défaut de fiabilité", "défauts de fiabilité", False),
    Category.MAINTAINABILITY: ("maintainability issue", "maintainability issues",
                               "problème de maintenabilité", "problèmes de maintenabilité", False),
    Category.COST: ("cost risk", "cost risks", "risque de coût", "risques de coût", False),
    Category.COMPLIANCE: ("compliance gap", "compliance gaps",
                          "écart de conformité", "écarts de conformité", False),
}  # fmt: skip
_FR_SEVERITY = {
    Severity.CRITICAL: ("critique", "critique"),
    Severity.HIGH: ("élevé", "élevée"),
    Severity.MEDIUM: ("moyen", "moyenne"),
    Severity.LOW: ("faible", "faible"),
    Severity.INFO: ("informatif", "informative"),
}


class Risk(Frozen):
    """One business risk; each number in it is also a Figure `risk.<...>.<name>` in the ledger."""

    id: str
    category: Category
    component: str | None
    title_fr: str
    title_en: str
    finding_ids: tuple[str, ...]
    counts: dict[Severity, int]
    effort_days: float
    team: str | None = None
    cost: float | None = None
    currency: str
    expected_loss_per_week: float | None = None
    linked_items: tuple[str, ...] = ()
    linked_goals: tuple[str, ...] = ()

    def title_in(self, language: str) -> str:
        return self.title_fr if language == "fr" else self.title_en


def group_risks(
    findings: Iterable[Finding],
    context: Context,
    backlog: Backlog | None,
    goals: Sequence[Goal],
    ledger: Ledger,
    *,
    defaults: RiskDefaults | None = None,
    max_per_category: int = 5,
) -> list[Risk]:
    """The risks, worst first (most critical findings, then most high, ...), all recorded."""
    defaults = defaults or RiskDefaults()
    backlog = backlog or Backlog(items={})
    risks = []
    for rid, component, members in _groups(list(findings), max_per_category):
        counts = count_figures(rid, members, ledger)
        effort = effort_figure(rid, members, defaults, ledger)
        team = _owner(component, context, backlog)
        items = _linked_items(component, backlog)
        title_en, title_fr = _titles(rid, component, members, counts)
        risks.append(
            Risk(
                id=rid,
                category=members[0].category,
                component=component,
                title_fr=title_fr,
                title_en=title_en,
                finding_ids=tuple(f.id for f in members),
                counts=counts,
                effort_days=effort,
                team=team.name if team else None,
                cost=cost_figure(rid, effort, team, context, ledger),
                currency=context.currency,
                expected_loss_per_week=expected_loss_figure(
                    rid, members, defaults, context, ledger
                ),
                linked_items=items,
                linked_goals=_linked_goals(items, backlog, goals),
            )
        )
    return sorted(risks, key=lambda risk: (_rank(risk.counts), risk.id))


def _groups(findings: list[Finding], limit: int) -> list[tuple[str, str | None, list[Finding]]]:
    """(risk id, component, findings) per group, the overflow of a category folded."""
    groups: dict[tuple[Category, str], tuple[str | None, list[Finding]]] = {}
    for finding in findings:
        if finding.component:
            key = _slug(finding.component)
        else:
            key = _slug(finding.id) if finding.tool == MANUAL else _GENERAL
        groups.setdefault((finding.category, key), (finding.component, []))[1].append(finding)
    result: list[tuple[str, str | None, list[Finding]]] = []
    for category in Category:
        ranked = sorted(
            ((key, *value) for (cat, key), value in groups.items() if cat is category),
            key=lambda group: (_rank(_counts(group[2])), group[0]),
        )
        for key, component, members in ranked[:limit]:
            result.append((f"risk.{category}.{key}", component, members))
        if overflow := [f for _, _, members in ranked[limit:] for f in members]:
            result.append((f"risk.{category}.{_OTHER}", None, overflow))
    return result


def _owner(component: str | None, context: Context, backlog: Backlog) -> Team | None:
    """The context team named like the component, else the usual team of its backlog items."""
    if not component:
        return None
    if team := context.team(component):
        return team
    wanted = fold(component).strip()
    owners: Counter[str] = Counter()
    for item in backlog.items.values():
        if wanted in {fold(c).strip() for c in item.components}:
            owner = team_of(item, backlog, context)
            if owner:
                owners[owner[0].name] += 1
    if not owners:
        return None
    return context.team(min(owners, key=lambda name: (-owners[name], name)))


def _linked_items(component: str | None, backlog: Backlog) -> tuple[str, ...]:
    """Items whose component or team is the risk's component, or whose title names it."""
    if not component:
        return ()
    name = fold(component).strip()
    wanted = {word for word in terms(component) if word not in _GENERIC_WORDS}
    return tuple(
        item.key
        for item in backlog.items.values()
        if name in {fold(c).strip() for c in (*item.components, item.team or "")}
        or (wanted and wanted <= set(terms(item.title)))
    )


def _linked_goals(
    items: tuple[str, ...], backlog: Backlog, goals: Sequence[Goal]
) -> tuple[str, ...]:
    """Goals depending on a linked item or on one of its epics (parents, recursively)."""
    reached = set(items)
    for key in items:
        item = backlog.get(key)
        while item is not None and item.parent and item.parent not in reached:
            reached.add(item.parent)
            item = backlog.get(item.parent)
    return tuple(goal.id for goal in goals if reached & set(goal.depends_on))


def _titles(
    rid: str, component: str | None, members: list[Finding], counts: dict[Severity, int]
) -> tuple[str, str]:
    """(English, French) one-line titles: how many, of what, where, by severity."""
    first, n = members[0], len(members)
    if n == 1 and first.tool == MANUAL and not component:
        grade = _FR_SEVERITY[first.severity][1]
        return f"{first.title} ({first.severity} severity).", f"{first.title} (gravité {grade})."
    en_one, en_many, fr_one, fr_many, feminine = _NOUNS[first.category]
    if rid.endswith(f".{_OTHER}"):
        where_en, where_fr = "in other components", "dans d'autres composants"
    elif component:
        where_en, where_fr = f"in {component}", f"dans {component}"
    else:
        where_en, where_fr = "across the code base", "dans l'ensemble du code"
    present = [s for s in SEVERITY_ORDER if counts[s]]
    by_en = ", ".join(f"{counts[s]} {s}" for s in present)
    by_fr = ", ".join(
        f"{counts[s]} {_FR_SEVERITY[s][int(feminine)]}{'s' if counts[s] > 1 else ''}"
        for s in present
    )
    return (
        f"{n} {en_one if n == 1 else en_many} {where_en} ({by_en}).",
        f"{n} {fr_one if n == 1 else fr_many} {where_fr} ({by_fr}).",
    )


def _counts(members: list[Finding]) -> dict[Severity, int]:
    found = Counter(f.severity for f in members)
    return {s: found[s] for s in SEVERITY_ORDER}


def _rank(counts: dict[Severity, int]) -> tuple[int, ...]:
    return tuple(-counts[s] for s in SEVERITY_ORDER)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or _GENERAL


def finding_title(risk: Risk, findings: Iterable[Finding], language: str) -> str:
    """The risk named by its main (worst) finding, in `language`: "faille critique dans
    Platform : injection SQL dans /login"; with more findings, how many and the worst one."""
    members = [f for f in findings if f.id in set(risk.finding_ids)]
    if not members or risk.category not in _NOUNS:
        return risk.title_in(language).rstrip(". ")
    worst = min(members, key=lambda f: (SEVERITY_ORDER.index(f.severity), f.id))
    main = worst.title.rstrip(". ")
    if len(members) == 1 and worst.tool == MANUAL and not risk.component:
        return main
    en_one, en_many, fr_one, fr_many, feminine = _NOUNS[risk.category]
    where_en = f"in {risk.component}" if risk.component else "across the code base"
    where_fr = f"dans {risk.component}" if risk.component else "dans l'ensemble du code"
    n = len(members)
    if language == "fr":
        grade = _FR_SEVERITY[worst.severity][int(feminine)]
        if n == 1:
            return f"{fr_one.capitalize()} {grade} {where_fr} : {main}"
        return f"{n} {fr_many} {where_fr}, dont {fr_one} {grade} : {main}"
    if n == 1:
        return f"{str(worst.severity).capitalize()} {en_one} {where_en}: {main}"
    return f"{n} {en_many} {where_en}, worst {worst.severity}: {main}"
