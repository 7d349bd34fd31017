"""Steerco's own regular expressions, compiled once per machine instead of once per process.

The reader's patterns are compiled from the lexicons and some are thousands of characters
long: parsing and compiling them was a fifth of a cold `steerco brief`. `compile` keeps the
program CPython's `re` makes of a pattern (the list of opcodes `_sre` runs) in the user's
private cache folder (`assistant.cache_dir`), keyed by the Python build, and the next process
builds the same pattern object from it without parsing anything.

Only patterns written in Steerco's code or compiled from its lexicons go through here: a
pattern built from client text (item titles, a status) is compiled with `re` and never
stored, so no client's words reach the cache. Nothing is trusted blindly: an entry is stored
only after the pattern object rebuilt from it compares equal (same pattern, flags and program)
to the one `re.compile` made; the file is read only from a folder nobody else can write to;
anything unexpected (another Python, a corrupt or foreign file, a private API that moved)
means `re.compile`, as without a cache.
"""

from __future__ import annotations

import atexit
import re
import sys
from pathlib import Path
from typing import Any

try:  # CPython's engine; elsewhere there is no cache, only re.compile
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - not CPython
    _ENGINE = ""

MAX_ENTRIES = 500  # past this (stale entries of older code) the file restarts from this process's
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]

_stored: dict[tuple[str, int], _Entry] | None = None  # read on first use
_used: dict[tuple[str, int], _Entry] = {}
_missed = False
_file: Path | None = None


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, from the cache when this machine compiled it before."""
    global _missed
    if not _ENGINE:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    entry = _entries().get(key)
    if entry is not None:
        try:
            compiled = _sre.compile(pattern, *entry)
        except Exception:  # a foreign or damaged entry: compile it
            compiled = None
        if compiled is not None:
            _used[key] = entry
            return compiled
    compiled = re.compile(pattern, flags)
    entry = _program(pattern, int(flags))
    if entry is not None and _rebuilds(pattern, entry, compiled):
        _used[key] = entry
        if not _missed and _file is not None:
            atexit.register(_save)
        _missed = True
    return compiled


def _program(pattern: str, flags: int) -> _Entry | None:
    """What `re._compiler.compile` passes to `_sre.compile`, computed the same way."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # plain ints: the opcodes are int subclasses, which marshal does not store
        final = int(flags | parsed.state.flags)
        return (
            final,
            [int(op) for op in code],
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception:  # the private API moved: no entry, re.compile serves
        return None


def _rebuilds(pattern: str, entry: _Entry, compiled: re.Pattern[str]) -> bool:
    """True if the entry gives back exactly `compiled` (Pattern equality compares the
    pattern, the flags and the program) with the same groups."""
    try:
        again = _sre.compile(pattern, *entry)
    except Exception:
        return False
    return again == compiled and again.groupindex == compiled.groupindex


def _entries() -> dict[tuple[str, int], _Entry]:
    global _stored, _file
    if _stored is None:
        _stored = {}
        from assistant.cache_dir import cache_folder, read_kept

        folder = cache_folder("patterns")
        if folder is not None:
            import hashlib

            tag = hashlib.sha256(_ENGINE.encode()).hexdigest()[:16]
            _file = folder / f"{tag}.marshal"
            data = read_kept(_file)  # None when missing, truncated or foreign: start empty
            if isinstance(data, dict) and data.get("engine") == _ENGINE:
                _stored = data["entries"]
    return _stored


def _save() -> None:
    """Write the entries back (atomically: a concurrent process reads the old file or the
    new one) when this process compiled patterns the file did not have."""
    from assistant.cache_dir import keep

    if _file is None:
        return
    entries = dict(_stored or {})
    if len(entries) + len(_used) > MAX_ENTRIES:
        entries = {}
    entries.update(_used)
    keep(_file, {"engine": _ENGINE, "entries": entries})
