"""Uploaded files saved where ingest can read them, under their own names (no path parts)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fastapi import UploadFile


def save_uploads(files: Sequence[UploadFile], folder: Path) -> list[Path]:
    paths = []
    for upload in files:
        path = folder / (Path(upload.filename or "upload").name or "upload")
        path.write_bytes(upload.file.read())
        paths.append(path)
    return paths
