"""What the board was told: every kept brief records the dates it announced per goal; a later
brief says where a goal stands against them, and the history lists them (through the CLI)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED, by_id, ok

STATUS = "Point hebdo plateforme : on a {n} de retard sur la migration.\n"
DATES = ("2026-11-03", "2026-11-17", "2026-12-01")


def _workspace(name: str = "fintrak") -> None:
    ok("init", name)
    files = [SEED / "context.yaml", SEED / "goals.yaml", SEED / "backlog.csv"]
    ok("ingest", name, "--no-embed", *map(str, files))


def _brief(tmp_path: Path, sprints: str, day: str, *extra: str, name: str = "fintrak") -> str:
    status = tmp_path / f"status-{day}.txt"
    status.write_text(STATUS.format(n=sprints), encoding="utf-8")
    return ok("brief", name, "--status", str(status), "--as-of", day, *extra)


def test_third_brief_says_third_postponement_since_first_announcement(
    home: Path, tmp_path: Path
) -> None:
    _workspace()
    first = _brief(tmp_path, "1 sprint", DATES[0])  # G1: 1 March -> 15 March 2027
    assert "postponement" not in first.lower() and "report :" not in first
    second = _brief(tmp_path, "2 sprints", DATES[1], "--lang", "en")  # -> 29 March
    assert "Second postponement: +2 weeks since the announcement of 3 November 2026" in second
    third = json.loads(
        _brief(tmp_path, "4 sprints", DATES[2], "--format", "json")  # -> 26 April, in French
    )
    assert by_id(third["goals"], "goal", "G1")["shift_weeks"] == 8
    text = third["summary_markdown"]
    assert "Troisième report : +6 semaines depuis l'annonce du 3 novembre 2026" in text
    assert "date alors annoncée : 15 mars 2027" in text
    weeks = by_id(third["figures"], "id", "announced.G1.weeks_since_first")
    assert weeks["value"] == 6 and "2027-04-26 - 2027-03-15" in weeks["formula"]
    assert by_id(third["figures"], "id", "announced.G1.postponements")["value"] == 3
    assert third["run"]["verification"]["ok"], third["run"]["verification"]
    assert "G2" not in json.dumps([f["id"] for f in third["figures"] if "announced" in f["id"]])


def test_history_lists_the_announced_dates_per_goal(home: Path, tmp_path: Path) -> None:
    _workspace()
    for sprints, day in zip(("1 sprint", "2 sprints", "4 sprints"), DATES, strict=True):
        _brief(tmp_path, sprints, day)
    out = ok("history", "fintrak")
    assert "G1: 2026-11-03: 2027-03-15, 2026-11-17: 2027-03-29, 2026-12-01: 2027-04-26" in out
    assert "G2: 2026-11-03: 2027-06-30, 2026-11-17: 2027-06-30, 2026-12-01: 2027-06-30" in out
    entries = json.loads(ok("history", "fintrak", "--format", "json"))
    assert [e["announced"]["G1"] for e in entries] == ["2027-03-15", "2027-03-29", "2027-04-26"]


def test_a_date_that_does_not_move_later_says_nothing_new(home: Path, tmp_path: Path) -> None:
    _workspace()
    _brief(tmp_path, "2 sprints", DATES[0])
    same = _brief(tmp_path, "2 sprints", DATES[1], "--lang", "en")
    less = _brief(tmp_path, "1 sprint", DATES[2], "--lang", "en")
    assert "postponement" not in same and "postponement" not in less


def test_another_workspace_has_its_own_announcements(home: Path, tmp_path: Path) -> None:
    _workspace()
    _workspace("other")
    _brief(tmp_path, "1 sprint", DATES[0])
    fresh = _brief(tmp_path, "2 sprints", DATES[1], "--lang", "en", name="other")
    assert "postponement" not in fresh


def test_the_api_lists_the_announced_dates_per_goal(home: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assistant.settings import Settings

    _workspace()
    _brief(tmp_path, "1 sprint", DATES[0])
    _brief(tmp_path, "2 sprints", DATES[1])
    client = TestClient(create_app(Settings(home=home)), base_url="http://127.0.0.1")
    told = client.get("/v1/workspaces/fintrak/announced").json()
    assert [(d["status_date"], d["announced"]) for d in told["G1"]] == [
        ("2026-11-03", "2027-03-15"),
        ("2026-11-17", "2027-03-29"),
    ]
    assert client.get("/v1/workspaces/nowhere/announced").status_code == 404
    page = client.get("/w/fintrak?lang=en").text  # the web history table
    assert "Dates announced" in page and "G1 2027-03-29" in page and "G1 2027-03-15" in page
