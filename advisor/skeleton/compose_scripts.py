"""The shell the Compose services run: MinIO's bucket setup and the nightly `pg_dump`, as text for `sh -c`.

Compose interpolates `$VAR` in every string of compose.yaml, so each script is written for the shell and then
escaped (`$` -> `$$`) once, here. Credentials come from Compose secrets (files under /run/secrets), never from
the environment of the container.
"""

from __future__ import annotations

from advisor.skeleton import buckets

SECRETS_DIR = "/run/secrets"
# The postgres image's own data path, owned by its postgres user: in the backup service it holds the dumps volume
# (a named volume mounted where the image owns the folder inherits that owner, so no root step is needed).
DUMPS_MOUNT = "/var/lib/postgresql/data"
DUMPS_DIR = f"{DUMPS_MOUNT}/dumps"
BACKUP_HOUR = "02:00"  # UTC, out of office hours (as the Kubernetes base backups)
STALE_MINUTES = 26 * 60  # a nightly dump older than this means last night's failed


def escaped(script: str) -> str:
    """A shell script as Compose must read it: `$` doubled so Compose does not interpolate it."""
    return script.replace("$", "$$")


def _from_secret(var: str, secret: str) -> str:
    return f'{var}="$(cat {SECRETS_DIR}/{secret})"'


def bucket_setup(endpoint: str, app: str, bucket: str, noncurrent_days: int) -> str:
    """Bucket, versioning, expiry of old versions only, and the app's own user limited to its bucket."""
    exports = [
        _from_secret("MINIO_ROOT_USER", "minio_root_user"),
        _from_secret("MINIO_ROOT_PASSWORD", "minio_root_password"),
        _from_secret(buckets.APP_USER_ENV[0], "s3_access_key_id"),
        _from_secret(buckets.APP_USER_ENV[1], "s3_secret_access_key"),
    ]
    first, rest = buckets.setup_script(endpoint, app, bucket, noncurrent_days, keep_current=True).split("\n", 1)
    return escaped("\n".join([first, *exports, rest]))  # `set -eu` first: a missing secret file stops the run


def nightly_dump(keep_days: int) -> str:
    """Sleep until 02:00 UTC, dump the database into the dumps volume, drop dumps older than `keep_days`.

    A failed dump is logged and retried the next night (the healthcheck turns red after 26 hours without one)."""
    lines = [
        "set -eu",
        _from_secret("export PGPASSWORD", "postgres_password"),
        f"mkdir -p {DUMPS_DIR}",
        "while :; do",
        f"  now=$(date +%s); next=$(date -u -d 'today {BACKUP_HOUR}' +%s)",
        f'  [ "$next" -gt "$now" ] || next=$(date -u -d \'tomorrow {BACKUP_HOUR}\' +%s)',
        "  sleep $((next - now))",
        f'  file="{DUMPS_DIR}/app-$(date -u +%Y%m%dT%H%M).dump"',
        '  if pg_dump -h postgres -U app -d app -Fc -f "$file.partial"; then mv "$file.partial" "$file";',
        '  else rm -f "$file.partial"; echo "pg_dump failed; retrying tomorrow" >&2; fi',
        f"  find {DUMPS_DIR} -name 'app-*.dump' -mtime +{keep_days} -delete",
        "done",
    ]
    return escaped("\n".join(lines) + "\n")


def dump_is_fresh() -> str:
    """Healthy until the first night, then only while the newest dump is younger than a day and two hours."""
    test = (
        f'[ -z "$(ls {DUMPS_DIR} 2>/dev/null)" ] || '
        f"find {DUMPS_DIR} -name 'app-*.dump' -mmin -{STALE_MINUTES} | grep -q ."
    )
    return escaped(test)
