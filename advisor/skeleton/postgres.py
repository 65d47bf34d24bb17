"""In-cluster Postgres with pgvector: a CloudNativePG Cluster, barman-cloud backups, and a way back (items 17-19).

Backups are WAL archiving plus a daily base backup through the barman-cloud plugin; the retention follows the RPO
in the answers. The recovery manifest and the restore-drill component restore from the same ObjectStore, so the
drill in staging exercises exactly what a real restore would.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import images, names, network
from advisor.skeleton.model import Target, obj, one_shot_job

CNPG_API = "postgresql.cnpg.io/v1"
BARMAN_API = "barmancloud.cnpg.io/v1"
PLUGIN = "barman-cloud.cloudnative-pg.io"
VECTOR_SQL = "CREATE EXTENSION IF NOT EXISTS vector"
DRILL_SELECTOR = {"app.kubernetes.io/name": "restore-drill"}


def _resources() -> dict[str, Any]:
    return names.resources("250m", "512Mi", "1", "1Gi")


def backup_endpoint(t: Target) -> str:
    if t.object_storage == "in-cluster":
        return f"http://{names.minio(t.answers)}:{names.MINIO_PORT}"
    return "https://s3.REPLACE-ME.example.com"


SIDECAR_RESOURCES = names.resources()


def object_store(t: Target) -> dict[str, Any]:
    secret = names.backup_secret(t.answers)
    config = {
        "destinationPath": f"s3://{names.backup_bucket(t.answers)}/{t.env or 'base'}/",
        "endpointURL": backup_endpoint(t),
        "s3Credentials": {
            "accessKeyId": {"name": secret, "key": names.BACKUP_KEYS[0]},
            "secretAccessKey": {"name": secret, "key": names.BACKUP_KEYS[1]},
        },
        "wal": {"compression": "gzip"},
        "data": {"compression": "gzip"},
    }
    spec = {
        "configuration": config,
        "retentionPolicy": "30d" if t.prod else "7d",
        # the plugin's sidecar in each instance pod; the chart sets the same (needs plugin-barman-cloud >= 0.4)
        "instanceSidecarConfiguration": {"resources": SIDECAR_RESOURCES},
    }
    return obj(BARMAN_API, "ObjectStore", t.meta(names.backup_bucket(t.answers), "database"), spec=spec)


def _cluster_spec(t: Target) -> dict[str, Any]:
    env = t.env or "base"
    return {
        "instances": names.db_instances(env),
        "imageName": images.for_target(t, names.POSTGRES_IMAGE),
        "primaryUpdateStrategy": "unsupervised",
        "storage": {"size": names.db_storage(env)},
        "resources": _resources(),
        "enableSuperuserAccess": False,
        "plugins": [
            {"name": PLUGIN, "isWALArchiver": True, "parameters": {"barmanObjectName": names.backup_bucket(t.answers)}}
        ],
    }


def cluster(t: Target) -> dict[str, Any]:
    spec = _cluster_spec(t)
    spec["bootstrap"] = {
        "initdb": {
            "database": "app",
            "owner": "app",
            "secret": {"name": names.db_secret(t.answers)},
            "postInitApplicationSQL": [VECTOR_SQL],
        }
    }
    return obj(CNPG_API, "Cluster", t.meta(names.db_cluster(t.answers), "database"), spec=spec)


def scheduled_backup(t: Target) -> dict[str, Any]:
    spec = {
        "schedule": "0 0 2 * * *",  # six fields, seconds first: 02:00 every day
        "backupOwnerReference": "self",
        "immediate": True,
        "cluster": {"name": names.db_cluster(t.answers)},
        "method": "plugin",
        "pluginConfiguration": {"name": PLUGIN},
    }
    return obj(CNPG_API, "ScheduledBackup", t.meta(f"{names.db_cluster(t.answers)}-daily", "database"), spec=spec)


def recovery_cluster(t: Target, name: str, target_time: str | None = None) -> dict[str, Any]:
    """A new Cluster bootstrapped from the backups of `APP-db` (the original keeps running until repointed)."""
    spec = _cluster_spec(t)
    spec["plugins"] = []  # a restored cluster archives nowhere until it is promoted to be the new primary
    recovery: dict[str, Any] = {"source": "origin", "database": "app", "owner": "app"}
    if target_time:
        recovery["recoveryTarget"] = {"targetTime": target_time}
    spec["bootstrap"] = {"recovery": recovery}
    spec["externalClusters"] = [
        {
            "name": "origin",
            "plugin": {
                "name": PLUGIN,
                "parameters": {
                    "barmanObjectName": names.backup_bucket(t.answers),
                    "serverName": names.db_cluster(t.answers),
                },
            },
        }
    ]
    return obj(CNPG_API, "Cluster", t.meta(name, "database"), spec=spec)


def drill_job(t: Target, cluster_name: str) -> dict[str, Any]:
    """Checks the restored copy: it answers, has rows, and the vector extension came back."""
    vector = "SELECT extversion FROM pg_extension WHERE extname = 'vector'"
    tables = "SELECT count(*) FROM pg_stat_user_tables"
    script = (
        "set -eu\n"
        f'v=$(psql "$DATABASE_URI" -tAc "{vector}")\n'
        f'n=$(psql "$DATABASE_URI" -tAc "{tables}")\n'
        'echo "vector extension: ${v:-missing}; user tables: $n"\n'
        'test -n "$v" && test "$n" -gt 0\n'
    )
    container = {
        "name": "check",
        "image": images.for_target(t, names.POSTGRES_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        "command": ["sh", "-c", script],
        "env": [{"name": "DATABASE_URI", "valueFrom": {"secretKeyRef": {"name": f"{cluster_name}-app", "key": "uri"}}}],
        "resources": names.resources(),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    selector = DRILL_SELECTOR | {"app.kubernetes.io/instance": t.app}
    return one_shot_job(t, f"{t.app}-restore-drill-check", "restore-drill", selector, container, backoff=10, ttl=86400)


def objects(t: Target) -> list[dict[str, Any]]:
    return [object_store(t), cluster(t), scheduled_backup(t)]


def drill_objects(t: Target) -> list[dict[str, Any]]:
    name = f"{names.db_cluster(t.answers)}-drill"
    drill = recovery_cluster(t, name)
    drill["spec"]["instances"] = 1
    pods = DRILL_SELECTOR | {"app.kubernetes.io/instance": t.app}
    policies = [network.db_policy(t, name, pods), network.client_egress(t, f"{t.app}-restore-drill-check", pods, name)]
    return [drill, drill_job(t, name), *policies]


def recovery_objects(t: Target) -> list[dict[str, Any]]:
    """`recovery/cluster.yaml`: the restored cluster and the NetworkPolicy that lets the app and operator reach it."""
    name = f"{names.db_cluster(t.answers)}-restored"
    return [recovery_cluster(t, name), network.db_policy(t, name)]
