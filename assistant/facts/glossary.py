"""The tech glossary: synonyms for matching, plain words for executives.

`knowledge/glossary.yaml` is data: each entry names a term in each language it has (French and
English today), its aliases, and a one-line explanation a COMEX can read. Loading is the only I/O here and is cached.
"""

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, PrivateAttr, ValidationError, model_validator

import assistant.patterns as cached_re
from assistant.domain import Frozen
from assistant.errors import InputError
from assistant.facts.language import fold
from assistant.lang import registry
from assistant.localized import Localized, localized
from assistant.resources import resource_dir
from assistant.yaml_safe import load_resource_yaml, load_yaml


class GlossaryEntry(Frozen):
    """A term in every language it is written in. knowledge/glossary.yaml writes, for each
    language code `xx` of the registry, `xx` (the term), `aliases_xx` and `plain_xx`; in
    memory each is one value by language."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    names: Localized = Field(description="The term by language.")
    aliases: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Other ways to write it, by language."
    )
    explanations: Localized = Field(
        description="By language: one line a non-technical executive understands."
    )
    jargon: bool = Field(default=True, description="False for everyday words kept for matching.")

    @model_validator(mode="before")
    @classmethod
    def _by_language(cls, data: Any) -> Any:
        """`fr: ..., aliases_fr: [...], plain_fr: ...` (as the file is written) become `names`,
        `aliases` and `explanations`, for every language the registry reads."""
        if not isinstance(data, dict) or "names" in data:
            return data
        data = dict(data)
        names, aliases, explanations = {}, {}, {}
        for code in registry.READ:
            if code in data:
                names[code] = data.pop(code)
            if f"aliases_{code}" in data:
                aliases[code] = data.pop(f"aliases_{code}") or ()
            if f"plain_{code}" in data:
                explanations[code] = data.pop(f"plain_{code}")
        return {**data, "names": names, "aliases": aliases, "explanations": explanations}

    @model_validator(mode="after")
    def _explained_where_named(self) -> "GlossaryEntry":
        if not self.names:
            raise ValueError(f"name the term in one of: {', '.join(registry.READ)}")
        for code in (*self.names, *self.explanations):
            if code not in self.names or code not in self.explanations:
                raise MissingLanguage(code, "plain" if code in self.names else "")
        return self

    def terms(self, language: str | None = None) -> tuple[str, ...]:
        """The words naming this entry in `language`, or in every language if None (or if
        the entry does not name it in `language`)."""
        languages = [language] if language in self.names else list(self.names)
        words = [w for code in languages for w in (self.names[code], *self.aliases.get(code, ()))]
        return tuple(dict.fromkeys(words))

    def name(self, language: str) -> str:
        return localized(self.names, language)

    def plain(self, language: str) -> str:
        return localized(self.explanations, language)


class MissingLanguage(ValueError):
    """A language named but not explained, or explained but not named: `field` is the key the
    file lacks (`plain_fr`, or `fr`)."""

    def __init__(self, code: str, prefix: str) -> None:
        self.field = f"{prefix}_{code}" if prefix else code
        super().__init__(f"{self.field} is missing: each language that names the term explains it")


def _normal(term: str) -> str:
    return " ".join(re.split(r"[\s-]+", fold(term).strip()))


class Glossary(Frozen):
    entries: tuple[GlossaryEntry, ...]
    _shipped: bool = PrivateAttr(default=False)  # Steerco's own knowledge/glossary.yaml

    @model_validator(mode="after")
    def _unique_ids(self) -> "Glossary":
        ids = [entry.id for entry in self.entries]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate glossary ids: {', '.join(duplicates)}")
        return self

    def get(self, entry_id: str) -> GlossaryEntry | None:
        return next((entry for entry in self.entries if entry.id == entry_id), None)

    def synonyms(self) -> dict[str, str]:
        """Every folded term of every entry, every language, mapped to its entry id."""
        return {_normal(term): entry.id for entry in self.entries for term in entry.terms()}

    @cached_property
    def _finders(self) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
        """One compiled pattern per language ('' for both), each built on first use: a brief
        in one language never pays for the patterns of the others."""
        return {}

    def _finder(self, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
        if language not in self._finders:
            lookup = {
                _normal(term): entry.id
                for entry in self.entries
                for term in entry.terms(language or None)
            }
            alternation = "|".join(
                re.escape(term).replace(r"\ ", r"[\s-]+")
                for term in sorted(lookup, key=len, reverse=True)
            )
            # the shipped glossary's patterns are kept between processes; a client's never
            compile_pattern = cached_re.compile if self._shipped else re.compile
            pattern = compile_pattern(rf"(?<!\w)(?:{alternation})(?:s|x|es)?(?!\w)")
            self._finders[language] = (pattern, lookup)
        return self._finders[language]

    def find_terms(
        self, text: str, language: str | None = None, *, jargon_only: bool = True
    ) -> list[GlossaryEntry]:
        """Entries named in `text` (whole words, any case or accents), first occurrence first.

        `language` limits the search to that language's terms and aliases; None searches all.
        """
        pattern, lookup = self._finder(language or "")
        found: dict[str, GlossaryEntry] = {}
        for match in pattern.finditer(fold(text)):
            term = _normal(match.group(0))
            entry_id = lookup.get(term) or lookup.get(term[:-1]) or lookup.get(term[:-2])
            entry = self.get(entry_id) if entry_id else None
            if entry and (entry.jargon or not jargon_only):
                found.setdefault(entry.id, entry)
        return list(found.values())


def default_glossary_path() -> Path:
    """The repository's `knowledge/glossary.yaml`, or the copy packaged in the wheel."""
    try:
        return resource_dir("knowledge") / "glossary.yaml"
    except FileNotFoundError:  # reported by load_glossary as an unreadable file
        return Path(__file__).resolve().parents[2] / "knowledge" / "glossary.yaml"


def load_glossary(path: str | Path | None = None) -> Glossary:
    """The glossary at `path` (default: `default_glossary_path()`), read once per path."""
    return _load(Path(path or default_glossary_path()).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Glossary:
    fix = "give the path of a YAML list of {id, fr, en, plain_fr, plain_en} entries"
    fix += " (any language code of the registry: xx, plain_xx, aliases_xx)"
    shipped = path == default_glossary_path().resolve()
    try:
        if shipped:  # parsed once per machine (a client's glossary never is)
            raw = load_resource_yaml(path)
        else:
            raw = load_yaml(path.read_text(encoding="utf-8"), file=str(path), fast=True)
    except OSError as error:
        message = f"cannot read the glossary: {error.strerror}"
        raise InputError(message, file=str(path), fix=fix) from error
    except yaml.YAMLError as error:
        message = f"the glossary is not valid YAML: {error}"
        raise InputError(message, file=str(path), fix=fix) from error
    if not isinstance(raw, list):
        raise InputError("the glossary must be a list of entries", file=str(path), fix=fix)
    try:
        glossary = Glossary(entries=tuple(raw))
    except ValidationError as error:
        first = error.errors()[0]
        loc = first["loc"][1:]
        where = f"entry {int(loc[0]) + 1}" if loc and isinstance(loc[0], int) else "entries"
        if len(loc) > 1:
            where += f", field {loc[1]}"
        elif isinstance(missing := first.get("ctx", {}).get("error"), MissingLanguage):
            where += f", field {missing.field}"
        message = first["msg"].removeprefix("Value error, ")
        raise InputError(message, file=str(path), where=where, fix=fix) from None
    glossary._shipped = shipped
    return glossary


def find_terms(
    text: str, language: str | None = None, *, glossary: Glossary | None = None
) -> list[GlossaryEntry]:
    """The jargon entries of the default glossary (or `glossary`) named in `text`."""
    return (glossary or load_glossary()).find_terms(text, language)
