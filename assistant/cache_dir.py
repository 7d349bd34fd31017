"""The user's private cache folder, where compiled templates and patterns are kept between
processes (a cold `steerco brief` then loads them instead of compiling them again).

A folder is used only when it belongs to the user and nobody else can write to it: the cache
holds code (template byte code, pattern programs), and a file planted by someone else would
run. Anything wrong (no home, not writable, someone else's folder) means no cache: the caller
compiles, as it would without one.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
from pathlib import Path
from typing import Any


def private_dir(path: Path) -> bool:
    """True if `path` is (now) a directory of this user that nobody else can write to."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and (not hasattr(os, "getuid") or info.st_uid == os.getuid())
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def user_cache_root() -> Path:
    """Where this user's caches go, as `platformdirs.user_cache_dir` says, without importing
    it on Linux and macOS (a twentieth of a cold brief): $XDG_CACHE_HOME or ~/.cache, and
    ~/Library/Caches on macOS."""
    return _user_root("XDG_CACHE_HOME", "~/.cache", "~/Library/Caches", "user_cache_dir")


def user_data_root() -> Path:
    """Where this user's data goes, as `platformdirs.user_data_dir` says, the same way:
    $XDG_DATA_HOME or ~/.local/share, and ~/Library/Application Support on macOS."""
    return _user_root(
        "XDG_DATA_HOME", "~/.local/share", "~/Library/Application Support", "user_data_dir"
    )


def _user_root(variable: str, unix: str, macos: str, platformdirs_name: str) -> Path:
    if sys.platform == "darwin":
        return Path(os.path.expanduser(macos))
    if sys.platform.startswith(("win", "cygwin")):
        import platformdirs

        return Path(getattr(platformdirs, platformdirs_name)(appauthor=False))
    configured = os.environ.get(variable, "")
    return Path(configured if configured.strip() else os.path.expanduser(unix))


def cache_folder(name: str) -> Path | None:
    """`<user cache>/steerco/<name>` if it is private to the user, else None."""
    try:
        folder = user_cache_root() / "steerco" / name
    except Exception:  # no home folder
        return None
    return folder if private_dir(folder) else None


def read_kept(path: Path) -> Any:
    """What `keep` wrote at `path`, or None when it is missing, truncated or foreign."""
    try:
        return marshal.loads(path.read_bytes())
    except Exception:  # missing, unreadable, not marshal: as if nothing were kept
        return None


def keep(path: Path, data: Any) -> None:
    """Write `data` (plain values: marshal) at `path`, readable by this user only, atomically
    (a concurrent process reads the old file or the new one); nothing on failure."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(marshal.dumps(data))
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except (OSError, ValueError):  # unwritable, or a value marshal cannot keep (a date)
        with contextlib.suppress(OSError):
            temporary.unlink()
