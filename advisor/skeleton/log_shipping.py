"""Logs shipped by the Logging operator (Rancher Logging is the same operator): a Flow and an Output per namespace.

The Flow takes every pod of the namespace; the Output is where the `logs` decision keeps them: a Loki in the
cluster (in-cluster, or Rancher Logging with no platform named) or the site's log platform from the answers. The
retention is not a field of these objects: it is Loki's (README) or the platform's (an obligation in the ADR).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from advisor.decision import Decision
from advisor.skeleton import names
from advisor.skeleton.model import Target, obj

API = "logging.banzaicloud.io/v1beta1"
SHIPPED = ("in-cluster", "rancher-logging", "site-platform")
# grafana/loki's gateway, installed as release `loki` in namespace `logging` (README); inside the cluster
LOKI_URL = "http://loki-gateway.logging.svc.cluster.local"
SPLUNK_TOKEN_KEY = "hec-token"


def ships(decision: Decision) -> bool:
    return decision.choices.get("runtime") == "kubernetes" and decision.choices.get("logs") in SHIPPED


def token_secret(decision: Decision) -> tuple[str, tuple[str, ...]] | None:
    """The Secret a platform needs a token from (Splunk's HTTP Event Collector), delivered like every other."""
    o = decision.answers.observability
    if ships(decision) and decision.choices.get("logs") == "site-platform" and o.log_platform == "splunk":
        return f"{names.app(decision.answers)}-log-platform", (SPLUNK_TOKEN_KEY,)
    return None


def output_spec(decision: Decision) -> dict[str, Any]:
    """The Output's spec as data: the Kustomize tree dumps it, the chart takes it as a value."""
    o = decision.answers.observability
    if decision.choices.get("logs") != "site-platform" or o.log_endpoint is None:
        return {"loki": {"url": LOKI_URL, "configure_kubernetes_labels": True}}
    url = urlsplit(o.log_endpoint)
    https = url.scheme == "https"
    host, port = url.hostname or "", url.port or (443 if https else 80)
    if o.log_platform == "loki":
        return {"loki": {"url": o.log_endpoint, "configure_kubernetes_labels": True}}
    if o.log_platform in ("elasticsearch", "opensearch"):
        index = names.app(decision.answers)
        spec = {"host": host, "port": port, "scheme": url.scheme, "ssl_verify": True, "index_name": index}
        return {o.log_platform: spec}
    if o.log_platform == "splunk":
        secret, keys = token_secret(decision) or ("", ("",))
        token = {"valueFrom": {"secretKeyRef": {"name": secret, "key": keys[0]}}}
        return {"splunkHec": {"hec_host": host, "hec_port": port, "protocol": url.scheme, "hec_token": token}}
    return {"http": {"endpoint": o.log_endpoint, "format": {"type": "json"}}}


def objects(t: Target) -> list[dict[str, Any]]:
    name = f"{t.app}-logs"
    flow = {"match": [{"select": {}}], "localOutputRefs": [name]}  # every pod of this namespace
    return [
        obj(API, "Output", t.meta(name, "logging"), spec=output_spec(t.decision)),
        obj(API, "Flow", t.meta(name, "logging"), spec=flow),
    ]
