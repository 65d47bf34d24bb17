"""The off-cluster copy of the app's objects, where MinIO runs in the cluster and the backups leave it (Scenario B).

The database's backups leave the cluster; the objects its rows name must too, or losing the cluster loses them
while the database comes back. MinIO's bucket replication (`mc replicate add`) only targets another MinIO of the
same release (MinIO docs, "mc replicate add"), so a CronJob mirrors the app's bucket with `mc mirror`, which
writes to any S3 store, into the environment's backup bucket under `objects/`:

- `--overwrite` copies what changed, as a new version on the versioned, locked backup bucket: earlier versions stay
  for the lock (retention plus one base-backup interval), as long as the database's backups reach back, so a
  restored database finds the objects its rows name. No `--remove`: the writer may not delete, so objects the app
  deleted stay in the copy (a restore copies back more objects, never fewer).
- It runs every `backup_plan.objects_copy_minutes` (at most half the RPO), then writes the time of the copy (epoch
  seconds) into `objects-copied-at` beside `objects/`, which the restore drill reads.
- `mc mirror` copies current objects, not their version history (MinIO docs, "mc mirror"): an object overwritten
  twice between runs keeps only its last state in the copy.
- It signs in to MinIO as the app (Secret `APP-s3`) and to the store as the environment's backup writer (Secret
  `APP-backup-s3`), who may add objects but never delete one (`buckets.BACKUP_ACTIONS`).

The backup bucket is the environment's own (`names.backup_bucket`): the Job reads its environment from its own
`advisor.dev/environment` label (downward API), so one manifest serves every overlay and values file.
"""

from __future__ import annotations

from typing import Any

from advisor import backup_plan
from advisor.skeleton import images, linter_exceptions, names, network
from advisor.skeleton.model import ENV_LABEL, Target, obj, one_shot_job

PREFIX = "objects"  # the copy's folder in the backup bucket
MARKER = "objects-copied-at"  # beside it: when the last copy finished, in epoch seconds
SELECTOR = {"app.kubernetes.io/name": "objects-copy"}
DRILL_SELECTOR = {"app.kubernetes.io/name": "restore-drill-objects"}
MC_CONFIG_DIR = "/tmp/mc"
STORE_CA_DIR = f"{MC_CONFIG_DIR}/certs/CAs"  # mc trusts the CAs in its config folder


def applies(t: Target) -> bool:
    """MinIO in the cluster and the backups outside it: only then are the objects otherwise lost with the cluster."""
    off_cluster = t.decision.choices.get("backup_target") == "off-cluster"
    return t.object_storage == "in-cluster" and t.in_cluster_db and off_cluster


def name(t: Target) -> str:
    return f"{t.app}-objects-copy"


def drill_name(t: Target) -> str:
    return f"{t.app}-restore-drill-objects"


def bucket_template(t: Target) -> str:
    """The environment's backup bucket, filled in by Kubernetes from the pod's environment label."""
    return names.backup_bucket(t.answers, "$(ADVISOR_ENV)")


def live_endpoint(t: Target) -> str:
    return f"http://{names.minio(t.answers)}:{names.MINIO_PORT}"


def store_endpoint(t: Target) -> str:
    return t.answers.backup.endpoint or backup_plan.PLACEHOLDER_ENDPOINT


def _aliases(t: Target) -> list[str]:
    return [
        f'mc alias set live {live_endpoint(t)} "$LIVE_ACCESS_KEY" "$LIVE_SECRET_KEY" >/dev/null',
        f'mc alias set copy {store_endpoint(t)} "$COPY_ACCESS_KEY" "$COPY_SECRET_KEY" >/dev/null',
    ]


def mirror_command(t: Target) -> str:
    """The copy itself; with `backup.encryption: sse-s3` each upload asks for SSE-S3 like barman-cloud's do."""
    encrypt = ' --enc-s3 "copy/$BACKUP_BUCKET"' if t.answers.backup.encryption == "sse-s3" else ""
    return f'mc mirror --overwrite{encrypt} live/{names.bucket(t.answers)} "copy/$BACKUP_BUCKET/{PREFIX}"'


def script(t: Target) -> str:
    lines = [
        "set -eu",
        *_aliases(t),
        mirror_command(t),
        f'date -u +%s | mc pipe "copy/$BACKUP_BUCKET/{MARKER}"',
        f'echo "copied live/{names.bucket(t.answers)} to $BACKUP_BUCKET/{PREFIX} at $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    ]
    return "\n".join(lines) + "\n"


def drill_script(t: Target) -> str:
    """Reads the copy back: how old it is against the RPO, and how it differs from the live bucket (exit 3 when
    older than the RPO, 1 when there is no copy). Its last line is evidence for the ADR's Confirmation."""
    bucket = names.bucket(t.answers)
    copy = f"copy/$BACKUP_BUCKET/{PREFIX}"
    lines = [
        "set -eu",
        *_aliases(t),
        "now=$(date -u +%s)",
        'report() { echo "Objects copy drill $(date -u +%Y-%m-%d) in $DRILL_NAMESPACE: $1"; }',
        f'if ! copied=$(mc cat "copy/$BACKUP_BUCKET/{MARKER}" 2>/dev/null); then',
        f'  report "FAIL; no copy of the objects in $BACKUP_BUCKET/{PREFIX} (has {name(t)} run?)"',
        "  exit 1",
        "fi",
        "age=$(( (now - copied) / 60 ))",
        f"live=$(mc ls --recursive live/{bucket} | wc -l)",
        f'kept=$(mc ls --recursive "{copy}" | wc -l)',
        f'differ=$(mc diff live/{bucket} "{copy}" | wc -l)',
        'counts="$live objects in the bucket, $kept in the copy, $differ written, changed or deleted since"',
        'if [ "$age" -gt "$RPO_MINUTES" ]; then',
        '  report "last copy $age min ago against an RPO of $RPO_MINUTES min: FAIL; $counts"',
        "  exit 3",
        "fi",
        'report "last copy $age min ago against an RPO of $RPO_MINUTES min: PASS; $counts"',
    ]
    return "\n".join(lines) + "\n"


def env(t: Target) -> list[dict[str, Any]]:
    """Where to copy (the environment's backup bucket) and the two sets of credentials."""
    live, copy = names.s3_secret(t.answers), names.backup_secret(t.answers)
    refs = [
        ("LIVE_ACCESS_KEY", live, names.S3_KEYS[2]),
        ("LIVE_SECRET_KEY", live, names.S3_KEYS[3]),
        ("COPY_ACCESS_KEY", copy, names.BACKUP_KEYS[0]),
        ("COPY_SECRET_KEY", copy, names.BACKUP_KEYS[1]),
    ]
    return [
        {"name": "ADVISOR_ENV", "valueFrom": {"fieldRef": {"fieldPath": f"metadata.labels['{ENV_LABEL}']"}}},
        {"name": "BACKUP_BUCKET", "value": bucket_template(t)},
        {"name": "MC_CONFIG_DIR", "value": MC_CONFIG_DIR},
        *({"name": var, "valueFrom": {"secretKeyRef": {"name": s, "key": k}}} for var, s, k in refs),
    ]


def _container(t: Target, command: str, extra_env: list[dict[str, Any]]) -> dict[str, Any]:
    container: dict[str, Any] = {
        "name": "mc",
        "image": images.for_target(t, names.MC_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        "command": ["sh", "-c", command],
        "env": [*env(t), *extra_env],
        "resources": names.resources("50m", "64Mi", "500m", "256Mi"),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    if t.answers.backup.ca_bundle_secret:
        container["volumeMounts"].append({"name": "store-ca", "mountPath": STORE_CA_DIR, "readOnly": True})
    return container


def _add_ca(t: Target, pod: dict[str, Any]) -> None:
    secret = t.answers.backup.ca_bundle_secret
    if secret:
        items = [{"key": "ca.crt", "path": "ca.crt"}]
        pod["volumes"].append({"name": "store-ca", "secret": {"secretName": secret, "items": items}})


def cron_job(t: Target) -> dict[str, Any]:
    minutes = backup_plan.objects_copy_minutes(t.answers.data.rpo_minutes)
    container = _container(t, script(t), [])
    selector = SELECTOR | {"app.kubernetes.io/instance": t.app}
    job = one_shot_job(t, name(t), "object-storage", selector, container, backoff=2, ttl=3600)
    _add_ca(t, job["spec"]["template"]["spec"])
    job_spec = {**job["spec"], "activeDeadlineSeconds": 4 * minutes * 60}  # a stuck copy makes room for the next
    spec = {
        "schedule": backup_plan.objects_copy_schedule(t.answers.data.rpo_minutes),
        "concurrencyPolicy": "Forbid",  # one copy at a time: the quota has room for one
        "startingDeadlineSeconds": minutes * 60,
        "successfulJobsHistoryLimit": 1,
        "failedJobsHistoryLimit": 3,
        "jobTemplate": {"spec": job_spec},
    }
    if t.env is not None:  # as the overlay's `labels:` sets it
        spec["jobTemplate"] = {"metadata": {"labels": {ENV_LABEL: t.env}}, "spec": job_spec}
    meta = t.meta(name(t), "object-storage", annotations=linter_exceptions.for_workload([container]))
    return obj("batch/v1", "CronJob", meta, spec=spec)


def policy(t: Target) -> dict[str, Any]:
    """The copy (and the drill's read-back) may reach DNS, MinIO and the backup store's addresses, nothing else."""
    return _egress_policy(t, name(t), SELECTOR | {"app.kubernetes.io/instance": t.app})


def _egress_policy(t: Target, policy_name: str, pods: dict[str, str]) -> dict[str, Any]:
    minio = {"to": [{"podSelector": {"matchLabels": network.minio_selector(t)}}]}
    minio["ports"] = [{"port": names.MINIO_PORT, "protocol": "TCP"}]
    spec = {
        "podSelector": {"matchLabels": pods},
        "policyTypes": ["Egress"],
        "egress": [network.dns_egress(), minio, network.backup_store_egress(t)],
    }
    return obj(network.API, "NetworkPolicy", t.meta(policy_name, "network-policy"), spec=spec)


def objects(t: Target) -> list[dict[str, Any]]:
    return [cron_job(t), policy(t)] if applies(t) else []


def drill_job(t: Target) -> dict[str, Any]:
    rpo = [{"name": "RPO_MINUTES", "value": str(t.answers.data.rpo_minutes)}]
    namespace = [{"name": "DRILL_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}}]
    container = _container(t, drill_script(t), rpo + namespace)
    selector = DRILL_SELECTOR | {"app.kubernetes.io/instance": t.app}
    job = one_shot_job(t, drill_name(t), "restore-drill", selector, container, backoff=0, ttl=86400)
    job["spec"]["template"]["spec"]["restartPolicy"] = "Never"
    _add_ca(t, job["spec"]["template"]["spec"])
    return job


def drill_objects(t: Target) -> list[dict[str, Any]]:
    """The restore drill's part for objects: read the copy back and compare it with the live bucket."""
    if not applies(t):
        return []
    return [drill_job(t), _egress_policy(t, drill_name(t), DRILL_SELECTOR | {"app.kubernetes.io/instance": t.app})]


# What the drill's read-back states, with what in its script states it (claims.py quotes the phrase).
EVIDENCE = (("the age of the objects' off-cluster copy against the RPO", "against an RPO of $RPO_MINUTES min"),)


def reports(script: str) -> tuple[str, ...]:
    return tuple(phrase for phrase, token in EVIDENCE if token in script)
