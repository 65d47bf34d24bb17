"""Docker Compose for the phases before Kubernetes: app, Postgres with pgvector, MinIO, nightly dumps (item 3).

The app gets the same settings it will get on Kubernetes (the ConfigMap values and the DATABASE_* / S3_*
variables, or their `*_FILE` forms when `delivery.credentials` is `files`), so moving to Kubernetes at Phase 4
changes where values come from, not what the app reads. Every container runs as a non-root user with all
capabilities dropped and `no-new-privileges`; passwords reach Postgres and MinIO as Compose secrets (files, read
through the images' `*_FILE` variables), and the app uses its own MinIO user, never MinIO's root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor import backup_plan
from advisor.content import Content
from advisor.decision import Decision
from advisor.skeleton import compose_scripts, layout, names
from advisor.skeleton.yamlout import dump_one

if TYPE_CHECKING:
    from advisor.skeleton import SkeletonContext

POSTGRES_UID = "999:999"  # the postgres user of the (Debian) postgres images; it owns PGDATA in the image
DB_USER = "app"  # fixed, so the connection string never carries a character that needs URL escaping
SHM_SIZE = "1gb"  # Docker's 64 MB /dev/shm is too small for pgvector's parallel index builds
OTLP_ENDPOINT = "http://otel-collector:4317"  # a collector service you add to this file, when tracing is on
# Compose secret -> the .env variable it is read from (one place to fill in values; none reach an environment)
SECRETS = {
    "postgres_password": "POSTGRES_PASSWORD",
    "minio_root_user": "MINIO_ROOT_USER",
    "minio_root_password": "MINIO_ROOT_PASSWORD",
    "s3_access_key_id": "S3_ACCESS_KEY_ID",
    "s3_secret_access_key": "S3_SECRET_ACCESS_KEY",
}


def _healthcheck(test: list[str], **extra: str) -> dict[str, Any]:
    return {"test": test, "interval": "10s", "timeout": "5s", "retries": 5, "start_period": "20s", **extra}


def _hardened(user: str, tmpfs: list[str]) -> dict[str, Any]:
    """What every service runs with: a non-root user, a read-only root filesystem, no capabilities."""
    return {
        "user": user,
        "read_only": True,
        "tmpfs": tmpfs,
        "cap_drop": ["ALL"],
        "security_opt": ["no-new-privileges:true"],
    }


def files_mode(decision: Decision) -> bool:
    return decision.choices.get("secret_rotation") == "reread-files"


def _app(decision: Decision, storage: bool) -> dict[str, Any]:
    answers = decision.answers
    env: dict[str, Any] = {**names.config_data(answers), "OTEL_EXPORTER_OTLP_ENDPOINT": OTLP_ENDPOINT}
    # no password in the URI: libpq takes it from DATABASE_PASSWORD (PGPASSWORD) or its file
    env |= {"DATABASE_URI": f"postgresql://{DB_USER}@postgres:5432/app", "DATABASE_USERNAME": DB_USER}
    credentials = {"DATABASE_PASSWORD": "postgres_password"}
    depends: dict[str, Any] = {"postgres": {"condition": "service_healthy"}}
    if storage:
        env |= {"S3_ENDPOINT": f"http://minio:{names.MINIO_PORT}", "S3_BUCKET": names.bucket(answers)}
        credentials |= {"S3_ACCESS_KEY_ID": "s3_access_key_id", "S3_SECRET_ACCESS_KEY": "s3_secret_access_key"}
        depends["minio-buckets"] = {"condition": "service_completed_successfully"}
    service: dict[str, Any] = {"image": names.image_ref(answers), "restart": "unless-stopped"}
    if files_mode(decision):
        env |= {f"{var}_FILE": f"{compose_scripts.SECRETS_DIR}/{secret}" for var, secret in credentials.items()}
        service["secrets"] = sorted(set(credentials.values()))
    else:  # the app reads variables: they come from .env, like the secrets below
        env |= {var: f"${{{SECRETS[secret]}}}" for var, secret in credentials.items()}
    return {
        **service,
        "environment": env,
        "ports": [f"127.0.0.1:{names.HTTP_PORT}:{names.HTTP_PORT}"],
        "depends_on": depends,
        **_hardened(f"{names.RUN_AS}:{names.RUN_AS}", ["/tmp"]),
        "healthcheck": _healthcheck(["CMD", "wget", "-qO-", f"http://127.0.0.1:{names.HTTP_PORT}/readyz"]),
    }


def _postgres() -> dict[str, Any]:
    return {
        "image": names.COMPOSE_POSTGRES_IMAGE,
        "restart": "unless-stopped",
        "environment": {
            "POSTGRES_DB": "app",
            "POSTGRES_USER": DB_USER,
            "POSTGRES_PASSWORD_FILE": f"{compose_scripts.SECRETS_DIR}/postgres_password",
        },
        "secrets": ["postgres_password"],
        "shm_size": SHM_SIZE,
        "volumes": ["pgdata:/var/lib/postgresql/data", "./initdb:/docker-entrypoint-initdb.d:ro"],
        **_hardened(POSTGRES_UID, ["/tmp", "/var/run/postgresql"]),
        "healthcheck": _healthcheck(["CMD", "pg_isready", "-U", DB_USER, "-d", "app"]),
    }


def _postgres_backup(decision: Decision) -> dict[str, Any]:
    keep = backup_plan.production_retention_days(decision.answers)
    return {
        "image": names.COMPOSE_POSTGRES_IMAGE,
        "restart": "unless-stopped",
        "depends_on": {"postgres": {"condition": "service_healthy"}},
        "entrypoint": ["sh", "-c", compose_scripts.nightly_dump(keep)],
        "secrets": ["postgres_password"],
        # a volume of its own: losing the database volume does not lose the dumps (copy them off the host too)
        "volumes": [f"pgdumps:{compose_scripts.DUMPS_MOUNT}"],
        **_hardened(POSTGRES_UID, ["/tmp"]),
        "healthcheck": _healthcheck(["CMD-SHELL", compose_scripts.dump_is_fresh()], interval="1h"),
    }


def _minio() -> dict[str, Any]:
    secrets_dir = compose_scripts.SECRETS_DIR
    return {
        "image": names.MINIO_IMAGE,
        "restart": "unless-stopped",
        # the root filesystem is read-only: MinIO's certs folder lives on the /tmp tmpfs
        "command": [
            "server",
            "/data",
            "--console-address",
            f":{names.MINIO_CONSOLE_PORT}",
            "--certs-dir",
            "/tmp/certs",
        ],
        "environment": {
            "MINIO_ROOT_USER_FILE": f"{secrets_dir}/minio_root_user",
            "MINIO_ROOT_PASSWORD_FILE": f"{secrets_dir}/minio_root_password",
            "MC_CONFIG_DIR": "/tmp/mc",
        },
        "secrets": ["minio_root_user", "minio_root_password"],
        "volumes": ["minio:/data"],
        **_hardened(f"{names.RUN_AS}:{names.RUN_AS}", ["/tmp"]),
        "healthcheck": _healthcheck(["CMD", "mc", "ready", "local"]),
    }


def _minio_buckets(decision: Decision) -> dict[str, Any]:
    answers = decision.answers
    endpoint = f"http://minio:{names.MINIO_PORT}"
    keep = backup_plan.production_retention_days(answers)  # old versions live as long as the database dumps
    script = compose_scripts.bucket_setup(endpoint, names.app(answers), names.bucket(answers), keep)
    return {
        "image": names.MC_IMAGE,
        "depends_on": {"minio": {"condition": "service_healthy"}},
        "environment": {"MC_CONFIG_DIR": "/tmp/mc"},
        "secrets": ["minio_root_user", "minio_root_password", "s3_access_key_id", "s3_secret_access_key"],
        "entrypoint": ["sh", "-c", script],
        "restart": "no",
        **_hardened(f"{names.RUN_AS}:{names.RUN_AS}", ["/tmp"]),
    }


def compose(decision: Decision) -> dict[str, Any]:
    answers = decision.answers
    storage = answers.data.object_storage
    services: dict[str, Any] = {
        "app": _app(decision, storage),
        "postgres": _postgres(),
        "postgres-backup": _postgres_backup(decision),
    }
    volumes: dict[str, Any] = {"pgdata": {}, "pgdumps": {}}
    used = {"postgres_password"}
    if storage:
        services["minio"] = _minio()
        services["minio-buckets"] = _minio_buckets(decision)
        volumes["minio"] = {}
        used |= set(SECRETS)
    secrets = {name: {"environment": var} for name, var in SECRETS.items() if name in used}
    return {"name": names.app(answers), "services": services, "volumes": volumes, "secrets": secrets}


def env_example(storage: bool) -> str:
    lines = [
        "# Copy to .env and fill in; .env is in .gitignore and never committed. Values here are placeholders.",
        "# Compose hands each value to the services as a secret file (compose.yaml, secrets:).",
        "POSTGRES_PASSWORD=REPLACE-ME",
    ]
    if storage:
        lines += [
            "MINIO_ROOT_USER=REPLACE-ME",
            "MINIO_ROOT_PASSWORD=REPLACE-ME-at-least-8-characters",
            "# the app's own MinIO user, limited to its bucket (made by the minio-buckets service)",
            "S3_ACCESS_KEY_ID=REPLACE-ME",
            "S3_SECRET_ACCESS_KEY=REPLACE-ME-at-least-8-characters",
        ]
    return "\n".join(lines) + "\n"


GITIGNORE = "# the filled-in values of .env.example\n.env\n"
VECTOR_SQL = "-- Runs once, when the Postgres volume is first created.\nCREATE EXTENSION IF NOT EXISTS vector;\n"


def build(decision: Decision, context: SkeletonContext) -> list[tuple[str, Content]]:
    header = names.HEADER
    storage = decision.answers.data.object_storage
    return [
        (layout.COMPOSE_FILE, dump_one(compose(decision), header)),
        (layout.ENV_EXAMPLE, (header + env_example(storage)).encode()),
        (layout.GITIGNORE, (header + GITIGNORE).encode()),
        ("initdb/01-vector.sql", ("-- " + header.removeprefix("# ") + VECTOR_SQL).encode()),
    ]
