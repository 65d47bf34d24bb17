"""The NetworkPolicies the observability baseline needs on top of default deny (K8S-CHECKLIST item 28).

NetworkPolicies add up, so these stand beside the app's and the database's own: the scraper's namespace may reach
each metrics port (the app's `metrics`, CloudNativePG's 9187, MinIO's S3 port where its v3 metrics are); with a
Collector, the app may send it OTLP and the Collector may reach DNS and the trace backend's port, nothing else.
Logs need no flow in the namespace: the Logging operator's agents read them from the nodes.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import monitoring, names, network, tracing
from advisor.skeleton.model import Target, obj

ANYWHERE = [{"ipBlock": {"cidr": "0.0.0.0/0"}}]


def _from_namespace(name: str) -> dict[str, Any]:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}


def _ports(*ports: int | str) -> list[dict[str, Any]]:
    return [{"port": port, "protocol": "TCP"} for port in ports]


def scrape_policies(t: Target, scraper: str) -> list[dict[str, Any]]:
    out = []
    for name, pods, port in monitoring.scrape_ports(t):
        spec = {
            "podSelector": pods,
            "policyTypes": ["Ingress"],
            "ingress": [{"from": [_from_namespace(scraper)], "ports": _ports(port)}],
        }
        out.append(obj(network.API, "NetworkPolicy", t.meta(name, "monitoring"), spec=spec))
    return out


def tracing_policies(t: Target) -> list[dict[str, Any]]:
    app_pods = names.selector_labels(t.answers)
    collector = tracing.collector_pods(t.app)
    otlp = _ports(*tracing.PORTS.values())
    send = {
        "podSelector": {"matchLabels": app_pods},
        "policyTypes": ["Egress"],
        "egress": [{"to": [{"podSelector": {"matchLabels": collector}}], "ports": otlp}],
    }
    receive = {
        "podSelector": {"matchLabels": collector},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [{"from": [{"podSelector": {"matchLabels": app_pods}}], "ports": otlp}],
        "egress": [network.dns_egress(), {"to": ANYWHERE, "ports": _ports(tracing.backend_port(t.decision))}],
    }
    return [
        obj(network.API, "NetworkPolicy", t.meta(f"{t.app}-send-traces", "tracing"), spec=send),
        obj(network.API, "NetworkPolicy", t.meta(tracing.collector_service(t.app), "tracing"), spec=receive),
    ]
