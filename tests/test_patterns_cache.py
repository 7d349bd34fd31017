"""The reader's compiled patterns are kept between processes, in a private folder, without a
client's words, and a bad cache never changes or fails a brief."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "transvia"
MARKER = "Zorblaxquix"  # a word of the client's, nowhere in Steerco


def _brief(cache_home: Path, status: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
    args = [
        *("--context", EXAMPLE / "context.yaml", "--goals", EXAMPLE / "goals.yaml"),
        *("--backlog", EXAMPLE / "backlog.csv", "--as-of", "2026-11-20"),
        *("--status", status or EXAMPLE / "status.fr.txt", "--format", "json"),
    ]
    code = "import sys; from assistant.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, "brief", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip


def _probe(cache_home: Path) -> str:
    """Which of the reader's patterns a fresh process finds in the cache."""
    code = (
        "import assistant.patterns as p, assistant.facts.durations as d;"
        "print(p._missed, len(p._used), d._QTY.search('2 semaines de retard') is not None)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def cache_home(tmp_path):
    return tmp_path / "cache"


def _content(out: str) -> dict:
    """The brief's JSON without what differs in every run (its id and time)."""
    brief = json.loads(out)
    brief["run"].pop("run_id"), brief["run"].pop("created_at")
    return brief


def _files(cache_home: Path) -> list[Path]:
    folder = cache_home / "steerco" / "patterns"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_second_process_reads_the_patterns_the_first_compiled(cache_home):
    first = _probe(cache_home)
    assert first.startswith("True ")  # compiled, then stored
    stored = _files(cache_home)
    assert stored and all(path.stat().st_mode & 0o077 == 0 for path in stored)
    missed, used, matched = _probe(cache_home).split()
    assert (missed, matched) == ("False", "True") and int(used) > 0


def test_the_brief_is_the_same_with_or_without_the_cache(cache_home):
    cold = _brief(cache_home)
    warm = _brief(cache_home)  # every pattern from the cache
    assert cold.returncode == warm.returncode == 0, cold.stderr + warm.stderr
    assert _files(cache_home)
    assert _content(warm.stdout) == _content(cold.stdout)


def test_a_clients_words_never_reach_the_cache(cache_home, tmp_path):
    status = tmp_path / "status.txt"
    status.write_text(f"Le chantier {MARKER} a 3 semaines de retard à cause de {MARKER}.\n")
    done = _brief(cache_home, status)
    assert done.returncode == 0, done.stderr
    stored = b"".join(path.read_bytes() for path in _files(cache_home))
    assert stored and MARKER.lower().encode() not in stored.lower()


def test_a_corrupt_cache_file_is_compiled_again(cache_home):
    expected = _brief(cache_home).stdout
    for path in _files(cache_home):
        path.write_bytes(b"\xe3 not what marshal wrote")
    again = _brief(cache_home)
    assert again.returncode == 0, again.stderr
    assert _content(again.stdout) == _content(expected)
    assert _probe(cache_home).startswith("False ")  # the file was written anew


def test_a_folder_others_can_write_to_is_not_used(cache_home):
    folder = cache_home / "steerco" / "patterns"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o777)
    assert _probe(cache_home).startswith("True ")
    assert _probe(cache_home).startswith("True ")  # nothing was read or written
    assert _files(cache_home) == []


def _python(cache_home: Path, code: str) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _cached_bytes(cache_home: Path) -> bytes:
    folder = cache_home / "steerco"
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_a_clients_own_glossary_is_neither_parsed_into_nor_compiled_into_the_cache(
    cache_home, tmp_path
):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(
        f"- id: {MARKER.lower()}\n  fr: {MARKER}\n  en: {MARKER}\n"
        f"  plain_fr: Le moteur {MARKER}.\n  plain_en: The {MARKER} engine.\n  jargon: true\n"
    )
    found = _python(
        cache_home,
        "from assistant.facts.glossary import load_glossary;"
        f"g = load_glossary({str(glossary)!r});"
        f"print([e.id for e in g.find_terms('Le {MARKER} est en retard')]);"
        "print(len(load_glossary().find_terms('Le SSO est en retard', 'fr')))",
    )
    assert found.splitlines()[0] == f"['{MARKER.lower()}']"
    stored = _cached_bytes(cache_home)
    assert (cache_home / "steerco" / "yaml").is_dir()  # the shipped glossary was kept
    assert MARKER.lower().encode() not in stored.lower()


def test_the_shipped_glossary_is_read_back_from_the_cache_and_reparsed_when_damaged(cache_home):
    code = (
        "from assistant.facts.glossary import load_glossary;"
        "g = load_glossary(); print(len(g.entries), [e.id for e in g.find_terms('SSO', 'en')])"
    )
    first = _python(cache_home, code)
    kept = sorted((cache_home / "steerco" / "yaml").iterdir())
    assert kept
    assert _python(cache_home, code) == first
    for path in kept:
        path.write_bytes(b"not marshal at all")
    assert _python(cache_home, code) == first


def test_a_second_brief_compiles_no_pattern_whatever_the_hash_seed(cache_home):
    """A pattern built from a set in its iteration order would differ in every process (the
    hash seed changes it), miss the cache each time and rewrite the file on every run."""
    code = (
        "import atexit, sys; import assistant.patterns as p;"
        "atexit.register(lambda: print('missed', p._missed, file=sys.stderr));"
        "from assistant.cli import main; sys.exit(main())"
    )
    args = [
        *("brief", "--context", EXAMPLE / "context.yaml", "--goals", EXAMPLE / "goals.yaml"),
        *("--backlog", EXAMPLE / "backlog.csv", "--status", EXAMPLE / "status.fr.txt"),
        *("--as-of", "2026-11-20"),
    ]
    said = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
        env["PYTHONHASHSEED"] = seed
        done = subprocess.run(
            [sys.executable, "-c", code, *map(str, args)],
            capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        said.append(done.stderr.strip().splitlines()[-1])
    assert said == ["missed True", "missed False", "missed False"]
