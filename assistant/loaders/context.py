"""context.yaml: the company profile every cost and date is computed from.

A wrong day rate silently mis-prices every brief, so the file is validated strictly
(unknown settings are refused, not ignored) and each error points at its line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assistant.domain import Context, Source
from assistant.errors import InputError
from assistant.lang import registry
from assistant.loaders.validation import invalid
from assistant.loaders.yamldoc import YamlDoc, read_yaml

_EXPECTED = "the company profile (company, currency, language, sprint_weeks, teams: ...)"


def load_context(path: Path) -> Context:
    """The Context described by a context.yaml file."""
    doc = read_yaml(Path(path), expected=_EXPECTED)
    if not isinstance(doc.data, dict):
        raise InputError(
            "should be a mapping of settings, not a list or a single value.",
            file=doc.file,
            fix=f"Write {_EXPECTED}, one `name: value` per line.",
        )
    try:
        context = Context.model_validate({**doc.data, "source": Source(file=doc.file)})
    except ValidationError as exc:
        raise invalid(exc, Context, file=doc.file, locate=doc.where, data=doc.data) from None
    check_language(context, file=doc.file, where=doc.where(("language",)))
    _check_team_names(context, doc)
    return context


def check_language(context: Context, *, file: str, where: str | None) -> None:
    """The context's language is one the registry reads (assistant/lang/registry.py): checked
    here, the domain model being below the language layer."""
    if context.language not in registry.READ:
        raise InputError(
            f"language should be one of: {', '.join(registry.READ)} (got {context.language!r}).",
            file=file,
            where=where,
            fix=f"Set language to one Steerco reads: {registry.described()}.",
        )


def _check_team_names(context: Context, doc: YamlDoc) -> None:
    """Teams are looked up by name, so two teams with one name would hide one of them."""
    seen: set[str] = set()
    for index, team in enumerate(context.teams):
        name = team.name.strip().casefold()
        if name in seen:
            raise InputError(
                f"team {team.name!r} is listed twice.",
                file=doc.file,
                where=doc.where(("teams", index, "name")),
                fix="Merge the two entries, or rename one team.",
            )
        seen.add(name)
