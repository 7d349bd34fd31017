"""Uploaded files saved where ingest can read them, under their own names (no path parts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile

from assistant.errors import InputError


def save_uploads(files: Sequence[UploadFile], folder: Path) -> list[Path]:
    """Two files of one name would overwrite each other (a workspace keys sources by file name):
    refused, before anything is written."""
    names = [Path(upload.filename or "upload").name or "upload" for upload in files]
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
