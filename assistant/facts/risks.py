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

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import Field, model_validator

from assistant.audit.models import MANUAL_TOOL as MANUAL
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
from assistant.lang import registry
from assistant.localized import Localized, fold_languages, localized
from assistant.prompts import phrase

_GENERAL, _OTHER = "general", "other"
_GENERIC_WORDS = {"service", "svc", "api", "app", "module", "lib", "core", "common", "backend"}


class Risk(Frozen):
    """One business risk; each number in it is also a Figure `risk.<...>.<name>` in the ledger."""

    id: str
    category: Category
    component: str | None
    title: Localized = Field(description="One line by language: how many, of what, where.")
    finding_ids: tuple[str, ...]
    counts: dict[Severity, int]
    effort_days: float
    team: str | None = None
    cost: float | None = None
    currency: str
    expected_loss_per_week: float | None = None
    linked_items: tuple[str, ...] = ()
    linked_goals: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _saved_titles(cls, data: object) -> object:
        """Briefs saved with `title_fr`/`title_en` still load."""
        return fold_languages(data, title="title")

    def title_in(self, language: str) -> str:
        return localized(self.title, language)


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
        risks.append(
            Risk(
                id=rid,
                category=members[0].category,
                component=component,
                title={
                    lang: _title(lang, rid, component, members, counts)
                    for lang in registry.worded()
                },
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


def _say(language: str, key: str, **params: object) -> str:
    """The phrase `key` of the `risk` section of prompts/phrases.<language>.v1.yaml."""
    return phrase(language, "risk", key, **params)


def _noun(language: str, category: Category, count: int) -> str:
    return _say(language, f"noun.{category}", many=count > 1)


def _grade(language: str, severity: Severity, agrees_with: str, count: int = 1) -> str:
    """The severity as an adjective agreeing with `agrees_with` (a category, or "severity")."""
    gender = _say(language, f"gender.{agrees_with}")
    return _say(language, f"grade.{severity}", severity=str(severity), gender=gender,
                many=count > 1)  # fmt: skip


def _where(language: str, component: str | None, other: bool = False) -> str:
    if other:
        return _say(language, "where.other")
    if component:
        return _say(language, "where.component", component=component)
    return _say(language, "where.everywhere")


def _title(
    language: str, rid: str, component: str | None, members: list[Finding],
    counts: dict[Severity, int],
) -> str:  # fmt: skip
    """The one-line title in `language`: how many, of what, where, by severity."""
    first, n = members[0], len(members)
    if n == 1 and first.tool == MANUAL and not component:
        grade = _grade(language, first.severity, "severity")
        return _say(language, "title_manual", title=first.title, grade=grade)
    category = first.category
    by = _say(language, "count_join").join(
        _say(language, "count", count=counts[s], grade=_grade(language, s, category, counts[s]))
        for s in SEVERITY_ORDER
        if counts[s]
    )
    where = _where(language, component, other=rid.endswith(f".{_OTHER}"))
    return _say(language, "title", n=n, noun=_noun(language, category, n), where=where, by=by)


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
    if not members:
        return risk.title_in(language).rstrip(". ")
    worst = min(members, key=lambda f: (SEVERITY_ORDER.index(f.severity), f.id))
    main = worst.title.rstrip(". ")
    if len(members) == 1 and worst.tool == MANUAL and not risk.component:
        return main
    n, category = len(members), risk.category
    grade = _grade(language, worst.severity, category)
    where = _where(language, risk.component)
    if n == 1:
        noun = _noun(language, category, 1)
        return _say(language, "named_one", noun=noun, grade=grade, where=where, main=main)
    return _say(language, "named_many", n=n, noun=_noun(language, category, n),
                one=_noun(language, category, 1), grade=grade, where=where, main=main)  # fmt: skip
