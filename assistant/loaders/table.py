"""CSV exports as a header plus records that remember their line and repeated columns.

Jira writes one column per sprint, component or link, all with the same name, so a
DictReader would keep only the last of each; records here give every value of a name.
Column names match case-insensitively because users re-save exports from spreadsheets.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assistant.errors import InputError
from assistant.loaders.date_order import DateColumns
from assistant.loaders.limits import current_limits, field_too_long, too_many_rows
from assistant.loaders.values import fold

Getter = Callable[[list[str]], str]
Every = Callable[[list[str]], list[str]]


def column_id(name: str) -> str:
    return fold(name.strip().lstrip("\ufeff"))


class _Columns(dict[tuple[str, ...], tuple[int, ...]]):
    """Column indexes by the names a format module asks for, resolved once per file.

    Format modules ask for the same dozen names on every row; folding them at every cell
    made parsing 30 times slower than the CSV module itself. A lookup of several names
    gives their indexes in the order of the names (for `get`); `every` sorts them.
    """

    def __init__(self, header: list[str]) -> None:
        super().__init__()
        self.by_id: dict[str, list[int]] = {}
        for index, name in enumerate(header):
            self.by_id.setdefault(column_id(name), []).append(index)
        self.sorted: dict[tuple[str, ...], tuple[int, ...]] = {}

    def __missing__(self, names: tuple[str, ...]) -> tuple[int, ...]:
        found = tuple(i for name in names for i in self.by_id.get(column_id(name), ()))
        self[names] = found
        self.sorted[names] = tuple(sorted(found))
        return found


class Record:
    """One data row; `line` is the 1-based line it starts on (the header is line 1).

    `cells` are stripped, and padded to the header's width when the row is shorter. A plain
    slotted class: one is built per row, and a frozen dataclass costs twice as much to build.
    """

    __slots__ = ("cells", "columns", "line")

    def __init__(self, line: int, cells: list[str], columns: _Columns) -> None:
        self.line = line
        self.cells = cells
        self.columns = columns

    def __repr__(self) -> str:
        return f"Record(line={self.line}, cells={self.cells!r})"

    def get(self, *names: str) -> str:
        """The first non-empty value among the columns named, in the order of the names."""
        cells = self.cells
        for index in self.columns[names]:
            if value := cells[index]:
                return value
        return ""

    def every(self, *names: str) -> list[str]:
        """Every non-empty value of every column with one of these names, left to right."""
        columns, cells = self.columns, self.cells
        if names not in columns:
            columns[names]  # resolves and caches both orders
        return [value for i in columns.sorted[names] if (value := cells[i])]


@dataclass(frozen=True)
class Table:
    """A CSV export read: its header, its records with their line numbers, how its columns
    are found, and what reading its dates had to assume (`warnings`)."""

    file: str
    header: tuple[str, ...]
    records: tuple[Record, ...]
    columns: _Columns = field(repr=False, compare=False)
    language: str | None = None  # the context's, for dates such as 08/11/2016
    warnings: list[str] = field(default_factory=list, repr=False, compare=False)

    def date_columns(self, getters: dict[str, Getter]) -> DateColumns:
        """The day/month order of the date columns `getters` read, under their names.

        What it had to assume lands in `warnings`, for the backlog's.
        """
        return DateColumns(self.file, self.records, getters, self.language, self.warnings)

    def getter(self, *names: str) -> Getter:
        """`Record.get(*names)` as a function of a row's cells, the columns resolved now.

        Format modules build their getters once per file, so a row costs an index each.
        """
        indexes = self.columns[names]
        if not indexes:
            return _nothing
        if len(indexes) == 1:
            return operator.itemgetter(indexes[0])  # cells are stripped and padded

        def first(cells: list[str]) -> str:
            for index in indexes:
                if value := cells[index]:
                    return value
            return ""

        return first

    def collector(self, *names: str) -> Every:
        """`Record.every(*names)` as a function of a row's cells."""
        self.columns[names]  # resolves and caches both orders
        indexes = self.columns.sorted[names]
        return lambda cells: [value for index in indexes if (value := cells[index])]

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


def read_table(text: str, file: str, language: str | None = None) -> Table:
    """Parse CSV text; the delimiter (`,`, `;` or tab) is taken from the header line.

    `language` is the context's, to read dates that a column leaves undecided (date_order).

    Rows are read one at a time and counted, so a file past `max_rows_per_file` is refused
    as soon as the limit is passed, and a cell past `max_field_chars` before it is built.
    """
    limits = current_limits()
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    append, most = rows.append, limits.max_rows_per_file + 1  # the header, then the data rows
    start = 1
    previous = csv.field_size_limit(limits.max_field_chars)
    try:
        for cells in reader:
            stripped = list(map(str.strip, cells))
            if any(stripped):
                if len(rows) == most:
                    raise too_many_rows(file, limits.max_rows_per_file)
                append((start, stripped))
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field limit" in str(exc):
            header = rows[0][1] if rows else None
            where = _long_cell(text, start, delimiter, limits.max_field_chars, header)
            raise field_too_long(file, where, limits.max_field_chars) from None
        raise InputError(
            f"is not valid CSV: {exc}.",
            file=file,
            where=f"row {start}",
            fix="Check the quotes on that line (a quote inside a value must be doubled), "
            "or re-export the file from the tracker.",
        ) from None
    finally:
        csv.field_size_limit(previous)
    if not rows:
        raise InputError(
            "is empty.", file=file, fix="Export the backlog again; the file has no rows."
        )
    (_, header), records = rows[0], rows[1:]
    columns = _Columns(header)
    width = len(header)
    for _, cells in records:
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
    return Table(
        file=file,
        header=tuple(name.lstrip("\ufeff") for name in header),
        records=tuple(Record(line, cells, columns) for line, cells in records),
        columns=columns,
        language=language,
    )


def _nothing(cells: list[str]) -> str:
    return ""


def _lines(text: str) -> Iterator[str]:
    """The text's lines, ends kept, one at a time (no copy of the whole text).

    A file with bare carriage returns (old Mac line ends) goes through StringIO, which splits
    on those too; it holds the text four bytes a character, so only for such files.
    """
    if text.count("\r") != text.count("\r\n"):
        yield from io.StringIO(text, newline="")
        return
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start) + 1 or end
        yield text[start:stop]
        start = stop


def _long_cell(text: str, line: int, delimiter: str, limit: int, header: list[str] | None) -> str:
    """`row N, column 'X'` for the first cell longer than `limit` in the row starting at `line`.

    The CSV module only says that some field is too long; this re-reads that one row, by
    hand and no further than the long cell, to name its column.
    """
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return f"row {line}"
    column, length, quoted, position = 0, 0, False, offset
    while position < len(text) and length <= limit:
        char = text[position]
        if char == '"' and (quoted or length == 0):
            if quoted and text.startswith('""', position):
                length += 1
                position += 1
            else:
                quoted = not quoted
        elif char == delimiter and not quoted:
            column, length = column + 1, 0
        elif char in "\r\n" and not quoted:
            return f"row {line}"
        else:
            length += 1
        position += 1
    if header is None:
        return f"row {line} (the header), column {column + 1}"
    name = header[column].strip() if column < len(header) else ""
    return f"row {line}, column {name!r}" if name else f"row {line}, column {column + 1}"
