"""Who reads a brief or a roadmap: one profile per audience, the only place audiences differ.

Templates, prompts, the grounding check, the CLI, the API and the web page read these
profiles; none of them compares audience names. Adding an audience is one entry here (plus its
reader sentence in the narration prompt if it needs its own tone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.errors import InputError

AudienceName = Literal["comex", "cfo", "engineering"]
RoadmapAudienceName = Literal["comex", "engineering"]


@dataclass(frozen=True)
class Audience:
    name: str
    reader: str  # who reads, for the model's prompts
    max_words: int  # the grounding check's length limit for a model-written narrative
    explain_jargon: bool  # a "technical terms" section in plain words
    figure_table: bool  # the table of where every figure comes from
    show_keys: bool  # issue keys, teams and dependency chains
    roadmap: bool = False  # a roadmap can be drafted for this audience


AUDIENCES: dict[str, Audience] = {
    "comex": Audience(
        "comex", "an executive committee (COMEX)", 250,
        explain_jargon=True, figure_table=False, show_keys=False, roadmap=True,
    ),
    "cfo": Audience(
        "cfo", "a CFO", 350, explain_jargon=True, figure_table=True, show_keys=False,
    ),
    "engineering": Audience(
        "engineering", "an engineering team", 600,
        explain_jargon=False, figure_table=True, show_keys=True, roadmap=True,
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
