"""Jira's CSV export (issue search > Export > CSV, all fields or current fields).

Jira writes one column per value of a multi-valued field, all with the same header
(`Sprint`, `Component/s`, `Inward issue link (Blocks)`), so every value is collected and
the last `Sprint` is the item's current sprint. `Original Estimate` is in seconds; a day is
8 hours. Parents may be written as keys or as numeric issue ids, which are mapped back to
keys through the `Issue id` column. `team` is only read from a `Team` column: components
are technical areas, not teams.
"""

from __future__ import annotations

import re

from assistant.domain import BacklogItem
from assistant.loaders.jira_common import KEY, Direction, is_epic_type, link_direction
from assistant.loaders.rows import At
from assistant.loaders.table import Record, Table
from assistant.loaders.values import split_keys, status_category, unique

NAME = "jira-csv"
REQUIRED = ("Issue key", "Summary")
_POINTS = (
    "Custom field (Story Points)",
    "Story Points",
    "Custom field (Story point estimate)",
    "Story point estimate",
)
_PARENTS = ("Parent key", "Parent", "Parent id", "Custom field (Epic Link)", "Epic Link")
_TEAMS = ("Team", "Custom field (Team)")
_STARTS = ("Custom field (Start date)", "Start date")
_LINK_COLUMN = re.compile(r"^(inward|outward) issue link \((.+)\)$")


def matches(table: Table) -> bool:
    return table.has("Issue key")


def parse(table: Table) -> list[BacklogItem]:
    table.require("Jira CSV export", REQUIRED, optional="Status, Sprint, Story Points")
    links = _link_columns(table.header)
    ids = {rec.get("Issue id"): rec.get("Issue key") for rec in table.records}
    ids.pop("", None)
    return [_item(record, table.file, links, ids) for record in table.records]


def _link_columns(header: tuple[str, ...]) -> list[tuple[str, Direction]]:
    """Dependency link columns and what they mean; other link types (Relates...) are dropped."""
    found: list[tuple[str, Direction]] = []
    for name in dict.fromkeys(header):
        match = _LINK_COLUMN.match(" ".join(name.casefold().split()))
        direction = match and link_direction(
            match[2], "inward" if match[1] == "inward" else "outward"
        )
        if direction:
            found.append((name, direction))
    return found


def _item(
    record: Record, file: str, links: list[tuple[str, Direction]], ids: dict[str, str]
) -> BacklogItem:
    key = record.get("Issue key")
    at = At(file, record.line, key or None)
    issue_type = record.get("Issue Type") or "Story"
    status = record.get("Status")
    resolved = at.date(record.get("Resolved"), "Resolved")
    linked: dict[Direction, list[str]] = {"blocked_by": [], "blocks": []}
    for column, direction in links:
        if values := record.every(column):
            linked[direction].extend(split_keys(*values))
    sprints = record.every("Sprint")
    return at.item(
        key=key,
        title=record.get("Summary"),
        type=issue_type,
        status=status,
        category=status_category(record.get("Status Category") or status, resolved=resolved),
        is_epic=is_epic_type(issue_type),
        points=at.number(record.get(*_POINTS), "Story Points"),
        estimate_days=at.days_from_seconds(record.get("Original Estimate"), "Original Estimate"),
        sprint=sprints[-1] if sprints else None,
        parent=_parent(record, ids),
        components=unique(record.every("Component/s")),
        team=record.get(*_TEAMS) or None,
        blocked_by=unique(linked["blocked_by"]),
        blocks=unique(linked["blocks"]),
        created=at.date(record.get("Created"), "Created"),
        resolved=resolved,
        start=at.date(record.get(*_STARTS), "Start date"),
        due=at.date(record.get("Due date"), "Due date"),
    )


def _parent(record: Record, ids: dict[str, str]) -> str | None:
    """The parent's key; numeric ids (Jira Cloud's `Parent`) are looked up in this export.

    Values that are neither a key nor an id (a parent summary in a renamed column) are
    skipped rather than invented as keys.
    """
    for column in _PARENTS:
        value = record.get(column)
        value = ids.get(value, "") if value.isdigit() else value
        if KEY.match(value):
            return value
    return None
