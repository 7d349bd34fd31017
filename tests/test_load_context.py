"""context.yaml: the company profile, validated strictly with the line of each problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.loaders import load_context

SEED = Path(__file__).resolve().parent / "data" / "instant-payments"

CONTEXT = """\
company: Fintrak SA
currency: eur
language: en
sprint_weeks: 2
teams:
  - name: Platform
    people: 5
    day_rate: 800
  - name: Payments
    people: 4
    day_rate: 750
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "context.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_context_loads_teams_and_velocity() -> None:
    context = load_context(SEED / "context.yaml")
    assert context.company == "Fintrak SA"
    assert context.velocity_points_per_sprint == 34
    assert context.team("payments").day_rate == 750
    assert context.source.file == str(SEED / "context.yaml")


def test_currency_is_normalised_and_defaults_apply(tmp_path: Path) -> None:
    context = load_context(write(tmp_path, CONTEXT))
    assert context.currency == "EUR"
    assert context.working_days_per_week == 5
    assert context.velocity_points_per_sprint is None


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("people: 4", "people: 0", 10, ["teams › Payments › people", "greater than 0", "got 0"]),
        ("day_rate: 800", "day_rate: 800000", 8, ["teams › Platform › day_rate", "20000"]),
        ("language: en", "language: de", 3, ["language should be one of: fr, en", "'de'"]),
        ("currency: eur", "currency: euros", 2, ["3-letter ISO code"]),
        ("sprint_weeks: 2", "sprint_week: 2", 4, ["sprint_week is not a field", "sprint_weeks"]),
        ("sprint_weeks: 2", "sprint_weeks: two", 4, ["sprint_weeks should be a valid number"]),
    ],
)
def test_invalid_setting_names_the_field_its_line_and_the_fix(
    tmp_path: Path, old: str, new: str, line: int, words: list[str]
) -> None:
    path = write(tmp_path, CONTEXT.replace(old, new))
    with pytest.raises(InputError) as caught:
        load_context(path)
    assert caught.value.file == str(path) and caught.value.where == f"line {line}"
    for word in words:
        assert word in str(caught.value)
    assert caught.value.fix


def test_missing_company_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="company is required but missing"):
        load_context(write(tmp_path, CONTEXT.replace("company: Fintrak SA\n", "")))


def test_team_listed_twice_is_refused(tmp_path: Path) -> None:
    text = CONTEXT.replace("name: Payments", "name: platform")
    with pytest.raises(InputError, match="listed twice") as caught:
        load_context(write(tmp_path, text))
    assert caught.value.where == "line 9"


def test_yaml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid YAML") as caught:
        load_context(write(tmp_path, "company: Acme\nteams: [\n  - name: x\n"))
    assert caught.value.where and caught.value.where.startswith("line ")


def test_list_instead_of_settings_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="mapping of settings"):
        load_context(write(tmp_path, "- company: Acme\n"))


def test_empty_or_comment_only_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        load_context(write(tmp_path, "# nothing yet\n"))
