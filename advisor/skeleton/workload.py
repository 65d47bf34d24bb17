"""The app itself: Namespace, ServiceAccounts, ConfigMap, Deployment, Service, the way in and (prod) a PDB.

The Deployment is hardened per K8S-CHECKLIST items 4-9; where a linter disagrees with a deliberate choice, the
exception is written as a checkov skip annotation on the object (and explained in the generated README).
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import dbtls, identity, linter_exceptions, names, observability, rotation, traffic
from advisor.skeleton.model import Target, obj


def namespace(t: Target) -> dict[str, Any]:
    assert t.env is not None, "namespaces exist per environment only"
    meta = t.meta(t.namespace or "", "namespace", namespaced=False)
    meta["labels"].update(names.namespace_labels(t.answers))
    return obj("v1", "Namespace", meta)


def _account(t: Target, name: str, component: str, found: identity.CloudIdentity | None) -> dict[str, Any]:
    meta = t.meta(name, component, annotations=dict(found.annotations) if found else {})
    return obj("v1", "ServiceAccount", meta, automountServiceAccountToken=False)


def service_accounts(t: Target) -> list[dict[str, Any]]:
    """Per environment, because each names that environment's cloud identity: the app's, External Secrets' own
    (never the app's, so the app's pods cannot read the store), and the S3 gateway's."""
    out = [_account(t, t.app, "app", identity.app(t))]
    if identity.uses_reader(t):
        out.append(_account(t, identity.reader_account(t), "secrets", identity.secret_reader(t)))
    if t.decision.choices.get("object_access") == "s3-gateway":
        out.append(_account(t, identity.gateway_account(t), "object-storage", identity.gateway(t)))
    return out


def config_map(t: Target) -> dict[str, Any]:
    data = {**observability.app_config(t.decision), **dbtls.config(t)}
    return obj("v1", "ConfigMap", t.meta(names.config_map(t.answers), "app"), data=data)


def app_container(t: Target) -> dict[str, Any]:
    probe = {"httpGet": {"path": "/livez", "port": "http"}, "periodSeconds": 10, "timeoutSeconds": 2}
    return {
        "name": "app",
        "image": names.image_ref(t.answers),
        "imagePullPolicy": "IfNotPresent",
        "ports": [
            {"name": "http", "containerPort": names.HTTP_PORT, "protocol": "TCP"},
            {"name": "metrics", "containerPort": names.METRICS_PORT, "protocol": "TCP"},
        ],
        "envFrom": [{"configMapRef": {"name": names.config_map(t.answers)}}],
        "env": rotation.env(t),
        "startupProbe": {**probe, "failureThreshold": 30, "periodSeconds": 2},
        "livenessProbe": {**probe, "failureThreshold": 3},
        "readinessProbe": {**probe, "httpGet": {"path": "/readyz", "port": "http"}, "failureThreshold": 3},
        "resources": names.resources(),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}, dbtls.mount(), *rotation.mounts(t)[0]],
    }


SPREAD_KEYS = ("topology.kubernetes.io/zone", "kubernetes.io/hostname")


def required_spread(t: Target) -> tuple[str, ...]:
    """In production two replicas on one node are one node failure from an outage: spreading across nodes is a
    requirement there (zones stay a preference: many clusters have one)."""
    return ("kubernetes.io/hostname",) if t.prod else ()


def spread_patch() -> list[dict[str, Any]]:
    """The high-availability component's patch: the base's hostname spread becomes a requirement."""
    index = SPREAD_KEYS.index("kubernetes.io/hostname")
    path = f"/spec/template/spec/topologySpreadConstraints/{index}/whenUnsatisfiable"
    return [{"op": "replace", "path": path, "value": "DoNotSchedule"}]


def deployment(t: Target) -> dict[str, Any]:
    selector = names.selector_labels(t.answers)
    container = app_container(t)
    spec: dict[str, Any] = {
        "replicas": names.replicas(t.env or "base"),
        "revisionHistoryLimit": 5,
        "selector": {"matchLabels": selector},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
        "template": {
            "metadata": {"labels": {**t.pod_labels(selector, "app"), **identity.app_pod_labels(t)}},
            "spec": {
                "serviceAccountName": t.app,
                "automountServiceAccountToken": False,
                "securityContext": names.pod_security_context(),
                "topologySpreadConstraints": [
                    {
                        "maxSkew": 1,
                        "topologyKey": key,
                        "whenUnsatisfiable": "DoNotSchedule" if key in required_spread(t) else "ScheduleAnyway",
                        "labelSelector": {"matchLabels": selector},
                    }
                    for key in SPREAD_KEYS
                ],
                "containers": [container],
                "volumes": [
                    {"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}},
                    dbtls.volume(t),
                    *rotation.mounts(t)[1],
                ],
            },
        },
    }
    return obj(
        "apps/v1",
        "Deployment",
        t.meta(t.app, "app", annotations=_workload_annotations(t, container)),
        spec=spec,
    )


def _workload_annotations(t: Target, container: dict[str, Any]) -> dict[str, str]:
    return {**linter_exceptions.for_workload([container]), **rotation.annotations(t, rotation.app_secrets(t))}


def service(t: Target) -> dict[str, Any]:
    ports = [
        {"name": "http", "port": names.SERVICE_PORT, "targetPort": "http", "protocol": "TCP"},
        {"name": "metrics", "port": names.METRICS_PORT, "targetPort": "metrics", "protocol": "TCP"},
    ]
    spec = {"type": "ClusterIP", "selector": names.selector_labels(t.answers), "ports": ports}
    return obj("v1", "Service", t.meta(t.app, "app"), spec=spec)


def pod_disruption_budget(t: Target) -> dict[str, Any]:
    spec = {"minAvailable": 1, "selector": {"matchLabels": names.selector_labels(t.answers)}}
    return obj("policy/v1", "PodDisruptionBudget", t.meta(t.app, "app"), spec=spec)


def base_objects(t: Target) -> list[dict[str, Any]]:
    ca = [] if t.in_cluster_db else [dbtls.ca_configmap_object(t)]  # in the cluster: CloudNativePG's CA Secret
    return [config_map(t), *ca, deployment(t), service(t), *traffic.objects(t)]
