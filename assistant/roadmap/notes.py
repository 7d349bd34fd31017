"""The roadmap's warnings as codes and parameters, worded at render time in the output's
language from the `roadmap` section of prompts/phrases.<lang>.v1.yaml, with the right plurals
(`<name>_many`, never "semaine(s)"), amounts with their currency and dates as the language
writes them."""

from __future__ import annotations

from typing import Any

import jinja2

from assistant.facts.provenance import Notice
from assistant.narration.formatting import format_date, format_money, readable_params
from assistant.prompts import phrase

_NAMED = ("package", "risk")  # parameters holding a package id: shown as its title


def note(code: str, **params: Any) -> Notice:
    return Notice(code=f"roadmap.{code}", params=params)


def sentence(lang: str, key: str, **params: Any) -> str:
    """The phrase `key` of the roadmap section, numbers readable and plurals agreed."""
    return phrase(lang, "roadmap", key, **readable_params(params, lang))


def word(notice: Notice, lang: str, name: Any = None) -> str | None:
    """The sentence of a roadmap notice, or None for a code without a phrase.
    `name(key)` turns a package id into what the reader should see (a title for COMEX)."""
    name = name or (lambda key: key)
    params = dict(notice.params)
    for key in _NAMED:
        if key in params:
            params[key] = name(params[key])
    if "loss" in params:
        params["loss"] = format_money(float(params["loss"]), params.get("currency", ""), lang)
        params["loss"] = params["loss"].strip()
    for key, value in list(params.items()):
        if key.endswith("_date") and isinstance(value, str):
            params[key] = format_date(value, lang)
    try:
        return sentence(lang, notice.code.removeprefix("roadmap."), **params)
    except (KeyError, jinja2.UndefinedError):
        return None


def english(notice: Notice) -> str:
    """The English sentence, for `RoadmapPlan.warnings` (the JSON, the CLI's logs)."""
    return word(notice, "en") or notice.code
