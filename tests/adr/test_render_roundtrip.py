"""A generated ADR parses back to the fields it was rendered from, in both templates; custom templates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.adr.render import _clause
from advisor.answers import load_answers
from advisor.errors import InputError
from advisor.lock import read_lock
from advisor.pipeline import Options, run
from advisor.ruleset import load_ruleset
from advisor.whatif import verdicts
from advisor.writer import apply
from tests.conftest import EXAMPLES

DATE = dt.date(2026, 1, 28)
SECTIONS = [
    "## Context and Problem Statement",
    "## Decision Drivers",
    "## Considered Options",
    "## Decision Outcome",
    "### Consequences",
    "### Confirmation",
    "## Pros and Cons of the Options",  # only where a decision was really open
    "## More Information",
]


def _options(tmp_path: Path, template: str | None = None) -> Options:
    return Options(
        out_dir=tmp_path / "deploy",
        adr_dir=tmp_path / "docs/adr",
        date=DATE,
        template=template,
        answers_path=tmp_path / "answers.yaml",
        base_dir=tmp_path,
    )


@pytest.mark.parametrize("example", ["scenario-a.yaml", "scenario-b.yaml", "scenario-c.yaml", "phase-2.yaml"])
@pytest.mark.parametrize("template", ["madr", "nygard"])
def test_round_trip(tmp_path, example, template):
    answers = load_answers(EXAMPLES / example)
    result = run(answers, _options(tmp_path, template))
    adr_file = next(item for item in result.plan.files if item.mode == "create" and item.root == tmp_path / "docs/adr")
    skeleton = [item for item in result.plan.files if item is not adr_file]
    apply(result.plan)
    (record,) = load_log(tmp_path / "docs/adr").records
    text = record.path.read_text()
    assert record.id == result.adr_id == "ADR-0001"
    assert record.status == "proposed" and record.date == "2026-01-28"  # accepted by people, not by advisor
    assert record.title and record.title in text and answers.project.name in record.title
    assert record.style == ("madr" if template == "madr" else "nygard")
    block = record.advisor()
    assert block is not None
    assert block["answers_sha256"] == answers.sha256()
    assert block["answers"] == answers.normalised()
    assert block["outcome"] == result.decision.outcome()
    assert block["format"] == 2 and "generated" not in block and "rules" not in block
    assert block["answers_file"] == "answers.yaml"
    lock = read_lock(tmp_path / "deploy")
    assert lock is not None and (lock.adr_id, lock.adr_path) == (
        "ADR-0001",
        record.path.relative_to(tmp_path).as_posix(),
    )
    files = [item for item in skeleton if item.path != "advisor.lock.yaml"]
    assert sorted(item.path for item in lock.files) == sorted(item.path for item in files)
    assert {item.sha256 for item in lock.files} == {item.sha256 for item in files}
    if template == "madr":
        positions = [text.index(f"\n{heading}\n") for heading in SECTIONS if f"\n{heading}\n" in text]
        assert positions == sorted(positions) and len(positions) >= len(SECTIONS) - 1
        outcome = text.split("## Decision Outcome\n\n", 1)[1]
        assert outcome.startswith("* **Runtime: ") and "**, because " in outcome.splitlines()[0]
        assert "- [ ] " in text and "Bad, because " in text
    else:
        assert text.startswith("# 1. ") and "\n## Status\n\nProposed\n" in text and "\nWe will " in text
    found = verdicts(result.decision, load_ruleset())
    for key, verdict in found.items():  # one line per decision: the verdict, word for word
        if key in result.decision.choices and (key != "secret_store" or result.decision.choices[key] != "none"):
            assert verdict.sentence() in text, key


def test_in_cluster_state_links_its_restore_steps_instead_of_repeating_them(tmp_path):
    result = run(load_answers(EXAMPLES / "scenario-b.yaml"), _options(tmp_path))
    text = next(item for item in result.plan.files if item.mode == "create" and item.path.endswith(".md")).data.decode()
    confirmation = text.split("### Confirmation", 1)[1].split("## Pros and Cons", 1)[0]
    assert "restore drill ran in staging (RUNBOOK.md" in confirmation and "SealedSecret" in confirmation
    assert "(../../deploy/RUNBOOK.md)" in text and "(../../deploy/README.md)" in text
    # The restore steps, the backup arithmetic and the answers' YAML layout live in the skeleton, not here.
    assert "bootstrap.recovery" not in text and "rounded down to an interval" not in text
    assert "Base backup every" not in text


def test_a_team_template_extends_the_bundled_one(tmp_path):
    own = tmp_path / "ours.md.j2"
    own.write_text('{% extends "madr.md.j2" %}\n')
    plain = run(load_answers(EXAMPLES / "scenario-a.yaml"), _options(tmp_path / "a"))
    ours = run(load_answers(EXAMPLES / "scenario-a.yaml"), _options(tmp_path / "b", str(own)))
    assert plain.plan.files[0].path == ours.plan.files[0].path
    team = tmp_path / "team.md.j2"
    team.write_text("# {{ title }}\n\nStatus: {{ status }}\nChosen: {{ chosen }}\n")
    text = run(load_answers(EXAMPLES / "scenario-a.yaml"), _options(tmp_path / "c", str(team))).plan.files[0].data
    assert text.decode().startswith("# Deploy atlas on Kubernetes")


def test_a_typo_in_a_team_template_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.md.j2"
    bad.write_text("# {{ titel }}\n")
    with pytest.raises(InputError, match="titel"):
        run(load_answers(EXAMPLES / "scenario-a.yaml"), _options(tmp_path, str(bad)))
    with pytest.raises(InputError, match="template not found"):
        run(load_answers(EXAMPLES / "scenario-a.yaml"), _options(tmp_path, str(tmp_path / "missing.j2")))


def test_answers_choose_the_template(tmp_path):
    source = (EXAMPLES / "scenario-a.yaml").read_text().replace("adr:\n", "adr:\n  template: nygard\n")
    (tmp_path / "answers.yaml").write_text(source)
    result = run(load_answers(tmp_path / "answers.yaml"), _options(tmp_path))
    assert result.plan.files[0].data.startswith(b"# 1. Deploy atlas")


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("It works offline", "it works offline"),
        ("A values schema validates", "a values schema validates"),
        ("MinIO's community edition", "MinIO's community edition"),
        ("RBAC is kept", "RBAC is kept"),
        ("Rancher itself must be run", "Rancher itself must be run"),
    ],
)
def test_clause_keeps_names(text, clause):
    assert _clause(text) == clause
