"""Language is a unit for localized fields too: every text Steerco holds in several languages
is one `{lang: text}` value read through `localized`, its languages come from the registry,
and what was saved with the old `title_fr`/`title_en` pairs still loads (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.errors import InputError
from assistant.facts.glossary import load_glossary
from assistant.inputs import Inputs, load_inputs
from assistant.lang import registry, worded
from assistant.loaders import load_context, load_goals
from assistant.localized import localized
from assistant.report import Brief
from assistant.roadmap.models import RoadmapPlan
from assistant.settings import Settings
from tests.conftest import TRANSVIA, ok

TRANSVIA_FILES = [str(TRANSVIA / n) for n in ("context.yaml", "goals.yaml", "backlog.csv")]


def _old_pairs(data: dict, **fields: str) -> dict:
    """`data` as it was saved before: each `{lang: text}` field (`titles=`) as keys of the old
    name and the language (`"title"`: `title_fr`, `title_en`)."""
    saved = {k: v for k, v in data.items() if k not in fields}
    for field, old in fields.items():
        saved.update({f"{old}_{lang}": text for lang, text in data[field].items()})
    return saved


def test_a_localized_text_is_in_the_language_asked_else_the_first_it_has_else_the_fallback():
    texts = {"fr": "Lancement", "en": "Launch"}
    assert localized(texts, "en") == "Launch"
    assert localized(texts, "es") == "Lancement"
    assert localized({"fr": "", "en": "Launch"}, "fr") == "Launch"
    assert localized({}, "fr", "G1") == "G1" and localized(None, "fr") == ""


def test_a_goal_title_in_a_registered_language_is_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(registry, "READ", [*registry.READ, "es"])
    path = tmp_path / "goals.yaml"
    text = "- id: G1\n  title: {fr: Lancement, es: Lanzamiento}\n  cost_of_delay_per_week: 1\n"
    path.write_text(text, encoding="utf-8")
    (goal,) = load_goals(path)
    assert goal.titles == {"fr": "Lancement", "es": "Lanzamiento"}
    assert goal.title_in("es") == "Lanzamiento" and goal.title_in("en") == "Lancement"


def test_a_context_language_is_one_the_registry_reads(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "context.yaml"
    path.write_text("company: Acme\nlanguage: es\n", encoding="utf-8")
    with pytest.raises(InputError, match="language should be one of: fr, en"):
        load_context(path)
    monkeypatch.setattr(registry, "READ", [*registry.READ, "es"])
    assert load_context(path).language == "es"


def test_a_glossary_entry_in_a_registered_language_is_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(registry, "READ", [*registry.READ, "es"])
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "- {id: sprint, fr: sprint, en: sprint, es: iteración, aliases_es: [ciclo],\n"
        "   plain_fr: Cycle court., plain_en: A short cycle., plain_es: Un ciclo corto.}\n",
        encoding="utf-8",
    )
    (entry,) = load_glossary(path).entries
    assert entry.name("es") == "iteración" and entry.plain("es") == "Un ciclo corto."
    assert entry.terms("es") == ("iteración", "ciclo")
    found = load_glossary(path).find_terms("Un ciclo más", "es")
    assert [e.id for e in found] == ["sprint"]


def test_risks_and_options_are_worded_in_every_language_that_has_phrases() -> None:
    assert worded() == ["fr", "en"]
    out = ok("roadmap", *_args(), "--findings", str(TRANSVIA / "audit.csv"), "--format", "json")
    plan = json.loads(out)
    assert plan["options"] and all(set(o["title"]) == set(worded()) for o in plan["options"])
    assert all(set(o["reason"]) == set(worded()) for o in plan["options"])
    risks = [p for p in plan["packages"] if p["kind"] == "risk"]
    assert risks and all(set(p["titles"]) == set(worded()) for p in risks)


def _args() -> list[str]:
    context, goals, backlog = TRANSVIA_FILES
    return ["--context", context, "--goals", goals, "--backlog", backlog, "--start", "2026-11-23"]


def test_a_brief_saved_with_title_fr_and_title_en_still_loads() -> None:
    out = ok(
        "brief", "--context", TRANSVIA_FILES[0], "--goals", TRANSVIA_FILES[1],
        "--backlog", TRANSVIA_FILES[2], "--findings", str(TRANSVIA / "audit.csv"),
        "--status", str(TRANSVIA / "status.fr.txt"), "--as-of", "2026-11-20", "--format", "json",
    )  # fmt: skip
    brief = json.loads(out)
    assert brief["risks"] and "title_fr" not in brief["risks"][0]
    saved = {**brief, "risks": [_old_pairs(r, title="title") for r in brief["risks"]]}
    assert "title_fr" in saved["risks"][0]
    loaded = Brief.model_validate_json(json.dumps(saved))
    assert [r.title for r in loaded.risks] == [r["title"] for r in brief["risks"]]


def test_a_roadmap_saved_with_title_and_reason_pairs_still_loads() -> None:
    plan = json.loads(ok("roadmap", *_args(), "--format", "json"))
    saved = {
        **plan,
        "options": [_old_pairs(o, title="title", reason="reason") for o in plan["options"]],
    }
    loaded = RoadmapPlan.model_validate_json(json.dumps(saved))
    assert [o.title for o in loaded.options] == [o["title"] for o in plan["options"]]
    assert [o.reason for o in loaded.options] == [o["reason"] for o in plan["options"]]


def test_inputs_saved_with_goal_title_pairs_still_load() -> None:
    inputs = load_inputs(*(Path(p) for p in TRANSVIA_FILES[:2]), [Path(TRANSVIA_FILES[2])])
    data = json.loads(inputs.model_dump_json())
    assert any(g["titles"] for g in data["goals"])
    data["goals"] = [{"title_en": None, **_old_pairs(g, titles="title")} for g in data["goals"]]
    assert "title_fr" in json.dumps(data)
    assert Inputs.model_validate_json(json.dumps(data)).goals == inputs.goals


def test_past_roadmaps_saved_with_title_pairs_are_listed_with_one_title(home: Path) -> None:
    ok("init", "transvia")
    ok("ingest", "transvia", "--no-embed", *TRANSVIA_FILES)
    client = TestClient(create_app(Settings(home=home)), base_url="http://localhost")
    made = client.post("/v1/workspaces/transvia/roadmaps", json={"start": "2026-11-23"}).json()
    (path,) = home.rglob(f"{made['id']}.json")
    plan = json.loads(path.read_text(encoding="utf-8"))
    chosen = next(o for o in plan["options"] if o["recommended"])
    plan["options"] = [_old_pairs(o, title="title", reason="reason") for o in plan["options"]]
    path.write_text(json.dumps(plan), encoding="utf-8")
    (row,) = client.get("/v1/workspaces/transvia/roadmaps").json()["roadmaps"]
    assert row["recommended"]["title"] == chosen["title"]
    assert set(chosen["title"]) == set(worded())
