"""The app itself: Namespace, ServiceAccount, ConfigMap, Deployment, Service, Ingress and (prod) PodDisruptionBudget.

The Deployment is hardened per K8S-CHECKLIST items 4-9; where a linter disagrees with a deliberate choice, the
exception is written as a checkov skip annotation on the object (and explained in the generated README).
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import linter_exceptions, names, observability
from advisor.skeleton.model import Target, obj


def namespace(t: Target) -> dict[str, Any]:
    assert t.env is not None, "namespaces exist per environment only"
    annotations = {"field.cattle.io/projectId": names.RANCHER_PROJECT_PLACEHOLDER} if t.rancher else {}
    meta = t.meta(t.namespace or "", "namespace", namespaced=False, annotations=annotations)
    meta["labels"].update(names.namespace_labels(t.answers))
    return obj("v1", "Namespace", meta)


def service_account(t: Target) -> dict[str, Any]:
    return obj("v1", "ServiceAccount", t.meta(t.app, "app"), automountServiceAccountToken=False)


def config_map(t: Target) -> dict[str, Any]:
    return obj("v1", "ConfigMap", t.meta(names.config_map(t.answers), "app"), data=observability.app_config(t.decision))


def _secret_env(t: Target) -> list[dict[str, Any]]:
    pairs = [("DATABASE_" + key.upper(), names.db_secret(t.answers), key) for key in names.DB_KEYS]
    if t.object_storage != "not-needed":
        pairs += [("S3_" + key.upper().replace("-", "_"), names.s3_secret(t.answers), key) for key in names.S3_KEYS]
    return [{"name": env, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}} for env, secret, key in pairs]


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
        "env": _secret_env(t),
        "startupProbe": {**probe, "failureThreshold": 30, "periodSeconds": 2},
        "livenessProbe": {**probe, "failureThreshold": 3},
        "readinessProbe": {**probe, "httpGet": {"path": "/readyz", "port": "http"}, "failureThreshold": 3},
        "resources": names.resources(),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }


def deployment(t: Target) -> dict[str, Any]:
    selector = names.selector_labels(t.answers)
    container = app_container(t)
    spec: dict[str, Any] = {
        "replicas": names.replicas(t.env or "base"),
        "revisionHistoryLimit": 5,
        "selector": {"matchLabels": selector},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
        "template": {
            "metadata": {"labels": t.pod_labels(selector, "app")},
            "spec": {
                "serviceAccountName": t.app,
                "automountServiceAccountToken": False,
                "securityContext": names.pod_security_context(),
                "topologySpreadConstraints": [
                    {
                        "maxSkew": 1,
                        "topologyKey": key,
                        "whenUnsatisfiable": "ScheduleAnyway",
                        "labelSelector": {"matchLabels": selector},
                    }
                    for key in ("topology.kubernetes.io/zone", "kubernetes.io/hostname")
                ],
                "containers": [container],
                "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
            },
        },
    }
    return obj(
        "apps/v1",
        "Deployment",
        t.meta(t.app, "app", annotations=linter_exceptions.for_workload([container])),
        spec=spec,
    )


def service(t: Target) -> dict[str, Any]:
    ports = [
        {"name": "http", "port": names.SERVICE_PORT, "targetPort": "http", "protocol": "TCP"},
        {"name": "metrics", "port": names.METRICS_PORT, "targetPort": "metrics", "protocol": "TCP"},
    ]
    spec = {"type": "ClusterIP", "selector": names.selector_labels(t.answers), "ports": ports}
    return obj("v1", "Service", t.meta(t.app, "app"), spec=spec)


def ingress_rules(t: Target, host: str) -> dict[str, Any]:
    """The per-environment part of the Ingress (also the overlay patch)."""
    backend = {"service": {"name": t.app, "port": {"name": "http"}}}
    return {
        "tls": [{"hosts": [host], "secretName": names.tls_secret(t.answers)}],
        "rules": [{"host": host, "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]}}],
    }


def ingress(t: Target) -> dict[str, Any]:
    host = names.host(t.answers, t.env) if t.env else f"base.{t.answers.domain}"
    annotations = {"cert-manager.io/cluster-issuer": t.answers.delivery.tls_issuer}
    spec = {"ingressClassName": names.INGRESS_CLASS, **ingress_rules(t, host)}
    return obj("networking.k8s.io/v1", "Ingress", t.meta(t.app, "app", annotations=annotations), spec=spec)


def pod_disruption_budget(t: Target) -> dict[str, Any]:
    spec = {"minAvailable": 1, "selector": {"matchLabels": names.selector_labels(t.answers)}}
    return obj("policy/v1", "PodDisruptionBudget", t.meta(t.app, "app"), spec=spec)


def base_objects(t: Target) -> list[dict[str, Any]]:
    return [service_account(t), config_map(t), deployment(t), service(t), ingress(t)]
