"""Who reads a brief or a roadmap: one profile per audience, the only place audiences differ.

Templates, prompts, the grounding check, the CLI, the API and the web page read these
profiles; none of them compares audience names. Adding an audience is one entry in `AUDIENCES` and its name in
`AudienceName` (and `RoadmapAudienceName` if it gets roadmaps), here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple

from assistant.errors import InputError

AudienceName = Literal["comex", "cfo", "engineering"]
RoadmapAudienceName = Literal["comex", "engineering"]


class Audience(NamedTuple):
    """One reader's profile: what the prompts tell the model, how long a narrative may be, and
    what the brief shows them."""

    name: str
    reader: str  # who reads, for the model's prompts
    max_words: int  # the grounding check's length limit for a model-written narrative
    explain_jargon: bool  # a "technical terms" section in plain words
    figure_table: bool  # the table of where every figure comes from
    show_keys: bool  # issue keys, teams and dependency chains
    style: str = ""  # the narration prompt's rule on tone for this reader
    labels: Mapping[str, str] = MappingProxyType({})  # its name in each UI language
    roadmap: bool = False  # a roadmap can be drafted for this audience


AUDIENCES: dict[str, Audience] = {
    "comex": Audience(
        "comex", "an executive committee (COMEX)", 250,
        explain_jargon=True, figure_table=False, show_keys=False, roadmap=True,
        style="Plain business words: no issue keys, no jargon.",
        labels={"fr": "Comité de direction", "en": "Executive committee"},
    ),
    "cfo": Audience(
        "cfo", "a CFO", 350, explain_jargon=True, figure_table=True, show_keys=False,
        style="Focus on money: what each figure costs and which decision saves the most.",
        labels={"fr": "Direction financière", "en": "CFO"},
    ),
    "engineering": Audience(
        "engineering", "an engineering team", 600,
        explain_jargon=False, figure_table=True, show_keys=True, roadmap=True,
        style="Engineers read this: issue keys, teams and dependency chains are welcome.",
        labels={"fr": "Équipe technique", "en": "Engineering"},
    ),
}  # fmt: skip
DEFAULT = "comex"
NAMES: tuple[str, ...] = tuple(AUDIENCES)
ROADMAP_NAMES: tuple[str, ...] = tuple(n for n, a in AUDIENCES.items() if a.roadmap)


def profile(name: str) -> Audience:
    """The profile of `name`; an unknown audience is a user error naming the known ones."""
    try:
        return AUDIENCES[name]
    except KeyError:
        raise InputError(
            f"unknown audience '{name}'.", fix=f"use one of: {', '.join(NAMES)}."
        ) from None
