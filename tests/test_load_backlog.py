"""Several exports merged into one backlog: detection from content, links, duplicates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.loaders import load_backlog

DATA = Path(__file__).parent / "data" / "backlog"
FIXTURES = {
    "jira_export.csv": "jira-csv",
    "jira_search.json": "jira-json",
    "linear_export.csv": "linear-csv",
    "github_issues.json": "github-json",
    "generic_backlog.csv": "generic-csv",
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fixture", "expected"), FIXTURES.items())
@pytest.mark.parametrize("misleading_name", ["export.json", "issues.csv", "backlog.txt", "data"])
def test_format_is_detected_from_content_not_from_the_file_name(
    tmp_path: Path, fixture: str, expected: str, misleading_name: str
) -> None:
    path = tmp_path / misleading_name
    shutil.copy(DATA / fixture, path)
    backlog = load_backlog([path])
    assert backlog.formats == (expected,)
    assert all(item.source.file == str(path) for item in backlog.items.values())


def test_every_fixture_merges_into_one_backlog_with_one_format_per_file() -> None:
    paths = [DATA / name for name in FIXTURES]
    backlog = load_backlog(paths)
    assert backlog.formats == tuple(FIXTURES.values())
    assert len(backlog.items) == 6 + 5 + 5 + 5 + 4
    assert all(item.source.row and item.source.key == key for key, item in backlog.items.items())


def test_link_written_in_one_export_is_mirrored_on_an_item_of_another(tmp_path: Path) -> None:
    platform = write(tmp_path, "platform.csv", "Issue key,Summary\nMIG-4,Write cutover\n")
    app = write(
        tmp_path, "app.csv", "key,title,blocked_by\nPAY-2,Bank gateway,MIG-4\nPAY-3,Screens,\n"
    )
    backlog = load_backlog([platform, app])
    assert backlog.formats == ("jira-csv", "generic-csv")
    assert backlog.items["MIG-4"].blocks == ("PAY-2",)
    assert backlog.warnings == ()


def test_links_to_unknown_items_are_kept_and_summarised_in_one_warning(tmp_path: Path) -> None:
    rows = "".join(f"A-{n},Item {n},X-{n} X-{n + 100}\n" for n in range(1, 6))
    backlog = load_backlog([write(tmp_path, "b.csv", "key,title,blocked_by\n" + rows)])
    assert backlog.items["A-1"].blocked_by == ("X-1", "X-101")
    assert backlog.warnings == (
        "10 links point to items in none of the exports (e.g. X-1, X-101, X-2); they are ignored.",
    )


def test_parent_outside_every_export_is_warned(tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", "key,title,parent\nA-1,One,EPIC-1\nA-2,Two,EPIC-1\n")
    assert load_backlog([path]).warnings == (
        "2 items have a parent in none of the exports (EPIC-1); they are treated as having "
        "no parent.",
    )


def test_same_key_in_two_exports_keeps_the_later_one_and_warns(tmp_path: Path) -> None:
    old = write(tmp_path, "old.csv", "key,title,points\nA-1,Old title,3\nA-2,Kept,1\n")
    new = write(tmp_path, "new.csv", "key,title,points\nA-1,New title,5\n")
    backlog = load_backlog([old, new])
    assert backlog.items["A-1"].title == "New title"
    assert backlog.items["A-1"].source.file == str(new)
    assert backlog.items["A-2"].title == "Kept"
    assert backlog.warnings == (
        f"1 item appears in both {old} and {new} (A-1); the version from {new} is kept.",
    )


def test_self_links_are_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "b.csv", "key,title,blocked_by\nA-1,One,A-1\n")
    assert load_backlog([path]).items["A-1"].blocked_by == ()


def test_no_export_at_all_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no backlog export"):
        load_backlog([])


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty_export_is_refused_with_its_name(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "b.csv", text)
    with pytest.raises(InputError, match="empty") as caught:
        load_backlog([path])
    assert caught.value.file == str(path)


def test_unrecognised_csv_lists_the_supported_formats_and_the_columns_found(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "b.csv", "Task,Owner,Status\nWrite docs,Sam,open\n")
    with pytest.raises(InputError) as caught:
        load_backlog([path])
    message = str(caught.value)
    assert str(path) in message and "columns: Task, Owner, Status" in message
    for name in ("Jira CSV", "Linear CSV", "generic CSV", "Jira REST JSON", "GitHub issues JSON"):
        assert name in message


def test_json_that_is_no_known_tracker_lists_the_supported_formats(tmp_path: Path) -> None:
    path = write(tmp_path, "b.json", '[{"id": 1, "name": "x"}]')
    with pytest.raises(InputError, match="Supported formats") as caught:
        load_backlog([path])
    assert "id, name" in str(caught.value)


def test_json_array_of_non_objects_names_the_item(tmp_path: Path) -> None:
    path = write(tmp_path, "b.json", '[{"number": 1, "title": "x"}, 42]')
    with pytest.raises(InputError, match="JSON number where an issue object") as caught:
        load_backlog([path])
    assert caught.value.where == "item 2"


def test_error_in_the_second_export_names_that_file(tmp_path: Path) -> None:
    good = write(tmp_path, "good.csv", "key,title\nA-1,One\n")
    bad = write(tmp_path, "bad.csv", "key,title,points\nB-1,Two,-1\n")
    with pytest.raises(InputError) as caught:
        load_backlog([good, bad])
    assert caught.value.file == str(bad) and caught.value.where == "row 2, B-1"


def test_a_parse_leaves_no_object_frozen_and_the_collector_on() -> None:
    import gc

    assert gc.isenabled() and gc.get_freeze_count() == 0
    load_backlog([DATA / name for name in FIXTURES])
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # what the parse made is collectable again


def test_a_parse_does_not_release_objects_the_host_process_froze() -> None:
    import gc

    gc.freeze()  # as a pre-forking server does with what it imported
    frozen = gc.get_freeze_count()
    try:
        load_backlog([DATA / name for name in FIXTURES])
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
