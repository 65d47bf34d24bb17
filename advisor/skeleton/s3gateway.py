"""An S3 gateway in front of Azure Blob Storage, for an app that speaks only S3 (`object_access: s3-gateway`).

S3Proxy's `azureblob-sdk` backend, with an empty identity and credential, signs in with Azure's
DefaultAzureCredential, which the Workload Identity webhook feeds (the pod label and the ServiceAccount's client
id): no storage account key exists. The app reaches the gateway with the key pair in `APP-s3`, which only opens
the gateway (a NetworkPolicy lets the app's pods in and nothing else); the gateway reaches Blob Storage over
https and nothing else. Blob Storage keeps durability, replication and lifecycle rules.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import identity, images, linter_exceptions, names, network, objectstore, rotation
from advisor.skeleton.model import Target, obj

API = "networking.k8s.io/v1"


def name(t: Target) -> str:
    return identity.gateway_account(t)


def selector(t: Target) -> dict[str, str]:
    return {"app.kubernetes.io/name": "s3-gateway", "app.kubernetes.io/instance": name(t)}


def endpoint(t: Target) -> str:
    """What the app's `APP-s3` Secret names as its endpoint."""
    return f"http://{name(t)}:{objectstore.GATEWAY_PORT}"


def _env(t: Target) -> list[dict[str, Any]]:
    def ref(var: str, suffix: str, key: str) -> dict[str, Any]:
        secret = objectstore.secret_name(t, suffix)
        return {"name": var, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}

    return [
        {"name": "S3PROXY_ENDPOINT", "value": f"http://0.0.0.0:{objectstore.GATEWAY_PORT}"},
        {"name": "S3PROXY_AUTHORIZATION", "value": "aws-v2-or-v4"},
        ref("S3PROXY_IDENTITY", "s3", "access-key-id"),
        ref("S3PROXY_CREDENTIAL", "s3", "secret-access-key"),
        {"name": "JCLOUDS_PROVIDER", "value": "azureblob-sdk"},
        ref("JCLOUDS_ENDPOINT", "blob", "account-url"),
        # empty identity and credential: DefaultAzureCredential, i.e. the pod's Workload Identity
        {"name": "JCLOUDS_IDENTITY", "value": ""},
        {"name": "JCLOUDS_CREDENTIAL", "value": ""},
        {"name": "JCLOUDS_FILESYSTEM_BASEDIR", "value": "/tmp/s3proxy"},  # unused; the root filesystem is read-only
        {"name": "LOG_LEVEL", "value": "info"},
    ]


def deployment(t: Target) -> dict[str, Any]:
    tcp = {"tcpSocket": {"port": "http"}, "timeoutSeconds": 2}
    container = {
        "name": "s3proxy",
        "image": images.for_target(t, names.S3PROXY_IMAGE),
        "imagePullPolicy": "IfNotPresent",
        "ports": [{"name": "http", "containerPort": objectstore.GATEWAY_PORT, "protocol": "TCP"}],
        "env": _env(t),
        "startupProbe": {**tcp, "periodSeconds": 2, "failureThreshold": 60},
        "livenessProbe": {**tcp, "periodSeconds": 20, "failureThreshold": 3},
        "readinessProbe": {**tcp, "periodSeconds": 5, "failureThreshold": 2},
        "resources": names.resources("100m", "384Mi", "1", "768Mi"),
        "securityContext": names.container_security_context(),
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
    }
    labels = {**t.pod_labels(selector(t), "object-storage"), identity.AZURE_USE: "true"}
    spec = {
        "replicas": names.replicas(t.env or "base"),
        "revisionHistoryLimit": 5,
        "selector": {"matchLabels": selector(t)},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
        "template": {
            "metadata": {"labels": labels},
            "spec": {
                "serviceAccountName": name(t),
                "automountServiceAccountToken": False,
                "securityContext": names.pod_security_context(),
                "topologySpreadConstraints": [
                    {
                        "maxSkew": 1,
                        "topologyKey": "kubernetes.io/hostname",
                        "whenUnsatisfiable": "ScheduleAnyway",
                        "labelSelector": {"matchLabels": selector(t)},
                    }
                ],
                "containers": [container],
                "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "128Mi"}}],
            },
        },
    }
    secrets = [objectstore.secret_name(t, "s3"), objectstore.secret_name(t, "blob")]
    annotations = {**linter_exceptions.for_workload([container]), **rotation.annotations(t, secrets)}
    meta = t.meta(name(t), "object-storage", annotations=annotations)
    return obj("apps/v1", "Deployment", meta, spec=spec)


def service(t: Target) -> dict[str, Any]:
    port = {"name": "http", "port": objectstore.GATEWAY_PORT, "targetPort": "http", "protocol": "TCP"}
    spec = {"type": "ClusterIP", "selector": selector(t), "ports": [port]}
    return obj("v1", "Service", t.meta(name(t), "object-storage"), spec=spec)


def policy(t: Target) -> dict[str, Any]:
    """The app's pods in; out to DNS and https (Blob Storage and Entra ID's token endpoint) only."""
    app_pods = {"podSelector": {"matchLabels": names.selector_labels(t.answers)}}
    spec = {
        "podSelector": {"matchLabels": selector(t)},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [{"from": [app_pods], "ports": [{"port": "http", "protocol": "TCP"}]}],
        "egress": [
            network.dns_egress(),
            {"to": network.ANYWHERE, "ports": [{"port": names.HTTPS_PORT, "protocol": "TCP"}]},
        ],
    }
    return obj(API, "NetworkPolicy", t.meta(name(t), "object-storage"), spec=spec)


def pod_disruption_budget(t: Target) -> dict[str, Any]:
    spec = {"minAvailable": 1, "selector": {"matchLabels": selector(t)}}
    return obj("policy/v1", "PodDisruptionBudget", t.meta(name(t), "object-storage"), spec=spec)


def objects(t: Target) -> list[dict[str, Any]]:
    return [service(t), deployment(t), policy(t)]
