"""Write a generated chart to disk, lint it and render it with the real Helm engine (helm-python-sdk, Helm v4).

Shared by the Helm tests: one place that knows how a decision becomes a chart folder and rendered objects.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.answers import Answers
from advisor.content import force
from advisor.decision import Decision
from advisor.pipeline import evaluate
from advisor.skeleton import SkeletonContext
from advisor.skeleton.helm import build_helm

helm_python = pytest.importorskip("helm_python", reason="helm-python-sdk (test extra) renders the chart")

KUBE_VERSION = "v1.30.0"
ADR_ID = "ADR-0007"
ADR_RELPATH = "../docs/adr/0007-deploy-the-service-mode.md"
HOOK = "helm.sh/hook"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Chart:
    decision: Decision
    root: Path  # the --out folder
    dir: Path  # the chart folder inside it
    files: dict[str, bytes]

    @property
    def app(self) -> str:
        return self.decision.answers.project.name

    def values(self, env: str) -> dict[str, Any]:
        return yaml.safe_load((self.dir / f"values-{env}.yaml").read_text())

    def lint(self, env: str, values: dict[str, Any] | None = None) -> dict[str, Any]:
        merged = self.values(env) if values is None else values
        return helm_python.lint(str(self.dir), merged, kube_version=KUBE_VERSION, namespace=f"{self.app}-{env}")

    def render(self, env: str, values: dict[str, Any] | None = None) -> dict[str, str]:
        chart = helm_python.Chart.load(str(self.dir))
        merged = self.values(env) if values is None else values
        return chart.render(merged, name=self.app, namespace=f"{self.app}-{env}", is_install=True)

    def objects(self, env: str, values: dict[str, Any] | None = None, *, hooks: bool = True) -> list[dict[str, Any]]:
        """Every rendered object (NOTES.txt left out), in template order; `hooks=False` drops helm test hooks."""
        out = []
        for template, text in sorted(self.render(env, values).items()):
            if template.endswith("NOTES.txt"):
                continue
            for doc in yaml.load_all(text, Loader=LOADER):
                if doc is None:
                    continue
                if not hooks and "test" in doc["metadata"].get("annotations", {}).get(HOOK, ""):
                    continue
                out.append(doc)
        return out


def context(decision: Decision, out: Path) -> SkeletonContext:
    return SkeletonContext(out, ADR_ID, ADR_RELPATH)


def write_chart(decision: Decision, out: Path) -> Chart:
    files = {path: force(data) for path, data in build_helm(decision, context(decision, out))}
    assert files, f"no chart for manifests={decision.choices.get('manifests')}"
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    chart_yaml = next(path for path in files if path.endswith("/Chart.yaml") and path.count("/") == 1)
    return Chart(decision, out, out / chart_yaml.rsplit("/", 1)[0], files)


def render_both(decision: Decision, out: Path) -> tuple[Chart, Path]:
    """A `manifests: both` decision's skeleton written to `out`: its chart, and the Kustomize tree's folder."""
    from tests.skeleton.kustomize_support import render

    files = render(decision, out)
    assert any(path.startswith("helm/") for path in files), "manifests=both must write the chart"
    return Chart(decision, out, out / "helm", files), out / "kustomize"


def decide(answers: Answers) -> Decision:
    decision, _, _ = evaluate(answers)
    return decision


def with_choices(decision: Decision, **choices: str) -> Decision:
    """The same answers with some decisions forced: the matrix covers outcomes no example reaches."""
    return decision.model_copy(update={"choices": {**decision.choices, **choices}})


def with_environments(decision: Decision, envs: list[str]) -> Decision:
    answers = decision.answers.model_copy(update={"environments": envs})
    return decision.model_copy(update={"answers": answers})


def lint_problems(report: dict[str, Any]) -> list[str]:
    """Warnings and errors (severity >= 2); Helm's info notes such as "icon is recommended" are not problems."""
    return [f"{m['path']}: {m['error']}" for m in report["messages"] if m["severity"] >= 2] + list(report["errors"])


BUILT_IN_GROUPS = ("", "apps", "batch", "policy", "networking.k8s.io", "rbac.authorization.k8s.io")
# Custom resources: no schema in kubernetes-validate, so the fields each operator requires are checked by hand.
CRD_REQUIRED: dict[tuple[str, str], tuple[str, ...]] = {
    ("postgresql.cnpg.io/v1", "Cluster"): ("spec.instances", "spec.imageName", "spec.storage.size", "spec.bootstrap"),
    ("postgresql.cnpg.io/v1", "ScheduledBackup"): ("spec.schedule", "spec.cluster.name", "spec.method"),
    ("barmancloud.cnpg.io/v1", "ObjectStore"): ("spec.configuration.destinationPath",),
    ("external-secrets.io/v1", "SecretStore"): ("spec.provider",),
    ("external-secrets.io/v1", "ExternalSecret"): ("spec.secretStoreRef.name", "spec.target.name", "spec.data"),
    ("bitnami.com/v1alpha1", "SealedSecret"): ("spec.encryptedData", "spec.template.metadata.name"),
    ("monitoring.coreos.com/v1", "ServiceMonitor"): ("spec.selector", "spec.endpoints"),
    ("monitoring.coreos.com/v1", "PodMonitor"): ("spec.selector", "spec.podMetricsEndpoints"),
    ("monitoring.coreos.com/v1", "PrometheusRule"): ("spec.groups",),
    ("monitoring.coreos.com/v1alpha1", "AlertmanagerConfig"): ("spec.route.receiver", "spec.receivers"),
    ("logging.banzaicloud.io/v1beta1", "Flow"): ("spec.match", "spec.localOutputRefs"),
    ("logging.banzaicloud.io/v1beta1", "Output"): ("spec",),
    ("opentelemetry.io/v1beta1", "OpenTelemetryCollector"): ("spec.mode", "spec.config"),
    ("gateway.networking.k8s.io/v1", "Gateway"): ("spec.gatewayClassName", "spec.listeners"),
    ("gateway.networking.k8s.io/v1", "HTTPRoute"): ("spec.parentRefs", "spec.hostnames"),
}


def is_built_in(obj: dict[str, Any]) -> bool:
    group = obj["apiVersion"].rpartition("/")[0]
    return group in BUILT_IN_GROUPS


def _get(obj: dict[str, Any], dotted: str) -> Any:
    node: Any = obj
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def validate_object(obj: dict[str, Any]) -> list[str]:
    """Schema problems of one object: Kubernetes 1.30 strict for built-in kinds, required fields for CRDs."""
    name = f"{obj.get('kind')}/{_get(obj, 'metadata.name')}"
    if is_built_in(obj):
        errors = _validator(obj["apiVersion"], obj["kind"]).iter_errors(obj)
        return [f"{name}: {'.'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]
    required = CRD_REQUIRED.get((obj["apiVersion"], obj["kind"]))
    if required is None:
        return [f"{name}: unexpected custom resource {obj['apiVersion']}"]
    problems = [f"{name}: {field} is required" for field in required if _get(obj, field) in (None, "", [], {})]
    for field in ("metadata.name", "metadata.namespace"):
        if not _get(obj, field):
            problems.append(f"{name}: {field} is required")
    return problems


@functools.cache
def _validator(api_version: str, kind: str) -> Any:
    """kubernetes-validate's strict 1.30 schema for one kind, loaded once (its own `validate` reloads every call)."""
    import jsonschema
    import kubernetes_validate
    from kubernetes_validate.utils import schema_contents
    from referencing import Registry, Resource

    folder = f"kubernetes-json-schema/v{KUBE_VERSION.removeprefix('v')}-local-strict"
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", api_version)
    try:
        schema = schema_contents(f"{folder}/{kind.lower()}-{group_version}.json", KUBE_VERSION)
    except FileNotFoundError:
        raise kubernetes_validate.SchemaNotFoundError(version="1.30", kind=kind, api_version=api_version) from None
    definitions = schema_contents(f"{folder}/_definitions.json", KUBE_VERSION)
    registry = Resource.from_contents(definitions) @ (Resource.from_contents(schema) @ Registry())
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)
