"""What the record says about the skeleton is true of the files written beside it, one test per kind of claim.

Each test decides an example, writes the record and the skeleton, and reads the claim back from both: the backup
writer's permissions, who sets object lock, what the restore drill measures, how secrets are delivered, who may
deploy, and what the Compose file runs. The record's words come from advisor/skeleton/claims.py; these tests read
the rendered files themselves, so a builder that changes without its claim fails here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from advisor.answers import Answers, load_answers
from advisor.pipeline import Options, decide_and_write
from advisor.skeleton import drill
from advisor.skeleton.claims import VERBS, claims
from tests.conftest import EXAMPLES
from tests.skeleton.kustomize_support import kustomize


def _written(tmp_path: Path, answers: Answers) -> tuple[str, Path]:
    options = Options(
        out_dir=tmp_path / "deploy",
        adr_dir=tmp_path / "docs/adr",
        date=dt.date(2026, 1, 28),
        answers_path=tmp_path / "answers.yaml",
        base_dir=tmp_path,
    )
    result, _ = decide_and_write(answers, options)
    assert result.adr_path is not None
    return result.adr_path.read_text(), tmp_path / "deploy"


def _example(name: str, **changes) -> Answers:
    data = load_answers(EXAMPLES / name).normalised()
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    return Answers.model_validate(data)


def _policy_actions(readme: str) -> set[str]:
    """The actions of the backup writer's IAM policy as the README prints it (indented JSON)."""
    start = readme.index("`backup-writer.json`")
    block = readme[start:].split("\n\n", 2)[1]
    document = json.loads("\n".join(line[4:] for line in block.splitlines()))
    return {action for statement in document["Statement"] for action in statement["Action"]}


def test_the_backup_writers_permissions_are_the_policy_the_readme_hands_over(tmp_path):
    record, deploy = _written(tmp_path, load_answers(EXAMPLES / "scenario-b.yaml"))
    actions = _policy_actions((deploy / "README.md").read_text())
    writer = claims(load_answers_decision("scenario-b.yaml")).backup_writer
    assert writer is not None and set(writer.actions) == actions
    said = re.search(r"whose policy lets it (.+?) objects there", record)
    assert said, "the record states the backup writer's permissions"
    verbs = {VERBS[a] for a in actions if a in VERBS}
    assert set(re.split(r", | and ", said.group(1))) == verbs  # every object permission, and no other
    assert ("delete" in verbs) == ("A delete then only adds a delete marker" in record)


def test_object_lock_is_a_fact_where_the_skeleton_sets_it_and_an_obligation_where_it_cannot(tmp_path):
    off, off_deploy = _written(tmp_path / "off", load_answers(EXAMPLES / "scenario-b.yaml"))
    obligations = off.split("What advisor cannot make true", 1)[1].split("\n## ", 1)[0]
    lock = "bucket `ledger-backups` with versioning and object lock (COMPLIANCE"
    assert f"its administrators set up {lock}" in obligations
    assert "mc mb --with-lock store/ledger-backups" in (off_deploy / "README.md").read_text()
    assert "The bucket Job ran" not in off
    same = _example("scenario-b.yaml", backup__endpoint=None, backup__accept_same_cluster_risk=True)
    record, deploy = _written(tmp_path / "same", same)
    assert f"The bucket Job ran in each environment: it sets up {lock}" in record
    overlay = kustomize(deploy / "overlays" / "prod")
    script = next(o for o in overlay if o["kind"] == "Job" and o["metadata"]["name"].endswith("-buckets"))
    command = script["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    assert "mc mb --ignore-existing --with-lock store/ledger-backups" in command
    assert re.search(r"mc retention set --default COMPLIANCE \d+d store/ledger-backups", command)


def test_the_record_says_what_the_restore_drill_measures_and_what_it_does_not(tmp_path):
    record, deploy = _written(tmp_path, load_answers(EXAMPLES / "scenario-b.yaml"))
    drill_job = next(
        o
        for o in kustomize(deploy / "restore-drill")
        if o["kind"] == "Job" and o["metadata"]["name"].endswith("restore-drill-check")
    )
    script = drill_job["spec"]["template"]["spec"]["containers"][0]["command"][-1]
    assert "RTO" in script and "vector" in script and "user tables" in script
    measures_rpo = "RPO" in script
    assert measures_rpo == drill.MEASURES_RPO
    assert "how long the restore took against the RTO" in record
    assert ("It does not measure data loss" in record) == (not measures_rpo)
    # The objects: no Job copies the app's bucket off the cluster, so the record makes it the team's to do.
    copies = [o for o in kustomize(deploy / "overlays" / "prod") if "mc mirror" in json.dumps(o)]
    assert not copies and "Copy the app's bucket off the cluster" in record


@pytest.mark.parametrize(
    ("example", "kind"),
    [("scenario-b.yaml", "SealedSecret"), ("scenario-a.yaml", "ExternalSecret"), ("scenario-b-c.yaml", None)],
)
def test_the_secrets_the_record_names_are_the_objects_committed(tmp_path, example, kind):
    record, deploy = _written(tmp_path, load_answers(EXAMPLES / example))
    said = re.search(r"Only (.+?) are in git for (.+?); no `kind: Secret` with data", record)
    assert said
    what, named = said.group(1), set(re.findall(r"`([a-z0-9-]+)`", said.group(2)))
    root = deploy / "kustomize" if (deploy / "kustomize").is_dir() else deploy
    objects = kustomize(root / "overlays" / "prod") if kind else []
    assert not [o for o in objects if o["kind"] == "Secret" and (o.get("data") or o.get("stringData"))]
    if kind is None:  # SOPS: encrypted files the team writes, one age key per environment
        assert what.startswith("SOPS-encrypted files") and (deploy / ".sops.yaml").is_file()
        rules = yaml.safe_load((deploy / ".sops.yaml").read_text())["creation_rules"]
        assert len(rules) == len(load_answers(EXAMPLES / example).environments)
        return
    assert what.startswith(f"{kind} objects")
    assert {o["metadata"]["name"] for o in objects if o["kind"] == kind} == named


def test_who_may_deploy_is_who_the_role_bindings_name(tmp_path):
    record, deploy = _written(tmp_path, load_answers(EXAMPLES / "scenario-b.yaml"))
    pattern = r"group `([^`]+)` \(and its like per environment\) may deploy through Role `([^`]+)` and `([^`]+)`"
    said = re.search(pattern, record)
    assert said
    deployers, role, viewers = said.groups()
    bindings = [o for o in kustomize(deploy / "overlays" / "prod") if o["kind"] == "RoleBinding"]
    by_role = {b["roleRef"]["name"]: [s["name"] for s in b["subjects"]] for b in bindings}
    assert by_role[role] == [deployers]
    assert viewers in [group for groups in by_role.values() for group in groups] and viewers not in by_role[role]
    assert 'SPEC-0006 3.2: "RBAC roles: read-only vs deploy"' in record


def test_the_compose_record_describes_the_compose_file(tmp_path):
    record, deploy = _written(tmp_path, load_answers(EXAMPLES / "phase-2.yaml"))
    document = yaml.safe_load((deploy / "compose.yaml").read_text())
    compose = document["services"]
    waits = compose["app"]["depends_on"]
    healthy = sorted(name for name, wait in waits.items() if wait["condition"] == "service_healthy")
    said = re.search(r"starts the app once (.+?) (?:is|are) healthy", record)
    assert said and sorted(re.findall(r"`([a-z-]+)`", said.group(1))) == healthy
    assert f"compose.yaml pins `{compose['app']['image']}`" in record
    # The dumps stay on the host: the record says so, and that a nightly dump misses an RPO shorter than a day.
    dumps = [name for name, service in compose.items() if "pg_dump" in json.dumps(service)]
    assert dumps == ["postgres-backup"] and "pgdumps:" in json.dumps(compose["postgres-backup"]["volumes"])
    assert "Copy the dumps `postgres-backup` writes and an `mc mirror` of the bucket off the Compose host" in record
    assert "`postgres-backup` dumps every 24 h, longer than the RPO of 60 min" in record
    published = [port for service in compose.values() for port in service.get("ports", [])]
    assert f"compose.yaml publishes only `{published[0]}`" in record and len(published) == 1
    assert all(s["read_only"] and s["cap_drop"] == ["ALL"] for s in compose.values())
    assert "each service with a non-root user, a read-only root, no capabilities" in record
    assert all(f"`{name}`" in record for name in document["secrets"])
    # What Phase 2 runs, not the Phase 4 target: no managed services, no ExternalSecret, secrets in .env.
    for phase_4 in ("Managed Postgres**", "ExternalSecret", "The provider's managed backups**", "AWS Secrets Manager"):
        assert phase_4 not in record
    assert "**Postgres: Postgres container**" in record and "**Secrets: An .env file on the host**" in record


def load_answers_decision(name: str):
    from advisor.engine import decide

    return decide(load_answers(EXAMPLES / name))
