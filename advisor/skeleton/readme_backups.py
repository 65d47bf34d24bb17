"""The README's "Backups" section: where backups go, why each number, and what the backup store's admins set up.

For an off-cluster store the skeleton cannot create the buckets or their users, so the section hands its
administrators, per environment, the same bucket settings and IAM policy that the MinIO bucket Job applies in the
same-cluster case: `mc` commands for a MinIO store, the `aws` CLI for any other S3 store (`backup.store`).
"""

from __future__ import annotations

import json

from advisor import backup_plan
from advisor.decision import Decision
from advisor.skeleton import buckets, names, objects_copy
from advisor.skeleton.model import Target


def per_env(decision: Decision) -> list[tuple[str, str, str, int]]:
    """(environment, bucket, writer, lock days) for every environment."""
    a = decision.answers
    return [
        (
            env,
            names.backup_bucket(a, env),
            names.backup_writer(a, env),
            backup_plan.lock_days(a, names.is_prod(env)),
        )
        for env in a.environments
    ]


def section(decision: Decision) -> list[str]:
    a = decision.answers
    if decision.choices.get("postgres") != "in-cluster":
        return []
    out = ["", "## Backups", ""]
    out += [f"- {line}" for line in backup_plan.outcome_lines(decision)]
    rows = per_env(decision)
    out += [
        "",
        "Each environment backs up into a bucket of its own, with its own writer and lock, so one environment's "
        "credentials never read another's backups:",
        "",
        "| Environment | Bucket | Writer | Object lock | Old versions |",
        "| --- | --- | --- | --- | --- |",
    ]
    out += [
        f"| {env} | `{bucket}` | `{writer}` | {buckets.LOCK_MODE}, {days} days | expire after {days} days, "
        f"removed {buckets.BACKUP_NONCURRENT_DAYS} day later |"
        for env, bucket, writer, days in rows
    ]
    out += [
        "",
        "The writer may list, read and add objects, and nothing else: no delete, no change to versioning, object "
        "lock or lifecycle, so a backup stays whoever holds the credentials. The bucket retires backups, not "
        "barman-cloud (its retention policy would delete through the writer, so the ObjectStore sets none): the "
        f"database folders ({', '.join(f'`{p}`' for p in names.archive_prefixes(a))}) expire when the lock runs "
        "out, the retention plus one base-backup interval, which keeps the whole recovery window restorable. "
        "Check it on the store with `mc ilm rule ls` (or `aws s3api get-bucket-lifecycle-configuration`).",
    ]
    if decision.choices.get("backup_target") == "same-cluster":
        out += [
            "",
            f"The bucket Job `{names.minio(a)}-buckets` creates each environment's bucket in its own MinIO, with the "
            f"lock above, and the writer from Secret `{names.backup_secret(a)}`.",
        ]
        if a.regulation.regulated:
            out.append(
                f"MinIO serves TLS from Secret `{names.minio_tls_secret(a)}` (`tls.crt`, `tls.key`, `ca.crt`; "
                f"e.g. a cert-manager Certificate for `{names.minio(a)}`), which must exist before MinIO starts."
            )
        return out
    endpoint = a.backup.endpoint or "the backup store (set backup.endpoint)"
    out += ["", f"On {endpoint}, the store's administrators set up each environment's bucket and writer "]
    out[-1] += "(the credentials in Secret `" + names.backup_secret(a) + "` of that environment's namespace):"
    out += [
        "",
        *(_minio_setup(rows, names.archive_prefixes(a)) if a.backup.store == "minio" else _s3_setup(decision, rows)),
    ]
    out += ["", *encryption_lines(decision, rows[-1][1])]
    if a.backup.ca_bundle_secret:
        out += [
            "",
            f"Each environment's namespace needs Secret `{a.backup.ca_bundle_secret}` with the store's CA as `ca.crt`.",
        ]
    return out + objects_copy_lines(decision)


def objects_copy_lines(decision: Decision) -> list[str]:
    """The off-cluster copy of MinIO's objects: what it does and how to see that it works."""
    t = Target(decision, "")
    if not objects_copy.applies(t):
        return []
    a = decision.answers
    minutes = backup_plan.objects_copy_minutes(a.data.rpo_minutes)
    env = a.environments[-1]
    ns, bucket = names.namespace(a, env), names.backup_bucket(a, env)
    return [
        "",
        "### The objects, off the cluster",
        "",
        f"MinIO's bucket `{names.bucket(a)}` lives in the cluster, so CronJob `{objects_copy.name(t)}` copies it every "
        f"{minutes} min (at most half the RPO of {a.data.rpo_minutes} min) into each environment's backup bucket "
        f"under `{objects_copy.PREFIX}/`, with `mc mirror --overwrite`: changed objects get a new version "
        "there, earlier versions stay under the bucket's lock as long as the database's backups, and objects the "
        "app deleted stay in the copy (the writer may not delete; clean them up as the store's administrators). "
        "MinIO's bucket replication would keep every version, but only towards another MinIO of "
        "the same release; `mc mirror` writes to any S3 store and copies current objects only. It signs in as the "
        f"app (Secret `{names.s3_secret(a)}`) and as the environment's backup writer; after each copy it writes the "
        f"time into `{objects_copy.MARKER}`, which the restore drill reads back (RUNBOOK.md). To check it:",
        "",
        "```sh",
        f"kubectl -n {ns} get cronjob {objects_copy.name(t)}   # LAST SCHEDULE within {minutes} min",
        f"mc cat copy/{bucket}/{objects_copy.MARKER}   # epoch seconds of the last copy",
        f"mc diff live/{names.bucket(a)} copy/{bucket}/{objects_copy.PREFIX}   # what changed since",
        "```",
    ]


def _policy_line(bucket: str) -> str:
    return json.dumps(buckets.backup_writer_policy(bucket), sort_keys=True)


def _minio_setup(rows: list[tuple[str, str, str, int]], prefixes: tuple[str, ...]) -> list[str]:
    out = []
    for env, bucket, writer, days in rows:
        out += [
            f"    # {env}",
            f"    mc mb --with-lock store/{bucket}",
            f"    mc retention set --default {buckets.LOCK_MODE} {days}d store/{bucket}",
            f"    mc ilm rule add --noncurrent-expire-days {buckets.BACKUP_NONCURRENT_DAYS} --expire-delete-marker "
            f"store/{bucket}",
            *(f"    mc ilm rule add --prefix {p} --expire-days {days} store/{bucket}" for p in prefixes),
            f"    echo '{_policy_line(bucket)}' > {writer}.json",
            f"    mc admin policy create store {writer} {writer}.json",
            '    mc admin user add store "$ACCESS_KEY_ID" "$ACCESS_SECRET_KEY"   # this environment\'s keys',
            f'    mc admin policy attach store {writer} --user "$ACCESS_KEY_ID"',
        ]
    return out


def _s3_setup(decision: Decision, rows: list[tuple[str, str, str, int]]) -> list[str]:
    backup = decision.answers.backup
    where = f" --endpoint-url {backup.endpoint}" if backup.endpoint else ""
    region = f" --create-bucket-configuration LocationConstraint={backup.region}" if backup.region else ""
    out = []
    for env, bucket, writer, days in rows:
        lock = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": buckets.LOCK_MODE, "Days": days}}}
        rule = {
            "ID": "advisor-backups",
            "Status": "Enabled",
            "Filter": {},
            "NoncurrentVersionExpiration": {"NoncurrentDays": buckets.BACKUP_NONCURRENT_DAYS},
            "Expiration": {"ExpiredObjectDeleteMarker": True},
        }
        expiry = [
            {"ID": f"advisor-expire-{p.rstrip('/')}", "Status": "Enabled", "Filter": {"Prefix": p}}
            | {"Expiration": {"Days": days}}
            for p in names.archive_prefixes(decision.answers)
        ]
        out += [
            f"    # {env}",
            f"    aws s3api create-bucket{where} --bucket {bucket} --object-lock-enabled-for-bucket{region}",
            f"    aws s3api put-object-lock-configuration{where} --bucket {bucket} "
            f"--object-lock-configuration '{json.dumps(lock, sort_keys=True)}'",
            f"    aws s3api put-bucket-lifecycle-configuration{where} --bucket {bucket} "
            f"--lifecycle-configuration '{json.dumps({'Rules': [rule, *expiry]}, sort_keys=True)}'",
            f"    # the writer `{writer}` (an IAM user or role; the store's own users elsewhere) gets only:",
            f"    # {_policy_line(bucket)}",
        ]
    out += [
        "",
        "`put-bucket-lifecycle-configuration` replaces the bucket's rules: merge it with any you keep.",
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
        where = f" --endpoint-url {a.backup.endpoint}" if a.backup.endpoint else ""
        out += ["", f"    aws s3api get-bucket-encryption{where} --bucket {bucket}"]
    out += [
        "",
        "After the first deploy, `kubectl cnpg status` of the database must report WAL archiving working "
        "(`Working WAL archiving: OK`); a refused upload shows there first.",
    ]
    return out
