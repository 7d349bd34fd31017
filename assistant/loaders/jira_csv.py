"""Jira's CSV export (issue search > Export > CSV, all fields or current fields).

Jira writes one column per value of a multi-valued field, all with the same header
(`Sprint`, `Component/s`, `Inward issue link (Blocks)`), so every value is collected and
the last `Sprint` is the item's current sprint. `Original Estimate` is in seconds; a day is
8 hours. Parents may be written as keys or as numeric issue ids, which are mapped back to
keys through the `Issue id` column. `team` is only read from a `Team` column: components
are technical areas, not teams.
"""

from __future__ import annotations

import assistant.patterns as cached_re
from assistant.domain import BacklogItem
from assistant.loaders.date_order import DateColumns
from assistant.loaders.jira_common import KEY, Direction, is_epic_type, link_direction
from assistant.loaders.rows import At
from assistant.loaders.table import Every, Getter, Record, Table
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
_LINK_COLUMN = cached_re.compile(r"^(inward|outward) issue link \((.+)\)$")


def matches(table: Table) -> bool:
    return table.has("Issue key")


def parse(table: Table) -> list[BacklogItem]:
    table.require("Jira CSV export", REQUIRED, optional="Status, Sprint, Story Points")
    links = [(table.collector(name), direction) for name, direction in _link_columns(table.header)]
    get = {name: table.getter(*columns) for name, columns in _COLUMNS.items()}
    every = {name: table.collector(name) for name in ("Sprint", "Component/s")}
    parents = [table.getter(column) for column in _PARENTS]
    key_of, id_of = get["Issue key"], table.getter("Issue id")
    ids = {id_of(rec.cells): key_of(rec.cells) for rec in table.records}
    ids.pop("", None)
    dates = table.date_columns({name: get[column] for _, column, name in _DATES})
    return [
        _item(record, table.file, links, ids, get, every, parents, dates)
        for record in table.records
    ]


_COLUMNS = {
    **{name: (name,) for name in ("Issue key", "Summary", "Issue Type", "Status", "Resolved")},
    **{name: (name,) for name in ("Status Category", "Original Estimate", "Created", "Due date")},
    "points": _POINTS,
    "team": _TEAMS,
    "start": _STARTS,
}


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
    record: Record,
    file: str,
    links: list[tuple[Every, Direction]],
    ids: dict[str, str],
    get: dict[str, Getter],
    every: dict[str, Every],
    parents: list[Getter],
    dates: DateColumns,
) -> BacklogItem:
    cells = record.cells
    key = get["Issue key"](cells)
    at = At(file, record.line, key or None, dates=dates)
    issue_type = get["Issue Type"](cells) or "Story"
    status = get["Status"](cells)
    resolved = at.date(get["Resolved"](cells), "Resolved")
    linked: dict[Direction, list[str]] = {"blocked_by": [], "blocks": []}
    for values_of, direction in links:
        if values := values_of(cells):
            linked[direction].extend(split_keys(*values))
    data = {
        "key": key,
        "title": get["Summary"](cells),
        "type": issue_type,
        "status": status,
        "category": status_category(get["Status Category"](cells) or status, resolved=resolved),
        "is_epic": is_epic_type(issue_type),
    }
    # the fields that may be empty are left out when they are (At.build); cells are stripped
    if (points := at.number(get["points"](cells), "Story Points")) is not None:
        data["points"] = points
    estimate = at.days_from_seconds(get["Original Estimate"](cells), "Original Estimate")
    if estimate is not None:
        data["estimate_days"] = estimate
    if sprints := every["Sprint"](cells):
        data["sprint"] = sprints[-1]
    if parent := _parent(cells, parents, ids):
        data["parent"] = parent
    if components := every["Component/s"](cells):
        data["components"] = unique(components)
    if team := get["team"](cells):
        data["team"] = team
    if linked["blocked_by"]:
        data["blocked_by"] = unique(linked["blocked_by"])
    if linked["blocks"]:
        data["blocks"] = unique(linked["blocks"])
    for field, column, name in _DATES:
        if (cell := get[column](cells)) and (date := at.date(cell, name)) is not None:
            data[field] = date
    return at.build(data)


_DATES = (  # (field, column read, name in messages)
    ("created", "Created", "Created"),
    ("resolved", "Resolved", "Resolved"),
    ("start", "start", "Start date"),
    ("due", "Due date", "Due date"),
)


def _parent(cells: list[str], parents: list[Getter], ids: dict[str, str]) -> str | None:
    """The parent's key; numeric ids (Jira Cloud's `Parent`) are looked up in this export.

    Values that are neither a key nor an id (a parent summary in a renamed column) are
    skipped rather than invented as keys.
    """
    for value_of in parents:
        if not (value := value_of(cells)):
            continue
        value = ids.get(value, "") if value.isdigit() else value
        if KEY.match(value):
            return value
    return None
