"""Turn a decision into a skeleton on disk and build its overlays with the real `kubectl kustomize`.

Shared by the Kustomize tests: the decision matrix, writing the files, building, and schema validation.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.answers import Answers, load_answers
from advisor.decision import Decision
from advisor.pipeline import evaluate
from advisor.skeleton import SkeletonContext, build_skeleton

ADR_ID = "ADR-0007"
ADR_RELPATH = "../docs/adr/0007-deploy-the-service-mode.md"
BUILT_IN_GROUPS = {"v1", "apps/v1", "batch/v1", "policy/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1"}
KUBECTL = shutil.which("kubectl")
needs_kubectl = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed: overlays not built")

# Custom resources: the fields each must have (dotted paths), beyond apiVersion/kind/metadata.name.
CRD_REQUIRED = {
    ("postgresql.cnpg.io/v1", "Cluster"): ["spec.instances", "spec.storage.size", "spec.imageName", "spec.bootstrap"],
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): ["spec.schedule", "spec.cluster.name", "spec.method"],
    ("barmancloud.cnpg.io/v1", "ObjectStore"): ["spec.configuration.destinationPath"],
    ("external-secrets.io/v1", "SecretStore"): ["spec.provider"],
    ("external-secrets.io/v1", "ExternalSecret"): ["spec.secretStoreRef.name", "spec.target.name", "spec.data"],
    ("bitnami.com/v1alpha1", "SealedSecret"): ["spec.encryptedData", "spec.template.metadata.name"],
    ("monitoring.coreos.com/v1", "ServiceMonitor"): ["spec.selector", "spec.endpoints"],
    ("monitoring.coreos.com/v1", "PodMonitor"): ["spec.selector", "spec.podMetricsEndpoints"],
    ("monitoring.coreos.com/v1", "PrometheusRule"): ["spec.groups"],
    ("monitoring.coreos.com/v1alpha1", "AlertmanagerConfig"): ["spec.route.receiver", "spec.receivers"],
    ("logging.banzaicloud.io/v1beta1", "Flow"): ["spec.match", "spec.localOutputRefs"],
    ("logging.banzaicloud.io/v1beta1", "Output"): ["spec"],
    ("opentelemetry.io/v1beta1", "OpenTelemetryCollector"): ["spec.mode", "spec.config"],
    ("management.cattle.io/v3", "Project"): ["spec.clusterName", "spec.displayName"],
    ("management.cattle.io/v3", "ProjectRoleTemplateBinding"): ["projectName", "roleTemplateName"],
    ("fleet.cattle.io/v1alpha1", "GitRepo"): ["spec.repo"],
    ("gateway.networking.k8s.io/v1", "Gateway"): ["spec.gatewayClassName", "spec.listeners"],
    ("gateway.networking.k8s.io/v1", "HTTPRoute"): ["spec.parentRefs", "spec.hostnames"],
}


@functools.cache
def example_decision(path: Path) -> Decision:
    return evaluate(load_answers(path))[0]


def variant(decision: Decision, envs: list[str] | None = None, **choices: str) -> Decision:
    """The same decision with some choices (and environments) replaced: drives the builder over the matrix."""
    answers: Answers = decision.answers
    if envs is not None:
        answers = answers.model_copy(update={"environments": envs})
    return decision.model_copy(update={"answers": answers, "choices": {**decision.choices, **choices}})


def render(decision: Decision, out: Path) -> dict[str, bytes]:
    context = SkeletonContext(out, ADR_ID, ADR_RELPATH)
    files = {item.path: item.data for item in build_skeleton(decision, context)}
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return files


def kustomize(folder: Path) -> list[dict[str, Any]]:
    assert KUBECTL is not None
    proc = subprocess.run([KUBECTL, "kustomize", str(folder)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, f"kubectl kustomize {folder} failed:\n{proc.stderr}"
    return [doc for doc in yaml.load_all(proc.stdout, Loader=yaml.CSafeLoader) if doc]


def build_overlays(root: Path, envs: list[str], drill: bool) -> tuple[dict[str, list[dict[str, Any]]], list[dict]]:
    """Build every overlay (and the restore drill) in one `kubectl kustomize` run: a throw-away kustomization
    lists them all as resources. Overlays live in distinct namespaces, so nothing collides; the result is split
    back per environment (by namespace) and the drill objects (by component label)."""
    aggregate = root / "_all"
    aggregate.mkdir(exist_ok=True)
    resources = [f"../overlays/{env}" for env in envs] + (["../restore-drill"] if drill else [])
    (aggregate / "kustomization.yaml").write_text(yaml.safe_dump({"resources": resources}))
    built = kustomize(aggregate)
    drill_ids = set()
    for part in sorted((root / "components" / "restore-drill").glob("*.yaml")) if drill else []:
        drill_ids |= {
            (d["kind"], d["metadata"]["name"]) for d in yaml.safe_load_all(part.read_text()) if "metadata" in d
        }
    drilled = [o for o in built if (o["kind"], o["metadata"]["name"]) in drill_ids]
    per_env: dict[str, list[dict[str, Any]]] = {env: [] for env in envs}
    by_namespace = {env_ns: env for env in envs for env_ns in [_namespace_of(root, env)]}
    for obj in built:
        if any(obj is d for d in drilled):
            continue
        meta = obj["metadata"]
        ns = meta["name"] if obj["kind"] == "Namespace" else meta.get("namespace")
        per_env[by_namespace[ns]].append(obj)
    return per_env, drilled


def _namespace_of(root: Path, env: str) -> str:
    return yaml.safe_load((root / "overlays" / env / "kustomization.yaml").read_text())["namespace"]


def dig(obj: dict[str, Any], dotted: str) -> Any:
    current: Any = obj
    for part in dotted.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


@functools.cache
def _kubernetes_validate() -> Any:
    """kubernetes_validate re-reads its JSON schema files on every call; cache them (read-only) for speed."""
    import kubernetes_validate
    import kubernetes_validate.utils as utils

    utils.schema_contents = functools.cache(utils.schema_contents)
    return kubernetes_validate


def schema_problems(obj: dict[str, Any]) -> list[str]:
    """Built-in kinds against the Kubernetes 1.30 schema (strict); custom resources by their required fields."""
    kubernetes_validate = _kubernetes_validate()

    where = f"{obj.get('kind')}/{dig(obj, 'metadata.name')}"
    if obj.get("apiVersion") in BUILT_IN_GROUPS:
        try:
            kubernetes_validate.validate(obj, "1.30.0", strict=True)
        except kubernetes_validate.ValidationError as exc:
            return [f"{where}: {exc.message} at {'.'.join(map(str, exc.path))}"]
        return []
    required = CRD_REQUIRED.get((obj.get("apiVersion"), obj.get("kind")))
    if required is None:
        return [f"{where}: unexpected custom resource {obj.get('apiVersion')}"]
    missing = [path for path in ["metadata.name", *required] if dig(obj, path) in (None, "", [], {})]
    return [f"{where}: missing {path}" for path in missing]
