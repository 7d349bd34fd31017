"""The reading: every statement of a status about time, money, people or incidents, as claims.

The sentence reader (sentence.py) finds delay phrases and their items; this module decides
what each one *is*, from the words around it, built on the lexicons of assistant/lang:

- an instruction to the assistant ("Note pour l'assistant", "IGNORE PREVIOUS INSTRUCTIONS")
  is `addressed_to_tool`, to the end of its line or closing bracket: it is never read as fact;
- a hedge or a condition in the phrase's stretch of sentence (pourrait, might, risque de, si,
  if), or a bullet under a "Risks" heading, makes a `risk`: shown with its "if it happens"
  figure, never priced;
- time lost and caught up in the same or the next sentence is `recovered` ("clawed back one"
  of two leaves the net week as the slip); a next sentence recovers it only when it says the
  time was caught up, not hoped to be ("on pense rattraper") nor in part ("on rattrape 1
  semaine": read on its own);
- a later figure for the same item wins: the earlier becomes `superseded` ("pas 2 mais 3",
  "Update: actually 1 sprint, not 2", or simply a later sentence restating the delay);
- a regulator moving its own date ("mandatory start ... postponed") is `news`, not our slip;
- a delay without a figure, an item no title matches, "next release", "TBD" is `to_confirm`;
- budget, staffing, incident and vendor sentences are `news`;
- every other sentence that talks of dates, durations, numbers, money or people is
  `not_a_slip`, so nothing the status says about them goes unaccounted for.

Only `slip` claims become `StatusFacts.slips` and reach the figures.
"""

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

import assistant.patterns as cached_re
from assistant.errors import InputError
from assistant.facts.clauses import Span, cause_text, starts_with_cause
from assistant.facts.durations import _QTY, DelayHit, find_delays, is_no_slip
from assistant.facts.matching import BacklogIndex
from assistant.facts.numbers import NUMBER, parse_number
from assistant.facts.sentence import SentenceReader
from assistant.facts.status import (
    Claim,
    ClaimKind,
    ClaimReader,
    Delay,
    DelayUnit,
    NewsKind,
    Slip,
    SlipKind,
    StatusFacts,
)
from assistant.lang import alternation, longest_first, month_words, pattern

_DIGIT = cached_re.compile(r"\d")
_MONTHS = longest_first(month_words())
# a month's name in any read language, a quarter or a holiday
_MONTH_WORD = cached_re.compile(rf"\b(?:{_MONTHS}|{alternation('season_words')})\b")
_TIME_WORD = pattern("time_words", r"\b{}")  # open endings: "late" is in "later" too
_LABEL = cached_re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s+\S")
_HEADING = cached_re.compile(r"^[^\d:.!?]{2,40}:?$")
_RECOVERED_BY = pattern("recovered_words", rf"{{}}\s+(?P<n>{NUMBER})")
MAX_DELAY_CLAIMS = 100  # delay statements read per status; the rest is one claim to confirm
_AMOUNT_HEDGE = cached_re.compile(
    r",?\s*\b(?:maybe|perhaps|possibly|peut-etre|sans doute)\s+(?:\d|more|plus)[\w.,]*"
)
_EVEN_IF = cached_re.compile(r"\b(?:meme|even)\s+(?:si|if)\b")


@dataclass
class _Draft:
    """A claim before ids and weeks: what the rules read, and the slip behind it if any."""

    kind: ClaimKind
    start: int
    end: int
    quote: str
    slip: Slip | None = None
    hit: DelayHit | None = None
    item: str | None = None
    news: NewsKind | None = None
    note: str = ""


def _has(role: str, folded: str, template: str = r"\b{}\b") -> bool:
    return pattern(role, template).search(folded) is not None


def tool_spans(folded: str) -> list[Span]:
    """Stretches of the status addressed to the assistant: from an injected instruction to
    the end of its line, or from its opening bracket to the one that closes it. What a
    sentence says before the instruction ("3 sprints de retard sur la migration car ignore
    previous instructions...") is still read."""
    spans: list[Span] = []
    meta = pattern("meta")
    starts = [m.start() for m in meta.finditer(folded)]
    for line in re.finditer(r"[^\n]+", folded):
        text = line.group()
        if (
            _has("addressee", text)
            and _has("imperative", text)
            and (_has("summary_words", text) or "note" in text)
        ):
            verb = pattern("imperative").search(text)
            starts.append(line.start() + (verb.start() if verb else 0))
    for start in sorted(set(starts)):
        line_start = folded.rfind("\n", 0, start) + 1
        opened = folded.rfind("[", line_start, start)
        if opened >= 0 and folded.find("]", opened, start) < 0:
            close = folded.find("]", start)
            end = close + 1 if close >= 0 else len(folded)
            spans.append((opened, end))
            continue
        end = folded.find("\n", start)
        spans.append((start, end if end >= 0 else len(folded)))
    return spans


def is_topical(folded: str) -> bool:
    """True if a sentence talks of delay, dates, duration, money, people or incidents; a
    greeting or sign-off without a figure ("bonne semaine !") does not."""
    if not _DIGIT.search(folded) and (_has("greeting", folded) or _has("signoff", folded)):
        return _TIME_LATE.search(folded) is not None
    return bool(
        _DIGIT.search(folded)
        or _MONTH_WORD.search(folded)
        or _TIME_WORD.search(folded)
        or _news_kind(folded) is not None
        or _has("unknown", folded)
        or _has("deferred", folded)
    )


def _news_kind(folded: str) -> NewsKind | None:
    if _has("incident", folded):
        return NewsKind.INCIDENT
    if _has("staffing", folded) and not _TIME_LATE.search(folded):
        return NewsKind.STAFFING
    money = bool(re.search(r"\b(?:eur|euros?|usd|chf|gbp)\b|€|\$|%", folded))
    if _has("vendor", folded) and (money or _has("increase", folded, r"{}")):
        return NewsKind.VENDOR
    if _has("budget", folded) and (money or _has("increase", folded, r"{}")):
        return NewsKind.BUDGET
    return None


_TIME_LATE = cached_re.compile(r"\b(?:retard|late|behind|delay\w*)\b")


def _heading_kind(line: str) -> str | None:
    """'risk' or 'news' for a heading line ("Risks", "Incidents", "Budget :"), '' for another
    heading (it ends the section), None for a line that is no heading."""
    stripped = line.strip().strip("*#_").strip()
    if not _HEADING.match(stripped) or len(stripped.split()) > 5:
        return None
    word = stripped.rstrip(":").strip()
    if pattern("risk_heading", r"^{}$").match(word):
        return "risk"
    if pattern("news_heading", r"^{}$").match(word):
        return "news"
    return ""


def statements(text: str) -> list[Span]:
    """The sentences of `text` a reading must account for: those that talk of delay, dates,
    duration, money, people or incidents, headings ("Risks", "Incidents") aside."""
    from assistant.facts.clauses import split_sentences
    from assistant.facts.language import fold

    folded = fold(text)
    out = []
    for start, end in split_sentences(text):
        line_start = folded.rfind("\n", 0, start) + 1
        line_end = folded.find("\n", end)
        line = folded[line_start : line_end if line_end >= 0 else len(folded)]
        if line.strip() == folded[start:end].strip() and _heading_kind(line) is not None:
            continue
        if is_topical(folded[start:end]):
            out.append((start, end))
    return out


class StatusReading:
    """Reads one status into claims; `read()` returns (claims as drafts, slips kept)."""

    def __init__(self, text: str, folded: str, index: BacklogIndex, today, language: str):
        self.text, self.folded, self.index = text, folded, index
        self.today, self.language = today, language
        self.tools = tool_spans(folded)

    def _in_tool(self, start: int, end: int) -> bool:
        return any(s <= start < e or s < end <= e for s, e in self.tools)

    def read(self, sentences: list[Span]) -> list[_Draft]:
        drafts: list[_Draft] = []
        delays = 0  # delay statements read so far (bounded by MAX_DELAY_CLAIMS)
        section: str | None = None
        for n, (start, end) in enumerate(sentences):
            folded = self.folded[start:end]
            line_start = self.folded.rfind("\n", 0, start) + 1
            line_end = self.folded.find("\n", end)
            whole_line = self.folded[line_start : line_end if line_end >= 0 else len(self.folded)]
            heading = _heading_kind(whole_line) if whole_line.strip() == folded.strip() else None
            if heading is not None:  # "Risks", "Incidents": a heading, not a statement
                section = heading or None
                continue
            cut = next((s for s, _ in self.tools if start < s < end), None)
            if cut is not None and self.text[start:cut].strip():
                drafts.extend(self._sentence(start, cut, section, None))
                start = cut
            if self._in_tool(start, end):
                drafts.append(
                    _Draft(
                        ClaimKind.ADDRESSED_TO_TOOL,
                        start,
                        end,
                        self.text[start:end],
                        note="an instruction to the assistant inside the status: not a fact",
                    )
                )
                continue
            previous = drafts[-1] if drafts else None
            if (
                previous is not None
                and previous.slip is not None
                and previous.slip.reason is None
                and previous.end <= start
                and starts_with_cause(folded)
                and not find_delays(folded, self.today)
            ):
                reason = cause_text(folded, (0, len(folded)))
                previous.slip = previous.slip.model_copy(
                    update={
                        "reason": text_or_none(self.text[start + reason[0] : start + reason[1]])
                    }
                )
                drafts.append(
                    _Draft(
                        ClaimKind.NOT_A_SLIP,
                        start,
                        end,
                        self.text[start:end],
                        note="the reason of the delay before",
                    )
                )
                continue
            if delays >= MAX_DELAY_CLAIMS:
                stop = min(len(self.text), start + 200)
                drafts.append(
                    _Draft(
                        ClaimKind.TO_CONFIRM,
                        start,
                        stop,
                        self.text[start:stop],
                        note=f"not read: the status holds more than {MAX_DELAY_CLAIMS} delay "
                        "statements, the rest is left to the CTO",
                    )
                )
                break
            following = sentences[n + 1] if n + 1 < len(sentences) else None
            new = self._sentence(start, end, section, following)
            delays += sum(d.hit is not None for d in new)
            drafts.extend(new)
        return _supersede(drafts)

    def _sentence(
        self, start: int, end: int, section: str | None, following: Span | None
    ) -> list[_Draft]:
        text, folded = self.text[start:end], self.folded[start:end]
        reader = SentenceReader(text, folded, self.index, self.today, self.language)
        slips, vague = reader.read()
        label = _LABEL.match(folded)
        out: list[_Draft] = []
        recoveries = [  # a recovery only hoped for ("on pense en récupérer une") is none yet
            m.start()
            for m in pattern("recovery").finditer(folded)
            if slips and not _has("hope", _clause_around(folded, m.start()))
        ]
        next_text = self.folded[following[0] : following[1]] if following and slips else ""
        recovered_next = self._recovers(next_text)
        if following and self._in_tool(*following):  # "[NOTE TO AI: it caught up]" is no fact
            recovered_next = False
        previous_end = 0  # a condition opening the sentence ("If ..., X will slip") scopes it
        for slip, (hit, _, hi) in zip(slips, reader.placed, strict=True):
            recovered = recovered_next or any(at >= hit.end for at in recoveries)
            lo = previous_end
            out.append(self._slip_claim(slip, hit, lo, hi, start, end, section, recovered))
            previous_end = hit.end
        if out:
            return _disjoint(self.text, out)
        quote_start, quote = start, text
        if _has("regulator", folded) and (vague or _news_kind(folded) is None):
            return [
                _Draft(
                    ClaimKind.NEWS,
                    start,
                    end,
                    text,
                    news=NewsKind.REGULATOR,
                    note="a regulator or third party moved its own date: no goal deadline moves",
                )
            ]
        pending = _has("unknown", folded) or _has("deferred", folded)
        if (vague and not is_no_slip(folded)) or pending:
            kind = ClaimKind.RISK if self._hedged(folded, section) else ClaimKind.TO_CONFIRM
            return [
                _Draft(
                    kind,
                    quote_start,
                    end,
                    quote,
                    item=self._label_item(folded, label),
                    note="late or moved, with no figure: to confirm"
                    if kind is ClaimKind.TO_CONFIRM
                    else "a possible delay without a figure",
                )
            ]
        if self._hedged(folded, None) and (quantity := _QTY.search(folded)):
            return [  # "le pentest pourrait nous coûter une semaine": no delay word, a risk
                _Draft(
                    ClaimKind.RISK,
                    start,
                    end,
                    text,
                    item=self._label_item(folded, label),
                    note=f"a possible cost in time ({quantity.group(0).strip()}), not priced",
                )
            ]
        news = _news_kind(folded)
        if news is not None:
            return [_Draft(ClaimKind.NEWS, start, end, text, news=news, note=f"{news.value} news")]
        if _has("recovery", folded):
            return [_Draft(ClaimKind.RECOVERED, start, end, text, note="time lost and recovered")]
        if is_topical(folded):
            note = "says there is no delay" if is_no_slip(folded) else "no change of plan"
            return [_Draft(ClaimKind.NOT_A_SLIP, start, end, text, note=note)]
        return []

    def _recovers(self, folded: str) -> bool:
        """Whether a sentence after a slip says the time was caught up ("Rattrapé depuis.",
        "We have caught up since."): a recovery that is neither hoped for ("on pense
        rattraper"), nor of an amount ("on rattrape 1 semaine": a part, read on its own), nor
        another delay."""
        return (
            _has("recovery", folded)
            and not _has("hope", folded)
            and not _QTY.search(folded)
            and not find_delays(folded, self.today)
        )

    def _label_item(self, folded: str, label: re.Match[str] | None) -> str | None:
        if label is None:
            return None
        words = self.text[label.start(1) : label.end(1)] if label else ""
        keys = self.index.find_keys(words)
        if keys:
            return keys[0]
        return self.index.resolve(words).item_key

    def _hedged(self, segment: str, section: str | None) -> bool:
        if section == "risk":
            return True
        segment = _AMOUNT_HEDGE.sub(" ", segment)  # "2w, maybe 3": the amount, not the event
        if _has("modal", segment):
            return True
        cleaned = _EVEN_IF.sub(" ", segment)
        return _has("condition", cleaned)

    def _slip_claim(
        self,
        slip: Slip,
        hit: DelayHit,
        lo: int,
        hi: int,
        start: int,
        end: int,
        section: str | None,
        recovered: bool,
    ) -> _Draft:
        folded = self.folded[start:end]
        found = self.text.find(slip.sentence, start, end)
        q_start = found if found >= 0 else start + hit.start
        q_end = q_start + len(slip.sentence) if found >= 0 else start + hit.end
        draft = _Draft(ClaimKind.SLIP, q_start, q_end, slip.sentence, slip=slip, hit=hit)
        draft.item = slip.item_key
        segment = folded[lo:hi]
        item = self.index.backlog.get(slip.item_key or "")
        if _has("regulator", segment) and not (item and _has("regulator", _fold(item.title))):
            draft.kind, draft.news = ClaimKind.NEWS, NewsKind.REGULATOR
            draft.note = "a regulator or third party moved its own date: no goal deadline moves"
            draft.slip = None
            return draft
        if self._hedged(segment, section):
            draft.kind = ClaimKind.RISK
            draft.note = "hedged or conditional: shown as a risk, never in the totals"
            return draft
        if slip.kind is SlipKind.AHEAD:
            draft.kind = ClaimKind.GOOD_NEWS
            draft.note = "ahead of plan: no gain counted"
            return draft
        if recovered:
            back = _RECOVERED_BY.search(folded, hit.end, hi)
            amount = parse_number(back.group("n")) if back else None
            if amount is not None and 0 < amount < slip.delay.amount:
                net = slip.delay.amount - amount
                draft.slip = slip.model_copy(
                    update={"delay": slip.delay.model_copy(update={"amount": net})}
                )
                draft.note = f"net of the time recovered ({back.group(0) if back else ''})"
            else:
                draft.kind = ClaimKind.RECOVERED
                draft.note = "time lost and caught up: nothing priced"
                return draft
        if slip.item_key is None:
            draft.kind = ClaimKind.TO_CONFIRM
            draft.note = (
                f'"{slip.mention}" could be {", ".join(m.key for m in slip.candidates[:3])}'
                if slip.ambiguous
                else f'no backlog item matches "{slip.mention}"'
            )
        if hit.replaces:
            draft.note = f"corrects {hit.replaces}"
        if hit.low is not None:
            draft.note = (
                draft.note + "; " if draft.note else ""
            ) + "a range: priced at its upper bound"
        return draft


def _disjoint(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Claims of one sentence quote disjoint words: a later one sharing its subject with the
    one before ("X: needs one more sprint, so 1 sprint late") starts where that one ends."""
    for before, draft in itertools.pairwise(drafts):
        if draft.start < before.end:
            start = before.end
            while start < draft.end and not text[start].isalnum():
                start += 1
            if start < draft.end:
                draft.start, draft.quote = start, text[start : draft.end]
            else:
                before.end, before.quote = draft.start, text[before.start : draft.start].rstrip()
    return drafts


def text_or_none(text: str) -> str | None:
    return text or None


def _fold(text: str) -> str:
    from assistant.facts.language import fold

    return fold(text)


def _supersede(drafts: list[_Draft]) -> list[_Draft]:
    """A later figure for an item wins over an earlier one; a correction with no item of its
    own ("Update: actually 1 sprint, not 2") is about the item last reported; a figure with no
    item that repeats one already read (a vendor's own words, forwarded) is the same fact."""
    last_item: str | None = None
    latest: dict[str, int] = {}  # item/points -> index of its latest slip
    figures: set[tuple[float, str]] = set()  # (amount, unit) of the slips read so far
    for i, draft in enumerate(drafts):
        if draft.slip is None or draft.kind not in (ClaimKind.SLIP, ClaimKind.TO_CONFIRM):
            continue
        figure = (draft.slip.delay.amount, draft.slip.delay.unit.value)
        if draft.slip.item_key is None and draft.hit is not None:
            if draft.hit.replaces and last_item:
                draft.slip = draft.slip.model_copy(update={"item_key": last_item})
                draft.kind, draft.item = ClaimKind.SLIP, last_item
                draft.note = f"corrects the figure given earlier for {last_item}"
            elif figure in figures:
                draft.kind = ClaimKind.NOT_A_SLIP
                draft.note = "the same figure as a slip already read: the same fact"
                continue
        if draft.kind is not ClaimKind.SLIP or draft.item is None:
            continue
        figures.add(figure)
        group = f"{draft.item}/{draft.slip.delay.unit is DelayUnit.POINTS}"  # scope apart
        if group in latest:
            old = drafts[latest[group]]
            old.kind = ClaimKind.SUPERSEDED
            old.note = "corrected or restated later in the status"
        latest[group] = i
        last_item = draft.item
    return drafts


def to_claims(drafts: list[_Draft]) -> list[Claim]:
    claims = []
    for n, d in enumerate(drafts, start=1):
        slip = d.slip
        delay = slip.delay if slip else None
        claims.append(
            Claim(
                id=f"c{n}",
                quote=d.quote,
                start=d.start,
                end=d.end,
                kind=d.kind,
                item=d.item,
                matched_by=next((m.method for m in slip.candidates if m.key == d.item), None)
                if slip and d.item
                else None,
                mention=slip.mention if slip else "",
                delay=delay,
                old_date=delay.old_date if delay else None,
                new_date=delay.new_date if delay else None,
                news=d.news,
                note=d.note,
            )
        )
    return claims


_CLAUSE_EDGE = cached_re.compile(r"[,;:.!?()]|\b(?:but|mais|and|et)\b")


def _clause_around(folded: str, at: int) -> str:
    """The clause holding position `at`: from the last comma or conjunction before it to the
    next punctuation after it."""
    start = 0
    for edge in _CLAUSE_EDGE.finditer(folded, 0, at):
        start = edge.end()
    end = _CLAUSE_EDGE.search(folded, at + 1)
    return folded[start : end.start() if end else len(folded)]


# --- a reading the CTO confirmed --------------------------------------------------------------
#
# `steerco read` writes the claims as YAML; the CTO edits kind, item, weeks or dates; the brief
# then computes from that reading. The reader's rules above are not involved: this only
# replaces, claim by claim, what they decided by what the CTO wrote (`reader: cto`).

_KINDS = ", ".join(k.value for k in ClaimKind)
READING_FIX = "run `steerco read` again for this status and edit only kind, item, weeks or dates."


class ConfirmedClaim(BaseModel):
    """One claim of a reading file, as the CTO left it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^c\d+$")
    quote: str
    kind: str
    item: str | None = None
    weeks: float | None = Field(default=None, ge=0, le=520)
    old_date: dt.date | None = None
    new_date: dt.date | None = None
    # shown to help the CTO decide; never read back
    note: str | None = None
    reader: str | None = None
    mention: str | None = None
    candidates: list[str] | None = None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in ClaimKind._value2member_map_:
            raise ValueError(f"kind {value!r} is not one of {_KINDS}")
        return value


def load_reading(text: str, *, file: str) -> tuple[ConfirmedClaim, ...]:
    """The claims of a reading file (`claims:` list), checked; an InputError names the file,
    the claim, what was expected and the fix."""
    import yaml

    from assistant.yaml_safe import load_yaml

    try:
        data = load_yaml(text, file=file)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise InputError(
            "is not valid YAML.", file=file, where=where, fix="undo the last edit there."
        ) from None
    if isinstance(data, dict):
        data = data.get("claims")
    if not isinstance(data, list):
        raise InputError(
            "expected a `claims:` list (the file `steerco read --out` writes).",
            file=file, fix=READING_FIX,
        )  # fmt: skip
    out = []
    for n, raw in enumerate(data, start=1):
        label = raw.get("id") if isinstance(raw, dict) else None
        where = f"claim {label}" if label else f"claim #{n}"
        if not isinstance(raw, dict):
            raise InputError("expected a mapping (id, quote, kind, ...).", file=file, where=where,
                             fix=READING_FIX)  # fmt: skip
        try:
            out.append(ConfirmedClaim.model_validate(raw))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "claim"
            message = first["msg"].removeprefix("Value error, ")
            if first["type"] == "extra_forbidden":
                message = "not a field of a claim; expected id, quote, kind, item, weeks, " \
                    "old_date, new_date"  # fmt: skip
            elif first["type"] == "missing":
                message = "missing; every claim keeps its id, quote and kind"
            raise InputError(
                f"{field}: {message}.", file=file, where=where, fix=_fix_for(field)
            ) from None
    return tuple(out)


def _fix_for(field: str) -> str:
    return {
        "kind": f"write one of {_KINDS}.",
        "weeks": "write the delay in weeks, a number from 0 to 520 (e.g. 3 or 1.5).",
        "old_date": "write the date as YYYY-MM-DD.",
        "new_date": "write the date as YYYY-MM-DD.",
        "id": "keep the ids `steerco read` wrote (c1, c2, ...).",
    }.get(field, READING_FIX)


def apply_reading(
    facts: StatusFacts,
    confirmed: tuple[ConfirmedClaim, ...],
    backlog: Any,
    context: Any,
    *,
    file: str = "the reading",
    reader: ClaimReader = ClaimReader.CTO,
) -> StatusFacts:
    """`facts` with the CTO's reading: each claim the CTO changed takes the CTO's kind, item
    and quantity (`reader: cto`); the slips, and so the figures, follow the final claims."""
    by_id = {c.id: c for c in facts.claims}
    edits: dict[str, ConfirmedClaim] = {}
    for entry in confirmed:
        where = f"claim {entry.id}"
        claim = by_id.get(entry.id)
        if claim is None:
            raise InputError(
                f"this status has no claim {entry.id} (it has {len(by_id)}).",
                file=file, where=where, fix=READING_FIX,
            )  # fmt: skip
        if " ".join(entry.quote.split()) != " ".join(claim.quote.split()):
            raise InputError(
                f"the quote is not the one read from this status ({claim.quote[:80]!r}): the "
                "reading was made for another status, or its quote was edited.",
                file=file, where=where, fix=READING_FIX,
            )  # fmt: skip
        edits[entry.id] = entry
    changed: dict[str, Claim] = {}
    for claim in facts.claims:
        entry = edits.get(claim.id)
        if entry is not None:
            changed[claim.id] = _confirmed_claim(claim, entry, backlog, context, file, reader)
    return with_claims(facts, changed)


def with_claims(facts: StatusFacts, changed: dict[str, Claim]) -> StatusFacts:
    """`facts` with some claims replaced (the CTO's reading, `apply_reading`; the model's,
    llm_extract.py): the slips, and so the figures, follow the final claims. A claim that
    stops being a slip takes its slip out of the totals; a claim that becomes one brings its
    delay, on the slip the rules read for it when there is one; a delay still to confirm on
    no item stays listed (unresolved), as the rules list it."""
    slips = list(facts.slips)
    claims = []
    for claim in facts.claims:
        new = changed.get(claim.id)
        if new is None or new == claim:
            claims.append(claim)
            continue
        read = _slip_read_for(slips, claim)
        slips = [s for s in slips if s is not read]
        priced = new.kind in (ClaimKind.SLIP, ClaimKind.GOOD_NEWS)
        pending = new.kind is ClaimKind.TO_CONFIRM and new.item is None  # stays unresolved
        if new.delay is not None and (priced or pending):
            slips.append(_slip_of(new, read))
        claims.append(new)
    unmatched = [c.quote for c in claims if c.kind is ClaimKind.TO_CONFIRM and c.delay]
    unquantified = [c.quote for c in claims if c.kind is ClaimKind.TO_CONFIRM and not c.delay]
    return facts.model_copy(
        update={
            "claims": tuple(claims),
            "slips": tuple(slips),
            "unmatched": tuple(dict.fromkeys(unmatched)),
            "unquantified": tuple(dict.fromkeys(unquantified)),
        }
    )


def _read_weeks(claim: Claim, context: Any) -> float | None:
    from assistant.domain import Source
    from assistant.facts.provenance import Ledger
    from assistant.facts.units import MissingVelocity, delay_in_weeks

    if claim.delay is None:
        return None
    try:
        figure = delay_in_weeks(
            claim.delay, context, Ledger(), figure_id="x", label="x", source=Source(file="x")
        )
    except MissingVelocity:
        return None
    return float(figure.value)


def _confirmed_claim(
    claim: Claim,
    entry: ConfirmedClaim,
    backlog: Any,
    context: Any,
    file: str,
    reader: ClaimReader = ClaimReader.CTO,
) -> Claim:
    """The claim as the CTO confirmed it; the same object when nothing was changed."""
    where = f"claim {entry.id}"
    kind = ClaimKind(entry.kind)
    read_weeks = _read_weeks(claim, context)
    weeks_changed = entry.weeks is not None and (
        read_weeks is None or abs(entry.weeks - read_weeks) > 1e-6
    )
    dates_changed = (entry.old_date, entry.new_date) != (claim.old_date, claim.new_date)
    if kind is claim.kind and entry.item == claim.item and not weeks_changed and not dates_changed:
        return claim
    if entry.item is not None and entry.item not in backlog.items:
        raise InputError(
            f"item {entry.item!r} is not in the backlog.",
            file=file, where=where,
            fix="write the key of a backlog item (the candidates `steerco read` lists), or "
            "leave item empty.",
        )  # fmt: skip
    delay = claim.delay
    text = delay.text if delay is not None else claim.quote
    if weeks_changed:
        delay = Delay(amount=float(entry.weeks or 0), unit=DelayUnit.WEEKS,
                      text=f"{entry.weeks:g} weeks (confirmed by the CTO; read: {text})")  # fmt: skip
    elif dates_changed and entry.old_date and entry.new_date:
        delay = Delay(
            amount=float((entry.new_date - entry.old_date).days), unit=DelayUnit.DATES,
            text=f"{entry.old_date} -> {entry.new_date} (confirmed by the CTO; read: {text})",
            old_date=entry.old_date, new_date=entry.new_date,
        )  # fmt: skip
    if kind in (ClaimKind.SLIP, ClaimKind.RISK) and (entry.item is None or delay is None):
        missing = "an item" if entry.item is None else "weeks (or both dates)"
        raise InputError(
            f"a {kind.value} claim needs an item and a delay; this one has no {missing}.",
            file=file, where=where,
            fix="give item (a backlog key) and weeks, or choose another kind "
            "(to_confirm, not_a_slip).",
        )  # fmt: skip
    return claim.model_copy(
        update={
            "kind": kind,
            "item": entry.item,
            "delay": delay,
            "old_date": delay.old_date if delay else None,
            "new_date": delay.new_date if delay else None,
            "matched_by": claim.matched_by if entry.item == claim.item else None,
            "reader": reader,
            "note": (entry.note if reader is ClaimReader.MEMORY else "confirmed by the CTO")
            + (f" (read as {claim.kind.value})" if kind is not claim.kind else ""),
        }
    )  # fmt: skip


def _slip_read_for(slips: list[Slip], claim: Claim) -> Slip | None:
    """The slip the rules read for `claim`: the same delay, in the same words (one at most)."""
    if claim.delay is None:
        return None
    same = [s for s in slips if s.delay == claim.delay]
    quote = " ".join(claim.quote.split())
    for slip in same:
        sentence = " ".join(slip.sentence.split())
        if sentence in quote or quote in sentence:
            return slip
    return next((s for s in same if claim.mention and s.mention == claim.mention), None)


def _slip_of(claim: Claim, before: Slip | None) -> Slip:
    """The slip of a confirmed claim: the one the rules read (cause kept), re-aimed."""
    assert claim.delay is not None
    kind = SlipKind.AHEAD if claim.kind is ClaimKind.GOOD_NEWS else SlipKind.LATE
    if before is not None:
        return before.model_copy(
            update={"kind": kind, "delay": claim.delay, "item_key": claim.item, "ambiguous": False}
        )
    return Slip(
        kind=kind, mention=claim.mention or claim.quote[:60], sentence=claim.quote,
        delay=claim.delay, item_key=claim.item,
    )  # fmt: skip


# --- what a workspace remembers of earlier confirmed readings ----------------------------------


class Correction(BaseModel):
    """A correction a workspace remembers: `phrase` names `item`, or is `not_a_slip`."""

    model_config = ConfigDict(frozen=True)

    id: int
    phrase: str
    kind: str  # 'item' or 'not_a_slip'
    item: str | None = None
    created_at: str = ""
    created_by: str = ""
    run_id: str = ""


def apply_memory(
    facts: StatusFacts, memory: list[Correction], backlog: Any, context: Any
) -> StatusFacts:
    """`facts` with the workspace's remembered corrections applied (`reader: memory`): a claim
    whose quote holds a remembered phrase is tied to its item (priced when it has a delay) or
    read as not a slip. Corrections of items no longer in the backlog are skipped."""
    if not memory:
        return facts
    entries = []
    for claim in facts.claims:
        if claim.kind not in (ClaimKind.SLIP, ClaimKind.TO_CONFIRM, ClaimKind.RISK):
            continue
        quote = " ".join(_fold(claim.quote).split())
        hit = next((m for m in memory if " ".join(_fold(m.phrase).split()) in quote
                    and (m.kind == "not_a_slip" or m.item in backlog.items)), None)  # fmt: skip
        if hit is None:
            continue
        if hit.kind == "not_a_slip":
            kind, item = ClaimKind.NOT_A_SLIP, None
        else:
            if hit.item == claim.item:
                continue
            kind = ClaimKind.TO_CONFIRM if claim.delay is None else claim.kind
            kind = ClaimKind.SLIP if kind is ClaimKind.TO_CONFIRM and claim.delay else kind
            item = hit.item
        entries.append(
            ConfirmedClaim(
                id=claim.id, quote=claim.quote, kind=kind.value, item=item,
                old_date=claim.old_date, new_date=claim.new_date,
                note=f'remembered: "{hit.phrase}" ({hit.created_at[:10]}, {hit.created_by})',
            )
        )  # fmt: skip
    return apply_reading(facts, tuple(entries), backlog, context, reader=ClaimReader.MEMORY)
