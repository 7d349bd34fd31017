"""The command line's language choices come from the registry (assistant/lang): a language
registered at start-up is offered by every `--lang` and accepted by the service's requests,
with no list of languages in the CLI to edit (issue 10 item 5)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, run_cli

SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import assistant.lang as lang
from tests.data.lang.es import LEXICON
lang.register(LEXICON)                       # at start-up, before the CLI is imported
from click.testing import CliRunner
from assistant.cli import cli
from assistant import service
helps = {{c: CliRunner().invoke(cli, [c, "--help"]).output for c in ("brief", "roadmap")}}
request = service.make(service.BriefOptions, status="x", language="es")
print(json.dumps({{"helps": helps, "language": request.language}}))
"""


def test_a_registered_language_is_offered_by_every_lang_option_and_taken_by_the_service():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=str(ROOT))],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    got = json.loads(done.stdout)
    for command, text in got["helps"].items():
        flat = " ".join(text.split())
        assert "[fr|en|es]" in flat, command
        assert "fr (French), en (English), es (Spanish)" in flat, command
    assert got["language"] == "es"


def test_the_lang_help_names_the_languages_read_and_refuses_another():
    flat = " ".join(run_cli("brief", "--help").output.split())
    assert "fr (French), en (English)" in flat and "es (Spanish)" not in flat
    refused = run_cli("roadmap", "--lang", "de", "--context", "x")
    assert refused.exit_code == 2 and "'de' is not one of 'fr', 'en'" in refused.output
