"""Names, labels, ports, secret keys and pinned images of the skeleton: one source for Kustomize, Helm and Compose.

Every generated name is derived here from validated answers (DNS-1123 project name and environment labels), so the
Kustomize builder, the Helm values and the tests agree by construction. Nothing in this module formats YAML.
"""

from __future__ import annotations

from typing import Any

from advisor.answers import Answers

# Ports the app listens on; probes and Services refer to them by name.
HTTP_PORT = 8080
METRICS_PORT = 9090
SERVICE_PORT = 80
POSTGRES_PORT = 5432
MINIO_PORT = 9000
MINIO_CONSOLE_PORT = 9001
DNS_PORT = 53
HTTPS_PORT = 443
RUN_AS = 10001  # >= 10000 so it never collides with a host user (kube-score, checkov CKV_K8S_40)

# Pinned images: never `latest`; bumping them is a reviewed change in this file.
POSTGRES_MAJOR = 17
POSTGRES_MINOR = 11  # the latest 17.x; each minor release carries security fixes, so bump it as they come
POSTGRES_IMAGE = f"ghcr.io/cloudnative-pg/postgresql:{POSTGRES_MAJOR}.{POSTGRES_MINOR}-standard-bookworm"  # pgvector
COMPOSE_POSTGRES_IMAGE = f"pgvector/pgvector:0.8.0-pg{POSTGRES_MAJOR}"
# MinIO's community edition is source-only since October 2025 and its last official image predates the fix for
# CVE-2025-62506 (RELEASE.2025-10-15T17-29-55Z): the team builds that release into its own registry (README).
MINIO_RELEASE = "RELEASE.2025-10-15T17-29-55Z"
MINIO_IMAGE = f"registry.example.com/minio/minio:{MINIO_RELEASE}"
MC_IMAGE = "quay.io/minio/mc:RELEASE.2025-04-16T18-13-26Z"
# S3Proxy's azureblob-sdk backend signs in with Workload Identity when its identity and credential are empty
S3PROXY_IMAGE = "andrewgaul/s3proxy:s3proxy-4.1.1"
TEST_IMAGE = "curlimages/curl:8.11.1"  # helm test / smoke-test pods
BUSYBOX_IMAGE = "busybox:1.37.0"

# The app's credentials interface: the same Secret names and keys in managed and in-cluster modes.
DB_KEYS = ("uri", "username", "password")
S3_KEYS = ("endpoint", "bucket", "access-key-id", "secret-access-key")
BACKUP_KEYS = ("ACCESS_KEY_ID", "ACCESS_SECRET_KEY")  # what barman-cloud's ObjectStore reads
MINIO_ROOT_KEYS = ("root-user", "root-password")
BACKUP_REGION_KEY = "REGION"  # barman-cloud reads the region from a Secret too

PROD_NAMES = ("prod", "production")
API_SERVER_PORTS = (443, 6443)  # the `kubernetes` Service's endpoints listen on one of these
CNPG_NAMESPACE = "cnpg-system"  # where the CloudNativePG operator runs; NetworkPolicy source for port 8000
CNPG_STATUS_PORT = 8000  # the instance manager's status endpoint, polled by the operator


def app(answers: Answers) -> str:
    return answers.project.name


def namespace(answers: Answers, env: str) -> str:
    return f"{answers.project.name}-{env}"


def is_prod(env: str) -> bool:
    return env in PROD_NAMES


def drill_env(envs: list[str]) -> str:
    """Where the restore drill runs: staging if there is one, else the first environment that is not prod."""
    if "staging" in envs:
        return "staging"
    return next((env for env in envs if not is_prod(env)), envs[0])


def host(answers: Answers, env: str) -> str:
    """The delivery domain for prod; `ENV.<domain>` for every other environment."""
    return answers.domain if is_prod(env) else f"{env}.{answers.domain}"


def image(answers: Answers) -> str:
    return answers.image


def image_ref(answers: Answers) -> str:
    return f"{answers.image}:{answers.delivery.image_tag}"


def replicas(env: str) -> int:
    return 2 if is_prod(env) else 1


def db_instances(env: str) -> int:
    """CNPG instances: a primary and two standbys in prod, one instance elsewhere."""
    return 3 if is_prod(env) else 1


def db_storage(env: str) -> str:
    return "20Gi" if is_prod(env) else "5Gi"


def minio_storage(env: str) -> str:
    return "50Gi" if is_prod(env) else "10Gi"


# --- object names ---------------------------------------------------------------------------------------------
def config_map(answers: Answers) -> str:
    return f"{answers.project.name}-config"


def tls_secret(answers: Answers) -> str:
    return f"{answers.project.name}-tls"


def db_secret(answers: Answers) -> str:
    return f"{answers.project.name}-db"


def s3_secret(answers: Answers) -> str:
    return f"{answers.project.name}-s3"


def backup_secret(answers: Answers) -> str:
    return f"{answers.project.name}-backup-s3"


def minio_root_secret(answers: Answers) -> str:
    return f"{answers.project.name}-minio-root"


def minio_tls_secret(answers: Answers) -> str:
    """MinIO's serving certificate (tls.crt, tls.key, ca.crt), e.g. from a cert-manager Certificate."""
    return f"{answers.project.name}-minio-tls"


def secret_store(answers: Answers) -> str:
    return f"{answers.project.name}-secrets"


def db_cluster(answers: Answers) -> str:
    return f"{answers.project.name}-db"


def archive_prefixes(answers: Answers) -> tuple[str, ...]:
    """The folders barman-cloud writes into in a backup bucket: the database's, and a restored one's own."""
    return (f"{db_cluster(answers)}/", f"{restored_cluster(answers)}/")


def restored_cluster(answers: Answers) -> str:
    """The cluster a restore creates beside `APP-db`, from its backups; the RUNBOOK and both trees use this name."""
    return f"{db_cluster(answers)}-restored"


def drill_cluster(answers: Answers) -> str:
    return f"{db_cluster(answers)}-drill"


def db_service(answers: Answers) -> str:
    """CloudNativePG's read-write Service for the cluster."""
    return f"{db_cluster(answers)}-rw"


def minio(answers: Answers) -> str:
    return f"{answers.project.name}-minio"


def minio_claims(answers: Answers) -> list[str]:
    """The claims MinIO's StatefulSet creates: claim template `data`, one replica (minio.py)."""
    return [f"data-{minio(answers)}-0"]


def bucket(answers: Answers) -> str:
    return f"{answers.project.name}-data"


def backup_store(answers: Answers) -> str:
    """The barman-cloud ObjectStore object (one per namespace, each pointing at its environment's bucket)."""
    return f"{answers.project.name}-backups"


def backup_bucket(answers: Answers, env: str | None) -> str:
    """Each environment's backups in a bucket of its own, so its credentials, lock and retention are its own."""
    return f"{answers.backup.bucket or backup_store(answers)}-{env or 'base'}"


def backup_writer(answers: Answers, env: str | None) -> str:
    """The backup writer's user and policy name on the store, per environment."""
    return f"{namespace(answers, env or 'base')}-backup-writer"


# --- Rancher ids: placeholders, one lowercase spelling everywhere (object and namespace names are lowercase) ---
def rancher_cluster_id(cluster: str) -> str:
    """`cluster-2` -> `c-replace-me-2`: the Rancher id of that downstream cluster, to fill in."""
    return f"c-replace-me-{cluster.removeprefix('cluster-')}"


def rancher_project_id(env: str) -> str:
    """The project of one environment, in whichever cluster runs it (the cluster id tells them apart)."""
    return f"p-replace-me-{env}"


def rancher_project_ref(cluster: str, env: str) -> str:
    """`<cluster-id>:<project-id>`, what `field.cattle.io/projectId` and bindings name."""
    return f"{rancher_cluster_id(cluster)}:{rancher_project_id(env)}"


def rancher_project_namespace(cluster: str, env: str) -> str:
    """Rancher 2.9.9+/2.10.5+/2.11.4+/2.12+ keeps a project's bindings in its backing namespace."""
    return f"{rancher_cluster_id(cluster)}-{rancher_project_id(env)}"


def viewers_group(answers: Answers, env: str) -> str:
    return f"{namespace(answers, env)}-viewers"


def deployers_group(answers: Answers, env: str) -> str:
    return f"{namespace(answers, env)}-deployers"


# --- labels and annotations -----------------------------------------------------------------------------------
def selector_labels(answers: Answers) -> dict[str, str]:
    """Never changed per overlay: a Deployment's selector is immutable."""
    return {"app.kubernetes.io/name": app(answers), "app.kubernetes.io/instance": app(answers)}


def labels(answers: Answers, component: str) -> dict[str, str]:
    return {
        **selector_labels(answers),
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/part-of": app(answers),
    }


def advisor_annotations(adr_id: str) -> dict[str, str]:
    """The ADR a tree follows, named once per tree (overlay commonAnnotations, one Helm value), not on every object:
    a new ADR must not touch files whose content did not change."""
    return {"advisor.dev/adr": adr_id}


# Constant on purpose: a header naming the ADR or the answers hash would change every file on every new ADR.
# No link either, since one text cannot point to the same file from every folder.
HEADER = "# Generated by advisor; README.md and advisor.lock.yaml at the skeleton root name the ADR. Edit freely.\n"


def namespace_labels(answers: Answers) -> dict[str, str]:
    return {
        "app.kubernetes.io/part-of": app(answers),
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
    }


# --- hardening shared by every container ----------------------------------------------------------------------
def pod_security_context() -> dict[str, Any]:
    return {
        "runAsNonRoot": True,
        "runAsUser": RUN_AS,
        "runAsGroup": RUN_AS,
        "fsGroup": RUN_AS,
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def container_security_context() -> dict[str, Any]:
    return {
        "allowPrivilegeEscalation": False,
        "privileged": False,
        "readOnlyRootFilesystem": True,
        "runAsNonRoot": True,
        "capabilities": {"drop": ["ALL"]},
    }


def resources(cpu: str = "100m", memory: str = "256Mi", cpu_limit: str = "500m", memory_limit: str = "512Mi") -> dict:
    return {
        "requests": {"cpu": cpu, "memory": memory, "ephemeral-storage": "64Mi"},
        "limits": {"cpu": cpu_limit, "memory": memory_limit, "ephemeral-storage": "256Mi"},
    }


def config_data(answers: Answers) -> dict[str, str]:
    """Observability baseline (SPEC-0006 3.4): JSON logs to stdout, tracing off until an endpoint is set."""
    return {
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "info",
        "OTEL_SDK_DISABLED": "true",
        "OTEL_SERVICE_NAME": app(answers),
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector.monitoring.svc:4317",
    }
