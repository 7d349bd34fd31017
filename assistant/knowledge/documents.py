"""What goes into the knowledge base: backlog items, goals, glossary entries and findings.

Each becomes a `Document` with a namespaced id (`item:<source>:<key>`, `goal:<id>`,
`glossary:<id>`, `finding:<id>`) so one collection holds every kind without collisions, and
`hash` tells the indexer which documents changed and need embedding again.

The text is what the embedding model reads. MiniLM learnt English, while titles and statuses
are often French, so `bilingual` adds the glossary's other-language names of the terms a text
uses: "Migration de la base" also says "database", and "the database move" also says "base de
données". Keys are left out: keys are resolved exactly before any vector is needed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.domain import Backlog, BacklogItem, Goal
from assistant.facts.glossary import Glossary, GlossaryEntry
from assistant.facts.language import fold

MetadataValue = str | int | float | bool


@dataclass(frozen=True)
class Document:
    """One retrievable text and the scalar metadata a query can filter on."""

    id: str
    kind: str  # item | goal | glossary | finding
    key: str  # backlog key, goal id, glossary id or finding id
    text: str
    metadata: Mapping[str, MetadataValue] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        """Changes when anything stored changes, so unchanged documents are never re-embedded."""
        payload = json.dumps([self.kind, self.key, self.text, dict(self.metadata)], sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def bilingual(text: str, glossary: Glossary | None) -> str:
    """`text` followed by the glossary names, in both languages, of the terms it uses."""
    if glossary is None:
        return text
    folded = fold(text)
    extra: list[str] = []
    for entry in glossary.find_terms(text, jargon_only=False):
        for name in entry.names.values():
            if fold(name) not in folded and name not in extra:
                extra.append(name)
    return f"{text} ({', '.join(extra)})" if extra else text


def _clean(metadata: Mapping[str, Any]) -> dict[str, MetadataValue]:
    """Chroma stores scalars only: drop None and empty values, join sequences."""
    clean: dict[str, MetadataValue] = {}
    for name, value in metadata.items():
        if isinstance(value, list | tuple | set | frozenset):
            value = ", ".join(str(v) for v in value)
        if value is None or value == "":
            continue
        clean[name] = value if isinstance(value, str | int | float | bool) else str(value)
    return clean


def item_source(item: BacklogItem) -> str:
    """The export an item came from, by file name: ids stay stable when the folder moves."""
    return Path(item.source.file).name or "backlog"


def item_document(item: BacklogItem, glossary: Glossary | None = None) -> Document:
    """An item reads as its title and what kind of work it is, where.

    Not its epic's title: children then out-rank their epic for a mention of the epic
    (measured on the linking eval: vector accuracy@1 0.71 with it, 0.77 without).
    """
    lines = [bilingual(item.title, glossary)]
    kind = "Epic" if item.is_epic else item.type
    where = ", ".join(part for part in (*item.components, item.team or "") if part)
    lines.append(f"{kind} ({where})" if where else kind)
    source = item_source(item)
    metadata = {
        "source": source,
        "type": item.type,
        "epic": item.is_epic,
        "status": item.category.value,
        "parent": item.parent,
        "team": item.team,
        "components": item.components,
    }
    return Document(
        f"item:{source}:{item.key}", "item", item.key, "\n".join(lines), _clean(metadata)
    )


def backlog_documents(backlog: Backlog, glossary: Glossary | None = None) -> list[Document]:
    return [item_document(item, glossary) for item in backlog.items.values()]


def goal_document(goal: Goal, glossary: Glossary | None = None) -> Document:
    """A goal in every wording it has; a hit on it points to the items it depends on."""
    titles = list(dict.fromkeys(t for t in (goal.title, *goal.titles.values()) if t))
    text = "\n".join(bilingual(title, glossary) for title in titles)
    metadata = {"depends_on": goal.depends_on, "owner": goal.owner}
    return Document(f"goal:{goal.id}", "goal", goal.id, text, _clean(metadata))


def glossary_document(entry: GlossaryEntry) -> Document:
    aliases = (alias for words in entry.aliases.values() for alias in words)
    names = dict.fromkeys((*entry.names.values(), *aliases))
    text = "\n".join((" / ".join(names), *entry.explanations.values()))
    return Document(f"glossary:{entry.id}", "glossary", entry.id, text, {"jargon": entry.jargon})


def glossary_documents(glossary: Glossary) -> list[Document]:
    return [glossary_document(entry) for entry in glossary.entries]


def finding_document(finding: Mapping[str, Any], glossary: Glossary | None = None) -> Document:
    """An audit finding (`id`, `title`, optional `component`, `description`, `severity`...)."""
    try:
        finding_id, title = str(finding["id"]), str(finding["title"])
    except KeyError as missing:
        raise ValueError(f"a finding needs an id and a title; {missing} is missing") from None
    lines = [bilingual(title, glossary)]
    lines += [str(finding[name]) for name in ("component", "description") if finding.get(name)]
    metadata = {
        name: finding.get(name) for name in ("component", "severity", "tool", "source", "rule")
    }
    return Document(
        f"finding:{finding_id}", "finding", finding_id, "\n".join(lines), _clean(metadata)
    )


def documents_for(
    backlog: Backlog | None = None,
    goals: Iterable[Goal] = (),
    glossary: Glossary | None = None,
    *,
    with_glossary: bool = False,
) -> list[Document]:
    """Everything a workspace indexes, in one list: items, goals, glossary entries if asked."""
    docs = backlog_documents(backlog, glossary) if backlog is not None else []
    docs += [goal_document(goal, glossary) for goal in goals]
    if with_glossary and glossary is not None:
        docs += glossary_documents(glossary)
    return docs
