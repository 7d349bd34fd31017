"""Audience as a unit: every surface and check reads the audience's profile."""

from __future__ import annotations

import typing

import pytest

from assistant import audience
from assistant.audience import AUDIENCES, AudienceName, RoadmapAudienceName
from tests.llm_support import fake_client, seed_brief
from tests.test_llm_narrator import GOOD, draft


def test_the_typed_names_are_the_profiles() -> None:
    assert set(typing.get_args(AudienceName)) == set(AUDIENCES)
    assert set(typing.get_args(RoadmapAudienceName)) == set(audience.ROADMAP_NAMES)


def test_the_grounding_check_holds_a_draft_to_its_audience_word_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not draft(fake_client(GOOD))[0].used_fallback  # within comex's 250 words
    terse = AUDIENCES["comex"]._replace(max_words=10)
    monkeypatch.setitem(AUDIENCES, "comex", terse)
    llm, _ = draft(fake_client(GOOD, GOOD))
    assert llm.used_fallback and any(p.kind == "too_long" for p in llm.problems)


def test_templates_show_the_figure_table_by_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    def table(aud: str) -> bool:
        _, result, _ = seed_brief(options={"audience": aud})
        return "## Provenance des chiffres" in result.brief.summary_markdown

    assert not table("comex") and table("cfo")
    monkeypatch.setitem(AUDIENCES, "comex", AUDIENCES["comex"]._replace(figure_table=True))
    assert table("comex")
