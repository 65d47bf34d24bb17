"""The Compose skeleton (Phases 2-3) keeps data and holds no root: compose-spec schema plus the property checks.

One test per defect a Compose file had: current objects expiring, the app on MinIO's root credentials, root
containers, passwords in environments, a password pasted into DATABASE_URI, no .gitignore for .env, no shm for
pgvector, no nightly dump, and a Kubernetes `*.svc` name as the telemetry endpoint.
"""

from __future__ import annotations

import copy
import json
from urllib.parse import urlsplit

import pytest
import yaml

from advisor.decision import Decision
from advisor.skeleton import SkeletonContext, build_skeleton
from tests import compose_checks
from tests.conftest import EXAMPLES
from tests.skeleton.crd_validation import file_problems
from tests.skeleton.kustomize_support import example_decision, variant

PHASE_2 = example_decision(EXAMPLES / "phase-2.yaml")


def _with_answers(decision: Decision, **sections: dict) -> Decision:
    answers = decision.answers
    for section, changes in sections.items():
        part = getattr(answers, section).model_copy(update=changes)
        answers = answers.model_copy(update={section: part})
    return decision.model_copy(update={"answers": answers})


VARIANTS = {
    "phase-2": PHASE_2,
    "no-objects": _with_answers(PHASE_2, data={"object_storage": False}),
    "credential-files": variant(PHASE_2, secret_rotation="reread-files"),
    "regulated-retention": _with_answers(PHASE_2, backup={"retention_days": 400}),
}


def _files(decision: Decision) -> dict[str, str]:
    context = SkeletonContext(EXAMPLES.parent / "deploy", "ADR-0001", "../adr/0001.md")
    return {f.path: f.data.decode() for f in build_skeleton(decision, context)}


def _compose(decision: Decision = PHASE_2) -> dict:
    return yaml.safe_load(_files(decision)["compose.yaml"])


def _scripts(doc: dict) -> dict[str, str]:
    return {name: " ".join(map(str, s.get("entrypoint") or [])) for name, s in doc["services"].items()}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_variant_passes_the_schema_and_every_property(name: str) -> None:
    doc = _compose(VARIANTS[name])
    assert file_problems(doc, "compose-spec/compose-spec.json") == []
    assert compose_checks.all_violations(doc) == []


def test_current_objects_never_expire_and_old_versions_live_as_long_as_the_dumps() -> None:
    script = _scripts(_compose())["minio-buckets"]
    assert "--expire-days" not in script.replace("--noncurrent-expire-days", "")
    assert "mc version enable store/seedling-data" in script
    assert "--noncurrent-expire-days 30 " in script
    longer = _scripts(_compose(VARIANTS["regulated-retention"]))["minio-buckets"]
    assert "--noncurrent-expire-days 400 " in longer


def test_the_app_has_its_own_minio_user_limited_to_its_bucket() -> None:
    doc = _compose()
    app_env = doc["services"]["app"]["environment"]
    assert app_env["S3_ACCESS_KEY_ID"] == "${S3_ACCESS_KEY_ID}"
    assert not any("MINIO_ROOT" in str(value) for value in app_env.values())
    script = _scripts(doc)["minio-buckets"]
    assert 'mc admin user add store "$$APP_ACCESS_KEY" "$$APP_SECRET_KEY"' in script
    policy = json.loads(script.split("<<'POLICY'\n")[1].split("\nPOLICY")[0])
    resources = {r for statement in policy["Statement"] for r in statement["Resource"]}
    assert resources == {"arn:aws:s3:::seedling-data", "arn:aws:s3:::seedling-data/*"}
    assert "mc admin policy attach store seedling-data-rw --user" in script


def test_no_service_runs_as_root_or_keeps_capabilities() -> None:
    doc = _compose()
    assert set(doc["services"]) == {"app", "postgres", "postgres-backup", "minio", "minio-buckets"}
    assert compose_checks.check_root(doc) == [] and compose_checks.check_capabilities(doc) == []
    assert doc["services"]["postgres"]["user"] == "999:999"  # the image's postgres user owns PGDATA
    assert doc["services"]["minio"]["user"] == "10001:10001"


def test_postgres_and_minio_read_passwords_from_compose_secrets() -> None:
    doc = _compose()
    postgres, minio = doc["services"]["postgres"], doc["services"]["minio"]
    assert postgres["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    assert "POSTGRES_PASSWORD" not in postgres["environment"]
    assert minio["environment"]["MINIO_ROOT_PASSWORD_FILE"] == "/run/secrets/minio_root_password"
    assert doc["secrets"]["postgres_password"] == {"environment": "POSTGRES_PASSWORD"}
    assert "$$(cat /run/secrets/minio_root_password)" in _scripts(doc)["minio-buckets"]


def test_an_app_that_reads_files_gets_file_paths_not_values() -> None:
    app = _compose(VARIANTS["credential-files"])["services"]["app"]
    assert app["environment"]["DATABASE_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    assert "DATABASE_PASSWORD" not in app["environment"]
    assert set(app["secrets"]) == {"postgres_password", "s3_access_key_id", "s3_secret_access_key"}


def test_the_connection_string_holds_no_password_whatever_it_contains() -> None:
    uri = _compose()["services"]["app"]["environment"]["DATABASE_URI"]
    parts = urlsplit(uri)
    assert (parts.scheme, parts.username, parts.password, parts.hostname, parts.port) == (
        "postgresql",
        "app",
        None,
        "postgres",
        5432,
    )
    assert "$" not in uri


def test_env_file_is_ignored_by_git_and_its_example_holds_no_values() -> None:
    files = _files(PHASE_2)
    assert ".env" in files[".gitignore"].splitlines()
    values = [line.split("=", 1)[1] for line in files[".env.example"].splitlines() if "=" in line and "#" not in line]
    assert values and all(value.startswith("REPLACE-ME") for value in values)
    assert "S3_ACCESS_KEY_ID=" in files[".env.example"]


def test_postgres_has_shared_memory_for_parallel_index_builds() -> None:
    assert compose_checks._bytes(_compose()["services"]["postgres"]["shm_size"]) >= compose_checks.SHM_MIN_BYTES


def test_a_nightly_dump_lands_outside_the_data_volume() -> None:
    doc = _compose()
    backup = doc["services"]["postgres-backup"]
    assert backup["volumes"] == ["pgdumps:/var/lib/postgresql/data"] and "pgdumps" in doc["volumes"]
    script = _scripts(doc)["postgres-backup"]
    assert "pg_dump -h postgres -U app -d app -Fc" in script and "tomorrow 02:00" in script
    assert "-mtime +30 -delete" in script
    assert backup["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_telemetry_points_at_a_compose_service_not_a_kubernetes_name() -> None:
    endpoint = _compose()["services"]["app"]["environment"]["OTEL_EXPORTER_OTLP_ENDPOINT"]
    assert not urlsplit(endpoint).hostname.endswith((".svc", ".cluster.local"))


def test_without_object_storage_no_minio_and_no_unused_secrets() -> None:
    doc = _compose(VARIANTS["no-objects"])
    assert set(doc["services"]) == {"app", "postgres", "postgres-backup"}
    assert set(doc["secrets"]) == {"postgres_password"} and set(doc["volumes"]) == {"pgdata", "pgdumps"}


# --- the checks catch what they promise to catch ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("check", "break_it"),
    [
        ("check_root", lambda d: d["services"]["postgres"].pop("user")),
        ("check_capabilities", lambda d: d["services"]["minio"].pop("cap_drop")),
        ("check_capabilities", lambda d: d["services"]["app"]["security_opt"].clear()),
        (
            "check_secrets",
            lambda d: d["services"]["postgres"]["environment"].update(POSTGRES_PASSWORD="${POSTGRES_PASSWORD}"),
        ),
        (
            "check_secrets",
            lambda d: d["services"]["app"]["environment"].update(
                DATABASE_URI="postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/app"
            ),
        ),
        ("check_secrets", lambda d: d["services"]["app"]["environment"].update(S3_ACCESS_KEY_ID="${MINIO_ROOT_USER}")),
        (
            "check_lifecycle",
            lambda d: d["services"]["minio-buckets"]["entrypoint"].append("mc ilm rule add --expire-days 30"),
        ),
        ("check_lifecycle", lambda d: d["services"]["postgres"].pop("shm_size")),
        ("check_lifecycle", lambda d: d["services"].pop("postgres-backup")),
    ],
)
def test_each_check_catches_its_defect(check: str, break_it) -> None:
    doc = copy.deepcopy(_compose())
    assert getattr(compose_checks, check)(doc) == []
    break_it(doc)
    assert getattr(compose_checks, check)(doc) != []
