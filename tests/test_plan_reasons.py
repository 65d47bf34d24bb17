"""The plan's reason for a changed file names only the facts that changed that file, not all its builder read."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from advisor.answers import load_answers
from advisor.content import Deferred
from advisor.pipeline import Options, decide_and_write, run
from advisor.provenance import file_reasons
from advisor.skeleton import Rendered
from advisor.writer import OutputFile, plan_entries
from tests.conftest import EXAMPLES, run_cli

OVERLAYS = [f"deploy/overlays/{env}/kustomization.yaml" for env in ("dev", "staging", "prod")]


def _accept(adr_dir: Path) -> None:
    """Sign the record, so the next decision is ADR-0002 and the files that name the record change."""
    for record in adr_dir.glob("*.md"):
        record.write_text(record.read_text().replace("status: proposed", "status: accepted", 1))


def _decided(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    result = run_cli("decide", "--answers", "answers.yaml", "--date", "2026-01-01", cwd=tmp_path)
    assert result.code == 0, result.err
    _accept(tmp_path / "docs/adr")
    text = (tmp_path / "answers.yaml").read_text()
    assert "rpo_minutes: 15" in text
    (tmp_path / "answers.yaml").write_text(text.replace("rpo_minutes: 15", "rpo_minutes: 5"))
    return tmp_path


def test_after_an_rpo_change_the_overlays_name_only_the_adr_id(tmp_path):
    repo = _decided(tmp_path)
    dry = run_cli("decide", "--answers", "answers.yaml", "--date", "2026-01-02", "--dry-run", cwd=repo)
    assert dry.code == 0, dry.err
    for overlay in OVERLAYS:
        assert f"changed   {overlay} (adr.id ADR-0001 → ADR-0002)\n" in dry.out
    assert "changed   deploy/RUNBOOK.md (data.rpo_minutes 15 → 5)\n" in dry.out
    readme = next(line for line in dry.out.splitlines() if " deploy/README.md " in line)
    assert "adr.id ADR-0001 → ADR-0002" in readme and "data.rpo_minutes 15 → 5" in readme  # it prints both

    out = run_cli("decide", "--answers", "answers.yaml", "--date", "2026-01-02", "--dry-run", "--json", cwd=repo)
    plan = {entry["path"]: entry for entry in json.loads(out.out)["plan"]}
    assert plan["deploy/overlays/prod/kustomization.yaml"]["because"] == "adr.id ADR-0001 → ADR-0002"
    assert plan["deploy/RUNBOOK.md"]["because"] == "data.rpo_minutes 15 → 5"


def test_every_changed_files_reason_is_a_fact_that_changes_it(tmp_path):
    """Each fact named for a file, put back alone to its old value, gives the file other objects or bytes."""
    options = Options(out_dir=tmp_path / "deploy", adr_dir=tmp_path / "docs/adr", date=dt.date(2026, 1, 1))
    first = load_answers(EXAMPLES / "scenario-b.yaml")
    decide_and_write(first, options)
    _accept(options.adr_dir)
    later = first.model_copy(update={"data": first.data.model_copy(update={"rpo_minutes": 5})})
    result = run(later, Options(out_dir=options.out_dir, adr_dir=options.adr_dir, date=dt.date(2026, 1, 2)))
    reasons = {e["path"]: e["because"] for e in plan_entries(result.plan) if e["because"]}
    assert len(reasons) >= 5
    # an overlay's kustomization moves with the ADR's id alone; its PrometheusRule moves with the RPO, since the
    # WAL-archiving alert's threshold is the RPO (advisor/observability_plan.py)
    overlays = {path: because for path, because in reasons.items() if "overlays/" in path}
    assert all("data.rpo_minutes" not in why for path, why in overlays.items() if path.endswith("kustomization.yaml"))
    rules = [why for path, why in overlays.items() if path.endswith("prometheusrule.yaml")]
    assert rules and all(why == "data.rpo_minutes 15 → 5" for why in rules)


def _file(path: str, source: str) -> OutputFile:
    return OutputFile(Path("out"), path, Deferred(lambda: source.encode(), lambda: source))


def test_a_fact_whose_old_value_no_longer_renders_counts_as_a_cause():
    def again(overrides):
        if "choice.postgres" in overrides:
            raise KeyError("no such component")
        return {"a.yaml": _file("a.yaml", "same").content}

    rendered = Rendered([_file("a.yaml", "new")], {"a.yaml": "k"}, {}, again)
    before = {"choice.postgres": "managed", "data.rpo_minutes": 15}
    now = {"choice.postgres": "in-cluster", "data.rpo_minutes": 5}
    assert file_reasons(rendered, rendered.files, before, now) == {"a.yaml": ["choice.postgres", "data.rpo_minutes"]}


def test_a_file_no_single_fact_accounts_for_names_every_moved_fact():
    """Both facts moved together and either alone leaves the file as it is now: name both rather than none."""
    rendered = Rendered(
        [_file("a.yaml", "x")], {"a.yaml": "k"}, {}, lambda overrides: {"a.yaml": _file("a", "x").content}
    )
    before, now = {"a": 1, "b": 1}, {"a": 2, "b": 2, "only.now": "read now, not before"}
    assert file_reasons(rendered, rendered.files, before, now) == {"a.yaml": ["a", "b", "only.now"]}


def test_a_file_that_one_fact_changes_names_that_fact_alone():
    def again(overrides):
        return {"a.yaml": _file("a.yaml", "old" if "a" in overrides else "new").content}

    rendered = Rendered([_file("a.yaml", "new")], {"a.yaml": "k"}, {}, again)
    assert file_reasons(rendered, rendered.files, {"a": 1, "b": 1}, {"a": 2, "b": 2}) == {"a.yaml": ["a"]}
