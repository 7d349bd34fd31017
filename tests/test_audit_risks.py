"""Findings grouped into business risks, priced, and linked to the backlog and the goals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.audit import load_findings
from assistant.audit.defaults import load_risk_defaults
from assistant.domain import Backlog, BacklogItem, Context, Goal, Source, Team
from assistant.errors import InputError
from assistant.facts.provenance import Ledger
from assistant.facts.risks import Risk, group_risks

COLUMNS = ["id", "title", "category", "severity", "component", "effort_days",
           "expected_loss_per_week"]  # fmt: skip
CONTEXT = Context(
    company="Acme",
    language="en",
    teams=(
        Team(name="Platform", people=5, day_rate=800),
        Team(name="Payments", people=4, day_rate=750),
    ),
    source=Source(file="context.yaml"),
)


def item(key: str, title: str, **fields: object) -> BacklogItem:
    return BacklogItem(key=key, title=title, source=Source(file="backlog.csv", key=key), **fields)


BACKLOG = Backlog(
    items={
        i.key: i
        for i in (
            item("PAY-1", "Instant payments", is_epic=True, team="Payments"),
            item("PAY-2", "Bank gateway integration", parent="PAY-1"),
            item("BILL-1", "Carrier invoicing", is_epic=True),
            item("BILL-2", "Invoice PDF export", parent="BILL-1", components=("billing",),
                 team="Platform"),
            item("OPS-1", "Centralised logging", team="Platform"),
        )
    }
)  # fmt: skip
GOALS = [
    Goal(id="G1", title="Instant payment launch", cost_of_delay_per_week=25000,
         depends_on=("PAY-1",)),
    Goal(id="G2", title="Automatic carrier billing", cost_of_delay_per_week=4000,
         depends_on=("BILL-1",)),
    Goal(id="G3", title="Observability", cost_of_delay_per_week=1000, depends_on=("OPS-1",)),
]  # fmt: skip


def audit_csv(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "audit.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for number, row in enumerate(rows, start=1):
            writer.writerow({"id": f"A{number}", "title": f"Finding {number}", **row})
    return path


def security(component: str, *severities: str) -> list[dict]:
    return [{"category": "security", "severity": s, "component": component} for s in severities]


def risks_of(paths: list[Path], *, context: Context = CONTEXT, **options) -> tuple[dict, Ledger]:
    ledger = Ledger()
    found = load_findings(paths)
    risks = group_risks(found.findings, context, BACKLOG, GOALS, ledger, **options)
    return {risk.id: risk for risk in risks}, ledger


def test_findings_become_one_risk_per_category_and_component_worst_first(tmp_path: Path):
    rows = [
        *security("payments", "high", "critical", "high", "high"),
        *security("billing", "low"),
        {"category": "reliability", "severity": "medium", "component": "payments"},
    ]
    risks, ledger = risks_of([audit_csv(tmp_path, rows)])
    assert list(risks) == ["risk.security.payments", "risk.reliability.payments",
                           "risk.security.billing"]  # fmt: skip
    payments = risks["risk.security.payments"]
    assert payments.finding_ids == ("A1", "A2", "A3", "A4")
    assert payments.title["en"] == "4 security vulnerabilities in payments (1 critical, 3 high)."
    assert payments.title["fr"] == "4 failles de sécurité dans payments (1 critique, 3 élevées)."
    assert ledger.figures["risk.security.payments.count"].value == 4
    assert ledger.figures["risk.security.payments.count.high"].value == 3
    assert ledger.figures["risk.security.payments.count"].sources[0] == Source(
        file=str(tmp_path / "audit.csv"), row=2, key="A1"
    )


def test_sonarqube_minutes_become_days_of_8_hours_priced_at_the_named_team_rate(tmp_path: Path):
    issues = [
        {"key": "K1", "rule": "r", "severity": "MAJOR", "effort": "2h30min",
         "component": "shop:payments/api.py"},
        {"key": "K2", "rule": "r", "severity": "MINOR", "debt": "1d 2h",
         "component": "shop:payments/db.py"},
    ]  # fmt: skip
    path = tmp_path / "sonar.json"
    path.write_text(json.dumps({"paging": {}, "issues": issues}), encoding="utf-8")
    risks, ledger = risks_of([path])
    risk = risks["risk.maintainability.payments"]
    assert risk.effort_days == pytest.approx(750 / 60 / 8)  # 150 + 600 minutes
    assert (risk.team, risk.cost) == ("Payments", pytest.approx(750 / 60 / 8 * 750))
    effort = ledger.figures["risk.maintainability.payments.effort_days"]
    assert effort.formula == "750 min ÷ 60 ÷ 8 h/day (2 tool estimates) = 1.56 days"
    assert effort.assumptions == ("effort_hours_per_day",)
    assert "default_effort" not in ledger.assumptions
    cost = ledger.figures["risk.maintainability.payments.cost"]
    assert cost.formula == "1.56 days × 750 EUR/day (team Payments) = 1171.88 EUR"
    assert cost.assumptions == ("team_rate.Payments",)


def test_findings_without_effort_take_the_default_per_severity_as_an_assumption(tmp_path: Path):
    risks, ledger = risks_of([audit_csv(tmp_path, security("payments", "critical", "high", "low"))])
    assert risks["risk.security.payments"].effort_days == 3 + 2 + 0.25
    figure = ledger.figures["risk.security.payments.effort_days"]
    assert "default_effort" in figure.assumptions
    assert ledger.assumptions["default_effort"].params["critical"] == 3


def test_one_upgrade_fixes_every_advisory_of_a_package(tmp_path: Path):
    vulns = [{"name": f"CVE-2024-000{n}", "severity": s}
             for n, s in enumerate(["MEDIUM", "HIGH", "HIGH"], start=1)]  # fmt: skip
    document = {
        "reportSchema": "1.1",
        "projectInfo": {"name": "payments"},
        "dependencies": [{"packages": [{"id": "pkg:npm/lodash@4.17.15"}],
                          "vulnerabilities": vulns}],
    }  # fmt: skip
    path = tmp_path / "dependency-check.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    risks, ledger = risks_of([path])
    assert risks["risk.security.payments"].effort_days == 2  # one high-severity upgrade
    assert (
        "1 high × 2 days (default)" in ledger.figures["risk.security.payments.effort_days"].formula
    )


def test_a_component_owned_through_backlog_items_takes_that_teams_rate(tmp_path: Path):
    risks, _ = risks_of([audit_csv(tmp_path, security("billing", "high"))])
    assert (risks["risk.security.billing"].team, risks["risk.security.billing"].cost) == (
        "Platform",
        2 * 800,
    )


def test_an_unowned_component_is_priced_at_the_mean_day_rate_stated_as_assumption(
    tmp_path: Path,
):
    risks, ledger = risks_of([audit_csv(tmp_path, security("legacy-crm", "high"))])
    risk = risks["risk.security.legacy-crm"]
    assert (risk.team, risk.cost) == (None, 2 * 775)
    assert ledger.figures["risk.security.legacy-crm.cost"].assumptions == ("mean_day_rate",)
    assert ledger.assumptions["mean_day_rate"].params["day_rate"] == 775


def test_without_any_team_the_risk_is_not_priced_and_the_brief_is_told(tmp_path: Path):
    bare = Context(company="Acme")
    risks, ledger = risks_of([audit_csv(tmp_path, security("payments", "high"))], context=bare)
    assert risks["risk.security.payments"].cost is None
    assert "risk.security.payments.cost" not in ledger.figures
    assert [n.code for n in ledger.notices] == ["risk_unpriced"]


def test_risks_link_to_backlog_items_of_their_component_and_the_goals_behind_them(
    tmp_path: Path,
):
    rows = [*security("payments", "high"), *security("billing", "high"), *security("cdn", "low")]
    risks, _ = risks_of([audit_csv(tmp_path, rows)])
    payments = risks["risk.security.payments"]
    assert payments.linked_items == ("PAY-1",)  # team Payments and "Instant payments"
    assert payments.linked_goals == ("G1",)
    assert risks["risk.security.billing"].linked_items == ("BILL-2",)
    assert risks["risk.security.billing"].linked_goals == ("G2",)  # through epic BILL-1
    assert (risks["risk.security.cdn"].linked_items, risks["risk.security.cdn"].linked_goals) == (
        (),
        (),
    )


def test_a_hand_written_finding_without_component_is_a_risk_in_its_own_words():
    risks, ledger = risks_of([Path(__file__).parent / "data" / "audit" / "manual_audit.csv"])
    cloud = risks["risk.cost.a1"]
    assert cloud.title["en"] == "Cloud bill +40% in a year (high severity)."
    assert cloud.title["fr"] == "Cloud bill +40% in a year (gravité élevée)."
    assert (cloud.effort_days, cloud.cost) == (5, 5 * 775)
    assert cloud.expected_loss_per_week == 2500
    assert ledger.figures["risk.cost.a1.expected_loss_per_week"].formula == (
        "2500 stated (1 findings) = 2500 EUR/week"
    )
    billing = risks["risk.maintainability.billing"]
    assert billing.title["en"] == "1 maintainability issue in billing (1 critical)."
    assert billing.title["fr"] == "1 problème de maintenabilité dans billing (1 critique)."
    assert billing.expected_loss_per_week is None  # no default for maintainability


def test_expected_loss_uses_the_shipped_defaults_table_for_security(tmp_path: Path):
    path = audit_csv(tmp_path, security("payments", "critical", "high"))
    risks, ledger = risks_of([path], defaults=load_risk_defaults())
    assert risks["risk.security.payments"].expected_loss_per_week == 1727 + 432
    figure = ledger.figures["risk.security.payments.expected_loss_per_week"]
    assert figure.assumptions == ("default_expected_loss",)


def test_defaults_in_another_currency_are_not_converted(tmp_path: Path):
    dollars = CONTEXT.model_copy(update={"currency": "USD"})
    path = audit_csv(tmp_path, security("payments", "critical"))
    risks, ledger = risks_of([path], context=dollars, defaults=load_risk_defaults())
    assert risks["risk.security.payments"].expected_loss_per_week is None
    assert [n.code for n in ledger.notices] == ["risk_defaults_currency"]


def test_a_category_keeps_its_worst_components_and_folds_the_rest(tmp_path: Path):
    rows = [*security("payments", "critical"), *security("billing", "high"),
            *security("cdn", "low"), *security("crm", "medium", "low")]  # fmt: skip
    risks, _ = risks_of([audit_csv(tmp_path, rows)], max_per_category=2)
    assert list(risks) == ["risk.security.payments", "risk.security.billing", "risk.security.other"]
    other: Risk = risks["risk.security.other"]
    assert other.finding_ids == ("A4", "A5", "A3")  # crm ranks before cdn
    assert other.title["en"] == "3 security vulnerabilities in other components (1 medium, 2 low)."


def test_shipped_risk_defaults_load_and_bad_values_point_at_their_line(tmp_path: Path):
    defaults = load_risk_defaults()
    assert defaults.effort_days_per_finding["high"] == 2 and defaults.currency == "EUR"
    bad = tmp_path / "risk_defaults.yaml"
    bad.write_text(
        "currency: EUR\neffort_days_per_finding:\n  critical: 3\n  high: lots\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        load_risk_defaults(bad)
    assert error.value.where == "line 4"


rows = st.lists(
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(["security", "reliability", "cost", "compliance"]),
            "severity": st.sampled_from(["critical", "high", "medium", "low", "info"]),
            "component": st.sampled_from(["", "payments", "billing", "cdn", "crm", "legacy"]),
            "effort_days": st.sampled_from(["", "0.5", "3"]),
        }
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(audit=rows, limit=st.integers(1, 4))
def test_every_finding_lands_in_exactly_one_risk_and_cost_is_effort_times_rate(
    tmp_path: Path, audit: list[dict], limit: int
):
    risks, ledger = risks_of([audit_csv(tmp_path, audit)], max_per_category=limit)
    ids = [finding for risk in risks.values() for finding in risk.finding_ids]
    assert sorted(ids) == sorted(f"A{n}" for n in range(1, len(audit) + 1))
    for risk in risks.values():
        assert sum(risk.counts.values()) == ledger.figures[f"{risk.id}.count"].value
        rate = CONTEXT.team(risk.team).day_rate if risk.team else 775
        assert risk.cost == pytest.approx(risk.effort_days * rate)
