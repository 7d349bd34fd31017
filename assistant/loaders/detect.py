"""Which tracker wrote an export, decided from its content alone.

File names lie (`export.csv` may hold JSON, `jira.txt` a Linear export), so the format is
read from the text: JSON by its first character, then the shape of its issues; CSV by its
header. The CSV checks go from the most specific signature to the least (`Issue key`, then
Linear's exact `ID`+`Title`+`Team`, then `key`), so a file matches exactly one format.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from assistant.domain import BacklogItem
from assistant.errors import InputError
from assistant.loaders import generic_csv, github_json, jira_csv, jira_json, linear_csv
from assistant.loaders.jsondoc import JsonRecords, looks_like_json, read_json
from assistant.loaders.limits import LimitError
from assistant.loaders.table import Table, read_table

SUPPORTED = (
    "Jira CSV (an 'Issue key' column)",
    "Linear CSV (columns 'ID', 'Title', 'Team')",
    "generic CSV (columns 'key', 'title')",
    "Jira REST JSON (issues with 'key' and 'fields')",
    "GitHub issues JSON (gh issue list --json number,title,state,labels,body,url,...)",
)


class _Format(NamedTuple):
    name: str
    matches: Callable[[Any], bool]
    parse: Callable[[Any], list[BacklogItem]]


_CSV = tuple(_Format(m.NAME, m.matches, m.parse) for m in (jira_csv, linear_csv, generic_csv))
_JSON = tuple(_Format(m.NAME, m.matches, m.parse) for m in (jira_json, github_json))


class Export(NamedTuple):
    format: str
    items: list[BacklogItem]
    warnings: tuple[str, ...] = ()  # what was assumed reading it (a column's date order)


def backlog_format(text: str, file: str) -> str | None:
    """The backlog format `text` is in, or None when it is no backlog export we know."""
    if not text.strip():
        return None
    if looks_like_json(text):
        try:
            document: JsonRecords | Table = read_json(text, file)
        except LimitError:
            raise
        except InputError:
            if _valid_json(text):  # JSON, just not issues: maybe an audit report
                return None
            raise
        if not document.records:
            return None
        candidates: tuple[_Format, ...] = _JSON
    else:
        try:
            document = read_table(text, file)
        except LimitError:  # too big to be anything: say so, not "unknown format"
            raise
        except InputError:
            return None
        candidates = _CSV
    return next((form.name for form in candidates if form.matches(document)), None)


def _valid_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def parse_export(text: str, file: str, language: str | None = None) -> Export:
    """The items of one export and the format they were read as.

    `language` is the context's: it says which of day and month a CSV column of dates such
    as 08/11/2016 puts first when none of its values does (see date_order).
    """
    with no_cyclic_gc():  # the rows are freed before the collector runs again
        return _parse_export(text, file, language)


def _parse_export(text: str, file: str, language: str | None) -> Export:
    if not text.strip():
        raise InputError("is empty.", file=file, fix="Export the backlog again; the file is blank.")
    document: JsonRecords | Table
    if looks_like_json(text):
        document = read_json(text, file)
        if not document.records:
            raise InputError("holds no issues.", file=file, fix=_EXPORT_AGAIN)
        candidates, found = _JSON, f"first issue's fields: {_sample(document.records[0][1])}"
    else:
        document = read_table(text, file, language)
        candidates, found = _CSV, f"columns: {_sample(document.header)}"
    chosen = next((form for form in candidates if form.matches(document)), None)
    if chosen is None:
        raise InputError(
            f"is not a backlog export Steerco recognises ({found}). "
            f"Supported formats: {'; '.join(SUPPORTED)}.",
            file=file,
            fix="Export from Jira, Linear or GitHub, or rename your columns to the generic CSV "
            "layout (key, title, status, points, parent, blocked_by, ...).",
        )
    items = chosen.parse(document)
    if not items:
        raise InputError(f"is a {chosen.name} export with no items.", file=file, fix=_EXPORT_AGAIN)
    warnings = tuple(document.warnings) if isinstance(document, Table) else ()
    return Export(chosen.name, items, warnings)


_EXPORT_AGAIN = "Export again with a filter that matches the backlog's issues, or drop this file."


@contextlib.contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees everything).

    Parsing allocates a few objects per cell and keeps them all; each automatic collection
    walks every object still alive, which cost a third of the parse of a large export. On
    the way out, the objects made meanwhile are moved to the oldest generation without a
    walk (`freeze` then `unfreeze` splice the lists): re-enabling alone left them all in the
    youngest one, and the next allocation paid for a collection of the whole parse (a sixth
    of it). They are still collected, by the next full collection. Skipped when something
    else froze objects, which `unfreeze` would release.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


def _sample(names: Any) -> str:
    shown = [str(name)[:30] for name in list(names)[:8]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "") if shown else "none"
