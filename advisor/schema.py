"""The answers file's JSON Schema, as printed by `advisor schema` and kept in docs/."""

from __future__ import annotations

import json

from advisor.answers import Answers


def answers_schema() -> dict:
    schema = Answers.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://advisor.example.com/schemas/answers-v1.json"
    schema["title"] = "advisor answers file, schema version 1"
    return schema


def answers_schema_text() -> str:
    return json.dumps(answers_schema(), indent=2, sort_keys=True) + "\n"
