"""Generic CSV: the documented hand-made layout, case-insensitive columns, key lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.domain import StatusCategory
from assistant.errors import InputError
from assistant.loaders import load_backlog

DATA = Path(__file__).parent / "data" / "backlog"


@pytest.fixture(scope="module")
def data_platform():
    return load_backlog([DATA / "generic_backlog.csv"])


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "backlog.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_generic_csv_reads_every_documented_column(data_platform) -> None:
    ingest = data_platform.items["DATA-2"]
    assert data_platform.formats == ("generic-csv",)
    assert ingest.points == 5 and ingest.estimate_days == 3
    assert ingest.components == ("Pipelines", "Storage")
    assert ingest.parent == "DATA-1" and ingest.team == "Data"
    assert ingest.start == dt.date(2026, 5, 4) and ingest.resolved == dt.date(2026, 5, 22)
    assert data_platform.items["DATA-1"].is_epic


def test_generic_csv_blocked_by_separated_by_spaces_is_mirrored(data_platform) -> None:
    assert data_platform.items["DATA-3"].blocked_by == ("DATA-2", "DATA-4")
    assert data_platform.items["DATA-4"].blocks == ("DATA-3",)
    assert data_platform.items["DATA-2"].blocks == ("DATA-3",)


def test_generic_csv_status_words_map_to_categories(data_platform) -> None:
    assert data_platform.items["DATA-1"].category is StatusCategory.IN_PROGRESS
    assert data_platform.items["DATA-3"].category is StatusCategory.TODO
    assert data_platform.items["DATA-2"].done


def test_generic_csv_columns_are_case_insensitive_and_extra_columns_ignored(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "KEY,Title,Points,Owner,Blocked_By\nA-1,One,2,Zoé,\nA-2,Two,,Léo,A-1\n")
    backlog = load_backlog([path])
    assert backlog.items["A-1"].points == 2
    assert backlog.items["A-2"].blocked_by == ("A-1",)


def test_generic_csv_resolved_date_means_done_whatever_the_status(tmp_path: Path) -> None:
    path = write(tmp_path, "key,title,status,resolved\nA-1,One,Open,2026-06-03\n")
    assert load_backlog([path]).items["A-1"].done


@pytest.mark.parametrize(
    ("status", "category"),
    [
        ("Terminé", StatusCategory.DONE),
        ("Cancelled", StatusCategory.DONE),
        ("Won’t Do", StatusCategory.DONE),
        ("Released", StatusCategory.DONE),
        ("En cours", StatusCategory.IN_PROGRESS),
        ("Code Review", StatusCategory.IN_PROGRESS),
        ("Selected for Development", StatusCategory.TODO),
        ("", StatusCategory.TODO),
    ],
)
def test_status_names_in_french_and_english_map_to_categories(
    tmp_path: Path, status: str, category: StatusCategory
) -> None:
    path = write(tmp_path, f"key,title,status\nA-1,One,{status}\n")
    assert load_backlog([path]).items["A-1"].category is category


def test_generic_csv_without_title_lists_required_and_found_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "key,status\nA-1,Done\n")
    with pytest.raises(InputError) as caught:
        load_backlog([path])
    assert str(path) in str(caught.value)
    assert "Required: key, title; found: key, status" in str(caught.value)


def test_generic_csv_same_key_twice_names_both_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "key,title\nA-1,One\nA-2,Two\nA-1,Again\n")
    with pytest.raises(InputError, match="rows 2 and 4") as caught:
        load_backlog([path])
    assert caught.value.where == "row 4, A-1"


def test_generic_csv_header_without_rows_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no items"):
        load_backlog([write(tmp_path, "key,title\n")])


def test_a_research_dataset_csv_names_its_key_and_points_otherwise(tmp_path: Path) -> None:
    """TAWOS-style exports (issuekey, title, storypoint) are generic CSVs too."""
    path = tmp_path / "tawos.csv"
    path.write_text(
        '"issuekey","title","storypoint"\n"FAB-30","Endorser simulation","5"\n', encoding="utf-8"
    )
    item = load_backlog([path]).items["FAB-30"]
    assert (item.title, item.points) == ("Endorser simulation", 5)


def test_a_trimmed_tracker_export_names_its_title_summary(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text("\ufeffKey;Summary;Status\nPOR-4;Suivi colis;En cours\n", encoding="utf-8")
    item = load_backlog([path]).items["POR-4"]
    assert (item.title, item.category) == ("Suivi colis", StatusCategory.IN_PROGRESS)
