"""Locating the files shipped with the product: prompts/ and knowledge/.

From a source checkout they sit at the repository root; a wheel carries them under
`assistant/_data/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Steerco's {name}/ folder is missing from the installation.")
