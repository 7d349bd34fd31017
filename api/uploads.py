"""Uploaded files saved where ingest can read them, under their own names (no path parts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from fastapi import UploadFile

from assistant.errors import InputError

MAX_NAME_BYTES = 200  # leaves room under the 255-byte limit for the atomic writer's temp name


def upload_name(raw: str | None) -> str:
    """The file's own name, without any folder a client put in front of it. Refused: names
    that are no file name (`.`, `..`), too long for the disk, or holding control characters."""
    if not raw:
        return "upload"
    name = PurePosixPath(raw.replace("\\", "/")).name
    shown = raw[:60] + ("..." if len(raw) > 60 else "")
    if name in ("", ".", ".."):
        raise InputError(
            f"an uploaded file is named {shown!r}, which is no file name.",
            fix="upload the export under its own name, e.g. jira.csv.",
        )
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise InputError(
            f"an uploaded file's name is {len(name.encode('utf-8'))} bytes long "
            f"(at most {MAX_NAME_BYTES}): {shown!r}.",
            fix="rename the file to something shorter before uploading it.",
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InputError(
            f"an uploaded file's name holds control characters: {shown!r}.",
            fix="rename the file with letters, digits, '-', '_' and '.' only.",
        )
    return name


def save_uploads(files: Sequence[UploadFile], folder: Path) -> list[Path]:
    """Two files of one name would overwrite each other (a workspace keys sources by file name):
    refused, before anything is written."""
    names = [upload_name(upload.filename) for upload in files]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise InputError(
            f"several uploaded files are named {', '.join(twice)}.",
            fix="rename them: a workspace knows each export by its file name.",
        )
    paths = []
    for upload, name in zip(files, names, strict=True):
        path = folder / name
        path.write_bytes(upload.file.read())
        paths.append(path)
    return paths
