"""In-cluster object storage: MinIO on a PVC plus an idempotent bucket-and-lifecycle Job (K8S-CHECKLIST item 20).

MinIO's community edition became source-only in October 2025: the app only sees the S3 endpoint in `APP-s3`, so
swapping MinIO for another S3 server (or a managed bucket) changes that Secret, not the app.
"""

from __future__ import annotations

from typing import Any

from advisor import backup_plan
from advisor.skeleton import buckets, images, linter_exceptions, names
from advisor.skeleton.model import ENV_LABEL, Target, obj, one_shot_job
from advisor.skeleton.network import minio_selector

# MinIO's v3 metrics without a token, for monitoring.py's PodMonitor; the NetworkPolicy lets only the scraper in
MINIO_METRICS_ENV = {"name": "MINIO_PROMETHEUS_AUTH_TYPE", "value": "public"}


def _root_env(t: Target) -> list[dict[str, Any]]:
    secret = names.minio_root_secret(t.answers)
    return [
        {"name": var, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}
        for var, key in zip(("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"), names.MINIO_ROOT_KEYS, strict=True)
    ]


def service(t: Target) -> dict[str, Any]:
    spec = {
        "type": "ClusterIP",
        "selector": minio_selector(t),
        "ports": [{"name": "s3", "port": names.MINIO_PORT, "targetPort": "s3", "protocol": "TCP"}],
    }
    return obj("v1", "Service", t.meta(names.minio(t.answers), "object-storage"), spec=spec)


def serves_tls(t: Target) -> bool:
    """Regulated backups in this MinIO travel over https: it serves the certificate in `APP-minio-tls`."""
    return t.answers.regulation.regulated and backups_here(t)


def _tls_volume(t: Target, name: str, items: dict[str, str]) -> dict[str, Any]:
    secret = {
        "secretName": names.minio_tls_secret(t.answers),
        "items": [{"key": k, "path": v} for k, v in items.items()],
    }
    return {"name": name, "secret": secret}


def stateful_set(t: Target) -> dict[str, Any]:
    name = names.minio(t.answers)
    scheme = {"scheme": "HTTPS"} if serves_tls(t) else {}
    probe = {"httpGet": {"path": "/minio/health/live", "port": "s3", **scheme}, "periodSeconds": 10}
    container = {
        "name": "minio",
        "image": images.for_target(t, names.MINIO_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        # the root filesystem is read-only: keep MinIO's certs folder on the /tmp emptyDir
        "args": ["server", "/data", "--console-address", f":{names.MINIO_CONSOLE_PORT}", "--certs-dir", "/tmp/certs"],
        "ports": [{"name": "s3", "containerPort": names.MINIO_PORT, "protocol": "TCP"}],
        "env": [*_root_env(t), MINIO_METRICS_ENV],
        "startupProbe": {**probe, "failureThreshold": 30},
        "livenessProbe": probe,
        "readinessProbe": {"httpGet": {"path": "/minio/health/ready", "port": "s3", **scheme}, "periodSeconds": 10},
        "resources": names.resources("250m", "512Mi", "1", "1Gi"),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "data", "mountPath": "/data"}, {"name": "tmp", "mountPath": "/tmp"}],
    }
    claim: dict[str, Any] = {
        "metadata": {"name": "data"},
        "spec": {
            "accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": names.minio_storage(t.env or "base")}},
        },
    }
    if t.env is not None:  # the overlay's `labels:` reaches claim templates too
        claim["metadata"]["labels"] = {ENV_LABEL: t.env}
    spec = {
        "serviceName": name,
        "replicas": 1,
        "selector": {"matchLabels": minio_selector(t)},
        "template": {
            "metadata": {"labels": t.pod_labels(minio_selector(t), "object-storage")},
            "spec": {
                "automountServiceAccountToken": False,
                "securityContext": names.pod_security_context(),
                "containers": [container],
                "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
            },
        },
        "volumeClaimTemplates": [claim],
    }
    if serves_tls(t):  # MinIO reads public.crt, private.key and CAs/ from its certs folder
        container["volumeMounts"].append({"name": "tls", "mountPath": "/tmp/certs", "readOnly": True})
        items = {"tls.crt": "public.crt", "tls.key": "private.key", "ca.crt": "CAs/ca.crt"}
        spec["template"]["spec"]["volumes"].append(_tls_volume(t, "tls", items))
    meta = t.meta(name, "object-storage", annotations=linter_exceptions.for_workload([container]))
    return obj("apps/v1", "StatefulSet", meta, spec=spec)


def _user_env(t: Target) -> list[dict[str, Any]]:
    """The credentials the Job creates users for: the app's, and the backup writer's when backups live here."""
    pairs = [(buckets.APP_USER_ENV, names.s3_secret(t.answers), names.S3_KEYS[2:])]
    if backups_here(t):
        pairs.append((buckets.BACKUP_USER_ENV, names.backup_secret(t.answers), names.BACKUP_KEYS))
    return [
        {"name": var, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}
        for env, secret, keys in pairs
        for var, key in zip(env, keys, strict=True)
    ]


def backups_here(t: Target) -> bool:
    """The backup bucket lives in this MinIO only when the answers accept keeping backups in the same cluster."""
    return t.in_cluster_db and t.decision.choices.get("backup_target") == "same-cluster"


def setup_script(t: Target) -> str:
    """This environment's buckets: old app versions kept as long as its backups reach (backup_plan.lock_days)."""
    endpoint = f"{'https' if serves_tls(t) else 'http'}://{names.minio(t.answers)}:{names.MINIO_PORT}"
    keep = backup_plan.lock_days(t.answers, t.prod)
    bucket, writer = names.backup_bucket(t.answers, t.env), names.backup_writer(t.answers, t.env)
    backups = (bucket, writer, keep, names.archive_prefixes(t.answers))
    return buckets.setup_script(endpoint, t.app, names.bucket(t.answers), keep, backups if backups_here(t) else None)


def bucket_job(t: Target) -> dict[str, Any]:
    """Buckets, versioning, lifecycle, object lock and least-privilege users; safe to re-run (see `buckets`)."""
    container = {
        "name": "mc",
        "image": images.for_target(t, names.MC_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        "command": ["sh", "-c", setup_script(t)],
        "env": [*_root_env(t), *_user_env(t), {"name": "MC_CONFIG_DIR", "value": "/tmp/mc"}],
        "resources": names.resources("50m", "64Mi", "200m", "128Mi"),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    selector = {"app.kubernetes.io/name": "minio-buckets", "app.kubernetes.io/instance": t.app}
    name = f"{names.minio(t.answers)}-buckets"
    job = one_shot_job(t, name, "object-storage", selector, container, backoff=6, ttl=3600)
    if serves_tls(t):  # mc trusts the CAs in its config folder
        container["volumeMounts"].append({"name": "minio-ca", "mountPath": "/tmp/mc/certs/CAs", "readOnly": True})
        job["spec"]["template"]["spec"]["volumes"].append(_tls_volume(t, "minio-ca", {"ca.crt": "ca.crt"}))
    return job


def bucket_job_patch(t: Target) -> dict[str, Any]:
    """The overlay's patch of the bucket Job: its script names this environment's buckets and days."""
    job = bucket_job(t)
    container = {"name": "mc", "command": job["spec"]["template"]["spec"]["containers"][0]["command"]}
    spec = {"template": {"spec": {"containers": [container]}}}
    return obj("batch/v1", "Job", {"name": job["metadata"]["name"]}, spec=spec)


def objects(t: Target) -> list[dict[str, Any]]:
    return [service(t), stateful_set(t), bucket_job(t)]
