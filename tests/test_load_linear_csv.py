"""Linear CSV exports: teams, estimates, cycles, parents and blocked-by columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.domain import StatusCategory
from assistant.errors import InputError
from assistant.loaders import load_backlog

DATA = Path(__file__).parent / "data" / "backlog"


@pytest.fixture(scope="module")
def offline():
    return load_backlog([DATA / "linear_export.csv"])


def test_linear_export_is_detected_and_every_row_loaded(offline) -> None:
    assert offline.formats == ("linear-csv",)
    assert list(offline.items) == ["MOB-20", "MOB-21", "MOB-22", "MOB-23", "API-5"]


def test_linear_team_column_is_the_team_and_estimate_the_points(offline) -> None:
    assert offline.items["MOB-22"].team == "Mobile"
    assert offline.items["API-5"].team == "Backend"
    assert offline.items["MOB-22"].points == 5


def test_linear_cycle_name_or_number_is_the_sprint(offline) -> None:
    assert offline.items["MOB-21"].sprint == "Cycle 14"
    assert offline.items["MOB-22"].sprint == "Cycle 15"  # only the cycle number was exported
    assert offline.items["API-5"].sprint is None


def test_linear_parent_issue_is_the_parent(offline) -> None:
    assert [child.key for child in offline.children("MOB-20")] == ["MOB-21", "MOB-22", "MOB-23"]


def test_linear_blocked_by_list_is_split_and_mirrored_on_the_blockers(offline) -> None:
    assert offline.items["MOB-22"].blocked_by == ("API-5", "MOB-21")
    assert offline.items["API-5"].blocks == ("MOB-22",)
    assert offline.items["MOB-21"].blocks == ("MOB-22",)


def test_linear_related_to_is_not_a_dependency(offline) -> None:
    assert "MOB-23" not in offline.items["MOB-22"].blocked_by


def test_linear_completed_or_canceled_date_means_done(offline) -> None:
    assert offline.items["MOB-21"].resolved == dt.date(2026, 5, 12)
    assert offline.items["MOB-23"].category is StatusCategory.DONE
    assert offline.items["MOB-23"].status == "Canceled"
    assert offline.items["MOB-22"].start == dt.date(2026, 5, 19)


def test_linear_formula_guard_quote_is_removed_from_titles(tmp_path: Path) -> None:
    path = tmp_path / "linear.csv"
    path.write_text("ID,Team,Title,Status\nENG-1,Core,'=SUM is not a formula,Todo\n")
    assert load_backlog([path]).items["ENG-1"].title == "=SUM is not a formula"


def test_linear_negative_estimate_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "linear.csv"
    path.write_text("ID,Team,Title,Estimate\nENG-1,Core,Login,-2\n", encoding="utf-8")
    with pytest.raises(InputError, match="points should be greater") as caught:
        load_backlog([path])
    assert caught.value.where == "row 2, ENG-1" and caught.value.file == str(path)


def test_older_linear_export_with_id_spelled_id_is_still_linear(tmp_path: Path) -> None:
    path = tmp_path / "linear.csv"
    path.write_text("Id,Team,Title,Status,Estimate\nENG-1,Core,Login,Done,2\n", encoding="utf-8")
    backlog = load_backlog([path])
    assert backlog.formats == ("linear-csv",) and backlog.items["ENG-1"].team == "Core"
