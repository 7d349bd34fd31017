"""Compiled templates are kept in a private byte-code cache, and a bad cache never fails a brief."""

from __future__ import annotations

import os

import pytest
from jinja2.bccache import bc_magic

import assistant.prompts as prompts

NAME = "brief.en.v1.md.j2"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    prompts.environment.cache_clear()
    prompts._phrase_template.cache_clear()
    yield tmp_path / "steerco" / "jinja"
    prompts.environment.cache_clear()
    prompts._phrase_template.cache_clear()


def test_a_compiled_template_is_stored_and_loaded_by_the_next_process(cache_home):
    first = prompts.environment().get_template(NAME)
    stored = sorted(cache_home.iterdir())
    assert stored and all(path.stat().st_mode & 0o077 == 0 for path in stored)
    prompts.environment.cache_clear()  # as a new process would
    env = prompts.environment()
    source = env.loader.get_source(env, NAME)[0]
    bucket = env.bytecode_cache.get_bucket(env, NAME, env.loader.get_source(env, NAME)[1], source)
    assert bucket.code is not None
    assert _code(env.get_template(NAME)) == _code(first)


def test_the_escaping_environment_does_not_share_the_plain_ones_entries(cache_home):
    plain = prompts.environment(False).bytecode_cache.pattern
    escaping = prompts.environment(True).bytecode_cache.pattern
    assert plain != escaping


def test_a_phrase_renders_the_same_from_the_cache(cache_home):
    text = prompts.phrase("en", *_first_phrase_key("en"), **_params())
    prompts._phrase_template.cache_clear()
    assert prompts.phrase("en", *_first_phrase_key("en"), **_params()) == text
    assert any(cache_home.iterdir())


def test_a_folder_others_can_write_to_is_not_used(cache_home):
    cache_home.mkdir(parents=True)
    os.chmod(cache_home, 0o777)
    env = prompts.environment()
    assert env.bytecode_cache is None
    assert _code(env.get_template(NAME))


def test_a_corrupt_cache_file_falls_back_to_compiling(cache_home):
    expected = _code(prompts.environment().get_template(NAME))
    for path in cache_home.iterdir():
        path.write_bytes(bc_magic + b"not a pickle")  # right header, then garbage
    prompts.environment.cache_clear()
    assert _code(prompts.environment().get_template(NAME)) == expected


def test_a_cache_folder_that_cannot_be_made_leaves_no_cache(cache_home):
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("a file where the folder should be")
    env = prompts.environment()
    assert env.bytecode_cache is None
    assert _code(env.get_template(NAME))


def _code(template):
    return template.root_render_func.__code__.co_code


def _first_phrase_key(language):
    for section, table in prompts.phrases(language).items():
        for key, text in table.items():
            if "{{" not in text and "{%" not in text:
                return section, key
    raise AssertionError("no phrase without parameters")


def _params():
    return {}
