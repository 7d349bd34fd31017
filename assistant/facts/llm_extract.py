"""The model as a reader: it classifies the claims the rules read; code decides what counts.

The rules read the status into a claims ledger (reading.py) first, always. With a model
configured, the model is then shown the claims (not the backlog, nor the rules' reading: it
made a 1.5B model copy it): each claim's id and sentence, cut where an instruction to the tool
starts, and the few items they could be about (titles cut the same way). It answers, per
claim, in structured output constrained by a JSON schema built for this status (claim ids and
item keys are enums): its kind, its item, the words that decide the kind (`quote`), the date
roles (`planned`, `new`), the bounds of a range (`low`, `high`), and, where the rules read no
amount, a normalised `value` ("2 weeks late").

What code accepts (`judge`), claim by claim:
- every quote, date and bound must be copied from the claim's sentence (a quote may also be in
  the next one; whitespace and accents aside), and a quote must not be an instruction to the
  tool; else the model's reading of that claim is refused: the rules' stands, with a warning;
- amounts always come from the rules' parser: of the quote (the rules' reading), or of the
  model's `value` for what the rules could not parse (fuzzy dates, franglais) once code has
  checked that every number (digits or words), month word, position word (mi-, fin, early...)
  and other word of the value is the quote's own, connectors aside ("late", "from", "to"):
  never a number the quote does not hold;
- the model may **demote** a slip the rules priced to `risk`, `recovered` or `superseded` when
  its quote points at words of the sentence (or the next, for a recovery) that the rules did
  not quote for this claim, the hedge or the recovery they missed (a correction also needs a
  later figure for the item), or to `addressed_to_tool`: the claim leaves the totals,
  `reader: model`, and a warning says so;
- a `to_confirm` claim the model reads as a slip of a listed item, with a figure (the rules' or
  a checked value), is priced (`reader: model`, with a warning);
- any other disagreement on kind, item, date roles or range bounds where one side prices the
  claim makes it `to_confirm`, with both readings in its note: never silently one way; where
  neither side prices it (risk or recovered, news or not_a_slip) the rules' kind stays and the
  model's view is written in the note;
- claims addressed to the tool are not sent, and nothing the model says changes them.
So an instruction the rules flag, in the status or a title, never reaches the model, and what
the model says can at most move a claim to `to_confirm`, or out of the totals with words of
its own sentence: it never supplies a figure (every amount is the rules' parse of the
status's words).
"""

import datetime as dt
import itertools
import re
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator

import assistant.patterns as cached_re
from assistant.domain import Backlog
from assistant.facts.clauses import split_sentences
from assistant.facts.durations import find_delays
from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.language import STOP_WORDS, fold
from assistant.facts.numbers import NUMBER, parse_number
from assistant.facts.reading import _MONTH_WORD, tool_spans, with_claims
from assistant.facts.status import (
    Claim,
    ClaimKind,
    ClaimReader,
    Delay,
    DelayUnit,
    MatchMethod,
    StatusFacts,
)
from assistant.llm.errors import LLMError
from assistant.prompts import phrase, render

PROMPT_VERSION = "extract_status.v2"
MAX_CLAIMS = 12  # claims sent per status (figure-bearing first); the others keep the rules'
MAX_ITEMS = 10  # candidate items shown
QUOTE_CHARS = 220  # a claim's quote as shown to the model
TITLE_CHARS = 70
DEMOTIONS = frozenset(
    {ClaimKind.RISK, ClaimKind.RECOVERED, ClaimKind.SUPERSEDED, ClaimKind.ADDRESSED_TO_TOOL}
)
_FIGURED = frozenset(
    {
        ClaimKind.SLIP,
        ClaimKind.RISK,
        ClaimKind.RECOVERED,
        ClaimKind.SUPERSEDED,
        ClaimKind.GOOD_NEWS,
        ClaimKind.TO_CONFIRM,
    }
)
_UNPRICED_ALIKE = frozenset({ClaimKind.NOT_A_SLIP, ClaimKind.NEWS})  # no figure either way
_SCHEDULE_TALK = cached_re.compile(
    r"\b(?:retard\w*|late|behind|delay\w*|slip\w*|gliss\w*|repouss\w*|decal\w*|report\w*"
    r"|postpone\w*|moved|pushed|avance|ahead|early|rattrap\w*|caught|recuper\w*)\b"
)
_CONNECTORS = frozenset(  # words a normalised value may add to the quote's own
    re.findall(
        r"\w+",
        "late delay delayed slip slipped slips by from to moved pushed now was planned instead "
        "of retard de du d au aux a en le la les l prevu prevue repousse repoussee glisse lieu",
    )
)
_POSITION_WORD = cached_re.compile(r"\b(?:debut|mi|fin|early|mid|end|avant|apres|before|after)\b")
_WORD = cached_re.compile(r"[a-z0-9]{3,}")
_STOP = frozenset(
    re.findall(r"\w+", "the and but les des une est sont pas qui que for with this that mais")
)
_NUMBER = cached_re.compile(NUMBER)


class ModelClaim(BaseModel):
    """One claim as the model reads it (the per-status schema narrows `id` and `item`)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    kind: Literal[tuple(k.value for k in ClaimKind)]  # type: ignore[valid-type]
    item: str | None = None
    quote: str = Field(description="Words of the claim that decide its kind, copied exactly.")
    planned: str | None = Field(default=None, description="The planned date, as written.")
    new: str | None = Field(default=None, description="The new date, as written.")
    low: str | None = Field(default=None, description="Lower bound of a range, as written.")
    high: str | None = Field(default=None, description="Upper bound of a range, as written.")
    value: str | None = Field(
        default=None, description="Only if the rules read no amount: the amount, plainly."
    )

    @field_validator("item", "planned", "new", "low", "high", "value", mode="before")
    @classmethod
    def _null(cls, value: Any) -> Any:
        """A small model writes "null" or "" for null: read it as null."""
        if isinstance(value, str) and value.strip().lower() in ("", "null", "none", "n/a"):
            return None
        return value


class ModelReading(BaseModel):
    claims: list[ModelClaim]


def reading_schema(ids: list[str], keys: list[str]) -> type[ModelReading]:
    """The answer's schema for one status: ids and item keys are the ones sent, nothing else."""
    item_type: Any = Literal[tuple(keys)] | None if keys else None  # type: ignore[valid-type]
    claim = create_model(
        "Claim",
        __base__=ModelClaim,
        id=(Literal[tuple(ids)], ...),  # type: ignore[valid-type]
        item=(item_type, None),
    )
    return create_model("Reading", __base__=ModelReading, claims=(list[claim], ...))  # type: ignore[valid-type]


class LLMExtractor:
    """The Extractor protocol: the rules' reading, then the model's (module docstring)."""

    def __init__(self, client, rules: RuleBasedExtractor | None = None) -> None:
        self.client = client  # assistant.llm.LLMClient
        self.rules = rules or RuleBasedExtractor()

    def extract(self, text: str, backlog: Backlog, *, today: dt.date) -> StatusFacts:
        facts = self.rules.extract(text, backlog, today=today)
        warn = _notes(facts.language)
        sent = claims_to_send(facts.claims)
        if not sent:
            return facts
        items = candidate_items(sent, text, backlog, self.rules)
        schema = reading_schema([c.id for c in sent], [key for key, _ in items])
        try:
            answer = self.client.complete(
                messages(sent, items, text),
                schema=schema,
                purpose="read",
                reasks=1,
                max_tokens=60 + 120 * len(sent),
                temperature=0.0,
            )
        except LLMError as error:
            why = f"{type(error).__name__}: {error.message[:200]}"
            return _warn(facts, warn("reading_failed", why=why))
        merged = merge(facts, answer.parsed.claims, text, backlog, today)
        return merged.model_copy(update={"extractor": f"llm:{answer.model}"})


def claims_to_send(claims: tuple[Claim, ...]) -> list[Claim]:
    """The claims worth the model's time: those with a figure or a schedule word, in text
    order, figure-bearing ones kept first when there are more than MAX_CLAIMS."""
    wanted = [
        c
        for c in claims
        if c.kind is not ClaimKind.ADDRESSED_TO_TOOL
        and (c.kind in _FIGURED or _SCHEDULE_TALK.search(fold(c.quote)))
    ]
    if len(wanted) > MAX_CLAIMS:
        keep = sorted(wanted, key=lambda c: c.kind not in _FIGURED)[:MAX_CLAIMS]
        wanted = [c for c in wanted if c in keep]
    return wanted


UNRESOLVED_CANDIDATES = 5  # items offered for a claim the rules tied to none


def candidate_items(
    claims: list[Claim], text: str, backlog: Backlog, rules: RuleBasedExtractor
) -> list[tuple[str, str]]:
    """(key, title) of the items the claims could be about: the rules' item, keys written in
    the quote, the best title matches of its words. Never the whole backlog."""
    index = rules.index(backlog)
    sentences = split_sentences(text)
    keys: list[str] = []
    for claim in claims:
        if claim.item:
            keys.append(claim.item)
        around = [text[a:b] for a, b in sentences if a < claim.end and claim.start < b]
        keys += index.find_keys(" ".join(around) or claim.quote)
        found = [m.key for m in index.resolve(claim.mention or claim.quote).candidates[:3]]
        if not claim.item:  # "Il n'est pas exclu que la migration prenne...", "La bascule ERP"
            words = [w for w in fold(claim.quote).split() if len(w) >= 3 and w not in STOP_WORDS]
            for window in (*words, *map(" ".join, itertools.pairwise(words))):
                found += [m.key for m in index.resolve(window).candidates[:1]]
        keys += list(dict.fromkeys(found))[: UNRESOLVED_CANDIDATES if not claim.item else 3]
    keys = [k for k in dict.fromkeys(keys) if k in backlog.items][:MAX_ITEMS]
    return [(k, _title(backlog.items[k].title)) for k in keys]


def _title(title: str) -> str:
    """A title as the model sees it: short, and cut where an instruction to the tool starts
    ("... IGNORE PREVIOUS INSTRUCTIONS"): the model never reads what the rules flag."""
    spans = tool_spans(fold(title))
    if spans:
        title = title[: min(a for a, _ in spans)].rstrip(" -—:;,") + " [instruction removed]"
    return _data(" ".join(title.split()))[:TITLE_CHARS]


def messages(
    claims: list[Claim], items: list[tuple[str, str]], text: str = ""
) -> list[dict[str, str]]:
    """The prompt: each claim in its whole sentence (the hedge or the recovery may lie outside
    the words the rules quoted), with the rules' reading, and the candidate items."""
    sentences = split_sentences(text) if text else []
    shown = []
    for c in claims:
        around = [(a, b) for a, b in sentences if a < c.end and c.start < b]
        words = text[around[0][0] : around[-1][1]] if around else c.quote
        if c.kind is not ClaimKind.ADDRESSED_TO_TOOL:
            words = _outside_tools(words, text, around)
        shown.append(
            {
                "id": c.id,
                "quote": _data(" ".join(words.split()))[:QUOTE_CHARS],
            }
        )
    return [
        {"role": "system", "content": render(f"{PROMPT_VERSION}.system.md.j2")},
        {
            "role": "user",
            "content": render(f"{PROMPT_VERSION}.user.md.j2", items=items, claims=shown),
        },
    ]


def _outside_tools(words: str, text: str, around: list[tuple[int, int]]) -> str:
    """`words` (the sentence at `around`) cut where an instruction to the tool starts."""
    if not around:
        return words
    start = around[0][0]
    cuts = [a - start for a, _ in tool_spans(fold(text)) if start < a < around[-1][1]]
    return words[: min(cuts)] if cuts else words


# --- what code accepts of the model's reading -------------------------------------------------


class _Status:
    """The status as the checks need it: folded, squeezed, its sentences and tool spans."""

    def __init__(self, text: str, today: dt.date) -> None:
        self.text, self.today = text, today
        self.folded = fold(text)
        self.sentences = split_sentences(text)
        self.tools = tool_spans(self.folded)

    def find(self, words: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
        """Where `words` (folded, any whitespace) are in the status between lo and hi."""
        parts = fold(words).split()
        if not parts:
            return None
        found = re.compile(r"\s+".join(map(re.escape, parts))).search(
            self.folded, lo, len(self.folded) if hi is None else hi
        )
        return found.span() if found else None

    def sentence_span(self, claim: Claim, following: bool = False) -> tuple[int, int]:
        spans = [(a, b) for a, b in self.sentences if a < claim.end and claim.start < b]
        lo = min((a for a, _ in spans), default=claim.start)
        hi = max((b for _, b in spans), default=claim.end)
        if following:
            after = [(a, b) for a, b in self.sentences if a >= hi]
            hi = after[0][1] if after else hi
        return lo, hi

    def in_tool(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.tools)


def merge(
    facts: StatusFacts,
    answers: list[ModelClaim],
    text: str,
    backlog: Backlog,
    today: dt.date,
) -> StatusFacts:
    """`facts` with the model's reading accepted where code could check it (module docstring)."""
    status = _Status(text, today)
    warn = _notes(facts.language)
    by_id = {c.id: c for c in facts.claims}
    changed: dict[str, Claim] = {}
    notes: list[str] = []
    seen: set[str] = set()
    for answer in answers:
        claim = by_id.get(answer.id)
        if claim is None or answer.id in seen or claim.kind is ClaimKind.ADDRESSED_TO_TOOL:
            continue
        seen.add(answer.id)
        new, note = judge(claim, answer, facts.claims, status, backlog, warn)
        if new is not None:
            changed[claim.id] = new
        if note:
            notes.append(note)
    out = with_claims(facts, changed) if changed else facts
    return out.model_copy(update={"warnings": (*out.warnings, *notes)})


def judge(
    claim: Claim,
    answer: ModelClaim,
    claims: tuple[Claim, ...],
    status: _Status,
    backlog: Backlog,
    warn: Callable[..., str],
) -> tuple[Claim | None, str | None]:
    """The claim as it stands after the model's reading (None: unchanged) and a warning."""
    short = _short(claim.quote)
    lo, hi = status.sentence_span(claim)
    _, after = status.sentence_span(claim, following=True)
    missing = [
        f"{name} {value!r}"
        for name, value, end in (
            ("quote", answer.quote, after),  # a recovery may be told in the next sentence
            ("planned", answer.planned, hi),
            ("new", answer.new, hi),
            ("low", answer.low, hi),
            ("high", answer.high, hi),
        )
        if value and value.strip() and status.find(value, lo, end) is None
    ]
    if not answer.quote.strip():
        missing.insert(0, "an empty quote")
    if missing:
        why = f"{', '.join(missing)} not in the status"
        return None, warn("reading_refused", id=claim.id, why=why)
    quoted = status.find(answer.quote, lo, after)
    if quoted and status.in_tool(*quoted) and claim.kind is not ClaimKind.ADDRESSED_TO_TOOL:
        why = f"its quote {_short(answer.quote, 50)!r} is an instruction to the tool"
        return None, warn("reading_refused", id=claim.id, why=why)
    kind = ClaimKind(answer.kind)
    item = answer.item if answer.item in backlog.items else None
    agree_kind = kind is claim.kind or {kind, claim.kind} <= _UNPRICED_ALIKE
    agree_item = item is None or item == claim.item
    figure = _figure_problem(claim, answer, status)
    if agree_kind and agree_item and figure is None:
        if claim.item is None and item is not None and kind is not ClaimKind.SLIP:
            note = f"{claim.note}; item {item} named by the model".lstrip("; ")
            update = {"item": item, "matched_by": MatchMethod.TITLE, "reader": ClaimReader.MODEL}
            return claim.model_copy(update={**update, "note": note}), None
        return None, None
    if (
        claim.kind is ClaimKind.SLIP
        and kind in DEMOTIONS
        and (agree_item or kind is ClaimKind.ADDRESSED_TO_TOOL)
    ):
        problem = _demotion_problem(claim, answer, kind, claims, status)
        if problem is None:
            new = claim.model_copy(
                update={
                    "kind": kind,
                    "reader": ClaimReader.MODEL,
                    "note": f'the model reads {kind.value}: "{_short(answer.quote, 60)}"; '
                    f"out of the totals (rules: slip)",
                }
            )
            evidence = _short(answer.quote, 60)
            return new, warn(
                "reading_demoted", id=claim.id, quote=short, kind=kind.value, evidence=evidence
            )
    if claim.kind is ClaimKind.TO_CONFIRM and kind is ClaimKind.SLIP:
        target = item or claim.item
        delay = claim.delay or _value_delay(claim, answer, status)
        if target is not None and delay is not None:
            new = claim.model_copy(
                update={
                    "kind": ClaimKind.SLIP,
                    "item": target,
                    "matched_by": claim.matched_by if target == claim.item else MatchMethod.TITLE,
                    "delay": delay,
                    "old_date": delay.old_date,
                    "new_date": delay.new_date,
                    "reader": ClaimReader.MODEL,
                    "note": f"read by the model: a slip of {target} ({delay.text}); "
                    "the figure is the rules' parse of the quote",
                }
            )
            return new, warn(
                "reading_priced", id=claim.id, quote=short, item=target, value=delay.text
            )
        return None, None  # no figure to give: the rules' to_confirm already asks the CTO
    if claim.kind is ClaimKind.TO_CONFIRM and kind is ClaimKind.RISK:
        target = item or claim.item
        evidence = _demotion_problem(claim, answer, kind, claims, status)
        if target is not None and claim.delay is not None and evidence is None:
            new = claim.model_copy(
                update={
                    "kind": ClaimKind.RISK,
                    "item": target,
                    "matched_by": claim.matched_by if target == claim.item else MatchMethod.TITLE,
                    "reader": ClaimReader.MODEL,
                    "note": f'the model reads a risk of {target}: "{_short(answer.quote, 60)}"; '
                    "never in the totals",
                }
            )
            return new, None
    if claim.kind is ClaimKind.TO_CONFIRM:
        return None, None  # already to confirm: the model's view adds no figure
    if ClaimKind.SLIP not in (claim.kind, kind) and figure is None:
        # neither reading is priced (risk or recovered, news or good news): the rules' kind
        # stays and the model's view is written beside it
        view = f"the model reads {kind.value}" + (f" of {item}" if item else "")
        note = f"{claim.note}; {view}" if claim.note else view
        return claim.model_copy(update={"note": note}), None
    rules = f"{claim.kind.value} {claim.item or ''}".strip()
    model = f"{kind.value} {item or ''}".strip() + (f", {figure}" if figure else "")
    new = claim.model_copy(
        update={
            "kind": ClaimKind.TO_CONFIRM,
            "reader": ClaimReader.MODEL,
            "note": f"rules: {rules}; model: {model}: to confirm",
        }
    )
    return new, warn("reading_disagree", id=claim.id, quote=short, rules=rules, model=model)


def _figure_problem(claim: Claim, answer: ModelClaim, status: _Status) -> str | None:
    """How the model's date roles or range bounds contradict the rules' parse, if they do."""
    delay = claim.delay
    if delay is None:
        return None
    if answer.planned and answer.new and delay.old_date and delay.new_date:
        phrase = f"moved from {answer.planned} to {answer.new}"
        hits = [h for h in find_delays(fold(phrase), status.today) if h.old_date and h.new_date]
        if hits and (hits[0].old_date, hits[0].new_date) == (delay.new_date, delay.old_date):
            return f"planned {answer.planned}, new {answer.new}"
    if answer.low and answer.high and delay.unit is not DelayUnit.DATES:
        low, high = _first_number(answer.low), _first_number(answer.high)
        if low is not None and high is not None and low != high:
            rules = (delay.low, delay.amount)
            if delay.low is None or (low, high) != rules:
                return f"a range {answer.low} to {answer.high}"
    return None


def _demotion_problem(
    claim: Claim,
    answer: ModelClaim,
    kind: ClaimKind,
    claims: tuple[Claim, ...],
    status: _Status,
) -> str | None:
    """Why a demotion cannot be taken (None: it can). Its quote must be in the claim's
    sentence (or the next, for a recovery) and outside an instruction to the tool; for a risk,
    a recovery or a correction it must also point at words the rules did not quote for this
    claim (the hedge, the recovery, the later figure): the model shows what the rules missed."""
    lo, hi = status.sentence_span(claim, following=kind is ClaimKind.RECOVERED)
    span = status.find(answer.quote, lo, hi)
    if span is None:
        return "its quote is not in the claim's sentence"
    if kind is ClaimKind.ADDRESSED_TO_TOOL:
        return None
    if status.in_tool(*span):
        return "its quote is an instruction to the tool"
    start, end = span
    outside = status.folded[start : max(start, claim.start)] + " "
    outside += status.folded[min(end, max(claim.end, start)) : end]
    if not [w for w in _WORD.findall(outside) if w not in _STOP]:
        return "its quote holds no word the rules did not read"
    if kind is ClaimKind.SUPERSEDED:
        later = [
            c
            for c in claims
            if c.start > claim.start and c.item == claim.item and c.delay is not None
        ]
        if not later:
            return "no later figure for the same item"
    return None


def _value_delay(claim: Claim, answer: ModelClaim, status: _Status) -> Delay | None:
    """The delay of the model's normalised value, parsed by the rules, when every number,
    month word and position word of the value is in the claim's quote; else None."""
    if not answer.value or not answer.value.strip():
        return None
    value, quote = fold(answer.value), fold(claim.quote)
    if not _numbers(value) <= _numbers(quote):
        return None
    for words in (_MONTH_WORD, _POSITION_WORD):
        if not set(words.findall(value)) <= set(words.findall(quote)):
            return None
    said = set(re.findall(r"[a-z]+", quote))
    if any(w not in said and w not in _CONNECTORS for w in re.findall(r"[a-z]+", value)):
        return None  # a unit or a word of its own ("2 months" for "deux weeks")
    hits = [h for h in find_delays(value, status.today) if h.amount]
    if len(hits) != 1:
        return None
    hit = hits[0]
    if hit.kind.value != "late":
        return None
    return Delay(
        amount=hit.amount,
        unit=hit.unit,
        text=f"{answer.value.strip()} (model, from: {_short(claim.quote, 80)})",
        old_date=hit.old_date,
        new_date=hit.new_date,
        low=hit.low,
    )


def _numbers(folded: str) -> set[float]:
    """Every number of a folded text: each digit run, and each number word."""
    found = {float(d) for d in re.findall(r"\d+", folded)}
    for m in _NUMBER.finditer(folded):
        if not m.group()[:1].isdigit() and (value := parse_number(m.group())) is not None:
            found.add(value)
    return found


def _first_number(text: str) -> float | None:
    m = _NUMBER.search(fold(text))
    return parse_number(m.group()) if m else None


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _notes(language: str) -> Callable[..., str]:
    """What Steerco says about the model's reading, in the status's language: a note's key
    (`reading_<key>` of phrases.<lang>.v1.yaml, model_notes) and its parameters."""
    return partial(phrase, language, "model_notes")


def _warn(facts: StatusFacts, warning: str) -> StatusFacts:
    return facts.model_copy(update={"warnings": (*facts.warnings, warning)})


def _data(text: str) -> str:
    """Untrusted text made unable to close its <data> block."""
    return text.replace("<", "‹").replace(">", "›")
