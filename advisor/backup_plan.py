"""The numbers of the backup design, each derived from the answers by a rule the ADR and RUNBOOK state.

- WAL archive timeout: at most the RPO (a WAL segment is shipped at least that often, so an idle or quiet
  database loses no more than the RPO), and never above CloudNativePG's 5-minute default.
- Base backup interval: a restore copies the last base backup and replays the WAL written since. Half of the
  RTO is budgeted for that replay (the other half for provisioning and the copy), and replay is assumed to run
  at least REPLAY_SPEEDUP times faster than the WAL was written, so the interval is at most
  RTO x REPLAY_SPEEDUP / 2, rounded down to a divisor of 24 hours (a plain cron), between 1 and 24 hours.
- Retention: `backup.retention_days`, else 90 days for regulated data and 30 otherwise, in production; other
  environments keep 7 days (never more than production). Each environment's backup bucket locks objects for its
  retention plus one base-backup interval: a restore in the window needs the base backup taken just before it.

This module has no decision logic of its own beyond arithmetic: the choice of target is the `backup_target` rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.answers import Answers
from advisor.decision import Decision

ARCHIVE_TIMEOUT_CAP_MINUTES = 5  # CloudNativePG's default archive_timeout
REPLAY_SPEEDUP = 12  # conservative: replay on restore is I/O bound, writing the WAL was not
REPLAY_SHARE_OF_RTO = 0.5
INTERVAL_HOURS = (1, 2, 3, 4, 6, 8, 12, 24)  # divisors of a day, so every run is at the same hours each day
FIRST_BACKUP_HOUR = 2  # the daily run is at 02:00, out of office hours
RETENTION_DAYS_REGULATED = 90
RETENTION_DAYS_DEFAULT = 30
RETENTION_DAYS_NON_PROD = 7
PLACEHOLDER_ENDPOINT = "https://s3.REPLACE-ME.example.com"
COPY_MINUTES = (5, 10, 15, 20, 30, 60)  # divisors of an hour, so the objects copy runs at the same minutes each hour


@dataclass(frozen=True)
class BackupPlan:
    archive_timeout_minutes: int
    base_backup_hours: int
    retention_days: int

    @property
    def archive_timeout(self) -> str:
        """Postgres's own unit syntax, as CloudNativePG passes `postgresql.parameters` through."""
        return f"{self.archive_timeout_minutes}min"

    @property
    def schedule(self) -> str:
        """ScheduledBackup's six-field cron, seconds first."""
        hours = self.base_backup_hours
        if hours == 24:
            return f"0 0 {FIRST_BACKUP_HOUR} * * *"
        return "0 0 * * * *" if hours == 1 else f"0 0 */{hours} * * *"

    @property
    def retention_policy(self) -> str:
        return f"{self.retention_days}d"


def endpoint_port(answers: Answers) -> int:
    """The port of the off-cluster endpoint (its scheme's default when the URL names none)."""
    from urllib.parse import urlsplit

    url = urlsplit(answers.backup.endpoint or PLACEHOLDER_ENDPOINT)
    return url.port or (443 if url.scheme == "https" else 80)


def archive_timeout_minutes(rpo_minutes: int) -> int:
    # archive_timeout 0 disables it; an RPO of 0 cannot be met by archiving at all (a rule warns about it)
    return max(1, min(rpo_minutes, ARCHIVE_TIMEOUT_CAP_MINUTES))


def base_backup_hours(rto_minutes: int) -> int:
    budget_minutes = rto_minutes * REPLAY_SPEEDUP * REPLAY_SHARE_OF_RTO
    fitting = [hours for hours in INTERVAL_HOURS if hours * 60 <= budget_minutes]
    return fitting[-1] if fitting else INTERVAL_HOURS[0]


def production_retention_days(answers: Answers) -> int:
    if answers.backup.retention_days is not None:
        return answers.backup.retention_days
    return RETENTION_DAYS_REGULATED if answers.regulation.regulated else RETENTION_DAYS_DEFAULT


def retention_days(answers: Answers, prod: bool) -> int:
    production = production_retention_days(answers)
    return production if prod else min(production, RETENTION_DAYS_NON_PROD)


def lock_days(answers: Answers, prod: bool) -> int:
    """How long object lock keeps each backup object: the retention, plus one base-backup interval (in whole days).

    A recovery window of N days needs the last base backup taken before the window opened, which is up to one
    interval older than N days; locking for N days alone would leave that backup deletable."""
    return retention_days(answers, prod) + -(-base_backup_hours(answers.data.rto_minutes) // 24)


def objects_copy_minutes(rpo_minutes: int) -> int:
    """How often the off-cluster copy of in-cluster objects runs: the longest interval of COPY_MINUTES that is at
    most half the RPO (a run that starts just before an object is written copies it one interval later, plus the
    run's own time), and every 5 minutes at the least (an RPO under 10 minutes cannot be met by a periodic copy)."""
    fitting = [minutes for minutes in COPY_MINUTES if minutes * 2 <= rpo_minutes]
    return fitting[-1] if fitting else COPY_MINUTES[0]


def objects_copy_schedule(rpo_minutes: int) -> str:
    """A CronJob's five-field schedule for that interval."""
    minutes = objects_copy_minutes(rpo_minutes)
    return "0 * * * *" if minutes == 60 else f"*/{minutes} * * * *"


def plan(answers: Answers, prod: bool) -> BackupPlan:
    return BackupPlan(
        archive_timeout_minutes(answers.data.rpo_minutes),
        base_backup_hours(answers.data.rto_minutes),
        retention_days(answers, prod),
    )


def reasons(answers: Answers) -> list[str]:
    """How each number follows from the answers, in words for the ADR's Decision Outcome and the RUNBOOK."""
    rpo, rto = answers.data.rpo_minutes, answers.data.rto_minutes
    p = plan(answers, prod=True)
    budget = int(rto * REPLAY_SPEEDUP * REPLAY_SHARE_OF_RTO)
    if answers.backup.retention_days is not None:
        kept = f"as `backup.retention_days` says ({p.retention_days} days)"
    else:
        why = "regulated data" if answers.regulation.regulated else "data that is not regulated"
        kept = f"the default for {why} ({p.retention_days} days; set `backup.retention_days` to change it)"
    return [
        f"WAL archive timeout {p.archive_timeout}: at most the RPO of {rpo} min and at most CloudNativePG's "
        f"{ARCHIVE_TIMEOUT_CAP_MINUTES}-minute default, so every WAL segment reaches the backup store within the RPO.",
        f"Base backup every {p.base_backup_hours} h (`{p.schedule}`): a restore replays the WAL since the last base "
        f"backup; with half of the RTO of {rto} min for replay and replay at least {REPLAY_SPEEDUP}x faster than "
        f"writing, at most {budget} min of WAL fits, rounded down to an interval that divides a day.",
        f"Retention in production {kept}; other environments keep at most {RETENTION_DAYS_NON_PROD} days. Each "
        f"environment's backup bucket locks every object for its retention plus one base-backup interval "
        f"({lock_days(answers, prod=True)} days in production), so the oldest base backup a restore in the window "
        "needs is locked too.",
    ]


ENCRYPTION = {
    "bucket-default": "encrypted at rest by the bucket's default encryption (none is requested per upload)",
    "sse-s3": "with server-side encryption (SSE-S3, AES256) requested on every upload",
    "sse-kms": "with server-side encryption (SSE-KMS) requested on every upload",
}
WRITER = (
    "its backup writer may list, read and add objects, but never delete one or change versioning, object lock or "
    "lifecycle (the bucket's lifecycle retires backups once their lock has run out)"
)
_TARGET = {
    "off-cluster": "to `{endpoint}`, outside the cluster, over https{ca}, {encryption}; each environment has its own "
    "bucket with versioning and object lock, set up by the store's administrators, and " + WRITER,
    "same-cluster": "to the cluster's own MinIO (the answers accept that risk), into a bucket per environment with "
    "object lock set by the skeleton's bucket Job, and " + WRITER,
}


def outcome_lines(decision: Decision) -> list[str]:
    """For the Decision Outcome: where the backups go and how each number follows from the answers."""
    if decision.choices.get("runtime") != "kubernetes" or decision.choices.get("postgres") != "in-cluster":
        return []
    backup = decision.answers.backup
    ca = f" trusting the CA bundle in Secret `{backup.ca_bundle_secret}`" if backup.ca_bundle_secret else ""
    endpoint = backup.endpoint or "backup.endpoint (not set yet)"
    target = _TARGET.get(decision.choices.get("backup_target", ""), "")
    encryption = ENCRYPTION[backup.encryption]
    where = [f"Backups go {target.format(endpoint=endpoint, ca=ca, encryption=encryption)}."] if target else []
    return where + reasons(decision.answers)
