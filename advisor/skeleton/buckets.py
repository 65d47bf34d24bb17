"""What the MinIO bucket Job sets up: versioned buckets, lifecycle that keeps what the backups need, and one
least-privilege user per bucket (items 18, 20, 30).

- The app's bucket keeps every current object; old versions (overwritten or deleted objects) are kept as long as
  the database's backups reach back, so a restored database never points at purged objects.
- The backup writer may list, read and add objects, nothing else: no delete (not even a delete marker), no
  version, object lock or lifecycle change, so a backup stays until the bucket's own lifecycle retires it, whoever
  holds the credentials. Backups are therefore retired by the bucket, not by barman-cloud's retention policy
  (which deletes through the writer): each database folder's current objects expire once the lock has run out
  (retention plus one base-backup interval, which keeps the recovery window whole), and the old version goes a
  day later.
- Lifecycle rules are added, never replaced: a rule the team added stays, and a rule that would delete old
  versions sooner than the backups need stops the Job with a message instead of running quietly.

Each environment has its own backup bucket, lock and writer (names.backup_bucket). The backup bucket is only made
here when the answers accept backups in the same cluster; an off-cluster store gets the same settings from its
administrators (readme_backups). Policies are data dumped as JSON; names are validated answers or derived.
"""

from __future__ import annotations

import json
from typing import Any

APP_USER_ENV = ("APP_ACCESS_KEY", "APP_SECRET_KEY")
BACKUP_USER_ENV = ("BACKUP_ACCESS_KEY", "BACKUP_SECRET_KEY")
APP_ACTIONS = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListMultipartUploadParts"]
APP_ACTIONS += ["s3:PutObject"]
# No delete of any kind: the bucket's lifecycle retires backups (database_expiry), never the writer.
BACKUP_ACTIONS = ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]
BUCKET_ACTIONS = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
LOCK_MODE = "COMPLIANCE"  # unlike GOVERNANCE, not even the root user can shorten it
BACKUP_NONCURRENT_DAYS = 1  # a backup version is only deleted once its lock has expired; then it may go


def policy(bucket: str, object_actions: list[str]) -> dict[str, Any]:
    """An IAM policy document limited to one bucket (MinIO and AWS S3 read the same format)."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": BUCKET_ACTIONS, "Resource": [f"arn:aws:s3:::{bucket}"]},
            {"Effect": "Allow", "Action": object_actions, "Resource": [f"arn:aws:s3:::{bucket}/*"]},
        ],
    }


def app_policy(bucket: str) -> dict[str, Any]:
    return policy(bucket, APP_ACTIONS)


def backup_writer_policy(bucket: str) -> dict[str, Any]:
    return policy(bucket, BACKUP_ACTIONS)


def _user(policy_name: str, document: dict[str, Any], env: tuple[str, str]) -> list[str]:
    path = f"/tmp/{policy_name}.json"
    key, secret = env
    return [
        f"cat > {path} <<'POLICY'\n{json.dumps(document, sort_keys=True)}\nPOLICY",
        f"mc admin policy create store {policy_name} {path}",
        f'mc admin user add store "${key}" "${secret}"',
        # attaching twice is an error; the second run only checks the policy is attached
        f'mc admin policy attach store {policy_name} --user "${key}" 2>/dev/null || '
        f'mc admin user info store "${key}" | grep -q {policy_name}',
    ]


def lifecycle(bucket: str, noncurrent_days: int) -> list[str]:
    """Old versions expire after `noncurrent_days`, delete markers left alone are removed, current objects never
    expire. Added once (`mc ilm rule ls --json` shows whether it is there), never replacing another rule."""
    found = '\\"NoncurrentDays\\": ?'
    return [
        f"rules=$(mc ilm rule ls --json store/{bucket} 2>/dev/null || true)",
        f'for days in $(printf "%s" "$rules" | grep -Eo "{found}[0-9]+" | grep -Eo "[0-9]+$"); do',
        f'  if [ "$days" -lt {noncurrent_days} ]; then',
        f'    echo "store/{bucket}: a lifecycle rule deletes old versions after $days days; they must be kept '
        f'{noncurrent_days} days (mc ilm rule ls, then mc ilm rule rm --id)" >&2',
        "    exit 1",
        "  fi",
        "done",
        f'printf "%s" "$rules" | grep -Eq "{found}{noncurrent_days}([^0-9]|$)" || '
        f"mc ilm rule add --noncurrent-expire-days {noncurrent_days} --expire-delete-marker store/{bucket}",
    ]


def database_expiry(bucket: str, days: int, prefixes: tuple[str, ...]) -> list[str]:
    """Each database folder's current objects expire after `days` (a delete marker; the lock keeps the version
    until it runs out, then the noncurrent rule removes it). Added once per folder; other folders (the objects copy)
    keep their current objects."""
    lines = [f"rules=$(mc ilm rule ls --json store/{bucket} 2>/dev/null || true)"]
    for prefix in prefixes:
        lines.append(
            f'printf "%s" "$rules" | grep -Eq \'"Prefix": ?"{prefix}"\' || '
            f"mc ilm rule add --prefix {prefix} --expire-days {days} store/{bucket}"
        )
    return lines


def setup_script(
    endpoint: str,
    app: str,
    bucket: str,
    keep_versions_days: int,
    backups: tuple[str, str, int, tuple[str, ...]] | None = None,
) -> str:
    """Safe to re-run: buckets are made with --ignore-existing, rules added once, policies overwritten.

    `keep_versions_days`: how long old versions of the app's objects stay (the backups' reach); `backups` is
    (backup bucket, writer policy name, lock days, database folders) when this environment's backup bucket lives in
    this MinIO."""
    lines = [
        "set -eu",
        f'mc alias set store {endpoint} "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"',
        "# the app's bucket keeps old versions as long as the database's backups reach back",
        f"mc mb --ignore-existing store/{bucket}",
        f"mc version enable store/{bucket}",
        *lifecycle(bucket, keep_versions_days),
        *_user(f"{app}-data-rw", app_policy(bucket), APP_USER_ENV),
    ]
    if backups is not None:
        name, writer, days, prefixes = backups
        lines += [
            "# object lock (which implies versioning) can only be enabled when the bucket is made; on a bucket made",
            "# without it `mc retention set` fails, so the Job fails instead of leaving backups deletable",
            f"mc mb --ignore-existing --with-lock store/{name}",
            f"mc retention set --default {LOCK_MODE} {days}d store/{name}",
            *lifecycle(name, BACKUP_NONCURRENT_DAYS),
            *database_expiry(name, days, prefixes),
            *_user(writer, backup_writer_policy(name), BACKUP_USER_ENV),
        ]
    return "\n".join(lines) + "\n"
