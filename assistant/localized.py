"""Text in several languages as one value: `{language: text}`, read through one accessor.

A value names the languages it has; it is built in the language registry's order (the
default first), so "the first it has" is the registry's choice. This module is below the
language layer: it knows no language, only the rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Localized = dict[str, str]


def localized(texts: Mapping[str, str] | None, language: str, fallback: str = "") -> str:
    """`texts` in `language`; else the first language it has; else `fallback`."""
    if texts:
        if text := texts.get(language):
            return text
        for text in texts.values():
            if text:
                return text
    return fallback


def fold_languages(data: Any, **fields: str) -> Any:
    """Saved data from before languages were one value had a pair of keys per text
    (`title_fr`, `title_en`): `fold_languages(data, titles="title")` folds them into
    `titles: {fr: ..., en: ...}`, so reports, roadmaps and workspaces saved then still load.
    For a `model_validator(mode="before")`; data already in the new shape passes unchanged."""
    if not isinstance(data, dict):
        return data
    folded = dict(data)
    for field, old in fields.items():
        pair = re.compile(rf"^{re.escape(old)}_([a-z]{{2,3}})$")
        found = {m[1]: key for key in data if isinstance(key, str) and (m := pair.match(key))}
        if not found:
            continue
        texts = dict(folded.get(field) or {}) if isinstance(folded.get(field), dict) else {}
        for language, key in found.items():
            value = folded.pop(key)
            if value:
                texts.setdefault(language, value)
        folded[field] = texts
    return folded
