"""`org list` and `org check`: the shapes scripts read, and text that fits a terminal."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from tests.org.organisation import ORG_RULES, answers, commit, decide, new_repo, run


def test_list_json_has_the_documented_shape(built_org) -> None:
    result = run("org", "list", "--json", built_org["clones"], built_org["mono"])
    assert result.code == 1, "the broken service makes it 1; every other service is listed"
    services = {s["name"]: s for s in json.loads(result.out)["services"]}
    ledger = services["ledger"]
    assert set(ledger) >= {"name", "path", "owner", "adr", "decisions", "scenarios", "findings", "versions"}
    assert ledger["adr"] == {
        "id": "ADR-0001",
        "status": "accepted",
        "date": "2026-01-15",
        "path": "ledger/docs/adr/0001-deploy-ledger-on-kubernetes-with-in-cluster-postgres-in-cluster-minio.md",
    }
    assert ledger["decisions"]["postgres"] == "in-cluster" and ledger["scenarios"] == ["B"]
    assert list(ledger["decisions"])[:2] == ["runtime", "manifests"]
    assert ledger["findings"] == {"errors": 0, "warnings": 0}
    assert ledger["versions"]["advisor"] and len(ledger["versions"]["ruleset"]) == 12
    assert services["billing"]["owner"] == "team-payments" and services["billing"]["path"] == "services/billing"
    assert services["billing"]["adr"]["path"].startswith("services/billing/docs/adr/0001-")
    assert services["handbook"]["decisions"] == {} and services["handbook"]["records"] == 5
    assert services["broken"]["findings"]["errors"] == 2  # the lock (ORG004) and the answers file (ADR102)


def test_list_csv_is_one_row_per_service_and_formulas_stay_text(tmp_path: Path) -> None:
    root = tmp_path / "root"
    repo = new_repo(root / "evil")
    (repo / "catalog-info.yaml").write_text(
        "kind: Component\nmetadata:\n  name: '=HYPERLINK(\"http://x\")'\nspec:\n  owner: '@team'\n"
    )
    shutil.copytree(Path(__file__).parents[1] / "fixtures/adr-nygard", repo / "doc/adr")
    ok = new_repo(root / "ok")
    (ok / "answers.yaml").write_text(answers("scenario-b", "ok"))
    assert decide(ok) == 0
    rows = list(csv.DictReader(io.StringIO(run("org", "list", "--csv", root).out)))
    assert [r["path"] for r in rows] == ["evil", "ok"]
    assert rows[0]["name"] == '\'=HYPERLINK("http://x")' and rows[0]["owner"] == "'@team"
    assert rows[1]["postgres"] == "in-cluster" and rows[1]["errors"] == "0" and rows[1]["adr_id"] == "ADR-0001"


def test_list_text_fits_80_columns_and_says_how_the_organisation_splits(built_org) -> None:
    result = run("org", "list", built_org["clones"], built_org["mono"])
    lines = result.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[0].split() == ["SERVICE", "OWNER", "ADR", "STATUS", "DATE", "CHECK"]
    assert any(line.startswith("  postgres") and "managed 5" in line and "in-cluster 3" in line for line in lines)
    assert "9 of 11 service(s) decided by advisor:" in lines
    roots = f"{built_org['clones']}, {built_org['mono']}"
    assert f"\n11 service(s) under {roots}\n1 service(s) with errors: `advisor org check " in result.err


def test_terminal_escapes_in_a_catalog_never_reach_the_terminal(tmp_path: Path) -> None:
    repo = new_repo(tmp_path / "root" / "svc")
    (repo / "catalog-info.yaml").write_text('kind: Component\nmetadata:\n  name: "x\\e]0;pwned\\a\\e[2J"\n')
    (repo / "docs/adr").mkdir(parents=True)
    out = run("org", "list", tmp_path / "root").out
    assert "\x1b" not in out and "\x07" not in out and "x?]0;pwned??[2J" in out


def test_check_paths_are_relative_to_root_so_annotations_land_in_a_monorepo(org) -> None:
    billing = org["billing"]
    (billing / "deploy" / "RUNBOOK.md").write_text("edited by hand\n")
    result = run("org", "check", "--format", "github", org["mono"])
    assert result.code == 0, result.out  # an edited file is a warning
    assert result.out == (
        "::warning file=services/billing/deploy/RUNBOOK.md,title=ADR105 generated-file-edited::differs from what "
        "advisor wrote for ADR-0001 (edited by hand); `advisor decide` merges advisor's later changes into it, "
        "or keep the edit on purpose\n"
    )
    assert result.err == "3 services, 3 records: 0 errors, 1 warning\n"
    assert run("org", "check", "--strict", org["mono"]).code == 1


def test_check_uses_each_services_own_config(org) -> None:
    """The monorepo's billing names organisation rules in its own config; its neighbours do not."""
    billing = org["billing"]
    shutil.copytree(ORG_RULES, org["mono"] / "platform-rules")
    (billing / ".advisor.yaml").write_text("rules: [../../platform-rules]\nchecks: {ADR108: error}\n")
    data = json.loads(run("org", "check", "--format", "json", org["mono"]).out)
    found = {(f["path"], f["rule"], f["severity"]) for f in data["findings"]}
    assert found == {("services/billing", "ADR101", "error"), ("services/billing", "ADR108", "error")}
    assert data["errors"] == 2 and data["services"] == 3
    assert all(f["file"].startswith("services/billing/docs/adr/0001-") for f in data["findings"])
    assert decide(billing) == 0
    commit(org["mono"], "Billing decides under the platform rules")
    assert run("org", "check", org["mono"]).code == 0
