"""goals.yaml: the business goals and what a week of delay costs each of them.

Goals are what briefs put a price on, so each keeps its line (`Source.row`) for the
brief's footnotes, and a goal id used twice is refused: impacts are attributed by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.domain import Goal, Source
from assistant.errors import InputError
from assistant.lang import registry
from assistant.loaders.validation import invalid
from assistant.loaders.values import DATE_FORMATS_HELP, parse_date, split_keys
from assistant.loaders.yamldoc import YamlDoc, read_yaml

_EXPECTED = "a list of goals (- id: G1, title: ..., cost_of_delay_per_week: ...)"


def load_goals(path: Path) -> list[Goal]:
    """The goals of a goals.yaml holding a list, or a mapping with a `goals:` list."""
    doc = read_yaml(Path(path), expected=_EXPECTED)
    entries, prefix = doc.data, ()
    if isinstance(entries, dict) and "goals" in entries:
        entries, prefix = entries["goals"], ("goals",)
    if not isinstance(entries, list):
        raise InputError(
            "should be a list of goals, or a mapping with a 'goals:' list.",
            file=doc.file,
            fix=f"Write {_EXPECTED}, each goal starting with '- id:'.",
        )
    goals: dict[str, Goal] = {}
    for index, entry in enumerate(entries):
        goal = _goal(doc, entry, (*prefix, index))
        if (first := goals.get(goal.id)) is not None:
            raise InputError(
                f"goal id {goal.id} is used twice (lines {_row(first)} and {_row(goal)}).",
                file=doc.file,
                where=f"line {_row(goal)}, {goal.id}",
                fix="Give each goal its own id (G1, G2, ...).",
            )
        goals[goal.id] = goal
    return list(goals.values())


def _row(goal: Goal) -> int | str:
    return goal.source.row if goal.source and goal.source.row else "?"


def _goal(doc: YamlDoc, entry: Any, loc: tuple[Any, ...]) -> Goal:
    line = doc.line(*loc)
    start = f"line {line}" if line else f"goal #{loc[-1] + 1}"
    where = start
    if not isinstance(entry, dict):
        raise InputError(
            "a goal should be a mapping (id, title, cost_of_delay_per_week, ...).",
            file=doc.file,
            where=where,
            fix=f"Write {_EXPECTED}.",
        )
    fields = dict(entry)
    goal_id = str(fields["id"]).strip() if fields.get("id") is not None else None
    if goal_id is not None:
        fields["id"] = goal_id
        where = f"{start}, {goal_id}"
    fields.update(localized_titles(fields.get("title"), doc.file, where))
    if "title" in fields and not str(fields["title"] or "").strip():
        raise InputError(
            "the goal's title is empty.", file=doc.file, where=where, fix="Give the goal a title."
        )
    fields["deadline"] = _deadline(fields.get("deadline"), doc.file, where)
    fields["depends_on"] = _keys(fields.get("depends_on"))
    fields["source"] = Source(file=doc.file, row=line, key=goal_id)
    try:
        return Goal.model_validate(fields)
    except ValidationError as exc:

        def locate(field: tuple[Any, ...]) -> str:
            place = doc.where((*loc, *field)) or start
            return f"{place}, {goal_id}" if goal_id else place

        raise invalid(exc, Goal, file=doc.file, locate=locate) from None


def localized_titles(title: Any, file: str, where: str) -> dict[str, Any]:
    """`title: {fr: ..., en: ...}`, in any language of the registry, becomes `titles`; the
    first one given is the default `title`."""
    if not isinstance(title, dict):
        return {}
    unknown = [str(lang) for lang in title if lang not in registry.READ]
    if unknown:
        raise InputError(
            f"title has a translation in {', '.join(unknown)}; Steerco writes briefs in "
            f"{registry.described()} only.",
            file=file,
            where=where,
            fix=f"Keep the titles in {', '.join(f'{code}:' for code in registry.READ)} only.",
        )
    texts = {str(lang): str(text).strip() for lang, text in title.items() if text}
    return {"title": next(iter(texts.values()), ""), "titles": texts}


def _deadline(value: Any, file: str, where: str) -> Any:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise InputError(
            f"deadline: {exc}.", file=file, where=where, fix=f"Write it as {DATE_FORMATS_HELP}."
        ) from None


def _keys(value: Any) -> tuple[str, ...]:
    """`depends_on` as a YAML list or a single string of keys separated by `,`, `;` or spaces."""
    if isinstance(value, list):
        return split_keys(*(str(key) for key in value if key is not None))
    return split_keys(str(value)) if value is not None else ()
