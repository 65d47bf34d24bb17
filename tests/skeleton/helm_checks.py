"""Checklist properties (K8S-CHECKLIST items 4-16 and 22) read from rendered chart objects.

Each check returns problem strings, so one failing assertion lists everything wrong with a render.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

POD_KINDS = {"Deployment", "StatefulSet", "Job", "Pod", "CronJob"}
NAMESPACED_EXEMPT = {"Namespace", "ClusterRole", "ClusterRoleBinding"}
RESOURCE_KEYS = ("cpu", "memory", "ephemeral-storage")


def pod_spec(obj: dict[str, Any]) -> dict[str, Any] | None:
    kind = obj["kind"]
    if kind == "Pod":
        return obj["spec"]
    if kind == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    if kind in POD_KINDS:
        return obj["spec"]["template"]["spec"]
    return None


def containers(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from spec.get("initContainers", [])
    yield from spec.get("containers", [])


def _where(obj: dict[str, Any]) -> str:
    return f"{obj['kind']}/{obj['metadata']['name']}"


def workload_problems(obj: dict[str, Any]) -> list[str]:
    spec = pod_spec(obj)
    if spec is None:
        return []
    where = _where(obj)
    out = []
    pod_sc = spec.get("securityContext", {})
    if pod_sc.get("runAsNonRoot") is not True or pod_sc.get("runAsUser", 0) < 10000:
        out.append(f"{where}: pod must run as non-root with runAsUser >= 10000")
    if pod_sc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        out.append(f"{where}: seccompProfile must be RuntimeDefault")
    if spec.get("automountServiceAccountToken") is not False:
        out.append(f"{where}: automountServiceAccountToken must be false")
    if spec.get("serviceAccountName", "default") == "default":
        out.append(f"{where}: needs a dedicated ServiceAccount")
    for c in containers(spec):
        name = f"{where}/{c['name']}"
        image = c.get("image", "")
        tag = image.rpartition(":")[2] if ":" in image.rpartition("/")[2] else ""
        if "@sha256:" not in image and (not tag or tag == "latest"):
            out.append(f"{name}: image {image!r} needs a pinned tag")
        sc = c.get("securityContext", {})
        expected = {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "privileged": False}
        out += [f"{name}: securityContext.{k} must be {v}" for k, v in expected.items() if sc.get(k) is not v]
        if sc.get("capabilities", {}).get("drop") != ["ALL"]:
            out.append(f"{name}: capabilities must drop ALL")
        res = c.get("resources", {})
        for part in ("requests", "limits"):
            out += [f"{name}: resources.{part}.{k} missing" for k in RESOURCE_KEYS if k not in res.get(part, {})]
    if obj["kind"] == "Job" and "ttlSecondsAfterFinished" not in obj["spec"]:
        out.append(f"{where}: a Job needs ttlSecondsAfterFinished")
    if obj["kind"] == "CronJob" and (
        obj["spec"].get("concurrencyPolicy") != "Forbid" or "startingDeadlineSeconds" not in obj["spec"]
    ):
        out.append(f"{where}: a CronJob needs concurrencyPolicy Forbid and startingDeadlineSeconds")
    return out


def app_problems(objects: list[dict[str, Any]], app: str, prod: bool) -> list[str]:
    """The app's own items: probes, prod availability, Service, Ingress, default deny."""
    by_kind_name = {(o["kind"], o["metadata"]["name"]): o for o in objects}
    out = []
    deployment = by_kind_name.get(("Deployment", app))
    if deployment is None:
        return [f"Deployment/{app} missing"]
    c = deployment["spec"]["template"]["spec"]["containers"][0]
    port_names = {p["name"] for p in c.get("ports", [])}
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        port = c.get(probe, {}).get("httpGet", {}).get("port")
        if port not in port_names:
            out.append(f"{probe} must use a named container port (got {port!r})")
    if c["readinessProbe"]["httpGet"]["path"] == c["livenessProbe"]["httpGet"]["path"]:
        out.append("readiness and liveness must differ")
    if prod:
        if deployment["spec"].get("replicas", 1) < 2:
            out.append("prod needs replicas >= 2")
        if not deployment["spec"]["template"]["spec"].get("topologySpreadConstraints"):
            out.append("prod needs topologySpreadConstraints")
        if ("PodDisruptionBudget", app) not in by_kind_name:
            out.append("prod needs a PodDisruptionBudget")
    if by_kind_name.get(("Service", app), {}).get("spec", {}).get("type") != "ClusterIP":
        out.append("Service must be ClusterIP")
    ingress = by_kind_name.get(("Ingress", app))
    if ingress is None:
        out.append("Ingress missing")
    else:
        annotations = ingress["metadata"].get("annotations", {})
        if not ingress["spec"].get("ingressClassName") or not ingress["spec"].get("tls"):
            out.append("Ingress needs ingressClassName and tls")
        if "cert-manager.io/cluster-issuer" not in annotations or "kubernetes.io/ingress.class" in annotations:
            out.append("Ingress needs cert-manager.io/cluster-issuer and no kubernetes.io/ingress.class")
    deny = by_kind_name.get(("NetworkPolicy", "default-deny"))
    if deny is None or deny["spec"] != {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}:
        out.append("NetworkPolicy default-deny must select every pod for Ingress and Egress")
    return out


def object_problems(obj: dict[str, Any], adr_id: str) -> list[str]:
    """Items every object must satisfy: namespace, no plain Secret, RBAC without wildcards, ADR annotation."""
    where = _where(obj)
    out = []
    meta = obj["metadata"]
    if obj["kind"] not in NAMESPACED_EXEMPT and meta.get("namespace") in (None, "", "default"):
        out.append(f"{where}: needs a namespace other than default")
    if obj["kind"] == "Secret" and ("data" in obj or "stringData" in obj):
        out.append(f"{where}: plain Secret with data")
    if obj["kind"] in ("ClusterRoleBinding", "ClusterRole"):
        out.append(f"{where}: no cluster-wide RBAC")
    for rule in obj.get("rules", []) if obj["kind"] == "Role" else []:
        for field in ("apiGroups", "resources", "verbs"):
            if "*" in rule.get(field, []):
                out.append(f"{where}: wildcard in {field}")
        if "secrets" in rule.get("resources", []):
            out.append(f"{where}: grants access to secrets")
    if obj["kind"] == "ExternalSecret" and obj["apiVersion"] != "external-secrets.io/v1":
        out.append(f"{where}: ExternalSecret must be external-secrets.io/v1")
    if meta.get("annotations", {}).get("advisor.dev/adr") != adr_id:
        out.append(f"{where}: advisor.dev/adr annotation must be {adr_id}")
    return out + workload_problems(obj)
