"""Generic CSV: the layout for a tracker Steerco does not know, or a hand-made backlog.

One header row, then one item per row. Column names are case-insensitive, the delimiter may
be `,`, `;` or a tab, and columns not listed here are ignored.

| column | required | meaning |
|---|---|---|
| `key` | yes | unique item key, e.g. `PAY-201` |
| `title` | yes | what the item is (also read as `summary`, a tracker's usual name for it) |
| `type` | no | `Story` (default), `Task`, `Bug`, ...; `Epic` marks an epic |
| `status` | no | as in your tracker: Done, Closed, Resolved, Cancelled... count as done; In progress, In review... as started; anything else as to do |
| `points` | no | story points, a number of 0 or more |
| `estimate_days` | no | estimate in person-days |
| `team` | no | team name, as in `context.yaml` |
| `component` | no | one or more components, separated by `;` or `,` |
| `sprint` | no | the item's current sprint |
| `parent` | no | key of the parent item (its epic) |
| `blocked_by` | no | keys of the items this one waits for, separated by `;`, `,` or spaces |
| `blocks` | no | keys of the items waiting for this one (same separators) |
| `start`, `due`, `created`, `resolved` | no | ISO dates (`2026-06-03`); a `resolved` date means done |

A link needs to be written on one side only: `A blocks B` and `B blocked_by A` are the same.
"""

from __future__ import annotations

import assistant.patterns as cached_re
from assistant.domain import BacklogItem
from assistant.loaders.date_order import DateColumns
from assistant.loaders.jira_common import is_epic_type
from assistant.loaders.rows import At
from assistant.loaders.table import Every, Getter, Record, Table
from assistant.loaders.values import split_keys, status_category, unique

NAME = "generic-csv"
REQUIRED = ("key", "title")
# the names research datasets and scripts give the same columns (TAWOS: issuekey, storypoint)
KEY_COLUMNS = ("key", "issuekey", "issue_key")
POINTS_COLUMNS = ("points", "storypoint", "storypoints", "story_points")
TITLE_COLUMNS = ("title", "summary")  # "Key;Summary;Status": a hand-trimmed tracker export
_LIST_SEPARATORS = cached_re.compile(r"[;,]")


def matches(table: Table) -> bool:
    return any(table.has(name) for name in KEY_COLUMNS)


def parse(table: Table) -> list[BacklogItem]:
    aliased = matches(table) and not table.has("key")  # the key column under another name
    required = ("title",) if aliased else REQUIRED
    if any(table.has(name) for name in TITLE_COLUMNS[1:]):  # the title under another name
        required = tuple(name for name in required if name != "title")
    table.require("generic CSV", required, optional="status, points, team, parent, blocked_by")
    get = {name: table.getter(*columns) for name, columns in _COLUMNS.items()}
    every = {name: table.collector(name) for name in ("blocked_by", "blocks")}
    dates = table.date_columns({name: get[name] for name in _DATES})
    return [_item(record, table.file, get, every, dates) for record in table.records]


_COLUMNS = {
    "key": KEY_COLUMNS,
    "points": POINTS_COLUMNS,
    "title": TITLE_COLUMNS,
    **{name: (name,) for name in ("type", "status", "estimate_days")},
    **{name: (name,) for name in ("sprint", "parent", "team", "created", "resolved")},
    **{name: (name,) for name in ("start", "due")},
    "component": ("component", "components"),
}
_DATES = ("created", "resolved", "start", "due")


def _item(
    record: Record,
    file: str,
    get: dict[str, Getter],
    every: dict[str, Every],
    dates: DateColumns,
) -> BacklogItem:
    cells = record.cells
    key = get["key"](cells)
    at = At(file, record.line, key or None, dates=dates)
    issue_type = get["type"](cells) or "Story"
    status = get["status"](cells)
    resolved = at.date(get["resolved"](cells), "resolved")
    data = {
        "key": key,
        "title": get["title"](cells),
        "type": issue_type,
        "status": status,
        "category": status_category(status, resolved=resolved),
        "is_epic": is_epic_type(issue_type),
    }
    # the fields that may be empty are left out when they are (At.build); cells are stripped
    if (points := at.number(get["points"](cells), "points")) is not None:
        data["points"] = points
    if (days := at.number(get["estimate_days"](cells), "estimate_days")) is not None:
        data["estimate_days"] = days
    if sprint := get["sprint"](cells):
        data["sprint"] = sprint
    if parent := get["parent"](cells):
        data["parent"] = parent
    if (component := get["component"](cells)) and (
        components := unique(_LIST_SEPARATORS.split(component))
    ):
        data["components"] = components
    if team := get["team"](cells):
        data["team"] = team
    if (blocked_by := every["blocked_by"](cells)) and (keys := split_keys(*blocked_by)):
        data["blocked_by"] = keys
    if (blocks := every["blocks"](cells)) and (keys := split_keys(*blocks)):
        data["blocks"] = keys
    for name in _DATES:
        if (cell := get[name](cells)) and (date := at.date(cell, name)) is not None:
            data[name] = date
    return at.build(data)
