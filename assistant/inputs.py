"""Reading every input of a brief from disk: the only I/O before the pure pipeline."""

import hashlib
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from assistant.audit.models import Finding
from assistant.domain import Backlog, Context, Goal
from assistant.errors import InputError
from assistant.report import InputFile


class Inputs(BaseModel):
    """Everything a brief or a roadmap computes from, besides the status: one typed value, so a
    run can pin it by content hash and a one-shot brief can give it inline."""

    model_config = ConfigDict(frozen=True)

    context: Context
    goals: list[Goal]
    backlog: Backlog
    files: list[InputFile]
    findings: list[Finding] = Field(default_factory=list)

    def content_hash(self) -> str:
        """Changes whenever anything a brief reads changes (and only then)."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()[:20]


def load_inputs(
    context_path: Path,
    goals_path: Path,
    backlog_paths: list[Path],
    finding_paths: list[Path] | None = None,
) -> Inputs:
    from assistant.loaders import load_backlog, load_context, load_goals

    context = load_context(context_path)
    goals = load_goals(goals_path)
    backlog = load_backlog(backlog_paths, context.language)
    files = [
        InputFile(file=str(context_path), kind="context"),
        InputFile(file=str(goals_path), kind="goals"),
        *(
            InputFile(file=str(path), kind=fmt)
            for path, fmt in zip(backlog_paths, backlog.formats, strict=False)
        ),
    ]
    findings = []
    if finding_paths:
        from assistant.audit import load_findings

        found = load_findings(finding_paths)
        findings = list(found.findings)
        files += [
            InputFile(file=line.split(": ")[0], kind=line.split(": ")[-1]) for line in found.formats
        ]
    return Inputs(context=context, goals=goals, backlog=backlog, files=files, findings=findings)


def read_status(path: str | None, inline: str | None) -> tuple[str, str]:
    """The status text and a label for provenance: a file, standard input or --text."""
    from assistant.loaders import read_text

    if (path is None) == (inline is None):
        raise InputError(
            "give the status exactly once.",
            fix='use --status FILE, --status - (standard input) or --text "...".',
        )
    if inline is not None:
        return inline, "--text"
    if path == "-":
        data = sys.stdin.buffer.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding), "stdin"
            except UnicodeDecodeError:
                continue
        raise InputError(
            "standard input is neither UTF-8 nor cp1252 text.", fix="save it as UTF-8."
        )
    return read_text(Path(path)), str(path)
