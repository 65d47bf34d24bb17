"""In-cluster Postgres with pgvector: a CloudNativePG Cluster, barman-cloud backups, and a way back (items 17-19).

Backups are WAL archiving plus scheduled base backups through the barman-cloud plugin, to the target the
`backup_target` decision chose; the archive timeout, the schedule and the retention follow from the answers by the
rules in `backup_plan`. The recovery manifest and the restore-drill component restore from the same ObjectStore, so the
drill in staging exercises exactly what a real restore would.
"""

from __future__ import annotations

from typing import Any

from advisor import backup_plan
from advisor.skeleton import dbtls, drill, images, names, network, objects_copy
from advisor.skeleton.model import Target, obj, one_shot_job

CNPG_API = "postgresql.cnpg.io/v1"
BARMAN_API = "barmancloud.cnpg.io/v1"
PLUGIN = "barman-cloud.cloudnative-pg.io"
VECTOR_SQL = "CREATE EXTENSION IF NOT EXISTS vector"
DRILL_SELECTOR = {"app.kubernetes.io/name": "restore-drill"}
DATABASE = "database"  # the component label of every database object


def _resources() -> dict[str, Any]:
    return names.resources("250m", "512Mi", "1", "1Gi")


def same_cluster(t: Target) -> bool:
    return t.decision.choices.get("backup_target") == "same-cluster"


def backup_endpoint(t: Target) -> str:
    """The off-cluster endpoint from the answers; the cluster's own MinIO only when the answers accept that risk."""
    if same_cluster(t):
        # regulated data never travels in clear text, even inside the cluster (MinIO then serves TLS)
        scheme = "https" if t.answers.regulation.regulated else "http"
        return f"{scheme}://{names.minio(t.answers)}:{names.MINIO_PORT}"
    return t.answers.backup.endpoint or backup_plan.PLACEHOLDER_ENDPOINT


def endpoint_ca(t: Target) -> dict[str, str] | None:
    """The CA bundle that signs the endpoint's certificate: the answers' Secret, or MinIO's own in the same cluster."""
    if same_cluster(t) and t.answers.regulation.regulated:
        return {"name": names.minio_tls_secret(t.answers), "key": "ca.crt"}
    if not same_cluster(t) and t.answers.backup.ca_bundle_secret:
        return {"name": t.answers.backup.ca_bundle_secret, "key": "ca.crt"}
    return None


SSE = {"bucket-default": None, "sse-s3": "AES256", "sse-kms": "aws:kms"}  # backup.encryption -> barman-cloud


def server_side_encryption(t: Target) -> str | None:
    """What every upload asks the store to encrypt with, if anything (`backup.encryption`).

    A store that cannot honour the request refuses the upload, so asking wrongly stops WAL archiving and WAL fills
    the volume. MinIO encrypts with a key it fetches from a KMS through KES, so it answers SSE-S3 and SSE-KMS only
    with a KMS configured (MinIO docs, "Server-Side Encryption Per-Deployment Key (SSE-S3)"); the cluster's own
    MinIO has none, so nothing is requested of it. `bucket-default` leaves encryption at rest to the bucket's
    default encryption, which the README tells the store's owners to set and how to check.
    """
    return None if same_cluster(t) else SSE[t.answers.backup.encryption]


def _stream(t: Target) -> dict[str, str]:
    encryption = server_side_encryption(t)
    return {"compression": "gzip", **({"encryption": encryption} if encryption else {})}


SIDECAR_RESOURCES = names.resources()


def object_store(t: Target) -> dict[str, Any]:
    secret = names.backup_secret(t.answers)
    credentials: dict[str, Any] = {
        "accessKeyId": {"name": secret, "key": names.BACKUP_KEYS[0]},
        "secretAccessKey": {"name": secret, "key": names.BACKUP_KEYS[1]},
    }
    if t.answers.backup.region and not same_cluster(t):
        credentials["region"] = {"name": secret, "key": names.BACKUP_REGION_KEY}
    config: dict[str, Any] = {
        "destinationPath": f"s3://{names.backup_bucket(t.answers, t.env)}/",
        "endpointURL": backup_endpoint(t),
    }
    ca = endpoint_ca(t)
    if ca:
        config["endpointCA"] = ca
    config["s3Credentials"] = credentials
    config["wal"] = _stream(t)
    config["data"] = _stream(t)
    spec = {
        "configuration": config,
        # no retentionPolicy: barman-cloud would delete expired backups through the writer, who may not delete;
        # the bucket's lifecycle retires them (buckets.database_expiry, README "Backups")
        # the plugin's sidecar in each instance pod; the chart sets the same (needs plugin-barman-cloud >= 0.4)
        "instanceSidecarConfiguration": {"resources": SIDECAR_RESOURCES},
    }
    return obj(BARMAN_API, "ObjectStore", t.meta(names.backup_store(t.answers), DATABASE), spec=spec)


def archiving(t: Target, server_name: str | None = None) -> list[dict[str, Any]]:
    """`spec.plugins`: WAL archiving and base backups to the ObjectStore, under `server_name` (default: the
    cluster's own name). A cluster restored from `APP-db` must archive under a name of its own: the plugin refuses
    to write into a folder that already holds WAL ("Expected empty archive", CloudNativePG docs, Recovery)."""
    parameters = {"barmanObjectName": names.backup_store(t.answers)}
    if server_name:
        parameters["serverName"] = server_name
    return [{"name": PLUGIN, "isWALArchiver": True, "parameters": parameters}]


def availability(t: Target) -> dict[str, Any]:
    """Per environment: one instance cannot have a PodDisruptionBudget (CloudNativePG's on the primary would block
    every node drain: `enablePDB`), and production's instances must land on different nodes."""
    instances = names.db_instances(t.env or "base")
    return {
        "instances": instances,
        "enablePDB": instances > 1,
        "affinity": {
            "enablePodAntiAffinity": True,
            "topologyKey": "kubernetes.io/hostname",
            "podAntiAffinityType": "required" if t.prod else "preferred",
        },
    }


def _cluster_spec(t: Target) -> dict[str, Any]:
    env = t.env or "base"
    return {
        **availability(t),
        "imageName": images.for_target(t, names.POSTGRES_IMAGE),
        "primaryUpdateStrategy": "unsupervised",
        "storage": {"size": names.db_storage(env)},
        "resources": _resources(),
        # at most the RPO: a WAL segment is closed and archived at least this often (backup_plan)
        "postgresql": {"parameters": {"archive_timeout": backup_plan.plan(t.answers, t.prod).archive_timeout}},
        "enableSuperuserAccess": False,
        "plugins": archiving(t),
        # on the instance pods too, so they read as part of the app (both trees set the same)
        "inheritedMetadata": {"labels": {"app.kubernetes.io/part-of": t.app, "app.kubernetes.io/component": DATABASE}},
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


def scheduled_backup(t: Target, cluster_name: str | None = None) -> dict[str, Any]:
    cluster_name = cluster_name or names.db_cluster(t.answers)
    spec = {
        "schedule": backup_plan.plan(t.answers, t.prod).schedule,  # six fields, seconds first; from the RTO
        "backupOwnerReference": "self",
        "immediate": True,
        "cluster": {"name": cluster_name},
        "method": "plugin",
        "pluginConfiguration": {"name": PLUGIN},
    }
    return obj(CNPG_API, "ScheduledBackup", t.meta(f"{cluster_name}-base-backup", "database"), spec=spec)


def recovery_cluster(t: Target, name: str, *, archives: bool, keep_credentials: bool) -> dict[str, Any]:
    """A new Cluster bootstrapped from the backups of `APP-db` (which keeps running beside it).

    `keep_credentials`: the owner `app` keeps the password in Secret `APP-db` (`bootstrap.recovery.secret`),
    so the app reconnects by changing only the host in its `uri`; without it CloudNativePG writes a new password
    into `NAME-app` (what the throw-away drill reads). `archives`: WAL and base backups go to the same ObjectStore
    under the new cluster's own name, from its first minute."""
    spec = _cluster_spec(t)
    spec["plugins"] = archiving(t, name) if archives else []
    recovery: dict[str, Any] = {"source": "origin", "database": "app", "owner": "app"}
    if keep_credentials:
        recovery["secret"] = {"name": names.db_secret(t.answers)}
    spec["bootstrap"] = {"recovery": recovery}
    spec["externalClusters"] = [
        {
            "name": "origin",
            "plugin": {
                "name": PLUGIN,
                "parameters": {
                    "barmanObjectName": names.backup_store(t.answers),
                    "serverName": names.db_cluster(t.answers),
                },
            },
        }
    ]
    return obj(CNPG_API, "Cluster", t.meta(name, "database"), spec=spec)


def drill_job(t: Target, cluster_name: str) -> dict[str, Any]:
    """Times the restore against the RTO and checks the copy: it answers, has rows, and `vector` came back."""
    container = {
        "name": "check",
        "image": images.for_target(t, names.POSTGRES_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        "command": ["sh", "-c", drill.SCRIPT],
        "env": [
            {"name": "RTO_MINUTES", "value": str(t.answers.data.rto_minutes)},
            {"name": "RPO_MINUTES", "value": str(t.answers.data.rpo_minutes)},
            {"name": "DRILL_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
            # the live database, read for its WAL archiving (pg_stat_archiver) with the app's own credentials
            {"name": "LIVE_HOST", "value": f"{names.db_cluster(t.answers)}-rw"},
            *(
                {"name": var, "valueFrom": {"secretKeyRef": {"name": names.db_secret(t.answers), "key": key}}}
                for var, key in (("LIVE_USER", names.DB_KEYS[1]), ("LIVE_PASSWORD", names.DB_KEYS[2]))
            ),
        ],
        "resources": names.resources(),
        "securityContext": names.container_security_context(),
        "volumeMounts": [
            {"name": "tmp", "mountPath": "/tmp"},
            {"name": "restored-db", "mountPath": drill.URI_DIR, "readOnly": True},
            {"name": "live-db-ca", "mountPath": drill.LIVE_CA_DIR, "readOnly": True},
        ],
    }
    selector = DRILL_SELECTOR | {"app.kubernetes.io/instance": t.app}
    job = one_shot_job(t, f"{t.app}-restore-drill-check", "restore-drill", selector, container, backoff=0, ttl=86400)
    pod = job["spec"]["template"]["spec"]
    pod["restartPolicy"] = "Never"  # a retry would restart the clock
    # optional: the Secret appears only when the restore has created the database, and the volume follows it
    secret = {"secretName": f"{cluster_name}-app", "optional": True, "items": [{"key": "uri", "path": "uri"}]}
    pod["volumes"].append({"name": "restored-db", "secret": secret})
    live_ca = {"secretName": dbtls.ca_secret(t), "items": [{"key": "ca.crt", "path": "ca.crt"}]}
    pod["volumes"].append({"name": "live-db-ca", "secret": live_ca})
    job["spec"]["activeDeadlineSeconds"] = t.answers.data.rto_minutes * 60 + 2 * drill.GRACE_SECONDS
    return job


def objects(t: Target) -> list[dict[str, Any]]:
    return [object_store(t), cluster(t), scheduled_backup(t)]


def drill_objects(t: Target) -> list[dict[str, Any]]:
    name = names.drill_cluster(t.answers)
    drill = recovery_cluster(t, name, archives=False, keep_credentials=False)
    drill["spec"].update(instances=1, enablePDB=False)  # a throw-away copy never holds up a drain
    pods = DRILL_SELECTOR | {"app.kubernetes.io/instance": t.app}
    live = names.db_cluster(t.answers)
    policies = [
        network.db_policy(t, name, pods),
        network.client_egress(t, f"{t.app}-restore-drill-check", pods, [name, live]),
        network.client_ingress(t, f"{t.app}-restore-drill-live-db", pods, live),
    ]
    return [drill, drill_job(t, name), *policies, *objects_copy.drill_objects(t)]


def recovery_objects(t: Target) -> list[dict[str, Any]]:
    """A restore beside the live database: the restored cluster, its scheduled base backups and its NetworkPolicy
    (the `postgres-recovery` component, or `postgres.recovery.enabled` in the chart)."""
    name = names.restored_cluster(t.answers)
    restored = recovery_cluster(t, name, archives=True, keep_credentials=True)
    return [restored, scheduled_backup(t, name), network.db_policy(t, name)]


def original_objects(t: Target) -> list[tuple[str, str, str]]:
    """(apiVersion, kind, name) of what retiring the original cluster removes from the manifests."""
    cluster_name = names.db_cluster(t.answers)
    return [
        (CNPG_API, "Cluster", cluster_name),
        (CNPG_API, "ScheduledBackup", f"{cluster_name}-base-backup"),
        (network.API, "NetworkPolicy", cluster_name),
    ]
