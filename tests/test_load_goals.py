"""goals.yaml: goals with bilingual titles, their lines, and refused duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.loaders import load_goals

SEED = Path(__file__).resolve().parent / "data" / "instant-payments"

GOALS = """\
goals:
  - id: G1
    title:
      fr: Lancement du paiement instantané
      en: Instant payment launch
    owner: CEO
    deadline: 2027-03-01
    cost_of_delay_per_week: 25000
    depends_on: [PAY-200]
  - id: G2
    title: ISO 27001
    deadline: "01/Jun/27"
    cost_of_delay_per_week: 4000
    depends_on: SEC-300, SEC-301
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "goals.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_goals_load_with_their_lines() -> None:
    goals = load_goals(SEED / "goals.yaml")
    assert [(g.id, g.depends_on, g.source.row) for g in goals] == [
        ("G1", ("PAY-200",), 2),
        ("G2", ("SEC-300",), 8),
    ]
    assert goals[0].source.key == "G1" and goals[0].deadline == dt.date(2027, 3, 1)


def test_goals_under_a_goals_key_with_bilingual_titles(tmp_path: Path) -> None:
    launch, iso = load_goals(write(tmp_path, GOALS))
    assert launch.title == "Lancement du paiement instantané"
    assert launch.title_in("en") == "Instant payment launch"
    assert launch.titles["fr"] == "Lancement du paiement instantané"
    assert launch.source.row == 2 and iso.source.row == 10


def test_depends_on_as_text_and_jira_style_deadline_are_accepted(tmp_path: Path) -> None:
    iso = load_goals(write(tmp_path, GOALS))[1]
    assert iso.depends_on == ("SEC-300", "SEC-301")
    assert iso.deadline == dt.date(2027, 6, 1)


def test_duplicate_goal_id_names_both_lines(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"G1 is used twice \(lines 2 and 10\)") as caught:
        load_goals(write(tmp_path, GOALS.replace("id: G2", "id: G1")))
    assert caught.value.where == "line 10, G1"


def test_negative_cost_of_delay_names_the_goal_and_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, GOALS.replace("4000", "-4000"))
    with pytest.raises(InputError, match="cost_of_delay_per_week should be greater") as caught:
        load_goals(path)
    assert caught.value.file == str(path) and caught.value.where == "line 13, G2"


def test_missing_cost_of_delay_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, GOALS.replace("    cost_of_delay_per_week: 4000\n", ""))
    with pytest.raises(InputError, match="cost_of_delay_per_week is required") as caught:
        load_goals(path)
    assert "G2" in (caught.value.where or "")


def test_unknown_goal_field_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"costs is not a field .*cost_of_delay_per_week"):
        load_goals(
            write(tmp_path, "- id: G1\n  title: X\n  cost_of_delay_per_week: 1\n  costs: 3\n")
        )


def test_title_in_an_unsupported_language_is_refused(tmp_path: Path) -> None:
    text = "- id: G1\n  title: {fr: Lancement, de: Start}\n  cost_of_delay_per_week: 1\n"
    with pytest.raises(InputError, match="translation in de") as caught:
        load_goals(write(tmp_path, text))
    assert caught.value.where == "line 1, G1"


def test_unreadable_deadline_names_the_goal(tmp_path: Path) -> None:
    path = write(tmp_path, GOALS.replace("2027-03-01", "next spring"))
    with pytest.raises(InputError, match="deadline: 'next spring' is not a date") as caught:
        load_goals(path)
    assert caught.value.where == "line 2, G1"


def test_a_mapping_without_goals_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="list of goals"):
        load_goals(write(tmp_path, "company: Acme\n"))


def test_unclosed_bracket_is_a_yaml_error_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid YAML") as caught:
        load_goals(write(tmp_path, "- id: G1\n  title: [unclosed\n"))
    assert caught.value.where == "line 3"
