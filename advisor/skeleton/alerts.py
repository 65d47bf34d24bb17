"""SPEC-0006 5 and Scenario B as Prometheus alerts: one rule group per environment, as data.

Each alert reads only metrics the exporters really export at the versions the README names (kube-state-metrics,
the kubelet, CloudNativePG's instance endpoint with the barman-cloud plugin's metrics, MinIO's v3 API, Prometheus
itself) or a recording rule of the same group. Thresholds come from the answers through `observability_plan`.
Alerts exist only where their component does (`alerts_app`, `alerts_state`). Each alert carries the input series
of one case where it fires and one where it stays quiet; `alert_tests` turns them into promtool unit tests.

The plain rules files (`monitoring/<env>-rules.yaml`) are what a managed Prometheus loads; where the Prometheus
Operator runs, each environment's group is also wrapped in a PrometheusRule in that environment's namespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor.decision import Decision
from advisor.skeleton.model import Target, obj

MONITORING_DIR = "monitoring/"
RUNBOOK_URL = "RUNBOOK.md#{anchor}"  # relative to the skeleton's root, where RUNBOOK.md is
MONITORING_API = "monitoring.coreos.com/v1"
Series = tuple[str, str]  # (series with its labels, promtool's expanding notation of its values)


@dataclass(frozen=True)
class Alert:
    name: str
    expr: str
    for_: str
    severity: str
    summary: str
    firing: list[Series]  # input series under which the alert fires at `at`
    quiet: list[Series]  # ... and under which it stays quiet at `at`
    at: str  # promtool eval_time of both cases
    labels: dict[str, str] = field(default_factory=dict)  # the firing alert's labels from its series
    threshold: str = ""  # the threshold in words, with the answer it comes from (README, docs)
    quiet_at: str | None = None  # when the quiet case is checked, if not at `at`
    step: str = "1m"  # the tests' evaluation interval: an hour for an alert that looks back over days

    @property
    def anchor(self) -> str:
        """The RUNBOOK heading's anchor: GitHub's slug of `### AlertName`."""
        return self.name.lower()

    def rule(self) -> dict[str, Any]:
        annotations = {"summary": self.summary, "runbook_url": RUNBOOK_URL.format(anchor=self.anchor)}
        return {
            "alert": self.name,
            "expr": self.expr,
            "for": self.for_,
            "labels": {"severity": self.severity},
            "annotations": annotations,
        }


@dataclass(frozen=True)
class Group:
    name: str
    records: dict[str, str]  # recording rule name -> expression, evaluated before the alerts that read them
    alerts: list[Alert]

    def rules(self) -> dict[str, Any]:
        records = [{"record": name, "expr": expr} for name, expr in self.records.items()]
        return {"name": self.name, "rules": [*records, *(alert.rule() for alert in self.alerts)]}


def sel(metric: str, **labels: str) -> str:
    """A PromQL selector; a value starting with `~` is a regular expression (`pod=~"app-db-[0-9]+"`)."""
    inner = ",".join(
        f'{key}=~"{value[1:]}"' if value.startswith("~") else f'{key}="{value}"' for key, value in labels.items()
    )
    return f"{metric}{{{inner}}}"


def series(metric: str, **labels: str) -> str:
    """An input series of a promtool test (plain label values only)."""
    return metric + "{" + ", ".join(f'{key}="{value}"' for key, value in labels.items()) + "}"


def group(t: Target) -> Group:
    """Every alert of one environment (`t.env` set)."""
    from advisor.skeleton import alerts_app, alerts_state

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
