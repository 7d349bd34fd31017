"""The seed cases read end to end: the slip, its item, its amount and its reason."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from assistant.domain import Backlog, BacklogItem, Source
from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.status import DelayUnit, SlipKind, StatusFacts

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "instant-payments"
TRANSVIA = ROOT / "examples" / "transvia"
TODAY = dt.date(2026, 11, 20)


def jira_backlog(path: Path) -> Backlog:
    """The few columns of a Jira CSV export the extractor reads (no assistant.loaders here)."""
    items = {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        for n, row in enumerate(rows, start=2):
            cells = dict(zip(header, row, strict=False))
            items[cells["Issue key"]] = BacklogItem(
                key=cells["Issue key"],
                title=cells["Summary"],
                type=cells["Issue Type"],
                is_epic=cells["Issue Type"] == "Epic",
                parent=cells.get("Parent") or None,
                source=Source(file=path.name, row=n),
            )
    return Backlog(items=items)


def read(folder: Path, status: str) -> StatusFacts:
    if not folder.exists():
        pytest.skip(f"{folder} is not checked out")
    text = (folder / status).read_text(encoding="utf-8")
    return RuleBasedExtractor().extract(text, jira_backlog(folder / "backlog.csv"), today=TODAY)


@pytest.mark.parametrize(
    ("status", "language", "mention", "reason"),
    [
        (
            "status.fr.txt",
            "fr",
            "la migration",
            "la réplication logique ne tient pas la charge en production",
        ),
        (
            "status.en.txt",
            "en",
            "the migration",
            "logical replication does not hold the production load",
        ),
    ],
)
def test_seed_status_is_three_sprints_on_the_migration_epic(status, language, mention, reason):
    facts = read(SEED, status)
    assert facts.language == language
    assert len(facts.slips) == 1
    slip = facts.slips[0]
    assert (slip.item_key, slip.kind, slip.ambiguous) == ("MIG-100", SlipKind.LATE, False)
    assert (slip.delay.amount, slip.delay.unit) == (3, DelayUnit.SPRINTS)
    assert slip.mention == mention
    assert slip.reason == reason
    assert (facts.unmatched, facts.unquantified) == ((), ())


@pytest.mark.parametrize("status", ["status.fr.txt", "status.en.txt"])
def test_transvia_status_has_two_slips_and_one_piece_of_good_news(status):
    facts = read(TRANSVIA, status)
    got = [(s.item_key, s.kind, s.delay.amount, s.delay.unit) for s in facts.slips]
    assert got == [
        ("PLT-10", SlipKind.LATE, 2, DelayUnit.SPRINTS),
        ("BIL-20", SlipKind.LATE, 5, DelayUnit.WORKING_DAYS),
        ("SEC-31", SlipKind.AHEAD, 1, DelayUnit.WEEKS),
    ]
    assert "format" in (facts.slips[0].reason or "")


def read_text(text: str) -> StatusFacts:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not checked out")
    return RuleBasedExtractor().extract(text, jira_backlog(SEED / "backlog.csv"), today=TODAY)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "On a 3 sprints de retard sur la migration. En cause : le fournisseur cloud.",
            "le fournisseur cloud",
        ),
        (
            "The migration is 3 sprints late because the vendor changed its API.",
            "the vendor changed its API",
        ),
        ("La migration a 3 sprints de retard (réplication instable).", "réplication instable"),
        ("MIG-100 glisse de 3 sprints (bloqué par MIG-102).", "bloqué par MIG-102"),
        ("We are 3 sprints late on the migration, but the ISO 27001 work is on track.", None),
        ("We are 3 sprints late on the migration. The ISO 27001 audit starts in May.", None),
    ],
)
def test_the_reason_is_read_from_what_follows_the_slip(text, reason):
    assert [(s.item_key, s.reason) for s in read_text(text).slips] == [("MIG-100", reason)]


def test_a_reason_clause_never_makes_a_second_slip_nor_moves_the_item():
    facts = read_text(
        "On a 3 sprints de retard sur la migration, car la bascule des écritures bloque."
    )
    assert [(s.item_key, s.reason) for s in facts.slips] == [
        ("MIG-100", "la bascule des écritures bloque")
    ]
