"""SPEC-0006 5 and Scenario B as Prometheus alerts: one rule group per environment, as data.

Each alert reads only metrics the exporters really export at the versions the README names (kube-state-metrics,
the kubelet, CloudNativePG's instance endpoint with the barman-cloud plugin's metrics, MinIO's v3 API, Prometheus
itself) or a recording rule of the same group. Thresholds come from the answers through `observability_plan`.
Alerts exist only where their component does (`alerts_app`, `alerts_state`). Each alert (`alert_model.Alert`) carries
the input series of one case where it fires and one where it stays quiet; `alert_tests` turns them into promtool
unit tests.

The plain rules files (`monitoring/<env>-rules.yaml`) are what a managed Prometheus loads; where the Prometheus
Operator runs, each environment's group is also wrapped in a PrometheusRule in that environment's namespace.
"""

from __future__ import annotations

from typing import Any

from advisor.decision import Decision
from advisor.skeleton import alerts_app, alerts_state
from advisor.skeleton.alert_model import Group
from advisor.skeleton.model import Target, obj

MONITORING_DIR = "monitoring/"
MONITORING_API = "monitoring.coreos.com/v1"


def group(t: Target) -> Group:
    """Every alert of one environment (`t.env` set)."""
    records, state = alerts_state.alerts(t)
    return Group(f"{t.app}-{t.env}", records, [*alerts_app.alerts(t), *state])


def groups(decision: Decision, adr_id: str = "") -> list[Group]:
    return [group(Target(decision, adr_id, env)) for env in decision.answers.environments]


def rules_file(env: str) -> str:
    """One file per environment: promtool tests evaluate every rule of a file, and an alert built on `absent()`
    in another environment's group would fire in every test of this one."""
    return f"{MONITORING_DIR}{env}-rules.yaml"


def tests_file(env: str, step: str = "1m") -> str:
    """promtool steps through every rule at one interval per test file, so alerts that look back over days get
    their own file, evaluated hourly (a 90-day look-back at one-minute steps takes minutes)."""
    return f"{MONITORING_DIR}{env}-rules.test.yaml" if step == "1m" else f"{MONITORING_DIR}{env}-rules.{step}.test.yaml"


def rules_document(g: Group) -> dict[str, Any]:
    """A plain Prometheus rules file (what a managed Prometheus loads, and `promtool check rules` reads)."""
    return {"groups": [g.rules()]}


def prometheus_rule(t: Target) -> dict[str, Any]:
    """The environment's group as a PrometheusRule in its namespace (the Prometheus Operator loads it)."""
    meta = t.meta(f"{t.app}-alerts", "monitoring")
    return obj(MONITORING_API, "PrometheusRule", meta, spec=rules_document(group(t)))
