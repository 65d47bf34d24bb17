"""The restore drill's check: how long the restore took, against the RTO, as one line for the ADR (SPEC-0006 5).

The check Job is applied together with the throw-away drill cluster, so its start is when the restore began.
It waits for the restored database to answer, reading the connection URI from a Secret volume that appears
once CloudNativePG has created it (an env var could not change after the container started), then checks the
`vector` extension and the user tables. The last line it prints is the evidence to paste into the ADR's
Confirmation; it exits 3 when the restore took longer than the RTO (or never finished) and 1 when the data
is not there, and it is never retried, since a retry would restart the clock.

What it can measure of the RPO it reports without a verdict: when the restore began, whether the live database's
WAL archiving worked (no failure since the last segment it archived) and how long before that segment was archived
(`pg_stat_archiver`, readable by any role). While the database writes, `archive_timeout` closes a segment at least
that often, so this age bounds what a restore would lose; a quiet database shows an old segment and loses nothing,
which is why the age is reported, not judged. The restored copy cannot tell the time of its last transaction
(CloudNativePG restarts it after recovery, and commit timestamps are off by default).
"""

from __future__ import annotations

URI_DIR = "/var/run/drill-db"
POLL_SECONDS = 10
GRACE_SECONDS = 600  # how long past the RTO the check keeps waiting, so the line can say by how much it missed

VECTOR = "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
TABLES = "SELECT count(*) FROM pg_stat_user_tables"
ARCHIVER = (
    "SELECT CASE WHEN last_failed_time > coalesce(last_archived_time, '-infinity') THEN 'failing' ELSE 'ok' END, "
    "coalesce(floor(extract(epoch FROM now() - last_archived_time) / 60)::int::text, 'never') FROM pg_stat_archiver"
)
LIVE_CA_DIR = "/var/run/live-db-ca"

SCRIPT = f"""set -eu
rto=$((RTO_MINUTES * 60))
start=$(date +%s)
deadline=$((start + rto + {GRACE_SECONDS}))
uri_file="${{URI_FILE:-{URI_DIR}/uri}}"
live="host=$LIVE_HOST dbname=app user=${{LIVE_USER:-app}} sslmode=verify-full sslrootcert={LIVE_CA_DIR}/ca.crt"
if archiving=$(PGPASSWORD="${{LIVE_PASSWORD:-}}" PGCONNECT_TIMEOUT=10 psql "$live" -tA -F ' ' -c "{ARCHIVER}" \\
    2>/dev/null) && [ -n "$archiving" ]; then
  age="${{archiving#* }}"
  ago="last segment archived $age min before"
  [ "$age" = never ] && ago="no segment archived yet"
  wal="live WAL archiving at the start ${{archiving%% *}}, $ago (RPO $RPO_MINUTES min)"
else
  wal="live WAL archiving not measured (the live database did not answer)"
fi
report() {{
  took=$(( $(date +%s) - start ))
  echo "Restore drill $(date -u +%Y-%m-%d) in $DRILL_NAMESPACE: restored the latest backup of $DRILL_NAMESPACE in" \\
    "$((took / 60)) min $((took % 60)) s against an RTO of $RTO_MINUTES min: $1$2; $wal"
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


# What the last line states, each with what in a check's script states it: the ADR's Confirmation quotes the
# phrases of the script the Job actually runs (claims.py), so a check that stops measuring something stops saying so.
EVIDENCE = (
    ("how long the restore took against the RTO", "$RTO_MINUTES min"),
    ("the pgvector extension", VECTOR),
    ("the number of user tables", TABLES),
    ("whether the live database's WAL archiving works and the age of its last archived segment (the RPO)", ARCHIVER),
)


def reports(script: str) -> tuple[str, ...]:
    return tuple(phrase for phrase, token in EVIDENCE if token in script)


def measures_rpo(script: str) -> bool:
    """The data a restore would lose is bounded by the age of the last archived WAL segment: reported or not."""
    return ARCHIVER in script
