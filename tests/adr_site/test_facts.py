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
    assert "scenario-c.adopt-rancher" in facts.rules


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
    text = record.path.read_text(encoding="utf-8").replace("    phase: 4\n", "    phase: nine\n", 1)
    assert "phase: nine" in text
    (tmp_path / record.file).write_text(text)
    reasoning = Reasoner().reasoning(advisor_facts(load_log(tmp_path).records[0]))
    assert reasoning.rows == [] and reasoning.problem.startswith("the recorded answers do not validate")


def test_generated_files_come_from_the_record_and_the_lock(repo: Path, tmp_path: Path) -> None:
    (repo / "deploy" / "advisor.lock.yaml").write_text(
        "files:\n- path: deploy/extra.yaml\n  sha256: abc\n- {path: deploy/base/kustomization.yaml}\n- 7\n"
    )
    try:
        assert lock_files(repo) == ["deploy/base/kustomization.yaml", "deploy/extra.yaml"]
        log, record = _latest(repo)
        page = build_site(log, SiteOptions(tmp_path / "site", root=repo)).files[Path(record.file).stem + ".html"]
        html = page.decode()
        href = os.path.relpath(repo / "deploy/base/kustomization.yaml", tmp_path / "site")
        assert f'<a href="{href}"><code>deploy/base/kustomization.yaml</code></a>' in html
        assert '<code>deploy/extra.yaml</code> <span class="note">(not found)</span>' in html
    finally:
        (repo / "deploy" / "advisor.lock.yaml").unlink()
    assert lock_files(repo) == []
