"""What the object stores keep: current app objects always, old versions at least as long as the database's backups
reach back, every backup until its lock expires; and the bucket Job never removes a lifecycle rule it did not add.

The bucket Job's own script runs here against a stub `mc` that answers `mc ilm rule ls --json` the way mc prints
it (`json.MarshalIndent` of the lifecycle configuration) and records every other call.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from advisor import backup_plan
from advisor.answers import Answers
from advisor.pipeline import evaluate
from advisor.skeleton import minio, names
from advisor.skeleton.model import Target
from tests.conftest import EXAMPLES
from tests.hardening.strategies import ANSWERS
from tests.skeleton.kustomize_support import example_decision

SH = shutil.which("sh")
STUB = """#!/bin/sh
echo "$*" >> "$CALLS"
if [ "$1 $2 $3 $4" = "ilm rule ls --json" ]; then
  bucket=$(echo "$5" | cut -d/ -f2 | tr - _)
  eval "printf '%s' \\"\\${RULES_$bucket:-}\\""
  exit 0
fi
[ "$1 $2 $3" = "admin user info" ] && echo "PolicyName: ledger-data-rw ledger-prod-backup-writer"
exit 0
"""


def _rules(*rules: dict) -> str:
    """What `mc ilm rule ls --json` prints (MarshalIndent, one space)."""
    config = {"status": "success", "target": "store/b", "config": {"Rules": list(rules)}}
    return json.dumps(config, indent=" ")


def _run(tmp_path: Path, script: str, **rules: str) -> tuple[int, list[str], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "mc").write_text(STUB)
    (bin_dir / "mc").chmod(0o755)
    calls = tmp_path / "calls"
    calls.write_text("")
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CALLS": str(calls), "TMPDIR": str(tmp_path)}
    env |= {"MINIO_ROOT_USER": "root", "MINIO_ROOT_PASSWORD": "x", "APP_ACCESS_KEY": "a", "APP_SECRET_KEY": "b"}
    env |= {"BACKUP_ACCESS_KEY": "c", "BACKUP_SECRET_KEY": "d"}
    env |= {f"RULES_{bucket}": text for bucket, text in rules.items()}
    script = script.replace("/tmp/", f"{tmp_path}/")
    proc = subprocess.run([SH, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    return proc.returncode, calls.read_text().splitlines(), proc.stderr


def _decision(accept_same_cluster: bool = True):
    decision = example_decision(EXAMPLES / "scenario-b.yaml")
    if accept_same_cluster:
        backup = decision.answers.backup.model_copy(update={"endpoint": None, "accept_same_cluster_risk": True})
        decision = evaluate(decision.answers.model_copy(update={"backup": backup}))[0]
    return decision


@pytest.mark.skipif(SH is None, reason="no POSIX shell")
@pytest.mark.parametrize("env", ["staging", "prod"])
def test_a_fresh_bucket_gets_rules_that_keep_current_objects_and_old_versions_long_enough(tmp_path, env) -> None:
    t = Target(_decision(), "ADR-0001", env)
    keep = backup_plan.lock_days(t.answers, t.prod)
    code, calls, err = _run(tmp_path, minio.setup_script(t))
    assert code == 0, err
    lifecycle = [c for c in calls if c.startswith("ilm ")]
    assert f"ilm rule add --noncurrent-expire-days {keep} --expire-delete-marker store/ledger-data" in lifecycle
    assert f"ilm rule add --noncurrent-expire-days 1 --expire-delete-marker store/ledger-backups-{env}" in lifecycle
    # current objects expire only in the backup bucket's database folders, once their lock has run out
    expiring = [c for c in lifecycle if "--expire-days" in c or " rm " in c or "edit" in c]
    prefixes = names.archive_prefixes(t.answers)
    assert expiring == [f"ilm rule add --prefix {p} --expire-days {keep} store/ledger-backups-{env}" for p in prefixes]
    assert keep >= backup_plan.retention_days(t.answers, t.prod)


@pytest.mark.skipif(SH is None, reason="no POSIX shell")
def test_a_second_run_adds_nothing_and_a_team_rule_stays(tmp_path) -> None:
    t = Target(_decision(), "ADR-0001", "prod")
    keep = backup_plan.lock_days(t.answers, t.prod)
    ours = {"ID": "a", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": keep}}
    team = {"ID": "b", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": keep + 300}}
    backups = {"ID": "c", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 1}}
    expiry = [
        {"ID": p, "Status": "Enabled", "Filter": {"Prefix": p}, "Expiration": {"Days": keep}}
        for p in names.archive_prefixes(t.answers)
    ]
    code, calls, err = _run(
        tmp_path, minio.setup_script(t), ledger_data=_rules(ours, team), ledger_backups_prod=_rules(backups, *expiry)
    )
    assert code == 0, err
    assert not [c for c in calls if c.startswith(("ilm rule add", "ilm rule rm"))]


@pytest.mark.skipif(SH is None, reason="no POSIX shell")
def test_a_rule_that_deletes_old_versions_too_soon_stops_the_job(tmp_path) -> None:
    t = Target(_decision(), "ADR-0001", "prod")
    short = {"ID": "x", "Status": "Enabled", "NoncurrentVersionExpiration": {"NoncurrentDays": 30}}
    code, calls, err = _run(tmp_path, minio.setup_script(t), ledger_data=_rules(short))
    assert code == 1
    assert "store/ledger-data: a lifecycle rule deletes old versions after 30 days" in err
    assert not [c for c in calls if c.startswith("ilm rule add")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_for_any_answers_old_versions_outlive_the_backups_and_locks_cover_the_window(answers: Answers) -> None:
    decision = evaluate(answers)[0]
    for env in answers.environments:
        prod = names.is_prod(env)
        retention = backup_plan.retention_days(answers, prod)
        interval_days = -(-backup_plan.base_backup_hours(answers.data.rto_minutes) // 24)
        assert backup_plan.lock_days(answers, prod) == retention + interval_days
        assert retention <= backup_plan.production_retention_days(answers)
        if decision.choices.get("object_storage") == "in-cluster" and decision.choices.get("runtime") == "kubernetes":
            script = minio.setup_script(Target(decision, "ADR-0001", env))
            commands = re.findall(r"(?:^|\|\| )(mc ilm [^\n]*)", script, re.M)
            assert commands and not [c for c in commands if " rm" in c or " edit" in c]
            # current objects expire only in the backup bucket's database folders, after the lock
            bucket = names.backup_bucket(answers, env)
            expiring = [c for c in commands if "--expire-days" in c]
            folders = names.archive_prefixes(answers) if minio.backups_here(Target(decision, "A", env)) else ()
            lock = backup_plan.lock_days(answers, prod)
            assert expiring == [f"mc ilm rule add --prefix {p} --expire-days {lock} store/{bucket}" for p in folders]
            assert f"--noncurrent-expire-days {backup_plan.lock_days(answers, prod)} " in script
