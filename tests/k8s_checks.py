"""Property checks over rendered Kubernetes objects, one function per K8S-CHECKLIST item (4-16, 22).

Each check takes the objects as plain dicts (a Kustomize build, a Helm render, or the builders' output) and
returns violations as strings "Kind/name: what is wrong"; an empty list means the item holds. Reused by the
Kustomize, Helm and hardening tests, so it depends on nothing but the objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Obj = dict[str, Any]
WORKLOAD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod")
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
                  "PriorityClass", "ClusterIssuer", "ClusterSecretStore", "IngressClass"}  # fmt: skip
RESOURCE_KEYS = ("cpu", "memory", "ephemeral-storage")


def ref(obj: Obj) -> str:
    return f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"


def pod_spec(obj: Obj) -> Obj | None:
    spec = obj.get("spec") or {}
    if obj.get("kind") == "Pod":
        return spec
    if obj.get("kind") == "CronJob":
        return spec.get("jobTemplate", {}).get("spec", {}).get("template", {}).get("spec")
    if obj.get("kind") in WORKLOAD_KINDS:
        return spec.get("template", {}).get("spec")
    return None


def containers(obj: Obj) -> Iterator[tuple[Obj, Obj]]:
    """(pod spec, container) for every container, init containers included."""
    pod = pod_spec(obj)
    if pod:
        for container in [*pod.get("initContainers", []), *pod.get("containers", [])]:
            yield pod, container


def check_images(objects: list[Obj]) -> list[str]:  # item 4
    out = []
    for obj in objects:
        for _, c in containers(obj):
            image, name = c.get("image", ""), c.get("name")
            tail = image.rsplit("/", 1)[-1]
            if "@sha256:" not in image and (":" not in tail or tail.endswith(":latest")):
                out.append(f"{ref(obj)}: container {name} image {image!r} is not pinned")
            if c.get("imagePullPolicy") not in ("IfNotPresent", "Always"):
                out.append(f"{ref(obj)}: container {name} has no explicit imagePullPolicy")
    return out


def check_security_context(objects: list[Obj]) -> list[str]:  # item 5
    out = []
    for obj in objects:
        for pod, c in containers(obj):
            psc, sc, where = (
                pod.get("securityContext") or {},
                c.get("securityContext") or {},
                f"{ref(obj)}/{c.get('name')}",
            )
            if sc.get("runAsNonRoot", psc.get("runAsNonRoot")) is not True:
                out.append(f"{where}: runAsNonRoot is not true")
            for key in ("runAsUser", "runAsGroup"):
                if int(sc.get(key, psc.get(key, 0)) or 0) < 10000:
                    out.append(f"{where}: {key} is below 10000")
            if sc.get("allowPrivilegeEscalation") is not False:
                out.append(f"{where}: allowPrivilegeEscalation is not false")
            if sc.get("readOnlyRootFilesystem") is not True:
                out.append(f"{where}: readOnlyRootFilesystem is not true")
            if "ALL" not in (sc.get("capabilities") or {}).get("drop", []):
                out.append(f"{where}: capabilities.drop lacks ALL")
            if sc.get("privileged") is True:
                out.append(f"{where}: privileged")
    return out


def check_pod_identity(objects: list[Obj]) -> list[str]:  # item 6
    out = []
    for obj in objects:
        pod = pod_spec(obj)
        if pod is None:
            continue
        if (pod.get("securityContext") or {}).get("seccompProfile", {}).get("type") != "RuntimeDefault":
            out.append(f"{ref(obj)}: pod seccompProfile is not RuntimeDefault")
        if pod.get("automountServiceAccountToken") is not False:
            out.append(f"{ref(obj)}: automountServiceAccountToken is not false on the pod")
        if pod.get("serviceAccountName") == "default" or (
            obj["kind"] == "Deployment" and not pod.get("serviceAccountName")
        ):
            out.append(f"{ref(obj)}: runs as the default ServiceAccount")
    return out


def check_resources(objects: list[Obj]) -> list[str]:  # item 7
    out = []
    for obj in objects:
        for _, c in containers(obj):
            res = c.get("resources") or {}
            for part in ("requests", "limits"):
                missing = [key for key in RESOURCE_KEYS if key not in (res.get(part) or {})]
                if missing:
                    out.append(f"{ref(obj)}/{c.get('name')}: {part} lack {', '.join(missing)}")
    return out


def check_probes(objects: list[Obj]) -> list[str]:  # item 8 (long-running workloads)
    out = []
    for obj in objects:
        if obj.get("kind") not in ("Deployment", "StatefulSet"):
            continue
        for _, c in containers(obj):
            where, ports = f"{ref(obj)}/{c.get('name')}", {p.get("name") for p in c.get("ports", [])}
            probes = {kind: c.get(kind) for kind in ("readinessProbe", "livenessProbe", "startupProbe")}
            out += [f"{where}: no {kind}" for kind, probe in probes.items() if not probe]
            if probes["readinessProbe"] and probes["readinessProbe"] == probes["livenessProbe"]:
                out.append(f"{where}: readiness and liveness probes are identical")
            for kind, probe in probes.items():
                port = ((probe or {}).get("httpGet") or (probe or {}).get("tcpSocket") or {}).get("port")
                if probe and (not isinstance(port, str) or port not in ports):
                    out.append(f"{where}: {kind} port {port!r} is not a named container port")
    return out


def check_production(objects: list[Obj]) -> list[str]:  # item 9, for the objects of one prod environment
    out = []
    budgets = [o for o in objects if o.get("kind") == "PodDisruptionBudget"]
    for obj in objects:
        if obj.get("kind") != "Deployment":
            continue
        spec, pod = obj.get("spec", {}), pod_spec(obj) or {}
        if "replicas" in spec and int(spec["replicas"]) < 2:
            out.append(f"{ref(obj)}: fewer than 2 replicas in prod")
        if spec.get("strategy", {}).get("type", "RollingUpdate") != "RollingUpdate":
            out.append(f"{ref(obj)}: strategy is not RollingUpdate")
        if not pod.get("topologySpreadConstraints") and not (pod.get("affinity") or {}).get("podAntiAffinity"):
            out.append(f"{ref(obj)}: no topologySpreadConstraints or pod anti-affinity")
        labels = spec.get("template", {}).get("metadata", {}).get("labels", {})
        if not any(_selects(b["spec"].get("selector", {}), labels) for b in budgets):
            out.append(f"{ref(obj)}: no PodDisruptionBudget selects its pods")
    return out


def _selects(selector: Obj, labels: dict[str, str]) -> bool:
    wanted = selector.get("matchLabels") or {}
    return bool(wanted) and all(labels.get(k) == v for k, v in wanted.items())


def _denies_all(spec: Obj) -> bool:
    both = set(spec.get("policyTypes", [])) == {"Ingress", "Egress"}
    return spec.get("podSelector") in ({}, None) and both and not spec.get("ingress") and not spec.get("egress")


def check_network_policies(objects: list[Obj]) -> list[str]:  # item 10
    policies = [o for o in objects if o.get("kind") == "NetworkPolicy"]
    deny = [p for p in policies if _denies_all(p["spec"])]
    out = [] if deny else ["no default-deny NetworkPolicy (ingress and egress)"]
    for obj in objects:
        if obj.get("kind") != "Deployment":
            continue
        labels = obj["spec"]["template"]["metadata"].get("labels", {})
        if not any(_selects(p["spec"].get("podSelector", {}), labels) and p["spec"].get("ingress") for p in policies):
            out.append(f"{ref(obj)}: no NetworkPolicy allows ingress to it")
    return out


def check_service_and_ingress(objects: list[Obj]) -> list[str]:  # item 11
    out = []
    for obj in objects:
        kind, spec, annotations = obj.get("kind"), obj.get("spec") or {}, obj["metadata"].get("annotations") or {}
        if kind == "Service" and spec.get("type", "ClusterIP") != "ClusterIP":
            out.append(f"{ref(obj)}: type {spec.get('type')} instead of ClusterIP")
        if kind != "Ingress":
            continue
        if obj.get("apiVersion") != "networking.k8s.io/v1":
            out.append(f"{ref(obj)}: apiVersion {obj.get('apiVersion')}")
        if not spec.get("ingressClassName"):
            out.append(f"{ref(obj)}: no ingressClassName")
        if "kubernetes.io/ingress.class" in annotations:
            out.append(f"{ref(obj)}: deprecated kubernetes.io/ingress.class annotation")
        if not any(t.get("hosts") and t.get("secretName") for t in spec.get("tls", [])):
            out.append(f"{ref(obj)}: no tls block with hosts and secretName")
        if not ({"cert-manager.io/cluster-issuer", "cert-manager.io/issuer"} & set(annotations)):
            out.append(f"{ref(obj)}: no cert-manager issuer annotation")
    return out


def check_way_in(objects: list[Obj]) -> list[str]:  # item 35: Gateway API, with TLS from cert-manager
    out = []
    gateways = {o["metadata"]["name"]: o for o in objects if o.get("kind") == "Gateway"}
    for name, gateway in gateways.items():
        annotations = gateway["metadata"].get("annotations") or {}
        if not ({"cert-manager.io/cluster-issuer", "cert-manager.io/issuer"} & set(annotations)):
            out.append(f"Gateway/{name}: no cert-manager issuer annotation")
        listeners = gateway["spec"].get("listeners", [])
        https = [li for li in listeners if li.get("protocol") == "HTTPS"]
        if not https or not all(li.get("hostname") and li.get("tls", {}).get("certificateRefs") for li in https):
            out.append(f"Gateway/{name}: no HTTPS listener with a hostname and a certificate")
        if not any(li.get("protocol") == "HTTP" and li.get("port") == 80 for li in listeners):
            out.append(f"Gateway/{name}: no HTTP listener on 80 for ACME HTTP-01")
        if gateway["spec"].get("gatewayClassName") in ("nginx", ""):
            out.append(f"Gateway/{name}: class {gateway['spec'].get('gatewayClassName')!r}")
    for route in (o for o in objects if o.get("kind") == "HTTPRoute"):
        for parent in route["spec"].get("parentRefs", []):
            if parent.get("kind", "Gateway") == "Gateway" and parent["name"] not in gateways:
                out.append(f"HTTPRoute/{route['metadata']['name']}: its Gateway {parent['name']} is not rendered")
    for ingress in (o for o in objects if o.get("kind") == "Ingress"):
        if ingress["spec"].get("ingressClassName") == "nginx":
            out.append(f"Ingress/{ingress['metadata']['name']}: names ingress-nginx, retired in March 2026")
    return out


def check_namespaces(objects: list[Obj]) -> list[str]:  # item 12
    out = []
    for obj in objects:
        meta = obj.get("metadata") or {}
        if obj.get("kind") == "Namespace":
            if (meta.get("labels") or {}).get("pod-security.kubernetes.io/enforce") != "restricted":
                out.append(f"{ref(obj)}: not labelled pod-security.kubernetes.io/enforce=restricted")
        elif obj.get("kind") not in CLUSTER_SCOPED and meta.get("namespace") in (None, "", "default"):
            out.append(f"{ref(obj)}: namespace is {meta.get('namespace')!r}")
    return out


def check_jobs(objects: list[Obj]) -> list[str]:  # item 13
    out = []
    for obj in objects:
        spec = obj.get("spec") or {}
        if obj.get("kind") == "Job" and "ttlSecondsAfterFinished" not in spec:
            out.append(f"{ref(obj)}: no ttlSecondsAfterFinished")
        if obj.get("kind") == "CronJob":
            if spec.get("concurrencyPolicy") != "Forbid":
                out.append(f"{ref(obj)}: concurrencyPolicy is not Forbid")
            if "startingDeadlineSeconds" not in spec:
                out.append(f"{ref(obj)}: no startingDeadlineSeconds")
    return out


def check_no_plain_secrets(objects: list[Obj]) -> list[str]:  # item 14 (objects and kustomization files)
    out = []
    for obj in objects:
        if obj.get("kind") == "Secret" and (obj.get("data") or obj.get("stringData")):
            out.append(f"{ref(obj)}: plain Secret with data")
        for generator in obj.get("secretGenerator") or []:
            if generator.get("literals") or generator.get("envs") or generator.get("files"):
                out.append(f"kustomization: secretGenerator {generator.get('name')} with values")
    return out


def check_secret_delivery(objects: list[Obj]) -> list[str]:  # item 15
    out = []
    stores = {o["metadata"]["name"] for o in objects if o.get("kind") in ("SecretStore", "ClusterSecretStore")}
    for obj in objects:
        kind, api = obj.get("kind"), obj.get("apiVersion")
        if kind in ("ExternalSecret", "SecretStore", "ClusterSecretStore") and api != "external-secrets.io/v1":
            out.append(f"{ref(obj)}: apiVersion {api}, want external-secrets.io/v1")
        if kind == "ExternalSecret" and obj["spec"].get("secretStoreRef", {}).get("name") not in stores:
            out.append(f"{ref(obj)}: its SecretStore is not rendered")
        if kind == "SealedSecret" and api != "bitnami.com/v1alpha1":
            out.append(f"{ref(obj)}: apiVersion {api}, want bitnami.com/v1alpha1")
    return out


S3 = ("endpoint", "bucket", "access-key-id", "secret-access-key")
# What the app reads for its objects, by object access: (Secret suffix, keys). Workload identity means no key.
OBJECT_INTERFACE = {
    "s3-keys": ("s3", S3),
    "s3-gateway": ("s3", S3),
    "s3-workload-identity": ("s3", S3[:2]),
    "gcs-workload-identity": ("gcs", ("bucket",)),
    "blob-workload-identity": ("blob", ("account-url", "container")),
    "none": ("", ()),
}


def object_access_of(choices: dict[str, str]) -> str:
    """The access an app must use: MinIO in the cluster speaks S3 with keys; no storage needs nothing."""
    storage = choices.get("object_storage", "managed")
    if storage == "in-cluster":
        return "s3-keys"
    return "none" if storage == "not-needed" else choices.get("object_access", "s3-keys")


def check_secret_interface(objects: list[Obj], app: str, object_storage: bool | str) -> list[str]:  # item 16
    """The app reads `APP-db` (uri, username, password) and its object store's Secret in every mode; where
    workload identity reaches the store (`object_storage` names the access), it reads no access key at all."""
    access = object_storage if isinstance(object_storage, str) else ("s3-keys" if object_storage else "none")
    suffix, keys = OBJECT_INTERFACE[access]
    wanted = {(f"{app}-db", key) for key in ("uri", "username", "password")}
    wanted |= {(f"{app}-{suffix}", key) for key in keys}
    out = []
    for obj in objects:
        if obj.get("kind") != "Deployment" or obj["metadata"]["name"] != app:
            continue
        refs = set()
        for _, c in containers(obj):
            for e in c.get("env", []):
                ref_ = (e.get("valueFrom") or {}).get("secretKeyRef")
                if ref_:
                    refs.add((ref_["name"], ref_["key"]))
                elif e["name"].endswith("_FILE"):  # credentials read from mounted files: SECRET dir / key
                    *_, secret, key = e.get("value", "").split("/")
                    refs.add((f"{app}-{secret}", key))
        out += [f"{ref(obj)}: does not read {name}/{key}" for name, key in sorted(wanted - refs)]
        keys_read = {key for _, key in refs if key in ("access-key-id", "secret-access-key")}
        if keys_read and "access-key-id" not in keys:
            out.append(f"{ref(obj)}: reads an access key where workload identity reaches the store")
    return out


def check_rbac(objects: list[Obj]) -> list[str]:  # item 22
    out = []
    for obj in objects:
        kind = obj.get("kind")
        if kind == "ClusterRoleBinding":
            out.append(f"{ref(obj)}: ClusterRoleBinding")
        if kind in ("RoleBinding",) and obj.get("roleRef", {}).get("name") in ("cluster-admin", "admin"):
            out.append(f"{ref(obj)}: binds {obj['roleRef']['name']}")
        if kind in ("Role", "ClusterRole"):
            for rule in obj.get("rules", []):
                for field in ("verbs", "resources", "apiGroups"):
                    if "*" in rule.get(field, []):
                        out.append(f"{ref(obj)}: wildcard in {field}")
                resources = set(rule.get("resources", []))
                if "secrets" in resources and "read-only" in obj["metadata"]["name"]:
                    out.append(f"{ref(obj)}: grants access to secrets")
                admin = {"roles", "rolebindings", "namespaces", "resourcequotas", "limitranges"}
                reading = set(rule.get("verbs", [])) <= {"get", "list", "watch"}  # the on-call reads its quota
                if resources & admin and not (reading and resources <= {"resourcequotas", "limitranges"}):
                    out.append(f"{ref(obj)}: manages its own access or quota (an administrator's objects)")
    return out


CHECKS: tuple[Callable[[list[Obj]], list[str]], ...] = (
    check_images, check_security_context, check_pod_identity, check_resources, check_probes, check_network_policies,
    check_service_and_ingress, check_way_in, check_namespaces, check_jobs, check_no_plain_secrets,
    check_secret_delivery, check_rbac,
)  # fmt: skip


def all_violations(objects: list[Obj], *, prod: bool = False) -> list[str]:
    """Every environment-independent check (plus item 9 when `prod`); item 16 needs the app name, call it apart."""
    out = [v for check in CHECKS for v in check(objects)]
    return out + (check_production(objects) if prod else [])
