"""The workspace's metadata: ingested records, sources and brief history.

`MetadataStore` is the interface; `SqliteMetadataStore` the local implementation. A later
step puts the same interface on a shared Postgres for several API replicas.
Records are keyed by (kind, source, key) and content-hashed: re-ingesting an unchanged export
changes nothing. The vector index is derived from the active records (indexing.py).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (
    kind TEXT NOT NULL,            -- 'item' or 'finding'
    source TEXT NOT NULL,          -- the export's file name
    key TEXT NOT NULL,
    hash TEXT NOT NULL,            -- content hash, source position excluded
    removed INTEGER NOT NULL DEFAULT 0,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, source, key)
);
CREATE TABLE IF NOT EXISTS sources (
    source TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefs (
    run_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    status_source TEXT NOT NULL,
    audience TEXT NOT NULL,
    language TEXT NOT NULL,
    headline TEXT NOT NULL,
    total_cost REAL NOT NULL,
    summary TEXT NOT NULL          -- JSON: goal shifts, costs, narrator; for history diffs
);
CREATE TABLE IF NOT EXISTS announcements (  -- what each finished brief told the board
    run_id TEXT NOT NULL,
    status_date TEXT NOT NULL,     -- the brief's status date
    goal TEXT NOT NULL,
    announced TEXT NOT NULL,       -- the date it announced for the goal (ISO)
    PRIMARY KEY (run_id, goal)
);
"""


@dataclass(frozen=True)
class Record:
    kind: str
    source: str
    key: str
    hash: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Changes:
    added: int
    updated: int
    removed: int
    unchanged: int


class MetadataStore(Protocol):
    def sync_source(self, kind: str, source: str, records: list[Record], now: str) -> Changes: ...
    def active(self, kind: str) -> list[Record]: ...
    def record_source(self, source: str, kind: str, fmt: str, sha256: str, now: str) -> None: ...
    def sources(self) -> list[dict[str, str]]: ...
    def add_brief(self, row: dict[str, Any]) -> None: ...
    def briefs(self) -> list[dict[str, Any]]: ...
    def add_announcements(self, run_id: str, rows: list[dict[str, Any]]) -> None: ...
    def announcements(self) -> list[dict[str, Any]]: ...


class SqliteMetadataStore:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def sync_source(self, kind: str, source: str, records: list[Record], now: str) -> Changes:
        """Make the stored records of one source equal `records`, in one transaction."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            stored = {
                key: (hash_, removed, data)
                for key, hash_, removed, data in cur.execute(
                    "SELECT key, hash, removed, data FROM records WHERE kind=? AND source=?",
                    (kind, source),
                )
            }
            added = updated = unchanged = 0
            for record in records:
                before = stored.get(record.key)
                data = json.dumps(record.data, sort_keys=True)
                if before is not None and before[:2] == (record.hash, 0):
                    unchanged += 1
                    if before[2] != data:  # same content, new position in the file
                        cur.execute(
                            "UPDATE records SET data=? WHERE kind=? AND source=? AND key=?",
                            (data, kind, source, record.key),
                        )
                    continue
                added += before is None
                updated += before is not None
                cur.execute(
                    "INSERT INTO records (kind, source, key, hash, data, updated_at, removed) "
                    "VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT(kind, source, key) DO UPDATE SET "
                    "hash=excluded.hash, data=excluded.data, updated_at=excluded.updated_at, "
                    "removed=0",
                    (kind, source, record.key, record.hash, data, now),
                )
            gone = set(stored) - {r.key for r in records}
            removed = sum(1 for key in gone if stored[key][1] == 0)
            cur.executemany(
                "UPDATE records SET removed=1, updated_at=? WHERE kind=? AND source=? AND key=? "
                "AND removed=0",
                [(now, kind, source, key) for key in gone],
            )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return Changes(added, updated, removed, unchanged)

    def active(self, kind: str) -> list[Record]:
        rows = self.conn.execute(
            "SELECT kind, source, key, hash, data FROM records WHERE kind=? AND removed=0 "
            "ORDER BY source, rowid",
            (kind,),
        )
        return [Record(k, s, key, h, json.loads(d)) for k, s, key, h, d in rows]

    def record_source(self, source: str, kind: str, fmt: str, sha256: str, now: str) -> None:
        self.conn.execute(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?) ON CONFLICT(source) DO UPDATE SET "
            "kind=excluded.kind, format=excluded.format, sha256=excluded.sha256, "
            "ingested_at=excluded.ingested_at",
            (source, kind, fmt, sha256, now),
        )

    def sources(self) -> list[dict[str, str]]:
        rows = self.conn.execute("SELECT source, kind, format, sha256, ingested_at FROM sources")
        names = ("source", "kind", "format", "sha256", "ingested_at")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def add_brief(self, row: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO briefs VALUES (:run_id, :created_at, :status_source, "
            ":audience, :language, :headline, :total_cost, :summary)",
            {**row, "summary": json.dumps(row["summary"])},
        )

    def briefs(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT run_id, created_at, status_source, audience, language, headline, total_cost, "
            "summary FROM briefs ORDER BY created_at, rowid"
        )
        names = ("run_id", "created_at", "status_source", "audience", "language", "headline",
                 "total_cost", "summary")  # fmt: skip
        out = [dict(zip(names, row, strict=True)) for row in rows]
        for row in out:
            row["summary"] = json.loads(row["summary"])
        return out

    def add_announcements(self, run_id: str, rows: list[dict[str, Any]]) -> None:
        """The dates a finished brief announced per goal (replaced if the run is kept again)."""
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.execute("DELETE FROM announcements WHERE run_id=?", (run_id,))
            cur.executemany(
                "INSERT INTO announcements VALUES (:run_id, :status_date, :goal, :announced)", rows
            )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def announcements(self) -> list[dict[str, Any]]:
        """Every announced date, in the order the briefs were kept (status date first)."""
        rows = self.conn.execute(
            "SELECT a.run_id, a.status_date, a.goal, a.announced FROM announcements a "
            "LEFT JOIN briefs b ON b.run_id = a.run_id "
            "ORDER BY a.status_date, b.created_at, b.rowid, a.goal"
        )
        names = ("run_id", "status_date", "goal", "announced")
        return [dict(zip(names, row, strict=True)) for row in rows]
