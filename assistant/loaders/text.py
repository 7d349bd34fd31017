"""Reading user files as text, whatever tool saved them.

Exports come from Excel on Windows (cp1252, UTF-8 with a BOM, sometimes UTF-16) as often as
from a tracker; decoding is the first thing that goes wrong, so it fails with the fix.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from assistant.errors import InputError

_SAVE_AS_UTF8 = "Save the file as UTF-8 (in Excel: File > Save As > CSV UTF-8) and try again."


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or cp1252."""
    path = Path(path)
    file = str(path)
    if path.is_dir():
        raise InputError("is a directory, not a file.", file=file, fix="Give the path of a file.")
    if not path.exists():
        raise InputError(
            "file not found.", file=file, fix="Check the path and the current directory."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot be read ({exc.strerror or exc}).",
            file=file,
            fix="Check the file's permissions.",
        ) from None
    return decode(data, file)


def decode(data: bytes, file: str) -> str:
    """Text from raw bytes; binary content (a workbook, a zip) is refused, not mis-read."""
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            "is a zip archive or an Excel workbook, not a text file.",
            file=file,
            fix="Export it as CSV (or JSON) and give that file instead.",
        )
    text = _decode(data, file)
    if "\x00" in text:
        raise InputError(
            "contains NUL bytes: it looks like a binary file, not text.",
            file=file,
            fix="Export the data as CSV, JSON or YAML text. " + _SAVE_AS_UTF8,
        )
    return text


def _decode(data: bytes, file: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            failure = exc
    offset = failure.start
    line = data[:offset].count(b"\n") + 1
    raise InputError(
        f"is not readable text: byte 0x{data[offset]:02x} is neither UTF-8 nor Windows-1252.",
        file=file,
        where=f"line {line}",
        fix=_SAVE_AS_UTF8,
    )
