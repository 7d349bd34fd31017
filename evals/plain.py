"""Plain language for COMEX and CFO readers: no unexplained jargon, a short headline, easy prose.

Reading ease: Flesch (English) = 206.835 − 1.015 × words/sentence − 84.6 × syllables/word;
Kandel–Moles (French adaptation) = 207 − 1.015 × words/sentence − 73.6 × syllables/word.
Higher is easier; 60-70 is plain business prose. Syllables are counted as vowel groups with
the usual corrections (a silent final e in both languages, -es/-ed in English): good enough
for an average over a page, which is all the score is used for. Reported, not gated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.facts.glossary import load_glossary

HEADLINE_MAX_WORDS = 30
_EXPLAINED = re.compile(r"\n## (?:Termes techniques|Technical terms)\n")
_VOWELS = {"fr": "aeiouyàâäéèêëîïôöùûüœæ", "en": "aeiouy"}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?;:]+(?:\s|$)|\n+")


def syllables(word: str, language: str) -> int:
    """Vowel groups, minus a silent final e (and English -es, -ed after a consonant)."""
    w = word.lower().replace("’", "'").split("'")[-1]
    groups = re.findall(f"[{_VOWELS[language]}]+", w)
    count = len(groups)
    if language == "en":
        if re.search(r"[^aeiouy](?:e|es|ed)$", w) and not re.search(r"[^aeiouy]le$|[td]ed$", w):
            count -= 1
    elif re.search(r"[^aeiouyéèêàâîôû](?:e|es|ent)$", w) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(text: str, language: str) -> float:
    """Flesch (en) or Kandel–Moles (fr) score of `text`'s prose (Markdown marks ignored)."""
    prose = re.sub(r"[*#>`_|«»\"“”]", " ", text)
    sentences = [s for s in _SENTENCE_END.split(prose) if _WORD.search(s)]
    words = _WORD.findall(prose)
    if not words or not sentences:
        return 0.0
    per_sentence = len(words) / len(sentences)
    per_word = sum(syllables(w, language) for w in words) / len(words)
    if language == "fr":
        return 207 - 1.015 * per_sentence - 73.6 * per_word
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


@dataclass(frozen=True)
class PlainLanguage:
    unexplained: list[str]  # jargon used in the prose and not explained in the brief
    headline_words: int
    reading_ease: float

    @property
    def ok(self) -> bool:
        return not self.unexplained and self.headline_words <= HEADLINE_MAX_WORDS


def plain_language(
    markdown: str, body: str, headline: str, language: str, names: list[str]
) -> PlainLanguage:
    """Jargon (glossary entries marked jargon) in `body` must be explained in the brief's
    glossary part. `names` (the company's, its teams', its goals') are the client's own words:
    a COMEX knows what its goals are called, so they are not searched."""
    _, *tail = _EXPLAINED.split(markdown, maxsplit=1)
    explained = tail[0].lower() if tail else ""
    glossary = load_glossary()
    for name in sorted(names, key=len, reverse=True):
        body = body.replace(name, " ")
    used = glossary.find_terms(body, language)
    unexplained = [e.name(language) for e in used if e.name(language).lower() not in explained]
    return PlainLanguage(
        unexplained=unexplained,
        headline_words=len(_WORD.findall(headline)),
        reading_ease=round(reading_ease(body, language), 1),
    )
