"""The brief's assumptions agree their plurals and show amounts with their currency."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, TRANSVIA, ok, run_cli


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


@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("fr", "**Aucun objectif ne glisse, mais ce point signale un risque et une nouvelle pour le comité (ci-dessous).**"),
        ("en", "**No goal moves, but this status reports a risk and news for the committee (below).**"),
    ],
)  # fmt: skip
def test_a_status_with_only_a_risk_and_news_says_so_in_the_headline(
    tmp_path, lang: str, headline: str
) -> None:
    """Never a bare "nothing moves" when the status reports a risk or news: the headline points
    to them, and a brief without assumptions has no empty "Hypothèses" section."""
    status = tmp_path / "status.txt"
    status.write_text(
        "Le connecteur de paie pourrait prendre deux semaines de plus si l'éditeur ne livre pas "
        "son API à temps. Bonne nouvelle : la facture cloud baisse de 20 %.\n",
        encoding="utf-8",
    )
    folder = ROOT.parent / "shared" / "examples" / "realistic-statuses"
    result = run_cli(
        "brief", "--context", str(folder / "context.yaml"), "--goals", str(folder / "goals.yaml"),
        "--backlog", str(folder / "backlog.csv"), "--status", str(status), "--lang", lang,
        "--as-of", "2026-11-20",
    )  # fmt: skip
    assert headline in result.stdout
    assert "Nothing in this status moves a goal" not in result.stdout
    assert (
        "## Hypothèses\n\n##" not in result.stdout and "## Assumptions\n\n##" not in result.stdout
    )


def test_the_markdown_brief_is_its_html_text_with_the_figures_written_in() -> None:
    """One rendering serves both: the Markdown brief is the marked one with each figure
    written as the template writes it, on every development status, language and audience."""
    import yaml

    from assistant.inputs import load_inputs
    from assistant.narration.template_narrator import narrate, narrate_both
    from tests.llm_support import seed_brief

    folder = ROOT.parent / "shared" / "examples" / "realistic-statuses"
    inputs = load_inputs(folder / "context.yaml", folder / "goals.yaml", [folder / "backlog.csv"])
    cases = yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8"))["cases"]
    compared = 0
    for case in cases:
        _inputs, result, decisions = seed_brief(case["status"], inputs=inputs)
        for language in ("fr", "en"):
            for audience in ("comex", "cfo", "engineering"):
                options = dict(backlog=inputs.backlog, goals=inputs.goals, context=inputs.context)
                options |= dict(language=language, audience=audience, terms=[])
                options |= dict(risks=list(result.brief.risks))
                alone = narrate(result.report, decisions, **options)
                plain, marked = narrate_both(result.report, decisions, **options)
                assert plain == alone, (case["id"], language, audience)
                assert marked == narrate(result.report, decisions, markers=True, **options)
                compared += 1
    assert compared == 300 and len(cases) == 50
