"""Re-deciding through the real CLI: unchanged, changed (supersession), drift, reproducibility, round trip."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.lock import read_lock
from tests.conftest import EXAMPLES, run_cli


@pytest.fixture
def repo(tmp_path) -> Path:
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    return tmp_path


def decide(repo: Path, *extra: str, date: str = "2026-02-01"):
    args = ["decide", "--answers", "answers.yaml", "--adr-dir", repo / "docs/adr", "--out", repo / "deploy"]
    return run_cli(*args, "--date", date, *extra, cwd=repo)


def records(repo: Path) -> list[Path]:
    return sorted((repo / "docs/adr").glob("[0-9]*.md"))


def test_unchanged_decision_writes_no_new_record(repo):
    first = decide(repo)
    assert first.code == 0, first.err
    assert len(records(repo)) == 1
    adr = records(repo)[0]
    before = adr.read_bytes()
    # Reformatting the answers (comments, key order) is not a change: the hash is of the normalised answers.
    answers = repo / "answers.yaml"
    answers.write_text("# reformatted\n" + answers.read_text().replace("phase: 5", "phase:   5  # still five"))
    again = decide(repo, date="2026-03-01")
    assert again.code == 0, again.err
    assert "decision unchanged: ADR-0001 still holds" in again.out
    assert records(repo) == [adr] and adr.read_bytes() == before
    assert run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo).code == 0


def _status_diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_a_proposed_record_is_revised_in_place(repo):
    assert decide(repo).code == 0
    (adr,) = records(repo)
    assert "status: proposed\n" in adr.read_text()
    answers = repo / "answers.yaml"
    answers.write_text(answers.read_text().replace("rpo_minutes: 15", "rpo_minutes: 30"))
    result = decide(repo, date="2026-02-10")
    assert result.code == 0, result.err
    assert "ADR-0001 revised (proposed: not yet accepted, so it changes in place)" in result.out
    assert records(repo) == [adr]
    text = adr.read_text()
    assert "status: proposed\ndate: 2026-02-10\n" in text
    assert "## Changes since the draft of 2026-02-01\n\n* Answer: data.rpo_minutes 15 → 30\n" in text
    assert run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo).code == 0


def test_changed_answers_after_acceptance_propose_a_record_that_supersedes_it_once_accepted(repo):
    assert decide(repo).code == 0
    (old,) = records(repo)
    assert run_cli("adr", "accept", "1", "--adr-dir", repo / "docs/adr").code == 0
    # A hand edit in the accepted record must survive the supersession.
    old.write_text(old.read_text().replace("## More Information\n", "## More Information\n\nReviewed by Ana.\n"))
    before = old.read_text()
    answers = repo / "answers.yaml"
    answers.write_text(answers.read_text().replace("teams: 2", "teams: 4"))
    drift = run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo)
    assert drift.code == 1
    assert "answers.yaml: ADR102 answers-drift: error: changed since ADR-0001 was decided" in drift.out
    assert "no longer holds" not in drift.out  # the recorded answers still decide the same
    result = decide(repo, date="2026-02-10")
    assert result.code == 0, result.err
    assert "ADR-0002 proposed; once accepted it supersedes ADR-0001" in result.out
    assert old.read_text() == before  # the accepted record is in force until the new one is signed
    (new,) = [path for path in records(repo) if path != old]
    assert new.name == "0002-ledger-adopt-rancher-logging.md"  # the name says what distinguishes it
    text = new.read_text()
    assert "\nsupersedes: ADR-0001\n" in text and "status: proposed\ndate: 2026-02-10\n" in text
    assert (
        "## Changes since ADR-0001\n\n* Answer: organization.teams 2 → 4\n* Decision: Rancher: Defer Rancher → " in text
    )
    assert "Rancher" in text.split("\n# ", 1)[1].splitlines()[0]  # the title names the new outcome
    assert run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo).code == 0  # a proposal supersedes nothing yet
    accepted = run_cli("adr", "status", "2", "accepted", "--adr-dir", repo / "docs/adr")
    assert accepted.code == 0 and "ADR-0001 superseded by ADR-0002" in accepted.out
    assert _status_diff(before, old.read_text()) == ["-status: accepted", "+status: superseded by ADR-0002"]
    listing = json.loads(run_cli("adr", "list", "--json", "--adr-dir", repo / "docs/adr").out)
    assert [(r["id"], r["status"], r["superseded_by"], r["supersedes"]) for r in listing] == [
        ("ADR-0001", "superseded", ["ADR-0002"], []),
        ("ADR-0002", "accepted", [], ["ADR-0001"]),
    ]
    check = run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo)
    assert check.code == 0, check.out


def test_rules_that_now_decide_differently_are_drift(repo, tmp_path):
    assert decide(repo).code == 0
    rules = tmp_path / "org-rules"
    rules.mkdir()
    (rules / "postgres.yaml").write_text(
        "rules:\n"
        "  - id: org.always-managed\n"
        "    title: Our policy is managed Postgres\n"
        "    when: {fact: phase, ge: 1}\n"
        "    set: {postgres: managed}\n"
        "    priority: 900\n"
        "    rationale: Policy.\n"
        '    spec: "3.3"\n'
    )
    result = run_cli("check", "--adr-dir", repo / "docs/adr", "--rules", rules, cwd=repo)
    assert result.code == 1
    assert "ADR-0001 no longer holds under the current rules: " in result.out
    # the backup target follows the database: managed Postgres keeps the provider's backups
    assert "backup_target would be provider-managed (recorded off-cluster)" in result.out
    assert "postgres would be managed (recorded in-cluster)" in result.out


def test_generated_files_are_recorded_and_hand_edits_warn(repo):
    result = decide(repo)
    assert result.code == 0, result.err
    block = load_log(repo / "docs/adr").records[0].advisor()
    assert block is not None and "generated" not in block  # file hashes live in the lock, not the ADR
    generated = read_lock(repo / "deploy").files
    on_disk = sorted(p.relative_to(repo / "deploy").as_posix() for p in (repo / "deploy").rglob("*") if p.is_file())
    assert sorted([item.path for item in generated] + ["advisor.lock.yaml"]) == on_disk
    edited = repo / "deploy" / generated[0].path
    edited.write_text(edited.read_text() + "# tuned by hand\n")
    warn = run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo)
    shown = edited.relative_to(repo).as_posix()  # relative to the root, as docs/ci.md shows findings
    expected = f"{shown}: ADR105 generated-file-edited: warning: differs from what advisor wrote for ADR-0001"
    assert warn.code == 0 and expected in warn.out
    assert run_cli("check", "--adr-dir", repo / "docs/adr", "--strict", cwd=repo).code == 1
    # Re-deciding the same answers: advisor's render did not move, so the hand edit stays and nothing is beside it.
    again = decide(repo)
    assert "decision unchanged" in again.out
    assert "# tuned by hand" in edited.read_text() and not Path(str(edited) + ".new").exists()
    edited.unlink()
    assert "generated file is missing" in run_cli("check", "--adr-dir", repo / "docs/adr", cwd=repo).out
    decide(repo)  # restores what is missing, against the same record
    assert edited.is_file() and len(records(repo)) == 1


@pytest.mark.parametrize("template", ["madr", "nygard"])
def test_same_answers_and_date_give_the_same_bytes(tmp_path, template):
    outputs = []
    for name in ("one", "two"):
        repo = tmp_path / name
        repo.mkdir()
        shutil.copy(EXAMPLES / "scenario-c.yaml", repo / "answers.yaml")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")  # 2026-01-01
        args = ["decide", "--answers", "answers.yaml", "--template", template]
        result = run_cli(*args, "--adr-dir", "docs/adr", "--out", "deploy", cwd=repo, env=env)
        assert result.code == 0, result.err
        (adr,) = records(repo)
        outputs.append((adr.name, adr.read_bytes()))
    assert outputs[0] == outputs[1]
    assert b"2026-01-01" in outputs[0][1]
