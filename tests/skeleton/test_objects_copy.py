"""The off-cluster copy of MinIO's objects (Scenario B) and its part in the restore drill (issue 24).

The CronJob's script and the drill's read-back run here against a stub `mc` that records its calls and answers
`mc cat`, `mc ls` and `mc diff` from the environment. Their `mc` commands are the documented ones
(tests/skeleton/tool_interfaces.py), each environment copies into its own backup bucket, with the backup writer's
credentials, which may add objects but never delete one.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisor import backup_plan
from advisor.skeleton import buckets, names, objects_copy, postgres
from advisor.skeleton.model import ENV_LABEL, Target
from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES
from tests.skeleton import tool_interfaces
from tests.skeleton.kustomize_support import example_decision

SH = shutil.which("sh")
STUB = """#!/bin/sh
echo "$*" >> "$CALLS"
case "$1" in
  cat) [ -n "$COPIED" ] && echo "$COPIED" || exit 1 ;;
  ls) case "$3" in live/*) printf 'x\\ny\\nz\\n' ;; *) printf 'x\\ny\\n' ;; esac ;;
  diff) echo "< live/ledger-data/z" ;;
  pipe) cat > /dev/null ;;
esac
exit 0
"""
DATE = """#!/bin/sh
case "$*" in *%s*) echo "$NOW" ;; *) echo 2026-03-01 ;; esac
"""


def _target(env: str = "prod", example: str = "scenario-b.yaml") -> Target:
    return Target(example_decision(EXAMPLES / example), "ADR-0001", env)


def _run(tmp_path: Path, script: str, **extra: str) -> tuple[int, list[str], str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, text in (("mc", STUB), ("date", DATE)):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    calls = tmp_path / "calls"
    calls.write_text("")
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CALLS": str(calls), "NOW": "100000"}
    env |= {"LIVE_ACCESS_KEY": "a", "LIVE_SECRET_KEY": "b", "COPY_ACCESS_KEY": "c", "COPY_SECRET_KEY": "d"}
    env |= {"BACKUP_BUCKET": "ledger-backups-prod", "DRILL_NAMESPACE": "ledger-prod", "RPO_MINUTES": "15"}
    proc = subprocess.run([SH, "-c", script], env=env | extra, capture_output=True, text=True, timeout=60)
    return proc.returncode, calls.read_text().splitlines(), proc.stdout.strip().splitlines()[-1:] or [proc.stderr]


def test_scenario_b_copies_its_objects_off_the_cluster_and_the_others_need_not() -> None:
    assert objects_copy.applies(_target())
    kinds = {(o["kind"], o["metadata"]["name"]) for o in env_objects(_target().decision, "ADR-0001", "prod")}
    assert {("CronJob", "ledger-objects-copy"), ("NetworkPolicy", "ledger-objects-copy")} <= kinds
    assert not objects_copy.applies(_target("prod", "scenario-a.yaml"))  # managed object storage
    decision = _target().decision
    same = decision.model_copy(update={"choices": {**decision.choices, "backup_target": "same-cluster"}})
    assert not objects_copy.applies(Target(same, "ADR-0001", "prod"))  # nothing off the cluster to copy to


@pytest.mark.skipif(SH is None, reason="no POSIX shell")
def test_the_copy_mirrors_the_bucket_into_the_environments_backup_bucket_then_marks_the_time(tmp_path) -> None:
    code, calls, _ = _run(tmp_path, objects_copy.script(_target()))
    assert code == 0
    assert calls[0].startswith("alias set live http://ledger-minio:9000 ")
    assert calls[1].startswith("alias set copy https://s3.dr-site.example.org ")
    assert calls[2] == "mirror --overwrite live/ledger-data copy/ledger-backups-prod/objects"
    assert calls[3] == "pipe copy/ledger-backups-prod/objects-copied-at"


def _mc_commands(script: str) -> list[list[str]]:
    out = []
    for line in script.splitlines():
        for part in re.split(r"\||\$\(|&&|;|\bif !|\bthen\b", line):
            words = shlex.split(part.replace(")", " ").strip(), posix=True) if "mc " in part else []
            if words and words[0] == "mc":
                out.append([w for w in words if not w.startswith(">") and w not in ("2>/dev/null",)])
    return out


@pytest.mark.parametrize("encryption", ["bucket-default", "sse-s3", "sse-kms"])
def test_every_mc_command_of_the_copy_and_the_drill_is_documented(encryption: str) -> None:
    t = _target()
    backup = t.answers.backup.model_copy(update={"encryption": encryption})
    t = Target(t.decision.model_copy(update={"answers": t.answers.model_copy(update={"backup": backup})}), "A", "prod")
    commands = _mc_commands(objects_copy.script(t)) + _mc_commands(objects_copy.drill_script(t))
    assert {c[1] for c in commands} == {"alias", "mirror", "pipe", "cat", "ls", "diff"}
    assert [tool_interfaces.check(c) for c in commands if tool_interfaces.check(c)] == []
    assert ("--enc-s3" in objects_copy.mirror_command(t)) == (encryption == "sse-s3")


def test_the_backup_writer_may_do_what_the_copy_does_and_never_delete_a_version() -> None:
    """mirror (without --remove): list and read the target, put objects; pipe: put. No delete of any kind."""
    assert {"s3:PutObject", "s3:GetObject"} <= set(buckets.BACKUP_ACTIONS)
    assert not {a for a in buckets.BACKUP_ACTIONS if "Delete" in a}
    assert all("--remove" not in c for c in _mc_commands(objects_copy.script(_target())))
    assert "s3:ListBucket" in buckets.BUCKET_ACTIONS
    assert not {a for a in buckets.BACKUP_ACTIONS if "Version" in a or "Retention" in a or "Lifecycle" in a}


@pytest.mark.parametrize("env", ["dev", "staging", "prod"])
def test_each_environment_copies_into_its_own_backup_bucket_with_its_own_writer(env: str) -> None:
    """Kubernetes fills $(ADVISOR_ENV) from the pod's environment label: the bucket is that environment's."""
    job = next(o for o in env_objects(_target().decision, "ADR-0001", env) if o["kind"] == "CronJob")
    template = job["spec"]["jobTemplate"]["spec"]["template"]
    container = template["spec"]["containers"][0]
    variables = {e["name"]: e for e in container["env"]}
    label = variables["ADVISOR_ENV"]["valueFrom"]["fieldRef"]["fieldPath"]
    assert label == f"metadata.labels['{ENV_LABEL}']" and template["metadata"]["labels"][ENV_LABEL] == env
    bucket = variables["BACKUP_BUCKET"]["value"].replace("$(ADVISOR_ENV)", env)
    assert bucket == names.backup_bucket(_target().answers, env)
    assert variables["COPY_ACCESS_KEY"]["valueFrom"]["secretKeyRef"]["name"] == names.backup_secret(_target().answers)


@given(st.integers(0, 525_600))
def test_the_copy_runs_at_least_twice_per_rpo_where_a_periodic_copy_can(rpo: int) -> None:
    minutes = backup_plan.objects_copy_minutes(rpo)
    assert 60 % minutes == 0 and minutes >= 5
    if rpo >= 10:
        assert 2 * minutes <= rpo
    schedule = backup_plan.objects_copy_schedule(rpo)
    assert len(schedule.split()) == 5 and (schedule == "0 * * * *") == (minutes == 60)


@pytest.mark.skipif(SH is None, reason="no POSIX shell")
@pytest.mark.parametrize(
    ("copied", "code", "says"),
    [
        ("99400", 0, "last copy 10 min ago against an RPO of 15 min: PASS; 3 objects in the bucket, 2 in the copy, 1 "),
        ("98000", 3, "last copy 33 min ago against an RPO of 15 min: FAIL; "),
        ("", 1, "FAIL; no copy of the objects in ledger-backups-prod/objects (has ledger-objects-copy run?)"),
    ],
    ids=["fresh", "stale", "missing"],
)
def test_the_drill_reads_the_copy_back_and_judges_its_age_against_the_rpo(tmp_path, copied, code, says) -> None:
    got, calls, line = _run(tmp_path, objects_copy.drill_script(_target("staging")), COPIED=copied)
    assert got == code
    assert line[0].startswith("Objects copy drill 2026-03-01 in ledger-prod: ") and says in line[0]
    assert all(not c.startswith(("mirror", "pipe", "rm")) for c in calls)  # the drill only reads


def test_the_drill_includes_the_read_back_with_its_own_policy() -> None:
    drill = postgres.drill_objects(_target("staging"))
    names_ = {(o["kind"], o["metadata"]["name"]) for o in drill}
    assert {("Job", "ledger-restore-drill-objects"), ("NetworkPolicy", "ledger-restore-drill-objects")} <= names_
