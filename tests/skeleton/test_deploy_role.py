"""The deploy Role can run the README's deploy and rollback, and nothing an administrator keeps.

Checked as the API server authorises: each object a deployer applies (`kubectl apply -k ... -l 'component notin
(namespace,governance,rbac)'`, or `helm upgrade` with the bootstrap switched off) needs get, create and patch on
its resource; `helm upgrade` also writes its release record (a Secret), deletes what a revision drops and runs
`helm test` as a Pod; `kubectl rollout undo` reads ReplicaSets and patches the Deployment. Defect: the Role had no
Secrets, ServiceAccounts, External Secrets kinds or ReplicaSets, so every one of those commands failed.
"""

from __future__ import annotations

import pytest

from advisor.skeleton.objects import env_objects
from tests.conftest import EXAMPLES
from tests.skeleton.cloud_variants import decision_for
from tests.skeleton.helm_support import write_chart
from tests.skeleton.kustomize_support import example_decision

RESOURCES = {
    "Deployment": ("apps", "deployments"),
    "StatefulSet": ("apps", "statefulsets"),
    "Service": ("", "services"),
    "ConfigMap": ("", "configmaps"),
    "ServiceAccount": ("", "serviceaccounts"),
    "Secret": ("", "secrets"),
    "Pod": ("", "pods"),
    "NetworkPolicy": ("networking.k8s.io", "networkpolicies"),
    "Ingress": ("networking.k8s.io", "ingresses"),
    "PodDisruptionBudget": ("policy", "poddisruptionbudgets"),
    "Job": ("batch", "jobs"),
    "CronJob": ("batch", "cronjobs"),
    "ExternalSecret": ("external-secrets.io", "externalsecrets"),
    "SecretStore": ("external-secrets.io", "secretstores"),
    "SealedSecret": ("bitnami.com", "sealedsecrets"),
    "Cluster": ("postgresql.cnpg.io", "clusters"),
    "ScheduledBackup": ("postgresql.cnpg.io", "scheduledbackups"),
    "ObjectStore": ("barmancloud.cnpg.io", "objectstores"),
    "Gateway": ("gateway.networking.k8s.io", "gateways"),
    "HTTPRoute": ("gateway.networking.k8s.io", "httproutes"),
    "ServiceMonitor": ("monitoring.coreos.com", "servicemonitors"),
    "PodMonitor": ("monitoring.coreos.com", "podmonitors"),
    "PrometheusRule": ("monitoring.coreos.com", "prometheusrules"),
    "AlertmanagerConfig": ("monitoring.coreos.com", "alertmanagerconfigs"),
    "Flow": ("logging.banzaicloud.io", "flows"),
    "Output": ("logging.banzaicloud.io", "outputs"),
    "OpenTelemetryCollector": ("opentelemetry.io", "opentelemetrycollectors"),
    "Namespace": ("", "namespaces"),
    "ResourceQuota": ("", "resourcequotas"),
    "LimitRange": ("", "limitranges"),
    "Role": ("rbac.authorization.k8s.io", "roles"),
    "RoleBinding": ("rbac.authorization.k8s.io", "rolebindings"),
}
BOOTSTRAP = {"namespace", "governance", "rbac"}
APPLY = ("get", "create", "patch")
ROLLOUT_UNDO = [("apps", "replicasets", "list"), ("apps", "replicasets", "get"), ("apps", "deployments", "patch")]
HELM = [("", "secrets", verb) for verb in ("get", "list", "create", "update", "delete")]
HELM += [("", "pods", "create"), ("", "pods", "delete"), ("apps", "deployments", "delete")]


def allowed(rules: list[dict], group: str, resource: str, verb: str) -> bool:
    return any(
        group in r["apiGroups"] and resource in r["resources"] and verb in r["verbs"] for r in rules
    )  # no wildcards: a separate check forbids them


def _role(objects: list[dict], app: str) -> list[dict]:
    return next(o for o in objects if o["kind"] == "Role" and o["metadata"]["name"] == f"{app}-deploy")["rules"]


def _deployed(objects: list[dict]) -> list[dict]:
    return [o for o in objects if o["metadata"].get("labels", {}).get("app.kubernetes.io/component") not in BOOTSTRAP]


def _verbs(obj: dict) -> tuple[str, ...]:
    """Helm creates and deletes its hooks (the `helm test` Pod, hook Jobs); everything else is applied."""
    hook = "helm.sh/hook" in obj["metadata"].get("annotations", {})
    return ("get", "create", "delete") if hook else APPLY


def _missing(rules: list[dict], objects: list[dict], extra: list[tuple[str, str, str]]) -> list[str]:
    needed = {(*RESOURCES[o["kind"]], verb) for o in objects for verb in _verbs(o)} | set(extra)
    return sorted(
        f"{verb} {group or 'core'}/{resource}"
        for group, resource, verb in needed
        if not allowed(rules, group, resource, verb)
    )


CASES = {
    "scenario-a": example_decision(EXAMPLES / "scenario-a.yaml"),
    "scenario-b": example_decision(EXAMPLES / "scenario-b.yaml"),
    "azure-gateway": decision_for("a", "azure"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_deployers_can_apply_the_overlay_and_roll_back(name: str) -> None:
    decision = CASES[name]
    app = decision.answers.project.name
    for env in decision.answers.environments:
        objects = env_objects(decision, "ADR-0007", env)
        rules = _role(objects, app)
        assert _missing(rules, _deployed(objects), ROLLOUT_UNDO) == [], env
        bootstrap = [o for o in objects if o not in _deployed(objects)]
        assert {o["kind"] for o in bootstrap} == {"Namespace", "ResourceQuota", "LimitRange", "Role", "RoleBinding"}
        assert not any(allowed(rules, *RESOURCES[o["kind"]], "patch") for o in bootstrap)  # stays the admin's


@pytest.mark.parametrize("example", ["scenario-c.yaml", "scenario-b-c.yaml"])
def test_deployers_can_helm_upgrade_test_and_roll_back(example: str, tmp_path) -> None:
    decision = example_decision(EXAMPLES / example)
    chart = write_chart(decision, tmp_path)
    for env in decision.answers.environments:
        values = chart.values(env)
        rules = _role(chart.objects(env), chart.app)
        values |= {"rbac": {**values.get("rbac", {}), "create": False}, "quota": {"enabled": False}}
        values |= {"limitRange": {"enabled": False}}
        release = chart.objects(env, values)  # what the deployers' `helm upgrade` renders, `helm test` included
        assert not [o for o in release if o["kind"] in ("Role", "RoleBinding", "ResourceQuota", "LimitRange")]
        assert _missing(rules, release, [*HELM, *ROLLOUT_UNDO]) == [], env


def test_the_read_only_role_never_reads_secrets() -> None:
    for decision in CASES.values():
        objects = env_objects(decision, "ADR-0007", decision.answers.environments[0])
        app = decision.answers.project.name
        read_only = next(o for o in objects if o["kind"] == "Role" and o["metadata"]["name"] == f"{app}-read-only")
        assert not allowed(read_only["rules"], "", "secrets", "get")
