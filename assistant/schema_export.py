"""Writes the JSON Schema of the brief (`schemas/brief.schema.json`): `make schema`."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.report import Brief

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "brief.schema.json"


def brief_schema() -> str:
    schema = Brief.model_json_schema(mode="serialization")
    schema["$id"] = "https://steerco.example/schemas/brief.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(brief_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
