"""The chart's `observability` values: the same objects as the Kustomize tree's `observability` component, as data.

The monitors, the Flow and the NetworkPolicies are built by `templates/observability.yaml` from these switches; the
Output's and the Collector's specs and each environment's alert rules are passed whole, as the Kustomize tree dumps
them, so both trees describe the same objects.
"""

from __future__ import annotations

from typing import Any

from advisor.decision import Decision
from advisor.skeleton import alerts, log_shipping, observability, tracing
from advisor.skeleton.helm_schema_parts import BOOL, DNS_LABEL, PORT, _obj, _str
from advisor.skeleton.model import Target


def shared(decision: Decision, adr_id: str) -> dict[str, Any]:
    """Defaults for every environment; the rules are the first environment's, so a bare render has some."""
    first = decision.answers.environments[0]
    return {
        "scraperNamespace": observability.scraper_namespace(decision),
        "operator": observability.operator(decision),
        "alertReceiver": decision.answers.observability.alert_receiver or "",
        **per_env(decision, adr_id, first),
        "logging": {
            "enabled": log_shipping.ships(decision),
            "output": log_shipping.output_spec(decision),
            "tokenSecret": log_shipping.token_secret(decision) is not None,
        },
        "tracing": {
            "enabled": tracing.adopted(decision),
            "collector": tracing.collector_spec(decision),
            "backendPort": tracing.backend_port(decision),
        },
    }


def per_env(decision: Decision, adr_id: str, env: str) -> dict[str, Any]:
    """What differs per environment: its alert rules (namespace, severity, the drill's alert in staging)."""
    if not observability.operator(decision):
        return {"rules": []}
    return {"rules": alerts.rules_document(alerts.group(Target(decision, adr_id, env)))["groups"]}


def schema() -> dict[str, Any]:
    return _obj(
        {
            "scraperNamespace": _str(DNS_LABEL, description="Where Prometheus (or the managed collector) runs."),
            "operator": {**BOOL, "description": "Render the Prometheus Operator's monitors and rules."},
            "alertReceiver": _str(description="E-mail address for this namespace's alerts; '' for none."),
            "rules": {"type": "array", "items": {"type": "object"}, "description": "PrometheusRule groups."},
            "logging": _obj({"enabled": BOOL, "output": {"type": "object"}, "tokenSecret": BOOL}),
            "tracing": _obj({"enabled": BOOL, "collector": {"type": "object"}, "backendPort": PORT}),
        }
    )
