"""Writes the JSON Schemas of the brief and the roadmap (`schemas/brief.schema.json`,
`schemas/roadmap.schema.json`): `make schema`. Tests fail when either file is stale."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.report import Brief

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "brief.schema.json"


def brief_schema() -> str:
    schema = Brief.model_json_schema(mode="serialization")
    schema["$id"] = "https://steerco.example/schemas/brief.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas() -> list[Path]:
    """Both schema files, written from the models; the paths written."""
    from assistant.roadmap.render import json as roadmap_json

    SCHEMA_PATH.write_text(brief_schema(), encoding="utf-8")
    roadmap_json.SCHEMA_PATH.write_text(roadmap_json.roadmap_schema(), encoding="utf-8")
    return [SCHEMA_PATH, roadmap_json.SCHEMA_PATH]


if __name__ == "__main__":
    for path in write_schemas():
        print(f"wrote {path}")
