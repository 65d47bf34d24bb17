"""README sections about the platform under the skeleton: operator versions, images and mirroring, Rancher steps.

The versions are facts about the manifests advisor writes: the minimum is the oldest release that serves every
field they use (older releases prune fields without a word), the tested one is the release whose CRD schemas the
test suite validates every render against (tests/skeleton/crd_schemas/PROVENANCE.tsv).
"""

from __future__ import annotations

from typing import NamedTuple

from advisor.decision import Decision
from advisor.skeleton import images, layout, names, quota


class Operator(NamedTuple):
    name: str
    minimum: str
    tested: str
    why: str
    install: str


CNPG = Operator(
    "CloudNativePG",
    "1.26",
    "1.30.0",
    "`plugins[].isWALArchiver` (1.25 prunes it: WAL archiving never starts), `externalClusters[].plugin` "
    "(1.24 prunes it) and ScheduledBackup `method: plugin` (rejected before 1.24)",
    "chart `cnpg/cloudnative-pg` from https://cloudnative-pg.github.io/charts",
)
BARMAN = Operator(
    "plugin-barman-cloud",
    "0.4.0",
    "0.14.0",
    "`instanceSidecarConfiguration.resources` (0.3 prunes it); needs cert-manager",
    "manifest `https://github.com/cloudnative-pg/plugin-barman-cloud/releases/download/v0.14.0/manifest.yaml`",
)
ESO = Operator(
    "External Secrets Operator",
    "0.16.0",
    "2.9.0",
    "`external-secrets.io/v1` is served from 0.16 (v1beta1 is no longer served)",
    "chart `external-secrets/external-secrets` from https://charts.external-secrets.io",
)
SEALED = Operator(
    "Sealed Secrets",
    "0.36.6",
    "0.36.6",
    "only the tested release was checked",
    "chart `sealed-secrets/sealed-secrets` from https://bitnami-labs.github.io/sealed-secrets",
)
PROMETHEUS = Operator(
    "Prometheus Operator (ServiceMonitor, PodMonitor, PrometheusRule, AlertmanagerConfig)",
    "0.93.0",
    "0.93.0",
    "only the tested release was checked",
    "chart `prometheus-community/kube-prometheus-stack` (Rancher Monitoring packages it)",
)
LOGGING = Operator(
    "Logging operator (Flow, Output)",
    "6.7.0",
    "6.7.0",
    "only the tested release was checked",
    "chart `oci://ghcr.io/kube-logging/helm-charts/logging-operator` (Rancher Logging packages it)",
)
OTEL = Operator(
    "OpenTelemetry Operator (OpenTelemetryCollector)",
    "0.158.0",
    "0.158.0",
    "only the tested release was checked; `opentelemetry.io/v1beta1` is the stored version",
    "chart `open-telemetry/opentelemetry-operator` from https://open-telemetry.github.io/opentelemetry-helm-charts",
)
RANCHER = Operator(
    "Rancher",
    "2.9.9 (2.10.5, 2.11.4, 2.12)",
    "2.15.0",
    "ProjectRoleTemplateBindings live in the project's backing namespace `<cluster-id>-<project-id>` from these "
    "patch releases on; before, in `p-xxxxx`",
    "the Rancher server (management cluster)",
)
FLEET = Operator(
    "Fleet",
    "0.16.1",
    "0.16.1",
    "`fleet.yaml` was checked against the schema on Fleet's main branch after 0.16.1 (no release ships one)",
    "ships with Rancher",
)


def operators(decision: Decision) -> list[Operator]:
    c = decision.choices
    out = [CNPG, BARMAN] if c.get("postgres") == "in-cluster" else []
    out += {"external-secrets": [ESO], "sealed-secrets": [SEALED]}.get(c.get("secrets", ""), [])
    out += [PROMETHEUS] if c.get("metrics") in ("in-cluster", "rancher-monitoring") else []
    out += [LOGGING] if c.get("logs") in ("in-cluster", "rancher-logging", "site-platform") else []
    out += [OTEL] if c.get("tracing") == "otel-collector" else []
    out += [RANCHER, FLEET] if c.get("rancher") == "adopt" else []
    return out


def operator_lines(decision: Decision) -> list[str]:
    out = ["## Operators and versions", ""]
    out.append("The manifests use fields these releases serve; an older operator drops unknown fields silently.")
    out += ["", "| Operator | Minimum | Tested | Why the minimum | Install from |", "| --- | --- | --- | --- | --- |"]
    out += [f"| {o.name} | {o.minimum} | {o.tested} | {o.why} | {o.install} |" for o in operators(decision)]
    return [*out, ""]


def image_lines(decision: Decision) -> list[str]:
    registry = decision.answers.delivery.registry
    out = ["## Images", ""]
    out.append(
        "`images.txt` lists every image the manifests pull. Every third-party image is pinned by tag; pin digests "
        "too once you have mirrored them (`skopeo inspect --format '{{.Digest}}' docker://IMAGE`): in Kustomize "
        "add `digest: sha256:...` to the overlay's `images:` entry, in Helm set the tag to `TAG@sha256:...`."
    )
    if registry:
        out += [
            "",
            f"Third-party images come from `{registry}` (Kustomize: the `images:` entries of each overlay; Helm: "
            "`imageRegistry` in `helm/values.yaml`). Copy each before the first deploy, from a host that reaches "
            "both registries, and the operators' own images and charts listed above too:",
            "",
            f"    skopeo copy --all docker://ghcr.io/cloudnative-pg/postgresql:TAG docker://{registry}/cloudnative-pg/"
            "postgresql:TAG",
            f"    crane copy quay.io/minio/mc:TAG {registry}/minio/mc:TAG   # the same with crane",
        ]
    if decision.choices.get("object_storage") == "in-cluster":
        target = images.pulled(decision.answers, names.MINIO_IMAGE)
        out += [
            "",
            "MinIO's community edition has been source-only since October 2025 and maintenance-only since December "
            "2025, and its last official image predates the fix for CVE-2025-62506. Build the fixed release into "
            f"your registry (the manifests pull `{target}`), and rebuild for each MinIO security release:",
            "",
            f"    git clone --depth 1 --branch {names.MINIO_RELEASE} https://github.com/minio/minio && cd minio",
            "    make build   # CGO_ENABLED=0 static binary ./minio",
            "    printf 'FROM gcr.io/distroless/static-debian12:nonroot\\nCOPY minio /usr/bin/minio\\n"
            'ENTRYPOINT ["/usr/bin/minio"]\\n\' > Dockerfile.site',
            f"    docker build -f Dockerfile.site -t {target} . && docker push {target}",
            "",
            "The app only knows the S3 endpoint in its Secret, so another S3-compatible server can replace MinIO "
            "without touching the app.",
        ]
    return [*out, ""]


def rancher_lines(decision: Decision) -> list[str]:
    if decision.choices.get("rancher") != "adopt":
        return []
    project = names.RANCHER_PROJECT_PLACEHOLDER
    return [
        "## Rancher, step by step",
        "",
        f"1. On the management cluster, replace `{names.RANCHER_CLUSTER_PLACEHOLDER}` in "
        f"`{layout.RANCHER_DIR}management.yaml` with the downstream cluster's id and apply the Project alone; "
        "Rancher creates its backing namespace `<cluster-id>-<project-id>`.",
        f"2. Replace `{names.RANCHER_PROJECT_ID_PLACEHOLDER}` with the project id and "
        f"`{names.RANCHER_PROJECT_NAMESPACE}` with the backing namespace, set the group principals, and apply the "
        "ProjectRoleTemplateBindings (Rancher before 2.9.9 kept them in the namespace `p-xxxxx` instead).",
        f"3. Replace `{project}` in the namespace annotation `field.cattle.io/projectId` with "
        "`<cluster-id>:<project-id>` so each environment's namespace joins the project and gets its quotas.",
        "4. Deploy the environments (below), or let Fleet do it.",
        "",
    ]


def quota_lines(decision: Decision) -> list[str]:
    c = decision.choices
    parts = ["app replicas plus a rollout's surge pod"]
    parts += (
        ["the S3 gateway"] if c.get("object_storage") == "managed" and c.get("object_access") == "s3-gateway" else []
    )
    parts += ["MinIO and its bucket Job"] if c.get("object_storage") == "in-cluster" else []
    in_cluster_db = c.get("postgres") == "in-cluster"
    parts += ["the database instances and their backup sidecar"] if in_cluster_db else []
    recovery = ", and for a recovery Cluster beside the live database (RUNBOOK.md)" if in_cluster_db else ""
    return [
        "## Quotas",
        "",
        "Each environment namespace gets a ResourceQuota sized from what this skeleton runs there "
        f"({', '.join(parts)}) times {quota.HEADROOM}, and a LimitRange with the skeleton's default requests and "
        f"limits. Raise the quota when you add workloads{recovery}.",
        "",
    ]


def platform_sections(decision: Decision) -> list[str]:
    return [*operator_lines(decision), *image_lines(decision), *quota_lines(decision), *rancher_lines(decision)]
