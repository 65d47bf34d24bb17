"""README sections about the platform under the skeleton: operator versions, images and mirroring, Rancher steps.

The versions are facts about the manifests advisor writes: the minimum is the oldest release that serves every
field they use (older releases prune fields without a word), the tested one is the release whose CRD schemas the
test suite validates every render against (tests/skeleton/crd_schemas/PROVENANCE.tsv).
"""

from __future__ import annotations

from typing import NamedTuple

from advisor.decision import Decision
from advisor.skeleton import images, layout, names, placement, quota, rancher


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
    "GitRepo `bundles` (one bundle per environment read with its own options file, rancher/fleet#3480); "
    "`fleet/<env>.yaml` was checked against the schema on Fleet's main branch after 0.16.1 (no release ships one)",
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
    a = decision.answers
    where = placement.placement(a)
    rows = [
        f"| {cluster} | {', '.join(placement.environments_on(a, cluster))} | `{names.rancher_cluster_id(cluster)}` |"
        for cluster in placement.clusters(a)
    ]
    kustomize = decision.choices.get("manifests") in ("kustomize", "both")
    k = layout.kustomize_dir(decision.choices.get("manifests", "")) or ""
    example_env = next(iter(where))
    example_cluster = where[example_env][0]
    deploy_by_hand = (
        f"`kubectl apply -k {k}clusters/<cluster>/<env>` on each cluster (e.g. "
        f"`{k}clusters/{example_cluster}/{example_env}`): the overlay plus that cluster's project annotation"
        if kustomize
        else "the chart as in Apply below, annotating each namespace with its cluster's project"
    )
    bundle = (
        f"`{k}fleet/<env>.yaml` deploys `{k}clusters/<cluster>/<env>` to each of its clusters"
        if kustomize
        else "`helm/fleet/<env>.yaml` installs the chart with `values-<env>.yaml` and annotates the namespace with the "
        "cluster's project"
    )
    return [
        "## Rancher and Fleet, step by step",
        "",
        "A Rancher Project belongs to one cluster and shares one quota among its namespaces, so each environment "
        "has a Project of its own in every cluster that runs it. Production runs apart from the other environments "
        "as soon as there are two clusters:",
        "",
        "| Cluster | Environments | Rancher cluster id |",
        "| --- | --- | --- |",
        *rows,
        "",
        f"1. Label each downstream cluster in Fleet with its name: `{placement.CLUSTER_LABEL}=cluster-<n>` "
        f"(`kubectl -n {rancher.FLEET_WORKSPACE} label clusters.fleet.cattle.io <fleet-cluster> "
        f"{placement.CLUSTER_LABEL}=cluster-1` on the management cluster).",
        f"2. Replace each `c-replace-me-<n>` with that cluster's Rancher id (`c-xxxxx`, cluster details) everywhere "
        f"it appears (`{layout.RANCHER_DIR}management.yaml`, "
        + (f"`{k}clusters/*/*/project.yaml`" if kustomize else "`helm/fleet/<env>.yaml`")
        + "), and apply the Projects to the management cluster. A project's id is its name, `p-replace-me-<env>` "
        "(rename it everywhere first if you like). Its quota is its namespace's, so the namespace fits: Rancher gives "
        "a namespace that does not fit an all-zero quota.",
        "3. Set the group principals of the ProjectRoleTemplateBindings and apply them: each binds one "
        "environment's groups in that environment's projects only. They live in the project's backing namespace "
        "`<cluster-id>-<project-id>` (Rancher before 2.9.9 kept them in `p-xxxxx`).",
        f"4. Deploy with Fleet: set `repo` and `branch` in `{layout.RANCHER_DIR}gitrepo.yaml` (its bundle bases start "
        f"at `{rancher.SKELETON_PATH}/`, where `advisor decide` writes by default) and apply it to the management "
        f"cluster. Each environment is a bundle of its own, on its clusters only: {bundle}. Without Fleet: "
        f"{deploy_by_hand}.",
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
    parts += (
        ["the database instances with their backup sidecar and CloudNativePG's bootstrap Job"] if in_cluster_db else []
    )
    busiest = (
        "; in the drill's environment with the restore drill beside it; and with a restore beside the database "
        "(RUNBOOK.md)"
        if in_cluster_db
        else ""
    )
    helm = c.get("manifests") in ("helm", "both")
    spare = "a `helm test` Pod or a debugging session" if helm else "a debugging session"
    return [
        "## Quotas",
        "",
        "Each environment namespace gets a ResourceQuota sized from what this skeleton runs there at its busiest "
        f"({', '.join(parts)}{busiest}): the largest of each resource, times {quota.HEADROOM} for {spare}, and a "
        "LimitRange with the skeleton's default requests and limits. Raise the quota "
        "when you add workloads.",
        "",
    ]


def platform_sections(decision: Decision) -> list[str]:
    return [*operator_lines(decision), *image_lines(decision), *quota_lines(decision), *rancher_lines(decision)]
