"""A `steerco` process ends without the interpreter's teardown, and loses nothing for it: its
output, its exit handlers' work and a thread still running all get done first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant.cli.process import YOUNG_THRESHOLD
from tests.conftest import ROOT, run_cli, seed_args


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT
    )


def test_a_brief_piped_out_is_complete_and_exits_zero() -> None:
    done = _python("from assistant.cli import main; main()", *seed_args("status.fr.txt"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == run_cli(*seed_args("status.fr.txt")).stdout  # all of it, flushed
    assert "EUR" in done.stdout and done.stderr == ""


def test_exit_handlers_run_and_their_output_is_flushed(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    code = (
        "import atexit, pathlib, sys\n"
        "from assistant.cli import process\n"
        f"atexit.register(lambda: pathlib.Path({str(marker)!r}).write_text('done'))\n"
        "atexit.register(lambda: print('last words'))\n"
        "print('result', end='')\n"
        "process.end(3)\n"
    )
    done = _python(code)
    assert (done.returncode, marker.read_text()) == (3, "done")
    assert done.stdout == "resultlast words\n"


def test_a_thread_still_running_is_waited_for(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    code = (
        "import pathlib, threading, time\n"
        "from assistant.cli import process\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        f"    pathlib.Path({str(marker)!r}).write_text('written')\n"
        "threading.Thread(target=late).start()\n"
        "process.end(0)\n"
    )
    done = _python(code)
    assert (done.returncode, marker.read_text()) == (0, "written")


def test_a_brief_run_under_cprofile_still_gets_its_profile_written(tmp_path: Path) -> None:
    out = tmp_path / "brief.prof"
    code = (
        "import cProfile, sys\n"
        "from assistant.cli import main\n"
        "sys.argv = ['steerco', *sys.argv[1:]]\n"
        f"cProfile.run('main()', {str(out)!r})\n"
    )
    done = _python(code, *seed_args("status.fr.txt"))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0 and "EUR" in done.stdout


def test_a_command_collects_garbage_less_often_and_a_server_as_usual() -> None:
    code = (
        "import gc\n"
        "from assistant.cli import process\n"
        "default = gc.get_threshold()\n"
        "process.start()\n"
        "short = gc.get_threshold()\n"
        "process.long_running()\n"
        "print(default[0], short[0], gc.get_threshold() == default)\n"
    )
    default, short, restored = _python(code).stdout.split()
    assert int(short) == YOUNG_THRESHOLD > int(default) and restored == "True"
