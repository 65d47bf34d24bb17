"""RUNBOOK.md's "Alerts" part: what to do when each alert fires; every alert's `runbook_url` points at its heading.

Every Kubernetes skeleton has it. With in-cluster Postgres it follows the restore runbook (`runbook.render`);
otherwise RUNBOOK.md holds the alerts alone. Commands name `<namespace>`: the alert's own `namespace` label.
"""

from __future__ import annotations

from advisor import observability_plan as plan
from advisor.content import Content, force
from advisor.skeleton import alerts, names, observability
from advisor.skeleton.model import Target

_BACKUP_CAUSES = (
    "the backup store unreachable (DNS, the database's NetworkPolicy egress, its certificate), the credentials in "
    "Secret `{backup}` wrong or rotated, or the bucket refusing writes (quota, object lock, policy)"
)


def _steps(t: Target, scraper: str) -> dict[str, str]:
    a, app = t.answers, t.app
    cluster, minio = names.db_cluster(a), names.minio(a)
    p = plan.alert_plan(a)
    logs = f"`kubectl -n <namespace> logs {cluster}-1 -c plugin-barman-cloud` (the barman-cloud sidecar)"
    causes = _BACKUP_CAUSES.format(backup=names.backup_secret(a))
    backup_now = (
        f"take one now: `kubectl cnpg backup {cluster} -n <namespace> --method plugin "
        "--plugin-name barman-cloud.cloudnative-pg.io`"
    )
    return {
        "AppNotReady": f"Fewer replicas of `{app}` are available than it asks for, for {plan.APP_NOT_READY_MINUTES} "
        f"min. `kubectl -n <namespace> get pods -l app.kubernetes.io/name={app}` shows which; "
        "`kubectl -n <namespace> describe pod POD` shows why (image pull, failing `/readyz`, no room in the "
        "ResourceQuota). A failing `/readyz` usually means the database or object store cannot be reached: read "
        '`kubectl -n <namespace> logs POD`. If a new version caused it, roll back (README, "Roll back").',
        "AppCrashLooping": "A container exits again and again. `kubectl -n <namespace> logs POD -c CONTAINER "
        "--previous` says why it last exited; `kubectl -n <namespace> describe pod POD` shows `OOMKilled` (raise its "
        "memory limit) or a failing liveness probe (`/livez`).",
        "AppRolloutStuck": f"A rollout of `{app}` passed its progress deadline. `kubectl -n <namespace> rollout "
        f"status deployment/{app}` and `kubectl -n <namespace> describe deployment {app}` name the cause: an image "
        "that cannot be pulled, new pods that never become ready, or a full ResourceQuota (`kubectl -n <namespace> "
        f"describe resourcequota`). Roll back with `kubectl -n <namespace> rollout undo deployment/{app}` and "
        "revert the tag.",
        "MetricsTargetDown": "Prometheus cannot scrape a target, so the alerts that read it cannot fire. Check that "
        "the pod in the alert's `instance` runs, that the NetworkPolicy `*-metrics` in its namespace lets namespace "
        f"`{scraper}` in, and, with the Prometheus Operator, that its ServiceMonitor or PodMonitor is selected "
        "(Prometheus's Targets page).",
        "WalArchivingFailing": f"The last WAL segment of `{cluster}` could not be archived, so point-in-time recovery "
        f"stops at the last one that was. {logs} and `kubectl cnpg status {cluster} -n <namespace>` say why: "
        f"{causes}. Until it is fixed WAL piles up on the volume; never delete WAL by hand.",
        "WalArchivingLagging": f"WAL of `{cluster}` has waited to be archived while none was for more than "
        f"{p.wal_lag_minutes} min (the RPO): a restore now would lose more than the RPO allows. Look for the same "
        f"causes as WalArchivingFailing ({logs}), and for a store too slow for the write rate.",
        "BaseBackupTooOld": f"No base backup of `{cluster}` completed in {p.backup_max_age_hours} h (one is due every "
        f"{p.backup_interval_hours} h), so a restore would replay more WAL than the RTO allows. "
        "`kubectl -n <namespace> get scheduledbackups.postgresql.cnpg.io,backups.postgresql.cnpg.io` shows the "
        f"last ones and their phase; {logs} says why one failed ({causes}); then {backup_now}.",
        "BaseBackupFailed": f"The last base backup of `{cluster}` failed. `kubectl -n <namespace> describe "
        f"backups.postgresql.cnpg.io` names the error; fix the cause ({causes}) and {backup_now}.",
        "PostgresVolumeNearlyFull": f"A volume of `{cluster}` has less than {plan.VOLUME_FREE_RATIO:.0%} free. If "
        "WAL is piling up, the WAL alerts above fire too: fix archiving first. Otherwise grow `storage.size` of the "
        "Cluster (the overlay's `patches/cluster.yaml`, or `postgres.storage.size` in the chart's values); "
        "CloudNativePG resizes the claims where the StorageClass allows expansion.",
        "RestoreDrillOverdue": f"No restore drill succeeded in the last {a.backup.drill_interval_days} days "
        '(`backup.drill_interval_days`). Run it as "Rehearse it in staging" above says, and leave the finished '
        "check Job a few minutes before deleting it, so Prometheus records its success. The alert looks back over "
        "the whole interval: Prometheus must keep that many days of data, or it fires early.",
        "MinioVolumeNearlyFull": f"A volume of `{minio}` has less than {plan.VOLUME_FREE_RATIO:.0%} free. "
        "`mc du` on the buckets shows what grows; check the lifecycle rules, then expand the claim "
        f"(`kubectl -n <namespace> edit pvc {names.minio_claims(a)[0]}`, where the StorageClass allows it; the "
        "namespace's ResourceQuota caps the storage all claims may request).",
        "MinioDrivesOffline": f"Drives of `{minio}` are offline. `kubectl -n <namespace> logs {minio}-0` and "
        "`mc admin info` name them; replace or remount the volume before another fails.",
    }


def section(t: Target) -> str:
    scraper = observability.scraper_namespace(t.decision)
    steps = _steps(t, scraper)
    seen = dict.fromkeys(a.name for g in alerts.groups(t.decision) for a in g.alerts)
    lines = [
        "## Alerts",
        "",
        "Every alert in `monitoring/<env>-rules.yaml` links here through its `runbook_url`. Thresholds follow",
        'from the answers; the README\'s "Alerts" section says how.',
    ]
    if t.in_cluster_db:  # the PodMonitor, the metrics NetworkPolicy and the alerts select both clusters
        db, restored = names.db_cluster(t.answers), names.restored_cluster(t.answers)
        lines += [
            "",
            f"After a restore, the database's alerts watch `{restored}` too (its PodMonitor and metrics "
            f"NetworkPolicy select both clusters): where the alert's `pod` label names `{restored}-N`, use "
            f"`{restored}` in place of `{db}` in the commands below.",
        ]
    for name in seen:
        lines += ["", f"### {name}", steps[name]]
    return "\n".join(lines) + "\n"


def render(t: Target, restore: Content | None, header: str) -> bytes:
    """RUNBOOK.md: the restore runbook (with in-cluster Postgres) and then the alerts."""
    if restore is not None:
        return force(restore) + b"\n" + section(t).encode()
    top = f"<!-- {header.removeprefix('# ').strip()} -->\n# Runbook: {t.app}\n\n"
    return (top + section(t)).encode()
