"""What the latest reading says about the world the roadmap plans in: people who leave or join
a team (capacity from a date) and delays that happen only if something else does (scenarios).

The reading (the brief's `reading[]`, confirmed by the CTO when reviewed) keeps each claim's
quote, kind and item; this module reads from the quote what the roadmap needs (rules, pure):

- Staffing: a `news` claim of kind staffing, or a claim the rules left as `not_a_slip` whose
  quote says people leave or join and names people (a people noun, or an absence: congé,
  maternité, on leave...); a CTO's `not_a_slip` is respected. What the quote says of people
  is the news reading's (`facts.news.read_staffing`, from the lexicons' staffing words):
  direction (the first of a leave or a join word), people (the number before a people noun,
  "deux développeurs", "a contractor"; else 1, a named person: "Marie en congé maternité").
  Team: a context team named in the quote, else the team of the claim's item, else the only
  team, else the largest (said in a note: name it in the reading). Date: the first date of
  the quote ("fin janvier" = 31 January, "le 15 mars"), a month alone is its 1st ("en
  février", "à partir de mars"), in the coming year (a month back at most); no date: from
  the start. Until: a second date ("de mars à juin": to 30 June), or a duration ("pendant 4
  mois", "for 16 weeks"); else the change lasts to the end of the plan. A team never drops
  below one person (said in a note). The words of periods (until, for, a month's lead word)
  are the lexicons' too (assistant/lang, "Reading" fields).
- Scenarios: a `risk` claim (hedged or conditional) with an item and weeks: the item's package
  lengthened by the weeks, scheduled like the plan, priced as the plan is; never in its totals.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import assistant.patterns as cached_re
from assistant.domain import Backlog, Context
from assistant.facts.dates import _raw_dates, _resolve
from assistant.facts.language import fold
from assistant.facts.money import team_of
from assistant.facts.news import StaffingNews, read_staffing
from assistant.facts.numbers import NUMBER, parse_number
from assistant.lang import READ, alternation, lexicon, longest_first, month_words, pattern, words_of
from assistant.roadmap.models import StaffingChange

_MONTHS = month_words()
_BARE_MONTH = cached_re.compile(
    r"\b(?P<mon>" + longest_first(_MONTHS) + r")\b(?:\s+(?P<y>20\d\d)\b)?"
)
# "mars", "mai", "may" are months only after a lead word ("en mars", "à partir de mai",
# "from May") or before a year ("May 2027"): "Paul may leave in June" leaves in June
_WORD_MONTHS = frozenset(words_of("word_months"))
_AFTER_LEAD = pattern("month_leads", rf"\b{{}}\s*{alternation('word_months')}$")


def _units(name: str) -> str:
    """The words of a duration unit (DelayUnit name) in every read language, as one group."""
    return "(?:" + longest_first(w for c in READ for w in lexicon(c).units.get(name, ())) + ")"


@dataclass(frozen=True)
class ClaimView:
    """The fields of a reading's claim the roadmap reads (from the brief's JSON)."""

    id: str
    quote: str
    kind: str
    news: str | None = None
    item: str | None = None
    weeks: float | None = None
    reader: str = "rules"

    @classmethod
    def of(cls, data: dict[str, Any]) -> ClaimView:
        return cls(
            id=str(data.get("id", "")), quote=str(data.get("quote", "")),
            kind=str(data.get("kind", "")), news=data.get("news"), item=data.get("item"),
            weeks=float(data["weeks"]) if data.get("weeks") is not None else None,
            reader=str(data.get("reader") or "rules"),
        )  # fmt: skip


def staffing_changes(
    claims: list[ClaimView], context: Context, backlog: Backlog, *, start: dt.date
) -> tuple[list[StaffingChange], list[tuple[str, dict[str, Any]]]]:
    """The staffing changes of the reading, and notes (code, params) on what was assumed."""
    changes: list[StaffingChange] = []
    notes: list[tuple[str, dict[str, Any]]] = []
    if not context.teams:
        return changes, notes
    people = {t.name: t.people for t in context.teams}
    for claim in claims:
        if not _is_staffing(claim):
            continue
        news = read_staffing(claim.quote, context.teams)
        if news.direction is None:
            continue
        if claim.news != "staffing" and not news.names_people:
            continue  # "la livraison arrive en mars": no person in it
        sign = -1.0 if news.direction == "leave" else 1.0
        n = news.people or 1.0
        folded = fold(claim.quote)
        team, named = _team(claim, news, context, backlog)
        plain = folded  # team names out first: a team "T1" is no first quarter
        for t in context.teams:
            plain = re.sub(rf"\b{re.escape(fold(t.name))}\b", " ", plain)
        begin, until = _period(plain, start)
        changes.append(StaffingChange(
            claim=claim.id, quote=claim.quote, team=team, people=sign * n,
            from_date=begin, until_date=until, team_named=named,
        ))  # fmt: skip
        if not named:
            notes.append(("staffing_team_assumed", {"quote": claim.quote, "team": team}))
    for team, running in people.items():  # never below one person: its work would stop
        for c in sorted((c for c in changes if c.team == team), key=lambda c: c.from_date):
            if running + c.people < 1:
                changes[changes.index(c)] = c.model_copy(update={"people": 1 - running})
                notes.append(("staffing_floor", {"team": team}))
                running = 1.0
            else:
                running += c.people
    return [c for c in changes if c.people], notes


def _is_staffing(claim: ClaimView) -> bool:
    """Staffing news; a `news` claim of no kind (the CTO made it news); a sentence the rules
    left as `not_a_slip` (the CTO's own `not_a_slip` is respected)."""
    if claim.kind == "news":
        return claim.news in ("staffing", None)
    return claim.kind == "not_a_slip" and claim.reader == "rules"


def _team(
    claim: ClaimView, news: StaffingNews, context: Context, backlog: Backlog
) -> tuple[str, bool]:
    if news.team is not None:
        return news.team, True
    item = backlog.get(claim.item or "")
    if item is not None and (found := team_of(item, backlog, context)):
        return found[0].name, True
    if len(context.teams) == 1:
        return context.teams[0].name, True
    largest = max(context.teams, key=lambda t: t.people)  # first of the largest
    return largest.name, False


_UNTIL = pattern("until_words", r"\b{}\s*$")
_FOR = cached_re.compile(
    rf"\b{alternation('for_words')}\s+(?P<n>{NUMBER})\s+"
    rf"(?:(?P<weeks>{_units('WEEKS')})|(?P<months>{_units('MONTHS')}))\b"
)


def _period(folded: str, start: dt.date) -> tuple[dt.date, dt.date | None]:
    """From when and until when: the first date of the quote (the plan's start if none, or if
    the only date follows "jusqu'à" / "until"), and the second date, or the first plus a
    duration ("pendant 4 mois", "for 16 weeks"); no end: None (to the end of the plan)."""
    found = _dates(folded, start)
    begin: dt.date | None = None
    until: dt.date | None = None
    for at, day, month_only in found:
        if begin is None and not _UNTIL.search(folded[max(0, at - 14) : at]):
            begin = day
        elif until is None:
            until = _month_end(day) if month_only else day
    begin = max(begin or start, start)
    if until is None and (span := _FOR.search(folded)):
        amount = parse_number(span.group("n")) or 0.0
        weeks = amount * (52 / 12 if span.group("months") else 1.0)
        until = begin + dt.timedelta(days=round(weeks * 7))
    return begin, until if until and until > begin else None


def _dates(folded: str, start: dt.date) -> list[tuple[int, dt.date, bool]]:
    """(offset, date, a month alone?) of each date of the quote, in order; a date without a
    year is the next one: from a month before the plan's start (the first) or the date
    before it, to eleven months after."""
    out: list[tuple[int, dt.date, bool]] = []
    ahead = dt.timedelta(days=150)  # news speak of what comes: a month back to 11 ahead
    anchor = start
    for raw in _raw_dates(folded, start):
        if (day := _resolve(raw, anchor + ahead)) is not None:
            out.append((raw.start, day, False))
            anchor = day
    if out:
        return out
    for month in _BARE_MONTH.finditer(folded):
        if (
            month.group("mon") in _WORD_MONTHS
            and not month.group("y")
            and not _AFTER_LEAD.search(folded, 0, month.end("mon"))
        ):
            continue
        number = _MONTHS[month.group("mon")]
        years = (
            [int(month.group("y"))]
            if month.group("y")
            else [anchor.year + k for k in (-1, 0, 1, 2)]
        )
        days = [dt.date(year, number, 1) for year in years]
        day = min(days, key=lambda d: abs((d - anchor - ahead).days))
        out.append((month.start(), day, True))
        anchor = day
    return out


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
