"""In-cluster object storage: MinIO on a PVC plus an idempotent bucket-and-lifecycle Job (K8S-CHECKLIST item 20).

MinIO's community edition became source-only in October 2025: the app only sees the S3 endpoint in `APP-s3`, so
swapping MinIO for another S3 server (or a managed bucket) changes that Secret, not the app.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import images, linter_exceptions, names
from advisor.skeleton.model import ENV_LABEL, Target, obj, one_shot_job
from advisor.skeleton.network import minio_selector

EXPIRE_DAYS = 30


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


def stateful_set(t: Target) -> dict[str, Any]:
    name = names.minio(t.answers)
    probe = {"httpGet": {"path": "/minio/health/live", "port": "s3"}, "periodSeconds": 10}
    container = {
        "name": "minio",
        "image": images.for_target(t, names.MINIO_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        # the root filesystem is read-only: keep MinIO's certs folder on the /tmp emptyDir
        "args": ["server", "/data", "--console-address", f":{names.MINIO_CONSOLE_PORT}", "--certs-dir", "/tmp/certs"],
        "ports": [{"name": "s3", "containerPort": names.MINIO_PORT, "protocol": "TCP"}],
        "env": _root_env(t),
        "startupProbe": {**probe, "failureThreshold": 30},
        "livenessProbe": probe,
        "readinessProbe": {"httpGet": {"path": "/minio/health/ready", "port": "s3"}, "periodSeconds": 10},
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
    meta = t.meta(name, "object-storage", annotations=linter_exceptions.for_workload([container]))
    return obj("apps/v1", "StatefulSet", meta, spec=spec)


def bucket_job(t: Target) -> dict[str, Any]:
    """Safe to re-run: `--ignore-existing` and replacing the lifecycle rule leave a configured bucket as it is."""
    endpoint = f"http://{names.minio(t.answers)}:{names.MINIO_PORT}"
    bucket, backups = names.bucket(t.answers), names.backup_bucket(t.answers)
    script = (
        "set -eu\n"
        f'mc alias set store {endpoint} "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"\n'
        f"mc mb --ignore-existing store/{bucket} store/{backups}\n"
        f"mc ilm rule rm --all --force store/{bucket} || true\n"
        f"mc ilm rule add --expire-days {EXPIRE_DAYS} store/{bucket}\n"
    )
    container = {
        "name": "mc",
        "image": images.for_target(t, names.MC_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        "command": ["sh", "-c", script],
        "env": [*_root_env(t), {"name": "MC_CONFIG_DIR", "value": "/tmp/mc"}],
        "resources": names.resources("50m", "64Mi", "200m", "128Mi"),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    selector = {"app.kubernetes.io/name": "minio-buckets", "app.kubernetes.io/instance": t.app}
    name = f"{names.minio(t.answers)}-buckets"
    return one_shot_job(t, name, "object-storage", selector, container, backoff=6, ttl=3600)


def objects(t: Target) -> list[dict[str, Any]]:
    return [service(t), stateful_set(t), bucket_job(t)]
