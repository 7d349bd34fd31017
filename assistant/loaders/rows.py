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
from assistant.loaders.limits import field_too_long
from assistant.loaders.validation import invalid
from assistant.loaders.values import DATE_FORMATS_HELP, parse_date, parse_number

SECONDS_PER_DAY = 8 * 3600  # trackers store estimates in seconds of an 8-hour working day
_EMPTY: tuple[()] = ()
_VALIDATE = BacklogItem.model_validate


class At:
    """A row of a file, and the key of the item on it once known.

    `unit` names what `row` counts, so a JSON array's 5th issue is not called a line. A plain
    slotted class, built once per row (a frozen dataclass costs twice as much to build).
    """

    __slots__ = ("file", "key", "limit", "row", "unit")

    def __init__(
        self, file: str, row: int, key: str | None = None, unit: str = "row", limit: int = 0
    ) -> None:
        self.file = file
        self.row = row
        self.key = key
        self.unit = unit
        self.limit = limit  # longest text an item may keep; 0 = bounded already (CSV cells)

    def __repr__(self) -> str:
        return f"At({self.file!r}, {self.row}, {self.key!r}, {self.unit!r})"

    @property
    def where(self) -> str:
        place = f"{self.unit} {self.row}"
        return f"{place}, {self.key}" if self.key else place

    def error(self, message: str, fix: str) -> InputError:
        return InputError(message, file=self.file, where=self.where, fix=fix)

    def date(self, value: Any, column: str) -> dt.date | None:
        try:
            return parse_date(value)
        except ValueError as exc:
            raise self.error(
                f"{column}: {exc}.", f"Write the date as {DATE_FORMATS_HELP}, or clear the cell."
            ) from None

    def number(self, value: Any, column: str) -> float | None:
        try:
            return parse_number(value)
        except ValueError as exc:
            raise self.error(
                f"{column}: {exc}.", "Write a plain number such as 5 or 2.5, or clear the cell."
            ) from None

    def days_from_seconds(self, value: Any, column: str) -> float | None:
        seconds = self.number(value, column)
        return None if seconds is None else round(seconds / SECONDS_PER_DAY, 4)

    def _check_lengths(self, data: dict[str, Any]) -> None:
        limit = self.limit
        for name, value in data.items():
            if isinstance(value, str) and len(value) > limit:
                raise field_too_long(self.file, f"{self.where}, field {name!r}", limit)
            if isinstance(value, tuple) and any(len(part) > limit for part in value):
                raise field_too_long(self.file, f"{self.where}, field {name!r}", limit)

    def item(self, **fields: Any) -> BacklogItem:
        """Validate an item; the fields are BacklogItem's, the source is this row."""
        key = fields.get("key") or self.key
        if not key:
            raise self.error("the item has no key.", "Give every row its issue key.")
        if not fields.get("title"):
            raise self.error("the item has no title.", "Give every item a title (summary).")
        # Empty fields are left to their defaults (None, ()), which need no validation: a
        # third of the cost of an item. Empty tuples are one object, so `is` finds them.
        data = {k: v for k, v in fields.items() if v is not None and v is not _EMPTY}
        if self.limit:  # JSON values come unbounded; CSV cells were bounded as read
            self._check_lengths(data)
        data["source"] = {"file": self.file, "row": self.row, "key": key}
        try:
            return _VALIDATE(data)
        except ValidationError as exc:
            raise invalid(exc, BacklogItem, file=self.file, locate=lambda _: self.where) from None
