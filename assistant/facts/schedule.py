"""Delay propagation through the dependency graph (critical-path semantics, zero slack).

Each open item has a start delay S and a finish delay F, in weeks:

- S(k) = max(F(b) − slack(b→k) for each blocker b, S(parent of k), 0)
- F(k) = max(S(k), reported(k), reported slip of an ancestor epic, F(c) for each child c)

So a slip on an epic delays its open children; a child's slip makes its epic finish late but
not its siblings; an item blocked by a late item is late by as much; parallel paths take the
max, never the sum. A reported delay is an item's total lateness against plan, not an amount
added to what it inherits. Slack exists only where dates prove it (blocked item's start after
its blocker's due date). Done items neither start nor finish late. A blocks link between an
item and its own epic (or any ancestor) contradicts the hierarchy and is ignored, with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from typing import NamedTuple

from assistant.domain import Backlog, BacklogItem


class DependencyCycle(Exception):
    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        super().__init__(" → ".join(keys))


class Step(NamedTuple):
    """Why a node's delay is what it is: the predecessor that set the max."""

    reason: str  # 'reported', 'epic', 'start', 'child', 'blocker', 'parent'
    key: str


@dataclass
class Propagation:
    """When each item finishes after a slip, and the step that made it start or finish late."""

    finish: dict[str, float]
    finish_step: dict[str, Step]
    start_step: dict[str, Step]

    def path_to(self, key: str) -> list[str]:
        """Items from the reported slip to `key`, in causal order (no repeats)."""
        path: list[str] = []
        node, is_start = key, False
        for _ in range(4 * len(self.finish) + 4):
            if not path or path[-1] != node:
                path.append(node)
            step = (self.start_step if is_start else self.finish_step).get(node)
            if step is None:
                break
            if step.reason == "reported":
                break
            if step.reason == "epic":
                if path[-1] != step.key:
                    path.append(step.key)
                break
            if step.reason == "start":
                is_start = True
            elif step.reason in ("child", "blocker"):
                node, is_start = step.key, False
            elif step.reason == "parent":
                node, is_start = step.key, True
        return list(reversed(path))


class DependencyGraph:
    """The backlog as a DAG of start/finish events; built once, propagated per scenario."""

    def __init__(self, backlog: Backlog) -> None:
        self.items = backlog.items
        self.children: dict[str, list[str]] = {}
        for item in self.items.values():
            if item.parent and item.parent in self.items and item.parent != item.key:
                self.children.setdefault(item.parent, []).append(item.key)
        self.ignored_links: list[tuple[str, str]] = []  # (blocker, blocked) within one lineage
        self.blockers: dict[str, list[str]] = {}
        for key, item in self.items.items():
            kept = []
            for b in item.blocked_by:
                if b not in self.items or b == key:
                    continue
                if self._same_lineage(b, key):
                    self.ignored_links.append((b, key))
                else:
                    kept.append(b)
            self.blockers[key] = kept
        self.order = self._topological_order()

    def _ancestors(self, key: str) -> list[str]:
        chain: list[str] = []
        parent = self.items[key].parent
        while parent and parent in self.items and parent not in chain and parent != key:
            chain.append(parent)
            parent = self.items[parent].parent
        return chain

    def _same_lineage(self, a: str, b: str) -> bool:
        """An item 'blocked by' its own epic (or the reverse) contradicts the hierarchy."""
        return a in self._ancestors(b) or b in self._ancestors(a)

    def _parent(self, item: BacklogItem) -> str | None:
        parent = item.parent
        return parent if parent and parent in self.items and parent != item.key else None

    def _topological_order(self) -> list[tuple[str, str]]:
        sorter: TopologicalSorter[tuple[str, str]] = TopologicalSorter()
        for key, item in self.items.items():
            start_preds = [("F", b) for b in self.blockers[key]]
            parent = self._parent(item)
            if parent:
                start_preds.append(("S", parent))
            sorter.add(("S", key), *start_preds)
            sorter.add(("F", key), ("S", key), *(("F", c) for c in self.children.get(key, [])))
        try:
            return list(sorter.static_order())
        except CycleError as error:
            nodes = error.args[1]
            keys: list[str] = []
            for _, key in nodes:
                if not keys or keys[-1] != key:
                    keys.append(key)
            raise DependencyCycle(keys) from None

    def slack(self, blocker: str, blocked: str) -> float:
        """Weeks between the blocker's due date and the blocked item's planned start."""
        due, start = self.items[blocker].due, self.items[blocked].start
        if due is None or start is None:
            return 0.0
        return max(0.0, (start - due).days / 7)

    def slack_edges(self) -> list[tuple[str, str, float]]:
        return [
            (b, key, s)
            for key, blockers in self.blockers.items()
            for b in blockers
            if (s := self.slack(b, key)) > 0
        ]

    def propagate(self, reported: dict[str, float]) -> Propagation:
        """Finish delay of every item given the reported delays (weeks) of some items."""
        start: dict[str, float] = {}
        finish: dict[str, float] = {}
        inherited: dict[str, tuple[float, str]] = {}  # reported slip of nearest slipped ancestor
        start_step: dict[str, Step] = {}
        finish_step: dict[str, Step] = {}
        for kind, key in self.order:
            item = self.items[key]
            if kind == "S":
                best, step = 0.0, None
                for b in self.blockers[key]:
                    value = finish[b] - self.slack(b, key)
                    if value > best:
                        best, step = value, Step("blocker", b)
                parent = self._parent(item)
                if parent:
                    if start[parent] > best:
                        best, step = start[parent], Step("parent", parent)
                    own = reported.get(parent, 0.0)
                    above = inherited.get(parent, (0.0, ""))
                    inherited[key] = (own, parent) if own >= above[0] and own > 0 else above
                start[key] = 0.0 if item.done else best
                if step and not item.done:
                    start_step[key] = step
                continue
            candidates: list[tuple[float, Step]] = []
            if not item.done:
                candidates.append((start[key], Step("start", key)))
                epic_delay, epic = inherited.get(key, (0.0, ""))
                if epic_delay > 0:
                    candidates.append((epic_delay, Step("epic", epic)))
            if key in reported:
                candidates.append((reported[key], Step("reported", key)))
            for child in self.children.get(key, []):
                candidates.append((finish[child], Step("child", child)))
            best, step = 0.0, None
            for value, candidate in candidates:
                if value > best:
                    best, step = value, candidate
            finish[key] = best
            if step:
                finish_step[key] = step
        return Propagation(finish=finish, finish_step=finish_step, start_step=start_step)
