"""Metrics for clusters with the Prometheus Operator: a ServiceMonitor component (SPEC-0006 section 3.4).

Kept as an optional Kustomize component because the CRD exists only where the operator is installed; the scrape
port is on the Service either way, so plain Prometheus annotations or another scraper work too.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names
from advisor.skeleton.model import Target, obj


def service_monitor(t: Target) -> dict[str, Any]:
    spec = {
        "selector": {"matchLabels": names.selector_labels(t.answers)},
        "endpoints": [{"port": "metrics", "path": "/metrics", "interval": "30s"}],
    }
    return obj("monitoring.coreos.com/v1", "ServiceMonitor", t.meta(t.app, "metrics"), spec=spec)
