"""Language is a unit on the output side too: a registered language's lexicon says how its
briefs write figures (separators, the currency's place, plurals, month names and dates) and
its phrases and template say the words, found in a folder outside Steerco's prompts/ (the
Spanish fixture, tests/data/lang/). Nothing in the formatting code names a language."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from assistant.errors import ConfigError
from assistant.prompts import add_folder, folders
from tests.conftest import ROOT, SEED

SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import assistant.lang as lang
from tests.data.lang.es import LEXICON, PROMPTS
lang.register(LEXICON, prompts=PROMPTS)      # at start-up, with its phrases and templates
from click.testing import CliRunner
from assistant.cli import cli
from assistant.narration.formatting import format_value
from assistant.prompts import phrase
seed = {seed!r}
args = ["brief", "--context", f"{{seed}}/context.yaml", "--goals", f"{{seed}}/goals.yaml",
        "--backlog", f"{{seed}}/backlog.csv", "--text", sys.argv[1], "--lang", "es",
        "--as-of", "2026-11-20"]
brief = CliRunner().invoke(cli, args)
data = CliRunner().invoke(cli, [*args, "--format", "json"])
print(json.dumps({{"exit": brief.exit_code, "brief": brief.output,
    "warnings": json.loads(data.output)["warnings"] if data.exit_code == 0 else None,
    "values": [format_value(v, u, "es") for v, u in json.loads(sys.argv[2])],
    "fr_still_shipped": phrase("fr", "reading", "slip")}}))
"""


def _spanish(status: str, values: list[tuple[float | str, str]] = ()) -> dict:
    script = SCRIPT.format(root=str(ROOT), seed=str(SEED))
    done = subprocess.run(
        [sys.executable, "-c", script, status, json.dumps(list(values))],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_the_spanish_brief_of_a_slip_writes_figures_the_spanish_way():
    got = _spanish("La migración tiene 2 semanas de retraso.")
    brief = got["brief"]
    assert got["exit"] == 0, brief
    assert brief.startswith("# Punto de situación — Fintrak SA")  # the es template
    assert "+2 semanas, nueva fecha estimada 15 de marzo de 2027" in brief  # es months, pattern
    assert "en lugar del 1 de marzo de 2027" in brief  # no French "1er"
    assert "sobrecoste estimado 90.000 EUR" in brief  # dot thousands, currency after
    assert "5 personas a 800 EUR por día" in brief  # an assumption from phrases.es
    assert "semaines" not in brief and "weeks" not in brief
    # and the grounding check reads it back: Spanish dates, dot-grouped amounts, "por semana"
    assert got["warnings"] == []


def test_the_spanish_lexicon_gives_decimals_plurals_and_unit_words():
    got = _spanish(".", [(1.5, "weeks"), (1, "weeks"), (1234567.25, "EUR"), (3, "working_days"),
                         ("2027-01-01", "date")])  # fmt: skip
    assert got["values"] == [
        "1,5 semanas",  # decimal comma; plural for all but 1 (French: "1,5 semaine")
        "1 semana",
        "1.234.567 EUR",
        "3 días laborables",  # phrases.es units
        "1 de enero de 2027",
    ]


FOLDER_SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
from assistant import prompts
prompts.add_folder(sys.argv[1])
print(json.dumps({{"fr": prompts.phrase("fr", "reading", "slip"),
                  "xx": prompts.phrase("xx", "reading", "slip"),
                  "template": prompts.render("brief.xx.v1.md.j2", company="Acme")}}))
"""


def test_an_added_prompts_folder_adds_a_language_and_replaces_no_shipped_file(tmp_path):
    (tmp_path / "phrases.fr.v1.yaml").write_text('reading:\n  slip: "Remplacé"\n')
    (tmp_path / "phrases.xx.v1.yaml").write_text('reading:\n  slip: "Xlip"\n')
    (tmp_path / "brief.xx.v1.md.j2").write_text("# {{ company }}\n")
    done = subprocess.run(
        [sys.executable, "-c", FOLDER_SCRIPT.format(root=str(ROOT)), str(tmp_path)],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    got = json.loads(done.stdout)
    assert got == {"fr": "Retard", "xx": "Xlip", "template": "# Acme\n"}


def test_the_output_code_names_no_language():
    """How figures are written and the output's words come from the lexicons and phrases:
    no `language == "fr"` branch and no {"fr": ..., "en": ...} table in the writing code."""
    files = [
        ROOT / "assistant" / "narration" / name
        for name in ("formatting.py", "claims.py", "grounding.py", "skeleton.py", "llm_narrator.py")
    ]
    files += sorted((ROOT / "assistant" / "roadmap" / "render").glob("*.py"))
    files.append(ROOT / "assistant" / "facts" / "llm_extract.py")
    for path in files:
        source = path.read_text(encoding="utf-8")
        source = source.replace('o.title_fr if language == "fr" else o.title_en', "")  # lang-fields
        source = source.replace('o.reason_fr if language == "fr" else o.reason_en', "")
        assert not re.search(r'[=!]= "(?:fr|en)"|"(?:fr|en)": \{', source), path.name


def test_a_missing_prompts_folder_is_refused_with_the_fix(tmp_path):
    with pytest.raises(ConfigError, match="does not exist") as refused:
        add_folder(tmp_path / "nowhere")
    assert "phrases.<lang>.v1.yaml" in str(refused.value)
    assert tmp_path / "nowhere" not in folders()


CLAIMS = """
import json, sys
sys.path.insert(0, {root!r})
import assistant.lang as lang
from tests.data.lang.es import LEXICON
if sys.argv[1] == "registered":
    lang.register(LEXICON)  # before the grounding check's reader is imported
from assistant.narration.claims import find_claims
text = "El lanzamiento se retrasa 3 semanas; sobrecoste de 95 mil euros, un 20 por ciento más."
print(json.dumps([[c.kind, c.value, c.currency] for c in find_claims(text, "es")]))
"""


@pytest.mark.parametrize("registered", [True, False])
def test_the_grounding_check_reads_a_registered_languages_units_and_amounts(registered):
    """The check's reader is compiled from the lexicons too: the Spanish one's units,
    magnitudes, currency words and percent words make claims of a weeks, an amount and a
    percentage; without it, the same text gives bare counts the check cannot hold to a unit."""
    script = CLAIMS.format(root=str(ROOT))
    which = "registered" if registered else "shipped"
    done = subprocess.run(
        [sys.executable, "-c", script, which], capture_output=True, text=True, check=True, cwd=ROOT
    )
    claims = json.loads(done.stdout)
    if registered:
        assert claims == [["weeks", 3.0, None], ["money", 95000.0, "EUR"], ["percent", 20.0, None]]
    else:
        assert ["weeks", 3.0, None] not in claims and ["money", 95000.0, "EUR"] not in claims
