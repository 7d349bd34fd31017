"""CSV exports as a header plus records that remember their line and repeated columns.

Jira writes one column per sprint, component or link, all with the same name, so a
DictReader would keep only the last of each; records here give every value of a name.
Column names match case-insensitively because users re-save exports from spreadsheets.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from assistant.errors import InputError
from assistant.loaders.values import fold


def column_id(name: str) -> str:
    return fold(name.strip().lstrip("\ufeff"))


@dataclass(frozen=True)
class Record:
    """One data row; `line` is the 1-based line it starts on (the header is line 1)."""

    line: int
    cells: tuple[str, ...]
    columns: dict[str, list[int]] = field(repr=False)

    def get(self, *names: str) -> str:
        """The first non-empty value among the columns named, in the order of the names."""
        for name in names:
            for index in self.columns.get(column_id(name), ()):
                value = self.cells[index].strip() if index < len(self.cells) else ""
                if value:
                    return value
        return ""

    def every(self, *names: str) -> list[str]:
        """Every non-empty value of every column with one of these names, left to right."""
        indexes = sorted(i for name in names for i in self.columns.get(column_id(name), ()))
        values = (self.cells[i].strip() for i in indexes if i < len(self.cells))
        return [value for value in values if value]


@dataclass(frozen=True)
class Table:
    file: str
    header: tuple[str, ...]
    records: tuple[Record, ...]

    def has(self, *names: str) -> bool:
        """Whether every one of the columns named is present."""
        ids = {column_id(name) for name in self.header}
        return all(column_id(name) in ids for name in names)

    def has_exactly(self, *names: str) -> bool:
        """Like `has`, with the tracker's exact spelling; tells real exports from hand-made CSV."""
        present = {name.strip().lstrip("\ufeff") for name in self.header}
        return all(name in present for name in names)

    def require(self, format_name: str, required: tuple[str, ...], optional: str) -> None:
        """Fail with the columns needed and the columns found when a required one is missing."""
        missing = [name for name in required if not self.has(name)]
        if missing:
            raise InputError(
                f"this {format_name} has no {', '.join(repr(m) for m in missing)} column. "
                f"Required: {', '.join(required)}; found: {', '.join(self.header) or 'none'}.",
                file=self.file,
                where="row 1",
                fix=f"Add the missing column (other columns such as {optional} are optional "
                "and extra columns are ignored), or re-export with all fields.",
            )


def read_table(text: str, file: str) -> Table:
    """Parse CSV text; the delimiter (`,`, `;` or tab) is taken from the header line."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(
            f"is not valid CSV: {exc}.",
            file=file,
            where=f"row {start}",
            fix="Check the quotes on that line (a quote inside a value must be doubled), "
            "or re-export the file from the tracker.",
        ) from None
    if not rows:
        raise InputError(
            "is empty.", file=file, fix="Export the backlog again; the file has no rows."
        )
    (_, header), records = rows[0], rows[1:]
    columns: dict[str, list[int]] = {}
    for index, name in enumerate(header):
        columns.setdefault(column_id(name), []).append(index)
    return Table(
        file=file,
        header=tuple(name.strip().lstrip("\ufeff") for name in header),
        records=tuple(Record(line, tuple(cells), columns) for line, cells in records),
    )
