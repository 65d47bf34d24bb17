"""The observability baseline as the rules decided it (SPEC-0006 3.4): logs, metrics, tracing and the alerts.

What each builder adds to an environment, whatever the tree (Kustomize or Helm):
- always: the app's OTEL_* environment, the alert rules as plain Prometheus files with their promtool tests
  (`monitoring/`), and NetworkPolicies that let the scraper's namespace reach every metrics port;
- metrics in-cluster or Rancher Monitoring: the Prometheus Operator's monitors and AlertmanagerConfig
  (`monitoring`), and each environment's rules as a PrometheusRule;
- logs kept in the cluster, by Rancher Logging or on the site's platform: a Flow and an Output (`log_shipping`);
- tracing adopted: an OpenTelemetryCollector and the flows to and from it (`tracing`).
A managed choice adds nothing to the cluster but the flows; the README says what to set up on the provider.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor import observability_plan
from advisor.content import Content
from advisor.decision import Decision
from advisor.skeleton import alert_tests, alerts, log_shipping, monitoring, names, observability_network, tracing
from advisor.skeleton.model import Target
from advisor.skeleton.yamlout import dump_one

OPERATOR = ("in-cluster", "rancher-monitoring")
SCRAPERS = {"in-cluster": "monitoring", "rancher-monitoring": "cattle-monitoring-system"}
# where each provider's managed collection scrapes from: a Prometheus agent remote-writing to Amazon Managed
# Service for Prometheus (README), Google's managed collectors, Azure Monitor's metrics add-on
MANAGED_SCRAPERS = {"aws": "monitoring", "gcp": "gmp-system", "azure": "kube-system"}


def operator(decision: Decision) -> bool:
    """The Prometheus Operator's objects are part of the skeleton (its CRDs exist where metrics are)."""
    return decision.choices.get("metrics") in OPERATOR


def scraper_namespace(decision: Decision) -> str:
    metrics = decision.choices.get("metrics", "in-cluster")
    if metrics == "managed":
        return MANAGED_SCRAPERS.get(decision.answers.hosting.provider, SCRAPERS["in-cluster"])
    return SCRAPERS.get(metrics, SCRAPERS["in-cluster"])


def deploy_rules(decision: Decision, verbs: list[str]) -> list[dict[str, Any]]:
    """What the deploy Role needs to apply this decision's observability objects."""
    out = []
    if operator(decision):
        resources = ["servicemonitors", "podmonitors", "prometheusrules"]
        resources += ["alertmanagerconfigs"] if decision.answers.observability.alert_receiver else []
        out.append({"apiGroups": [monitoring.API.split("/")[0]], "resources": resources, "verbs": list(verbs)})
    if log_shipping.ships(decision):
        out.append(
            {"apiGroups": [log_shipping.API.split("/")[0]], "resources": ["flows", "outputs"], "verbs": list(verbs)}
        )
    if tracing.adopted(decision):
        group = tracing.API.split("/")[0]
        out.append({"apiGroups": [group], "resources": ["opentelemetrycollectors"], "verbs": list(verbs)})
    return out


@dataclass(frozen=True)
class Claim:
    """What the skeleton makes true about logs, metrics and alerts, for the ADR's Confirmation."""

    log_store: str  # where a staging pod's logs are found
    targets: tuple[str, ...]  # the monitors Prometheus scrapes, or the metrics ports for a managed collector
    scraper: str  # the namespace the NetworkPolicies let scrape
    receiver: str  # who a test alert must reach
    route: str  # what routes it there


def claim(decision: Decision) -> Claim:
    a, c = decision.answers, decision.choices
    t = Target(decision, "")
    o = a.observability
    stores = {
        "managed": f"the provider's logging service ({a.hosting.provider})",
        "in-cluster": f"Loki (`{log_shipping.LOKI_URL}`), through Flow and Output `{t.app}-logs`",
        "rancher-logging": f"the Loki in the cluster (`{log_shipping.LOKI_URL}`), through Rancher Logging's Flow and "
        f"Output `{t.app}-logs`",
        "site-platform": f"`{o.log_endpoint}` ({o.log_platform}), through Flow and Output `{t.app}-logs`",
    }
    if operator(decision):
        targets = tuple(
            f"{m['kind']} `{m['metadata']['name']}`" for m in monitoring.objects(t) if "Monitor" in m["kind"]
        )
    else:
        targets = tuple(f"`{name}`" for name, _, _ in monitoring.scrape_ports(t))
    receiver = f"`{o.alert_receiver}`" if o.alert_receiver else "the receiver Alertmanager uses by default"
    route = (
        f"AlertmanagerConfig `{t.app}-alerts`" if operator(decision) and o.alert_receiver else "Alertmanager's route"
    )
    if c.get("metrics") == "managed":
        route = "the managed service's alert route (README)"
    return Claim(stores.get(c.get("logs", ""), "the log store"), targets, scraper_namespace(decision), receiver, route)


def app_config(decision: Decision) -> dict[str, str]:
    """The app's ConfigMap: JSON logs to stdout and the OpenTelemetry SDK's settings."""
    return {**names.config_data(decision.answers), **tracing.env(decision)}


def objects(t: Target) -> list[dict[str, Any]]:
    """What every environment shares (the `observability` component of the Kustomize tree)."""
    out = observability_network.scrape_policies(t, scraper_namespace(t.decision))
    if operator(t.decision):
        out += monitoring.objects(t)
    if log_shipping.ships(t.decision):
        out += log_shipping.objects(t)
    if tracing.adopted(t.decision):
        out += [tracing.collector(t), *observability_network.tracing_policies(t)]
    return out


def overlay_objects(t: Target) -> list[dict[str, Any]]:
    """What differs per environment: its alert rules, as a PrometheusRule where the operator loads them."""
    return [alerts.prometheus_rule(t)] if operator(t.decision) else []


LOKI_VALUES = "monitoring/loki-values.yaml"
LOKI_NOTE = (
    "# Merge into the values of chart grafana/loki (release loki, namespace logging): the log retention the ADR\n"
    "# names. Loki 3 also needs compactor.delete_request_store set to its object store (s3, gcs, azure, filesystem).\n"
)


def loki_values(decision: Decision) -> dict[str, Any]:
    days = observability_plan.log_retention_days(decision.answers)
    return {"loki": {"limits_config": {"retention_period": f"{days * 24}h"}, "compactor": {"retention_enabled": True}}}


def files(decision: Decision, header: str) -> list[tuple[str, Content]]:
    """`monitoring/<env>-rules.yaml` and their promtool tests, for every Kubernetes skeleton."""
    out: list[tuple[str, Content]] = []
    if log_shipping.ships(decision) and decision.choices.get("logs") != "site-platform":
        out.append((LOKI_VALUES, dump_one(loki_values(decision), header + LOKI_NOTE)))
    for env in decision.answers.environments:
        group = alerts.group(Target(decision, "", env))
        out.append((alerts.rules_file(env), dump_one(alerts.rules_document(group), header)))
        for path, document in alert_tests.tests_documents(group, env).items():
            out.append((path, dump_one(document, header)))
    return out
