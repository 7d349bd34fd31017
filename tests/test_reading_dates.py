"""Dates by role and fuzzy dates, each with its documented convention (README "Reading a
status"). Status date: Friday 20 November 2026."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.facts.dates import find_date_shifts
from assistant.facts.language import fold

TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("repoussée au 8 janvier ; elle était prévue le 11 décembre", "2026-12-11", "2027-01-08"),
        ("la sortie passe à fin avril au lieu de mi-mars", "2027-03-15", "2027-04-30"),
        ("go-live pushed from early Q2 to end of Q2", "2027-04-01", "2027-06-30"),
        ("prévu mi-mars, ne sortira qu'après Pâques", "2027-03-15", "2027-03-29"),
        ("now expected on 18 December instead of 4 December", "2026-12-04", "2026-12-18"),
        (
            "will not ship before 15 January; it was planned for 18 December",
            "2026-12-18",
            "2027-01-15",
        ),
        ("avant Noël au lieu de après les fêtes", "2027-01-04", "2026-12-24"),
        ("passe en S12 au lieu de S8", "2027-02-22", "2027-03-22"),
        ("moved from W10 to W14", "2027-03-08", "2027-04-05"),
        ("prévue le 20 novembre, repoussée dans 15 jours", "2026-11-20", "2026-12-05"),
    ],
)
def test_the_planned_and_the_new_date_are_read_by_their_role(text, old, new):
    (shift,) = find_date_shifts(fold(text), TODAY)
    assert (shift.old.isoformat(), shift.new.isoformat()) == (old, new)


def test_next_week_is_the_monday_after_the_status_date():
    (shift,) = find_date_shifts(fold("repoussée à la semaine prochaine"), TODAY)
    assert shift.old is None and shift.new == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    ["Je suis absent du 23 au 27 novembre.", "Statut S24 : tout va bien", "(2 Nov – 20 Nov)"],
)
def test_dates_without_a_move_are_no_shift(text):
    assert find_date_shifts(fold(text), TODAY) == []
