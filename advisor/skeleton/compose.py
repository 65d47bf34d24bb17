"""Docker Compose for the phases before Kubernetes: app, Postgres with pgvector, MinIO (K8S-CHECKLIST item 3).

The app gets the same settings it will get on Kubernetes (the ConfigMap values and the DATABASE_* / S3_*
variables), so moving to Kubernetes at Phase 4 changes where values come from, not what the app reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisor.content import Content
from advisor.decision import Decision
from advisor.skeleton import layout, names
from advisor.skeleton.yamlout import dump_one

if TYPE_CHECKING:
    from advisor.skeleton import SkeletonContext


def _healthcheck(test: list[str]) -> dict[str, Any]:
    return {"test": test, "interval": "10s", "timeout": "5s", "retries": 5, "start_period": "20s"}


def compose(decision: Decision) -> dict[str, Any]:
    answers = decision.answers
    app = names.app(answers)
    storage = answers.data.object_storage
    env = {
        **names.config_data(answers),
        "DATABASE_URI": "postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/app",
    }
    env |= {"DATABASE_USERNAME": "${POSTGRES_USER}", "DATABASE_PASSWORD": "${POSTGRES_PASSWORD}"}
    depends: dict[str, Any] = {"postgres": {"condition": "service_healthy"}}
    if storage:
        env |= {
            "S3_ENDPOINT": f"http://minio:{names.MINIO_PORT}",
            "S3_BUCKET": names.bucket(answers),
            "S3_ACCESS_KEY_ID": "${MINIO_ROOT_USER}",
            "S3_SECRET_ACCESS_KEY": "${MINIO_ROOT_PASSWORD}",
        }
        depends["minio-buckets"] = {"condition": "service_completed_successfully"}
    services: dict[str, Any] = {
        "app": {
            "image": names.image_ref(answers),
            "restart": "unless-stopped",
            "environment": env,
            "ports": [f"127.0.0.1:{names.HTTP_PORT}:{names.HTTP_PORT}"],
            "depends_on": depends,
            "read_only": True,
            "tmpfs": ["/tmp"],
            "user": f"{names.RUN_AS}:{names.RUN_AS}",
            "cap_drop": ["ALL"],
            "security_opt": ["no-new-privileges:true"],
            "healthcheck": _healthcheck(["CMD", "wget", "-qO-", f"http://127.0.0.1:{names.HTTP_PORT}/readyz"]),
        },
        "postgres": {
            "image": names.COMPOSE_POSTGRES_IMAGE,
            "restart": "unless-stopped",
            "environment": {
                "POSTGRES_DB": "app",
                "POSTGRES_USER": "${POSTGRES_USER}",
                "POSTGRES_PASSWORD": "${POSTGRES_PASSWORD}",
            },
            "volumes": ["pgdata:/var/lib/postgresql/data", "./initdb:/docker-entrypoint-initdb.d:ro"],
            "healthcheck": _healthcheck(["CMD-SHELL", 'pg_isready -U "$${POSTGRES_USER}" -d app']),
        },
    }
    volumes: dict[str, Any] = {"pgdata": {}}
    if storage:
        services["minio"] = {
            "image": names.MINIO_IMAGE,
            "restart": "unless-stopped",
            "command": ["server", "/data", "--console-address", f":{names.MINIO_CONSOLE_PORT}"],
            "environment": {"MINIO_ROOT_USER": "${MINIO_ROOT_USER}", "MINIO_ROOT_PASSWORD": "${MINIO_ROOT_PASSWORD}"},
            "volumes": ["minio:/data"],
            "healthcheck": _healthcheck(["CMD", "mc", "ready", "local"]),
        }
        target = f"store/{names.bucket(answers)}"
        script = "; ".join(
            [
                "set -eu",
                f'mc alias set store http://minio:{names.MINIO_PORT} "$$MINIO_ROOT_USER" "$$MINIO_ROOT_PASSWORD"',
                f"mc mb --ignore-existing {target}",
                f"mc ilm rule rm --all --force {target} || true",
                f"mc ilm rule add --expire-days 30 {target}",
            ]
        )
        services["minio-buckets"] = {
            "image": names.MC_IMAGE,
            "depends_on": {"minio": {"condition": "service_healthy"}},
            "environment": {"MINIO_ROOT_USER": "${MINIO_ROOT_USER}", "MINIO_ROOT_PASSWORD": "${MINIO_ROOT_PASSWORD}"},
            "entrypoint": ["sh", "-c", script],
            "restart": "no",
        }
        volumes["minio"] = {}
    return {"name": app, "services": services, "volumes": volumes}


ENV_EXAMPLE = """\
# Copy to .env and fill in; never commit .env. Values here are placeholders, not secrets.
POSTGRES_USER=app
POSTGRES_PASSWORD=REPLACE-ME
MINIO_ROOT_USER=REPLACE-ME
MINIO_ROOT_PASSWORD=REPLACE-ME-at-least-8-characters
"""

VECTOR_SQL = "-- Runs once, when the Postgres volume is first created.\nCREATE EXTENSION IF NOT EXISTS vector;\n"


def build(decision: Decision, context: SkeletonContext) -> list[tuple[str, Content]]:
    header = names.HEADER
    return [
        (layout.COMPOSE_FILE, dump_one(compose(decision), header)),
        (layout.ENV_EXAMPLE, (header + ENV_EXAMPLE).encode()),
        ("initdb/01-vector.sql", ("-- " + header.removeprefix("# ") + VECTOR_SQL).encode()),
    ]
