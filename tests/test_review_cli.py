"""Confirming the reading from the command line: `steerco read` shows the claims and writes
them as YAML; the CTO edits it; `steerco brief --reading` computes from what was confirmed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED, ok, run_cli

STATUS = (
    "Point hebdo : on a 3 sprints de retard sur la migration.\n"
    "Le chantier conformité prend du retard, on ne sait pas encore de combien.\n"
)
ONE_SHOT = ("--context", str(SEED / "context.yaml"), "--goals", str(SEED / "goals.yaml"),
            "--backlog", str(SEED / "backlog.csv"))  # fmt: skip


def _status(tmp_path: Path) -> Path:
    path = tmp_path / "status.txt"
    path.write_text(STATUS, encoding="utf-8")
    return path


def _read(tmp_path: Path, *where: str) -> tuple[str, Path, dict]:
    out = tmp_path / "reading.yaml"
    shown = ok("read", *where, "--status", str(_status(tmp_path)), "--as-of", "2026-11-20",
               "--out", str(out))  # fmt: skip
    return shown, out, yaml.safe_load(out.read_text(encoding="utf-8"))


def _edit(path: Path, data: dict, **changes: dict) -> None:
    for claim in data["claims"]:
        claim.update(changes.get(claim["id"], {}))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _brief(tmp_path: Path, *where: str, reading: Path | None = None) -> dict:
    extra = ("--reading", str(reading)) if reading else ()
    return json.loads(
        ok("brief", *where, "--status", str(tmp_path / "status.txt"), "--as-of", "2026-11-20",
           "--format", "json", *extra)
    )  # fmt: skip


def _claim(brief: dict, claim_id: str) -> dict:
    return next(c for c in brief["reading"] if c["id"] == claim_id)


def test_read_shows_the_claims_and_writes_the_yaml_to_edit(tmp_path: Path) -> None:
    shown, _, data = _read(tmp_path, *ONE_SHOT)
    assert "MIG-100" in shown and "to_confirm" in shown and "on a 3 sprints" in shown
    first, second = data["claims"]
    assert first == {"id": "c1", "quote": "on a 3 sprints de retard sur la migration",
                     "kind": "slip", "item": "MIG-100", "weeks": 6.0}  # fmt: skip
    assert second["kind"] == "to_confirm" and second["weeks"] is None


def test_a_to_confirm_claim_given_item_and_weeks_becomes_a_priced_slip(
    home: Path, tmp_path: Path
) -> None:
    ok("init", "fintrak")
    files = [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv"]
    ok("ingest", "fintrak", "--no-embed", *map(str, files))
    _, path, data = _read(tmp_path, "fintrak")
    before = _brief(tmp_path, "fintrak")
    assert [i["item"] for i in before["impacts"]] == ["MIG-100"]
    _edit(path, data, c2={"kind": "slip", "item": "SEC-300", "weeks": 3})
    after = _brief(tmp_path, "fintrak", reading=path)
    assert sorted(i["item"] for i in after["impacts"]) == ["MIG-100", "SEC-300"]
    sec = next(i for i in after["impacts"] if i["item"] == "SEC-300")
    assert sec["delay_weeks"] == 3
    assert next(g for g in after["goals"] if g["goal"] == "G2")["shift_weeks"] == 3
    assert after["total_cost"] > before["total_cost"]
    assert _claim(after, "c2")["reader"] == "cto" and _claim(after, "c2")["kind"] == "slip"
    assert _claim(after, "c1")["reader"] == "rules"  # left as read


def test_a_claim_marked_not_a_slip_leaves_the_figures(tmp_path: Path) -> None:
    _, path, data = _read(tmp_path, *ONE_SHOT)
    _edit(path, data, c1={"kind": "not_a_slip"})
    after = _brief(tmp_path, *ONE_SHOT, reading=path)
    assert after["impacts"] == [] and after["total_cost"] == 0
    assert _claim(after, "c1")["reader"] == "cto"
    assert _claim(after, "c1")["kind"] == "not_a_slip"
    assert all(g["shift_weeks"] == 0 for g in after["goals"])


def test_changed_weeks_reprice_the_slip(tmp_path: Path) -> None:
    _, path, data = _read(tmp_path, *ONE_SHOT)
    _edit(path, data, c1={"weeks": 2})
    after = _brief(tmp_path, *ONE_SHOT, reading=path)
    assert after["impacts"][0]["delay_weeks"] == 2
    assert next(g for g in after["goals"] if g["goal"] == "G1")["shift_weeks"] == 2


def test_an_unchanged_reading_gives_the_same_figures(tmp_path: Path) -> None:
    _, path, _ = _read(tmp_path, *ONE_SHOT)
    plain, confirmed = _brief(tmp_path, *ONE_SHOT), _brief(tmp_path, *ONE_SHOT, reading=path)
    assert confirmed["total_cost"] == plain["total_cost"] == 270000
    assert all(c["reader"] == "rules" for c in confirmed["reading"])


def _refused(tmp_path: Path, path: Path) -> str:
    result = run_cli("brief", *ONE_SHOT, "--status", str(tmp_path / "status.txt"),
                     "--as-of", "2026-11-20", "--reading", str(path))  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr and "Fix:" in result.stderr
    return result.stderr


def test_a_bad_reading_file_is_one_paragraph_naming_file_claim_and_fix(tmp_path: Path) -> None:
    _, path, data = _read(tmp_path, *ONE_SHOT)
    quote = data["claims"][1]["quote"]
    _edit(path, data, c2={"kind": "slipped"})
    error = _refused(tmp_path, path)
    assert str(path) in error and "claim c2" in error and "slipped" in error
    assert "not_a_slip" in error  # what was expected
    _edit(path, data, c2={"kind": "slip", "wekks": 3})
    assert "wekks: not a field of a claim" in _refused(tmp_path, path)
    del data["claims"][1]["wekks"]
    _edit(path, data, c2={"kind": "slip", "item": "NOPE-1", "weeks": 2})
    assert "claim c2" in _refused(tmp_path, path) and "NOPE-1" in _refused(tmp_path, path)
    _edit(path, data, c2={"kind": "slip", "item": "SEC-300", "weeks": None})
    assert "needs an item and a delay" in _refused(tmp_path, path)
    _edit(path, data, c2={"kind": "to_confirm", "item": None, "quote": "autre chose"})
    assert "another status" in _refused(tmp_path, path)
    data["claims"].append({"id": "c9", "quote": "x", "kind": "slip"})
    _edit(path, data, c2={"quote": quote})
    assert "no claim c9" in _refused(tmp_path, path)
    path.write_text("claims: [unclosed\n", encoding="utf-8")
    assert "not valid YAML" in _refused(tmp_path, path)
    path.write_text("claims:\n- &a {id: c1}\n- *a\n", encoding="utf-8")
    assert str(path) in _refused(tmp_path, path)


def test_repricing_one_of_two_slips_in_the_same_words_changes_only_that_one(
    tmp_path: Path,
) -> None:
    status = tmp_path / "status.txt"
    status.write_text(
        "On a 2 semaines de retard sur la migration. "
        "La rotation automatique des secrets a 2 semaines de retard.\n",
        encoding="utf-8",
    )
    path = tmp_path / "reading.yaml"
    ok("read", *ONE_SHOT, "--status", str(status), "--as-of", "2026-11-20", "--out", str(path))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [c["item"] for c in data["claims"]] == ["MIG-100", "SEC-302"]
    _edit(path, data, c2={"weeks": 5})
    after = _brief(tmp_path, *ONE_SHOT, reading=path)
    weeks = {i["item"]: i["delay_weeks"] for i in after["impacts"]}
    assert weeks == {"MIG-100": 2, "SEC-302": 5}
    assert not any("twice" in w for w in after["warnings"])


# --- `brief --review`: the same confirmation, asked on a terminal -----------------------------

REVIEWED = (
    "On a 3 sprints de retard sur la migration. La bascule a 2 semaines de retard. "
    "Le chantier conformité prend du retard. Le portail X a 3 semaines de retard."
)


def _on_a_terminal(*args: str, answers: str) -> tuple[int, str, str]:
    """`steerco ARGS` in a child process whose standard input is a pseudo-terminal, the CTO's
    answers typed into it; standard output and error are pipes (the brief can be redirected)."""
    import os
    import subprocess
    import sys

    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    child = subprocess.Popen(
        [sys.executable, "-c", "from assistant.cli import main; main()", *args],
        stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env,
    )  # fmt: skip
    os.close(slave)
    try:
        os.write(master, answers.encode("utf-8"))
        out, err = child.communicate(timeout=300)  # a guard against a hung prompt, not a bound
    finally:
        child.kill()
        os.close(master)
    return child.returncode, out.decode("utf-8"), " ".join(err.decode("utf-8").split())


def _fintrak() -> None:
    ok("init", "fintrak")
    ok("ingest", "fintrak", "--no-embed", *(str(SEED / n) for n in ("context.yaml", "goals.yaml",
                                                                    "backlog.csv")))  # fmt: skip


def test_review_on_a_terminal_asks_each_claim_to_confirm_and_the_brief_follows_the_answers(
    home: Path,
) -> None:
    _fintrak()
    # c2 ambiguous: candidate 2, the weeks read; c3 no figure: a wrong key, then candidate 1,
    # a wrong delay, then 3,5 weeks; c4 no item: not a slip
    code, out, err = _on_a_terminal(
        "brief", "fintrak", "--text", REVIEWED, "--review", "--format", "json",
        "--as-of", "2026-11-20", answers="2\n\nzz\n1\n0\n3,5\nn\n",
    )  # fmt: skip
    assert code == 0, err
    assert "« La bascule a 2 semaines de retard »" in err
    assert "1 MIG-103 Bascule des services de lecture 2 MIG-104" in err  # the candidates
    assert "Retard en semaines (2)" in err  # the weeks read, the default
    assert "« zz » n'est ni un numéro de la liste ni une clé du backlog" in err
    assert "Écrivez un retard en semaines" in err
    brief = json.loads(out)
    weeks = {i["item"]: i["delay_weeks"] for i in brief["impacts"]}
    assert weeks == {"MIG-100": 6, "MIG-104": 2, "SEC-300": 3.5}
    kinds = {c["id"]: (c["kind"], c["item"], c["reader"]) for c in brief["reading"]}
    assert kinds == {"c1": ("slip", "MIG-100", "rules"), "c2": ("slip", "MIG-104", "cto"),
                     "c3": ("slip", "SEC-300", "cto"), "c4": ("not_a_slip", None, "cto")}  # fmt: skip
    assert next(g for g in brief["goals"] if g["goal"] == "G2")["shift_weeks"] == 3.5
    # learned by the workspace as a --reading file teaches it: the next status is read alone
    remembered = ok("memory", "fintrak")
    assert '"La bascule" is MIG-104' in remembered and "is not a slip" in remembered
    again = json.loads(
        ok("brief", "fintrak", "--text", "La bascule a 1 semaine de retard.", "--format", "json",
           "--as-of", "2026-11-27")
    )  # fmt: skip
    assert [(i["item"], i["delay_weeks"]) for i in again["impacts"]] == [("MIG-104", 1)]
    assert again["reading"][0]["reader"] == "memory"


def test_review_of_a_one_shot_brief_asks_in_the_briefs_language_and_takes_a_typed_key(
    tmp_path: Path,
) -> None:
    code, out, err = _on_a_terminal(
        "brief", *ONE_SHOT, "--text", REVIEWED, "--review", "--lang", "en", "--as-of",
        "2026-11-20", "--out", str(tmp_path / "brief.md"), answers="mig-103\n4\n\n\n",
    )  # fmt: skip
    assert code == 0, err
    assert "Points to confirm before the brief: 3" in err and "Candidates:" in err
    assert "Delay in weeks (2)" in err and "c2: MIG-103, +4 wk (confirmed)" in err
    assert "c3: left as read" in err and "c4: left as read" in err
    assert "Points à confirmer" not in err and out == ""
    brief = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert brief.startswith("# ") and "4 weeks" in brief
    assert "2 points to confirm" in brief  # the two left as read are still to confirm


def test_review_without_a_terminal_exits_2_and_points_to_read_then_reading(home: Path) -> None:
    _fintrak()
    result = run_cli("brief", "fintrak", "--text", REVIEWED, "--review", input="1\n3\n")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    error = " ".join(result.stderr.split())
    assert "--review asks its questions on a terminal, and standard input is not one" in error
    assert "steerco read fintrak --status FILE --out reading.yaml" in error
    assert "steerco brief fintrak --status FILE --reading reading.yaml" in error
    assert ok("history", "fintrak").startswith("No brief yet")  # nothing was kept


def test_review_refuses_a_reading_file_or_a_status_on_standard_input(tmp_path: Path) -> None:
    both = run_cli("brief", *ONE_SHOT, "--text", STATUS, "--review",
                   "--reading", str(tmp_path / "r.yaml"))  # fmt: skip
    assert both.exit_code == 2 and "give --review or --reading, not both" in both.stderr
    piped = run_cli("brief", *ONE_SHOT, "--status", "-", "--review", input=STATUS)
    assert piped.exit_code == 2 and "the status cannot come from it" in piped.stderr


def test_review_stopped_with_ctrl_d_keeps_nothing(home: Path) -> None:
    _fintrak()
    code, out, err = _on_a_terminal("brief", "fintrak", "--text", REVIEWED, "--review",
                                    answers="2\n\x04")  # fmt: skip
    assert code == 1 and "Aborted!" in err and "Traceback" not in err and out == ""
    assert ok("history", "fintrak").startswith("No brief yet")
    assert "remembers no correction" in ok("memory", "fintrak")
