"""Facts the pages state about the code, checked against the code: lists, signatures, keys and patterns.

Each test reads the page and the thing it describes, so a change to either side that the other does not follow
fails here with the page and what to write.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re

import yaml

from advisor.adr.render import AdrInput, adr_context
from advisor.answers import load_answers
from advisor.engine import decide, load_ruleset
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES, run_cli
from tests.docs.blocks import blocks
from tests.docs.sessions import ROOT

DOCS = ROOT / "docs"


def _section(page: str, heading: str) -> str:
    text = (DOCS / page).read_text()
    start = text.index(f"\n{heading}\n")
    end = text.find("\n#", start + len(heading) + 2)
    return text[start : end if end != -1 else None]


def _schema_fields() -> set[str]:
    schema = json.loads((DOCS / "answers.schema.json").read_text())
    defs = schema.get("$defs", {})

    def walk(node: dict, prefix: str) -> set[str]:
        node = defs[node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node
        refs = [alt for alt in node.get("anyOf", []) if "$ref" in alt]
        if refs:
            return walk(refs[0], prefix)
        if "properties" not in node:
            return {prefix}
        return {f for key, sub in node["properties"].items() for f in walk(sub, f"{prefix}.{key}" if prefix else key)}

    return walk(schema, "")


def _flatten(data: dict, prefix: str = "") -> set[str]:
    out: set[str] = set()
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        out |= _flatten(value, name) if isinstance(value, dict) else {name}
    return out


def test_answers_md_complete_file_has_every_field_and_the_fields_table_a_row_for_each() -> None:
    complete = next(b for b in blocks(DOCS / "answers.md") if b.info == "yaml" and "schema_version" in b.text)
    fields = _schema_fields()
    assert _flatten(yaml.safe_load(complete.text)) == fields
    table = _section("answers.md", "## Fields")
    first_cells = {name for row in table.splitlines() for name in re.findall(r"`([\w.]+)`", row.split(" | ")[0])}
    missing = sorted(fields - first_cells)
    assert not missing, f"docs/answers.md, Fields: no row for {missing}"


def test_rules_md_names_every_bundled_rule_file() -> None:
    opening = (DOCS / "rules.md").read_text().split("\n\n", 2)[1]
    named = set(re.findall(r"`([a-z-]+)(?:\.yaml)?`", opening))
    files = {path.stem for path in (ROOT / "rules").glob("*.yaml")}
    assert files <= named, f"docs/rules.md does not name rules/{sorted(files - named)}.yaml"


def test_skeleton_md_shows_env_objects_with_its_real_parameters() -> None:
    shown = re.search(r"`env_objects\(([^)]*)\)`", (DOCS / "skeleton.md").read_text())
    assert shown, "docs/skeleton.md no longer shows env_objects(...)"
    assert [p.strip() for p in shown.group(1).split(",")] == list(inspect.signature(env_objects).parameters)


def test_adr_log_md_names_every_template_variable() -> None:
    section = _section("adr-log.md", "### Template variables")
    decision = decide(load_answers(EXAMPLES / "scenario-b.yaml"))
    context = adr_context(decision, load_ruleset(), AdrInput(1, "ADR-0001", dt.date(2026, 1, 1)))
    missing = sorted(key for key in context if f"`{key}`" not in section)
    assert not missing, f"docs/adr-log.md, Template variables: {missing} not named"
    gone = re.search(r"\(([^()]*) (?:is|are) gone", section)
    if gone:
        assert not set(re.findall(r"`(\w+)`", gone.group(1))) & set(context), "a variable said to be gone is there"


def test_ci_md_local_hook_watches_the_same_files_as_the_published_hooks() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    local = [b for b in blocks(DOCS / "ci.md") if b.info == "yaml" and "repo: local" in b.text]
    assert local, "docs/ci.md lost its local hook"
    check = next(h for h in yaml.safe_load(local[0].text)["repos"][0]["hooks"] if h["id"] == "advisor-check")
    assert check["files"] == hooks["advisor-check-system"]["files"]
    pattern = re.compile(check["files"])
    for path in ("doc/adr/0001-a.md", "pyproject.toml", "services/api/docs/adr/0001-a.md", "deploy/x.yaml"):
        assert pattern.search(path), path


def test_user_guide_names_every_decision_and_every_json_key() -> None:
    guide = (DOCS / "user-guide.md").read_text()
    result = run_cli("decide", "--answers", EXAMPLES / "scenario-a.yaml", "--dry-run", "--json", cwd=ROOT)
    data = json.loads(result.out)
    table = _section("user-guide.md", "### The JSON shape")
    missing = sorted(key for key in data if f"`{key}`" not in table)
    assert not missing, f"docs/user-guide.md, The JSON shape: {missing} not named"
    decision_line = next(line for line in guide.splitlines() if line.startswith("atlas: runtime="))
    shown = [pair.split("=")[0] for pair in decision_line.removeprefix("atlas: ").split(", ")]
    assert shown == list(load_ruleset().decisions), "the decision line lists the decisions in the rule set's order"
