"""The rule-based extractor reads every delay form a CTO writes, in French and in English."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.domain import Backlog, BacklogItem, Source
from assistant.facts.extract import RuleBasedExtractor
from assistant.facts.status import DelayUnit, SlipKind, StatusFacts

TODAY = dt.date(2026, 11, 20)
EXTRACTOR = RuleBasedExtractor()


def item(key: str, title: str, row: int, **fields: object) -> BacklogItem:
    return BacklogItem(key=key, title=title, source=Source(file="t.csv", row=row), **fields)


BACKLOG = Backlog(
    items={
        i.key: i
        for i in [
            item("MIG-100", "Migration de la base vers PostgreSQL 16", 2, is_epic=True),
            item("MIG-102", "Réplication logique vers le nouveau cluster", 3, parent="MIG-100"),
            item("POR-1", "Portail transporteurs", 4, is_epic=True),
            item("BIL-20", "Facturation automatique", 5, is_epic=True, due=dt.date(2027, 3, 1)),
        ]
    }
)


def extract(text: str, today: dt.date = TODAY) -> StatusFacts:
    return EXTRACTOR.extract(text, BACKLOG, today=today)


def only_slip(text: str, today: dt.date = TODAY):
    facts = extract(text, today)
    assert len(facts.slips) == 1, facts
    return facts.slips[0]


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("On a 3 sprints de retard sur la migration.", 3, DelayUnit.SPRINTS),
        ("We are 3 sprints late on the migration.", 3, DelayUnit.SPRINTS),
        ("La migration a trois sprints de retard.", 3, DelayUnit.SPRINTS),
        ("The migration slipped by two weeks.", 2, DelayUnit.WEEKS),
        ("La migration glisse de 2 semaines.", 2, DelayUnit.WEEKS),
        ("La migration a deux semaines de décalage.", 2, DelayUnit.WEEKS),
        ("Retard de 10 jours ouvrés sur la migration.", 10, DelayUnit.WORKING_DAYS),
        ("The migration is 10 working days late.", 10, DelayUnit.WORKING_DAYS),
        ("The migration is 10 business days behind.", 10, DelayUnit.WORKING_DAYS),
        ("La migration a 5 jours de retard.", 5, DelayUnit.CALENDAR_DAYS),
        ("The migration is 5 days late.", 5, DelayUnit.CALENDAR_DAYS),
        ("Migration : +5j.", 5, DelayUnit.CALENDAR_DAYS),
        ("On a un mois de retard sur la migration.", 1, DelayUnit.MONTHS),
        ("The migration is 1 month late.", 1, DelayUnit.MONTHS),
        ("The migration is a month late.", 1, DelayUnit.MONTHS),
        ("Migration: +3 weeks.", 3, DelayUnit.WEEKS),
        ("Migration : +3 semaines.", 3, DelayUnit.WEEKS),
        ("Migration: +2 sprints", 2, DelayUnit.SPRINTS),
        ("La migration est repoussée de 3 semaines.", 3, DelayUnit.WEEKS),
        ("The migration was pushed back by a month.", 1, DelayUnit.MONTHS),
        ("The migration was postponed by one week.", 1, DelayUnit.WEEKS),
        ("The migration is delayed by 5 days.", 5, DelayUnit.CALENDAR_DAYS),
        ("La migration dérape de 2 sprints.", 2, DelayUnit.SPRINTS),
        ("A 2-week delay on the migration.", 2, DelayUnit.WEEKS),
        ("The migration needs two more weeks.", 2, DelayUnit.WEEKS),
        ("La migration demande 2 semaines supplémentaires.", 2, DelayUnit.WEEKS),
        ("On a vingt et un jours de retard sur la migration.", 21, DelayUnit.CALENDAR_DAYS),
        ("The migration is twenty-one days late.", 21, DelayUnit.CALENDAR_DAYS),
        ("The migration is half a sprint late.", 0.5, DelayUnit.SPRINTS),
        ("Un demi-sprint de retard sur la migration.", 0.5, DelayUnit.SPRINTS),
        ("La migration a un sprint et demi de retard.", 1.5, DelayUnit.SPRINTS),
        ("La migration a 1,5 sprint de retard.", 1.5, DelayUnit.SPRINTS),
        ("Retard : 2 sprints sur la migration.", 2, DelayUnit.SPRINTS),
        ("Migration: we need another 3 weeks.", 3, DelayUnit.WEEKS),
        ("We lost 2 weeks on the migration.", 2, DelayUnit.WEEKS),
        (
            "La migration glisse encore d'un sprint, soit 3 sprints de retard au total.",
            3,
            DelayUnit.SPRINTS,
        ),
    ],
)
def test_reads_each_delay_form_in_french_and_english(text, amount, unit):
    slip = only_slip(text)
    assert (slip.kind, slip.delay.amount, slip.delay.unit) == (SlipKind.LATE, amount, unit)
    assert slip.item_key == "MIG-100"
    assert slip.delay.text in text


@pytest.mark.parametrize(
    "text",
    [
        "20 points de plus sur la migration.",
        "The migration got 20 more story points.",
        "Scope grew by 20 points on the migration.",
        "Migration: +20 pts.",
    ],
)
def test_scope_growth_is_a_delay_in_points(text):
    slip = only_slip(text)
    assert (slip.kind, slip.delay.amount, slip.delay.unit) == (SlipKind.LATE, 20, DelayUnit.POINTS)
    assert slip.item_key == "MIG-100"


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            "La migration, prévue le 15 mars, est repoussée au 12 avril.",
            (2027, 3, 15),
            (2027, 4, 12),
        ),
        ("The migration moved from 2027-03-01 to 2027-04-12.", (2027, 3, 1), (2027, 4, 12)),
        ("The migration was due March 1, now April 12.", (2027, 3, 1), (2027, 4, 12)),
        ("La migration est décalée du 01/03/2027 au 12/04/2027.", (2027, 3, 1), (2027, 4, 12)),
        ("La migration : le 12 avril au lieu du 1er mars, décalée.", (2027, 3, 1), (2027, 4, 12)),
    ],
)
def test_a_moved_date_is_a_delay_in_calendar_days(text, old, new):
    slip = only_slip(text)
    assert slip.delay.unit is DelayUnit.DATES
    assert (slip.delay.old_date, slip.delay.new_date) == (dt.date(*old), dt.date(*new))
    assert slip.delay.amount == (dt.date(*new) - dt.date(*old)).days
    assert (slip.kind, slip.item_key) == (SlipKind.LATE, "MIG-100")


def test_dates_without_a_year_take_the_year_nearest_to_today():
    slip = only_slip(
        "La migration, prévue le 15 mars, est repoussée au 12 avril.", dt.date(2027, 9, 1)
    )
    assert slip.delay.old_date == dt.date(2027, 3, 15)


def test_a_move_across_new_year_rolls_the_year_over():
    slip = only_slip(
        "La migration est décalée du 15 décembre au 10 janvier.", dt.date(2026, 11, 20)
    )
    assert (slip.delay.old_date, slip.delay.new_date) == (
        dt.date(2026, 12, 15),
        dt.date(2027, 1, 10),
    )
    assert slip.delay.amount == 26


def test_a_date_moved_earlier_is_good_news():
    slip = only_slip("The migration moved from 2027-04-12 to 2027-03-01.")
    assert (slip.kind, slip.delay.amount) == (SlipKind.AHEAD, 42)


def test_a_lone_new_date_is_measured_from_the_items_planned_date():
    slip = only_slip("La facturation automatique est repoussée au 15 mars.")
    assert slip.item_key == "BIL-20"
    assert (slip.delay.old_date, slip.delay.new_date) == (dt.date(2027, 3, 1), dt.date(2027, 3, 15))
    assert slip.delay.amount == 14


def test_a_lone_new_date_without_a_planned_date_is_unquantified():
    facts = extract("La migration est repoussée au 12 avril.")
    assert facts.slips == ()
    assert facts.unquantified == ("La migration est repoussée au 12 avril.",)


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("We are one week ahead on the migration.", 1, DelayUnit.WEEKS),
        ("On a 1 semaine d'avance sur la migration.", 1, DelayUnit.WEEKS),
        ("The migration was delivered 2 weeks early.", 2, DelayUnit.WEEKS),
        ("La migration est en avance de 3 jours.", 3, DelayUnit.CALENDAR_DAYS),
        ("On a gagné une semaine sur la migration.", 1, DelayUnit.WEEKS),
        ("10 points de moins sur la migration.", 10, DelayUnit.POINTS),
    ],
)
def test_good_news_is_a_slip_ahead(text, amount, unit):
    slip = only_slip(text)
    assert (slip.kind, slip.delay.amount, slip.delay.unit) == (SlipKind.AHEAD, amount, unit)
    assert slip.item_key == "MIG-100"


@pytest.mark.parametrize(
    "text",
    [
        "No delay on the migration.",
        "Pas de retard sur la migration.",
        "Aucun retard sur la migration.",
        "The migration is on track.",
        "La migration est dans les temps.",
        "The migration did not slip by two weeks.",
        "On n'a pas pris 3 semaines de retard sur la migration.",
        "The migration isn't late.",
        "La migration avance bien, comme prévu.",
        "La migration ne glisse plus : on a rattrapé les 2 semaines de retard.",
        "We caught up the 2 weeks of delay on the migration.",
    ],
)
def test_denied_or_on_track_delays_yield_nothing(text):
    facts = extract(text)
    assert (facts.slips, facts.unmatched, facts.unquantified) == ((), (), ())


@pytest.mark.parametrize(
    "text",
    ["The migration is a bit late.", "La migration prend un peu de retard.", "Billing slipped."],
)
def test_delay_talk_without_a_number_is_reported_as_unquantified(text):
    facts = extract(text)
    assert facts.slips == ()
    assert facts.unquantified == (text,)


def test_each_clause_yields_its_own_slip():
    facts = extract(
        "La migration a 3 sprints de retard et le portail transporteurs glisse de 2 semaines. "
        "Automated billing is 5 working days late."
    )
    got = [(s.item_key, s.delay.amount, s.delay.unit) for s in facts.slips]
    assert got == [
        ("MIG-100", 3, DelayUnit.SPRINTS),
        ("POR-1", 2, DelayUnit.WEEKS),
        ("BIL-20", 5, DelayUnit.WORKING_DAYS),
    ]


def test_the_same_item_reported_twice_keeps_the_larger_delay_once():
    facts = extract("Migration : +2 semaines. Bref, on a 2 sprints de retard sur la migration.")
    assert [(s.item_key, s.delay.amount, s.delay.unit) for s in facts.slips] == [
        ("MIG-100", 2, DelayUnit.SPRINTS)
    ]


def test_points_and_time_on_the_same_item_are_both_kept():
    facts = extract("La migration glisse de 2 semaines. 20 points de plus sur la migration.")
    assert [s.delay.unit for s in facts.slips] == [DelayUnit.WEEKS, DelayUnit.POINTS]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("On a 3 sprints de retard sur la migration.", "fr"),
        ("We are 3 sprints late on the migration.", "en"),
        ("", "fr"),
    ],
)
def test_detects_the_language_of_the_status(text, language):
    assert extract(text).language == language


FR_UNITS = {
    DelayUnit.SPRINTS: "sprints",
    DelayUnit.WEEKS: "semaines",
    DelayUnit.WORKING_DAYS: "jours ouvrés",
    DelayUnit.CALENDAR_DAYS: "jours",
    DelayUnit.MONTHS: "mois",
    DelayUnit.POINTS: "points",
}
EN_UNITS = {
    DelayUnit.SPRINTS: "sprints",
    DelayUnit.WEEKS: "weeks",
    DelayUnit.WORKING_DAYS: "working days",
    DelayUnit.CALENDAR_DAYS: "days",
    DelayUnit.MONTHS: "months",
    DelayUnit.POINTS: "points",
}


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 99), unit=st.sampled_from(sorted(FR_UNITS)), english=st.booleans())
def test_any_quantity_and_unit_reads_back_exactly(n, unit, english):
    if english:
        text = f"{n} {EN_UNITS[unit]} late on the migration"
    else:
        text = f"{n} {FR_UNITS[unit]} de retard sur la migration"
    slip = only_slip(text)
    assert (slip.delay.amount, slip.delay.unit, slip.item_key) == (n, unit, "MIG-100")


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    facts = extract(text)
    assert facts.language in ("fr", "en")


@settings(max_examples=100, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "3",
                "trois",
                "sprints",
                "de",
                "retard",
                "late",
                "+",
                "du",
                "au",
                "15",
                "mars",
                "/",
                "2027-04-12",
                "pas",
                "no",
                ",",
                ".",
                "(",
                ")",
                ":",
                "migration",
                "MIG-100",
                "#1",
                "jours",
                "ouvrés",
                "avance",
                "ahead",
                "glisse",
                "moved",
                "from",
                "to",
                "demi",
                "-",
            ]
        ),
        max_size=25,
    ).map(" ".join)
)
def test_delay_vocabulary_in_any_order_never_raises(text):
    for slip in extract(text).slips:
        assert slip.delay.amount > 0


def test_second_slip_with_its_verb_left_out_is_read_fr_and_en() -> None:
    """Found by the eval suite: "X slipped by A and Y by B" used to drop Y silently."""
    from assistant.loaders import load_backlog
    from tests.conftest import TRANSVIA

    backlog = load_backlog([TRANSVIA / "backlog.csv"])
    for text in (
        "PLT-11 a 2 semaines de retard et BIL-21 3 semaines.",
        "PLT-11 slipped by 2 weeks and BIL-21 by 3 weeks.",
    ):
        facts = RuleBasedExtractor().extract(text, backlog, today=dt.date(2026, 11, 20))
        assert [(s.item_key, s.delay.amount) for s in facts.slips] == [("PLT-11", 2), ("BIL-21", 3)]


def test_key_written_before_a_colon_names_the_slip_of_the_sentence() -> None:
    """Found by the eval suite: the clause after "KEY :" used to hide the key."""
    from assistant.loaders import load_backlog
    from tests.conftest import TRANSVIA

    backlog = load_backlog([TRANSVIA / "backlog.csv"])
    text = "BIL-21 : la seule développeuse du code de facturation est absente, 2 sprints de retard."
    facts = RuleBasedExtractor().extract(text, backlog, today=dt.date(2026, 11, 20))
    assert [(s.item_key, s.delay.amount) for s in facts.slips] == [("BIL-21", 2)]
