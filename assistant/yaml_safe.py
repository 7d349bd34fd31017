"""The one way Steerco reads YAML: safe tags only, and no anchors or aliases.

An alias (`*name`) repeats a node without repeating its text, so nine lines of nested
aliases ("billion laughs") stand for a billion strings: a 571-byte goals.yaml drove a
server to 15 GB, a 586-byte hand-written audit took 95 s. Nothing Steerco reads needs them
(context, goals, audits, glossary, keys, cases are short hand-written lists), so the composer
refuses the first anchor or alias it meets, before anything is built: the cost of reading a
file stays linear in its size. Every module that parses YAML goes through here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, NodeEvent

from assistant.cache_dir import cache_folder, keep, read_kept
from assistant.errors import InputError

ALIAS_FIX = (
    "Write the repeated values out in full (copy the block instead of marking it with "
    "&name and reusing it with *name or <<: *name)."
)


class AliasRefused(yaml.MarkedYAMLError):
    """An anchor or alias was found; `problem_mark` is where."""


class _Composer:
    """Refuses anchored nodes and aliases as the event stream is composed into nodes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, NodeEvent) and event.anchor is not None:
            what = "an alias" if isinstance(event, AliasEvent) else "an anchor"
            sign = "*" if isinstance(event, AliasEvent) else "&"
            raise AliasRefused(
                problem=f"it uses {what} ({sign}{event.anchor[:40]})",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)  # type: ignore[misc]


class SafeLoader(_Composer, yaml.SafeLoader):
    """PyYAML's SafeLoader without anchors or aliases (pure Python; used when PyYAML has no
    libyaml)."""


if hasattr(yaml, "CSafeLoader"):
    from yaml._yaml import CParser
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.resolver import Resolver

    class FastLoader(_Composer, Composer, CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml's parser (about 10x faster) feeding the same refusing composer."""

        def __init__(self, stream: Any) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml
    FastLoader = SafeLoader  # type: ignore[misc,assignment]


def alias_error(exc: AliasRefused, file: str) -> InputError:
    """The one-paragraph error for a refused anchor or alias."""
    mark = exc.problem_mark
    return InputError(
        f"{exc.problem}: Steerco does not accept YAML anchors and aliases, which let a few "
        "bytes expand into millions of values.",
        file=file,
        where=f"line {mark.line + 1}" if mark is not None else None,
        fix=ALIAS_FIX,
    )


def load_yaml(text: str, *, file: str, fast: bool = False) -> Any:
    """The document in `text` (None when empty), refusing anchors and aliases.

    Raises InputError for a refused alias; other YAML errors escape as `yaml.YAMLError` for
    the caller to word in its own terms. `fast` uses libyaml's parser when it is installed.
    """
    loader = (FastLoader if fast else SafeLoader)(text)
    try:
        return loader.get_single_data()
    except AliasRefused as exc:
        raise alias_error(exc, file) from None
    finally:
        loader.dispose()


def load_resource_yaml(path: Path) -> Any:
    """A YAML file Steerco ships (its glossary, phrases), parsed once per machine: the parsed
    data is kept in the user's private cache folder, keyed by the file's SHA-256 and PyYAML's
    version, so a cold process reads it back instead of parsing it (the glossary took a
    twentieth of a cold brief). Never for a client's file: their data stays out of caches.
    A missing, foreign or corrupt cache entry means parsing, as without a cache."""
    raw = path.read_bytes()
    tag = hashlib.sha256(raw + f"|pyyaml {yaml.__version__}".encode()).hexdigest()[:32]
    folder = cache_folder("yaml")
    entry = folder / f"{tag}.marshal" if folder is not None else None
    kept = read_kept(entry) if entry is not None else None
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == tag:
        return kept[1]
    data = load_yaml(raw.decode("utf-8"), file=str(path), fast=True)
    if entry is not None:
        keep(entry, (tag, data))
    return data
