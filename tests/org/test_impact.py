"""`org impact` agrees with the one-service path: each service decided alone under both rule sets."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.org.organisation import ORG_RULES, commit, decide, run

SERVICES = ("atlas", "ledger", "orbit", "seedling", "bastion", "billing", "search", "notify")


def _alone(service: Path, *rules: Path) -> dict:
    """`advisor explain --json` in the service's folder: its own config, plus `rules`."""
    extra = [arg for folder in rules for arg in ("--rules", str(folder))]
    result = run("explain", "--answers", "answers.yaml", "--json", *extra, cwd_=service)
    assert result.code == 0, result.err
    return json.loads(result.out)


def _expected(org: dict[str, Path], rules: Path) -> tuple[set, dict]:
    changes, consequences = set(), {}
    for name in SERVICES:
        today, proposed = _alone(org[name]), _alone(org[name], rules)
        keys = [k for k in today if isinstance(today[k], str)]
        changes |= {(name, k, today[k], proposed[k]) for k in keys if today[k] != proposed[k]}
        added = {kind: [t for t in proposed[kind] if t not in today[kind]] for kind in ("obligations", "warnings")}
        if any(added.values()):
            consequences[name] = added
    return changes, consequences


def test_impact_lists_exactly_what_deciding_each_service_alone_under_both_rule_sets_changes(built_org) -> None:
    result = run("org", "impact", "--json", "--rules", ORG_RULES, built_org["clones"], built_org["mono"])
    assert result.code == 1
    data = json.loads(result.out)
    got = {(c["service"], c["decision"], c["from"], c["to"]) for c in data["changes"]}
    expected, consequences = _expected(built_org, ORG_RULES)
    assert got == expected and expected, "the organisation rules move some decisions"
    assert {c["service"]: {k: c[f"added_{k}"] for k in ("obligations", "warnings")} for c in data["consequences"]} == (
        consequences
    )
    moved = {c[0] for c in expected} | set(consequences)
    assert set(data["unchanged"]) == set(SERVICES) - moved
    skipped = {s["service"]: s for s in data["skipped"]}
    assert set(skipped) == {"handbook", "customer-portal", "broken"}
    assert skipped["broken"]["rule"] == "ADR102" and skipped["handbook"]["rule"] is None


def test_each_change_names_the_rule_and_the_answers_that_drive_it(built_org) -> None:
    data = json.loads(run("org", "impact", "--json", "--rules", ORG_RULES, built_org["mono"]).out)
    (rancher,) = [c for c in data["changes"] if c["service"] == "billing" and c["decision"] == "rancher"]
    assert rancher["rule"] == "rancher.borderline-defer" and rancher["was"] == "rancher.borderline-defer"
    assert rancher["answers"] == {"organization.teams": 2, "organization.clusters": 2}
    assert rancher["path"] == "services/billing" and "Acme's platform team" in rancher["why"]
    assert {"decision": "rancher", "from": "defer", "to": "adopt", "count": 1, "services": ["billing"]} in data[
        "summary"
    ]
    text = run("org", "impact", "--rules", ORG_RULES, built_org["mono"]).out
    assert max(map(len, text.splitlines())) <= 80
    assert "billing (services/billing)\n  rancher: defer → adopt\n" in text
    assert "    because organization.teams = 2, organization.clusters = 2\n" in text
    assert "  rancher: 1 service defer → adopt (billing)\n" in text


def test_nothing_changes_exit_0_and_json_keys(built_org, tmp_path: Path) -> None:
    quiet = tmp_path / "quiet-rules"
    quiet.mkdir()
    (quiet / "noop.yaml").write_text("scenarios: {}\n")
    result = run("org", "impact", "--json", "--rules", quiet, built_org["mono"])
    assert result.code == 0, result.out
    data = json.loads(result.out)
    assert (
        data["changes"] == [] and data["skipped"] == [] and sorted(data["unchanged"]) == ["billing", "notify", "search"]
    )
    assert result.err == "0 of 3 service(s) would change\n"


def test_a_service_whose_answers_changed_since_its_adr_is_skipped_not_mixed_in(org) -> None:
    answers = org["ledger"] / "answers.yaml"
    answers.write_text(answers.read_text().replace("teams: 2", "teams: 1"))
    data = json.loads(run("org", "impact", "--json", "--rules", ORG_RULES, org["clones"]).out)
    assert "ledger" not in {c["service"] for c in data["changes"]} | set(data["unchanged"])
    (skip,) = [s for s in data["skipped"] if s["service"] == "ledger"]
    assert skip["reason"] == "answers.yaml changed since ADR-0001; run `advisor decide` there first"
    assert skip["rule"] is None


def test_a_proposed_config_replaces_each_services_rule_folders(org, tmp_path: Path) -> None:
    """Billing already runs under the platform rules; a proposed config that names none takes them away."""
    shutil.copytree(ORG_RULES, org["mono"] / "platform-rules")
    (org["mono"] / ".advisor.yaml").write_text("rules: [platform-rules]\n")
    assert decide(org["billing"]) == 0
    commit(org["mono"], "The platform rules")
    proposal = tmp_path / "proposal.advisor.yaml"
    proposal.write_text("rules: []\n")
    data = json.loads(run("org", "impact", "--json", "--config", proposal, org["mono"]).out)
    moved = {(c["service"], c["decision"], c["from"], c["to"]) for c in data["changes"]}
    assert ("billing", "rancher", "adopt", "defer") in moved
    # the same folder proposed again changes nothing: the monorepo's services already decide with it
    same = run("org", "impact", "--json", "--rules", org["mono"] / "platform-rules", org["mono"])
    assert json.loads(same.out)["changes"] == [] and same.code == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ([], "name the proposed rules: --rules DIR (repeatable) or --config FILE"),
        (["--rules", "nowhere"], "nowhere: --rules: rule folder not found"),
        (["--config", "nowhere.yaml"], "nowhere.yaml: config file not found"),
    ],
)
def test_a_proposal_that_cannot_be_read_is_a_usage_error(built_org, tmp_path, args, fragment) -> None:
    result = run("org", "impact", *args, built_org["mono"], cwd_=tmp_path)
    assert result.code == 2 and fragment in result.err


def test_a_broken_proposed_rule_folder_is_exit_2_with_its_problems(built_org, tmp_path: Path) -> None:
    bad = tmp_path / "bad-rules"
    bad.mkdir()
    (bad / "x.yaml").write_text("rules:\n  - id: acme.x\n    title: X\n")
    result = run("org", "impact", "--rules", bad, built_org["mono"])
    assert result.code == 2 and f"{bad / 'x.yaml'}:2: rules[0].rationale: " in result.err


def test_a_default_rule_that_takes_over_names_the_rule_that_no_longer_holds(built_org, tmp_path: Path) -> None:
    rules = tmp_path / "platform" / "rules"
    rules.mkdir(parents=True)
    (rules / "postgres.yaml").write_text(
        "rules:\n  - id: platform.postgres-on-shared-clusters\n    title: Postgres from the platform's operator\n"
        "    when: {fact: organization.clusters, ge: 3}\n    set: {postgres: in-cluster}\n    priority: 60\n"
        "    rationale: The operator runs on every shared cluster.\n    spec: '2.2'\n"
    )
    data = json.loads(run("org", "impact", "--json", "--rules", rules, built_org["clones"]).out)
    moves = {(c["service"], c["decision"]): c for c in data["changes"]}
    backups = moves[("orbit", "backup_target")]
    assert (backups["from"], backups["to"], backups["rule"]) == ("provider-managed", "off-cluster",
                                                                  "backup-target.off-cluster")  # fmt: skip
    assert backups["released"] == "backup-target.provider-managed"
    assert backups["answers"] == {"decision.postgres": "in-cluster"}
    assert moves[("orbit", "postgres")]["answers"] == {"organization.clusters": 3}
    text = run("org", "impact", "--rules", rules, built_org["clones"]).out
    assert "because backup-target.provider-managed no longer holds: decision.postgres" in " ".join(text.split())
