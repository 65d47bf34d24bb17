"""The Compose sections of the skeleton README: run it, what each service runs as, backups, the MinIO image.

Every step names a file, service, volume or variable that this skeleton has, in the order a new user needs them.
"""

from __future__ import annotations

from advisor import backup_plan
from advisor.decision import Decision
from advisor.skeleton import compose, compose_scripts, names


def compose_sections(decision: Decision) -> list[str]:
    answers = decision.answers
    app, storage = names.app(answers), answers.data.object_storage
    keep = backup_plan.production_retention_days(answers)
    out = [
        "## Run it",
        "",
        "    cp .env.example .env   # fill in the REPLACE-ME values; .gitignore keeps .env out of git",
    ]
    if storage:
        out.append(f"    # build and push the MinIO image first (MinIO, below): {names.MINIO_IMAGE}")
    out += [
        "    docker compose up -d",
        "",
        "Each value in `.env` reaches the services as a Compose secret (a file under `/run/secrets`): Postgres "
        "reads `POSTGRES_PASSWORD_FILE`"
        + (", MinIO `MINIO_ROOT_USER_FILE` and `MINIO_ROOT_PASSWORD_FILE`" if storage else "")
        + ". "
        + _app_credentials(decision, storage),
        "",
        "Every service runs as a non-root user (the app and MinIO as "
        f"{names.RUN_AS}, Postgres as the image's postgres user {compose.POSTGRES_UID.split(':')[0]}) with a "
        "read-only root filesystem, all capabilities dropped and `no-new-privileges`. Postgres gets "
        f"`shm_size: {compose.SHM_SIZE}` for pgvector's parallel index builds.",
    ]
    if storage:
        out += [
            "",
            f"`minio-buckets` makes the bucket `{names.bucket(answers)}` with versioning, lets old versions expire "
            f"after {keep} days (current objects never expire), and creates the app's own MinIO user "
            "(`S3_ACCESS_KEY_ID`) with a policy limited to that bucket: the app never holds MinIO's root "
            "credentials. It is safe to run again (`docker compose up minio-buckets`).",
        ]
    out += [
        "",
        "## Backups",
        "",
        f"`postgres-backup` dumps the database every night at {compose_scripts.BACKUP_HOUR} UTC (`pg_dump -Fc`) "
        f"into the volume `pgdumps`, apart from the database's volume `pgdata`, and keeps {keep} days of dumps "
        "(`backup.retention_days`). Its healthcheck turns unhealthy when the newest dump is more than a day old. "
        "Copy the dumps off the host, e.g. nightly:",
        "",
        f"    docker compose cp postgres-backup:{compose_scripts.DUMPS_DIR} ./dumps",
    ]
    if storage:
        out.append(f"    mc mirror --overwrite <alias>/{names.bucket(answers)} /backup/{app}-objects   # objects")
    out += [
        "",
        "Restore a dump into a scratch project to test it, and into `postgres` when needed:",
        "",
        "    docker compose exec -T postgres pg_restore -U app -d app --clean --if-exists < ./dumps/app-<date>.dump",
        "",
        *_phase_4(decision, storage),
    ]
    if storage:
        out += ["", *_minio_image()]
    out += ["", "## Observability", ""]
    out.append(
        "Logs are JSON on stdout (`docker compose logs`). Tracing is off (`OTEL_SDK_DISABLED=true`); to turn it on, "
        f"add an OpenTelemetry Collector service named `otel-collector` (the app sends to `{compose.OTLP_ENDPOINT}`) "
        "and set `OTEL_SDK_DISABLED` to `false`."
    )
    return out


def _app_credentials(decision: Decision, storage: bool) -> str:
    names_ = "`DATABASE_PASSWORD`" + (", `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`" if storage else "")
    if compose.files_mode(decision):
        return (
            f"The app reads the same values from files: {names_} with `_FILE` appended name the files "
            "(`delivery.credentials: files`)."
        )
    return f"The app reads {names_} as environment variables (`delivery.credentials: env`)."


def _phase_4(decision: Decision, storage: bool) -> list[str]:
    app = names.app(decision.answers)
    secrets = f"`{app}-db`" + (f" and `{app}-s3`" if storage else "")
    return [
        "## Moving to Kubernetes at Phase 4",
        "",
        "Run `advisor decide` again with `phase: 4` or later. The app keeps reading the same variables "
        "(`DATABASE_URI`, `DATABASE_USERNAME`, `DATABASE_PASSWORD`, `S3_*`, `LOG_*`, `OTEL_*`): on Kubernetes they "
        f"come from the ConfigMap `{app}-config` and the Secrets {secrets}. `DATABASE_URI` carries no password "
        "here, so any password works in it; restore the latest dump into the new Postgres with `pg_restore`"
        + (" and copy the objects with `mc mirror`." if storage else "."),
    ]


def _minio_image() -> list[str]:
    return [
        "## MinIO",
        "",
        f"MinIO (`{names.MINIO_IMAGE}`) is built by your team: its community edition has been source-only since "
        "October 2025 and the last official image predates the fix for CVE-2025-62506. Build that release with "
        f"`mc` beside it (for the healthcheck) and a `/data` folder owned by UID {names.RUN_AS}, so the `minio` "
        "volume starts with that owner and MinIO never needs root:",
        "",
        f"    git clone --depth 1 --branch {names.MINIO_RELEASE} https://github.com/minio/minio && cd minio",
        "    make build && mkdir -p data",
        f"    printf 'FROM {names.MC_IMAGE} AS mc\\nFROM gcr.io/distroless/static-debian12\\n"
        "COPY minio /usr/bin/minio\\nCOPY --from=mc /usr/bin/mc /usr/bin/mc\\n"
        f"COPY --chown={names.RUN_AS}:{names.RUN_AS} data /data\\nUSER {names.RUN_AS}:{names.RUN_AS}\\n"
        'ENTRYPOINT ["/usr/bin/minio"]\\n\' > Dockerfile.site',
        f"    docker build -f Dockerfile.site -t {names.MINIO_IMAGE} . && docker push {names.MINIO_IMAGE}",
        "",
        "Or point `S3_ENDPOINT` at another S3-compatible server: the app only knows the endpoint and its keys.",
    ]
