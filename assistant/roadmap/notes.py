"""The roadmap's warnings as codes and parameters, worded at render time in the output's
language with the right plurals (never "semaine(s)")."""

from __future__ import annotations

from typing import Any

from assistant.facts.provenance import Notice
from assistant.narration.formatting import format_money, format_number, format_weeks


def note(code: str, **params: Any) -> Notice:
    return Notice(code=f"roadmap.{code}", params=params)


def plural(n: float, one: str, many: str) -> str:
    return one if abs(n) < 2 else many


def _n(value: Any, lang: str) -> str:
    return format_number(float(value), lang) if isinstance(value, int | float) else str(value)


def word(notice: Notice, lang: str, name: Any = None) -> str | None:
    """The sentence of a roadmap notice, or None for a code this module does not know.
    `name(key)` turns a package id into what the reader should see (a title for COMEX)."""
    p = notice.params
    name = name or (lambda key: key)
    code = notice.code.removeprefix("roadmap.")
    fr = lang == "fr"
    if code == "default_item_days":
        n = p["items"]
        if fr:
            return (f"{_n(n, lang)} {plural(n, 'élément', 'éléments')} sans estimation ni points : "
                    f"{_n(p['days'], lang)} jours-personne chacun par défaut.")  # fmt: skip
        return (f"{_n(n, lang)} open {plural(n, 'item has', 'items have')} no estimate or usable "
                f"points: {_n(p['days'], lang)} person-days assumed each.")  # fmt: skip
    if code == "unassigned":
        n = p["packages"]
        if fr:
            return (f"{_n(n, lang)} {plural(n, 'lot ne correspond', 'lots ne correspondent')} à "
                    "aucune équipe du contexte : ils vont à l'équipe par défaut.")  # fmt: skip
        return (f"{_n(n, lang)} {plural(n, 'package matches', 'packages match')} no context team:"
                " they go to the default team.")  # fmt: skip
    if code == "goal_without_work":
        goal = p["goal"]
        if fr:
            return f"L'objectif « {goal} » ne dépend d'aucun élément ouvert du backlog."
        return f"Goal “{goal}” depends on no open backlog item."
    if code == "risk_default_loss":
        risk = name(p["risk"])
        loss = format_money(float(p["loss"]), p.get("currency", ""), lang).strip()
        if fr:
            return f"{risk} : aucune perte attendue donnée, {loss} par semaine retenus."
        return f"{risk}: no expected loss stated, {loss} per week assumed."
    if code == "deadline_moved":
        if fr:
            return f"{name(p['package'])} avancé pour tenir son échéance fixe."
        return f"{name(p['package'])} moved up to meet its fixed deadline."
    if code == "cycle":
        if fr:
            return f"Cycle de dépendances par {name(p['package'])} : ses bloqueurs sont ignorés."
        return f"Dependency cycle through {name(p['package'])}: its blockers were ignored."
    if code == "no_teams":
        if fr:
            return "Le contexte ne donne aucune équipe : une équipe d'une personne, sans coûts."
        return "The context has no teams: one default team of 1 person, no costs."
    if code == "no_velocity":
        if fr:
            return "Le contexte ne donne pas de vélocité : les points ne peuvent pas dimensionner."
        return "The context has no velocity: story points cannot size items."
    if code == "no_goals":
        if fr:
            return "Aucun objectif : aucun lot ne porte de coût du retard d'objectif."
        return "No goals: no package has a cost of delay from goals."
    if code == "no_cost_of_delay":
        if fr:
            return "Aucun lot ne porte de coût du retard : l'ordre est celui du backlog."
        return "No package carries a cost of delay: the order is the backlog's."
    if code == "goal_late":
        goal, weeks = p["goal"], format_weeks(float(p["weeks"]), lang)
        if fr:
            return f"L'objectif « {goal} » est prévu {weeks} après son échéance."
        return f"Goal “{goal}” is planned {weeks} after its deadline."
    if code == "ahead_of_plan":
        goal, weeks = p["goal"], format_weeks(float(p["weeks"]), lang)
        if fr:
            return (f"« {goal} » : le plan de capacité le livre {weeks} avant le plan actuel ; "
                    "l'écart est du travail absent du backlog, ou de la marge.")  # fmt: skip
        return (f"“{goal}”: the capacity plan delivers it {weeks} before the current plan; the "
                "gap is work the backlog does not hold, or slack.")  # fmt: skip
    if code == "input_warnings":
        n = p["count"]
        if fr:
            return (f"{_n(n, lang)} {plural(n, 'avertissement', 'avertissements')} de lecture "
                    "des fichiers (détail dans la version JSON).")  # fmt: skip
        return f"{_n(n, lang)} file reading {plural(n, 'warning', 'warnings')} (see the JSON)."
    return None


def english(notice: Notice) -> str:
    """The English sentence, for `RoadmapPlan.warnings` (the JSON, the CLI's logs)."""
    return word(notice, "en") or notice.code
