"""Turning extracted slips into one delay figure per item, good news and unresolved mentions."""

from assistant.domain import Backlog, Context, Frozen, Source
from assistant.facts.provenance import Figure, Ledger
from assistant.facts.status import Slip, SlipKind, StatusFacts
from assistant.facts.units import MissingVelocity, delay_in_weeks


class GoodNews(Frozen):
    item: str
    title: str
    weeks: float
    sentence: str


class Unresolved(Frozen):
    reason: str  # 'unmatched', 'ambiguous', 'no_velocity'
    mention: str
    sentence: str
    candidates: tuple[str, ...] = ()


def resolve_slips(
    facts: StatusFacts, backlog: Backlog, context: Context, ledger: Ledger, status_source: str
) -> tuple[list[tuple[str, Slip]], list[GoodNews], list[Unresolved]]:
    """Resolved late slips (one per item, the largest), good news and what stayed unresolved."""
    late: dict[str, tuple[Slip, Figure]] = {}
    good: list[GoodNews] = []
    unresolved: list[Unresolved] = []
    for slip in facts.slips:
        key = slip.item_key
        if key is None or key not in backlog.items:
            unresolved.append(
                Unresolved(
                    reason="ambiguous" if slip.ambiguous else "unmatched",
                    mention=slip.mention,
                    sentence=slip.sentence,
                    candidates=tuple(m.key for m in slip.candidates[:3]) if slip.ambiguous else (),
                )
            )
            continue
        item = backlog.items[key]
        is_late = slip.kind is SlipKind.LATE
        figure_id = f"impact.{key}.delay_weeks" if is_late else f"ahead.{key}.weeks"
        scratch = Ledger()
        try:
            figure = delay_in_weeks(
                slip.delay,
                context,
                scratch,
                figure_id=figure_id,
                label=f"delay of {key}" if is_late else f"advance of {key}",
                source=Source(file=status_source, key=key, field=slip.delay.text),
            )
        except MissingVelocity:
            unresolved.append(
                Unresolved(reason="no_velocity", mention=slip.mention, sentence=slip.sentence)
            )
            ledger.notice("no_velocity", text=slip.delay.text)
            continue
        for assumption in scratch.assumptions.values():
            ledger.assume(assumption)
        if not is_late:
            ledger.add(figure)
            good.append(
                GoodNews(
                    item=key, title=item.title, weeks=float(figure.value), sentence=slip.sentence
                )
            )
            continue
        if item.done:
            ledger.notice("slip_on_done_item", key=key, status=item.status)
        if key in late:
            ledger.notice("same_item_twice", key=key)
            if float(late[key][1].value) >= float(figure.value):
                continue
        late[key] = (slip, figure)
    for key, (slip, figure) in late.items():
        ledger.add(figure)
        ledger.add(stated_delay(key, slip, figure))
    return [(key, slip) for key, (slip, _) in late.items()], good, unresolved


def stated_delay(key: str, slip: Slip, weeks: Figure) -> Figure:
    """The delay as the status states it (e.g. 3 sprints), so a brief may quote it."""
    return Figure(
        id=f"impact.{key}.stated_delay",
        label=f"delay of {key} as stated",
        value=slip.delay.amount,
        unit=slip.delay.unit.value,
        formula=f"as stated: {slip.delay.text!r}",
        sources=weeks.sources[:1],
    )
