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

from assistant.domain import BacklogItem
from assistant.loaders.jsondoc import JsonRecords, dig, text_of
from assistant.loaders.rows import At
from assistant.loaders.values import status_category, unique

NAME = "github-json"
_REF = r"(?:https://github\.com/[\w.-]+/[\w.-]+/(?:issues|pull)/\d+|(?:[\w.-]+/[\w.-]+)?#\d+)"
_REFS = rf"{_REF}(?:(?:\s|,|&|\band\b|\bet\b)*{_REF})*"  # "#1, #2 and #3"
_GAP = r"[\s:*_]*"  # "Blocked by:", "**Blocked by:**"
_BLOCKED_BY = re.compile(
    rf"\b(?:blocked by|depends on|depends upon|requires|waiting (?:on|for)|bloqué par|dépend de)"
    rf"{_GAP}({_REFS})",
    re.IGNORECASE,
)
_BLOCKS = re.compile(rf"\b(?:blocks|bloque){_GAP}({_REFS})", re.IGNORECASE)
_PARENT = re.compile(rf"\b(?:parent|part of|epic|child of|sub-issue of){_GAP}({_REF})", re.I)
_TASK = re.compile(rf"^\s*[-*]\s*\[[ xX]\]\s*({_REF})", re.MULTILINE)
_ONE_REF = re.compile(
    r"https://github\.com/(?P<url_repo>[\w.-]+/[\w.-]+)/(?:issues|pull)/(?P<url_number>\d+)"
    r"|(?P<repo>[\w.-]+/[\w.-]+)?#(?P<number>\d+)"
)
_REPO_URL = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+)/(?:issues|pull)/\d+")
_LABEL_ALIASES = {"point": "points", "sp": "points", "estimate": "points", "area": "component"}
_LABEL = re.compile(
    r"^(team|points?|sp|estimate|component|area|type|status|epic)\s*[:/=]\s*(.+)$", re.I
)


def matches(document: JsonRecords) -> bool:
    first = document.records[0][1]
    return "number" in first and "title" in first and "fields" not in first


def parse(document: JsonRecords) -> list[BacklogItem]:
    items = [
        _item(At(document.file, row, None, document.unit, document.max_field_chars), obj)
        for row, obj in document.records
    ]
    return _adopt_task_lists(items, document)


def _item(at: At, issue: dict[str, Any]) -> BacklogItem:
    number = text_of(issue.get("number"))
    if not number.isdigit():
        raise at.error("the issue has no 'number'.", "Export with gh issue list --json number,...")
    repo = _repo(issue)
    key = f"{repo}#{number}" if repo else f"#{number}"
    at = At(at.file, at.row, key, at.unit, at.limit)
    body = text_of(issue.get("body"))
    tagged, folded = _tagged(tuple(_labels(issue.get("labels"))))
    state = text_of(issue.get("state")).upper()
    resolved = _closed_date(at, issue.get("closedAt"))
    is_epic = "epic" in folded or any(t.casefold() == "epic" for t in tagged.get("type", []))
    status = tagged.get("status", [""])[0] if state != "CLOSED" else ""
    refers = "#" in body or "github.com/" in body  # every reference has one or the other
    parent = _resolve(
        tagged.get("epic", ("",))[0] or (_first(_PARENT, body) if refers else ""), repo
    )
    return at.item(
        key=key,
        title=text_of(issue.get("title")),
        type="Epic" if is_epic else _type(tagged, folded),
        status=status or state.lower(),
        category=status_category(status or state, resolved=resolved),
        is_epic=is_epic,
        points=at.number(next(iter(tagged.get("points", [])), None), "points label"),
        sprint=text_of(dig(issue, "milestone", "title")) or None,
        parent=parent if parent and parent != key else None,
        components=unique(tagged.get("component", [])),
        team=next(iter(tagged.get("team", [])), None),
        blocked_by=unique([_resolve(ref, repo) for ref in _all(_BLOCKED_BY, body)])
        if refers
        else (),
        blocks=unique([_resolve(ref, repo) for ref in _all(_BLOCKS, body)]) if refers else (),
        created=at.date(issue.get("createdAt"), "createdAt"),
        resolved=resolved,
    )


def _adopt_task_lists(items: list[BacklogItem], document: JsonRecords) -> list[BacklogItem]:
    """Give parentless issues listed in an epic's task list (`- [ ] #12`) that epic as parent."""
    bodies = {row: obj.get("body") for row, obj in document.records}
    parents: dict[str, str] = {}
    for item in items:
        body = bodies.get(item.source.row or 0)
        if item.is_epic and isinstance(body, str):
            repo = item.key.split("#")[0]
            for ref in _TASK.findall(body):
                parents.setdefault(_resolve(ref, repo), item.key)
    return [
        item.model_copy(update={"parent": parents[item.key]})
        if item.parent is None and item.key in parents
        else item
        for item in items
    ]


@lru_cache(maxsize=1024)
def _tagged(labels: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Values of `name:value` labels by name (`points`, `sp` and `estimate` all mean points),
    and every label case-folded. Cached: issues share a handful of label sets."""
    found: dict[str, list[str]] = {}
    for label in labels:
        if match := _LABEL.match(label):
            name = _LABEL_ALIASES.get(match[1].casefold(), match[1].casefold())
            found.setdefault(name, []).append(match[2].strip())
    return {k: tuple(v) for k, v in found.items()}, frozenset(x.casefold() for x in labels)


def _type(tagged: dict[str, tuple[str, ...]], labels: frozenset[str]) -> str:
    if "type" in tagged:
        return tagged["type"][0]
    return "Bug" if "bug" in labels else "Issue"


def _labels(value: Any) -> list[str]:
    """Label names; gh gives objects with a name, other tools plain strings."""
    if not isinstance(value, list):
        return []
    names = (text_of(label.get("name") if isinstance(label, dict) else label) for label in value)
    return [name for name in names if name]


def _repo(issue: dict[str, Any]) -> str:
    match = _REPO_URL.match(text_of(issue.get("url")))
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
