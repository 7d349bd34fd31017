"""Numbers as a CTO writes them: digits ("3", "1,5") or words ("trois", "twenty-one", "half a").

Everything here works on folded text (see `language.fold`).
"""

from __future__ import annotations

import re

from assistant.lang import READ, lexicon

# Number words of every read language (assistant/lang/<code>.py: `number_words` for values,
# `number_pattern` a small grammar the patterns embed).
NUMBER_WORDS: dict[str, float] = {}
for _code in READ:
    NUMBER_WORDS |= lexicon(_code).number_words
_WORDS_ALTERNATION = "|".join(lexicon(code).number_pattern for code in READ)

# A number: digits with an optional decimal part, or number words ending on a word boundary.
NUMBER = rf"(?:(?<![\w.,/])\d{{1,6}}(?:[.,]\d{{1,3}})?(?![\d/])|\b(?:{_WORDS_ALTERNATION})\b)"


def parse_number(text: str) -> float | None:
    """The value of a string matched by `NUMBER`, or None if it is not one."""
    text = text.strip()
    if text[:1].isdigit():
        try:
            return float(text.replace(",", "."))
        except ValueError:
            return None
    return NUMBER_WORDS.get(" ".join(re.split(r"[\s-]+", text)))
