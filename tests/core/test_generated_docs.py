"""Files generated from the code stay in step with it: the answers schema and the decision table."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, run_cli

from advisor.answers import Answers

REGENERATE = {
    "docs/answers.schema.json": "advisor schema > docs/answers.schema.json",
    "docs/decisions.md": "advisor rules doc -o docs/decisions.md",
}


def _stale(path: str) -> str:
    return f"{path} is stale; regenerate it with `{REGENERATE[path]}` and commit the result"


def test_schema_command_matches_docs() -> None:
    result = run_cli("schema")
    assert result.code == 0, result.err
    assert result.out == (ROOT / "docs/answers.schema.json").read_text(), _stale("docs/answers.schema.json")


def test_rules_doc_matches_docs() -> None:
    result = run_cli("rules", "doc")
    assert result.code == 0, result.err
    assert result.out == (ROOT / "docs/decisions.md").read_text(), _stale("docs/decisions.md")


def test_rules_doc_names_every_rule() -> None:
    from advisor.ruleset import load_ruleset

    text = (ROOT / "docs/decisions.md").read_text()
    missing = [rule.id for rule in load_ruleset().rules if f"`{rule.id}`" not in text]
    assert not missing


def test_schema_describes_the_answers_contract() -> None:
    schema = json.loads((ROOT / "docs/answers.schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert sorted(schema["required"]) == ["organization", "phase", "project", "regulation", "team"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["phase"]["minimum"] == 1 and schema["properties"]["phase"]["maximum"] == 9
    assert schema["properties"]["schema_version"]["const"] == 1
    assert set(schema["properties"]) == set(Answers.model_fields)


def test_schema_validates_the_examples() -> None:
    """Editors validate answers with the schema; every bundled example must pass it (when jsonschema is here)."""
    import pytest
    import yaml

    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs/answers.schema.json").read_text())
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(example.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"project": {"name": "x"}, "phase": "four"}, schema)


def test_core_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "import advisor.answers, advisor.engine, advisor.decision, advisor.pipeline, advisor.writer, advisor.cli\n"
        "import advisor.whatif, advisor.explain, advisor.rules_doc, advisor.schema\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if m.startswith('textual'))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
