"""Which of day and month comes first in a CSV column of dates such as 08/11/2016.

One value seldom says (8 November or 11 August?), a column usually does: a first number
above 12 can only be a day (17/08/2016), a second one above 12 too (08/17/2016). So, as
spreadsheet and database import tools do, the order is decided once per column from all its
values, the first time such a date is read there (exports in ISO or Jira's `03/Jun/16` never
pay for it). A column whose rows prove both orders is refused: some rows were written the
other way. A column that proves neither is read as the file's other date columns prove, else
in the order of the context's language (its lexicon's `day_first`: French writes the day
first; English the month first, as US-locale tools do), else day first, Steerco's default
language being French; a warning says which was assumed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from assistant.errors import InputError
from assistant.lang import READ, lexicon
from assistant.loaders.values import NUMERIC_DATE, DayMonth, NumericDate, numeric_date

if TYPE_CHECKING:
    from assistant.loaders.table import Record

DEFAULT_ORDER: DayMonth = "day-first"
_SHOWN = {"day-first": "day first (dd/mm/yyyy)", "month-first": "month first (mm/dd/yyyy)"}


Proof = tuple[int, str]  # the row and the value that show an order


class DateColumns:
    """The day/month order of one file's date columns, each decided when first needed.

    `getters` give each column's value from a row's cells, under the name `At.date` is
    called with; `warnings` collects the orders assumed, for `Backlog.warnings`.
    """

    def __init__(
        self,
        file: str,
        records: Sequence[Record],
        getters: Mapping[str, Callable[[list[str]], str]],
        language: str | None,
        warnings: list[str],
    ) -> None:
        self.file = file
        self.records = records
        self.getters = getters
        self.language = language
        self.warnings = warnings
        self.orders: dict[str, DayMonth] = {}
        self._evidences: dict[str, tuple[dict[DayMonth, Proof], int, Proof | None]] = {}

    def read(self, text: str, column: str) -> dt.date:
        """The date of a numeric `text` found in `column`, in the column's order."""
        order = self.orders.get(column) or self._decide(text, column)
        return numeric_date(text, order)

    def _decide(self, text: str, column: str) -> DayMonth:
        if column not in self.getters:  # a column the format module did not declare: no guess
            raise NumericDate(text)
        proofs, doubtful, first_doubt = self._evidence(column)
        if len(proofs) == 2:
            raise self._mixed(column, proofs)
        if proofs:
            order = next(iter(proofs))
        else:
            order, why = self._assumption(column)
            if first_doubt:  # else only impossible dates (45/08/2016), refused as read
                self.warnings.append(self._assumed(column, order, why, doubtful, first_doubt))
        self.orders[column] = order
        return order

    def _evidence(self, column: str) -> tuple[dict[DayMonth, Proof], int, Proof | None]:
        """The first row proving each order; how many rows could be either, and the first.

        Each distinct value is looked at once (a column repeats a few hundred dates), in the
        order of its first row; each column once, though another column's assumption asks too.
        """
        if column not in self._evidences:
            self._evidences[column] = self._gather(column)
        return self._evidences[column]

    def _gather(self, column: str) -> tuple[dict[DayMonth, Proof], int, Proof | None]:
        getter = self.getters[column]
        values = [getter(record.cells) for record in self.records]
        proofs: dict[DayMonth, Proof] = {}
        doubtful, first_doubt = 0, None
        for value, repeats in Counter(values).items():
            if not value or not (match := NUMERIC_DATE.match(value)):
                continue
            first, second = int(match[1]), int(match[3])
            if 12 < first <= 31 and 1 <= second <= 12:
                proofs.setdefault("day-first", (self._line(values, value), value))
            elif 12 < second <= 31 and 1 <= first <= 12:
                proofs.setdefault("month-first", (self._line(values, value), value))
            elif first <= 12 and second <= 12:
                doubtful += repeats
                first_doubt = first_doubt or (self._line(values, value), value)
            if len(proofs) == 2:
                break
        return proofs, doubtful, first_doubt

    def _line(self, values: list[str], value: str) -> int:
        return self.records[values.index(value)].line

    def _assumption(self, column: str) -> tuple[DayMonth, str]:
        """The order of a column that does not tell: that of the file's other date columns
        when those that tell agree (one tool wrote them all), else the context's language's."""
        shown: dict[DayMonth, str] = {}
        for other in self.getters:
            proofs = self._evidence(other)[0] if other != column else {}
            if len(proofs) == 1:
                (order, (line, value)), *_ = proofs.items()
                shown.setdefault(
                    order, f"as column {other!r} of this file shows ({value!r}, row {line})"
                )
        if len(shown) == 1:
            return next(iter(shown.items()))
        if self.language in READ:  # the lexicon's day_first, as the grounding check reads dates
            lex = lexicon(self.language)
            order: DayMonth = "day-first" if lex.day_first else "month-first"
            return order, f"the order of {lex.name}, the context's language"
        return DEFAULT_ORDER, "Steerco's default with no context.yaml (French, day first)"

    def _mixed(self, column: str, proofs: dict[DayMonth, Proof]) -> InputError:
        (day_line, day_value), (month_line, month_value) = (
            proofs["day-first"],
            proofs["month-first"],
        )
        return InputError(
            f"the column writes its dates in both orders: row {day_line} has "
            f"{day_value!r}, which can only be day first, and row {month_line} has "
            f"{month_value!r}, which can only be month first.",
            file=self.file,
            where=f"column {column!r}",
            fix="Write every date of the column in one order, or re-export it as ISO dates "
            "(2016-08-17) or with the month's name (17/Aug/2016).",
        )

    def _assumed(self, column: str, order: DayMonth, why: str, doubtful: int, first: Proof) -> str:
        line, value = first
        count = "1 date" if doubtful == 1 else f"{doubtful} dates"
        read = numeric_date(value, order).isoformat()
        other = "month" if order == "day-first" else "day"
        return (
            f"{self.file}, column {column!r}: {count} such as {value!r} (row {line}) could be "
            f"day or month first, and no value above 12 tells; read {_SHOWN[order]}, {why}, "
            f"so {value!r} is {read}. If the column puts the {other} first, re-export it as "
            "ISO dates (yyyy-mm-dd) or with the month's name (08/Nov/2016)."
        )
