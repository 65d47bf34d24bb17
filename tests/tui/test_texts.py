"""Texts the interview shows that are worth pinning down without driving the whole app."""

from __future__ import annotations

from pathlib import Path

from advisor.tui.planning import readable as _readable
from advisor.tui.screens.done import done_text
from advisor.writer import Report


def test_adr_preview_puts_the_body_before_the_front_matter() -> None:
    record = "---\nstatus: accepted\nadvisor:\n  format: 1\n---\n\n# Deploy atlas\n\nBody text.\n"
    shown = _readable(record)
    assert shown.index("# Deploy atlas") < shown.index("status: accepted")
    assert "```yaml\nstatus: accepted\nadvisor:\n  format: 1\n```" in shown


def test_next_steps_name_the_adr_folder_so_decide_reproduces_the_run() -> None:
    text = done_text(Report(), Report(), Path("a.yaml"), Path("out"), "2026-11-26", Path("records"))
    assert "advisor decide --answers a.yaml --out out --adr-dir records" in text
    assert "--date 2026-11-26" in text
    discovered = done_text(Report(), Report(), Path("a.yaml"), Path("out"), "2026-11-26")
    assert "--adr-dir" not in discovered


def test_a_long_plan_path_loses_folders_from_its_middle_and_keeps_those_nearest_the_name():
    from advisor.tui.widgets.plan_table import fit_path

    path = "deploy/components/postgres-in-cluster/kustomization.yaml"
    assert fit_path(path, 60) == path
    assert fit_path(path, 47) == "deploy/…/postgres-in-cluster/kustomization.yaml"
    assert fit_path(path, 44) == "…/postgres-in-cluster/kustomization.yaml"
    assert fit_path(path, 30) == "deploy/…/kustomization.yaml"
    assert fit_path(path, 22) == "…/kustomization.yaml"
    shortened = fit_path("docs/adr/0002-deploy-ledger-on-kubernetes-with-in-cluster-minio.md", 30)
    assert len(shortened) == 30 and shortened.startswith("0002-") and shortened.endswith("-minio.md")
