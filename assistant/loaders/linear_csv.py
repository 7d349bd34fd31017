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
from assistant.loaders.date_order import DateColumns
from assistant.loaders.rows import At
from assistant.loaders.table import Every, Getter, Record, Table
from assistant.loaders.values import split_keys, status_category

NAME = "linear-csv"
REQUIRED = ("ID", "Title")


def matches(table: Table) -> bool:
    """Linear's capitalised `Title` and `Team` beside an `ID` (older exports write `Id`)."""
    return table.has("ID") and table.has_exactly("Title", "Team")


def parse(table: Table) -> list[BacklogItem]:
    table.require("Linear CSV export", REQUIRED, optional="Team, Status, Estimate, Cycle Name")
    get = {name: table.getter(name) for name in _COLUMNS}
    every = {name: table.collector(*names) for name, names in _LISTS.items()}
    dates = table.date_columns({name: get[name] for name in _DATES})
    return [_item(record, table.file, get, every, dates) for record in table.records]


_COLUMNS = (
    "ID", "Title", "Status", "Estimate", "Cycle Name", "Cycle Number", "Parent issue", "Team",
    "Created", "Started", "Completed", "Canceled", "Due Date",
)  # fmt: skip
_DATES = ("Created", "Started", "Completed", "Canceled", "Due Date")
_LISTS = {"blocked_by": ("Blocked by",), "blocks": ("Blocks", "Blocking")}


def _item(
    record: Record,
    file: str,
    get: dict[str, Getter],
    every: dict[str, Every],
    dates: DateColumns,
) -> BacklogItem:
    cells = record.cells
    key = get["ID"](cells)
    at = At(file, record.line, key or None, dates=dates)
    completed = at.date(get["Completed"](cells), "Completed")
    canceled = at.date(get["Canceled"](cells), "Canceled")
    status = get["Status"](cells)
    cycle = get["Cycle Name"](cells) or (f"Cycle {n}" if (n := get["Cycle Number"](cells)) else "")
    return at.item(
        key=key,
        title=_unguard(get["Title"](cells)),
        type="Issue",
        status=status,
        category=status_category(status, resolved=completed or canceled),
        points=at.number(get["Estimate"](cells), "Estimate"),
        sprint=cycle or None,
        parent=get["Parent issue"](cells) or None,
        team=get["Team"](cells) or None,
        blocked_by=split_keys(*every["blocked_by"](cells)),
        blocks=split_keys(*every["blocks"](cells)),
        created=at.date(get["Created"](cells), "Created"),
        resolved=completed or canceled,
        start=at.date(get["Started"](cells), "Started"),
        due=at.date(get["Due Date"](cells), "Due Date"),
    )


def _unguard(text: str) -> str:
    """Linear prefixes text a spreadsheet could run as a formula with a quote; drop it."""
    return text[1:] if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@") else text
