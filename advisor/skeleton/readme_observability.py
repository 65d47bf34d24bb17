"""The README's "Observability" and "Alerts" sections: where logs, metrics and traces go, what to set up for the
choice made (per provider for a managed one), the alerts with their thresholds, and how to test the rules.
"""

from __future__ import annotations

from advisor import observability_plan as plan
from advisor.decision import Decision
from advisor.skeleton import alerts, log_shipping, names, observability, tracing
from advisor.skeleton.alert_model import Alert
from advisor.skeleton.model import Target

# CloudWatch Logs accepts only these retention periods (PutRetentionPolicy); the next one up keeps at least N days.
CLOUDWATCH_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288)
LOKI_VALUES = observability.LOKI_VALUES


def _managed_logs(decision: Decision, days: int) -> list[str]:
    provider, app = decision.answers.hosting.provider, names.app(decision.answers)
    cloudwatch = next((d for d in CLOUDWATCH_DAYS if d >= days), 3653)
    return {
        "aws": [
            "EKS: install the Amazon CloudWatch Observability add-on (Fluent Bit ships container logs to CloudWatch "
            f"Logs), then keep them {days} days (CloudWatch's next allowed period is {cloudwatch}):",
            "",
            "    aws logs put-retention-policy --log-group-name /aws/containerinsights/CLUSTER/application \\",
            f"      --retention-in-days {cloudwatch}",
        ],
        "gcp": [
            f"GKE sends container logs to Cloud Logging by default. Keep them {days} days:",
            "",
            f"    gcloud logging buckets update _Default --location=global --retention-days={days}",
        ],
        "azure": [
            "AKS: enable Container insights (`az aks enable-addons -a monitoring`), then keep the logs "
            f"{days} days (interactive retention stops at 730; the total may reach 4383):",
            "",
            "    az monitor log-analytics workspace table update --resource-group RG --workspace-name WS \\",
            f"      --name ContainerLogV2 --retention-time {min(days, 730)} --total-retention-time {days}",
        ],
    }.get(provider, [f"Ship {app}'s container logs with the provider's agent and keep them {days} days."])


def _logs(decision: Decision) -> list[str]:
    a, logs = decision.answers, decision.choices.get("logs")
    days = plan.log_retention_days(a)
    out = [f"**Logs** ({logs}): the app logs JSON to stdout; they are kept {plan.retention_reason(a)}."]
    if logs == "managed":
        return [*out, "", *_managed_logs(decision, days)]
    if log_shipping.ships(decision):
        installer = (
            "Rancher Logging (Cluster Tools in Rancher)" if logs == "rancher-logging" else "the Logging operator"
        )
        out.append(
            f"A Flow and an Output `{names.app(a)}-logs` in each namespace ship every pod's logs; {installer} must "
            "run in the cluster with a `Logging` resource."
        )
    if logs == "site-platform":
        out.append(
            f"They go to `{a.observability.log_endpoint}` ({a.observability.log_platform}); its team keeps them "
            f"{days} days (an obligation in the ADR)."
        )
        if log_shipping.token_secret(decision):
            out.append(f"The HEC token comes from Secret `{names.app(a)}-log-platform` (key `hec-token`).")
    elif log_shipping.ships(decision):
        out.append(
            f"They go to Loki at `{log_shipping.LOKI_URL}` (chart `grafana/loki`, release `loki` in namespace "
            f"`logging`); `{LOKI_VALUES}` sets its retention to {days} days: merge it into Loki's values."
        )
    return out


def _managed_metrics(decision: Decision) -> list[str]:
    provider = decision.answers.hosting.provider
    receiver = decision.answers.observability.alert_receiver or "the on-call mailbox"
    return {
        "aws": [
            "Amazon Managed Service for Prometheus: run a Prometheus agent in namespace `monitoring` that "
            "remote-writes to the workspace with SigV4, load each environment's rules, and send alerts to an SNS "
            "topic that "
            f"{receiver} subscribes to:",
            "",
            "    aws amp create-rule-groups-namespace --workspace-id WS --name ENV --data fileb://monitoring/ENV-rules.yaml",
        ],
        "gcp": [
            "Google Cloud Managed Service for Prometheus: managed collection (namespace `gmp-system`) scrapes a "
            "`PodMonitoring` per namespace on port `metrics`; wrap each group of `monitoring/ENV-rules.yaml` in a "
            f"`Rules` resource, and route alerts to {receiver} in the managed Alertmanager's configuration.",
        ],
        "azure": [
            "Azure Monitor managed service for Prometheus: `az aks update --enable-azure-monitor-metrics` (its agents "
            "run in `kube-system`); create a Prometheus rule group from each `monitoring/ENV-rules.yaml` and an "
            f"action group that e-mails {receiver}.",
        ],
    }.get(provider, ["Load `monitoring/ENV-rules.yaml` into the managed Prometheus and route its alerts."])


def _metrics(decision: Decision) -> list[str]:
    metrics, scraper = decision.choices.get("metrics"), observability.scraper_namespace(decision)
    days = decision.answers.backup.drill_interval_days
    out = [f"**Metrics** ({metrics}): the app serves `/metrics` on port `metrics` ({names.METRICS_PORT}); "]
    out[0] += f"NetworkPolicies `*-metrics` let namespace `{scraper}` scrape it and every other exporter."
    if metrics == "managed":
        return [*out, "", *_managed_metrics(decision)]
    where = "Rancher Monitoring (Cluster Tools)" if metrics == "rancher-monitoring" else "kube-prometheus-stack"
    keep = (
        f", and keep at least {days} days of data (`prometheus.prometheusSpec.retention`), or RestoreDrillOverdue "
        "fires early"
        if decision.choices.get("postgres") == "in-cluster"
        else ""
    )
    out.append(
        f"{where} must select the ServiceMonitor, PodMonitors, PrometheusRule and AlertmanagerConfig in this "
        f"namespace (kube-prometheus-stack: set `*SelectorNilUsesHelmValues=false`){keep}."
    )
    if decision.answers.observability.alert_receiver:
        out.append("The AlertmanagerConfig mails the receiver through Alertmanager's global SMTP settings.")
    return out


def _tracing(decision: Decision) -> list[str]:
    app = names.app(decision.answers)
    if not tracing.adopted(decision):
        return [
            "**Tracing** (later): the ConfigMap sets the OpenTelemetry SDK's `OTEL_*` variables with "
            "`OTEL_SDK_DISABLED=true`; set `observability.otel_adopted: true` and decide again to add a Collector."
        ]
    mirror = (
        " Air-gapped: mirror the Collector image the operator uses and set the operator's `--collector-image`."
        if decision.answers.regulation.air_gapped
        else ""
    )
    return [
        f"**Tracing** (otel-collector): the OpenTelemetry Operator runs the Collector `{tracing.collector_name(app)}` "
        f"in each namespace (Service `{tracing.collector_service(app)}`); it sends traces to "
        f"`{tracing.backend(decision)}`.{mirror}"
    ]


def _alert_rows(decision: Decision) -> list[str]:
    rows = ["| Alert | Severity in production | Fires on |", "| --- | --- | --- |"]
    envs = list(decision.answers.environments)
    prod = next((env for env in envs if names.is_prod(env)), envs[-1])
    seen: dict[str, Alert] = {}
    for env in [prod, *envs]:
        for alert in alerts.group(Target(decision, "", env)).alerts:
            seen.setdefault(alert.name, alert)
    for alert in seen.values():
        rows.append(f"| [{alert.name}](RUNBOOK.md#{alert.anchor}) | {alert.severity} | {alert.threshold} |")
    return rows


def needs(decision: Decision) -> list[str]:
    """What the cluster must run for the choices made (the README's "The cluster needs")."""
    c = decision.choices
    out = {
        "in-cluster": ["the Prometheus Operator, Prometheus and Alertmanager (kube-prometheus-stack) in `monitoring`"],
        "rancher-monitoring": ["Rancher Monitoring (Prometheus Operator, in `cattle-monitoring-system`)"],
    }.get(c.get("metrics", ""), [])
    if log_shipping.ships(decision):
        shipper = "Rancher Logging" if c.get("logs") == "rancher-logging" else "the Logging operator (kube-logging)"
        store = "" if c.get("logs") == "site-platform" else " and Loki in `logging`"
        out.append(f"{shipper} with a `Logging` resource{store}")
    if tracing.adopted(decision):
        out.append("the OpenTelemetry Operator (`opentelemetry.io/v1beta1`)")
    return out


def sections(decision: Decision) -> list[str]:
    out = ["", "## Observability", "", *_logs(decision), "", *_metrics(decision), "", *_tracing(decision), ""]
    out += ["## Alerts", ""]
    out.append(
        "`monitoring/ENV-rules.yaml` holds each environment's alerts in plain Prometheus format"
        + (" (and the PrometheusRule in its overlay or chart)" if observability.operator(decision) else "")
        + "; each alert's `runbook_url` points at RUNBOOK.md. The thresholds follow from the answers:"
    )
    reasons = plan.app_reasons()
    if decision.choices.get("postgres") == "in-cluster":
        reasons += plan.alert_reasons(decision.answers)
    out += ["", *(f"- {line}" for line in reasons), ""]
    out += [*_alert_rows(decision), ""]
    out += [
        "Test the rules as CI does, with `promtool` (Debian's `prometheus` package, or the `prom/prometheus` image "
        "with `--entrypoint promtool`); every alert has a case where it fires and one where it stays quiet:",
        "",
        "    promtool check rules monitoring/*-rules.yaml",
        "    promtool test rules monitoring/*.test.yaml",
    ]
    return out
