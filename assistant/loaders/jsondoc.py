"""JSON exports as a list of issue objects, each with the row it came from.

Trackers hand out JSON three ways: one object per line (JSONL, what scripts paging the Jira
REST API write), a bare array (`gh issue list --json`) or a search response
(`{"issues": [...], "names": {...}}`). Row numbers are the line for JSONL and the position
(1-based) in the array otherwise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

import assistant.patterns as cached_re
from assistant.errors import InputError
from assistant.loaders.limits import current_limits, field_too_long, too_many_rows

_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
_FIX = "Re-export the file, or repair the JSON at that line (a missing comma or quote)."


class JsonRecords(NamedTuple):
    """The records of a JSON export: (line, object) pairs, what one is called in messages
    (`unit`), the export's own field names, and the bound on the values kept."""

    file: str
    records: tuple[tuple[int, dict[str, Any]], ...]
    unit: str = "item"
    names: Mapping[str, str] = MappingProxyType({})
    max_field_chars: int = 0  # checked on the values an item keeps (0: not checked)


def looks_like_json(text: str) -> bool:
    return text.lstrip()[:1] in ("[", "{")


def read_json(text: str, file: str) -> JsonRecords:
    limits = current_limits()
    records = _read_json(text, file, limits.max_rows_per_file + 1)
    if len(records.records) > limits.max_rows_per_file:
        raise too_many_rows(file, limits.max_rows_per_file, "issues")
    return records._replace(max_field_chars=limits.max_field_chars)


def check_long_strings(text: str, file: str, limit: int) -> None:
    """Refuse a JSON text holding a value longer than `limit` characters, before parsing it.

    A scan for a run of more than `limit` characters with no quote or backslash, tried only
    where a string's run starts (right after a quote or a backslash, the lookbehind), so each
    run is read once and brackets outside strings (a deeply nested document, refused later as
    too deep) are never taken for a value: linear, in C, and skipped
    when the whole text is shorter than one value may be. Without the lookbehind every start
    inside a long value would rescan it: 51 s for three values of 90,000 characters.
    """
    if len(text) <= limit:
        return
    found = _long_run(limit).search(text)
    if found is None:
        return
    start = found.start()
    line = text.count("\n", 0, start) + 1
    key = _KEY_BEFORE.search(text, max(0, start - 200), start)
    where = f"line {line}" + (f", field {key[1]!r}" if key else "")
    raise field_too_long(file, where, limit)


@lru_cache(maxsize=4)
def _long_run(limit: int) -> re.Pattern[str]:
    return cached_re.compile(rf'(?<=["\\])[^"\\]{{{limit + 1}}}')


_KEY_BEFORE = cached_re.compile(r'"([^"\\]{1,60})"\s*:\s*"?$')


def _read_json(text: str, file: str, most: int) -> JsonRecords:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return _read_lines(text, file, most)
        raise _syntax_error(exc, file, exc.lineno) from None
    except RecursionError:
        raise InputError(
            "is JSON nested too deeply to be an export.", file=file, fix=_FIX
        ) from None
    if isinstance(document, list):
        return JsonRecords(file, _objects(document, file, "item"))
    if isinstance(document, dict) and isinstance(document.get("issues"), list):
        names = document.get("names")
        names = {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}
        return JsonRecords(file, _objects(document["issues"], file, "item"), names=names)
    if isinstance(document, dict) and ("fields" in document or "number" in document):
        return JsonRecords(file, ((1, document),))
    raise InputError(
        "is JSON but holds neither a list of issues nor an object with an 'issues' list.",
        file=file,
        fix="Give the tracker's export itself: a JSON array of issues, one issue per line, "
        'or a Jira search response {"issues": [...]}.',
    )


def _read_lines(text: str, file: str, most: int) -> JsonRecords:
    """JSONL, one issue a line; stops reading at `most` issues (one past the row limit)."""
    records: list[tuple[int, Any]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(records) == most:
            break
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise _syntax_error(exc, file, number) from None
        except RecursionError:
            raise InputError("is nested too deeply.", file=file, where=f"line {number}") from None
    return JsonRecords(file, _objects_at(records, file, "line"), unit="line")


def _objects(values: list[Any], file: str, unit: str) -> tuple[tuple[int, dict[str, Any]], ...]:
    if all(type(value) is dict for value in values):  # what json.loads makes of objects
        return tuple(enumerate(values, start=1))
    return _objects_at(list(enumerate(values, start=1)), file, unit)


def _objects_at(
    numbered: list[tuple[int, Any]], file: str, unit: str
) -> tuple[tuple[int, dict[str, Any]], ...]:
    for number, value in numbered:
        if not isinstance(value, dict):
            raise InputError(
                f"holds a JSON {_JSON_TYPES.get(type(value), 'value')} where an issue object "
                "was expected.",
                file=file,
                where=f"{unit} {number}",
                fix='Each issue must be a JSON object such as {"key": ..., "fields": {...}}.',
            )
    return tuple(numbered)


def _syntax_error(exc: json.JSONDecodeError, file: str, line: int) -> InputError:
    return InputError(
        f"is not valid JSON: {exc.msg} (column {exc.colno}).",
        file=file,
        where=f"line {line}",
        fix=_FIX,
    )


def dig(value: Any, *path: str) -> Any:
    """A nested value, or None when a step is missing or not an object: exports vary."""
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    return value


def text_of(value: Any) -> str:
    """A string or integer as stripped text; objects, lists, booleans and null give ''."""
    if type(value) is str:  # the usual case, first
        return value.strip()
    return (
        str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    )
