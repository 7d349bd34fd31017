"""The one registry of languages: those Steerco reads (and writes briefs in), and those it
only recognises so that it can say so instead of reading nothing."""

from __future__ import annotations

import os
from importlib import import_module
from typing import Any, Literal

from assistant.lang.lexicon import Lexicon

# Statuses read and briefs written; the first is the default. A list, extended in place by
# `register`, so every module that imported it sees a language registered at start-up.
READ: list[str] = ["fr", "en"]
SPOKEN: dict[str, str] = {"fr": "French", "en": "English"}
# Recognised but not read: marker words only (assistant/lang/foreign.py).
UNSUPPORTED: list[str] = ["de", "nl", "es", "it"]

_LOADED: dict[str, Lexicon] = {}


def lexicon(code: str) -> Lexicon:
    """The lexicon of `code`, from assistant/lang/<code>.py (or foreign.py)."""
    if code not in _LOADED:
        if code in READ:
            _LOADED[code] = import_module(f"assistant.lang.{code}").LEXICON
        else:
            _LOADED[code] = import_module("assistant.lang.foreign").LEXICONS[code]
    return _LOADED[code]


def register(lex: Lexicon, *, prompts: str | os.PathLike[str] | None = None) -> None:
    """Read `lex`'s language too. Call it before the reader's modules are imported (their
    patterns compile at import): a lexicon module plus this call is all the reader needs.
    `prompts`: a folder with the language's phrases and templates when Steerco's prompts/
    does not hold them (`assistant.prompts.add_folder`); briefs are then written in it too."""
    if prompts is not None:
        from assistant.prompts import add_folder  # jinja2 only for a language that writes

        add_folder(prompts)
    _LOADED[lex.code] = lex
    if lex.code not in READ:
        READ.append(lex.code)
    SPOKEN[lex.code] = lex.name
    if lex.code in UNSUPPORTED:
        UNSUPPORTED.remove(lex.code)


def language_type() -> Any:
    """`Literal` of the languages read, for pydantic fields (and so the JSON schemas and the
    API's choices): taken when the model's module is imported, so register a language first."""
    return Literal[tuple(READ)]  # type: ignore[valid-type]


def worded() -> list[str]:
    """The languages read that have their phrases (prompts/phrases.<code>.v1.yaml): those a
    roadmap and the audit's risks are worded in, in the registry's order."""
    from assistant.resources import resource_dir

    prompts = resource_dir("prompts")
    return [code for code in READ if (prompts / f"phrases.{code}.v1.yaml").is_file()]


def described(codes: list[str] | None = None) -> str:
    """The languages as a person reads them: "fr (French), en (English)"."""
    return ", ".join(f"{code} ({SPOKEN.get(code, code)})" for code in codes or READ)
