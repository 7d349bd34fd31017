"""The one registry of languages: those Steerco reads (and writes briefs in), and those it
only recognises so that it can say so instead of reading nothing."""

from __future__ import annotations

from importlib import import_module

from assistant.lang.lexicon import Lexicon

READ: tuple[str, ...] = ("fr", "en")  # statuses read and briefs written; first is the default
SPOKEN: dict[str, str] = {"fr": "French", "en": "English"}
# Recognised but not read: marker words only (assistant/lang/foreign.py).
UNSUPPORTED: tuple[str, ...] = ("de", "nl", "es", "it")

_LOADED: dict[str, Lexicon] = {}


def lexicon(code: str) -> Lexicon:
    """The lexicon of `code`, from assistant/lang/<code>.py (or foreign.py)."""
    if code not in _LOADED:
        if code in READ:
            _LOADED[code] = import_module(f"assistant.lang.{code}").LEXICON
        else:
            _LOADED[code] = import_module("assistant.lang.foreign").LEXICONS[code]
    return _LOADED[code]
