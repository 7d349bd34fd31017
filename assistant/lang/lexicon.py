"""What a language gives the reader: word lists, one per role, all folded (lower case, no
accents: see `facts.language.fold`). A phrase may use `\\w*` for an open ending; a space
stands for any run of spaces. Keep phrases plain: the reader compiles them into patterns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    code: str  # ISO 639-1
    name: str  # the language's name in English ("French"), for messages
    markers: tuple[str, ...]  # frequent words that tell this language from the others
    modal: tuple[str, ...] = ()  # hedges: might, pourrait, risque de
    condition: tuple[str, ...] = ()  # if, si, unless
    recovery: tuple[str, ...] = ()  # caught up, rattrapé
    net: tuple[str, ...] = ()  # "so net", "au final": a restated total
    correction: tuple[str, ...] = ()  # actually, en fait, update
    negation: tuple[str, ...] = ()  # not, pas
    contrast: tuple[str, ...] = ()  # but, mais
    unknown: tuple[str, ...] = ()  # TBD, date unknown, on ne sait pas
    deferred: tuple[str, ...] = ()  # next release, deprioritised
    addressee: tuple[str, ...] = ()  # assistant, AI: who an injected note speaks to
    meta: tuple[str, ...] = ()  # ignore previous instructions, you are now
    imperative: tuple[str, ...] = ()  # write, mention, output
    summary_words: tuple[str, ...] = ()  # summary, résumé: the tool's output
    budget: tuple[str, ...] = ()  # bill, facture, budget
    vendor: tuple[str, ...] = ()  # provider, fournisseur, price
    increase: tuple[str, ...] = ()  # higher, hausse, raises
    staffing: tuple[str, ...] = ()  # resign, quitte, hired
    incident: tuple[str, ...] = ()  # outage, panne, unavailable
    regulator: tuple[str, ...] = ()  # mandatory, obligatoire
    risk_heading: tuple[str, ...] = ()  # "Risks" as a section heading
    news_heading: tuple[str, ...] = ()  # "Incidents", "Budget", "People"
    greeting: tuple[str, ...] = ()  # hello, bonjour
    signoff: tuple[str, ...] = ()  # best, cordialement
    number_words: dict[str, float] | None = None


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a literal list."""
    return tuple(text.split())
