"""The application service: what Steerco does, once, for every surface.

`brief`, `read`, `review_sheet`, `memory`, `ingest`, `roadmap`, `read_report`, `history` and `announced` take a typed request and their
dependencies (settings, the LLM client or none, the clock). The CLI, the HTTP routes, the API
jobs, the web page and the eval runner call these and do nothing else: the limits live in the
request models below (one set, the same error everywhere), and the steps are sequenced here
or in the workflow graph, never by a surface.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from assistant import errors
from assistant.audience import AudienceName, RoadmapAudienceName
from assistant.brief import BriefResult, render_brief
from assistant.errors import InputError
from assistant.facts.extract import DEFAULT_MAX_STATUS_CHARS
from assistant.facts.reading import ConfirmedClaim
from assistant.inputs import Inputs
from assistant.lang import language_type
from assistant.settings import Settings

Language = language_type()  # the registry's languages (assistant/lang)
Method = Literal["cd3", "wsjf", "rice"]
MAX_STATUS_CHARS = DEFAULT_MAX_STATUS_CHARS  # one bound on a status, the reader's
MAX_HORIZON_WEEKS = 520  # ten years: past it a plan says nothing a committee can use
DEFAULT_WEEKS = 26
RUN_ID = r"^[A-Za-z0-9_-]+$"
_NOT_GIVEN: Any = object()


def _iso_date(value: Any) -> Any:
    """A date is written as the schema says (`2026-11-20`): `0` is no date (not 1970-01-01)."""
    if not isinstance(value, str | dt.date):
        raise ValueError("expected a date written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


NotFound = errors.NotFound  # what was asked for is not kept: the API answers 404


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Deps:
    """What the service needs from outside: settings, the model (None: offline; not given: one
    per call from the settings, so budgets are per run), the clock, and an extractor override
    (tests, evals)."""

    settings: Settings
    llm: Any = _NOT_GIVEN
    clock: Callable[[], dt.datetime] = _utc_now
    extractor: Any = None
    cancel: Callable[[str], None] | None = (
        None  # raises to stop between steps (a timed-out request)
    )

    def check(self, before: str) -> None:
        if self.cancel is not None:
            self.cancel(before)

    def now_iso(self) -> str:
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    def today(self) -> dt.date:
        return self.clock().astimezone().date()

    def client(self) -> Any:
        """The LLM client for one run, or None offline (litellm then never imported)."""
        if self.llm is not _NOT_GIVEN:
            return self.llm
        if not self.settings.model:
            return None
        from assistant.llm import client_from_settings

        return client_from_settings(self.settings)


M = TypeVar("M", bound=BaseModel)


def make(model: type[M], /, **fields: Any) -> M:
    """A request built from a surface's raw values; a limit broken is an InputError naming the
    field, the same message on every surface."""
    try:
        return model.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise InputError(
            f"{field}: {message}." if field else f"{message}.", fix=_fix(field)
        ) from None


def _fix(field: str) -> str:
    fixes = {
        "weeks": f"plan between 1 and {MAX_HORIZON_WEEKS} weeks.",
        "status": f"give a status of at most {MAX_STATUS_CHARS:,} characters.",
        "audience": "pick one of the audiences listed.",
        "": "paste the status (or give --status FILE), or name the run to resume.",
    }
    return fixes.get(field.split(".")[0], "correct that value (see the README).")


# --- requests --------------------------------------------------------------------------------

# The requests of the operations other than a brief are built on first use (defer_build): a
# cold `steerco brief` never validates a roadmap, ingest or review request (0.7% of it).
_ON_USE = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class BriefOptions(BaseModel):
    """The options of a brief, as every surface takes them (the API's request bodies too)."""

    model_config = ConfigDict(extra="forbid")

    status: str = Field(min_length=1, max_length=MAX_STATUS_CHARS, description="The status text.")
    audience: AudienceName = "comex"
    language: Language | None = None
    today: IsoDate | None = Field(default=None, description="Status date; default today.")


class BriefRequest(BaseModel):
    """One brief: from a workspace (kept in its history; `run_id` resumes or shows a run), or
    one-shot from inputs given inline (nothing kept)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: str = Field(default="", max_length=MAX_STATUS_CHARS)
    status_source: str = "request"
    audience: AudienceName = "comex"
    language: Language | None = None
    today: dt.date | None = None
    workspace: str | None = None
    inputs: Inputs | None = None
    run_id: str | None = Field(default=None, max_length=64, pattern=RUN_ID)
    reading: tuple[ConfirmedClaim, ...] | None = None  # the CTO's confirmed reading
    reading_source: str = "the reading"
    reviewer: str = Field(default="cto", max_length=100)
    review: bool = False  # stop before the figures for the CTO (see start_review)

    @model_validator(mode="after")
    def _one_source(self) -> "BriefRequest":
        if (self.workspace is None) == (self.inputs is None):
            raise ValueError("give either a workspace or the inputs, not both")
        if not self.status and not (self.workspace and self.run_id):
            raise ValueError(
                "the status is empty: a brief needs a status (or a run id to resume or show)"
            )
        return self


class ReadRequest(BaseModel):
    """Read a status into claims, for the CTO to confirm before the brief (nothing kept)."""

    model_config = _ON_USE

    status: str = Field(min_length=1, max_length=MAX_STATUS_CHARS)
    status_source: str = "request"
    today: dt.date | None = None
    workspace: str | None = None
    inputs: Inputs | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "ReadRequest":
        if (self.workspace is None) == (self.inputs is None):
            raise ValueError("give either a workspace or the inputs, not both")
        return self


class ReviewPending(BaseModel):
    """A run stopped before its figures: the reading for the CTO to confirm."""

    model_config = ConfigDict(defer_build=True)

    status: Literal["needs_review"] = "needs_review"
    run_id: str
    reading: list[dict[str, Any]] = Field(description="The claims read, as in a brief's reading.")


class ClaimEdit(BaseModel):
    """The CTO's word on one claim; a field left out stays as read."""

    model_config = _ON_USE

    id: str = Field(pattern=r"^c\d+$", max_length=8)
    kind: str | None = Field(default=None, max_length=32)
    item: str | None = Field(default=None, max_length=128)
    weeks: float | None = Field(default=None, ge=0, le=520)
    old_date: IsoDate | None = None
    new_date: IsoDate | None = None


class ReviewRequest(BaseModel):
    model_config = _ON_USE

    workspace: str
    run_id: str = Field(max_length=64, pattern=RUN_ID)
    claims: tuple[ClaimEdit, ...] = Field(default=(), max_length=500)
    reviewer: str = Field(default="cto", max_length=100)  # kept with what the workspace learns


class IngestRequest(BaseModel):
    model_config = _ON_USE

    workspace: str
    files: list[Path] = Field(min_length=1)
    embed: bool = True  # the vector index too (else lexical linking only)


class RoadmapOptions(BaseModel):
    """The options of a roadmap, as every surface takes them (the API's request body too)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    weeks: int = Field(default=DEFAULT_WEEKS, ge=1, le=MAX_HORIZON_WEEKS)
    method: Method = "cd3"
    language: Language | None = None
    audience: RoadmapAudienceName = "comex"
    start: IsoDate | None = None


class RoadmapRequest(RoadmapOptions):
    model_config = _ON_USE

    workspace: str | None = None
    inputs: Inputs | None = None
    keep: bool = False  # save every format in the workspace's reports (needs a workspace)

    @model_validator(mode="after")
    def _one_source(self) -> "RoadmapRequest":
        if (self.workspace is None) == (self.inputs is None):
            raise ValueError("give either a workspace or the inputs, not both")
        if self.keep and not self.workspace:
            raise ValueError("only a workspace keeps roadmaps")
        return self


class ReportRequest(BaseModel):
    model_config = _ON_USE

    workspace: str
    id: str = Field(max_length=64, pattern=RUN_ID)
    format: Literal["json", "md", "html", "pptx"] = "json"


# --- operations ------------------------------------------------------------------------------


def brief(
    request: BriefRequest, deps: Deps, *, on_step: Callable[[str], None] | None = None
) -> BriefResult:
    """A brief through the workflow graph: checkpointed in a workspace, or one-shot inline.
    With a model configured, it extracts and narrates; every brief carries its verification."""
    result = _run_brief(request, deps, on_step)
    assert isinstance(result, BriefResult)  # only a request with `review` stops before
    return result


def start_review(
    request: BriefRequest, deps: Deps, *, on_step: Callable[[str], None] | None = None
) -> ReviewPending | BriefResult:
    """A workspace brief that stops before its figures (a LangGraph interrupt, checkpointed)
    with the reading for the CTO to confirm; `review` resumes it. A run id already finished
    answers its brief."""
    if request.workspace is None:
        raise InputError("a review needs a workspace: the stopped run is kept there.")
    return _run_brief(request.model_copy(update={"review": True}), deps, on_step)


def review(
    request: ReviewRequest, deps: Deps, *, on_step: Callable[[str], None] | None = None
) -> BriefResult:
    """Resume a run stopped for review with the CTO's claims (`reader: cto`): each edit names
    a claim id and gives its kind, item, weeks or dates; what it leaves out stays as read."""
    from assistant.facts.reading import ConfirmedClaim, apply_reading
    from assistant.workflow.context import make_context
    from assistant.workflow.graph import resume_reviewed

    context = make_context(request.workspace, deps.settings, now=deps.now_iso(),
                           llm=deps.client(), extractor=deps.extractor)  # fmt: skip

    def revise(state: Any, inputs: Inputs) -> dict:
        claims = {c.id: c for c in state.facts.claims}
        confirmed = []
        for edit in request.claims:
            claim = claims.get(edit.id)
            if claim is None:
                raise InputError(
                    f"run '{request.run_id}' read no claim {edit.id} (it has {len(claims)}).",
                    fix="use the ids of the reading the review request answered.",
                )
            given = edit.model_dump(exclude_unset=True)
            confirmed.append(ConfirmedClaim(
                id=claim.id, quote=claim.quote, kind=given.get("kind", claim.kind.value),
                item=given.get("item", claim.item), weeks=given.get("weeks", claim.weeks),
                old_date=given.get("old_date", claim.old_date),
                new_date=given.get("new_date", claim.new_date),
            ))  # fmt: skip
        facts = apply_reading(state.facts, tuple(confirmed), inputs.backlog, inputs.context,
                              file="the review")  # fmt: skip
        # the confirmed reading goes with the run's request: the workspace learns it once the
        # brief is kept, as from a `--reading` file (save_report)
        asked = state.request.model_copy(update={
            "reading": tuple(confirmed), "reading_source": "the review",
            "reviewer": request.reviewer,
        })  # fmt: skip
        return {"facts": facts, "request": asked}

    with _in_use(context.workspace):
        state = resume_reviewed(request.run_id, context, revise, on_step)
    return _result(state)


def pending_review(workspace: str, run_id: str, deps: Deps) -> ReviewPending:
    """The reading of a run stopped for review, from its checkpoint (a restarted server shows
    it again): NotFound for an unknown run, Conflict for one not waiting for a review."""
    from assistant.workflow.context import make_context
    from assistant.workflow.graph import REVIEW_AT, review_reading

    context = make_context(workspace, deps.settings, now=deps.now_iso(), llm=None)
    state, waiting = _stored_run(context, run_id)
    if state is None:
        raise NotFound(
            f"workspace '{workspace}' has no run '{run_id}'.",
            fix="start one with a brief whose review is asked.",
        )
    if waiting != (REVIEW_AT,):
        done = "finished" if not waiting else f"at {', '.join(waiting)}"
        raise errors.Conflict(
            f"run '{run_id}' of workspace '{workspace}' is not waiting for a review ({done}).",
            fix="to correct a finished brief, correct its reading: that makes a new run.",
        )
    claims = review_reading(state, context)
    return ReviewPending(run_id=run_id, reading=_with_candidates(state.facts, claims))


def correct(workspace: str, run_id: str, deps: Deps, *, reviewer: str = "cto") -> ReviewPending:
    """A new run of a finished brief's status, stopped for review with that run's reading
    (the CTO's earlier corrections included): confirming it makes a new brief in the history,
    the old one kept."""
    from assistant.workflow.context import make_context

    context = make_context(workspace, deps.settings, now=deps.now_iso(), llm=None)
    state, waiting = _stored_run(context, run_id)
    if state is None or state.computed is None or waiting:
        if state is not None and waiting:
            return pending_review(workspace, run_id, deps)  # still waiting: that review
        raise NotFound(
            f"workspace '{workspace}' has no finished brief '{run_id}'.",
            fix=f"list its briefs with `steerco history {workspace}`.",
        )
    asked = state.request
    confirmed = tuple(_confirmed(c) for c in state.computed.report.reading if c.reader == "cto")
    request = make(
        BriefRequest, status=asked.status_text, status_source=asked.status_source,
        audience=asked.audience, language=asked.language, today=asked.today,
        workspace=workspace, reading=confirmed or None,
        reading_source=f"the reading of brief {run_id}", reviewer=reviewer,
    )  # fmt: skip
    pending = start_review(request, deps)
    assert isinstance(pending, ReviewPending)  # a new run always stops for review
    return pending


def _confirmed(claim: Any) -> ConfirmedClaim:
    return ConfirmedClaim(
        id=claim.id, quote=claim.quote, kind=claim.kind.value, item=claim.item,
        weeks=claim.weeks, old_date=claim.old_date, new_date=claim.new_date,
    )  # fmt: skip


def _stored_run(context: Any, run_id: str) -> tuple[Any, tuple[str, ...]]:
    """A workspace run's checkpointed state (None: unknown) and the steps still ahead of it."""
    from assistant.workflow.graph import build_graph, close_checkpointer, open_checkpointer
    from assistant.workflow.state import BriefState

    saver = open_checkpointer(context.workspace)
    try:
        snapshot = build_graph(saver).get_state({"configurable": {"thread_id": run_id}})
    finally:
        close_checkpointer(saver)
    if not snapshot.values:
        return None, ()
    return BriefState.model_validate(snapshot.values), tuple(snapshot.next)


def _with_candidates(facts: Any, claims: tuple[Any, ...]) -> list[dict[str, Any]]:
    """The claims as the API answers them, each with `candidates`: the items its words could
    mean (the one read first, then the matcher's best matches for an ambiguous mention)."""
    out = []
    for claim in claims:
        keys = [claim.item] if claim.item else []
        quote = " ".join(claim.quote.split())
        for slip in getattr(facts, "slips", ()):
            if " ".join(slip.sentence.split()) in quote or quote in " ".join(slip.sentence.split()):
                keys += [m.key for m in slip.candidates[:5]]
        out.append({**claim.model_dump(mode="json"), "candidates": list(dict.fromkeys(keys))})
    return out


def _run_brief(
    request: BriefRequest, deps: Deps, on_step: Callable[[str], None] | None
) -> BriefResult | ReviewPending:
    from assistant.workflow.context import make_context
    from assistant.workflow.state import RunRequest, new_run_id

    context = make_context(
        request.workspace, deps.settings, now=deps.now_iso(), inputs=request.inputs,
        llm=deps.client(), extractor=deps.extractor,
    )  # fmt: skip
    run_id = request.run_id or new_run_id()
    if deps.cancel is not None:
        step = on_step

        def on_step(node: str) -> None:
            if step is not None:
                step(node)
            deps.check(f"the step after {node}")

    run = RunRequest(
        run_id=run_id,
        status_text=request.status,
        status_source=request.status_source,
        today=request.today or deps.today(),
        audience=request.audience,
        language=request.language,
        workspace=request.workspace,
        reading=request.reading,
        reading_source=request.reading_source,
        reviewer=request.reviewer,
        review=request.review,
    )
    if request.workspace is None:
        from assistant.workflow.graph import run_inline

        state = run_inline(run, context, on_step)
    else:
        from assistant.workflow.graph import awaiting_review, review_reading, run_checkpointed

        resume_only = bool(request.run_id) and not request.status
        with _in_use(context.workspace):  # a deletion waits for the brief
            state = run_checkpointed(None if resume_only else run, run_id, context, on_step)
        if awaiting_review(state):
            claims = review_reading(state, context)
            return ReviewPending(run_id=run_id, reading=_with_candidates(state.facts, claims))
    return _result(state)


def _result(state: Any) -> BriefResult:
    assert state.brief and state.computed and state.facts and state.draft
    return BriefResult(
        brief=state.brief,
        report=state.computed.report,
        facts=state.facts,
        marked_markdown=state.draft.marked_markdown or state.brief.summary_markdown,
        model_warnings=state.draft.model_warnings,
    )


def read(request: ReadRequest, deps: Deps) -> tuple[Any, ...]:
    """The claims of a status, as the brief would read them (rules, or the configured
    extractor), each with its weeks: what `steerco read` shows and writes for the CTO."""
    return _reading(request, deps)[2]


class ReviewSheet(NamedTuple):
    """What the CTO reviews on a terminal (`brief --review`): the claims as `read` gives them,
    for each claim to confirm the items it could be (best first), the backlog's titles, and
    the language of the brief (the context's)."""

    claims: tuple[Any, ...]
    candidates: dict[str, list[str]]
    titles: dict[str, str]
    language: str

    def to_confirm(self) -> list[Any]:
        return [c for c in self.claims if c.kind.value == "to_confirm"]


def review_sheet(request: ReadRequest, deps: Deps) -> ReviewSheet:
    """The reading to review: `read`'s claims with the candidates of each claim to confirm
    (those the reader weighed, else the backlog items its words name)."""
    from assistant.brief import default_extractor

    inputs, facts, claims = _reading(request, deps)
    index = default_extractor().index(inputs.backlog)  # type: ignore[attr-defined]
    candidates = {}
    for claim in claims:
        if claim.kind.value != "to_confirm":
            continue
        quote = " ".join(claim.quote.split())
        weighed = [
            m.key
            for slip in facts.slips
            if slip.delay == claim.delay and " ".join(slip.sentence.split()) in quote
            for m in slip.candidates
        ]
        named = [m.key for m in index.resolve(claim.mention or claim.quote).candidates]
        candidates[claim.id] = list(dict.fromkeys(weighed + named))
    titles = {key: item.title for key, item in inputs.backlog.items.items()}
    return ReviewSheet(claims, candidates, titles, inputs.context.language)


def _reading(request: ReadRequest, deps: Deps) -> tuple[Inputs, Any, tuple[Any, ...]]:
    from assistant.brief import compute, validate_inputs
    from assistant.brief import extract_facts as extract_with_rules

    inputs = request.inputs
    if request.workspace is not None:
        from assistant.workspace.workspace import Workspace

        inputs = Workspace.open(deps.settings.home, request.workspace).load_inputs()
    assert inputs is not None
    validate_inputs(inputs)
    today = request.today or deps.today()
    if deps.extractor is not None:
        facts = deps.extractor.extract(request.status, inputs.backlog, today=today)
    else:
        facts = extract_with_rules(request.status, inputs.backlog, today=today)
    if request.workspace is not None:  # what this client's CTO corrected before
        from assistant.facts.reading import apply_memory
        from assistant.workspace.memory import corrections

        memory = corrections(Workspace.open(deps.settings.home, request.workspace))
        facts = apply_memory(facts, memory, inputs.backlog, inputs.context)
    return inputs, facts, compute(inputs, facts, status_source=request.status_source).report.reading


def memory(workspace: str, deps: Deps, *, remove: int | None = None) -> list[Any]:
    """The corrections a workspace remembers (after forgetting `remove`, if given)."""
    from assistant.workspace.memory import corrections, forget
    from assistant.workspace.workspace import Workspace

    store = Workspace.open(deps.settings.home, workspace)
    if remove is not None and not forget(store, remove):
        raise NotFound(
            f"workspace '{workspace}' remembers no correction {remove}.",
            fix=f"list them with `steerco memory {workspace}`.",
        )
    return corrections(store)


def render(result: BriefResult, fmt: str) -> str:
    """The brief as md, json or html (the same bytes the workspace keeps)."""
    return render_brief(result, fmt)  # type: ignore[arg-type]


def recognise(files: Sequence[Path]) -> None:
    """Each file is one Steerco can ingest (a context, goals, a backlog or an audit export), read
    from its content, or InputError naming it: what a background ingest checks before it is
    accepted, so an upload that can never be read is refused at once, not in the job."""
    from assistant.workspace.classify import classify

    for path in files:
        classify(path)


def ingest(request: IngestRequest, deps: Deps, *, progress: Any = None) -> Any:
    """Add files to a workspace (recognised by content), with the vector index unless off."""
    from assistant.loaders.limits import Limits, use_limits
    from assistant.workspace.ingest import ingest as run_ingest
    from assistant.workspace.workspace import Workspace

    workspace = Workspace.open(deps.settings.home, request.workspace)
    indexer = None
    if request.embed:
        from assistant.workspace.indexing import Indexer

        indexer = Indexer(workspace, deps.settings)
    with use_limits(Limits.from_settings(deps.settings)):  # this server's limits, not the env's
        return run_ingest(
            workspace, list(request.files), now=deps.now_iso(), indexer=indexer,
            progress=progress, check=deps.cancel,
        )  # fmt: skip


@dataclass
class RoadmapResult:
    """A drafted roadmap, and its id once kept in the workspace."""

    drafted: Any  # assistant.roadmap.service.Drafted
    id: str | None = None  # set when kept in the workspace

    @property
    def plan(self) -> Any:
        return self.drafted.plan

    def render(self, fmt: str) -> str | bytes:
        return self.drafted.render(fmt)


def roadmap(request: RoadmapRequest, deps: Deps) -> RoadmapResult:
    """The plan, its summary asked of the model once (within one run's budget), then kept in
    every format when asked."""
    from assistant.roadmap.service import draft, make_plan, save_all

    workspace = None
    inputs = request.inputs
    if request.workspace is not None:
        from assistant.workspace.workspace import Workspace

        workspace = Workspace.open(deps.settings.home, request.workspace)
        inputs = workspace.load_inputs()
    assert inputs is not None
    plan = make_plan(
        inputs, start=request.start or deps.today(), horizon_weeks=float(request.weeks),
        method=request.method, workspace=workspace,
    )  # fmt: skip
    language = request.language or inputs.context.language
    drafted = draft(plan, inputs, language=language, audience=request.audience,
                    client=deps.client())  # fmt: skip
    result = RoadmapResult(drafted)
    if request.keep and workspace is not None:
        deps.check("saving the roadmap")
        with _in_use(workspace):
            result.id = save_all(workspace.layout.reports, drafted)
    return result


def _in_use(workspace: Any) -> Any:
    """The workspace's in-use guard (a deletion waits for it), where the workspace has one."""
    import contextlib

    guard = getattr(workspace, "in_use", None)  # Workspace.in_use arrives with the api branch
    return guard() if guard is not None else contextlib.nullcontext()


def read_report(request: ReportRequest, deps: Deps) -> Path:
    """The kept file of a brief (run id) or a roadmap (roadmap-<id>), or an InputError."""
    from assistant.workspace.workspace import Workspace

    workspace = Workspace.open(deps.settings.home, request.workspace)
    path = workspace.layout.reports / f"{request.id}.{request.format}"
    if not path.is_file():
        raise NotFound(
            f"workspace '{request.workspace}' keeps no '{request.id}' as {request.format}.",
            fix=f"list what it keeps with `steerco history {request.workspace}`.",
        )
    return path


def history(workspace: str, deps: Deps) -> list[dict[str, Any]]:
    """Past briefs, oldest first, each with what changed since the previous one."""
    from assistant.workspace.reports import changes
    from assistant.workspace.workspace import Workspace

    store = Workspace.open(deps.settings.home, workspace).metadata()
    try:
        rows, told = store.briefs(), store.announcements()
    finally:
        store.close()
    entries, previous = [], None
    for row in rows:
        announced = {a["goal"]: a["announced"] for a in told if a["run_id"] == row["run_id"]}
        entries.append(
            {**row, "changes": changes(previous, row["summary"]), "announced": announced}
        )
        previous = row["summary"]
    return entries


def announced(workspace: str, deps: Deps) -> dict[str, list[dict[str, str]]]:
    """What the board was told: per goal, the dates the kept briefs announced, in order."""
    from assistant.workspace.announced import sequences
    from assistant.workspace.workspace import Workspace

    store = Workspace.open(deps.settings.home, workspace).metadata()
    try:
        return sequences(store.announcements())
    finally:
        store.close()
