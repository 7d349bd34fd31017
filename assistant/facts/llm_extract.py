"""The LLM extractor: the model reads the status, the rules keep the numbers honest.

The model returns structured output validated by pydantic: item keys must exist in the
backlog, and each delay phrase must be copied verbatim from the status and readable by the
rule-based duration parser, which gives the amount and unit: the model never supplies a
number. An answer that fails validation is re-asked once with the errors, then the rule-based
result is used (with a warning).

The rule-based extraction always runs too, and the two are merged with the rules first:
- same phrase, same item: agreed;
- the rules could not resolve the subject (unmatched, ambiguous) and the model names an item:
  the model's item is used, with a warning saying so;
- same phrase, different item, or a different delay: the rules' reading is kept, with a warning;
- a delay only the model found is added, with a warning; one only the rules found is kept.
So an injected instruction in a title or the status can add a warning, never remove a slip
the rules read nor change a number.
"""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from assistant.domain import Backlog
from assistant.facts.clauses import split_sentences
from assistant.facts.durations import find_delays
from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.language import fold, terms
from assistant.facts.status import Delay, Match, MatchMethod, Slip, StatusFacts
from assistant.llm.errors import LLMError
from assistant.prompts import render

PROMPT_VERSION = "extract_status.v1"
MAX_ITEMS = 150  # backlog items shown to the model: those sharing words with the status first
_WARN = {
    "fr": {
        "failed": "Extraction par le modèle non utilisée ({why}) : lecture par règles seule.",
        "resolved": "« {mention} » rattaché à {key} par le modèle (les règles hésitaient).",
        "other_item": "« {delay} » : le modèle lit {llm}, les règles {rules} ; {rules} retenu.",
        "other_delay": "{key} : le modèle lit « {llm} », les règles « {rules} » ; règles retenues.",
        "llm_only": "Retard trouvé par le modèle seul : « {delay} » ({key}).",
        "rules_only": "Le modèle n'a pas relevé « {delay} » ({key}) ; lecture des règles gardée.",
    },
    "en": {
        "failed": "Model extraction not used ({why}): rule-based reading only.",
        "resolved": '"{mention}" matched to {key} by the model (the rules could not decide).',
        "other_item": '"{delay}": the model reads {llm}, the rules {rules}; {rules} kept.',
        "other_delay": '{key}: the model reads "{llm}", the rules "{rules}"; rules kept.',
        "llm_only": 'Delay found by the model only: "{delay}" ({key}).',
        "rules_only": 'The model did not report "{delay}" ({key}); the rules\' reading kept.',
    },
}


class LLMSlip(BaseModel):
    """One delay or advance the status reports, as the model reads it."""

    item_key: str | None = Field(description="Key of the BACKLOG item, or null if none fits.")
    mention: str = Field(description="Words of the status naming what slipped, verbatim.")
    delay_text: str = Field(description="The phrase stating the delay with its quantity, verbatim.")
    ahead: bool = Field(default=False, description="True only if the item is early.")
    reason: str | None = Field(default=None, description="Why, verbatim from the status, or null.")

    @field_validator("item_key")
    @classmethod
    def _known_key(cls, key: str | None, info: ValidationInfo) -> str | None:
        if key and info.context and key not in info.context["keys"]:
            raise ValueError(f"unknown item key {key!r}: use a key from BACKLOG, or null")
        return key or None

    @model_validator(mode="after")
    def _verbatim_delay(self, info: ValidationInfo) -> LLMSlip:
        if info.context:
            phrase = fold(self.delay_text.strip())
            if not phrase or phrase not in info.context["status"]:
                raise ValueError(f"delay_text {self.delay_text!r} is not copied from the status")
            if not find_delays(phrase, info.context["today"]):
                raise ValueError(f"delay_text {self.delay_text!r} states no quantified delay")
        return self


class LLMStatus(BaseModel):
    slips: list[LLMSlip]


class LLMExtractor:
    """The Extractor protocol with a model in front of the rules (see the module docstring)."""

    def __init__(self, client, rules: RuleBasedExtractor | None = None) -> None:
        self.client = client  # assistant.llm.LLMClient
        self.rules = rules or RuleBasedExtractor()

    def extract(self, text: str, backlog: Backlog, *, today: dt.date) -> StatusFacts:
        facts = self.rules.extract(text, backlog, today=today)
        lang = facts.language
        status = _data(text)
        context = {"keys": set(backlog.items), "status": fold(status), "today": today}
        try:
            answer = self.client.complete(
                self._messages(status, backlog),
                schema=LLMStatus,
                purpose="extract",
                reasks=1,
                max_tokens=800,
                validation_context=context,
            )
        except LLMError as error:
            why = f"{type(error).__name__}: {error.message[:200]}"
            return _warn(facts, _WARN[lang]["failed"].format(why=why))
        slips, warnings = merge(facts.slips, answer.parsed.slips, text, today, lang)
        unmatched = [s.sentence for s in slips if s.item_key is None and not s.ambiguous]
        return facts.model_copy(
            update={
                "slips": tuple(slips),
                "unmatched": tuple(dict.fromkeys(unmatched)),
                "extractor": f"llm:{answer.model}",
                "warnings": (*facts.warnings, *warnings),
            }
        )

    def _messages(self, status: str, backlog: Backlog) -> list[dict[str, str]]:
        schema = json.dumps(LLMStatus.model_json_schema(), ensure_ascii=False)
        items = [
            {"key": i.key, "title": _data(i.title), "epic": i.is_epic, "parent": i.parent}
            for i in shown_items(status, backlog)
        ]
        return [
            {"role": "system", "content": render(f"{PROMPT_VERSION}.system.md.j2", schema=schema)},
            {
                "role": "user",
                "content": render(f"{PROMPT_VERSION}.user.md.j2", items=items, status=status),
            },
        ]


def shown_items(status: str, backlog: Backlog) -> list:
    """Items named by key in the status, then those sharing the most words with it."""
    if len(backlog.items) <= MAX_ITEMS:
        return list(backlog.items.values())
    words, folded = set(terms(status)), fold(status)
    scored = [
        (fold(i.key) in folded, len(words & set(terms(i.title))), i) for i in backlog.items.values()
    ]
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return [item for _, _, item in scored[:MAX_ITEMS]]


def merge(rules, llm, text, today, lang) -> tuple[list[Slip], list[str]]:
    """The rules' slips, completed and questioned by the model's (see the module docstring)."""
    warn = _WARN[lang]
    out, notes, seen = list(rules), [], set()
    for answer in llm:
        phrase, key = fold(answer.delay_text.strip()), answer.item_key
        i = next((n for n, s in enumerate(rules) if _same_phrase(s, phrase)), None)
        if i is None:
            slip = _from_llm(answer, text, today)
            if slip is not None:
                out.append(slip)
                notes.append(warn["llm_only"].format(delay=slip.delay.text, key=key))
            continue
        seen.add(i)
        ours = rules[i]
        hit = find_delays(phrase, today)[0]
        if hit.amount and (hit.amount, hit.unit) != (ours.delay.amount, ours.delay.unit):
            who = ours.item_key or ours.mention
            notes.append(
                warn["other_delay"].format(key=who, llm=answer.delay_text, rules=ours.delay.text)
            )
        elif ours.item_key is None and key:
            match = Match(key=key, score=1.0, method=MatchMethod.TITLE)
            update = {"item_key": key, "ambiguous": False, "candidates": (match,)}
            out[i] = ours.model_copy(update=update)
            notes.append(warn["resolved"].format(mention=ours.mention or ours.sentence, key=key))
        elif key and key != ours.item_key:
            delay = ours.delay.text
            notes.append(warn["other_item"].format(delay=delay, llm=key, rules=ours.item_key))
    for i, slip in enumerate(rules):
        if i not in seen:
            notes.append(warn["rules_only"].format(delay=slip.delay.text, key=slip.item_key or "?"))
    return out, notes


def _same_phrase(slip: Slip, phrase: str) -> bool:
    ours = fold(slip.delay.text)
    return bool(ours) and (ours in phrase or phrase in ours)


def _from_llm(answer: LLMSlip, text: str, today: dt.date) -> Slip | None:
    """A slip only the model saw. Amount, unit and direction come from the rule-based parser;
    mention and reason are kept only if copied from the status."""
    folded = fold(text)
    phrase = fold(answer.delay_text.strip())
    hit = find_delays(phrase, today)[0]
    if hit.amount is None or answer.item_key is None:
        return None  # a lone new date needs the item's planned date: the rules' job
    start = folded.find(phrase)
    sentence = next(
        (text[a:b] for a, b in split_sentences(text) if a <= start < b), answer.delay_text
    )
    verbatim = {
        name: value.strip()
        for name, value in (("mention", answer.mention), ("reason", answer.reason or ""))
        if value.strip() and fold(value.strip()) in folded
    }
    return Slip(
        kind=hit.kind,
        mention=verbatim.get("mention", ""),
        sentence=sentence,
        delay=Delay(
            amount=hit.amount,
            unit=hit.unit,
            text=text[start : start + len(phrase)] if start >= 0 else answer.delay_text.strip(),
            old_date=hit.old_date,
            new_date=hit.new_date,
        ),
        reason=verbatim.get("reason"),
        candidates=(Match(key=answer.item_key, score=1.0, method=MatchMethod.TITLE),),
        item_key=answer.item_key,
    )


def _warn(facts: StatusFacts, warning: str) -> StatusFacts:
    return facts.model_copy(update={"warnings": (*facts.warnings, warning)})


def _data(text: str) -> str:
    """Untrusted text made unable to close its <data> block."""
    return text.replace("<", "‹").replace(">", "›")
