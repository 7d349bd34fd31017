"""Linear's CSV export (Settings > Import / Export > Export CSV, or a view's export).

Linear's columns: ID, Team, Title, Description, Status, Estimate, Priority, Project ID,
Project, Creator, Assignee, Labels, Cycle Number, Cycle Name, Cycle Start, Cycle End,
Created, Updated, Started, Triaged, Completed, Canceled, Archived, Due Date, Parent issue,
and in recent exports Related to, Blocked by, Duplicate of (sometimes Blocks / Blocking).
Linear teams are real teams, so `Team` fills `team`; the estimate is in points; the cycle
is the sprint; a Completed or Canceled date means done. Linear has no issue types or
epics: projects group issues but are not items, so they are not read as parents.
"""

from __future__ import annotations

from assistant.domain import BacklogItem
from assistant.loaders.rows import At
from assistant.loaders.table import Record, Table
from assistant.loaders.values import split_keys, status_category

NAME = "linear-csv"
REQUIRED = ("ID", "Title")


def matches(table: Table) -> bool:
    """Linear's capitalised `Title` and `Team` beside an `ID` (older exports write `Id`)."""
    return table.has("ID") and table.has_exactly("Title", "Team")


def parse(table: Table) -> list[BacklogItem]:
    table.require("Linear CSV export", REQUIRED, optional="Team, Status, Estimate, Cycle Name")
    return [_item(record, table.file) for record in table.records]


def _item(record: Record, file: str) -> BacklogItem:
    key = record.get("ID")
    at = At(file, record.line, key or None)
    completed = at.date(record.get("Completed"), "Completed")
    canceled = at.date(record.get("Canceled"), "Canceled")
    status = record.get("Status")
    cycle = record.get("Cycle Name") or (f"Cycle {n}" if (n := record.get("Cycle Number")) else "")
    return at.item(
        key=key,
        title=_unguard(record.get("Title")),
        type="Issue",
        status=status,
        category=status_category(status, resolved=completed or canceled),
        points=at.number(record.get("Estimate"), "Estimate"),
        sprint=cycle or None,
        parent=record.get("Parent issue") or None,
        team=record.get("Team") or None,
        blocked_by=split_keys(*record.every("Blocked by")),
        blocks=split_keys(*record.every("Blocks", "Blocking")),
        created=at.date(record.get("Created"), "Created"),
        resolved=completed or canceled,
        start=at.date(record.get("Started"), "Started"),
        due=at.date(record.get("Due Date"), "Due Date"),
    )


def _unguard(text: str) -> str:
    """Linear prefixes text a spreadsheet could run as a formula with a quote; drop it."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text
