"""What the MinIO bucket Job sets up: versioned buckets, and one least-privilege user per bucket (item 20, 18).

The app's credentials (`APP-s3`) may read and write the app's bucket and nothing else; the backup writer's
(`APP-backup-s3`) may list, read and add objects in the backup bucket and nothing else. Neither may change
versioning, object lock or retention, so an attacker holding either cannot destroy what versioning and the lock
keep. The backup bucket is only created here when the answers accept keeping backups in the same cluster;
otherwise it lives on the off-cluster store, where the README gives the same policy for its administrators.
Policies are built as data and dumped as JSON; bucket names are validated answers or derived from the app name.
"""

from __future__ import annotations

import json
from typing import Any

APP_USER_ENV = ("APP_ACCESS_KEY", "APP_SECRET_KEY")
BACKUP_USER_ENV = ("BACKUP_ACCESS_KEY", "BACKUP_SECRET_KEY")
APP_ACTIONS = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListMultipartUploadParts"]
APP_ACTIONS += ["s3:PutObject"]
# DeleteObject on a versioned, locked bucket only adds a delete marker (barman-cloud's retention uses it);
# DeleteObjectVersion, retention and versioning changes are left out on purpose.
BACKUP_ACTIONS = ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
BUCKET_ACTIONS = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
LOCK_MODE = "COMPLIANCE"  # unlike GOVERNANCE, not even the root user can shorten it


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


def setup_script(
    endpoint: str,
    app: str,
    bucket: str,
    expire_days: int,
    backups: tuple[str, int] | None = None,
    *,
    keep_current: bool = False,
) -> str:
    """Safe to re-run: buckets are made with --ignore-existing, lifecycle rules replaced, policies overwritten.

    `backups` is (backup bucket, lock days) when the backup bucket lives in this MinIO. With `keep_current`, only
    old versions expire (after `expire_days`); current objects are the app's data and are never expired."""
    current = "" if keep_current else f"--expire-days {expire_days} "
    lines = [
        "set -eu",
        f'mc alias set store {endpoint} "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"',
        "# the app's bucket keeps old versions, so a deleted or overwritten object can be restored",
        f"mc mb --ignore-existing store/{bucket}",
        f"mc version enable store/{bucket}",
        f"mc ilm rule rm --all --force store/{bucket} || true",
        f"mc ilm rule add {current}--noncurrent-expire-days {expire_days} store/{bucket}",
        *_user(f"{app}-data-rw", app_policy(bucket), APP_USER_ENV),
    ]
    if backups is not None:
        name, days = backups
        lines += [
            "# object lock (which implies versioning) can only be enabled when the bucket is made; on a bucket made",
            "# without it `mc retention set` fails, so the Job fails instead of leaving backups deletable",
            f"mc mb --ignore-existing --with-lock store/{name}",
            f"mc retention set --default {LOCK_MODE} {days}d store/{name}",
            f"mc ilm rule rm --all --force store/{name} || true",
            f"mc ilm rule add --noncurrent-expire-days 1 --expire-delete-marker store/{name}",
            *_user(f"{app}-backup-writer", backup_writer_policy(name), BACKUP_USER_ENV),
        ]
    return "\n".join(lines) + "\n"
