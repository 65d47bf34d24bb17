"""The page model: links shown both ways, supersession chains, the record in force, per-decision history."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.site.facts import advisor_facts
from advisor.site.history import histories
from advisor.site.model import build_model
from tests.adr_site.logs import SITE_FIXTURES, madr_log, nygard_log


@pytest.fixture(scope="module")
def nygard(tmp_path_factory) -> Path:
    return nygard_log(tmp_path_factory.mktemp("nygard"))


@pytest.fixture(scope="module")
def madr(tmp_path_factory) -> Path:
    return madr_log(tmp_path_factory.mktemp("madr"))


def _relations(model, file: str) -> list[tuple[str, str | None]]:
    page = model.by_file(file)
    assert page is not None, file
    return [(r.kind, r.target.record.file if r.target else None) for r in page.relations]


def test_adr_tools_links_show_once_on_each_side(nygard: Path) -> None:
    model = build_model(load_log(nygard))
    assert _relations(model, "0003-move-to-kubernetes.md") == [
        ("amended by", "0004-adopt-rancher.md"),
        ("supersedes", "0002-run-with-docker-compose.md"),
    ]
    assert _relations(model, "0004-adopt-rancher.md") == [("amends", "0003-move-to-kubernetes.md")]
    assert _relations(model, "0002-run-with-docker-compose.md") == [("superseded by", "0003-move-to-kubernetes.md")]


def test_log4brains_supersession_among_numbered_records(nygard: Path) -> None:
    model = build_model(load_log(nygard))
    old = model.by_file("20200315-store-uploads-on-the-nfs-share.md")
    assert [p.record.file for p in model.in_force(old)] == ["20210102-store-uploads-in-object-storage.md"]
    assert [p.record.file for p in old.superseded_by] == ["20210102-store-uploads-in-object-storage.md"]


def test_madr_link_written_one_way_appears_on_both_pages(madr: Path) -> None:
    model = build_model(load_log(madr))
    target = model.by_file("0001-store-embeddings-in-a-vector-database.md")
    assert ("superseded by", "0003-use-postgres-with-pgvector.md") in _relations(model, target.record.file)
    assert ("supersedes", "0001-store-embeddings-in-a-vector-database.md") in _relations(
        model, "0003-use-postgres-with-pgvector.md"
    )


def test_advisor_chain_in_force_follows_to_the_end(madr: Path) -> None:
    model = build_model(load_log(madr))
    advisor_pages = [p for p in model.pages if advisor_facts(p.record) is not None]
    assert [p.record.number for p in advisor_pages] == [6, 7, 8]
    first = advisor_pages[0]
    assert [p.record.number for p in model.in_force(first)] == [8]
    assert model.in_force(advisor_pages[-1]) == []
    chains = [[[p.record.number for p in column] for column in chain] for chain in model.chains()]
    assert [[1], [3]] in chains and [[6], [7], [8]] in chains


@pytest.mark.parametrize("log", ["nygard", "madr"])
def test_decision_history_names_the_answer_that_changed(log: str, request) -> None:
    folder = request.getfixturevalue(log)
    model = build_model(load_log(folder))
    facts = {p.page: f for p in model.pages if (f := advisor_facts(p.record)) is not None}
    rancher = next(h for h in histories(model, facts) if h.key == "rancher")
    assert len(rancher.chains) == 1
    steps = rancher.chains[0]
    assert [s.value for s in steps] == ["not-needed", "defer", "adopt"]
    assert [s.changed for s in steps] == [False, True, True]
    assert steps[1].answers_changed == [("organization.teams", "1", "2")]
    assert steps[2].answers_changed == [("organization.teams", "2", "3")]
    runtime = next(h for h in histories(model, facts) if h.key == "runtime")
    assert [s.changed for s in runtime.chains[0]] == [False, False, False]


def test_dangling_links_stay_visible(tmp_path: Path) -> None:
    (tmp_path / "0001-a.md").write_text("# 1. A\n\n## Status\n\nSuperseded by [9. Gone](0009-gone.md)\n")
    model = build_model(load_log(tmp_path))
    page = model.pages[0]
    assert [(r.kind, r.target, r.written) for r in page.relations] == [
        ("superseded by", None, "[9. Gone](0009-gone.md)")
    ]
    assert model.in_force(page) == []


def test_a_supersession_cycle_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "0001-a.md").write_text("---\nstatus: superseded by ADR-0002\n---\n# A\n")
    (tmp_path / "0002-b.md").write_text("---\nstatus: superseded by ADR-0001\n---\n# B\n")
    model = build_model(load_log(tmp_path))
    assert [p.record.number for p in model.in_force(model.pages[0])] == [2]  # where the loop closes
    assert sorted(p.record.number for chain in model.chains() for column in chain for p in column) == [1, 2]


def test_small_fixture_mixes_three_layouts() -> None:
    log = load_log(SITE_FIXTURES / "small")
    assert sorted(r.style for r in log.records) == ["log4brains", "madr", "madr", "nygard"]
    model = build_model(log)
    assert ("amends", "0002-run-on-kubernetes.md") in _relations(model, "0003-add-pgvector.md")
    assert _relations(model, "0002-run-on-kubernetes.md") == [("amended by", "0003-add-pgvector.md")]
