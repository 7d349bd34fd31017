"""Inputs given inline in a request body, validated like the files they stand for."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from assistant.brief import Inputs
from assistant.domain import BacklogItem, Context, Goal, Source, StatusCategory
from assistant.errors import InputError
from assistant.loaders.context import check_language
from assistant.loaders.goals import localized_titles
from assistant.loaders.links import merge
from assistant.loaders.values import split_keys, status_category
from assistant.report import InputFile


def inline_inputs(
    context: dict[str, Any], goals: list[dict[str, Any]], backlog: list[dict[str, Any]]
) -> Inputs:
    ctx = _valid(Context, {**context, "source": {"file": "request.context"}}, "context")
    check_language(ctx, file="request body", where="context")
    goal_models = [_valid(Goal, _goal(g, i), f"goals[{i}]") for i, g in enumerate(goals)]
    items = [_valid(BacklogItem, _item(row, i), f"backlog[{i}]") for i, row in enumerate(backlog)]
    merged = merge([("inline", items)])
    files = [InputFile(file="request", kind="inline")]
    return Inputs(context=ctx, goals=goal_models, backlog=merged, files=files)


def _goal(raw: dict[str, Any], index: int) -> dict[str, Any]:
    goal = dict(raw)
    goal.update(localized_titles(goal.get("title"), "request body", f"goals[{index}]"))
    goal["source"] = {"file": "request.goals", "row": index + 1, "key": str(goal.get("id", ""))}
    return goal


def _item(raw: dict[str, Any], index: int) -> dict[str, Any]:
    row = dict(raw)
    key = str(row.get("key", ""))
    status = str(row.get("status") or "")
    components = row.pop("component", None) or row.get("components") or ()
    if isinstance(components, str):
        components = [c.strip() for c in components.replace(";", ",").split(",") if c.strip()]
    item_type = str(row.get("type") or "Story")
    return {
        **{k: v for k, v in row.items() if k in BacklogItem.model_fields},
        "type": item_type,
        "is_epic": row.get("is_epic", item_type.casefold() == "epic"),
        "category": status_category(status, resolved=row.get("resolved") or None)
        if "category" not in row
        else StatusCategory(row["category"]),
        "components": tuple(components),
        "blocked_by": split_keys(*_listed(row.get("blocked_by"))),
        "blocks": split_keys(*_listed(row.get("blocks"))),
        "source": Source(file="request.backlog", row=index + 1, key=key),
    }


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _valid(model: Any, data: dict[str, Any], where: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise InputError(
            f"{field}: {first['msg']}.",
            file="request body",
            where=where,
            fix="correct that field; the fields are those of the files (see the README).",
        ) from None
