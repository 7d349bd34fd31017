"""The verification step: the final text, whoever wrote it, checked against the facts."""

from __future__ import annotations

import re

from assistant.brief import Computed
from assistant.inputs import Inputs
from assistant.lang import READ
from assistant.prompts import appendix_headings
from assistant.workflow.state import Check, Verification


def check_brief_text(
    text: str,
    computed: Computed,
    *,
    inputs: Inputs,
    language: str,
    audience: str,
    template: bool = False,
) -> Verification:
    """Grounding of the final text. The template's length is a design choice, not a model's
    drift: it is not held to the audience's word limit (`template=True`)."""
    from assistant.narration.brief_check import check_report_text

    risks = [r.title_in(language) for r in computed.risks]
    result = check_report_text(
        narrative_part(text),
        computed.report,
        backlog=inputs.backlog,
        goals=inputs.goals,
        context=inputs.context,
        language=language,
        audience=audience,
        required_risks=risks,
        max_words=0 if template else None,
        quoted_causes=template,
    )
    problems = [Check(kind=p.kind, detail=p.detail) for p in result.problems]
    return Verification(ok=result.ok, problems=problems)


def narrative_part(text: str) -> str:
    """The brief without its appendices (assumptions, warnings, figure table, glossary): lists
    the engine generates, quoting formulas and shipped definitions rather than narrating."""
    parts = re.split(r"(?=^## )", text, flags=re.MULTILINE)
    appendix = appendix_headings("skeleton", tuple(READ))
    return "".join(part for part in parts if not appendix.match(part))
