"""Numbers as a CTO writes them: digits ("3", "1,5") or words ("trois", "twenty-one", "half a").

Everything here works on folded text (see `language.fold`).
"""

from __future__ import annotations

import re

_EN_UNITS = re.findall(
    r"\w+",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen",
)
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy"}
_EN_TENS |= {80: "eighty", 90: "ninety"}
_FR_UNITS = re.findall(
    r"\w+",
    "zero un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
)
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}

# Words meaning a quantity, beyond plain numbers.
_EXTRA = {
    "a": 1,
    "an": 1,
    "une": 1,
    "a couple of": 2,
    "a couple": 2,
    "a dozen": 12,
    "une douzaine de": 12,
    "une dizaine de": 10,
    "une quinzaine de": 15,
    "une vingtaine de": 20,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "un demi": 0.5,
    "une demi": 0.5,
    "demi": 0.5,
    "one and a half": 1.5,
}


def _english() -> dict[str, float]:
    values: dict[str, float] = {word: n for n, word in enumerate(_EN_UNITS)}
    for tens, word in _EN_TENS.items():
        values[word] = tens
        for unit in range(1, 10):
            values[f"{word} {_EN_UNITS[unit]}"] = tens + unit
    return values


def _french_below_100(n: int) -> list[str]:
    if n < 17:
        return [_FR_UNITS[n]]
    if n < 20:
        return [f"dix {_FR_UNITS[n - 10]}"]
    tens, unit = divmod(n, 10)
    if n < 70:
        head = _FR_TENS[tens * 10]
        if unit == 0:
            return [head]
        if unit == 1:
            return [f"{head} et un", f"{head} un"]
        return [f"{head} {_FR_UNITS[unit]}"]
    if n < 80:
        rest = n - 60
        joiner = "et " if rest == 11 else ""
        return [f"soixante {joiner}{words}" for words in _french_below_100(rest)]
    if n == 80:
        return ["quatre vingts", "quatre vingt"]
    return [f"quatre vingt {words}" for words in _french_below_100(n - 80)]


def _french() -> dict[str, float]:
    return {words: n for n in range(100) for words in _french_below_100(n)}


NUMBER_WORDS: dict[str, float] = _french() | _english() | _EXTRA


def trie_pattern(phrases) -> str:
    """One regex matching any of `phrases`, as a character trie: a shared prefix is tried
    once, so the pattern costs the same at every position however many phrases it holds (a
    flat alternation of 300 number words was most of the reader's time). A space in a phrase
    matches any run of spaces or hyphens; longer phrases are preferred."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [
            (r"[\s-]+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return (f"(?:{body})?" if len(alts) == 1 else body + "?") if alts else ""
        return body

    return "(?:" + build(root) + ")"


def _grammar() -> str:
    """Number words as a small grammar (tens, then units) rather than 200 spelled-out forms:
    the reader's patterns embed it a dozen times, so its size is their compile time.
    `parse_number` gives the value; a form the grammar admits but French or English does not
    ("soixante et deux") parses to None and is not read."""
    sep = r"[\s-]+"
    en_units = "|".join(_EN_UNITS[1:10])
    en_teens = "|".join(_EN_UNITS[10:][::-1])
    en_tens = "|".join(_EN_TENS.values())
    english = rf"(?:{en_tens})(?:{sep}(?:{en_units}))?|{en_teens}|{en_units}"
    fr_units = "|".join(_FR_UNITS[1:][::-1])
    fr_teen = rf"dix{sep}(?:sept|huit|neuf)"
    fr_tens = "|".join(_FR_TENS.values())
    french = (
        rf"quatre{sep}vingts?(?:{sep}(?:{fr_teen}|{fr_units}))?"
        rf"|(?:{fr_tens})(?:{sep}(?:et{sep})?(?:{fr_teen}|{fr_units}))?|{fr_teen}|{fr_units}"
    )
    return f"{trie_pattern(_EXTRA)}|{french}|{english}|zero"


_WORDS_ALTERNATION = _grammar()
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
