"""Imported once by the one-shot briefs' forkserver (api/worker.py): imports the pipeline and
runs two tiny briefs, so the lazily built parts (glossary, phrase patterns, matchers) are
ready in every worker forked from it, instead of costing each request about a second."""

from __future__ import annotations

import contextlib
import gc
import json

from api.routes.briefs import one_shot

_BODY = {
    "context": {
        "company": "Warm-up",
        "teams": [{"name": "Platform", "people": 2, "day_rate": 500}],
    },
    "goals": [
        {"id": "G1", "title": "Launch", "cost_of_delay_per_week": 1000, "depends_on": ["A-1"]}
    ],
    "backlog": [
        {"key": "A-1", "title": "Migration de la base", "type": "Epic", "team": "Platform"}
    ],
    "today": "2026-11-20",
}

for status, language in (
    ("la migration a 2 semaines de retard", "fr"),
    ("A-1 slipped 2 weeks", "en"),
):
    with contextlib.suppress(Exception):  # a warm-up never stops the server
        one_shot(json.dumps({**_BODY, "status": status, "language": language}))

# What the forkserver holds now is shared by every worker: keep the garbage collector off it
# (a full collection in a worker would walk, and copy, the whole inherited heap).
gc.collect()
gc.freeze()
