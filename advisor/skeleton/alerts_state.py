"""Alerts on the state the team runs: Scenario B's backups, SPEC-0006 5's tested restore, and full volumes.

- With in-cluster Postgres: WAL archiving failing or lagging beyond the RPO (CloudNativePG's pg_stat_archiver and
  WAL status metrics), the last base backup too old or failed (the barman-cloud plugin's metrics, served on the
  instance endpoint), and the database volumes nearly full (the kubelet's volume stats).
- Where the restore drill runs: no successful drill within `backup.drill_interval_days`. The drill's check Job
  is removed a day after it ends, so a recording rule keeps its success time, and the alert looks back over the
  interval: Prometheus must keep at least that many days of data, or the alert fires early (never late).
- With in-cluster MinIO: its volumes nearly full, and drives offline. MinIO's v3 API omits a zero-valued series,
  so "no drives offline" is the series' absence, which `> 0` reads correctly.
"""

from __future__ import annotations

from advisor import observability_plan as plan
from advisor.skeleton import names
from advisor.skeleton.alert_model import Alert, sel, series
from advisor.skeleton.model import Target

DRILL_RECORD = "namespace:restore_drill_success_time_seconds:max"
ARCHIVER = "cnpg_pg_stat_archiver_"
PLUGIN = "barman_cloud_cloudnative_pg_io_"
FREE, CAPACITY = "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes"


def alerts(t: Target) -> tuple[dict[str, str], list[Alert]]:
    """(recording rules, alerts) for the state of one environment."""
    records: dict[str, str] = {}
    out: list[Alert] = []
    if t.in_cluster_db:
        out += _postgres(t)
        if _drill_env(t):
            records[DRILL_RECORD] = _drill_record(t)
            out.append(_drill(t))
    if t.object_storage == "in-cluster":
        out += _minio(t)
    return records, out


def _drill_env(t: Target) -> bool:
    return t.env == names.drill_env(list(t.answers.environments))


def _page(t: Target) -> str:
    return "critical" if t.prod else "warning"


def _volume(t: Target, name: str, claims: str, claim: str, what: str) -> Alert:
    ns = t.namespace or ""
    pvc = {"namespace": ns, "persistentvolumeclaim": claim}
    ratio = plan.VOLUME_FREE_RATIO
    return Alert(
        name,
        f"{sel(FREE, namespace=ns, persistentvolumeclaim=claims)} / "
        f"{sel(CAPACITY, namespace=ns, persistentvolumeclaim=claims)} < {ratio}",
        "15m",
        _page(t),
        f"Volume {{{{ $labels.persistentvolumeclaim }}}} of {what} in {ns} has less than {ratio:.0%} free",
        [(series(FREE, **pvc), "5x40"), (series(CAPACITY, **pvc), "100x40")],
        [(series(FREE, **pvc), "50x40"), (series(CAPACITY, **pvc), "100x40")],
        "20m",
        pvc,
        threshold=f"less than {ratio:.0%} free for 15 min",
    )


def _postgres(t: Target) -> list[Alert]:
    ns, cluster = t.namespace or "", names.db_cluster(t.answers)
    clusters = f"({cluster}|{names.restored_cluster(t.answers)})"  # after a restore, the restored one's pods
    db = {"namespace": ns, "pod": f"~{clusters}-[0-9]+"}
    pod = {"namespace": ns, "pod": f"{cluster}-1"}
    p = plan.alert_plan(t.answers)
    lag, age = p.wal_lag_minutes * 60, p.backup_max_age_hours * 3600
    failed, archived = f"{ARCHIVER}last_failed_time", f"{ARCHIVER}last_archived_time"
    since, ready = f"{ARCHIVER}seconds_since_last_archival", "cnpg_collector_pg_wal_archive_status"
    last, last_failed = f"{PLUGIN}last_available_backup_timestamp", f"{PLUGIN}last_failed_backup_timestamp"
    hours = p.backup_max_age_hours + 4  # hourly samples, past the eval time
    return [
        Alert(
            "WalArchivingFailing",
            f"{sel(failed, **db)} > {sel(archived, **db)}",
            "5m",
            _page(t),
            f"The last attempt to archive WAL of {cluster} in {ns} failed: point-in-time recovery stops at the last "
            "archived segment",
            [(series(failed, **pod), "2000x40"), (series(archived, **pod), "1000x40")],
            [(series(failed, **pod), "1000x40"), (series(archived, **pod), "2000x40")],
            "10m",
            pod,
            threshold="the last archiving attempt failed, for 5 min",
        ),
        Alert(
            "WalArchivingLagging",
            f"{sel(since, **db)} > {lag} and on (namespace, pod) {sel(ready, value='ready', **db)} > 0",
            "1m",
            _page(t),
            f"WAL of {cluster} in {ns} waits to be archived and none was archived for longer than the RPO "
            f"({p.wal_lag_minutes} min)",
            [(series(since, **pod), f"{lag + 60}+60x40"), (series(ready, value="ready", **pod), "3x40")],
            [(series(since, **pod), f"{lag + 60}+60x40"), (series(ready, value="ready", **pod), "0x40")],
            "5m",
            pod,
            threshold=f"WAL waiting and none archived for {p.wal_lag_minutes} min (the RPO, `data.rpo_minutes`)",
        ),
        Alert(
            "BaseBackupTooOld",
            f"time() - max by (namespace) ({sel(last, **db)}) > {age} or absent({sel(last, **db)})",
            "10m",
            _page(t),
            f"No base backup of {cluster} in {ns} completed in the last {p.backup_max_age_hours} h "
            f"(one every {p.backup_interval_hours} h)",
            [(series(last, **pod), f"0x{hours}")],  # one backup at the start, never another
            [(series(last, **pod), f"0+3600x{hours}")],  # a backup every hour
            f"{p.backup_max_age_hours + 2}h",
            {"namespace": ns},
            threshold=f"{p.backup_max_age_hours} h: the {p.backup_interval_hours} h interval (from `data.rto_minutes`) "
            "plus half of it",
            step="1h",
        ),
        Alert(
            "BaseBackupFailed",
            f"max by (namespace) ({sel(last_failed, **db)}) > max by (namespace) ({sel(last, **db)})",
            "5m",
            _page(t),
            f"The last base backup of {cluster} in {ns} failed, and none has succeeded since",
            [(series(last_failed, **pod), "2000x40"), (series(last, **pod), "1000x40")],
            [(series(last_failed, **pod), "1000x40"), (series(last, **pod), "2000x40")],
            "10m",
            {"namespace": ns},
            threshold="a failed backup newer than the last good one, for 5 min",
        ),
        _volume(t, "PostgresVolumeNearlyFull", f"~{clusters}-[0-9]+(-wal)?", f"{cluster}-1", f"Postgres {cluster}"),
    ]


def _drill_job(t: Target) -> dict[str, str]:
    return {"namespace": t.namespace or "", "job_name": f"~{t.app}-restore-drill-check.*"}


def _drill_record(t: Target) -> str:
    job = _drill_job(t)
    done, succeeded = sel("kube_job_status_completion_time", **job), sel("kube_job_status_succeeded", **job)
    return f"max by (namespace) ({done} and on (namespace, job_name) {succeeded} > 0)"


def _drill(t: Target) -> Alert:
    ns, days = t.namespace or "", t.answers.backup.drill_interval_days
    job = {"namespace": ns, "job_name": f"{t.app}-restore-drill-check"}
    # the drill's check Job succeeded in the first hour and was removed two hours later (hourly samples)
    ran = [
        (series("kube_job_status_completion_time", **job), "3600x2 stale"),
        (series("kube_job_status_succeeded", **job), "1x2 stale"),
    ]
    return Alert(
        "RestoreDrillOverdue",
        f"absent_over_time({sel(DRILL_RECORD, namespace=ns)}[{days}d])",
        "1h",
        "warning",
        f"No restore drill succeeded in {ns} in the last {days} days (SPEC-0006 5: the restore is tested in staging)",
        ran,
        ran,
        f"{days * 24 + 4}h",
        {"namespace": ns},
        threshold=f"no successful drill in {days} days (`backup.drill_interval_days`)",
        quiet_at=f"{max(12, days * 24 - 12)}h",  # the same drill, still inside the interval
        step="1h",
    )


def _minio(t: Target) -> list[Alert]:
    ns, minio = t.namespace or "", names.minio(t.answers)
    offline, online = "minio_cluster_health_drives_offline_count", "minio_cluster_health_drives_online_count"
    server = {"namespace": ns, "pod": f"{minio}-0"}
    return [
        _volume(t, "MinioVolumeNearlyFull", f"~data-{minio}-[0-9]+", f"data-{minio}-0", f"MinIO {minio}"),
        Alert(
            "MinioDrivesOffline",
            f"{sel(offline, namespace=ns)} > 0",
            "10m",
            _page(t),
            f"Drives of MinIO {minio} in {ns} are offline: objects are at risk if more fail",
            [(series(offline, **server), "1x40"), (series(online, **server), "3x40")],
            [(series(online, **server), "4x40")],  # v3 omits the zero-valued offline count
            "15m",
            server,
            threshold="any drive offline for 10 min",
        ),
    ]
