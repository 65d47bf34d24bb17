"""The restore drill's check: how long the restore took, against the RTO, as one line for the ADR (SPEC-0006 5).

The check Job is applied together with the throw-away drill cluster, so its start is when the restore began.
It waits for the restored database to answer, reading the connection URI from a Secret volume that appears
once CloudNativePG has created it (an env var could not change after the container started), then checks the
`vector` extension and the user tables. The last line it prints is the evidence to paste into the ADR's
Confirmation; it exits 3 when the restore took longer than the RTO (or never finished) and 1 when the data
is not there, and it is never retried, since a retry would restart the clock.
"""

from __future__ import annotations

URI_DIR = "/var/run/drill-db"
# What the last line states (the ADR's Confirmation quotes it): the restore time against the RTO, and the data
# checks. It restores the latest backup, so it cannot tell how much was written after it: no RPO.
REPORTS = ("how long the restore took against the RTO", "the pgvector extension", "the number of user tables")
MEASURES_RPO = False
POLL_SECONDS = 10
GRACE_SECONDS = 600  # how long past the RTO the check keeps waiting, so the line can say by how much it missed

VECTOR = "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
TABLES = "SELECT count(*) FROM pg_stat_user_tables"

SCRIPT = f"""set -eu
rto=$((RTO_MINUTES * 60))
start=$(date +%s)
deadline=$((start + rto + {GRACE_SECONDS}))
uri_file="${{URI_FILE:-{URI_DIR}/uri}}"
report() {{
  took=$(( $(date +%s) - start ))
  echo "Restore drill $(date -u +%Y-%m-%d) in $DRILL_NAMESPACE: restored the latest backup of $DRILL_NAMESPACE in" \\
    "$((took / 60)) min $((took % 60)) s against an RTO of $RTO_MINUTES min: $1$2"
}}
until [ -s "$uri_file" ] && psql "$(cat "$uri_file")" -tAc "SELECT 1" >/dev/null 2>&1; do
  if [ "$(date +%s)" -ge "$deadline" ]; then
    report FAIL "; the restored database did not answer"
    exit 3
  fi
  sleep {POLL_SECONDS}
done
uri=$(cat "$uri_file")
v=$(psql "$uri" -tAc "{VECTOR}")
n=$(psql "$uri" -tAc "{TABLES}")
took=$(( $(date +%s) - start ))
if [ "$took" -gt "$rto" ]; then
  report FAIL "; vector ${{v:-missing}}, $n user tables"
  exit 3
fi
if [ -z "$v" ] || [ "$n" -le 0 ]; then
  report FAIL "; vector ${{v:-missing}}, $n user tables"
  exit 1
fi
report PASS "; vector $v, $n user tables"
"""
