"""GitHub issues, as the GitHub CLI writes them with
`gh issue list --json number,title,state,labels,milestone,body,createdAt,closedAt,url,assignees`.

GitHub has no fields for teams, points, epics or dependencies, so teams use conventions:

- Key: `owner/repo#12`, the repository taken from the issue `url` (GitHub's own cross-repo
  reference, so exports of several repositories never collide); `#12` when there is no url.
  In a body, `#12` means the issue of the same repository.
- Dependencies: body lines `Blocked by #12`, `Depends on #12, #14`, `Requires owner/repo#3`,
  `Blocked by: https://github.com/owner/repo/issues/12`; `Blocks #15` for the other side.
- Parent (epic): a label `epic:#3` (or `epic:PAY-200` for an epic in another tracker), a body
  line `Parent: #3` / `Part of #3`, or a task list `- [ ] #12` in the body of an epic.
- Labels: `epic` (or `type:epic`) marks an epic, `type:Bug` sets the type, `team:Payments`
  or `team/Payments` the team, `points:5` / `sp:5` / `estimate:5` the story points,
  `component:API` or `area:API` a component, `status:In review` the status of an open issue.
- The milestone is the sprint; a CLOSED state (or a closedAt date) means done.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

import assistant.patterns as cached_re
from assistant.domain import BacklogItem, StatusCategory
from assistant.loaders.jsondoc import JsonRecords, text_of
from assistant.loaders.rows import At
from assistant.loaders.values import category_of, parse_number, unique

NAME = "github-json"
_REF = r"(?:https://github\.com/[\w.-]+/[\w.-]+/(?:issues|pull)/\d+|(?:[\w.-]+/[\w.-]+)?#\d+)"
_REFS = rf"{_REF}(?:(?:\s|,|&|\band\b|\bet\b)*{_REF})*"  # "#1, #2 and #3"
_GAP = r"[\s:*_]*"  # "Blocked by:", "**Blocked by:**"
_BLOCKED_BY = cached_re.compile(
    rf"\b(?:blocked by|depends on|depends upon|requires|waiting (?:on|for)|bloqué par|dépend de)"
    rf"{_GAP}({_REFS})",
    re.IGNORECASE,
)
_BLOCKS = cached_re.compile(rf"\b(?:blocks|bloque){_GAP}({_REFS})", re.IGNORECASE)
_PARENT = cached_re.compile(rf"\b(?:parent|part of|epic|child of|sub-issue of){_GAP}({_REF})", re.I)
_TASK = cached_re.compile(rf"^\s*[-*]\s*\[[ xX]\]\s*({_REF})", re.MULTILINE)
_ONE_REF = cached_re.compile(
    r"https://github\.com/(?P<url_repo>[\w.-]+/[\w.-]+)/(?:issues|pull)/(?P<url_number>\d+)"
    r"|(?P<repo>[\w.-]+/[\w.-]+)?#(?P<number>\d+)"
)
_REPO_URL = cached_re.compile(r"https://github\.com/([\w.-]+/[\w.-]+)/(?:issues|pull)/\d+")
_DONE = StatusCategory.DONE
_REPO_HEAD = cached_re.compile(r"https://github\.com/([\w.-]+/[\w.-]+)/(?:issues|pull)")
_LABEL_ALIASES = {"point": "points", "sp": "points", "estimate": "points", "area": "component"}
_LABEL = cached_re.compile(
    r"^(team|points?|sp|estimate|component|area|type|status|epic)\s*[:/=]\s*(.+)$", re.I
)


def matches(document: JsonRecords) -> bool:
    first = document.records[0][1]
    return "number" in first and "title" in first and "fields" not in first


def parse(document: JsonRecords) -> list[BacklogItem]:
    file, unit, limit = document.file, document.unit, document.max_field_chars
    items = [_item(file, row, unit, limit, obj) for row, obj in document.records]
    return _adopt_task_lists(items, document)


def _item(file: str, row: int, unit: str, limit: int, issue: dict[str, Any]) -> BacklogItem:
    get = issue.get
    number = get("number")
    number = str(number) if type(number) is int else text_of(number)
    if not number.isdigit():
        at = At(file, row, None, unit, limit)
        raise at.error("the issue has no 'number'.", "Export with gh issue list --json number,...")
    repo = _repo(get("url"))
    key = f"{repo}#{number}" if repo else f"#{number}"
    at = At(file, row, key, unit, limit)
    body = get("body")
    body = body.strip() if type(body) is str else text_of(body)
    tags = _tags(get("labels"))
    state = get("state")
    state = (state.strip() if type(state) is str else text_of(state)).upper()
    closed = get("closedAt")
    resolved = _closed_date(at, closed) if closed is not None else None
    status = tags.status if state != "CLOSED" else ""
    if "#" in body or "github.com/" in body:  # every reference has one or the other
        parent = _resolve(tags.epic or _first(_PARENT, body), repo)
        blocked_by = unique([_resolve(ref, repo) for ref in _all(_BLOCKED_BY, body)])
        blocks = unique([_resolve(ref, repo) for ref in _all(_BLOCKS, body)])
    else:
        parent = _resolve(tags.epic, repo) if tags.epic else ""
        blocked_by = blocks = ()
    title = get("title")
    data = {
        "key": key,
        "title": title.strip() if type(title) is str else text_of(title),
        "status": status or state.lower(),
        "category": _DONE if resolved is not None else category_of(status or state),
        **tags.fields,  # type, is_epic, components, team, points: read once per label set
    }
    # the fields that may be empty are left out when they are (At.build)
    if tags.points_error:
        at.number(tags.points, "points label")  # raises, where the issue is
    milestone = get("milestone")
    if type(milestone) is dict and (sprint := text_of(milestone.get("title"))):
        data["sprint"] = sprint
    if parent and parent != key:
        data["parent"] = parent
    if blocked_by:
        data["blocked_by"] = blocked_by
    if blocks:
        data["blocks"] = blocks
    if (created := at.date(get("createdAt"), "createdAt")) is not None:
        data["created"] = created
    if resolved is not None:
        data["resolved"] = resolved
    return at.build(data)


def _adopt_task_lists(items: list[BacklogItem], document: JsonRecords) -> list[BacklogItem]:
    """Give parentless issues listed in an epic's task list (`- [ ] #12`) that epic as parent."""
    parents: dict[str, str] = {}
    for item, (_, obj) in zip(items, document.records, strict=True):  # one item per record
        if item.is_epic and isinstance(body := obj.get("body"), str):
            repo = item.key.split("#")[0]
            for ref in _TASK.findall(body):
                parents.setdefault(_resolve(ref, repo), item.key)
    if not parents:
        return items
    return [
        item.model_copy(update={"parent": parents[item.key]})
        if item.parent is None and item.key in parents
        else item
        for item in items
    ]


class _Labels:
    """What a set of labels says: `name:value` labels by name (`points`, `sp` and `estimate`
    all mean points), the epic mark and the type. Cached: issues share a handful of sets."""

    __slots__ = ("epic", "fields", "points", "points_error", "status")

    def __init__(self, labels: tuple[str, ...]) -> None:
        found: dict[str, list[str]] = {}
        for label in labels:
            if match := _LABEL.match(label):
                name = _LABEL_ALIASES.get(match[1].casefold(), match[1].casefold())
                found.setdefault(name, []).append(match[2].strip())
        folded = frozenset(x.casefold() for x in labels)
        types = found.get("type", [])
        is_epic = "epic" in folded or any(t.casefold() == "epic" for t in types)
        kind = "Epic" if is_epic else types[0] if types else "Bug" if "bug" in folded else "Issue"
        self.status = found.get("status", [""])[0]
        self.epic = found.get("epic", [""])[0]
        self.points: str | None = next(iter(found.get("points", [])), None)
        self.points_error = False  # the points label is no number: said at each issue
        # BacklogItem's fields these labels give, the empty ones left out (At.build)
        self.fields: dict[str, Any] = {"type": kind, "is_epic": is_epic}
        try:
            if (points := parse_number(self.points)) is not None:
                self.fields["points"] = points
        except ValueError:
            self.points_error = True
        if components := unique(found.get("component", [])):
            self.fields["components"] = components
        if (team := next(iter(found.get("team", [])), None)) is not None:
            self.fields["team"] = team


_labels_of = lru_cache(maxsize=1024)(_Labels)
_NO_LABELS = _Labels(())


_BY_NAMES: dict[tuple[str, ...], _Labels] = {}  # label names as exported -> what they say


def _tags(value: Any) -> _Labels:
    """What an issue's `labels` say, cached by their names as exported (issues share a few
    sets), so they are stripped and matched once a set. Only names that are all strings are
    kept as keys: no other tuple equals one of those, so a hit always means the same labels.
    """
    if type(value) is not list:
        return _NO_LABELS  # _labels reads nothing from what is not a list
    try:
        names = tuple([label.get("name") if type(label) is dict else label for label in value])
        if (found := _BY_NAMES.get(names)) is not None:
            return found
    except TypeError:  # a name that is a list or an object: not hashable
        names = ()
    tags = _labels_of(tuple(_labels(value)))
    if names and len(_BY_NAMES) < 1024 and all(type(name) is str for name in names):
        _BY_NAMES[names] = tags
    return tags


def _labels(value: Any) -> list[str]:
    """Label names; gh gives objects with a name, other tools plain strings."""
    if not isinstance(value, list):
        return []
    names = (
        text_of(label.get("name") if type(label) is dict else label)
        if type(label) is not str
        else label.strip()
        for label in value
    )
    return [name for name in names if name]


def _repo(url: Any) -> str:
    """The `owner/repo` of an issue URL, or ''. Issues of one repository share all of their
    URL but the number, so that part is matched once (cached), the number tested as text."""
    url = text_of(url)
    head, _, number = url.rpartition("/")
    if number.isdecimal() and (repo := _repo_of_head(head)):  # \d is a decimal digit
        return repo
    match = _REPO_URL.match(url)
    return match[1] if match else ""


@lru_cache(maxsize=256)
def _repo_of_head(head: str) -> str:
    match = _REPO_HEAD.fullmatch(head)
    return match[1] if match else ""


def _resolve(reference: str, repo: str) -> str:
    """A key from `#12`, `owner/repo#12` or an issue URL; anything else is kept as written."""
    if not reference:
        return ""
    match = _ONE_REF.fullmatch(reference.strip())
    if not match:
        return reference.strip()
    if match["url_repo"]:
        return f"{match['url_repo']}#{match['url_number']}"
    owner_repo = match["repo"] or repo
    return f"{owner_repo}#{match['number']}" if owner_repo else f"#{match['number']}"


def _all(pattern: re.Pattern[str], body: str) -> list[str]:
    return [ref for refs in pattern.findall(body) for ref in re.findall(_REF, refs)]


def _first(pattern: re.Pattern[str], body: str) -> str:
    match = pattern.search(body)
    return match[1] if match else ""


def _closed_date(at: At, value: Any) -> dt.date | None:
    """GitHub writes year 1 for "never closed" in some API versions; that is no date."""
    return None if text_of(value).startswith("0001-01-01") else at.date(value, "closedAt")
