"""The hand-written audit: a CSV or YAML a CTO fills in for what no scanner sees.

"Cloud bill +40% in a year", "no automated tests", "one developer knows the billing code":
the risks that matter most to a COMEX rarely come out of a tool. Fields (CSV columns, or YAML
keys of each item of a list or of a `findings:` list), names case-insensitive:

    id, title, category, severity        required
    component, effort_days, description, expected_loss_per_week   optional

category: security, reliability, maintainability, cost, compliance (or sécurité, fiabilité,
maintenabilité, coût, conformité); severity: critical, high, medium, low, info (or critique,
élevée/haute, moyenne, faible/basse). effort_days is in person-days, expected_loss_per_week in
the context's currency.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.audit.common import Format, Parsed, make_finding, mapping
from assistant.audit.models import MANUAL_TOOL, Category, Finding, Severity
from assistant.domain import Source
from assistant.errors import InputError
from assistant.loaders.table import Table
from assistant.loaders.values import fold, parse_number
from assistant.loaders.yamldoc import YamlDoc

TOOL = MANUAL_TOOL
REQUIRED = ("id", "title", "category", "severity")
OPTIONAL = "component, effort_days, description, expected_loss_per_week"
_CATEGORIES = {
    **{c.value: c for c in Category},
    "securite": Category.SECURITY,
    "fiabilite": Category.RELIABILITY,
    "maintenabilite": Category.MAINTAINABILITY,
    "cout": Category.COST,
    "couts": Category.COST,
    "conformite": Category.COMPLIANCE,
}
_SEVERITIES = {
    **{s.value: s for s in Severity},
    "critique": Severity.CRITICAL,
    "elevee": Severity.HIGH,
    "eleve": Severity.HIGH,
    "haute": Severity.HIGH,
    "haut": Severity.HIGH,
    "moyenne": Severity.MEDIUM,
    "moyen": Severity.MEDIUM,
    "moderate": Severity.MEDIUM,
    "faible": Severity.LOW,
    "basse": Severity.LOW,
    "bas": Severity.LOW,
    "informational": Severity.INFO,
}


def matches_csv(table: Table) -> bool:
    return table.has("id", "title", "severity")


def parse_csv(table: Table, file: str) -> Parsed:
    table.require("hand-written audit CSV", REQUIRED, OPTIONAL)
    parsed = Parsed()
    for record in table.records:
        at = (record.line, f"row {record.line}")
        parsed.findings.append(_finding(lambda name, r=record: r.get(name), file, at))
    _unique(parsed, file)
    return parsed


def matches_yaml(doc: YamlDoc) -> bool:
    items = _items(doc.data)
    return items is not None and all(isinstance(item, dict) for item in items)


def parse_yaml(doc: YamlDoc, file: str) -> Parsed:
    data = doc.data
    items = _items(data) or []
    prefix = ("findings",) if isinstance(data, dict) else ()
    parsed = Parsed()
    for index, item in enumerate(items):
        line = doc.line(*prefix, index)
        fields = {str(key).strip().casefold(): value for key, value in mapping(item).items()}
        at = (line or index + 1, f"line {line}" if line else f"item {index + 1}")
        parsed.findings.append(_finding(fields.get, file, at))
    _unique(parsed, file)
    return parsed


FORMATS = (
    Format(
        "hand-written audit CSV",
        "hand-written audit CSV (columns id, title, category, severity, ...)",
        "csv",
        matches_csv,
        parse_csv,
    ),
    Format(
        "hand-written audit YAML",
        "hand-written audit YAML (a list, or 'findings:', of id, title, category, severity, ...)",
        "yaml",
        matches_yaml,
        parse_yaml,
    ),
)


def _finding(get: Callable[[str], Any], file: str, at: tuple[int, str]) -> Finding:
    row, where = at
    text = {name: _text(get(name)) for name in (*REQUIRED, "component", "description")}
    for name in REQUIRED:
        if not text[name]:
            raise InputError(
                f"has no {name}.",
                file=file,
                where=where,
                fix=f"Give every finding {', '.join(REQUIRED)} ({OPTIONAL} are optional).",
            )
    category = _choice(text["category"], _CATEGORIES, "category", file, where)
    severity = _choice(text["severity"], _SEVERITIES, "severity", file, where)
    return make_finding(
        file,
        where,
        "Correct the value: amounts are numbers of at most 1e6 days or 1e12 a week.",
        id=text["id"],
        tool=TOOL,
        title=text["title"],
        category=category,
        severity=severity,
        component=text["component"] or None,
        effort_days=_amount(get("effort_days"), "effort_days", file, where),
        expected_loss_per_week=_amount(
            get("expected_loss_per_week"), "expected_loss_per_week", file, where
        ),
        description=text["description"],
        source=Source(file=file, row=row, key=text["id"]),
    )


def _items(data: Any) -> list[Any] | None:
    items = data.get("findings") if isinstance(data, dict) else data
    return items if isinstance(items, list) and items else None


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, dict | list) else str(value).strip()


def _choice(value: str, allowed: dict[str, Any], name: str, file: str, where: str) -> Any:
    chosen = allowed.get(fold(value))
    if chosen is None:
        options = ", ".join(c.value for c in dict.fromkeys(allowed.values()))
        raise InputError(
            f"{value!r} is not a {name}.", file=file, where=where, fix=f"Use one of: {options}."
        )
    return chosen


def _amount(value: Any, name: str, file: str, where: str) -> float | None:
    try:
        amount = parse_number(value)
    except (ValueError, OverflowError) as exc:
        raise InputError(
            f"{name}: {exc}.", file=file, where=where, fix=f"Write {name} as a number."
        ) from None
    if amount is not None and amount < 0:
        raise InputError(
            f"{name} is negative ({amount:g}).",
            file=file,
            where=where,
            fix=f"Write {name} as a positive number.",
        )
    return amount


def _unique(parsed: Parsed, file: str) -> None:
    seen: set[str] = set()
    for finding in parsed.findings:
        if finding.id in seen:
            raise InputError(
                f"the id {finding.id!r} is used twice.",
                file=file,
                where=f"line {finding.source.row}",
                fix="Give every finding its own id.",
            )
        seen.add(finding.id)
