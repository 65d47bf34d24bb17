"""The restore drill's script, run with stub `date`, `sleep` and `psql` in a temp dir: no cluster needed.

The clock only moves when the script sleeps (10 s a poll), and the restored database "appears" (its URI file is
written) after a given number of polls, so the time the script reports and its verdict are known exactly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from advisor.answers import load_answers
from advisor.pipeline import evaluate
from advisor.skeleton import drill
from advisor.skeleton.model import Target
from advisor.skeleton.postgres import drill_objects
from tests.conftest import EXAMPLES
from tests.skeleton.helm_support import write_chart

SH = shutil.which("sh")
pytestmark = pytest.mark.skipif(SH is None, reason="no POSIX shell")

STUBS = {
    # seconds since the epoch: 1000 plus 10 s for every sleep so far
    "date": """#!/bin/sh
n=$(cat "$STATE/sleeps" 2>/dev/null || echo 0)
case "$1" in
  +%s) echo $((1000 + 10 * n)) ;;
  *) echo 2026-03-01 ;;
esac
""",
    # each sleep is one poll; after READY_AFTER polls the restore "finishes" and its Secret appears
    "sleep": """#!/bin/sh
n=$(( $(cat "$STATE/sleeps" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$STATE/sleeps"
if [ "$READY_AFTER" -ge 0 ] && [ "$n" -ge "$READY_AFTER" ]; then echo postgresql://restored/app > "$URI_FILE"; fi
""",
    # the restored copy is asked with -tAc; the live database with -tA -F ' ' -c (its WAL archiving)
    "psql": """#!/bin/sh
for last; do :; done
case "$last" in
  *extversion*) printf '%s\\n' "$VECTOR" ;;
  *pg_stat_user_tables*) echo "$TABLES" ;;
  *pg_stat_archiver*) [ -n "$ARCHIVER" ] && echo "$ARCHIVER" || exit 2 ;;
  *) echo 1 ;;
esac
""",
}


def _run(
    tmp_path: Path,
    rto_minutes: int,
    ready_after: int,
    vector: str = "0.8.0",
    tables: int = 12,
    archiver: str = "ok 3",
):
    bin_dir, state = tmp_path / "bin", tmp_path / "state"
    bin_dir.mkdir()
    state.mkdir()
    for name, text in STUBS.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "STATE": str(state),
        "URI_FILE": str(tmp_path / "uri"),
        "READY_AFTER": str(ready_after),
        "RTO_MINUTES": str(rto_minutes),
        "DRILL_NAMESPACE": "ledger-staging",
        "VECTOR": vector,
        "TABLES": str(tables),
        "ARCHIVER": archiver,
        "RPO_MINUTES": "15",
        "LIVE_HOST": "ledger-db-rw",
    }
    proc = subprocess.run([SH, "-c", drill.SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    lines = proc.stdout.strip().splitlines()
    return proc.returncode, lines[-1] if lines else proc.stderr


def test_a_restore_within_the_rto_passes_and_prints_the_evidence(tmp_path: Path) -> None:
    code, line = _run(tmp_path, rto_minutes=10, ready_after=30)
    assert code == 0
    assert line == (
        "Restore drill 2026-03-01 in ledger-staging: restored the latest backup of ledger-staging in 5 min 0 s "
        "against an RTO of 10 min: PASS; vector 0.8.0, 12 user tables; live WAL archiving at the start ok, "
        "last segment archived 3 min before (RPO 15 min)"
    )


def test_a_restore_slower_than_the_rto_fails_with_its_time(tmp_path: Path) -> None:
    code, line = _run(tmp_path, rto_minutes=10, ready_after=61)
    assert code == 3
    assert "in 10 min 10 s against an RTO of 10 min: FAIL" in line


def test_exactly_the_rto_still_passes(tmp_path: Path) -> None:
    code, line = _run(tmp_path, rto_minutes=10, ready_after=60)
    assert code == 0
    assert "in 10 min 0 s against an RTO of 10 min: PASS; vector 0.8.0, 12 user tables;" in line


def test_a_restore_that_never_finishes_stops_after_the_grace_period(tmp_path: Path) -> None:
    code, line = _run(tmp_path, rto_minutes=1, ready_after=-1)
    assert code == 3
    waited = 60 + drill.GRACE_SECONDS
    assert f"in {waited // 60} min {waited % 60} s against an RTO of 1 min: FAIL; the restored database" in line


@pytest.mark.parametrize(("vector", "tables"), [("", 12), ("0.8.0", 0)], ids=["no-vector", "no-tables"])
def test_missing_data_fails_even_when_fast(tmp_path: Path, vector: str, tables: int) -> None:
    code, line = _run(tmp_path, rto_minutes=10, ready_after=1, vector=vector, tables=tables)
    assert code == 1
    assert ": FAIL; vector" in line


def test_the_rendered_drill_job_runs_this_script_once_with_the_rto() -> None:
    decision = evaluate(load_answers(EXAMPLES / "scenario-b.yaml"))[0]
    job = next(obj for obj in drill_objects(Target(decision, "ADR-0001", "staging")) if obj["kind"] == "Job")
    pod = job["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["command"] == ["sh", "-c", drill.SCRIPT]
    assert {"name": "RTO_MINUTES", "value": str(decision.answers.data.rto_minutes)} in container["env"]
    assert (pod["restartPolicy"], job["spec"]["backoffLimit"]) == ("Never", 0)
    volume = next(v for v in pod["volumes"] if v["name"] == "restored-db")
    assert volume["secret"] == {
        "secretName": "ledger-db-drill-app",
        "optional": True,
        "items": [{"key": "uri", "path": "uri"}],
    }


def test_the_helm_drill_job_runs_the_same_script(tmp_path: Path) -> None:
    decision = evaluate(load_answers(EXAMPLES / "scenario-b-c.yaml"))[0]
    chart = write_chart(decision, tmp_path)
    values = chart.values("staging")
    values.setdefault("postgres", {})["restoreDrill"] = {"enabled": True}
    merged = {**yaml.safe_load((chart.dir / "values.yaml").read_text())}
    merged = _merge(merged, values)
    objects = chart.objects("staging", merged)
    job = next(o for o in objects if o["kind"] == "Job" and o["metadata"]["name"].endswith("-restore-drill-check"))
    pod = job["spec"]["template"]["spec"]
    assert pod["containers"][0]["command"] == ["sh", "-c", drill.SCRIPT]
    assert {"name": "RTO_MINUTES", "value": str(decision.answers.data.rto_minutes)} in pod["containers"][0]["env"]
    assert (pod["restartPolicy"], job["spec"]["backoffLimit"]) == ("Never", 0)


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@pytest.mark.parametrize(
    ("archiver", "says"),
    [
        ("failing 240", "live WAL archiving at the start failing, last segment archived 240 min before (RPO 15 min)"),
        ("ok never", "live WAL archiving at the start ok, no segment archived yet (RPO 15 min)"),
        ("", "live WAL archiving not measured (the live database did not answer)"),
    ],
    ids=["failing", "never", "unreachable"],
)
def test_the_line_reports_the_live_wal_archiving_without_judging_it(tmp_path: Path, archiver: str, says: str) -> None:
    """What the drill can measure of the RPO: the live database's archiver at the start; the verdict stays the RTO's."""
    code, line = _run(tmp_path, rto_minutes=10, ready_after=30, archiver=archiver)
    assert code == 0 and ": PASS; " in line
    assert says in line


def test_the_drill_reads_the_live_database_with_the_apps_credentials_and_its_ca() -> None:
    decision = evaluate(load_answers(EXAMPLES / "scenario-b.yaml"))[0]
    objects = drill_objects(Target(decision, "ADR-0001", "staging"))
    job = next(o for o in objects if o["metadata"]["name"] == "ledger-restore-drill-check")
    pod = job["spec"]["template"]["spec"]
    env = {e["name"]: e.get("value", e.get("valueFrom")) for e in pod["containers"][0]["env"]}
    assert env["LIVE_HOST"] == "ledger-db-rw"
    assert env["LIVE_USER"] == {"secretKeyRef": {"name": "ledger-db", "key": "username"}}
    assert env["RPO_MINUTES"] == str(decision.answers.data.rpo_minutes)
    ca = next(v for v in pod["volumes"] if v["name"] == "live-db-ca")
    assert ca["secret"]["secretName"] == "ledger-db-ca"
    assert f"sslrootcert={drill.LIVE_CA_DIR}/ca.crt" in drill.SCRIPT and "sslmode=verify-full" in drill.SCRIPT
