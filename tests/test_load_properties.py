"""Property tests for the parsers: round trips, and nothing but InputError on any input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.domain import Backlog
from assistant.errors import InputError
from assistant.loaders import load_backlog
from assistant.loaders.rows import At
from assistant.loaders.values import parse_date, split_keys, status_category

FAST = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
COLUMNS = ["key", "title", "type", "status", "points", "estimate_days", "team", "component",
           "sprint", "parent", "blocked_by", "start", "due", "created", "resolved"]  # fmt: skip
TRACKER_WORDS = [
    "Issue key", "Summary", "Sprint", "Status", "ID", "Title", "Team", "key", "title",
    "blocked_by", "points", "Story Points", "Created", "Inward issue link (Blocks)", "Parent",
]  # fmt: skip
JSON_WORDS = [
    "key", "fields", "issues", "names", "summary", "status", "statusCategory", "issuelinks",
    "type", "inwardIssue", "outwardIssue", "parent", "number", "title", "labels", "name",
    "body", "url", "state", "closedAt", "created", "customfield_10016", "customfield_10020",
]  # fmt: skip

keys = st.from_regex(r"[A-Z]{1,4}-[1-9][0-9]{0,3}", fullmatch=True)
words = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1)
    .map(str.strip)
    .filter(bool)
)
names = (
    st.text(alphabet=string.ascii_letters + " éè-", min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda name: bool(name) and name[0] != "-")
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
numbers = st.none() | st.integers(0, 1000).map(float) | st.decimals(0, 1000, places=2).map(float)


@st.composite
def generic_rows(draw: st.DrawFn) -> list[dict]:
    row_keys = draw(st.lists(keys, min_size=1, max_size=8, unique=True))
    rows = []
    for key in row_keys:
        others = [k for k in row_keys if k != key]
        rows.append(
            {
                "key": key,
                "title": draw(words),
                "type": draw(st.sampled_from(["Story", "Task", "Bug", "Epic"])),
                "status": draw(st.sampled_from(["", "To Do", "In Progress", "Done", "Terminé"])),
                "points": draw(numbers),
                "estimate_days": draw(numbers),
                "team": draw(st.none() | names),
                "component": draw(st.lists(names, max_size=3, unique=True)),
                "sprint": draw(st.none() | names),
                "parent": draw(st.none() | st.sampled_from(others)) if others else None,
                "blocked_by": draw(st.lists(st.sampled_from(others), unique=True))
                if others
                else [],
                "start": draw(st.none() | dates),
                "due": draw(st.none() | dates),
                "created": draw(st.none() | dates),
                "resolved": draw(st.none() | dates),
            }
        )
    return rows


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            if isinstance(value, list):
                value = (";" if column == "component" else " ").join(value)
            cells.append("" if value is None else str(value))
        writer.writerow(cells)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@FAST
@given(rows=generic_rows())
def test_generic_csv_written_from_valid_rows_reads_back_the_same_items(
    folder: Path, rows: list[dict]
) -> None:
    path = folder / "generic.csv"
    path.write_text(to_csv(rows), encoding="utf-8")
    backlog = load_backlog([path])
    assert list(backlog.items) == [row["key"] for row in rows]
    for line, row in enumerate(rows, start=2):
        item = backlog.items[row["key"]]
        assert item.title == row["title"] and item.type == row["type"]
        assert item.status == row["status"]
        assert item.category is status_category(row["status"], resolved=row["resolved"])
        assert item.is_epic == (row["type"] == "Epic")
        assert (item.points, item.estimate_days) == (row["points"], row["estimate_days"])
        assert (item.team, item.sprint, item.parent) == (row["team"], row["sprint"], row["parent"])
        assert item.components == tuple(row["component"])
        assert item.blocked_by == tuple(row["blocked_by"])
        blocked = [other["key"] for other in rows if row["key"] in other["blocked_by"]]
        assert item.blocks == tuple(blocked)
        assert (item.start, item.due) == (row["start"], row["due"])
        assert (item.created, item.resolved) == (row["created"], row["resolved"])
        assert item.source.row is not None and item.source.row >= line


def _csv_like(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(TRACKER_WORDS), min_size=1, max_size=6))
    cells = st.one_of(st.text(max_size=8), keys, st.sampled_from(["-3", "1e9", "2026-13-01", '"']))
    body = draw(st.lists(st.lists(cells, max_size=7), max_size=4))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    return "\n".join(separator.join(line) for line in [header, *body])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | keys,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(JSON_WORDS), children, max_size=5)
    ),
    max_leaves=20,
)


jira_fields = st.fixed_dictionaries(
    {"summary": words}, optional={w: json_values for w in JSON_WORDS if w != "summary"}
)
jira_issues = st.fixed_dictionaries({"key": keys, "fields": jira_fields})
github_issues = st.fixed_dictionaries(
    {"number": st.integers(0, 99), "title": st.text(max_size=8)},
    optional={word: json_values for word in JSON_WORDS if word not in ("number", "title")},
)


@st.composite
def any_export(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["bytes", "text", "csv", "json", "jsonl", "jira", "github"]))
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "text":
        text = draw(st.text(max_size=200))
    elif kind == "csv":
        text = _csv_like(draw)
    elif kind == "json":
        text = json.dumps(draw(json_values))
    elif kind == "jsonl":
        text = "\n".join(json.dumps(v) for v in draw(st.lists(json_values, max_size=3)))
    else:
        issues = draw(st.lists(jira_issues if kind == "jira" else github_issues, max_size=4))
        text = json.dumps({"issues": issues} if draw(st.booleans()) else issues)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return text.encode(encoding, errors="surrogatepass")


@settings(parent=FAST, max_examples=150)
@given(data=any_export())
def test_any_bytes_give_a_backlog_or_an_input_error_never_another_exception(
    folder: Path, data: bytes
) -> None:
    path = folder / "export"
    path.write_bytes(data)
    try:
        assert isinstance(load_backlog([path]), Backlog)
    except InputError as error:
        assert error.file == str(path) and error.fix


@FAST
@given(text=st.text(max_size=40) | st.from_regex(r"\d{1,2}/[A-Za-zéû]{3,5}\.?/\d{2,4}.*"))
def test_jira_date_parser_returns_a_date_or_none_or_raises_input_error(text: str) -> None:
    try:
        value = At("export.csv", 2, "A-1").date(text, "Created")
    except InputError as error:
        assert error.where == "row 2, A-1" and "Created" in str(error)
    else:
        assert value is None or isinstance(value, dt.date)


@FAST
@given(day=dates, hour=st.integers(1, 12), minute=st.integers(0, 59))
def test_dates_written_in_iso_and_jira_formats_read_back_the_same_day(
    day: dt.date, hour: int, minute: int
) -> None:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    jira = f"{day.day:02d}/{months[day.month - 1]}/{day.year % 100:02d} {hour}:{minute:02d} PM"
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.isoformat()}T06:22:58.354+0000") == day
    assert parse_date(jira) == day


@FAST
@given(st.lists(st.text(max_size=20), max_size=4))
def test_split_keys_gives_distinct_keys_without_separators(cells: list[str]) -> None:
    result = split_keys(*cells)
    assert len(set(result)) == len(result)
    assert all(key and not any(c in key for c in ";, \t\n") for key in result)
