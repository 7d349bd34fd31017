"""YAML bombs are refused (issue 9, point 7): anchors and aliases in any YAML Steerco reads.

Nine lines of nested aliases stand for 9^9 strings; a 571-byte goals.yaml drove a server to
15 GB and a 586-byte hand-written audit took 95 s. Each bomb is run in a child process with
its address space capped, so that on a Steerco that expands aliases the test fails (out of
memory, or past its timeout) instead of taking the machine down.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT, Workspace, run_cli

LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)
BOMB_GOALS = LAUGHS + (
    "goals:\n  - id: G1\n    title: Launch\n    deadline: *i\n"
    "    cost_of_delay_per_week: 1000\n    depends_on: [MIG-1]\n"
)
BOMB_AUDIT = LAUGHS + (
    "findings:\n  - id: A1\n    title: Cloud bill +40%\n    category: cost\n"
    "    severity: high\n    effort_days: *i\n"
)

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time, tracemalloc
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    sys.path.insert(0, {root!r})
    from click.testing import CliRunner
    from assistant.cli import cli
    CliRunner().invoke(cli, {args!r})  # once for the lazy imports, which are not measured
    tracemalloc.start()
    start = time.perf_counter()
    result = CliRunner().invoke(cli, {args!r})
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    print(json.dumps({{"exit": result.exit_code, "seconds": seconds, "peak": peak,
                      "output": result.output}}))
    """
)


def _run_capped(args: list[str], env: dict[str, str] | None = None) -> dict:
    code = _CHILD.format(root=str(ROOT), args=args)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, env=env
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the YAML bomb was still being read after 30 s")
    assert done.returncode == 0, f"the child died (out of memory?): {done.stderr[-2000:]}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def _refused_quickly(outcome: dict, file: str) -> str:
    output = outcome["output"]
    assert outcome["exit"] == 2, output
    assert "Traceback" not in output
    assert file in output and "line 1" in output
    assert "anchor" in output and "Fix:" in output
    assert outcome["seconds"] < 2, outcome["seconds"]  # the issue asks for 0.5 s: generous
    assert outcome["peak"] < 3_000_000, outcome["peak"]  # a few MB
    return output


def test_billion_laughs_goals_are_refused_in_a_one_shot_brief(workspace: Workspace) -> None:
    bomb = workspace.root / "goals.yaml"
    bomb.write_text(BOMB_GOALS, encoding="utf-8")
    assert len(BOMB_GOALS.encode()) < 700
    outcome = _run_capped(workspace.args("--text", "MIG-1 is 2 weeks late"))
    _refused_quickly(outcome, "goals.yaml")


def test_hand_written_audit_bomb_is_refused(workspace: Workspace) -> None:
    bomb = workspace.root / "audit.yaml"
    bomb.write_text(BOMB_AUDIT, encoding="utf-8")
    assert len(BOMB_AUDIT.encode()) < 700
    args = workspace.args("--text", "MIG-1 is 2 weeks late", "--findings", str(bomb))
    _refused_quickly(_run_capped(args), "audit.yaml")


def test_yaml_bomb_is_refused_at_ingest(home: Path, tmp_path: Path) -> None:
    assert run_cli("init", "acme").exit_code == 0
    bomb = tmp_path / "goals.yaml"
    bomb.write_text(BOMB_GOALS, encoding="utf-8")
    outcome = _run_capped(["ingest", "acme", str(bomb), "--no-embed"], env=dict(os.environ))
    _refused_quickly(outcome, "goals.yaml")


# The same refusal, in process, for every other YAML reader (no bomb: one alias is enough).

ALIASED_CONTEXT = (
    "company: Acme\nteams:\n  - &platform {name: Platform, people: 5, day_rate: 800}\n"
    "  - *platform\n"
)


def _alias_refused(stderr: str, file: str, line: int) -> None:
    assert stderr.startswith("steerco: error: ")
    assert f"{file}, line {line}:" in stderr
    assert "anchors and aliases" in stderr and "Fix: Write the repeated values out" in stderr


def test_context_with_an_alias_is_refused(workspace: Workspace) -> None:
    (workspace.root / "context.yaml").write_text(ALIASED_CONTEXT, encoding="utf-8")
    result = run_cli(*workspace.args("--text", "MIG-1 is 2 weeks late"))
    assert result.exit_code == 2, result.output
    _alias_refused(result.stderr, "context.yaml", 3)


def test_goals_with_a_merge_key_alias_are_refused(workspace: Workspace) -> None:
    (workspace.root / "goals.yaml").write_text(
        "- id: G1\n  title: Launch\n  cost_of_delay_per_week: 1000\n  depends_on: [MIG-1]\n"
        "- <<: {title: Other, cost_of_delay_per_week: 5}\n  id: G2\n"
        "- {id: G3, title: Third, cost_of_delay_per_week: &cod 7}\n"
        "- {id: G4, title: Fourth, cost_of_delay_per_week: *cod}\n",
        encoding="utf-8",
    )
    result = run_cli(*workspace.args("--text", "MIG-1 is 2 weeks late"))
    assert result.exit_code == 2, result.output
    _alias_refused(result.stderr, "goals.yaml", 7)  # a merge key without alias is plain YAML


def test_a_glossary_with_an_alias_is_refused(tmp_path: Path) -> None:
    from assistant.errors import InputError
    from assistant.knowledge.glossary import load_glossary

    path = tmp_path / "glossary.yaml"
    path.write_text(
        "- &m {id: migration, fr: [migration], en: [migration]}\n- *m\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="anchor") as caught:
        load_glossary(path)
    assert caught.value.file == str(path) and caught.value.where == "line 1"


def test_yaml_without_aliases_still_reads_the_same(workspace: Workspace) -> None:
    """Plain YAML (flow and block style, a merge key with an inline mapping) is unchanged."""
    (workspace.root / "goals.yaml").write_text(
        "goals:\n  - <<: {owner: CEO}\n    id: G1\n    title: {fr: Lancement, en: Launch}\n"
        "    cost_of_delay_per_week: 25000\n    depends_on: [PAY-1]\n",
        encoding="utf-8",
    )
    brief = workspace.brief("PAY-1 is 2 weeks late")
    assert [(g["goal"], g["shift_weeks"]) for g in brief["goals"]] == [("G1", 2)]
