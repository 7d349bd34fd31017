"""A status names an item by key, by title words, with typos or in the other language."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from assistant.domain import Backlog, BacklogItem, Source
from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.matching import BacklogIndex
from assistant.facts.status import MatchMethod, Slip
from assistant.knowledge import load_glossary

TODAY = dt.date(2026, 11, 20)


def backlog(*rows: tuple) -> Backlog:
    """Items from (key, title[, parent[, is_epic]]) rows."""
    items = {}
    for n, (key, title, *rest) in enumerate(rows, start=2):
        parent = rest[0] if rest else None
        epic = rest[1] if len(rest) > 1 else False
        source = Source(file="t.csv", row=n)
        items[key] = BacklogItem(key=key, title=title, parent=parent, is_epic=epic, source=source)
    return Backlog(items=items)


PLATFORM = backlog(
    ("MIG-100", "Migration de la base vers PostgreSQL 16", None, True),
    ("MIG-102", "Réplication logique vers le nouveau cluster", "MIG-100"),
    ("MIG-103", "Bascule des services de lecture", "MIG-100"),
    ("MIG-104", "Bascule des écritures et gel de l'ancien cluster", "MIG-100"),
    ("PAY-200", "Paiement instantané (SEPA Instant)", None, True),
    ("PAY-201", "Intégration de l'API SEPA Instant de la banque partenaire", "PAY-200"),
    ("PAY-202", "Écrans de paiement instantané dans l'app mobile", "PAY-200"),
    ("CAR-1", "Portail transporteur", None, True),
    ("CAR-2", "Refonte du portail transporteur", "CAR-1"),
    ("CUS-1", "Portail client", None, True),
    ("SEC-300", "Mise en conformité ISO 27001", None, True),
    ("42", "Fix login redirect"),
)


def slips(text: str, items: Backlog = PLATFORM) -> tuple[Slip, ...]:
    return RuleBasedExtractor().extract(text, items, today=TODAY).slips


def one(text: str, items: Backlog = PLATFORM) -> Slip:
    found = slips(text, items)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "MIG-103 glisse de 2 semaines.",
        "On a 2 semaines de retard sur MIG-103.",
        "mig-103: +2 weeks",
        "La bascule (MIG-103) a 2 semaines de retard.",
    ],
)
def test_an_issue_key_in_the_clause_wins(text):
    slip = one(text)
    assert slip.item_key == "MIG-103"
    assert slip.candidates[0].method is MatchMethod.KEY
    assert slip.candidates[0].score == 1


def test_a_github_issue_number_resolves_to_its_item():
    assert one("#42 is 3 days late.").item_key == "42"
    items = backlog(("acme/web#7", "Fix login"), ("acme/api#8", "Rate limits"))
    assert one("acme/api#8 slipped by 2 days.", items).item_key == "acme/api#8"
    assert one("#7 slipped by 2 days.", items).item_key == "acme/web#7"


def test_several_keys_in_one_clause_are_one_slip_each():
    assert [s.item_key for s in slips("MIG-103 et MIG-104 glissent de 2 semaines.")] == [
        "MIG-103",
        "MIG-104",
    ]


def test_a_key_absent_from_the_backlog_is_unmatched():
    facts = RuleBasedExtractor().extract("PAY-999 a 2 semaines de retard.", PLATFORM, today=TODAY)
    assert facts.slips[0].item_key is None
    assert facts.unmatched == ("PAY-999 a 2 semaines de retard",)


@pytest.mark.parametrize(
    ("mention", "key"),
    [
        ("la migration", "MIG-100"),
        ("the migration", "MIG-100"),
        ("the database migration", "MIG-100"),
        ("le paiement instantané", "PAY-200"),
        ("instant payment", "PAY-200"),
        ("la réplication logique", "MIG-102"),
        ("logical replication", "MIG-102"),
        ("the read cutover", "MIG-103"),
        ("l'intégration SEPA", "PAY-201"),
        ("the carrier portal epic", "CAR-1"),
        ("ISO 27001 compliance", "SEC-300"),
    ],
)
def test_title_words_resolve_in_both_languages(mention, key):
    assert one(f"2 weeks late on {mention}.").item_key == key


def test_same_language_words_match_by_title():
    assert one("La migration glisse de 2 semaines.").candidates[0].method is MatchMethod.TITLE


def test_other_language_words_match_through_the_glossary():
    slip = one("Logical replication is 2 weeks late.")
    assert (slip.item_key, slip.candidates[0].method) == ("MIG-102", MatchMethod.GLOSSARY)


def test_a_typo_still_matches_fuzzily():
    slip = one("La migraton a 2 semaines de retard.")
    assert (slip.item_key, slip.candidates[0].method) == ("MIG-100", MatchMethod.FUZZY)
    assert slip.candidates[0].score < 1


def test_a_tie_between_unrelated_items_is_ambiguous_with_the_candidates():
    slip = one("Le portail a 2 semaines de retard.")
    assert slip.ambiguous and slip.item_key is None
    assert {m.key for m in slip.candidates} >= {"CAR-1", "CUS-1"}


def test_a_tie_between_siblings_is_ambiguous():
    slip = one("La bascule a 2 semaines de retard.")
    assert slip.ambiguous
    assert [m.key for m in slip.candidates] == ["MIG-103", "MIG-104"]


def test_an_epic_is_preferred_over_its_own_children():
    slip = one("Le portail transporteur glisse de 2 semaines.")
    assert (slip.item_key, slip.ambiguous) == ("CAR-1", False)
    assert {"CAR-1", "CAR-2"} <= {m.key for m in slip.candidates}


def test_epic_words_favour_epics():
    items = backlog(("E-1", "Portail", None, True), ("S-1", "Portail partenaires"))
    assert one("L'epic portail a 2 semaines de retard.", items).item_key == "E-1"
    assert one("Le chantier portail glisse d'un mois.", items).item_key == "E-1"


def test_common_words_weigh_less_than_rare_ones():
    items = backlog(
        ("A-1", "Paiement carte"),
        ("A-2", "Paiement virement"),
        ("A-3", "Paiement chèque"),
        ("A-4", "Virement international"),
    )
    assert one("Paiement par virement : 3 jours de retard.", items).item_key == "A-2"


def test_a_subject_absent_from_the_backlog_is_unmatched():
    facts = RuleBasedExtractor().extract(
        "Le recrutement a 3 semaines de retard.", PLATFORM, today=TODAY
    )
    assert facts.slips[0].item_key is None and not facts.slips[0].ambiguous
    assert facts.slips[0].mention == "Le recrutement"
    assert facts.unmatched == ("Le recrutement a 3 semaines de retard",)


@pytest.mark.parametrize(
    "text",
    [
        "Point hebdo plateforme : on a 3 sprints de retard sur la migration.",
        "Weekly platform update: we are 3 sprints late on the migration.",
        "Update from the portal team: we are 3 sprints late on the migration.",
    ],
)
def test_a_header_does_not_hijack_the_subject(text):
    assert one(text).item_key == "MIG-100"


def test_schedule_words_in_a_mention_do_not_hide_the_item():
    slip = one("The migration's ETA is now 2027-05-01 instead of 2027-04-01.")
    assert (slip.item_key, slip.delay.amount) == ("MIG-100", 30)


def test_a_mention_stops_before_the_next_subject():
    first, second = slips("2 weeks behind on instant payment and 1 sprint behind on ISO 27001.")
    assert (first.mention, first.item_key) == ("instant payment", "PAY-200")
    assert (second.mention, second.item_key) == ("ISO 27001", "SEC-300")


def test_a_subject_in_the_clause_before_is_used_when_the_delay_clause_has_none():
    slip = one("Bascule des lectures : on a pris 3 semaines de retard.")
    assert (slip.mention, slip.item_key) == ("Bascule des lectures", "MIG-103")


def test_the_index_is_built_once_per_backlog():
    extractor = RuleBasedExtractor()
    assert extractor.index(PLATFORM) is extractor.index(PLATFORM)


def test_an_index_resolves_mentions_directly():
    index = BacklogIndex(PLATFORM, load_glossary())
    assert index.resolve("paiement instantané").item_key == "PAY-200"
    assert index.resolve("   ").item_key is None
    assert index.find_keys("MIG-103, mig-104 and #42 but not XYZ-1") == ["MIG-103", "MIG-104", "42"]


def large_backlog(size: int = 500) -> Backlog:
    words = re.findall(
        r"\w+",
        "migration paiement portail transporteur facturation sécurité réplication api mobile "
        "écran client export données journalisation rotation secrets bascule lecture écriture "
        "cluster audit conformité tournée livraison suivi synchronisation intégration banque",
    )
    rows = [("MIG-100", "Migration de la base vers PostgreSQL 16", None, True)]
    for n in range(1, size):
        title = " ".join(words[(n * k) % len(words)] for k in (1, 3, 7)) + f" lot {n}"
        rows.append((f"X-{n}", title, "MIG-100" if n % 5 == 0 else None))
    return backlog(*rows)


def test_extraction_on_a_500_item_backlog_stays_fast():
    items = large_backlog()
    extractor = RuleBasedExtractor()
    status = "Point hebdo : on a 3 sprints de retard sur la migration de la base PostgreSQL."
    extractor.extract(status, items, today=TODAY)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        facts = extractor.extract(status, items, today=TODAY)
    per_status = (time.perf_counter() - start) / runs
    assert facts.slips[0].item_key == "MIG-100"
    assert per_status < 0.05  # ~2 ms measured; the bound leaves room for slow CI machines
