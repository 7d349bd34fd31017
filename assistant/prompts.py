"""The jinja2 environment for prompts and narrative templates: strict, one per folder.

Compiled templates are kept in a byte-code cache in the user's private cache folder
(`assistant.cache_dir`: a cold `steerco brief` then loads its templates instead of compiling
them); anything wrong with it (not writable, missing, a stale or corrupt file) falls back
silently to compiling the template.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

import assistant.patterns as cached_re
from assistant import resources
from assistant.cache_dir import cache_folder
from assistant.errors import ConfigError
from assistant.yaml_safe import load_resource_yaml

_OPTIONS = {"undefined": jinja2.StrictUndefined, "keep_trailing_newline": True}
# Folders of a language's files shipped outside Steerco (`add_folder`), after the shipped one.
_ADDED: list[Path] = []


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """FileSystemBytecodeCache that never fails a render: an unreadable or unwritable entry
    only means the template is compiled this time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(autoescape: bool) -> jinja2.BytecodeCache | None:
    """A cache keyed by jinja2's version and this environment's options (the same template
    compiles differently with autoescape), or None when no private folder is available."""
    folder = cache_folder("jinja")
    if folder is None:
        return None
    options = (
        f"jinja2 {jinja2.__version__}|autoescape={autoescape}|StrictUndefined|keep_trailing_newline"
    )
    tag = hashlib.sha256(options.encode()).hexdigest()[:16]
    return _QuietCache(str(folder), f"{tag}-%s.cache")


def add_folder(folder: str | os.PathLike[str]) -> None:
    """Also look for prompts and phrases in `folder`: a language's phrases.<lang>.v1.yaml and
    templates kept outside Steerco (`assistant.lang.register(lexicon, prompts=folder)`). The
    shipped folder is searched first, so an added folder adds files and never replaces one;
    its templates are as strict as the shipped ones."""
    path = Path(folder).resolve()
    if not path.is_dir():
        raise ConfigError(
            f"The prompts folder {path} of a registered language does not exist.",
            fix="pass the folder that holds its phrases.<lang>.v1.yaml and brief.<lang>.v1.md.j2",
        )
    if path not in _ADDED:
        _ADDED.append(path)
        environment.cache_clear()
        phrases.cache_clear()
        appendix_headings.cache_clear()


def folders() -> list[Path]:
    """Where prompts are looked for, in order: the shipped folder, then those added."""
    return [resources.resource_dir("prompts"), *_ADDED]


def find(name: str) -> Path | None:
    """The first file called `name` in `folders()`, or None."""
    return next((f / name for f in folders() if (f / name).is_file()), None)


@cache
def environment(autoescape: bool = False) -> jinja2.Environment:
    """Templates refuse unknown variables (StrictUndefined) so a typo fails loudly in tests."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders()),
        autoescape=autoescape,
        bytecode_cache=_bytecode_cache(autoescape),
        **_OPTIONS,
    )


def render(name: str, *, autoescape: bool = False, **variables: Any) -> str:
    return environment(autoescape).get_template(name).render(**variables)


@cache
def phrases(language: str, version: int = 1) -> dict[str, dict[str, str]]:
    """Localized one-line templates and labels from phrases.<lang>.v<N>.yaml (in `folders()`)."""
    name = f"phrases.{language}.v{version}.yaml"
    path = find(name) or resources.resource_dir("prompts") / name  # missing: FileNotFoundError
    return load_resource_yaml(path)


@cache
def _phrase_template(text: str) -> jinja2.Template:
    """Compiled when first used, not all at load; through the byte-code cache too."""
    env = environment(False)
    store = env.bytecode_cache
    if store is None:
        return env.from_string(text)
    bucket = store.get_bucket(env, f"phrase|{text}", None, text)
    if bucket.code is None:
        bucket.code = env.compile(text)
        store.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


@cache
def appendix_headings(section: str, languages: tuple[str, ...]) -> re.Pattern[str]:
    """`^## <heading>` for the appendices (engine-made lists, left out of a grounding check)
    that `section.appendix_headings` names in each of `languages` with phrases: looked up once
    per section and set of languages, not at every check. No heading: a pattern that never
    matches, every section narrates."""
    heads = [
        heading
        for code in languages
        if find(f"phrases.{code}.v1.yaml")
        for heading in phrases(code)[section].get("appendix_headings", ())
    ]
    if not heads:
        return cached_re.compile("(?!)")
    return cached_re.compile("^## (" + "|".join(map(re.escape, heads)) + r")\b", re.MULTILINE)


def phrase(language: str, section: str, key: str, /, **params: Any) -> str:
    table = phrases(language)[section]
    text = table.get(key) or table[key.split(".", 1)[0]]
    return _phrase_template(text).render(**params)
