"""Jira REST issues (`/rest/api/2/search` responses, arrays, or one issue per line).

Custom fields have instance-specific ids; when the response carries `names` (search with
`expand=names`) fields are found by their display name (Story Points, Sprint, Epic Link,
Team, Start date). Without it, the usual ids of Jira Cloud and Server are tried, and only
values of the expected shape are taken, so an unrelated field that happens to reuse an
id is not read as story points.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.domain import BacklogItem, StatusCategory
from assistant.loaders.jira_common import KEY, Direction, is_epic_type, link_direction, sprint_name
from assistant.loaders.jsondoc import JsonRecords, dig, text_of
from assistant.loaders.rows import At
from assistant.loaders.values import fold, status_category, unique

NAME = "jira-json"
_DEFAULT_IDS = {
    "story points": ("customfield_10002", "customfield_10016", "customfield_10026",
                     "customfield_12310293"),
    "epic link": ("customfield_10008", "customfield_10014"),
    "sprint": ("customfield_10020", "customfield_10007"),
}  # fmt: skip
_NAMED = {
    "story points": "story points", "story point estimate": "story points",
    "epic link": "epic link", "sprint": "sprint", "team": "team", "start date": "start date",
}  # fmt: skip
_CATEGORIES = {
    "done": StatusCategory.DONE,
    "indeterminate": StatusCategory.IN_PROGRESS,
    "new": StatusCategory.TODO,
}


def matches(document: JsonRecords) -> bool:
    first = document.records[0][1]
    return isinstance(first.get("fields"), dict) and "key" in first


def parse(document: JsonRecords) -> list[BacklogItem]:
    named = _field_ids(document.names)
    return [
        _item(
            At(
                document.file,
                row,
                text_of(issue.get("key")) or None,
                document.unit,
                document.max_field_chars,
            ),
            issue,
            named,
        )
        for row, issue in document.records
    ]


def _field_ids(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Field ids per concept: from the response's `names` map, else Jira's usual ids."""
    found: dict[str, list[str]] = {}
    for field_id, display in names.items():
        if concept := _NAMED.get(fold(display)):
            found.setdefault(concept, []).append(field_id)
    return {concept: tuple(ids) for concept, ids in found.items()}


def _item(at: At, issue: dict[str, Any], named: dict[str, tuple[str, ...]]) -> BacklogItem:
    fields = issue.get("fields")
    if not isinstance(fields, dict):
        raise at.error("the issue has no 'fields' object.", "Export issues with their fields.")
    issue_type = _name(fields.get("issuetype")) or "Story"
    status = _name(fields.get("status"))
    resolved = at.date(fields.get("resolutiondate"), "resolutiondate")
    category = _CATEGORIES.get(text_of(dig(fields, "status", "statusCategory", "key")))
    blocked_by, blocks = _links(fields.get("issuelinks"))
    return at.item(
        key=at.key,
        title=text_of(fields.get("summary")),
        type=issue_type,
        status=status,
        category=StatusCategory.DONE if resolved else category or status_category(status),
        is_epic=is_epic_type(issue_type),
        points=_points(at, fields, named),
        estimate_days=at.days_from_seconds(
            fields.get("timeoriginalestimate"), "timeoriginalestimate"
        ),
        sprint=_sprint(fields, named),
        parent=_parent(fields, named),
        components=unique([_name(c) for c in _list(fields.get("components"))]),
        team=next(filter(None, map(_label, _values(fields, named, "team"))), None),
        blocked_by=blocked_by,
        blocks=blocks,
        created=at.date(fields.get("created"), "created"),
        resolved=resolved,
        start=next(
            (at.date(v, "Start date") for v in _values(fields, named, "start date") if v), None
        ),
        due=at.date(fields.get("duedate"), "duedate"),
    )


def _links(value: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found: dict[Direction, list[str]] = {"blocked_by": [], "blocks": []}
    for link in _list(value):
        side = "inward" if isinstance(link.get("inwardIssue"), dict) else "outward"
        other = text_of(dig(link, f"{side}Issue", "key"))
        phrase = text_of(dig(link, "type", side))
        direction = link_direction(text_of(dig(link, "type", "name")), side, phrase)
        if other and direction:
            found[direction].append(other)
    return unique(found["blocked_by"]), unique(found["blocks"])


def _points(at: At, fields: dict[str, Any], named: dict[str, tuple[str, ...]]) -> float | None:
    """Points from the field named Story Points; without names, a plausible number only."""
    if "story points" in named:
        given = [v for v in _values(fields, named, "story points") if v is not None]
        return at.number(given[0], "Story Points") if given else None
    plausible = [v for v in _values(fields, {}, "story points") if _is_number(v) and 0 <= v <= 1000]
    return float(plausible[0]) if plausible else None


def _sprint(fields: dict[str, Any], named: dict[str, tuple[str, ...]]) -> str | None:
    for value in _values(fields, named, "sprint"):
        looks_like_sprint = "sprint" in named or _is_sprint_list(value)
        if looks_like_sprint and (name := sprint_name(value)):
            return name
    return None


def _parent(fields: dict[str, Any], named: dict[str, tuple[str, ...]]) -> str | None:
    if parent := text_of(dig(fields, "parent", "key")):
        return parent
    epic = (v for v in _values(fields, named, "epic link") if isinstance(v, str) and KEY.match(v))
    return next(epic, None)


def _values(fields: dict[str, Any], named: dict[str, tuple[str, ...]], concept: str) -> list[Any]:
    ids = named.get(concept) if named else _DEFAULT_IDS.get(concept, ())
    return [fields.get(field_id) for field_id in ids or ()]


def _is_sprint_list(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        (isinstance(v, dict) and "name" in v and "state" in v)
        or (isinstance(v, str) and "sprint.Sprint@" in v)
        for v in items
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _name(value: Any) -> str:
    return text_of(dig(value, "name"))


def _label(value: Any) -> str:
    """A team-like value: Atlassian teams are objects with a name or title, or plain text."""
    return _name(value) or text_of(dig(value, "title")) or text_of(value)
