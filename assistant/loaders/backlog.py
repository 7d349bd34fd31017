"""Loading the backlog: every export read, its format detected, all merged into one.

The entry point the CLI and the API call; everything format-specific lives in the modules
`detect` dispatches to.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.domain import Backlog
from assistant.errors import InputError
from assistant.loaders.detect import no_cyclic_gc, parse_export
from assistant.loaders.links import merge
from assistant.loaders.text import read_text


def load_backlog(paths: Sequence[Path], language: str | None = None) -> Backlog:
    """Read each export (Jira CSV or JSON, Linear CSV, GitHub JSON, generic CSV) and merge them.

    A key found in several exports keeps the version of the last one given; that, links to
    items in no export, and parents in no export are reported in `Backlog.warnings`, as is
    the day/month order assumed for a column of dates such as 08/11/2016 that does not tell
    it: the order of `language` (the context's: fr day first, en month first), else day first.
    """
    if not paths:
        raise InputError(
            "no backlog export was given.",
            fix="Pass at least one export (a Jira, Linear or GitHub export, or a generic CSV).",
        )
    exports, assumed = [], []
    for path in paths:
        export = parse_export(read_text(Path(path)), str(path), language)
        exports.append((export.format, export.items))
        assumed += export.warnings
    with no_cyclic_gc():
        backlog = merge(exports)
    if assumed:
        backlog = backlog.model_copy(update={"warnings": (*assumed, *backlog.warnings)})
    return backlog
