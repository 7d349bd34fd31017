"""Text normalisation shared by the extractor and the glossary: folding, words, stems, language.

`fold` keeps one character per input character, so a match found in folded text has the same
offsets in the original text and the extractor can quote the status verbatim.
"""

from __future__ import annotations

import re
import unicodedata

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
_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9]*)?")


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal list, as a set."""
    return frozenset(text.split())


STOP_FR = word_set(
    """
    a ai au aux avec ce ces cet cette chez d dans de des du elle elles en est et etait eux il ils
    je l la le les leur leurs lui m ma mais me mes mon n ne ni nos notre nous on ont ou par pas
    plus pour qu que qui s sa se ses son sont sur t ta te tes toi ton tu un une vers vos votre
    vous y c ca cela ceci tout tous toute toutes tres aussi donc car etre avoir avons cote
    niveau concernant chez encore deja ete sera seront fait
    """
)
STOP_EN = word_set(
    """
    a an and are as at be been being but by for from had has have he her his i in into is it
    its me my no not of on or our ours she so than that the their them then there these they
    this those to too us very was we were what when where which while who will with would you
    your also just about over regarding re currently now still
    """
)
STOP_WORDS = STOP_FR | STOP_EN

# Words that tell one language from the other (shared words such as "on" or "a" left out).
_MARKERS_FR = word_set(
    "le la les des du de est sont sur pour avec dans une et pas nous ne retard semaine semaines "
    "jours mois avance prevue au aux cette ce qui que"
)
_MARKERS_EN = word_set(
    "the of is are for with in and not we our late behind weeks week days months ahead due "
    "this that to by has have was"
)


def fold(text: str) -> str:
    """Lower-case `text` and strip accents, one output character per input character."""
    text = text.translate(_SAME_LENGTH)
    out = []
    for char in text:
        if char.isascii():
            out.append(char.lower())
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        out.append(base[0] if base else char)
    return "".join(out)


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
    """'fr' or 'en' by counting marker words; French wins a tie (the product's home language)."""
    tokens = words(text)
    french = sum(token in _MARKERS_FR for token in tokens)
    english = sum(token in _MARKERS_EN for token in tokens)
    return "en" if english > french else "fr"
