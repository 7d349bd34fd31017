"""Text normalisation shared by the extractor and the glossary: folding, words, stems, language.

`fold` keeps one character per input character, so a match found in folded text has the same
offsets in the original text and the extractor can quote the status verbatim.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import assistant.patterns as cached_re

_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u2212": "-",
    }
)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_WORD = cached_re.compile(r"[a-z0-9]+(?:[+#][a-z0-9]*)?")


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal list, as a set."""
    return frozenset(text.split())


def _stop_words() -> frozenset[str]:
    from assistant.lang import READ, lexicon

    return frozenset(w for code in READ for w in lexicon(code).stop_words)


STOP_WORDS = _stop_words()  # of every read language (assistant/lang/<code>.py)


@cache
def _markers(code: str) -> frozenset[str]:
    from assistant.lang import lexicon

    return frozenset(lexicon(code).markers)


class _Folding(dict[int, str]):
    """str.translate's table for `fold`: each character's folded form, computed the first
    time it is met (at most `_KEPT` of them kept, so a text of rare characters costs time,
    never memory)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isascii():
            folded = char.lower()
        else:
            base = unicodedata.normalize("NFD", char)[0].lower()
            folded = base[0] if base else char
        if len(self) < _KEPT:
            self[code] = folded
        return folded


_KEPT = 8192
_FOLD = _Folding({code: target for code, target in _SAME_LENGTH.items()})


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, one output character per input character."""
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """Folded words of `text`; ligatures expanded, apostrophes and punctuation dropped."""
    return _WORD.findall(fold(text.translate(_LIGATURES)))


def stem(word: str) -> str:
    """A light plural and feminine stripper, the same on both sides of every comparison."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (("ies", "y"), ("eaux", "eau"), ("ees", "e"), ("ee", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith(("s", "x")) and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """Stemmed content words of `text`, stop words removed."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def detect_language(text: str) -> str:
    """The read language with most marker words (assistant/lang); the first registered one
    (French, the product's home language) wins a tie."""
    from assistant.lang import READ

    tokens = words(text)
    counts = {code: sum(token in _markers(code) for token in tokens) for code in READ}
    return max(READ, key=lambda code: (counts[code], code == READ[0]))


def unsupported_language(text: str) -> str | None:
    """The name of the language `text` is written in when Steerco does not read it ("German"),
    else None. Only a clear majority of another language's own marker words counts, so Dutch
    titles quoted in an English status do not."""
    from assistant.lang import READ, UNSUPPORTED, lexicon

    tokens = words(text)
    read = frozenset().union(*(_markers(code) for code in READ))
    best = max(sum(token in _markers(code) for token in tokens) for code in READ)
    for code in UNSUPPORTED:
        own = _markers(code) - read
        count = sum(token in own for token in tokens)
        if count >= 3 and count > best:
            return lexicon(code).name
    return None
