"""Memory per client: the corrections a CTO made to a reading, kept in the workspace and used by
its later readings only.

A confirmed reading (`brief --reading`) that ties a phrase to an item ("La certification ISO"
is SEC-300) or marks a phrase as not a slip is stored here, with when and by whom, once the
brief is kept. Later readings of the same workspace apply it (`reader: memory`) before any
reading file; another workspace has its own `state.sqlite`, so it never sees it.
`steerco memory WS` lists them, `--remove ID` forgets one.
"""

from __future__ import annotations

from typing import Any

from assistant.facts.language import fold
from assistant.facts.reading import Correction
from assistant.facts.status import ClaimKind, ClaimReader, StatusFacts

SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phrase TEXT NOT NULL,          -- as the status wrote it
    folded TEXT NOT NULL,          -- lower case, no accents: what is matched
    kind TEXT NOT NULL,            -- 'item' (the phrase names item) or 'not_a_slip'
    item TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    run_id TEXT NOT NULL,          -- the brief whose reading taught it
    UNIQUE (folded, kind)
);
"""


def _conn(workspace: Any) -> Any:
    store = workspace.metadata()
    store.conn.executescript(SCHEMA)
    return store


def corrections(workspace: Any) -> list[Correction]:
    """What the workspace remembers, oldest first."""
    store = _conn(workspace)
    try:
        rows = store.conn.execute(
            "SELECT id, phrase, kind, item, created_at, created_by, run_id FROM memory ORDER BY id"
        ).fetchall()
    finally:
        store.close()
    return [
        Correction(id=i, phrase=p, kind=k, item=it, created_at=c, created_by=b, run_id=r)
        for i, p, k, it, c, b, r in rows
    ]


def learned(facts: StatusFacts) -> list[tuple[str, str, str | None]]:
    """(phrase, kind, item) a confirmed reading teaches: claims the CTO tied to an item or
    marked not a slip."""
    out = []
    for claim in facts.claims:
        if claim.reader is not ClaimReader.CTO:
            continue
        if claim.kind is ClaimKind.NOT_A_SLIP:
            out.append((" ".join(claim.quote.split()), "not_a_slip", None))
        elif claim.item and claim.kind in (ClaimKind.SLIP, ClaimKind.TO_CONFIRM, ClaimKind.RISK):
            phrase = claim.mention.strip() or " ".join(claim.quote.split())
            out.append((phrase, "item", claim.item))
    return [(p, k, i) for p, k, i in out if len(fold(p).strip()) >= 3]


def remember(workspace: Any, facts: StatusFacts, *, now: str, by: str, run_id: str) -> int:
    """Store what the reading taught (a later correction of the same phrase replaces it)."""
    found = learned(facts)
    if not found:
        return 0
    store = _conn(workspace)
    try:
        store.conn.executemany(
            "INSERT INTO memory (phrase, folded, kind, item, created_at, created_by, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(folded, kind) DO UPDATE SET "
            "phrase=excluded.phrase, item=excluded.item, created_at=excluded.created_at, "
            "created_by=excluded.created_by, run_id=excluded.run_id",
            [(p, " ".join(fold(p).split()), k, i, now, by, run_id) for p, k, i in found],
        )
    finally:
        store.close()
    return len(found)


def forget(workspace: Any, correction_id: int) -> bool:
    store = _conn(workspace)
    try:
        cur = store.conn.execute("DELETE FROM memory WHERE id=?", (correction_id,))
        return cur.rowcount > 0
    finally:
        store.close()
