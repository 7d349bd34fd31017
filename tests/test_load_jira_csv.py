"""Jira CSV exports: repeated columns, Jira dates, numeric parents, links on either side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.domain import StatusCategory
from assistant.errors import InputError
from assistant.loaders import load_backlog

DATA = Path(__file__).parent / "data" / "backlog"
SEED = Path(__file__).resolve().parent / "data" / "instant-payments"


@pytest.fixture(scope="module")
def checkout():
    return load_backlog([DATA / "jira_export.csv"])


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_backlog_loads_eleven_items_with_the_migration_blocking_the_payment(
    tmp_path: Path,
) -> None:
    backlog = load_backlog([SEED / "backlog.csv"])
    assert backlog.formats == ("jira-csv",)
    assert len(backlog.items) == 11
    assert backlog.items["PAY-201"].blocked_by == ("MIG-104",)
    assert "PAY-201" in backlog.items["MIG-104"].blocks
    assert backlog.items["MIG-100"].is_epic
    assert [child.key for child in backlog.children("PAY-200")] == ["PAY-201", "PAY-202"]
    assert backlog.warnings == ()


def test_jira_csv_repeated_sprint_columns_keep_the_last_sprint(checkout) -> None:
    assert checkout.items["CHK-2"].sprint == "Sprint 12"
    assert checkout.items["CHK-4"].sprint == "Sprint 13"
    assert checkout.items["CHK-5"].sprint is None


def test_jira_csv_repeated_component_columns_are_all_kept(checkout) -> None:
    assert checkout.items["CHK-1"].components == ("Web", "Backend")
    assert checkout.items["CHK-4"].components == ("Backend", "Web")


def test_jira_csv_inward_blocks_columns_are_read_as_blocked_by(checkout) -> None:
    assert checkout.items["CHK-4"].blocked_by == ("CHK-3", "OPS-77")
    assert checkout.items["CHK-3"].blocks == ("CHK-4",)


def test_jira_csv_link_recorded_on_both_sides_is_not_duplicated(checkout) -> None:
    assert checkout.items["CHK-3"].blocked_by == ("CHK-2",)
    assert checkout.items["CHK-2"].blocks == ("CHK-3",)


def test_jira_csv_relates_links_are_not_dependencies(checkout) -> None:
    assert "CHK-5" not in checkout.items["CHK-3"].blocked_by + checkout.items["CHK-3"].blocks


def test_jira_csv_link_to_an_item_outside_the_export_is_kept_and_warned_once(checkout) -> None:
    assert "OPS-77" in checkout.items["CHK-4"].blocked_by
    assert checkout.warnings == (
        "1 link points to items in none of the exports (OPS-77); they are ignored.",
    )


def test_jira_csv_epic_link_and_numeric_parent_id_both_give_the_parent_key(checkout) -> None:
    assert checkout.items["CHK-3"].parent == "CHK-1"
    assert checkout.items["CHK-6"].parent == "CHK-3"  # Parent = 10003, the Issue id of CHK-3
    assert checkout.items["CHK-1"].is_epic and checkout.items["CHK-1"].type == "Epic"


def test_jira_csv_dates_in_jira_format_are_read(checkout) -> None:
    cart = checkout.items["CHK-2"]
    assert cart.created == dt.date(2026, 5, 3)
    assert cart.resolved == dt.date(2026, 5, 20)
    assert checkout.items["CHK-1"].due == dt.date(2026, 9, 30)
    assert checkout.items["CHK-1"].start == dt.date(2026, 5, 4)


def test_jira_csv_original_estimate_seconds_become_eight_hour_days(checkout) -> None:
    assert checkout.items["CHK-2"].estimate_days == 2
    assert checkout.items["CHK-5"].estimate_days == 3


def test_jira_csv_status_category_column_decides_the_category(checkout) -> None:
    assert checkout.items["CHK-3"].status == "In Review"
    assert checkout.items["CHK-3"].category is StatusCategory.IN_PROGRESS
    assert checkout.items["CHK-5"].category is StatusCategory.TODO  # "Backlog"
    assert checkout.items["CHK-6"].done


def test_jira_csv_components_are_not_teams(checkout) -> None:
    assert all(item.team is None for item in checkout.items.values())


def test_jira_csv_team_column_fills_the_team(tmp_path: Path) -> None:
    path = write(tmp_path, "Issue key,Summary,Custom field (Team)\nA-1,Thing,Payments\n")
    assert load_backlog([path]).items["A-1"].team == "Payments"


def test_jira_csv_row_is_the_line_a_multiline_description_starts_on(checkout) -> None:
    assert checkout.items["CHK-2"].source.row == 3
    assert checkout.items["CHK-3"].source.row == 5  # CHK-2's description spans two lines
    assert checkout.items["CHK-3"].source.file == str(DATA / "jira_export.csv")
    assert checkout.items["CHK-3"].source.key == "CHK-3"


def test_jira_csv_with_semicolons_from_a_french_excel_is_read(tmp_path: Path) -> None:
    text = "Issue key;Summary;Status;Story Points\nA-1;Écran;Terminé;2,5\n"
    item = load_backlog([write(tmp_path, text)]).items["A-1"]
    assert item.points == 2.5 and item.done


def test_jira_csv_without_summary_says_which_columns_are_required(tmp_path: Path) -> None:
    path = write(tmp_path, "Issue key,Status,Sprint\nA-1,Done,S1\n")
    with pytest.raises(InputError) as caught:
        load_backlog([path])
    message = str(caught.value)
    assert str(path) in message and "'Summary'" in message
    assert (
        "Required: Issue key, Summary" in message and "found: Issue key, Status, Sprint" in message
    )


def test_jira_csv_negative_story_points_name_the_row_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "Issue key,Summary,Story Points\nA-1,One,3\nA-2,Two,-5\n")
    with pytest.raises(InputError) as caught:
        load_backlog([path])
    assert caught.value.where == "row 3, A-2"
    assert "points should be greater than or equal to 0 (got -5)" in str(caught.value)


def test_jira_csv_unreadable_date_names_the_column_and_the_formats(tmp_path: Path) -> None:
    path = write(tmp_path, "Issue key,Summary,Created\nA-1,One,yesterday\n")
    with pytest.raises(InputError, match="Created: 'yesterday' is not a date") as caught:
        load_backlog([path])
    assert caught.value.where == "row 2, A-1"
    assert "2026-06-03" in (caught.value.fix or "")


def test_jira_csv_text_in_story_points_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "Issue key,Summary,Story Points\nA-1,One,five\n")
    with pytest.raises(InputError, match="Story Points: 'five' is not a number"):
        load_backlog([path])


def test_jira_csv_row_without_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "Issue key,Summary\nA-1,One\n,Two\n")
    with pytest.raises(InputError, match="no key") as caught:
        load_backlog([path])
    assert caught.value.where == "row 3"


def test_jira_csv_unclosed_quote_is_a_syntax_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'Issue key,Summary\nA-1,One\nA-2,"Two\n')
    with pytest.raises(InputError, match="not valid CSV") as caught:
        load_backlog([path])
    assert caught.value.where == "row 3"
