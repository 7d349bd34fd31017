"""A pydantic plugin installed next to Steerco would be handed every value pydantic validates,
every client's data with them: Steerco loads none unless the operator asks for them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed_args

PLUGIN = """
import os, pathlib

pathlib.Path(os.environ["PLUGIN_MARKER"]).write_text("loaded")


class Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = Plugin()
"""


def _brief_with_a_plugin_installed(tmp_path: Path, **environ: str) -> bool:
    """Runs a one-shot `steerco brief` with a pydantic plugin on the path; True if it loaded."""
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n"
    )
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n"
    )
    (site / "spy_plugin.py").write_text(PLUGIN)
    marker = tmp_path / "marker"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env.update(PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]), PLUGIN_MARKER=str(marker))
    env.update(environ)
    code = "import sys; from assistant.cli import main; sys.argv[0] = 'steerco'; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, *seed_args("status.fr.txt")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "EUR" in done.stdout
    return marker.exists()


def test_a_pydantic_plugin_in_the_environment_never_sees_a_brief(tmp_path: Path) -> None:
    assert not _brief_with_a_plugin_installed(tmp_path)


@pytest.mark.parametrize("choice", ["", "other-plugin"])
def test_an_operator_can_still_enable_pydantic_plugins(tmp_path: Path, choice: str) -> None:
    assert _brief_with_a_plugin_installed(tmp_path, PYDANTIC_DISABLE_PLUGINS=choice)
