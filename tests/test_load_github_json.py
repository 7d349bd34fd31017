"""GitHub issues from `gh issue list --json`: keys, label conventions, body references."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.domain import StatusCategory
from assistant.errors import InputError
from assistant.loaders import load_backlog

DATA = Path(__file__).parent / "data" / "backlog"
REPO = "acme/storefront"


@pytest.fixture(scope="module")
def search():
    return load_backlog([DATA / "github_issues.json"])


def write(tmp_path: Path, issues: list[dict]) -> Path:
    path = tmp_path / "issues.json"
    path.write_text(json.dumps(issues), encoding="utf-8")
    return path


def test_keys_are_owner_repo_and_number_from_the_url(search) -> None:
    assert search.formats == ("github-json",)
    assert sorted(search.items) == [f"{REPO}#{n}" for n in range(40, 45)]
    assert search.items[f"{REPO}#44"].source.row == 1


def test_issue_without_url_is_keyed_by_its_number(tmp_path: Path) -> None:
    path = write(tmp_path, [{"number": 7, "title": "Fix login", "state": "OPEN"}])
    assert list(load_backlog([path]).items) == ["#7"]


def test_epic_label_and_task_list_make_the_epic_and_its_children(search) -> None:
    epic = search.items[f"{REPO}#40"]
    assert epic.is_epic and epic.type == "Epic"
    assert {child.key for child in search.children(epic.key)} == {
        f"{REPO}#41",
        f"{REPO}#42",
        f"{REPO}#43",
    }


def test_same_repo_references_in_the_body_resolve_to_full_keys(search) -> None:
    results = search.items[f"{REPO}#43"]
    assert results.blocked_by[:2] == (f"{REPO}#41", "acme/design-system#12")


def test_blocked_by_an_issue_url_and_blocks_in_bold_are_read(search) -> None:
    assert search.items[f"{REPO}#41"].blocked_by == (f"{REPO}#42",)
    assert search.items[f"{REPO}#44"].blocks == (f"{REPO}#43",)
    assert f"{REPO}#44" in search.items[f"{REPO}#43"].blocked_by


def test_reference_to_another_repository_is_warned_once(search) -> None:
    assert search.warnings == (
        "1 link points to items in none of the exports (acme/design-system#12); they are ignored.",
    )


def test_labels_give_team_points_and_components(search) -> None:
    index = search.items[f"{REPO}#41"]
    assert (index.team, index.points, index.components) == ("Discovery", 8, ("Backend",))
    client = search.items[f"{REPO}#42"]
    assert (client.team, client.points, client.components) == ("Discovery", 3, ("Backend",))
    assert search.items[f"{REPO}#43"].points == 5


def test_state_closed_at_and_status_label_give_the_category(search) -> None:
    client = search.items[f"{REPO}#42"]
    assert client.done and client.resolved == dt.date(2026, 5, 9)
    assert search.items[f"{REPO}#41"].category is StatusCategory.IN_PROGRESS
    assert search.items[f"{REPO}#43"].category is StatusCategory.TODO


def test_milestone_is_the_sprint_and_bug_label_the_type(search) -> None:
    footer = search.items[f"{REPO}#44"]
    assert footer.sprint == "Sprint 7" and footer.type == "Bug"


def test_epic_label_with_a_key_sets_a_cross_tracker_parent(tmp_path: Path) -> None:
    issues = [{"number": 3, "title": "App", "state": "OPEN", "labels": [{"name": "epic:PAY-200"}]}]
    assert load_backlog([write(tmp_path, issues)]).items["#3"].parent == "PAY-200"


def test_points_label_that_is_not_a_number_names_the_issue(tmp_path: Path) -> None:
    issues = [
        {
            "number": 3,
            "title": "App",
            "state": "OPEN",
            "labels": [{"name": "points:XL"}],
            "url": "https://github.com/acme/app/issues/3",
        }
    ]
    path = write(tmp_path, issues)
    with pytest.raises(InputError, match="points label: 'XL' is not a number") as caught:
        load_backlog([path])
    assert caught.value.where == "item 1, acme/app#3"


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://github.com/acme/shop/issues/7", "acme/shop#7"),
        ("https://github.com/acme/shop/pull/7", "acme/shop#7"),
        ("https://github.com/acme/shop/issues/7/x/9", "acme/shop#7"),  # the number is not last
        ("https://github.com/acme/shop/issues/7#issuecomment-1", "acme/shop#7"),
        ("https://github.com/acme/shop/wiki/7", "#7"),
        ("https://gitlab.com/acme/shop/issues/7", "#7"),
        ("", "#7"),
    ],
)
def test_the_repository_of_the_key_is_read_from_any_form_of_issue_url(
    tmp_path: Path, url: str, key: str
) -> None:
    issues = [{"number": 7, "title": "Fix login", "state": "OPEN", "url": url}]
    issues += [{"number": 8, "title": "Other", "state": "OPEN", "url": url.replace("7", "8")}]
    assert next(iter(load_backlog([write(tmp_path, issues)]).items)) == key


def test_labels_that_are_not_plain_names_are_read_like_the_same_set_written_plainly(
    tmp_path: Path,
) -> None:
    plain = [{"name": "team:Payments"}, {"name": "points:3"}]
    issues = [
        {"number": 1, "title": "A", "state": "OPEN", "labels": plain},
        {"number": 2, "title": "B", "state": "OPEN", "labels": ["team:Payments", "points:3"]},
        {"number": 3, "title": "C", "state": "OPEN", "labels": [{"name": ["x"]}, *plain]},
        {"number": 4, "title": "D", "state": "OPEN", "labels": [{"name": 1}, {"name": True}]},
        {"number": 5, "title": "E", "state": "OPEN", "labels": [{"name": True}, {"name": 1}]},
    ]
    items = load_backlog([write(tmp_path, issues)]).items
    for key in ("#1", "#2", "#3"):
        assert (items[key].team, items[key].points) == ("Payments", 3)
    assert items["#4"].team is None and items["#5"].team is None
