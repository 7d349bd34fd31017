"""Pydantic validation errors rewritten as one sentence a non-programmer can act on.

Users see these messages in the CLI; a raw ValidationError dump names pydantic internals,
not the cell to fix, so every loader goes through `explain`.
"""

import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

import assistant.patterns as cached_re
from assistant.errors import InputError

_FIXES = {
    "day_rate": "day_rate is the fully loaded cost of one person-day in the context currency, "
    "between 1 and 20000 (e.g. 800).",
    "people": "people is the number of people in the team, more than 0 (e.g. 4).",
    "currency": "Use a 3-letter ISO currency code such as EUR, USD or GBP.",
    "points": "Story points are a number of 0 or more; clear the cell if it is not estimated.",
    "estimate_days": "The estimate is a number of days, 0 or more; clear the cell if unknown.",
    "cost_of_delay_per_week": "Give what one week of delay costs in the context currency, "
    "0 or more (e.g. 25000).",
}
_ONE_OF = cached_re.compile(r"^\^\(([\w|]+)\)\$$")


def explain(
    error: ValidationError, model: type[BaseModel], data: Any = None
) -> tuple[str, tuple[Any, ...]]:
    """A sentence for the first problem (counting the others) and where it is in the input.

    With the validated `data`, list entries are named by their `name` or `id` ("teams ›
    Platform › people") rather than by a position the user would have to count.
    """
    problems = error.errors()
    first = problems[0]
    loc = tuple(first["loc"])
    sentence = f"{_path(loc, data)} {_reason(first, model)}"
    if len(problems) > 1:
        others = len(problems) - 1
        sentence += f" (and {others} other problem{'s' if others > 1 else ''})"
    return sentence + ".", loc


def invalid(
    error: ValidationError,
    model: type[BaseModel],
    *,
    file: str,
    locate: Callable[[tuple[Any, ...]], str | None],
    data: Any = None,
) -> InputError:
    """The InputError for a validation failure; `locate` turns the field's loc into a place."""
    sentence, loc = explain(error, model, data)
    return InputError(sentence, file=file, where=locate(loc), fix=fix_for(loc, file))


def fix_for(loc: tuple[Any, ...], file: str) -> str:
    """The fix for the field at `loc`; a generic one for fields with no known pitfall."""
    names = [part for part in loc if isinstance(part, str)]
    return _FIXES.get(names[-1] if names else "", f"Correct the value in {file}.")


def _path(loc: tuple[Any, ...], data: Any) -> str:
    parts = []
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list | tuple) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            data = None
        if isinstance(part, int):
            label = data.get("name") or data.get("id") if isinstance(data, dict) else None
            parts.append(str(label) if isinstance(label, str | int) else f"#{part + 1}")
        else:
            parts.append(str(part))
    return " › ".join(parts) or "the document"


def _reason(problem: Any, model: type[BaseModel]) -> str:
    kind, message = problem["type"], problem["msg"]
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        allowed = [
            name for name in _fields_at(model, tuple(problem["loc"])[:-1]) if name != "source"
        ]
        return f"is not a field Steerco knows (expected: {', '.join(allowed)})"
    if kind == "string_pattern_mismatch" and (choices := _ONE_OF.match(problem["ctx"]["pattern"])):
        message = "should be one of: " + ", ".join(choices[1].split("|"))
    elif kind == "value_error":
        message = str(problem["ctx"]["error"])
    else:
        message = message.replace("Input should be", "should be")
    value = problem.get("input")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dict | list | tuple) or value is None:
        return message
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "...'"
    return f"{message} (got {shown})"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the (possibly nested) model found by walking `loc` from `model`."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            continue
        current = _model_in(current.model_fields[part].annotation)
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _model_in(arg):
            return found
    return None
