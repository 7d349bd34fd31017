"""`steerco brief --review`: the CTO confirms the reading on a terminal before the figures.

Each claim to confirm (no item found, an ambiguous match, late with no figure) is shown with
its quote and the items it could be; the CTO picks one by number or types a key, then the
weeks, or marks it "not a slip", or leaves it as read. The answers are a confirmed reading,
the same one `--reading FILE` gives: the brief computes from it through the service, and a
workspace learns it (memory per client) the same way. Prompts are in the brief's language
(`review` in prompts/phrases.<lang>.v1.yaml); they go to standard error, so the brief on
standard output can still be piped or redirected.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.prompt import InvalidResponse, Prompt

from assistant.facts.reading import ConfirmedClaim
from assistant.narration.formatting import format_number
from assistant.prompts import phrase

MAX_WEEKS = 520  # what a confirmed claim takes (ConfirmedClaim.weeks)
_SKIP = object()
_NOT_A_SLIP = object()


class _Answer(Prompt):
    """A rich prompt whose answer is checked by `parse` (which raises ValueError with the
    message to show), re-asked until it is valid."""

    def __init__(self, text: str, parse: Any, console: Console) -> None:
        super().__init__(text, console=console)
        self.parse = parse

    def process_response(self, value: str) -> Any:
        try:
            return self.parse(value.strip())
        except ValueError as error:
            raise InvalidResponse(f"[prompt.invalid]{escape(str(error))}") from None


def confirm_reading(sheet: Any, language: str, console: Console) -> tuple[ConfirmedClaim, ...]:
    """Walk the CTO through `sheet`'s claims to confirm; their answers, as a reading."""

    def say(key: str, **params: Any) -> str:
        return phrase(language, "review", key, **params)

    pending = sheet.to_confirm()
    if not pending:
        console.print(say("none"))
        return ()
    no = say("not_a_slip")
    console.print(say("intro", count=len(pending), not_a_slip=no), markup=False)
    confirmed = []
    for n, claim in enumerate(pending, start=1):
        console.print()
        console.rule(say("heading", id=claim.id, n=n, total=len(pending)), style="bold")
        console.print(say("quote", quote=" ".join(claim.quote.split())), markup=False)
        if claim.note:
            console.print(say("read_as", note=claim.note), style="dim", markup=False)
        candidates = sheet.candidates.get(claim.id, [])
        if candidates:
            console.print(say("candidates"))
            for i, key in enumerate(candidates, start=1):
                title = sheet.titles.get(key, "")
                console.print(f"  [bold]{i}[/bold]  {escape(key)}  {escape(title)}")
        else:
            console.print(say("no_candidate"), style="dim")
        numbers = f"1-{len(candidates)}, " if len(candidates) > 1 else "1, " if candidates else ""
        choice = _Answer(
            say("item", numbers=numbers, not_a_slip=no),
            lambda answer, c=candidates: _item(answer, c, sheet.titles, no, say),
            console,
        )(default=_SKIP)
        if choice is _SKIP:
            console.print(say("left", id=claim.id), style="dim")
            continue
        if choice is _NOT_A_SLIP:
            confirmed.append(ConfirmedClaim(id=claim.id, quote=claim.quote, kind="not_a_slip"))
            console.print(say("marked", id=claim.id), style="green")
            continue
        asked = _Answer(say("weeks"), lambda answer: _weeks(answer, say), console)
        weeks = asked(default=format_number(claim.weeks, language, 2)) if claim.weeks else asked()
        weeks = _weeks(weeks, say) if isinstance(weeks, str) else weeks  # the default, as shown
        confirmed.append(ConfirmedClaim(
            id=claim.id, quote=claim.quote, kind="slip", item=choice, weeks=weeks,
            old_date=claim.old_date, new_date=claim.new_date,
        ))  # fmt: skip
        console.print(
            say("confirmed", id=claim.id, item=choice, weeks=format_number(weeks, language, 2)),
            style="green",
        )
    console.print()
    console.print(say("done", changed=len(confirmed), total=len(pending)))
    return tuple(confirmed)


def _item(answer: str, candidates: list[str], titles: dict[str, str], no: str, say: Any) -> Any:
    """A candidate's number, a backlog key (any case), the not-a-slip letter, or nothing."""
    if not answer:
        return _SKIP
    if answer.casefold() == no.casefold():
        return _NOT_A_SLIP
    if answer.isdigit() and 1 <= int(answer) <= len(candidates):
        return candidates[int(answer) - 1]
    keys = {key.casefold(): key for key in titles}
    if answer.casefold() in keys:
        return keys[answer.casefold()]
    raise ValueError(say("bad_item", answer=answer))


def _weeks(answer: str, say: Any) -> float:
    """Weeks, written 3, 1.5 or 1,5: more than 0, at most 520."""
    try:
        weeks = float(answer.replace(",", ".").replace(" ", ""))
    except ValueError:
        raise ValueError(say("bad_weeks")) from None
    if not 0 < weeks <= MAX_WEEKS:
        raise ValueError(say("bad_weeks"))
    return weeks
