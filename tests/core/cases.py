"""The decision cases of issue 2 section 5, as data: answers in, expected choices and rules out.

Each `Case` starts from `BASE` (or a bundled example) and changes a few dotted answers paths.
`proves` names the rules whose effect the case shows; `test_every_rule_is_proven` fails when a rule
of the loaded rule set appears in no case, so a new rule cannot land without a case that fires it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Production on a cloud, one team too big for Scenario A, platform engineers on hand: nothing special.
BASE: dict[str, Any] = {
    "schema_version": 1,
    "project": {"name": "probe"},
    "phase": 5,
    "team": {"size": 10, "platform_engineers": 2, "kubernetes_experience": "basic"},
    "regulation": {"regulated": False},
    "organization": {"teams": 1},
    "hosting": {"provider": "aws"},
    "observability": {"alert_receiver": "oncall@probe.example.com"},
}


@dataclass(frozen=True)
class Case:
    name: str
    changes: dict[str, Any]
    expect: dict[str, str]
    proves: tuple[str, ...] = ()
    scenarios: tuple[str, ...] | None = None
    warnings: tuple[str, ...] = ()  # substrings, each found in some warning
    obligations: tuple[str, ...] = ()  # substrings, each found in some obligation
    no_warnings: bool = False
    example: str | None = None  # start from examples/<example> instead of BASE

    def answers(self) -> dict[str, Any]:
        data = copy.deepcopy(BASE) if self.example is None else yaml.safe_load((EXAMPLES / self.example).read_text())
        for path, value in self.changes.items():
            assign(data, path, value)
        return data


def assign(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


REGULATED = {"regulation.regulated": True, "regulation.frameworks": ["iso27001"]}
ON_PREM = {"hosting.provider": "on-premises"}

CASES: list[Case] = [
    # --- runtime and manifests by phase (SPEC 3.1) ---
    Case(
        "phase 3 runs on Docker Compose",
        {"phase": 3},
        {"runtime": "docker-compose", "manifests": "compose"},
        ("runtime.compose-before-phase-4", "manifests.compose-before-kubernetes"),
    ),
    Case(
        "phase 4 runs on Kubernetes with the requested manifests",
        {"phase": 4, "delivery.manifests": "helm"},
        {"runtime": "kubernetes", "manifests": "helm"},
        ("runtime.kubernetes-from-phase-4", "manifests.as-requested"),
    ),
    Case(
        "Kubernetes with no experience and no platform engineers is a risk",
        {"team.kubernetes_experience": "none", "team.platform_engineers": 0},
        {"runtime": "kubernetes"},
        ("warn.kubernetes-without-experience",),
        warnings=("Nobody on the team has run Kubernetes",),
    ),
    # --- Scenario A and managed state (SPEC 3.3, 4 A) ---
    Case(
        "Scenario A example: small team, first rollout, managed state",
        {},
        {"postgres": "managed", "object_storage": "managed", "rancher": "not-needed", "secrets": "external-secrets"},
        ("scenario-a.small-team-managed",),
        scenarios=("A",),
        no_warnings=True,
        example="scenario-a.yaml",
    ),
    Case(
        "production on a cloud prefers managed Postgres and object storage",
        {},
        {"postgres": "managed", "object_storage": "managed"},
        ("postgres.prefer-managed", "object-storage.prefer-managed"),
        scenarios=(),
        no_warnings=True,
    ),
    Case(
        "no managed Postgres: in-cluster, and a warning with no platform engineers",
        {"hosting.managed_postgres": False, "team.platform_engineers": 0, "team.kubernetes_experience": "production"},
        {"postgres": "in-cluster", "object_storage": "managed"},
        ("postgres.no-managed-offering", "warn.in-cluster-postgres-without-platform-engineers"),
        warnings=("Postgres runs in the cluster but the team has no platform engineers", "10 engineers"),
    ),
    Case(
        "no managed object storage: MinIO in-cluster, and a warning with no platform engineers",
        {"hosting.managed_object_storage": False, "team.platform_engineers": 0},
        {"postgres": "managed", "object_storage": "in-cluster"},
        ("object-storage.no-managed-offering", "warn.in-cluster-object-storage-without-platform-engineers"),
        warnings=("MinIO runs in the cluster but the team has no platform engineers",),
    ),
    Case(
        "no managed offering but platform engineers on hand: in-cluster without the burden warning",
        {"hosting.provider": "other", "team.platform_engineers": 2, "backup.endpoint": "https://s3.site-b.example"},
        {"postgres": "in-cluster", "object_storage": "in-cluster"},
        ("postgres.no-managed-offering", "object-storage.no-managed-offering"),
        no_warnings=True,
    ),
    Case(
        "no object storage and in-cluster Postgres: no backup target",
        {**ON_PREM, "data.object_storage": False},
        {"postgres": "in-cluster", "object_storage": "not-needed"},
        ("object-storage.not-needed", "warn.backups-without-object-store"),
        warnings=("no backup target",),
    ),
    Case(
        "tight RPO and RTO with in-cluster Postgres",
        {**ON_PREM, "data.rpo_minutes": 1, "data.rto_minutes": 30},
        {"postgres": "in-cluster"},
        ("warn.tight-rpo-in-cluster", "warn.tight-rto-in-cluster"),
        warnings=("An RPO of 1 minutes", "An RTO of 30 minutes"),
    ),
    # --- Scenario B (SPEC 4 B) ---
    Case(
        "regulated data that must stay on premises runs in the cluster, even on a cloud",
        {**REGULATED, "regulation.data_residency": "on-premises"},
        {"postgres": "in-cluster", "object_storage": "in-cluster"},
        ("scenario-b.regulated", "scenario-b.data-stays-on-site", "obligation.in-cluster-regulated"),
        scenarios=("B",),
        obligations=("Review the backup design and who may deploy and read each namespace",),
    ),
    Case(
        "regulated and air-gapped: in-cluster state, sealed secrets, no cloud store",
        {**REGULATED, "regulation.air_gapped": True},
        {"postgres": "in-cluster", "object_storage": "in-cluster", "secrets": "sealed-secrets", "secret_store": "none"},
        ("scenario-b.data-stays-on-site", "secrets.air-gapped-in-git"),
        scenarios=("B",),
    ),
    Case(
        "regulated on an on-premises provider runs state in the cluster",
        {**REGULATED, **ON_PREM, "regulation.data_residency": "region"},
        {"postgres": "in-cluster", "object_storage": "in-cluster", "secrets": "sealed-secrets"},
        ("scenario-b.data-stays-on-site", "secrets.sealed-by-default", "secret-store.none"),
        scenarios=("B",),
    ),
    Case(
        "regulated data in a compliant cloud region stays managed, with obligations",
        {
            "regulation.regulated": True,
            "regulation.frameworks": ["hipaa", "soc2"],
            "regulation.data_residency": "region",
        },
        {"postgres": "managed", "object_storage": "managed", "secrets": "external-secrets"},
        (
            "obligation.regulated-managed-postgres",
            "obligation.regulated-managed-object-storage",
            "obligation.hipaa-baa",
        ),
        scenarios=("B",),
        obligations=(
            "in scope of the provider's attestations for hipaa, soc2",
            "block public access",
            "Business Associate Agreement with aws",
        ),
        no_warnings=True,
    ),
    Case(
        "GDPR with residency 'any' asks where personal data is processed",
        {"regulation.regulated": True, "regulation.frameworks": ["gdpr"]},
        {"postgres": "managed"},
        ("obligation.gdpr-region",),
        obligations=("transfers outside the EEA",),
    ),
    Case(
        "regulated with no framework named is a warning",
        {"regulation.regulated": True},
        {"postgres": "managed"},
        ("warn.regulated-without-frameworks",),
        scenarios=("B",),
        warnings=("no framework is named",),
    ),
    Case(
        "an air-gapped site runs state in the cluster even when not regulated",
        {"regulation.air_gapped": True},
        {"postgres": "in-cluster", "object_storage": "in-cluster", "secrets": "sealed-secrets", "secret_store": "none"},
        ("state.air-gapped-in-cluster", "secrets.air-gapped-in-git"),
        scenarios=(),
    ),
    Case(
        "air-gapped with no registry named: a warning names delivery.registry; MinIO must be team-built",
        {"regulation.air_gapped": True},
        {"postgres": "in-cluster", "object_storage": "in-cluster"},
        ("warn.air-gapped-without-registry", "obligation.minio-team-built"),
        scenarios=(),
        warnings=("Set delivery.registry",),
        obligations=("CVE-2025-62506",),
    ),
    Case(
        "a named registry: no warning, an obligation to mirror the images there",
        {"regulation.air_gapped": True, "delivery.registry": "registry.site.example:5000/mirror"},
        {"postgres": "in-cluster", "object_storage": "in-cluster"},
        ("obligation.mirror-images",),
        scenarios=(),
        obligations=("into registry.site.example:5000/mirror before deploying",),
    ),
    Case(
        "air-gapped with explicit External Secrets reads a Vault on site, never the cloud",
        {"regulation.air_gapped": True, "delivery.secrets": "external-secrets"},
        {"secrets": "external-secrets", "secret_store": "vault"},
        ("secrets.as-requested", "secret-store.vault-on-site"),
    ),
    # --- Rancher and Scenario C (SPEC 1.1, 3.1, 4 C) ---
    Case(
        "a single team needs no Rancher",
        {},
        {"rancher": "not-needed"},
        ("rancher.single-team",),
    ),
    Case(
        "two teams is borderline: defer",
        {"organization.teams": 2},
        {"rancher": "defer"},
        ("rancher.borderline-defer",),
        scenarios=(),
    ),
    Case(
        "one team on three clusters is borderline: defer",
        {"organization.clusters": 3},
        {"rancher": "defer"},
        ("rancher.borderline-defer",),
    ),
    Case(
        "many teams while the runtime is Compose: defer Rancher",
        {"phase": 2, "organization.teams": 5},
        {"runtime": "docker-compose", "rancher": "defer"},
        ("rancher.defer-before-kubernetes", "scenario-c.multi-team"),
        scenarios=("C",),
    ),
    Case(
        "three teams on Kubernetes: adopt Rancher (Scenario C)",
        {"organization.teams": 3},
        {"rancher": "adopt"},
        ("scenario-c.multi-team", "scenario-c.adopt-rancher"),
        scenarios=("C",),
        no_warnings=True,
    ),
    Case(
        "Rancher with no platform engineers is a warning",
        {"organization.teams": 5, "team.platform_engineers": 0, "team.kubernetes_experience": "production"},
        {"rancher": "adopt"},
        ("warn.rancher-without-platform-engineers",),
        warnings=("Rancher is adopted but there are no platform engineers",),
    ),
    # --- secrets (SPEC 2.1, 5) ---
    Case(
        "auto secrets on AWS: External Secrets from AWS Secrets Manager",
        {},
        {"secrets": "external-secrets", "secret_store": "aws-secrets-manager"},
        ("secrets.cloud-secret-manager", "secret-store.aws"),
    ),
    Case(
        "auto secrets on GCP: External Secrets from Google Secret Manager",
        {"hosting.provider": "gcp"},
        {"secrets": "external-secrets", "secret_store": "gcp-secret-manager"},
        ("secrets.cloud-secret-manager", "secret-store.gcp"),
    ),
    Case(
        "auto secrets on Azure: External Secrets from Azure Key Vault",
        {"hosting.provider": "azure"},
        {"secrets": "external-secrets", "secret_store": "azure-key-vault"},
        ("secrets.cloud-secret-manager", "secret-store.azure"),
    ),
    Case(
        "explicit SOPS on a cloud: no external store",
        {"delivery.secrets": "sops"},
        {"secrets": "sops", "secret_store": "none"},
        ("secrets.as-requested", "secret-store.none"),
    ),
    # --- where backups go (SPEC-0006 4 Scenario B, 5) ---
    Case(
        "in-cluster Postgres backs up to an off-cluster S3 endpoint named in the answers",
        {**ON_PREM, "backup.endpoint": "https://s3.dr-site.example.org"},
        {"postgres": "in-cluster", "backup_target": "off-cluster"},
        ("backup-target.off-cluster",),
    ),
    Case(
        "on premises without a backup endpoint is warned to set backup.endpoint",
        ON_PREM,
        {"postgres": "in-cluster", "backup_target": "off-cluster"},
        ("backup-target.off-cluster", "warn.backup-endpoint-missing"),
        warnings=("set backup.endpoint",),
    ),
    Case(
        "server-side encryption asked of a MinIO backup store is warned: MinIO needs a KMS to honour it",
        {
            **ON_PREM,
            "backup.endpoint": "https://s3.dr-site.example.org",
            "backup.store": "minio",
            "backup.encryption": "sse-s3",
        },
        {"postgres": "in-cluster", "backup_target": "off-cluster"},
        ("warn.backup-encryption-needs-kms",),
        warnings=("backup.encryption is sse-s3 and the backup store is MinIO",),
    ),
    Case(
        "an S3 store with SSE requested draws no KMS warning",
        {**ON_PREM, "backup.endpoint": "https://s3.dr-site.example.org", "backup.encryption": "sse-kms"},
        {"postgres": "in-cluster", "backup_target": "off-cluster"},
        ("backup-target.off-cluster",),
        no_warnings=True,
    ),
    Case(
        "server-side encryption is not asked of the cluster's own MinIO, with a warning",
        {**ON_PREM, "backup.accept_same_cluster_risk": True, "backup.encryption": "sse-kms"},
        {"postgres": "in-cluster", "backup_target": "same-cluster"},
        ("warn.backup-encryption-ignored-same-cluster",),
        warnings=("backup.encryption (sse-kms) is ignored",),
    ),
    Case(
        "managed Postgres keeps the provider's backups",
        {},
        {"postgres": "managed", "backup_target": "provider-managed"},
        ("backup-target.provider-managed",),
    ),
    Case(
        "backups in the same cluster only on the explicit answer, with a warning and an obligation",
        {**ON_PREM, "backup.accept_same_cluster_risk": True},
        {"postgres": "in-cluster", "backup_target": "same-cluster"},
        ("backup-target.same-cluster-accepted",),
        warnings=("same cluster as the database",),
        obligations=("accepted the risk",),
    ),
    Case(
        "same-cluster backups need the cluster's MinIO: with no objects to keep there they go off the cluster",
        {**ON_PREM, "backup.accept_same_cluster_risk": True, "data.object_storage": False},
        {"postgres": "in-cluster", "object_storage": "not-needed", "backup_target": "off-cluster"},
        ("warn.same-cluster-risk-without-minio",),
        warnings=("no MinIO runs in the cluster (object storage is not-needed)",),
    ),
    Case(
        "accepting the same-cluster risk changes nothing for managed Postgres",
        {"backup.accept_same_cluster_risk": True},
        {"postgres": "managed", "backup_target": "provider-managed"},
        ("backup-target.provider-managed",),
    ),
    # --- the observability baseline (SPEC 3.4) ---
    Case(
        "on a cloud: the provider's logging and managed Prometheus, tracing later",
        {},
        {"logs": "managed", "metrics": "managed", "tracing": "later"},
        ("logs.managed-on-cloud", "metrics.managed-on-cloud", "tracing.later"),
        no_warnings=True,
    ),
    Case(
        "with no cloud: Loki and the Prometheus Operator in the cluster",
        {"hosting.provider": "other", "hosting.managed_postgres": True, "hosting.managed_object_storage": True},
        {"logs": "in-cluster", "metrics": "in-cluster"},
        ("logs.in-cluster", "metrics.in-cluster"),
        no_warnings=True,
    ),
    Case(
        "regulated data on premises: logs and metrics stay on site even on a cloud provider",
        {**REGULATED, "regulation.data_residency": "on-premises"},
        {"logs": "in-cluster", "metrics": "in-cluster"},
        ("logs.stay-on-site", "metrics.stay-on-site"),
    ),
    Case(
        "air-gapped on a cloud provider: nothing is sent to a cloud service",
        {"regulation.air_gapped": True, "delivery.registry": "registry.site.example/mirror"},
        {"logs": "in-cluster", "metrics": "in-cluster"},
        ("logs.stay-on-site", "metrics.stay-on-site"),
    ),
    Case(
        "Rancher adopted: Rancher Logging and Rancher Monitoring",
        {"organization.teams": 3},
        {"rancher": "adopt", "logs": "rancher-logging", "metrics": "rancher-monitoring"},
        ("logs.rancher-logging", "metrics.rancher-monitoring"),
    ),
    Case(
        "the site's log platform is named: logs go there, with an obligation about retention",
        {"observability.log_endpoint": "https://logs.site.example", "observability.log_platform": "opensearch"},
        {"logs": "site-platform"},
        ("logs.site-platform", "obligation.site-platform-retention"),
        obligations=("Agree with the team that runs https://logs.site.example",),
    ),
    Case(
        "OpenTelemetry adopted: a Collector; without a backend named, a warning",
        {"observability.otel_adopted": True},
        {"tracing": "otel-collector"},
        ("tracing.otel-collector", "warn.otlp-endpoint-missing"),
        warnings=("observability.otlp_endpoint",),
    ),
    Case(
        "OpenTelemetry adopted with a backend named: no warning",
        {"observability.otel_adopted": True, "observability.otlp_endpoint": "https://otlp.example.org"},
        {"tracing": "otel-collector"},
        ("tracing.otel-collector",),
        no_warnings=True,
    ),
    Case(
        "no alert receiver on Kubernetes is a warning",
        {"observability.alert_receiver": None},
        {"runtime": "kubernetes"},
        ("warn.no-alert-receiver",),
        warnings=("observability.alert_receiver",),
    ),
    Case(
        "regulated data in a compliant region with managed logs and metrics: an obligation",
        {**REGULATED, "regulation.data_residency": "region"},
        {"logs": "managed", "metrics": "managed"},
        ("obligation.regulated-managed-logs",),
        obligations=("in scope of its attestations for iso27001",),
    ),
    Case(
        "before Kubernetes: Docker's log driver, a metrics endpoint, tracing later even when adopted",
        {"phase": 3, "observability.otel_adopted": True},
        {"logs": "compose", "metrics": "compose", "tracing": "later"},
        ("logs.compose-before-kubernetes", "metrics.compose-before-kubernetes", "tracing.later"),
    ),
    # --- object access: the API and credentials each provider documents ---
    Case(
        "AWS: S3 through the pod's IAM role, no keys",
        {},
        {"object_storage": "managed", "object_access": "s3-workload-identity"},
        ("object-access.aws-workload-identity",),
    ),
    Case(
        "on premises: MinIO with its own key pair",
        ON_PREM,
        {"object_storage": "in-cluster", "object_access": "s3-keys"},
        ("object-access.minio",),
    ),
    Case(
        "another provider's managed S3 service: keys",
        {"hosting.provider": "other", "hosting.managed_object_storage": True, "hosting.managed_postgres": True},
        {"object_storage": "managed", "object_access": "s3-keys"},
        ("object-access.s3-keys",),
    ),
    Case(
        "GCP, an S3-only app: Cloud Storage's XML API with HMAC keys",
        {"hosting.provider": "gcp"},
        {"object_storage": "managed", "object_access": "s3-keys"},
        ("object-access.gcs-s3-api",),
    ),
    Case(
        "GCP, an app that speaks Cloud Storage: Workload Identity",
        {"hosting.provider": "gcp", "data.object_api": "native"},
        {"object_storage": "managed", "object_access": "gcs-workload-identity"},
        ("object-access.gcs-workload-identity",),
    ),
    Case(
        "Azure, an app that speaks Blob Storage: Workload Identity, no S3 endpoint",
        {"hosting.provider": "azure", "data.object_api": "native"},
        {"object_storage": "managed", "object_access": "blob-workload-identity"},
        ("object-access.azure-blob",),
    ),
    Case(
        "Azure, an S3-only app: an S3 gateway in front of Blob Storage",
        {"hosting.provider": "azure"},
        {"object_storage": "managed", "object_access": "s3-gateway"},
        ("object-access.azure-s3-gateway",),
    ),
    Case(
        "Azure, an S3-only app that will not buy managed storage: MinIO",
        {"hosting.provider": "azure", "hosting.managed_object_storage": False},
        {"object_storage": "in-cluster", "object_access": "s3-keys"},
        ("object-access.minio",),
    ),
    Case(
        "no objects: nothing to reach",
        {"data.object_storage": False},
        {"object_storage": "not-needed", "object_access": "none"},
        ("object-access.none",),
    ),
    # --- rotation and the way in ---
    Case(
        "credentials from the environment: Reloader restarts the app on rotation",
        {},
        {"secret_rotation": "restart-on-change", "way_in": "gateway-api"},
        ("rotation.restart-on-change", "way-in.gateway-api"),
    ),
    Case(
        "credentials as files: the app re-reads them",
        {"delivery.credentials": "files"},
        {"secret_rotation": "reread-files"},
        ("rotation.reread-files",),
    ),
    Case(
        "a cluster whose controller serves only Ingress",
        {"network.way_in": "ingress"},
        {"way_in": "ingress"},
        ("way-in.ingress-as-requested",),
    ),
    # --- the bundled examples ---
    Case(
        "Scenario B example",
        {},
        {"postgres": "in-cluster", "object_storage": "in-cluster", "rancher": "defer", "secrets": "sealed-secrets"},
        ("scenario-b.regulated", "scenario-b.data-stays-on-site"),
        scenarios=("B",),
        example="scenario-b.yaml",
    ),
    Case(
        "Scenario C example",
        {},
        {"postgres": "managed", "rancher": "adopt", "manifests": "helm", "secret_store": "gcp-secret-manager"},
        ("scenario-c.adopt-rancher",),
        scenarios=("C",),
        no_warnings=True,
        example="scenario-c.yaml",
    ),
    Case(
        "Scenarios B and C example: air-gapped, sops, Rancher",
        {},
        {"postgres": "in-cluster", "rancher": "adopt", "secrets": "sops", "secret_store": "none", "manifests": "both"},
        ("secrets.as-requested", "scenario-c.adopt-rancher"),
        scenarios=("B", "C"),
        example="scenario-b-c.yaml",
    ),
    Case(
        "phase 2 example: only what Compose runs is decided, the rest waits for Phase 4",
        {},
        {
            "runtime": "docker-compose",
            "manifests": "compose",
            "postgres": "compose",
            "object_storage": "compose",
            "rancher": "defer",
            "secrets": "env-file",
            "secret_store": "none",
            "backup_target": "off-host",
            "secret_rotation": "compose-restart",
            "way_in": "host-port",
            "object_access": "s3-keys",
        },
        (
            "runtime.compose-before-phase-4",
            "state.compose-containers",
            "secrets.compose-env-file",
            "backup-target.compose-off-host",
            "rancher.defer-before-kubernetes",
            "rotation.compose-restart",
            "way-in.compose-host-port",
        ),
        scenarios=("A",),
        example="phase-2.yaml",
    ),
    Case(
        "phase 3 with no objects: Postgres in a container, no object storage",
        {"phase": 3, "data.object_storage": False},
        {"postgres": "compose", "object_storage": "not-needed", "secrets": "env-file"},
        ("object-storage.not-needed",),
    ),
    Case(
        "phase 3 with credentials as files: they are re-read on Compose too",
        {"phase": 3, "delivery.credentials": "files"},
        {"secret_rotation": "reread-files", "way_in": "host-port"},
        ("rotation.reread-files",),
    ),
]
