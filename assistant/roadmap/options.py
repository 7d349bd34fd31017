"""Priced alternatives for the committee, each with its spend, cost of delay and goal dates.

- `recommended`: the chosen method's order (CD3 by default).
- `risks_first`: the critical risks (else the high ones) first, then the recommended order.
- `contractor`: one contractor for CONTRACTOR_WEEKS on the team that finishes the top goal
  (highest CoD per week) last; cost = the team's day rate × working days; the team works
  (people + 1) ÷ people times faster meanwhile.
- `cut_scope`: drop the largest open item of the top goal that blocks nothing (and is not its
  package's root); the value of the cut scope is not priced.
- `naive`: backlog order, added only when fewer than four options exist.
The recommendation is the option with the lowest spend + total cost of delay; ties go to the
earlier option in the list above. `cut_scope` is never recommended: the value lost with the
cut item is not priced, so its lower cost of delay is not a like-for-like comparison.
"""

from __future__ import annotations

import datetime as dt

from assistant.domain import Goal
from assistant.facts.provenance import fmt_number
from assistant.roadmap.models import Option, WorkPackage
from assistant.roadmap.packages import PackageSet
from assistant.roadmap.scheduling import milestones, schedule, total_cost_of_delay

CONTRACTOR_WEEKS = 12.0
UNPRICED = {"cut_scope"}  # the value of what is cut is unknown: the committee judges it


def build_options(
    pset: PackageSet,
    goals: list[Goal],
    priority: list[str],
    naive: list[str],
    *,
    critical_risks: list[str],
    start: dt.date,
    working_days_per_week: float,
    currency: str,
) -> list[Option]:
    packages = pset.packages

    def priced(oid: str, fr: str, en: str, cost: float, order: list[str], pkgs=packages,
               boost=None) -> Option:  # fmt: skip
        plan = schedule(pkgs, order, boost=boost)
        dates = {m.goal: m.planned for m in milestones(goals, pkgs, plan, start=start)}
        return Option(
            id=oid,
            title_fr=fr,
            title_en=en,
            cost=cost,
            cost_of_delay=total_cost_of_delay(pkgs, plan.finish_week),
            goal_dates=dates,
        )

    options = [priced("recommended", "Ordre recommandé", "Recommended order", 0.0, priority)]
    if critical_risks:
        first = critical_risks + [p for p in priority if p not in critical_risks]
        options.append(priced("risks_first", "Corriger d'abord les risques critiques",
                              "Fix the critical risks first", 0.0, first))  # fmt: skip
    top = max(goals, key=lambda g: (g.cost_of_delay_per_week, g.id), default=None)
    base = schedule(packages, priority)
    served = [p for p in packages if top and top.id in p.goals]
    if served:
        last = max(served, key=lambda p: (base.finish_week[p.id], p.id))
        people, rate = pset.crew.get(last.team or "", (0.0, None))
        if rate and people:
            days = CONTRACTOR_WEEKS * working_days_per_week
            boost = {last.team or "": ((people + 1) / people, CONTRACTOR_WEEKS)}
            options.append(priced(
                "contractor",
                f"Ajouter un prestataire à l'équipe {last.team} pendant "
                f"{fmt_number(CONTRACTOR_WEEKS)} semaines",
                f"Add a contractor to team {last.team} for {fmt_number(CONTRACTOR_WEEKS)} weeks",
                days * rate, priority, boost=boost,
            ))  # fmt: skip
        if cut := _cut_candidate(served, pset):
            pid, key = cut
            pkgs = [_without(p, key, pset, working_days_per_week) if p.id == pid else p
                    for p in packages]  # fmt: skip
            options.append(priced("cut_scope", f"Réduire le périmètre : retirer {key}",
                                  f"Cut scope: drop {key}", 0.0, priority, pkgs))  # fmt: skip
    if len(options) < 4:
        options.append(priced("naive", "Ordre du backlog", "Backlog order", 0.0, naive))
    return _recommend(options, currency)


def _cut_candidate(served: list[WorkPackage], pset: PackageSet) -> tuple[str, str] | None:
    blocking = {b for p in pset.packages for b in p.blocked_by}
    candidates = [
        (pset.item_days.get(key, 0.0), p.id, key)
        for p in served if p.kind != "risk" and p.id not in blocking
        for key in p.items if key != p.id and key in pset.item_days
    ]  # fmt: skip
    if not candidates:
        return None
    _, pid, key = max(candidates, key=lambda c: (c[0], c[2]))
    return pid, key


def _without(p: WorkPackage, key: str, pset: PackageSet, wdpw: float) -> WorkPackage:
    days = pset.item_days[key]
    people = pset.crew.get(p.team or "", (1.0, None))[0]
    effort = max(0.0, (p.effort_person_days or 0.0) - days)
    return p.model_copy(update={
        "size_weeks": max(0.0, p.size_weeks - days / people / wdpw),
        "effort_person_days": effort,
        "items": tuple(k for k in p.items if k != key),
    })  # fmt: skip


def _recommend(options: list[Option], currency: str) -> list[Option]:
    """The eligible option with the lowest spend plus cost of delay; reasons in both languages,
    amounts in each language's format."""
    from assistant.narration.formatting import format_money

    def money(value: float, lang: str) -> str:
        return format_money(value, currency, lang)

    totals = [o.cost + o.cost_of_delay for o in options]
    eligible = [i for i, o in enumerate(options) if o.id not in UNPRICED] or [0]
    best = min(eligible, key=lambda i: (totals[i], i))
    others = sorted(totals[i] for i in eligible if i != best)
    result = []
    for i, option in enumerate(options):
        if i == best:
            nxt = {lang: money(others[0], lang) if others else "—" for lang in ("en", "fr")}
            option = option.model_copy(update={
                "recommended": True,
                "reason_en": f"Lowest spend plus cost of delay: {money(totals[best], 'en')}, "
                             f"against {nxt['en']} for the next best option.",
                "reason_fr": f"Plus faible dépense plus coût du retard : {money(totals[best], 'fr')}, "
                             f"contre {nxt['fr']} pour la meilleure autre option.",
            })  # fmt: skip
        elif option.id in UNPRICED:
            saved = totals[best] - totals[i]
            option = option.model_copy(update={
                "reason_en": f"Saves {money(saved, 'en')} of cost of delay, but the value of the "
                             "dropped scope is not priced: the committee judges it.",
                "reason_fr": f"Économise {money(saved, 'fr')} de coût du retard, mais la valeur du "
                             "périmètre retiré n'est pas chiffrée : au comité d'en juger.",
            })  # fmt: skip
        else:
            gap = totals[i] - totals[best]
            option = option.model_copy(update={
                "reason_en": f"Costs {money(gap, 'en')} more (spend plus cost of delay).",
                "reason_fr": f"Coûte {money(gap, 'fr')} de plus (dépense plus coût du retard).",
            })  # fmt: skip
        result.append(option)
    return result
