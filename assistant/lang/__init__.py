"""Languages as a unit: one lexicon per language, one registry, patterns compiled from them.

A status may mix languages (franglais, a French note over a forwarded English mail), so the
reader's patterns are the union of every registered lexicon's words for one role: each
pattern is built here from word lists, never written as a hand-made FR|EN alternation.
Patterns compile on first use (`pattern(role)`), so importing the reader costs nothing.

Adding a language: see README "Adding a language" (a lexicon module, one registry line,
phrases and templates for the brief).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import assistant.patterns as cached_re
from assistant.lang.lexicon import Lexicon
from assistant.lang.registry import (
    READ,
    SPOKEN,
    UNSUPPORTED,
    described,
    language_type,
    lexicon,
    register,
    worded,
)

__all__ = [
    "READ",
    "SPOKEN",
    "UNSUPPORTED",
    "Lexicon",
    "alternation",
    "described",
    "language_type",
    "lexicon",
    "longest_first",
    "month_words",
    "pattern",
    "register",
    "worded",
    "words_of",
]


def words_of(role: str) -> tuple[str, ...]:
    """Every read language's phrases for `role`, longest first, folded (see `Lexicon`)."""
    found: dict[str, None] = {}
    for code in READ:
        for phrase in getattr(lexicon(code), role):
            found.setdefault(phrase, None)
    return tuple(sorted(found, key=len, reverse=True))


def longest_first(words: Iterable[str], *, escape: bool = False) -> str:
    """`words` as the branches of one regex alternation, each once, the longest first then
    alphabetically: a word is tried before its prefixes, and the pattern is the same in every
    process (a set's order is not). `escape`: the words are literal text, not fragments."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(map(re.escape, ordered) if escape else ordered)


def month_words() -> dict[str, int]:
    """Every read language's month words as statuses write them, folded ("mars": 3,
    "sept": 9), the lexicons' `months` joined in the registry's order."""
    found: dict[str, int] = {}
    for code in READ:
        found |= lexicon(code).months
    return found


def alternation(role: str) -> str:
    """A non-capturing regex alternation of `role`'s phrases. A phrase is a regex fragment:
    lexicons write `\\w*` for open endings and spaces for any run of spaces."""
    parts = [p.replace(" ", r"\s+") for p in words_of(role)]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"  # no phrase: matches nothing


@cache
def pattern(role: str, template: str = r"\b{}\b") -> re.Pattern[str]:
    """`template` with `role`'s alternation in place of `{}`, compiled once per process."""
    return cached_re.compile(template.replace("{}", alternation(role)))
