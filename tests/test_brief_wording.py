"""The brief's assumptions agree their plurals and show amounts with their currency."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TRANSVIA, ok


def _brief(context: Path, language: str) -> str:
    return ok(
        "brief", "--context", str(context), "--goals", str(TRANSVIA / "goals.yaml"),
        "--backlog", str(TRANSVIA / "backlog.csv"), "--status", str(TRANSVIA / "status.fr.txt"),
        "--as-of", "2026-11-20", "--lang", language,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "weeks", "sprint", "rate"),
    [
        ("fr", 2, "Un sprint dure 2 semaines", "4 personnes à 850 EUR par jour"),
        ("fr", 1, "Un sprint dure 1 semaine ", "4 personnes à 850 EUR par jour"),
        ("en", 2, "A sprint lasts 2 weeks", "4 people at EUR 850 per day"),
        ("en", 1, "A sprint lasts 1 week ", "4 people at EUR 850 per day"),
    ],
)
def test_assumptions_agree_plurals_and_name_the_currency(
    tmp_path: Path, language: str, weeks: int, sprint: str, rate: str
) -> None:
    text = (TRANSVIA / "context.yaml").read_text(encoding="utf-8")
    context = tmp_path / "context.yaml"
    context.write_text(text.replace("sprint_weeks: 2", f"sprint_weeks: {weeks}"), encoding="utf-8")
    brief = _brief(context, language)
    assert sprint in brief and rate in brief
    assert "(s)" not in brief and "(ies)" not in brief
