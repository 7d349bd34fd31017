"""Generic CSV: the layout for a tracker Steerco does not know, or a hand-made backlog.

One header row, then one item per row. Column names are case-insensitive, the delimiter may
be `,`, `;` or a tab, and columns not listed here are ignored.

| column | required | meaning |
|---|---|---|
| `key` | yes | unique item key, e.g. `PAY-201` |
| `title` | yes | what the item is |
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

import re

from assistant.domain import BacklogItem
from assistant.loaders.jira_common import is_epic_type
from assistant.loaders.rows import At
from assistant.loaders.table import Record, Table
from assistant.loaders.values import split_keys, status_category, unique

NAME = "generic-csv"
REQUIRED = ("key", "title")
_LIST_SEPARATORS = re.compile(r"[;,]")


def matches(table: Table) -> bool:
    return table.has("key")


def parse(table: Table) -> list[BacklogItem]:
    table.require("generic CSV", REQUIRED, optional="status, points, team, parent, blocked_by")
    return [_item(record, table.file) for record in table.records]


def _item(record: Record, file: str) -> BacklogItem:
    key = record.get("key")
    at = At(file, record.line, key or None)
    issue_type = record.get("type") or "Story"
    status = record.get("status")
    resolved = at.date(record.get("resolved"), "resolved")
    return at.item(
        key=key,
        title=record.get("title"),
        type=issue_type,
        status=status,
        category=status_category(status, resolved=resolved),
        is_epic=is_epic_type(issue_type),
        points=at.number(record.get("points"), "points"),
        estimate_days=at.number(record.get("estimate_days"), "estimate_days"),
        sprint=record.get("sprint") or None,
        parent=record.get("parent") or None,
        components=unique(_LIST_SEPARATORS.split(record.get("component", "components"))),
        team=record.get("team") or None,
        blocked_by=split_keys(*record.every("blocked_by")),
        blocks=split_keys(*record.every("blocks")),
        created=at.date(record.get("created"), "created"),
        resolved=resolved,
        start=at.date(record.get("start"), "start"),
        due=at.date(record.get("due"), "due"),
    )
