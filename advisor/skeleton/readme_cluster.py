"""The README's operating sections: what the cluster needs first, the administrator's bootstrap and the deployers'
apply, observability, and the linter exceptions this skeleton's workloads carry.
"""

from __future__ import annotations

from advisor.decision import Decision
from advisor.skeleton import readme_observability
from advisor.skeleton.linter_exceptions import README_REASONS
from advisor.skeleton.readme_rotation import RELOADER, needs_reloader
from advisor.skeleton.readme_traffic import way_in_needs

BOOTSTRAP = "namespace,governance,rbac"  # the components an administrator applies; deployers apply the rest
HELM_BOOTSTRAP_OFF = "--set rbac.create=false,quota.enabled=false,limitRange.enabled=false"


def apply_lines(app: str, envs: list[str], k: str, kustomize: bool, helm: bool, *, rancher: bool = False) -> list[str]:
    """An administrator's bootstrap once per environment, then the deployers' command on every release."""
    out = [
        "An administrator applies each environment's bootstrap objects once: the Namespace (Pod Security labels), its "
        f"ResourceQuota and LimitRange, and the Roles and RoleBindings. The `{app}-<env>-deployers` group then deploys "
        "and rolls back with the deploy Role, which cannot change those.",
        "",
    ]
    if kustomize:
        out += [
            f"    kubectl apply -k {k}overlays/{env} -l 'app.kubernetes.io/component in ({BOOTSTRAP})'   # admin, once"
            for env in envs
        ]
        out += ["", "Deployers, on every release:", ""]
        out += [
            f"    kubectl apply -k {k}overlays/{env} -l 'app.kubernetes.io/component notin ({BOOTSTRAP})'"
            for env in envs
        ]
    if helm:
        out += [""] if kustomize else []
        out += [
            "With Helm, the administrator creates and labels each namespace (the chart does not own it) and applies "
            "the chart's bootstrap objects outside the release:",
            "",
            f"    kubectl create namespace {app}-<env>",
            f"    kubectl label namespace {app}-<env> pod-security.kubernetes.io/enforce=restricted \\",
            "      pod-security.kubernetes.io/enforce-version=latest pod-security.kubernetes.io/audit=restricted \\",
            "      pod-security.kubernetes.io/warn=restricted",
            *(
                [f"    kubectl annotate namespace {app}-<env> field.cattle.io/projectId=<cluster-id>:<project-id>"]
                if rancher  # the namespace joins this cluster's project of <env> (and the project's quota)
                else []
            ),
            f"    helm template {app} ./helm -n {app}-<env> -f helm/values-<env>.yaml \\",
            "      --show-only templates/rbac.yaml --show-only templates/governance.yaml \\",
            f"      | kubectl apply -n {app}-<env> -f -",
            "",
            "Deployers install and upgrade the release without them:",
            "",
            f"    helm upgrade --install {app} ./helm -n {app}-<env> -f helm/values-<env>.yaml {HELM_BOOTSTRAP_OFF} \\",
            "      --rollback-on-failure --wait --history-max 10   # Helm 3: --atomic",
        ]
    return out


def cluster_needs(decision: Decision, kustomize: bool) -> list[str]:
    """What an administrator installs first, on an empty cluster, before anything else in this README."""
    c = decision.choices
    secret = c.get("secrets", "external-secrets")
    out = ["", "## The cluster needs", "", "Install these first; the steps below assume them:", ""]
    out += way_in_needs(decision)
    out.append("- a CNI that enforces NetworkPolicy (default deny is on)")
    if needs_reloader(decision):
        out.append(f"- {RELOADER}, for Rotation")
    if c.get("postgres") == "in-cluster":
        out.append("- CloudNativePG and its barman-cloud plugin (`barman-cloud.cloudnative-pg.io`)")
    controllers = {"sealed-secrets": "- the Sealed Secrets controller", "sops": "- SOPS and KSOPS where you build"}
    out.append(controllers.get(secret, "- External Secrets Operator (v1 API)"))
    out += [f"- {need}" for need in readme_observability.needs(decision)]
    return out


def after_deploy(decision: Decision) -> list[str]:
    """The linter exceptions chosen (observability has its own sections, readme_observability)."""
    c = decision.choices
    out = [
        "",
        "## Where the linters disagree (chosen deliberately)",
        "",
    ]
    workloads = ["the app"]
    workloads += (
        ["the S3 gateway"] if c.get("object_storage") == "managed" and c.get("object_access") == "s3-gateway" else []
    )
    workloads += ["MinIO and its bucket Job"] if c.get("object_storage") == "in-cluster" else []
    workloads += ["the restore drill's Job"] if c.get("postgres") == "in-cluster" else []
    workloads += ["the `helm test` Pod"] if c.get("manifests") in ("helm", "both") else []
    skipped = dict(README_REASONS)
    if c.get("secret_rotation") == "reread-files":  # credentials are files: nothing to excuse
        skipped.pop("CKV_K8S_35")
    if c.get("manifests") not in ("helm", "both"):
        skipped.pop("CKV_K8S_8/9")
    out.append(f"Each is a `checkov.io/skipN` annotation on the workloads it applies to ({', '.join(workloads)}):")
    out += [f"- `{check}`: {reason}." for check, reason in skipped.items()]
    out.append("- Ephemeral-storage requests and limits are set on every container, as kube-score asks.")
    return out
