"""Bounds on what one file or one workspace may hold, and the errors that name them.

One server holds many clients' workspaces, so an export of a million rows or a cell of
200 MB must be refused early and clearly (which file, which row or column, the limit and
the setting that raises it), not parsed for minutes into gigabytes. The limits are settings
(`STEERCO_MAX_ROWS_PER_FILE`, `STEERCO_MAX_ITEMS_PER_WORKSPACE`, `STEERCO_MAX_FIELD_CHARS`);
a caller holding its own `Settings` (the API) applies them with `use_limits`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, NamedTuple

from assistant.errors import InputError


class Limits(NamedTuple):
    max_rows_per_file: int
    max_items_per_workspace: int
    max_field_chars: int

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        return cls(
            max_rows_per_file=settings.max_rows_per_file,
            max_items_per_workspace=settings.max_items_per_workspace,
            max_field_chars=settings.max_field_chars,
        )


_CURRENT: ContextVar[Limits | None] = ContextVar("steerco_limits", default=None)


def current_limits() -> Limits:
    """The limits in force: those of `use_limits`, else the settings from the environment."""
    limits = _CURRENT.get()
    if limits is None:
        limits = _from_environment(tuple(os.environ.get(name) for name in _VARIABLES))
    return limits


_VARIABLES = tuple(f"STEERCO_{name.upper()}" for name in Limits._fields)


@lru_cache(maxsize=8)
def _from_environment(values: tuple[str | None, ...]) -> Limits:
    """Settings read once per distinct value of the variables: building Settings costs ms."""
    from assistant.settings import Settings

    return Limits.from_settings(Settings())


@contextlib.contextmanager
def use_limits(limits: Limits) -> Iterator[Limits]:
    """Apply `limits` to the loaders called inside the block (this thread or task only)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


class LimitError(InputError):
    """A file or workspace past one of the limits; never mistaken for an unknown format."""


def _raise_with(setting: str, limit: int) -> str:
    return (
        f"If the file is genuine, raise the limit with {setting} (now {limit:,}) in the "
        "environment of the command or server."
    )


def too_many_rows(file: str, limit: int, unit: str = "rows") -> LimitError:
    return LimitError(
        f"holds more than {limit:,} {unit}, the limit for one file.",
        file=file,
        fix="Split the export (filter it by project or date), or drop what is not needed. "
        + _raise_with("STEERCO_MAX_ROWS_PER_FILE", limit),
    )


def field_too_long(file: str, where: str, limit: int) -> LimitError:
    return LimitError(
        f"a value is longer than {limit:,} characters, the limit for one field.",
        file=file,
        where=where,
        fix="Shorten that value or drop the column from the export (check its quotes too: "
        "an unclosed quote makes the rest of the file one value). "
        + _raise_with("STEERCO_MAX_FIELD_CHARS", limit),
    )


def check_workspace_items(
    workspace: str, kept: Mapping[str, int], incoming: Mapping[str, int], limit: int
) -> None:
    """Refuse an ingest that would leave the workspace with more than `limit` items.

    `kept` counts the items already held per source, `incoming` those of the files being
    ingested per source (a re-ingested source replaces its items, it does not add to them).
    """
    total = sum(n for source, n in kept.items() if source not in incoming) + sum(incoming.values())
    if total > limit:
        biggest = max(incoming, key=lambda source: incoming[source]) if incoming else None
        raise LimitError(
            f"the ingest would leave {total:,} backlog items in workspace {workspace!r}, more "
            f"than the limit of {limit:,} items per workspace.",
            file=biggest,
            fix="Ingest a filtered export (only the projects or the period the briefs need), "
            "or start a new workspace for the other projects. "
            + _raise_with("STEERCO_MAX_ITEMS_PER_WORKSPACE", limit),
        )
