"""Language is a unit: a lexicon and a registry line make the reader read a new language
(the Spanish fixture in tests/data/lang/es.py), and a language nobody registered is refused
with a clear message (issue 10 item 5)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, SEED

SCRIPT = """
import datetime as dt, json, sys
sys.path.insert(0, {root!r})
import assistant.lang as lang
from tests.data.lang.es import LEXICON
lang.register(LEXICON)                       # before the reader's modules are imported
from assistant.facts.extract import RuleBasedExtractor
from assistant.inputs import load_inputs
seed = {seed!r}
inputs = load_inputs(f"{{seed}}/context.yaml", f"{{seed}}/goals.yaml", [f"{{seed}}/backlog.csv"])
facts = RuleBasedExtractor().extract(sys.argv[1], inputs.backlog, today=dt.date(2026, 11, 20))
print(json.dumps({{"language": facts.language,
                  "slips": [[s.item_key, s.delay.amount, s.delay.unit.value] for s in facts.slips],
                  "claims": [c.kind.value for c in facts.claims]}}))
"""


def _read(text: str) -> dict:
    script = SCRIPT.format(root=str(ROOT), seed=str(SEED))
    done = subprocess.run(
        [sys.executable, "-c", script, text], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout)


def test_a_registered_language_is_read_from_its_lexicon_alone():
    got = _read(
        "La migración tiene 2 semanas de retraso. El portal podría llevar tres días más si "
        "el proveedor no responde."
    )
    assert got["language"] == "es"
    assert got["slips"] == [["MIG-100", 2.0, "weeks"]]
    assert got["claims"][:2] == ["slip", "risk"]


def test_adding_a_language_touches_at_most_six_files():
    """The files README "Adding a language" lists, checked to exist for French: a new
    language copies each of them once (plus glossary entries)."""
    per_language = [
        "assistant/lang/fr.py",  # the lexicon the reader compiles its patterns from
        "assistant/lang/registry.py",  # one line in READ and SPOKEN
        "prompts/phrases.fr.v1.yaml",  # report and UI strings
        "prompts/brief.fr.v1.md.j2",  # the brief
        "prompts/roadmap.fr.v1.md.j2",  # the roadmap
        "knowledge/glossary.yaml",  # the glossary entries
    ]
    assert len(per_language) <= 6
    assert all((ROOT / path).exists() for path in per_language)


def test_a_registered_language_gives_the_words_that_introduce_a_subject_too():
    """The subject after a delay phrase ("... sobre la migración") is found with the new
    language's prepositions, and its cause connector opens a cause clause: the clause words
    are compiled from the lexicons too, not written as a French|English alternation."""
    got = _read("Llevamos 2 semanas de retraso sobre la migración porque el proveedor no responde.")
    assert got["language"] == "es"
    assert got["slips"] == [["MIG-100", 2.0, "weeks"]]


STAFFING = """
import datetime as dt, json, sys
sys.path.insert(0, {root!r})
import assistant.lang as lang
from tests.data.lang.es import LEXICON
lang.register(LEXICON)                       # before the reader's modules are imported
from assistant.inputs import load_inputs
from assistant.roadmap.world import ClaimView, staffing_changes
seed = {seed!r}
inputs = load_inputs(f"{{seed}}/context.yaml", f"{{seed}}/goals.yaml", [f"{{seed}}/backlog.csv"])
claim = ClaimView(id="c1", quote=sys.argv[1], kind="news", news="staffing")
changes, _ = staffing_changes([claim], inputs.context, inputs.backlog, start=dt.date(2026, 11, 23))
print(json.dumps([[c.team, c.people, str(c.from_date), str(c.until_date)] for c in changes]))
"""


def test_a_registered_language_gives_the_roadmap_its_staffing_words():
    """Who leaves, how many, which team and until when are read with the new language's
    staffing and period words: the roadmap's patterns come from the lexicons too."""
    script = STAFFING.format(root=str(ROOT), seed=str(SEED))
    text = "Dos desarrolladores dejan el equipo Payments en febrero durante 3 meses."
    done = subprocess.run(
        [sys.executable, "-c", script, text], capture_output=True, text=True, check=True, cwd=ROOT
    )
    # 1 February 2027 plus 3 months (13 weeks) to 3 May
    assert json.loads(done.stdout) == [["Payments", -2.0, "2027-02-01", "2027-05-03"]]
