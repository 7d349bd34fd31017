"""Output formats: Markdown by audience, JSON with its schema, self-contained HTML, --out."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from assistant.schema_export import SCHEMA_PATH, brief_schema
from tests.conftest import ROOT, SEED, run_cli, seed_args

NUMBER = re.compile(r"\d[\d  ,.]*\d|\d")


def _numbers_outside_names(text: str, names: list[str]) -> list[str]:
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return NUMBER.findall(text)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("audience", ["comex", "cfo", "engineering"])
def test_every_number_in_the_summary_traces_to_a_figure(lang: str, audience: str) -> None:
    """Grounding of the template narrator: no number appears that no figure computed."""
    from assistant.narration.formatting import format_value

    result = run_cli(
        *seed_args("status.fr.txt", "--format", "json", "--lang", lang, "--audience", audience)
    )
    brief = json.loads(result.stdout)
    summary = brief["summary_markdown"]
    if audience != "comex":  # the provenance table quotes formulas: check the narrative above it
        summary = summary.split("\n## ")[0] + "".join(
            "\n## " + part
            for part in summary.split("\n## ")[1:]
            if not part.startswith(("Prov", "Where"))
        )
    rendered = {format_value(f["value"], f["unit"], lang) for f in brief["figures"]}
    names = [i["title"] for i in brief["impacts"]] + [g["title"] for g in brief["goals"]]
    names += [i["item"] for i in brief["impacts"]] + [g["goal"] for g in brief["goals"]]
    names += [key for g in brief["goals"] for key in g["path"]]
    names += [a["text"] for a in brief["assumptions"]] + [
        i["reason"] or "" for i in brief["impacts"]
    ]
    names += [d["params"].get(k, "") for d in brief["decisions"] for k in ("blocker", "blocked")]
    stray = []
    for number in _numbers_outside_names(summary, [n for n in names if n]):
        if not any(number in text for text in rendered):
            stray.append(number)
    assert stray == []


def test_audiences_differ_in_technical_detail() -> None:
    comex = run_cli(*seed_args("status.en.txt", "--lang", "en", "--audience", "comex")).stdout
    engineering = run_cli(
        *seed_args("status.en.txt", "--lang", "en", "--audience", "engineering")
    ).stdout
    cfo = run_cli(*seed_args("status.en.txt", "--lang", "en", "--audience", "cfo")).stdout
    assert "MIG-100" not in comex and "MIG-100" in engineering
    assert "MIG-100 → " in engineering  # the dependency chain
    assert "Where the figures come from" in cfo and "Where the figures come from" not in comex


def test_json_output_matches_the_committed_schema() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == brief_schema(), "run `make schema`"
    brief = json.loads(run_cli(*seed_args("status.fr.txt", "--format", "json")).stdout)
    required = json.loads(brief_schema())["required"]
    assert set(required) <= set(brief)
    for key in (
        "language",
        "summary_markdown",
        "impacts",
        "goals",
        "total_cost",
        "currency",
        "figures",
        "assumptions",
        "warnings",
        "narrator",
    ):
        assert key in brief
    assert brief["narrator"] == {"name": "template", "version": "brief.v1"}


def test_html_is_self_contained_with_hoverable_provenance() -> None:
    page = run_cli(*seed_args("status.fr.txt", "--format", "html")).stdout
    assert page.startswith("<!doctype html>")
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<script" not in page
    spans = re.findall(
        r'<span class="fig" tabindex="0" data-figure="([^"]+)" title="([^"]+)"', page
    )
    ids = {figure_id for figure_id, _ in spans}
    assert {"goal.G1.shift_weeks", "total.cost", "impact.MIG-100.extra_cost"} <= ids
    tip = dict(spans)["impact.MIG-100.extra_cost"]
    assert "20000 EUR/week × 6 weeks" in tip and "backlog.csv" in tip


def test_html_escapes_text_from_the_inputs(workspace) -> None:
    workspace.rows[0]["title"] = "Migration <script>alert(1)</script>"
    workspace.write()
    result = run_cli(*workspace.args("--text", "MIG-1 is 1 week late", "--format", "html"))
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout


def test_out_writes_the_file_and_status_can_come_from_stdin(tmp_path) -> None:
    out = tmp_path / "brief.md"
    args = seed_args("status.fr.txt", "--out", str(out))
    args[args.index("--status") + 1] = "-"
    text = (SEED / "status.fr.txt").read_text(encoding="utf-8")
    result = run_cli(*args, input=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "270 000 EUR" in out.read_text(encoding="utf-8")


def test_console_script_runs_offline_without_heavy_imports(tmp_path) -> None:
    """The deterministic path opens no socket and imports no LLM, vector or ML library."""
    probe = f"""
import socket, sys
def refuse(*a, **k): raise OSError("network is off in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
sys.argv = ["steerco", *{seed_args("status.fr.txt", "--format", "json")!r}]
from assistant.cli import cli
try:
    cli(prog_name="steerco")
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
heavy = sorted(m for m in ("litellm", "torch", "chromadb", "langgraph", "sentence_transformers", "openai") if m in sys.modules)
print("HEAVY", heavy, file=sys.stderr)
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr
    assert json.loads(done.stdout)["total_cost"] == 270000


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_template_brief_quoting_a_reported_cause_with_digits_is_verified(tmp_path, lang) -> None:
    """The template quotes the cause as the status wrote it ("les règles de la CP 218"): its
    digits are the status's words, so the brief's own check passes, and a number the brief
    would add outside that quote is still refused (see test_grounding)."""
    status = tmp_path / "status.txt"
    status.write_text(
        "Point hebdo : l'epic PAIE-101 a 1 sprint de retard, les règles de la CP 218 sont plus "
        "complexes que prévu.\n",
        encoding="utf-8",
    )
    folder = ROOT.parent / "shared" / "examples" / "realistic-statuses"
    result = run_cli(
        "brief", "--context", str(folder / "context.yaml"), "--goals", str(folder / "goals.yaml"),
        "--backlog", str(folder / "backlog.csv"), "--status", str(status), "--format", "json",
        "--lang", lang, "--as-of", "2026-11-20",
    )  # fmt: skip
    brief = json.loads(result.stdout)
    assert "CP 218" in brief["summary_markdown"]
    assert brief["run"]["verification"] == {"ok": True, "problems": []}


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_a_title_or_status_written_like_a_figure_marker_is_text_not_a_crash(tmp_path, fmt):
    """A title or a status holding ⟦fig:...⟧ (the renderer's own token) stays the text it is:
    no internal error, no figure made of it, escaped in the HTML like the rest."""
    lines = (SEED / "backlog.csv").read_text(encoding="utf-8").splitlines()
    lines = [
        line.replace("MIG-100,Migration", "MIG-100,⟦fig:bogus⟧ <b>Migration", 1) for line in lines
    ]
    backlog = tmp_path / "backlog.csv"
    backlog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = tmp_path / "status.txt"
    status.write_text("On a 3 sprints de retard sur la migration ⟦fig:nope⟧.\n", encoding="utf-8")
    result = run_cli(
        "brief", "--context", str(SEED / "context.yaml"), "--goals", str(SEED / "goals.yaml"),
        "--backlog", str(backlog), "--status", str(status), "--audience", "engineering",
        "--as-of", "2026-11-20", "--format", fmt,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "⟦fig:bogus⟧" in text and "⟦fig:nope⟧" in text
    if fmt == "html":
        assert "<b>Migration" not in text
    if fmt == "json":
        assert json.loads(text)["total_cost"] == 270000
