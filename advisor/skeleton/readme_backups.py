"""The README's "Backups" section: where backups go, why each number, and what the backup store's admins set up.

For an off-cluster store the skeleton cannot create the bucket or its users, so the section hands its
administrators the same bucket settings and IAM policy that the MinIO bucket Job applies in the same-cluster case.
"""

from __future__ import annotations

import json

from advisor import backup_plan
from advisor.decision import Decision
from advisor.skeleton import buckets, names


def section(decision: Decision) -> list[str]:
    a = decision.answers
    if decision.choices.get("postgres") != "in-cluster":
        return []
    out = ["", "## Backups", ""]
    out += [f"- {line}" for line in backup_plan.outcome_lines(decision)]
    days = backup_plan.production_retention_days(a)
    if decision.choices.get("backup_target") == "same-cluster":
        out += [
            "",
            f"The bucket Job `{names.minio(a)}-buckets` creates `{names.backup_bucket(a)}` with object lock "
            f"({buckets.LOCK_MODE}, {days} days) and the backup writer from Secret `{names.backup_secret(a)}`.",
        ]
        if a.regulation.regulated:
            out.append(
                f"MinIO serves TLS from Secret `{names.minio_tls_secret(a)}` (`tls.crt`, `tls.key`, `ca.crt`; "
                f"e.g. a cert-manager Certificate for `{names.minio(a)}`), which must exist before MinIO starts."
            )
        return out
    bucket = a.backup.bucket or names.backup_bucket(a)
    endpoint = a.backup.endpoint or "the backup store (set backup.endpoint)"
    document = json.dumps(buckets.backup_writer_policy(bucket), indent=2, sort_keys=True)
    out += [
        "",
        f"On {endpoint}, the store's administrators create the bucket with object lock and give the backup writer",
        f"(the credentials in Secret `{names.backup_secret(a)}`) only this policy, for example with `mc`:",
        "",
        f"    mc mb --with-lock store/{bucket}",
        f"    mc retention set --default {buckets.LOCK_MODE} {days}d store/{bucket}",
        "    mc admin policy create store backup-writer backup-writer.json",
        '    mc admin user add store "$ACCESS_KEY_ID" "$ACCESS_SECRET_KEY"',
        '    mc admin policy attach store backup-writer --user "$ACCESS_KEY_ID"',
        "",
        "`backup-writer.json` (the same IAM document works for an AWS S3 user or role):",
        "",
        *[f"    {line}" for line in document.splitlines()],
    ]
    out += ["", *encryption_lines(decision, bucket)]
    if a.backup.ca_bundle_secret:
        out += [
            "",
            f"Each environment's namespace needs Secret `{a.backup.ca_bundle_secret}` with the store's CA as `ca.crt`.",
        ]
    return out


def encryption_lines(decision: Decision, bucket: str) -> list[str]:
    """What the ObjectStore asks of the store, and how its owners check that the store can do it."""
    a = decision.answers
    asked = {"bucket-default": None, "sse-s3": "SSE-S3 (`AES256`)", "sse-kms": "SSE-KMS (`aws:kms`)"}
    request = asked[a.backup.encryption]
    if request is None:
        out = [
            "Encryption at rest (`backup.encryption: bucket-default`): the ObjectStore requests no server-side "
            "encryption, so a store without a KMS still takes every WAL file. Set the bucket's default encryption "
            "on the store and check it:"
        ]
    else:
        out = [
            f"Encryption at rest (`backup.encryption: {a.backup.encryption}`): every upload requests {request}. A "
            "store that cannot honour it refuses the upload and WAL archiving stops, so check before the first deploy:"
        ]
    if a.backup.store == "minio":
        out += [
            "",
            f"    mc encrypt info store/{bucket}   # the bucket's default encryption",
            "    mc admin kms key status store   # MinIO encrypts only with a KMS (KES) behind it",
        ]
    else:
        out += ["", f"    aws s3api get-bucket-encryption --bucket {bucket} --endpoint-url ENDPOINT"]
    out += [
        "",
        "After the first deploy, `kubectl cnpg status` of the database must report WAL archiving working "
        "(`Working WAL archiving: OK`); a refused upload shows there first.",
    ]
    return out
