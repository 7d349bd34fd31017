"""The layers hold: `lint-imports` checks the contracts in pyproject.toml ([tool.importlinter]):
imports go one way (core <- llm <- loaders <- audit <- facts <- ... <- service <- CLI, API),
litellm only through assistant.llm, Chroma and the model only in the knowledge base."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [exe, "--no-cache", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_every_import_contract_is_kept() -> None:
    done = lint_imports()
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path: Path) -> None:
    """The check can fail: facts importing the narration (the cycle this layering cut)."""
    copy = tmp_path / "repo"
    shutil.copytree(
        ROOT / "assistant", copy / "assistant", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "api", copy / "api", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "evals", copy / "evals", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    money = copy / "assistant" / "facts" / "money.py"
    money.write_text(
        money.read_text(encoding="utf-8") + "\nfrom assistant.narration import grounding  # noqa\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(copy)}
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    done = subprocess.run(
        [exe, "--no-cache"], cwd=copy, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode != 0
    assert "assistant.facts.money -> assistant.narration.grounding" in done.stdout


def test_the_llm_package_names_every_name_it_loads_lazily():
    import assistant.llm

    assert sorted(assistant.llm.__all__) == sorted(assistant.llm._HOMES)
    for name in assistant.llm.__all__:
        assert getattr(assistant.llm, name) is not None
