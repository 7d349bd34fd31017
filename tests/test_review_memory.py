"""Memory per client, through the CLI: a correction in a confirmed reading is remembered by its
workspace (when, by whom), used by its later readings without a file (`reader: memory`),
listed and removable; another workspace never sees it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from tests.conftest import SEED, ok, run_cli

UNMATCHED = "Le chantier Atlas a {n} semaines de retard.\n"  # a code name no title holds
ON_TRACK = "Migration : on a 3 sprints de retard sur la migration, comme annoncé au comité.\n"


def _workspace(name: str) -> None:
    ok("init", name)
    files = [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv"]
    ok("ingest", name, "--no-embed", *map(str, files))


def _status(tmp_path: Path, text: str) -> Path:
    path = tmp_path / f"status-{abs(hash(text))}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _brief(name: str, status: Path, *extra: str) -> dict:
    return json.loads(
        ok("brief", name, "--status", str(status), "--as-of", "2026-11-20", "--format", "json",
           *extra)
    )  # fmt: skip


def _correct(tmp_path: Path, name: str, status: Path, **changes: dict) -> dict:
    path = tmp_path / "reading.yaml"
    ok("read", name, "--status", str(status), "--as-of", "2026-11-20", "--out", str(path))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for claim in data["claims"]:
        claim.update(changes.get(claim["id"], {}))
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return _brief(name, status, "--reading", str(path))


def test_a_phrase_tied_to_an_item_once_is_read_without_the_file_next_time(
    home: Path, tmp_path: Path
) -> None:
    _workspace("fintrak")
    _workspace("other")
    first = _status(tmp_path, UNMATCHED.format(n=2))
    assert _brief("fintrak", first)["impacts"] == []  # read as to confirm
    corrected = _correct(tmp_path, "fintrak", first, c1={"kind": "slip", "item": "SEC-300"})
    assert [i["item"] for i in corrected["impacts"]] == ["SEC-300"]
    listed = ok("memory", "fintrak")
    assert '"Le chantier Atlas" is SEC-300' in listed and "run " in listed
    later = _status(tmp_path, UNMATCHED.format(n=3))
    brief = _brief("fintrak", later)  # no reading file
    assert [(i["item"], i["delay_weeks"]) for i in brief["impacts"]] == [("SEC-300", 3)]
    assert brief["reading"][0]["reader"] == "memory"
    assert "SEC-300" in ok("read", "fintrak", "--status", str(later), "--as-of", "2026-11-20")
    elsewhere = _brief("other", later)
    assert elsewhere["impacts"] == [] and elsewhere["reading"][0]["reader"] == "rules"
    assert "remembers no correction" in ok("memory", "other")


def test_a_phrase_marked_not_a_slip_stays_out_of_the_figures(home: Path, tmp_path: Path) -> None:
    _workspace("fintrak")
    status = _status(tmp_path, ON_TRACK)
    assert _brief("fintrak", status)["total_cost"] == 270000
    assert _correct(tmp_path, "fintrak", status, c1={"kind": "not_a_slip"})["total_cost"] == 0
    again = _brief("fintrak", status)
    assert again["total_cost"] == 0 and again["reading"][0]["reader"] == "memory"
    assert "is not a slip" in ok("memory", "fintrak")


def test_a_removed_correction_is_no_longer_used(home: Path, tmp_path: Path) -> None:
    _workspace("fintrak")
    first = _status(tmp_path, UNMATCHED.format(n=2))
    _correct(tmp_path, "fintrak", first, c1={"kind": "slip", "item": "SEC-300"})
    number = ok("memory", "fintrak").split()[0]
    assert "Forgot correction" in ok("memory", "fintrak", "--remove", number)
    assert _brief("fintrak", _status(tmp_path, UNMATCHED.format(n=3)))["impacts"] == []
    missing = run_cli("memory", "fintrak", "--remove", "999")
    assert missing.exit_code == 2 and "no correction 999" in missing.stderr
