"""promtool unit tests for the alerts, generated from the same answers as the rules (`promtool test rules`).

Every alert gets a case where it fires, with the labels and annotations it must carry, and a case where it stays
quiet; both read the input series the alert declares. Eval times are promtool's durations from the start of the
series, and `time()` counts from there too.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.skeleton.alert_model import Alert, Group
from advisor.skeleton.alerts import rules_file, tests_file

_LABEL = re.compile(r"\{\{ \$labels\.([a-z_]+) \}\}")


def _inputs(cases: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"series": name, "values": values} for name, values in cases]


def _expected(alert: Alert) -> dict[str, Any]:
    labels = {**alert.labels, "severity": alert.severity}
    summary = _LABEL.sub(lambda m: labels[m.group(1)], alert.summary)
    return {"exp_labels": labels, "exp_annotations": alert.rule()["annotations"] | {"summary": summary}}


def _case(group: Group, alert: Alert, fires: bool) -> dict[str, Any]:
    at = alert.at if fires else (alert.quiet_at or alert.at)
    check = {"eval_time": at, "alertname": alert.name, "exp_alerts": [_expected(alert)] if fires else []}
    return {
        "name": f"{group.name}: {alert.name} {'fires' if fires else 'stays quiet'}",
        "interval": alert.step,
        "input_series": _inputs(alert.firing if fires else alert.quiet),
        "alert_rule_test": [check],
    }


def tests_documents(group: Group, env: str) -> dict[str, dict[str, Any]]:
    """The test files beside `rules_file(env)`, one per evaluation step, by path; promtool resolves `rule_files`
    relative to the test file."""
    out: dict[str, dict[str, Any]] = {}
    for alert in group.alerts:
        doc = out.setdefault(
            tests_file(env, alert.step),
            {"rule_files": [rules_file(env).rpartition("/")[2]], "evaluation_interval": alert.step, "tests": []},
        )
        doc["tests"] += [_case(group, alert, fires) for fires in (True, False)]
    return out
