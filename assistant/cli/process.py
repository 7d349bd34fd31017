"""How a `steerco` process starts and ends, tuned for a command that lives under a second.

- Start: the cyclic garbage collector runs every 700 new container objects by default, and
  loading Steerco creates hundreds of thousands (classes, functions, patterns), none of them
  garbage: collections found nothing and cost a thirtieth of a cold `steerco brief`. The
  command raises the first threshold; cycles are still collected, less often. A server
  (`steerco serve`) lives long: it goes back to the interpreter's thresholds (`long_running`).
- End: once the command is done, its output flushed and the `atexit` handlers run, tearing
  down every module and freeing every object one by one is work nobody sees (a sixteenth of
  a cold brief); the process ends there. Only when no other thread is still running: a
  thread that is not done gets the interpreter's ordinary shutdown, which waits for it, and
  so does a process run under a profiler or a debugger (`python -m cProfile`), which writes
  its report once the program returns.
  Everything Steerco keeps is written and closed before a command returns (files with
  `with`, SQLite committed), so nothing is left for the interpreter's teardown to flush.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading

EXIT_PIPE = 141  # what a shell reports for a program stopped by SIGPIPE, as `yes | head` does

# Objects allocated (minus freed) between two young-generation collections; CPython's is 700.
YOUNG_THRESHOLD = 50_000
_DEFAULT = gc.get_threshold()


def start() -> None:
    """Collect young objects less often for the command's short life."""
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, _young), middle, old)


def long_running() -> None:
    """The interpreter's own thresholds again, for a process that serves for hours."""
    gc.set_threshold(*_DEFAULT)


def end(code: int) -> None:
    """Finish the process with exit status `code`: flush, run the exit handlers, stop."""
    code = _flush(code)
    if any(t.is_alive() and t is not threading.main_thread() for t in threading.enumerate()):
        sys.exit(code)  # someone still at work: the ordinary shutdown waits for them
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or a debugger writes its report once the program returns
    atexit._run_exitfuncs()
    os._exit(_flush(code))  # the handlers may have written too


def _flush(code: int) -> int:
    """Flush standard output and error; a reader gone (`steerco ... | head -1`) is EXIT_PIPE."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            quiet_stdout()
            code = code or EXIT_PIPE
        except (OSError, ValueError, AttributeError):  # closed or replaced by the caller
            pass
    return code


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so a later flush does not complain too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def exit_code(error: SystemExit) -> int:
    """The status `sys.exit(value)` would have given the shell."""
    if error.code is None:
        return 0
    if isinstance(error.code, int):
        return error.code
    print(error.code, file=sys.stderr)  # sys.exit("message"): printed, status 1
    return 1
