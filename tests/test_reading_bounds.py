"""The reader stays linear on hostile text and refuses what it cannot read (issues 9, 11)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.status import ClaimKind
from assistant.inputs import load_inputs
from tests.conftest import SEED, run_cli, seed_args

SIZE = 50_000
HOSTILE = {
    "spaces after a delay phrase": "La migration glisse de 2 semaines" + " " * SIZE,
    "tabs after a delay phrase": "MIG-100 a 2 sprints de retard" + "\t" * SIZE,
    "no-break spaces": "The migration is 3 weeks late" + "\u00a0" * SIZE,
    "a delay phrase repeated": "+2 weeks " * (SIZE // 9),
    "date pairs repeated": "repoussée du 12 mars au 15 avril, " * (SIZE // 34),
    "ranges and corrections repeated": "2 à 3 semaines de retard mais 4 " * (SIZE // 32),
    "punctuation runs": "Migration : , ; : - " * (SIZE // 20),
    "nested parentheses": "(" * (SIZE // 2) + ")" * (SIZE // 2),
}


@pytest.fixture(scope="module")
def backlog():
    inputs = load_inputs(SEED / "context.yaml", SEED / "goals.yaml", [SEED / "backlog.csv"])
    return inputs.backlog


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_50_kb_status_is_read_in_under_a_second(name, backlog):
    reader = RuleBasedExtractor()
    reader.extract("warm up: MIG-100 is 1 week late", backlog, today=dt.date(2026, 11, 20))
    text = HOSTILE[name]
    best = float("inf")
    for _ in range(2):  # the better of two runs: a busy machine is not the reader's fault
        start = time.perf_counter()
        facts = reader.extract(text, backlog, today=dt.date(2026, 11, 20))
        best = min(best, time.perf_counter() - start)
    assert best < 1.0, f"{name}: {best:.2f} s"
    assert len(facts.claims) <= 1000


def test_beyond_the_bound_of_delay_statements_the_rest_is_left_to_confirm(backlog):
    facts = RuleBasedExtractor().extract(
        "La migration glisse de 2 semaines. " * 300, backlog, today=dt.date(2026, 11, 20)
    )
    last = facts.claims[-1]
    assert last.kind is ClaimKind.TO_CONFIRM and "not read" in last.note


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_an_empty_status_is_refused_with_exit_2(text):
    args = seed_args("status.fr.txt")
    i = args.index("--status")
    args[i : i + 2] = ["--text", text]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "empty" in result.output


def test_a_german_status_is_answered_with_a_clear_message():
    args = seed_args("status.fr.txt")
    i = args.index("--status")
    args[i : i + 2] = [
        "--text",
        "Die Migration hat zwei Wochen Verzögerung, wir warten noch auf den Lieferanten "
        "und das Team ist nicht vollständig.",
    ]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "looks German" in result.output and "French and English" in result.output


def test_a_status_over_the_size_setting_is_refused(monkeypatch):
    monkeypatch.setenv("STEERCO_MAX_STATUS_CHARS", "100")
    args = seed_args("status.fr.txt")
    i = args.index("--status")
    args[i : i + 2] = ["--text", "La migration glisse de 2 semaines. " * 10]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "STEERCO_MAX_STATUS_CHARS" in result.output


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("   \n\t ", "the status is empty"),
        (
            "Die Migration hat zwei Wochen Verzögerung, wir warten noch auf den Lieferanten "
            "und das Team ist nicht vollständig.",
            "this status looks German; Steerco reads French and English.",
        ),
    ],
)
def test_the_api_refuses_an_empty_or_foreign_status_with_the_same_message(
    status, message, tmp_path
):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from assistant.settings import Settings
    from tests.test_api import seed_body

    # a loopback Host: the server answers only the names it serves
    client = TestClient(create_app(Settings(home=tmp_path / "home")), base_url="http://localhost")
    answer = client.post("/v1/briefs", json=seed_body(status=status))
    assert answer.status_code == 422
    assert answer.json()["message"].startswith(message)
