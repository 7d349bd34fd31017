"""Merging several exports into one backlog whose links read the same from both ends.

Trackers record a dependency on one side only (Jira CSV writes `is blocked by`, a GitHub body
says `blocks #12`), and a backlog often spans exports (Jira for the platform, GitHub for the
app), so links are only complete once every export is merged: `A blocks B` then appears as
`A.blocks` and `B.blocked_by`. Links to items in no export stay on the item, for the record,
and are reported once rather than once per link.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.domain import Backlog, BacklogItem
from assistant.errors import InputError

_EXAMPLES = 3


def merge(exports: Sequence[tuple[str, Sequence[BacklogItem]]]) -> Backlog:
    """One backlog from (format, items) per export, in the order the exports were given."""
    items: dict[str, BacklogItem] = {}
    replaced: dict[tuple[str, str], list[str]] = {}
    for _, export in exports:
        _check_unique(export)
        for item in export:
            if (earlier := items.pop(item.key, None)) is not None:
                replaced.setdefault((earlier.source.file, item.source.file), []).append(item.key)
            items[item.key] = item
    warnings = [_replaced_warning(pair, keys) for pair, keys in replaced.items()]
    items = _normalise_links(items)
    warnings += _dangling_warnings(items)
    return Backlog(
        items=items,
        formats=tuple(name for name, _ in exports),
        warnings=tuple(warnings),
    )


def _check_unique(export: Sequence[BacklogItem]) -> None:
    """Two rows of one file with one key is a mistake to fix, not a version to pick."""
    seen: dict[str, BacklogItem] = {}
    for item in export:
        if (first := seen.setdefault(item.key, item)) is not item:
            raise InputError(
                f"key {item.key} appears twice, on rows {first.source.row} and {item.source.row}.",
                file=item.source.file,
                where=f"row {item.source.row}, {item.key}",
                fix="Keep one row per item, or give the second item its own key.",
            )


def _normalise_links(items: dict[str, BacklogItem]) -> dict[str, BacklogItem]:
    blocked_by = {key: list(item.blocked_by) for key, item in items.items()}
    blocks = {key: list(item.blocks) for key, item in items.items()}
    for key, item in items.items():
        for blocker in item.blocked_by:
            if blocker in blocks and key not in blocks[blocker]:
                blocks[blocker].append(key)
        for blocked in item.blocks:
            if blocked in blocked_by and key not in blocked_by[blocked]:
                blocked_by[blocked].append(key)
    normalised: dict[str, BacklogItem] = {}
    for key, item in items.items():
        before = tuple(k for k in blocked_by[key] if k != key)
        after = tuple(k for k in blocks[key] if k != key)
        if before != item.blocked_by or after != item.blocks:  # copy only what changes
            item = item.model_copy(update={"blocked_by": before, "blocks": after})
        normalised[key] = item
    return normalised


def _dangling_warnings(items: dict[str, BacklogItem]) -> list[str]:
    missing_links: list[str] = []
    missing_parents: list[str] = []
    for item in items.values():
        missing_links += [k for k in (*item.blocked_by, *item.blocks) if k not in items]
        if item.parent and item.parent not in items:
            missing_parents.append(item.parent)
    warnings = []
    if missing_links:
        warnings.append(
            f"{_count(len(missing_links), 'link points', 'links point')} to items in none of "
            f"the exports ({_examples(missing_links)}); they are ignored."
        )
    if missing_parents:
        warnings.append(
            f"{_count(len(missing_parents), 'item has a parent', 'items have a parent')} in "
            f"none of the exports ({_examples(missing_parents)}); they are treated as "
            "having no parent."
        )
    return warnings


def _replaced_warning(files: tuple[str, str], keys: list[str]) -> str:
    earlier, later = files
    where = f"both {earlier} and {later}" if earlier != later else f"{later} twice"
    return (
        f"{_count(len(keys), 'item appears', 'items appear')} in {where} "
        f"({_examples(keys)}); the version from {later} is kept."
    )


def _count(number: int, one: str, many: str) -> str:
    return f"1 {one}" if number == 1 else f"{number} {many}"


def _examples(keys: list[str]) -> str:
    distinct = list(dict.fromkeys(keys))
    shown = ", ".join(distinct[:_EXAMPLES])
    return f"e.g. {shown}" if len(distinct) > _EXAMPLES else shown
