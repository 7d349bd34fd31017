"""What a language gives the reader: word lists, one per role, all folded (lower case, no
accents: see `facts.language.fold`). A phrase may use `\\w*` for an open ending; a space
stands for any run of spaces. Keep phrases plain: the reader compiles them into patterns."""

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

_NONE: Mapping = MappingProxyType({})  # the default of a table field: empty, read-only


class Lexicon(NamedTuple):
    """A language's words, one field per role; read-only, like every field in it.

    A NamedTuple rather than a frozen dataclass: a hundred fields made the dataclass's
    generated methods over 1% of a cold `steerco brief` to compile."""

    code: str  # ISO 639-1
    name: str  # the language's name in English ("French"), for messages
    markers: tuple[str, ...]  # frequent words that tell this language from the others
    stop_words: tuple[str, ...] = ()  # left out when a mention is matched to titles
    modal: tuple[str, ...] = ()  # hedges: might, pourrait, risque de
    condition: tuple[str, ...] = ()  # if, si, unless
    recovery: tuple[str, ...] = ()  # caught up, rattrapé
    hope: tuple[str, ...] = ()  # we hope to, on pense: a recovery not yet made is none
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
    # How a status is cut into clauses and where a subject starts and ends
    # (assistant/facts/clauses.py). Phrases are regex fragments; the word lists plain words.
    abbreviations: tuple[str, ...] = ()  # "e\\.g\\.": a full stop that ends no sentence
    cause: tuple[str, ...] = ()  # because, parce qu (open ending): a clause giving a cause
    cause_own: tuple[str, ...] = ()  # car: a cause only in a status in this language
    cause_lead: tuple[str, ...] = ()  # "root cause", "c'est du a": a clause led by a cause
    cause_link: tuple[str, ...] = ()  # of, de, d': between a cause lead and the cause
    opposition: tuple[str, ...] = ()  # but, however, cependant: a clause that contrasts
    conjunction: tuple[str, ...] = ()  # and, et, but, mais: between two clauses
    sequence: tuple[str, ...] = ()  # then, puis: like a conjunction, before another subject
    subject_start: tuple[str, ...] = ()  # the, le, we: a new subject after a conjunction
    verb_after_link: tuple[str, ...] = ()  # "and \\w+ed": a new verb after a conjunction
    preposition: tuple[str, ...] = ()  # on, sur, au niveau de: a subject after a delay phrase
    lead_words: tuple[str, ...] = ()  # so, donc, in total: before a subject, not part of it
    pronouns: tuple[str, ...] = ()  # we, on: the writer's team as the subject
    contractions: tuple[str, ...] = ()  # 're, 've: glued to a pronoun
    auxiliaries: tuple[str, ...] = ()  # are, avons, accuse\\w*: after a pronoun
    trail_words: tuple[str, ...] = ()  # words: auxiliaries, adverbs ending no subject
    trail_verbs: tuple[str, ...] = ()  # moved, decal\\w*: one word ending no subject
    trail_links: tuple[str, ...] = ()  # words: and, avec, donc left at a subject's end
    # Which item a mention names (assistant/facts/matching.py); plain words
    epic_words: tuple[str, ...] = ()  # epic, chantier: the mention means an epic
    story_words: tuple[str, ...] = ()  # story, ticket: the mention means no epic
    item_plurals: tuple[str, ...] = ()  # epics, tickets: dropped from a mention too
    filler: tuple[str, ...] = ()  # eta, deadline, equipe: name no item unless a title uses them
    # What the delay reader is compiled from (assistant/facts/durations.py, dates.py,
    # numbers.py): every language's entries are joined, so a status may mix languages.
    months: Mapping[str, int] = _NONE  # "mars": 3, "mar": 3
    number_words: Mapping[str, float] = _NONE  # "vingt et un": 21
    number_pattern: str = ""  # a regex for the number words (a grammar, smaller than a list)
    units: Mapping[str, tuple[str, ...]] = _NONE  # DelayUnit name -> words
    late_after: tuple[str, ...] = ()  # after a quantity: "late", "de retard", "de plus"
    late_before: tuple[str, ...] = ()  # before a quantity: "slipped by", "glisse de"
    ahead_after: tuple[str, ...] = ()  # "ahead", "d'avance"
    ahead_before: tuple[str, ...] = ()  # "gained", "gagné"
    about: tuple[str, ...] = ()  # "about", "environ": between the verb and the quantity
    # How figures are written (assistant/narration/formatting.py); as written, not folded.
    # Also how the grounding check reads them back (narration/claims.py, grounding.py).
    thousands: str = ","  # between groups of three digits: "120 000" (fr), "120,000" (en)
    decimal: str = "."  # before the decimals: "1,5" (fr), "1.5" (en)
    currency_first: bool = False  # "EUR 120,000" (en), else "120 000 EUR" (fr)
    plural_from_two: bool = False  # 0 and 1.5 take the singular (fr); else all but 1 (en)
    week_nouns: tuple[str, str] = ("week", "weeks")  # singular, plural
    month_names: tuple[str, ...] = ()  # the twelve, as written: "janvier", "February"
    month_abbreviations: tuple[str, ...] = ()  # the twelve, on chart axes: "janv.", "Feb"
    date_pattern: str = "{day} {month} {year}"  # a date in prose
    first_day: str = "1"  # the first of a month, as written: "1er" (fr)
    day_first: bool = False  # 12/04/2027 is 12 April (fr), not December 4 (en)
    date_links: tuple[str, ...] = ()  # of, de: between a date's day, month and year (folded)
    rate_links: tuple[str, ...] = ()  # par, per, each: between an amount and its period (folded)
    periods: Mapping[str, tuple[str, ...]] = _NONE  # "week": ("semaine",)
    rate_hints: Mapping[str, tuple[str, ...]] = _NONE  # "week": ("hebdo",):
    # words before an amount that make it a rate ("chaque semaine ... vaut 25 000 EUR")
    function_words: tuple[str, ...] = ()  # the, le: words of this language only, to tell a
    # brief written in another language (folded)

    # Reading (assistant/facts/reading.py, roadmap/world.py): staffing news, when a change
    # starts and ends, and which sentences talk of time or money. Regex fragments, folded.
    people_nouns: tuple[str, ...] = ()  # developers, prestataires: whom a staffing change counts
    leave_words: tuple[str, ...] = ()  # leaves, quitte, conge: people going, or away
    join_words: tuple[str, ...] = ()  # joins, recrute: people coming
    absence_words: tuple[str, ...] = ()  # on leave, maternite: one person away, no noun needed
    until_words: tuple[str, ...] = ()  # until, jusqu'a: before the date a change ends
    for_words: tuple[str, ...] = ()  # for, pendant: before how long a change lasts
    month_leads: tuple[str, ...] = ()  # in, en, a partir de: before a month name
    word_months: tuple[str, ...] = ()  # mars, mai: month names that are months only after a lead
    season_words: tuple[str, ...] = ()  # q1, t1, easter, noel: time words besides month names
    time_words: tuple[str, ...] = ()  # late, retard, sprint, euros: a sentence of time or money
    recovered_words: tuple[str, ...] = ()  # clawed back, rattrape: before the amount recovered
    hour_words: tuple[str, ...] = ()  # hours, heures, h: an outage's length (facts/news.py)

    # How the grounding check reads a text's figures back (assistant/narration/claims.py):
    # folded regex fragments, every read language's joined. Symbols (€, $, £), currency codes
    # and k / m are every language's, in claims.py.
    figure_units: Mapping[str, tuple[str, ...]] = _NONE  # claim kind -> words: "weeks":
    # ("semaines?", "sem\\."); in order, the longer phrase first ("jours ouvrés" before "jours")
    magnitudes: Mapping[str, float] = _NONE  # "mille": 1e3, "milliards": 1e9, "bn": 1e9
    currency_words: Mapping[str, str] = _NONE  # "euros": "EUR", "d'euros": "EUR"
    magnitude_links: tuple[str, ...] = ()  # "d'", "de\\s+": "2 millions d'euros"
    percent_words: tuple[str, ...] = ()  # "pour\\s?cents?": after a number, a percentage
    range_words: tuple[str, ...] = ()  # "a", "ou", "et": between the two ends of a range
    on_time: tuple[str, ...] = ()  # "dans les (?:temps|delais)", "on track": a goal said on
    # time, which a brief must not say of a goal that moves (narration/grounding.py)
    on_time_undo: tuple[str, ...] = ()  # "not", "plus": just before, they undo it

    def many(self, count: float) -> bool:
        """Whether a noun after `count` takes the plural: "2 semaines", "1,5 semaine", "0 weeks"."""
        return count >= 2 if self.plural_from_two else count != 1


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a literal list."""
    return tuple(text.split())


def trie_pattern(phrases) -> str:
    """One regex matching any of `phrases`, as a character trie: a shared prefix is tried
    once, so the pattern costs the same at every position however many phrases it holds. A
    space in a phrase matches any run of spaces or hyphens; longer phrases are preferred."""
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
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")"
