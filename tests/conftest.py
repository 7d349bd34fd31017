"""Shared factories: small workspaces written to tmp_path, and the CLI runner."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from assistant.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "tests" / "data" / "instant-payments"  # copy of ../shared/examples/instant-payments
TRANSVIA = ROOT / "examples" / "transvia"
GENERIC_COLUMNS = [
    "key",
    "title",
    "type",
    "status",
    "points",
    "team",
    "parent",
    "blocked_by",
    "start",
    "due",
]


def run_cli(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def ok(*args: str) -> str:
    """Run the CLI, require success, return its standard output."""
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspaces folder of the test's own (STEERCO_HOME)."""
    monkeypatch.setenv("STEERCO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@dataclass
class Workspace:
    """A one-shot brief's input files in a temporary folder."""

    root: Path
    context: dict
    goals: list[dict]
    rows: list[dict]

    def write(self) -> Workspace:
        (self.root / "context.yaml").write_text(yaml.safe_dump(self.context), encoding="utf-8")
        (self.root / "goals.yaml").write_text(yaml.safe_dump(self.goals), encoding="utf-8")
        with (self.root / "backlog.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=GENERIC_COLUMNS)
            writer.writeheader()
            for row in self.rows:
                writer.writerow({column: row.get(column, "") for column in GENERIC_COLUMNS})
        return self

    def args(self, *extra: str) -> list[str]:
        return [
            "brief",
            "--context",
            str(self.root / "context.yaml"),
            "--goals",
            str(self.root / "goals.yaml"),
            "--backlog",
            str(self.root / "backlog.csv"),
            *extra,
        ]

    def brief(self, text: str, *extra: str) -> dict:
        """Run the CLI on `text` and return the JSON brief."""
        result = run_cli(
            *self.args("--text", text, "--format", "json", "--as-of", "2026-11-20", *extra)
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A platform team, a payments team, two epics and a goal on each (zero slack)."""
    context = {
        "company": "Acme",
        "currency": "EUR",
        "language": "en",
        "sprint_weeks": 2,
        "working_days_per_week": 5,
        "velocity_points_per_sprint": 20,
        "teams": [
            {"name": "Platform", "people": 5, "day_rate": 800},
            {"name": "Payments", "people": 4, "day_rate": 750},
        ],
    }
    goals = [
        {
            "id": "G1",
            "title": "Instant payment launch",
            "owner": "CEO",
            "deadline": "2027-03-01",
            "cost_of_delay_per_week": 25000,
            "depends_on": ["PAY-1"],
        },
        {
            "id": "G2",
            "title": "Security certification",
            "owner": "COO",
            "deadline": "2027-06-30",
            "cost_of_delay_per_week": 4000,
            "depends_on": ["SEC-1"],
        },
    ]
    rows = [
        {
            "key": "MIG-1",
            "title": "Database migration to PostgreSQL",
            "type": "Epic",
            "status": "In Progress",
            "team": "Platform",
        },
        {
            "key": "MIG-2",
            "title": "Schema inventory",
            "status": "Done",
            "parent": "MIG-1",
            "points": 5,
        },
        {
            "key": "MIG-3",
            "title": "Logical replication",
            "status": "In Progress",
            "parent": "MIG-1",
            "points": 8,
        },
        {
            "key": "MIG-4",
            "title": "Write cutover",
            "status": "To Do",
            "parent": "MIG-1",
            "blocked_by": "MIG-3",
        },
        {
            "key": "PAY-1",
            "title": "Instant payments",
            "type": "Epic",
            "status": "To Do",
            "team": "Payments",
        },
        {
            "key": "PAY-2",
            "title": "Bank gateway integration",
            "parent": "PAY-1",
            "blocked_by": "MIG-4",
        },
        {"key": "PAY-3", "title": "Mobile payment screens", "parent": "PAY-1"},
        {"key": "SEC-1", "title": "Security certification", "type": "Epic", "team": "Platform"},
        {"key": "SEC-2", "title": "Centralised access logging", "parent": "SEC-1"},
    ]
    return Workspace(tmp_path, context, goals, rows).write()


def seed_args(status: str, *extra: str) -> list[str]:
    return [
        "brief",
        "--context",
        str(SEED / "context.yaml"),
        "--goals",
        str(SEED / "goals.yaml"),
        "--backlog",
        str(SEED / "backlog.csv"),
        "--status",
        str(SEED / status),
        "--as-of",
        "2026-11-20",
        *extra,
    ]


def by_id(items: list[dict], field: str, value: str) -> dict:
    return next(item for item in items if item[field] == value)


# --- No test reaches the network (issue "LLM: better words, never different numbers") -------
@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Connecting a socket anywhere but loopback fails the test: cassettes replay, mocks answer.

    litellm is imported only through assistant.llm, which first points it at its bundled
    price map, so no test import triggers a download either.
    """
    import ipaddress
    import socket

    def allowed(sock: socket.socket, address: object) -> bool:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return True
        host = str(address[0]) if isinstance(address, tuple) else str(address)
        try:
            return host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False

    def guarded(real):
        def connect(sock: socket.socket, address: object):
            if not allowed(sock, address):
                raise OSError(f"test tried to reach the network ({address!r}); use a cassette")
            return real(sock, address)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(socket.socket.connect_ex))
