"""The numbers of a risk, each recorded as a Figure with its formula, inputs and sources.

Effort: hand-written days as given; tool minutes ÷ 60 ÷ hours per day (SonarQube's 8-hour
day); otherwise a default per severity, stated as the `default_effort` assumption, charged
once per vulnerable package (one upgrade fixes all its advisories) or per finding. Cost:
effort × the owning team's day rate, or the mean day rate of the context's teams
(`mean_day_rate`). Expected loss per week: a finding's own figure, else the optional
category × severity table of knowledge/risk_defaults.yaml (`default_expected_loss`).
Pure: the caller passes everything in.
"""

from __future__ import annotations

from collections import Counter

from assistant.audit.models import SEVERITY_ORDER, Finding, RiskDefaults, Severity
from assistant.domain import Context, Source, Team
from assistant.facts.provenance import Assumption, Figure, FigureInput, Ledger, fmt_number


def count_figures(rid: str, members: list[Finding], ledger: Ledger) -> dict[Severity, int]:
    """`<rid>.count` and `<rid>.count.<severity>`: the numbers a risk's title shows."""
    found = Counter(f.severity for f in members)
    counts = {s: found[s] for s in SEVERITY_ORDER}
    present = [s for s in SEVERITY_ORDER if counts[s]]
    breakdown = " + ".join(f"{counts[s]} {s}" for s in present)
    total = len(members)
    formula = f"{breakdown} = {total} findings"
    _record(ledger, (f"{rid}.count", "findings in the risk"), total, "findings", formula, members)
    for severity in present:
        chosen = [f for f in members if f.severity is severity]
        assumed = any(f.severity_assumed for f in chosen)
        if assumed:
            ledger.assume(Assumption(id="default_severity", params={"severity": "medium"}))
        _record(
            ledger,
            (f"{rid}.count.{severity}", f"{severity} findings in the risk"),
            counts[severity],
            "findings",
            f"{counts[severity]} findings rated {severity}",
            chosen,
            ("default_severity",) if assumed else (),
        )
    return counts


def effort_figure(
    rid: str, members: list[Finding], defaults: RiskDefaults, ledger: Ledger
) -> float:
    hours, table = defaults.effort_hours_per_day, defaults.effort_days_per_finding
    by_hand = [f.effort_days for f in members if f.effort_days is not None]
    timed = [f for f in members if f.effort_days is None and f.effort_minutes is not None]
    fixes = _default_fixes(
        [f for f in members if f.effort_days is None and f.effort_minutes is None]
    )
    parts: list[str] = []
    assumptions: list[str] = []
    value = float(sum(by_hand))
    if by_hand:
        parts.append(f"{fmt_number(value)} days estimated by hand ({len(by_hand)} findings)")
    if timed:
        minutes = sum(f.effort_minutes or 0 for f in timed)
        value += minutes / 60 / hours
        parts.append(
            f"{fmt_number(minutes)} min ÷ 60 ÷ {fmt_number(hours)} h/day "
            f"({len(timed)} tool estimates)"
        )
        hours_assumption = Assumption(id="effort_hours_per_day", params={"hours": hours})
        assumptions.append(ledger.assume(hours_assumption))
    for severity in (s for s in SEVERITY_ORDER if fixes[s]):
        value += fixes[severity] * table[severity]
        parts.append(f"{fixes[severity]} {severity} × {fmt_number(table[severity])} days (default)")
    if fixes:
        params = {str(s): table[s] for s in SEVERITY_ORDER}
        assumptions.append(ledger.assume(Assumption(id="default_effort", params=params)))
    formula = f"{' + '.join(parts)} = {fmt_number(value)} days"
    fid = (f"{rid}.effort_days", "effort to fix the risk")
    _record(ledger, fid, value, "days", formula, members, tuple(assumptions))
    return value


def _default_fixes(findings: list[Finding]) -> Counter[Severity]:
    """Fixes to charge a default effort for, by severity: one per finding, except that one
    upgrade fixes every advisory of a dependency, charged once at its worst severity."""
    worst: dict[str, Severity] = {}
    fixes: Counter[Severity] = Counter()
    for finding in findings:
        if finding.package:
            current = worst.get(finding.package, Severity.INFO)
            worst[finding.package] = min(current, finding.severity, key=SEVERITY_ORDER.index)
        else:
            fixes[finding.severity] += 1
    fixes.update(worst.values())
    return fixes


def cost_figure(
    rid: str, effort: float, team: Team | None, context: Context, ledger: Ledger
) -> float | None:
    """effort × day rate; None (and a notice) when the context has no team to take a rate from."""
    file = context.source.file if context.source else "context.yaml"
    if team is not None:
        rate, how = team.day_rate, f"team {team.name}"
        assumption = Assumption(
            id=f"team_rate.{team.name}",
            params={"team": team.name, "people": team.people, "day_rate": team.day_rate},
            source=Source(file=file, key=team.name, field="teams"),
        )
    elif context.teams:
        rate = sum(t.day_rate for t in context.teams) / len(context.teams)
        how = f"mean day rate of {len(context.teams)} teams"
        names = ", ".join(t.name for t in context.teams)
        assumption = Assumption(
            id="mean_day_rate",
            params={"day_rate": round(rate, 2), "teams": names},
            source=Source(file=file, field="teams"),
        )
    else:
        ledger.notice("risk_unpriced", risk=rid)
        return None
    cur, value = context.currency, effort * rate
    rate_source = Source(file=file, key=team.name if team else None, field="day_rate")
    ledger.add(
        Figure(
            id=f"{rid}.cost",
            label="cost to fix the risk",
            value=value,
            unit=cur,
            formula=(
                f"{fmt_number(effort)} days × {fmt_number(rate)} {cur}/day ({how}) = "
                f"{fmt_number(value)} {cur}"
            ),
            inputs=(
                FigureInput(name=f"{rid}.effort_days", value=effort, unit="days"),
                FigureInput(name="day_rate", value=rate, unit=cur, source=rate_source),
            ),
            sources=(rate_source,),
            assumptions=(ledger.assume(assumption),),
        )
    )
    return value


def expected_loss_figure(
    rid: str, members: list[Finding], defaults: RiskDefaults, context: Context, ledger: Ledger
) -> float | None:
    """Stated losses plus table defaults; None when no finding of the risk has either."""
    table = defaults.expected_loss_per_week
    if table and defaults.currency != context.currency:
        ledger.notice("risk_defaults_currency", expected=defaults.currency, found=context.currency)
        table = {}
    own = [f.expected_loss_per_week for f in members if f.expected_loss_per_week is not None]
    rest = Counter((f.category, f.severity) for f in members if f.expected_loss_per_week is None)
    known = {k: v for k in rest if (v := table.get(k[0], {}).get(k[1])) is not None}
    if not own and not known:
        return None
    value = float(sum(own)) + sum(rest[k] * v for k, v in known.items())
    parts = [f"{fmt_number(sum(own))} stated ({len(own)} findings)"] if own else []
    known = dict(sorted(known.items(), key=lambda kv: SEVERITY_ORDER.index(kv[0][1])))
    parts += [f"{rest[k]} {k[0]} {k[1]} × {fmt_number(v)} (default)" for k, v in known.items()]
    if unknown := sum(n for k, n in rest.items() if k not in known):
        parts.append(f"{unknown} findings not estimated")
    assumptions: tuple[str, ...] = ()
    if known:
        default = Assumption(id="default_expected_loss", params={"source": defaults.source})
        assumptions = (ledger.assume(default),)
    cur = context.currency
    formula = f"{' + '.join(parts)} = {fmt_number(value)} {cur}/week"
    fid = (f"{rid}.expected_loss_per_week", "expected loss per week while the risk stays open")
    _record(ledger, fid, value, cur, formula, members, assumptions)
    return value


def _record(
    ledger: Ledger,
    fid: tuple[str, str],
    value: float,
    unit: str,
    formula: str,
    members: list[Finding],
    assumptions: tuple[str, ...] = (),
) -> None:
    """A figure (`fid` is its id and label) sourced by its findings: file, position, key."""
    ledger.add(
        Figure(
            id=fid[0],
            label=fid[1],
            value=float(value),
            unit=unit,
            formula=formula,
            sources=tuple(dict.fromkeys(f.source for f in members)),
            assumptions=assumptions,
        )
    )
