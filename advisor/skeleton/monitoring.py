"""The Prometheus Operator's objects, where metrics are in-cluster or Rancher Monitoring (SPEC-0006 3.4).

A ServiceMonitor for the app; PodMonitors for CloudNativePG's instances (their `metrics` port, 9187) and for MinIO
(its v3 metrics on the S3 port, readable without a token: MINIO_PROMETHEUS_AUTH_TYPE=public, with the NetworkPolicy
letting only the scraper's namespace in); an AlertmanagerConfig that routes the namespace's alerts to the answers'
receiver. Each environment's alerts are a PrometheusRule in its overlay (`alerts.prometheus_rule`).
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names, network
from advisor.skeleton.minio import serves_tls
from advisor.skeleton.model import Target, obj

API = "monitoring.coreos.com/v1"
ALERTMANAGER_API = "monitoring.coreos.com/v1alpha1"
INTERVAL = "30s"
CNPG_METRICS_PORT = 9187
MINIO_METRICS_PATH = "/minio/metrics/v3"


def service_monitor(t: Target) -> dict[str, Any]:
    spec = {
        "selector": {"matchLabels": names.selector_labels(t.answers)},
        "endpoints": [{"port": "metrics", "path": "/metrics", "interval": INTERVAL}],
    }
    return obj(API, "ServiceMonitor", t.meta(t.app, "monitoring"), spec=spec)


def db_pod_monitor(t: Target) -> dict[str, Any]:
    """The live database and, after a restore, the restored cluster: its WAL archiving and backups stay watched."""
    spec = {
        "selector": network.app_databases_selector(t),
        "podMetricsEndpoints": [{"port": "metrics", "interval": INTERVAL}],
    }
    return obj(API, "PodMonitor", t.meta(names.db_cluster(t.answers), "monitoring"), spec=spec)


def minio_pod_monitor(t: Target) -> dict[str, Any]:
    endpoint: dict[str, Any] = {"port": "s3", "path": MINIO_METRICS_PATH, "interval": INTERVAL}
    if serves_tls(t):
        ca = {"secret": {"name": names.minio_tls_secret(t.answers), "key": "ca.crt"}}
        endpoint |= {"scheme": "https", "tlsConfig": {"ca": ca, "serverName": names.minio(t.answers)}}
    spec = {"selector": {"matchLabels": network.minio_selector(t)}, "podMetricsEndpoints": [endpoint]}
    return obj(API, "PodMonitor", t.meta(names.minio(t.answers), "monitoring"), spec=spec)


def alertmanager_config(t: Target) -> dict[str, Any] | None:
    """Routes this namespace's alerts (the operator adds the namespace matcher) to the answers' receiver by e-mail;
    the SMTP relay is Alertmanager's global setting (README)."""
    receiver = t.answers.observability.alert_receiver
    if receiver is None:
        return None
    spec = {
        "route": {
            "receiver": "on-call",
            "groupBy": ["alertname", "namespace"],
            "groupWait": "30s",
            "groupInterval": "5m",
            "repeatInterval": "4h",
        },
        "receivers": [{"name": "on-call", "emailConfigs": [{"to": receiver, "sendResolved": True}]}],
    }
    return obj(ALERTMANAGER_API, "AlertmanagerConfig", t.meta(f"{t.app}-alerts", "monitoring"), spec=spec)


def objects(t: Target) -> list[dict[str, Any]]:
    out = [service_monitor(t)]
    if t.in_cluster_db:
        out.append(db_pod_monitor(t))
    if t.object_storage == "in-cluster":
        out.append(minio_pod_monitor(t))
    config = alertmanager_config(t)
    return out + ([config] if config else [])


def scrape_ports(t: Target) -> list[tuple[str, dict[str, Any], int | str]]:
    """(policy name, pod selector, port) of every metrics endpoint the scraper must reach, whoever the scraper is."""
    out: list[tuple[str, dict[str, Any], int | str]] = [
        (f"{t.app}-metrics", {"matchLabels": names.selector_labels(t.answers)}, "metrics")
    ]
    if t.in_cluster_db:
        out.append((f"{names.db_cluster(t.answers)}-metrics", network.app_databases_selector(t), CNPG_METRICS_PORT))
    if t.object_storage == "in-cluster":
        out.append((f"{names.minio(t.answers)}-metrics", {"matchLabels": network.minio_selector(t)}, names.MINIO_PORT))
    return out
