"""advisor's own records: the one accessor of what they record, the re-derived reasoning, the lock's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.site import SiteOptions, build_site
from advisor.site.facts import Reasoner, advisor_facts, lock_files
from tests.adr_site.logs import advisor_chain


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    advisor_chain(root)
    return root


def _latest(repo: Path):
    log = load_log(repo / "docs" / "adr")
    return log, log.records[-1]


def test_facts_read_what_the_record_states(repo: Path) -> None:
    _, record = _latest(repo)
    facts = advisor_facts(record)
    assert facts is not None
    assert facts.project == "atlas"
    assert facts.choices["rancher"] == "adopt"
    assert facts.answers["organization"]["teams"] == 3
    # The record states the outcome; the rule behind each choice comes from re-deciding its answers.
    assert "scenario-c.adopt-rancher" in {row.rule for row in Reasoner().reasoning(facts).rows}


def test_hand_written_records_have_no_facts(tmp_path: Path) -> None:
    (tmp_path / "0001-a.md").write_text("---\nstatus: accepted\n---\n# A\n")
    assert advisor_facts(load_log(tmp_path).records[0]) is None


def test_reasoning_says_when_todays_rules_differ_from_the_record(repo: Path, tmp_path: Path) -> None:
    _, record = _latest(repo)
    facts = advisor_facts(record)
    reasoner = Reasoner()
    rows = {row.key: row for row in reasoner.reasoning(facts).rows}
    assert (rows["rancher"].value, rows["rancher"].rule, rows["rancher"].recorded) == (
        "adopt",
        "scenario-c.adopt-rancher",
        None,
    )
    assert any("organization.teams = 2 (now 3)" in flip for flip in reasoner.reasoning(facts).flips)
    edited = tmp_path / record.file
    edited.write_text(record.path.read_text(encoding="utf-8").replace("rancher: adopt", "rancher: defer", 1))
    other = advisor_facts(load_log(tmp_path).records[0])
    assert {row.key: row for row in reasoner.reasoning(other).rows}["rancher"].recorded == "defer"


def test_answers_that_no_longer_validate_are_explained(repo: Path, tmp_path: Path) -> None:
    _, record = _latest(repo)
    text = record.path.read_text(encoding="utf-8").replace("\nphase: 4\n", "\nphase: nine\n", 1)
    assert "phase: nine" in text
    (tmp_path / record.file).write_text(text)
    reasoning = Reasoner().reasoning(advisor_facts(load_log(tmp_path).records[0]))
    assert reasoning.rows == [] and reasoning.problem.startswith("the recorded answers do not validate")


def test_generated_files_come_from_the_lock_of_the_record_it_names(repo: Path, tmp_path: Path) -> None:
    log, record = _latest(repo)
    locked = lock_files(repo)
    assert list(locked) == [record.id]  # the skeleton follows the latest record only
    assert "deploy/README.md" in locked[record.id] and "deploy/advisor.lock.yaml" not in locked[record.id]
    site = build_site(log, SiteOptions(tmp_path / "site", root=repo)).files
    html = site[Path(record.file).stem + ".html"].decode()
    href = os.path.relpath(repo / "deploy/README.md", tmp_path / "site")
    assert f'<a href="{href}"><code>deploy/README.md</code></a>' in html
    older = site[Path(log.records[0].file).stem + ".html"].decode()
    # A superseded record does not claim today's files (its own text may still link the skeleton it was written for).
    assert "<code>deploy/README.md</code>" not in older
    lock = repo / "deploy" / "advisor.lock.yaml"
    saved = lock.read_text()
    try:
        lock.write_text("files: [7\n")  # unreadable: the site still builds, without the list
        assert lock_files(repo) == {}
    finally:
        lock.write_text(saved)
