"""Turning one row of an export into a BacklogItem, with every failure located.

Format modules only map columns to fields; this module owns the rule that any bad value
becomes an InputError naming the file, the row, the item key and the fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from assistant.domain import BacklogItem
from assistant.errors import InputError
from assistant.loaders.date_order import DateColumns
from assistant.loaders.limits import field_too_long
from assistant.loaders.validation import invalid
from assistant.loaders.values import (
    DATE_FORMATS_HELP,
    NUMERIC,
    NumericDate,
    date_of_text,
    number_of_text,
    parse_date,
    parse_number,
)

SECONDS_PER_DAY = 8 * 3600  # trackers store estimates in seconds of an 8-hour working day
_EMPTY: tuple[()] = ()
_FIELD_ORDER = tuple(BacklogItem.model_fields)
_VALIDATE = BacklogItem.__pydantic_validator__.validate_python  # model_validate, less a call


class At:
    """A row of a file, and the key of the item on it once known.

    `unit` names what `row` counts, so a JSON array's 5th issue is not called a line. A plain
    slotted class, built once per row (a frozen dataclass costs twice as much to build).
    """

    __slots__ = ("dates", "file", "key", "limit", "row", "unit")

    def __init__(
        self,
        file: str,
        row: int,
        key: str | None = None,
        unit: str = "row",
        limit: int = 0,
        dates: DateColumns | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.key = key
        self.unit = unit
        self.limit = limit  # longest text an item may keep; 0 = bounded already (CSV cells)
        self.dates = dates  # a CSV file's date columns, to read 08/11/2016 in their order

    def __repr__(self) -> str:
        return f"At({self.file!r}, {self.row}, {self.key!r}, {self.unit!r})"

    @property
    def where(self) -> str:
        place = f"{self.unit} {self.row}"
        return f"{place}, {self.key}" if self.key else place

    def error(self, message: str, fix: str) -> InputError:
        return InputError(message, file=self.file, where=self.where, fix=fix)

    def date(self, value: Any, column: str) -> dt.date | None:
        if value is None or value == "":
            return None
        try:
            if type(value) is not str:
                return parse_date(value)
            text = value.strip()
            date = date_of_text(text)
            if date is not NUMERIC:
                return date
            if self.dates is None:  # one value, no column to tell day from month
                raise NumericDate(text)
            return self.dates.read(text, column)
        except ValueError as exc:
            raise self.error(
                f"{column}: {exc}.", f"Write the date as {DATE_FORMATS_HELP}, or clear the cell."
            ) from None

    def number(self, value: Any, column: str) -> float | None:
        if value is None or value == "":
            return None
        try:
            return number_of_text(value) if type(value) is str else parse_number(value)
        except ValueError as exc:
            raise self.error(
                f"{column}: {exc}.", "Write a plain number such as 5 or 2.5, or clear the cell."
            ) from None

    def days_from_seconds(self, value: Any, column: str) -> float | None:
        seconds = self.number(value, column)
        return None if seconds is None else round(seconds / SECONDS_PER_DAY, 4)

    def _check_lengths(self, data: dict[str, Any]) -> None:
        limit = self.limit
        for value in data.values():  # texts are plain str (JSON, stripped); the category short
            kind = type(value)
            if kind is str:
                if len(value) > limit:
                    break
            elif kind is tuple and value and max(map(len, value)) > limit:
                break
        else:
            return
        for name in _FIELD_ORDER:  # the slow way, to name the first field, in the model's order
            parts = value if type(value := data.get(name)) is tuple else (value,)
            if any(type(part) is str and len(part) > limit for part in parts):
                raise field_too_long(self.file, f"{self.where}, field {name!r}", limit)

    def item(self, **fields: Any) -> BacklogItem:
        """Validate an item; the fields are BacklogItem's, the source is this row."""
        # Empty fields are left to their defaults (None, ()), which need no validation: a
        # third of the cost of an item. Empty tuples are one object, so `is` finds them.
        return self.build({k: v for k, v in fields.items() if v is not None and v is not _EMPTY})

    def build(self, data: dict[str, Any]) -> BacklogItem:
        """`item` of fields given as a dict that holds no empty one (None, ()); it is kept.

        For format modules that build the dict themselves: a key word call of 15 fields and
        the filtering cost more than the few tests that leave the empty ones out.
        """
        key = data.get("key") or self.key
        if not key:
            raise self.error("the item has no key.", "Give every row its issue key.")
        if not data.get("title"):
            raise self.error("the item has no title.", "Give every item a title (summary).")
        if self.limit:  # JSON values come unbounded; CSV cells were bounded as read
            self._check_lengths(data)
        data["source"] = {"file": self.file, "row": self.row, "key": key}
        try:
            return _VALIDATE(data)
        except ValidationError as exc:
            raise invalid(exc, BacklogItem, file=self.file, locate=lambda _: self.where) from None
