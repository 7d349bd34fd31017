"""What Jira's CSV and REST exports share: link semantics, epics, sprints, keys.

Jira names a link by its type ("Blocks", "Dependency") and a side (inward or outward); which
side means "waits for" depends on the type, so both exports decide it here, once.
"""

from __future__ import annotations

from typing import Literal

import assistant.patterns as cached_re
from assistant.loaders.values import fold

Direction = Literal["blocked_by", "blocks"]

KEY = cached_re.compile(r"^[A-Z][A-Z0-9_]*-\d+$")
EPIC_TYPES = {"epic", "epopee"}

# Phrase shown on the issue that holds the link (the type's inward or outward text).
_BLOCKED_BY_PHRASES = {
    "is blocked by", "depends on", "depends upon", "is dependent on", "requires",
    "has to be done after", "est bloque par", "depend de",
}  # fmt: skip
_BLOCKS_PHRASES = {
    "blocks", "is depended on by", "is depended upon by", "is required by",
    "has to be done before", "is a dependency of", "bloque", "est requis par",
}  # fmt: skip
# When only the type name is known (CSV columns), the side that reads "waits for".
_WAITING_SIDE = {
    "blocks": "inward", "blocker": "inward", "bloque": "inward",
    "dependency": "outward", "dependencies": "outward", "depends": "outward",
    "dependent": "outward", "required": "outward", "requires": "outward",
}  # fmt: skip
_SPRINT_NAME = cached_re.compile(r"\bname=([^,\]]+)")


def link_direction(
    type_name: str, side: Literal["inward", "outward"], phrase: str | None = None
) -> Direction | None:
    """Whether a link puts the other issue before this one (blocked_by) or after (blocks).

    `side` is the side of the *other* issue, as Jira records it (`inwardIssue`, or the CSV
    column `Inward issue link (Blocks)`). Links that are not dependencies give None.
    """
    if phrase:
        words = fold(phrase)
        if words in _BLOCKED_BY_PHRASES:
            return "blocked_by"
        if words in _BLOCKS_PHRASES:
            return "blocks"
    waiting_side = _WAITING_SIDE.get(fold(type_name))
    if waiting_side is None:
        return None
    return "blocked_by" if side == waiting_side else "blocks"


def is_epic_type(issue_type: str) -> bool:
    return fold(issue_type) in EPIC_TYPES


def sprint_name(value: object) -> str | None:
    """The sprint a REST sprint field points to: the last of a list, in any Jira vintage.

    Jira Cloud gives objects with a name, Jira Server a serialised Java object string
    (`com.atlassian.greenhopper.service.sprint.Sprint@1a[id=3,...,name=Sprint 3,...]`).
    """
    if isinstance(value, list):
        names = [name for name in map(sprint_name, value) if name]
        return names[-1] if names else None
    if isinstance(value, dict):
        name = value.get("name")
        return str(name).strip() or None if name else None
    if isinstance(value, str):
        match = _SPRINT_NAME.search(value)
        return match[1].strip() if match else value.strip() or None
    return None
