"""The grounding check: a narrative may state only numbers the facts computed, and must not
drop or deny what matters.

Why: an LLM writes better sentences than templates but may invent, round, swap or negate a
number. Every claim the text makes (see `claims.py`) must match a computed figure of the same
kind, within the rounding the text displays (€120k matches 119 500 to 120 499). The text also
fails if it calls a shifted goal on time near its title, leaves out a shifted goal, the total
or a required risk, is in the other language, or is longer than its audience reads. Pure and
fast: the LLM narrator calls it on every draft, the eval suite on every mutant.
"""

import datetime as dt
import re
from functools import lru_cache

from pydantic import BaseModel

import assistant.patterns as cached_re
from assistant.audience import AUDIENCES, profile
from assistant.facts.language import fold, terms, words
from assistant.facts.provenance import Figure
from assistant.lang import READ, lexicon
from assistant.narration.claims import Claim, find_claims

# Words each audience reads, at most (its profile's): a COMEX page, a CFO's page and a half...
MAX_WORDS = {name: a.max_words for name, a in AUDIENCES.items()}
_DURATIONS = {"weeks", "days", "months", "sprints", "points"}
_DAY_UNITS = {"days", "working_days", "calendar_days", "dates"}
# "dans les temps", "on track": a goal said on time, in every read language (lexicons'
# `on_time`), unless a word just before undoes it ("plus dans les temps", `on_time_undo`)
_ON_TIME_WORDS = dict.fromkeys(p for c in READ for p in lexicon(c).on_time) or ("(?!)",)
_UNDO_WORDS = dict.fromkeys(w for c in READ for w in lexicon(c).on_time_undo) or ("(?!)",)
_ON_TIME = cached_re.compile(r"\b(?:" + "|".join(_ON_TIME_WORDS) + r")\b")
_UNDO = cached_re.compile(r"(?:" + "|".join(rf"\b{w}" for w in _UNDO_WORDS) + r")\s+(?:\w+\s+)?$")
_RATES = {"per_week": "week", "weekly": "week", "day_rate": "day", "per_day": "day"}
_PERIOD_WORDS = {  # every read language's: "semaine|hebdo|week|..."
    period: "|".join(w for code in READ for w in lexicon(code).rate_hints.get(period, ()))
    for period in ("week", "day")
}
_ENDS = ".!?\n;"
_Span = tuple[int, int, str, bool]
_LEFTOVER = cached_re.compile(r"\[\[[^\]\n]*\]\]|\{\{[^}\n]*\}\}")


class Problem(BaseModel):
    kind: str  # unknown_figure, ungrounded_number, contradiction, missing_goal, missing_total,
    # missing_risk, wrong_language, too_long
    detail: str


class GroundingReport(BaseModel):
    ok: bool
    problems: list[Problem]


def check_narrative(
    text: str,
    *,
    figures: dict[str, Figure],
    language: str,
    shifted_goal_titles: list[str],
    untouched_goal_titles: list[str],
    total_figure_id: str | None,
    required_risks: list[str],
    allowed_names: list[str],
    audience: str,
    max_words: int | None = None,
) -> GroundingReport:
    """Every problem found in `text`; ok when there is none. `max_words` overrides the
    audience's limit (0: no limit), e.g. for text the template narrator wrote."""
    problems = [Problem(kind="unknown_figure", detail=m.group()) for m in _LEFTOVER.finditer(text)]
    names = [*allowed_names, *shifted_goal_titles, *untouched_goal_titles, *required_risks]
    claims = find_claims(text, language, names)
    for claim in claims:
        if not any(matches(claim, figure) for figure in figures.values()):
            problems.append(Problem(kind="ungrounded_number", detail=_describe(claim)))
    folded = _flat(fold(text))
    for title in shifted_goal_titles:
        if not _mentions(folded, title):
            problems.append(Problem(kind="missing_goal", detail=title))
    for title, phrase in _denials(folded, shifted_goal_titles, untouched_goal_titles):
        problems.append(Problem(kind="contradiction", detail=f"{title!r} called {phrase!r}"))
    total = figures.get(total_figure_id or "")
    if total is not None and not any(matches(c, total) for c in claims):
        problems.append(Problem(kind="missing_total", detail=f"{total.id} = {total.value:g}"))
    for risk in required_risks:
        if not _mentions(folded, risk, share=0.6):
            problems.append(Problem(kind="missing_risk", detail=risk))
    problems += language_problems(text, language) + _length(text, audience, max_words)
    return GroundingReport(ok=not problems, problems=problems)


@lru_cache(maxsize=8192)
def _folded_title(title: str) -> str:
    return _flat(fold(title)).strip()


def figure_kind(unit: str) -> str:
    if unit in _DAY_UNITS:
        return "days"
    if len(unit) == 3 and unit.isupper():
        return "money"
    if unit in ("%", "percent"):
        return "percent"
    return unit if unit in _DURATIONS or unit == "date" else "count"


def matches(claim: Claim, figure: Figure) -> bool:
    """True if `claim` could be `figure` as displayed: same kind, value within rounding."""
    kind = figure_kind(figure.unit)
    if kind == "date":
        return _same_date(claim, str(figure.value))
    if isinstance(figure.value, str):
        return False
    close = abs(claim.value - float(figure.value)) <= claim.tolerance
    if claim.kind == "money":
        same = kind == "money" and close and claim.currency in (None, figure.unit)
        return same and _same_period(claim, figure)
    if claim.kind == "count":
        return kind != "date" and close
    return claim.kind == kind and close


def _same_period(claim: Claim, figure: Figure) -> bool:
    """A rate matches only an amount said per that period ("par semaine", "/week") or after a
    word of it ("chaque semaine ... vaut"); a plain amount never matches a rate."""
    period = next((p for key, p in _RATES.items() if key in figure.id), None)
    if claim.period or period is None:
        return claim.period == period
    return re.search(_PERIOD_WORDS[period], claim.before) is not None


def _same_date(claim: Claim, iso: str) -> bool:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return False
    year, month, dom = claim.ymd
    if claim.kind == "year":
        return year == day.year
    if claim.kind == "quarter":
        return year == day.year and month == (day.month - 1) // 3 + 1
    if claim.kind not in ("date", "month"):
        return False
    return month == day.month and year in (None, day.year) and dom in (None, day.day)


def _describe(claim: Claim) -> str:
    return f"{claim.text!r} ({claim.kind}) matches no computed figure"


def _flat(text: str) -> str:
    return re.sub(r"[\s*_«»\"“”]+", " ", text)


def _mentions(folded: str, title: str, share: float = 1.0) -> bool:
    """The title verbatim (accents, case, markup aside), else enough of its words in one
    sentence: `share` 1.0 for goals (every content word), less for risks a text may abridge."""
    if _folded_title(title) in folded:
        return True
    wanted = {t for t in terms(title) if not t.isdigit()}
    if not wanted:
        return False
    for sentence in re.split(r"[.!?\n;]", folded):
        if len(wanted & set(terms(sentence))) >= share * len(wanted):
            return True
    return False


def _denials(folded: str, shifted: list[str], untouched: list[str]) -> list[tuple[str, str]]:
    """(title, phrase) for each on-time phrase whose nearest goal title, in its sentence, is a
    shifted goal ("not on track", "n'est plus dans les temps" do not count)."""
    found = []
    spans = _title_spans(folded, shifted, untouched)
    for m in _ON_TIME.finditer(folded):
        if _UNDO.search(folded[max(0, m.start() - 20) : m.start()]):
            continue
        lo = max(folded.rfind(c, 0, m.start()) for c in _ENDS)
        ends = [i for c in _ENDS if (i := folded.find(c, m.end())) >= 0]
        hi = min(ends, default=len(folded))
        inside = [
            (max(0, m.start() - end, start - m.end()), title, is_shifted)
            for start, end, title, is_shifted in spans
            if lo < start and end <= hi
        ]
        if inside and (nearest := min(inside))[2]:
            found.append((nearest[1], m.group()))
    return found


def _title_spans(folded: str, shifted: list[str], untouched: list[str]) -> list[_Span]:
    """Where each goal title occurs; one inside a longer title's occurrence does not count."""
    spans: list[_Span] = []
    for title, is_shifted in [(t, True) for t in shifted] + [(t, False) for t in untouched]:
        needle = _folded_title(title)
        if needle:
            found = re.finditer(re.escape(needle), folded)
            spans += [(m.start(), m.end(), title, is_shifted) for m in found]
    return [
        s
        for s in spans
        if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)
    ]


def language_problems(text: str, language: str) -> list[Problem]:
    """`wrong_language` when the text's function words (its lexicon's) are mostly another
    read language's."""
    tokens = words(text)
    own = set(lexicon(language).function_words)
    other = {w for code in READ if code != language for w in lexicon(code).function_words}
    other -= own
    mine, theirs = sum(t in own for t in tokens), sum(t in other for t in tokens)
    if mine + theirs >= 12 and theirs > mine:
        return [
            Problem(
                kind="wrong_language",
                detail=f"expected {language}: {mine} vs {theirs} marker words",
            )
        ]
    return []


def _length(text: str, audience: str, limit: int | None) -> list[Problem]:
    limit = profile(audience).max_words if limit is None else limit
    if not limit:
        return []
    count = len(re.findall(r"\w[\w'’-]*", text))
    if count > limit:
        return [Problem(kind="too_long", detail=f"{count} words; at most {limit} for {audience}")]
    return []
