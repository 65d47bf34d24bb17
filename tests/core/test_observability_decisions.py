"""The three SPEC-0006 3.4 decisions: every flip as a table, what-if naming it, and data that stays on site.

Each row starts from some answers, changes one answer, and says which rule decides before and after. The same
change must appear in `what_if` of the starting decision, so the ADR and the interview name it.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings

from advisor import log_retention, observability_plan
from advisor.answers import Answers
from advisor.engine import decide
from advisor.whatif import what_if
from tests.hardening.strategies import ANSWERS

from .cases import BASE, assign

ON_PREM_REGULATED = {
    "regulation.regulated": True,
    "regulation.frameworks": ["hipaa"],
    "regulation.data_residency": "on-premises",
    "hosting.provider": "on-premises",
}
# name, starting changes to BASE, (field, value), decision, (value, rule) before, (value, rule) after
FLIPS: list[tuple[str, dict[str, Any], tuple[str, Any], str, tuple[str, str], tuple[str, str]]] = [
    (
        "a cloud provider gives managed logging",
        {"hosting.provider": "on-premises"},
        ("hosting.provider", "aws"),
        "logs",
        ("in-cluster", "logs.in-cluster"),
        ("managed", "logs.managed-on-cloud"),
    ),
    (
        "a cloud provider gives managed Prometheus",
        {"hosting.provider": "other"},
        ("hosting.provider", "gcp"),
        "metrics",
        ("in-cluster", "metrics.in-cluster"),
        ("managed", "metrics.managed-on-cloud"),
    ),
    (
        "an air gap keeps logs off the cloud",
        {},
        ("regulation.air_gapped", True),
        "logs",
        ("managed", "logs.managed-on-cloud"),
        ("in-cluster", "logs.stay-on-site"),
    ),
    (
        "an air gap keeps metrics off the cloud",
        {},
        ("regulation.air_gapped", True),
        "metrics",
        ("managed", "metrics.managed-on-cloud"),
        ("in-cluster", "metrics.stay-on-site"),
    ),
    (
        "on-premises residency keeps regulated logs on site",
        {"regulation.regulated": True, "regulation.frameworks": ["gdpr"], "regulation.data_residency": "region"},
        ("regulation.data_residency", "on-premises"),
        "logs",
        ("managed", "logs.managed-on-cloud"),
        ("in-cluster", "logs.stay-on-site"),
    ),
    (
        "regulated data on premises keeps metrics on site",
        {"regulation.frameworks": ["gdpr"], "regulation.data_residency": "on-premises"},
        ("regulation.regulated", True),
        "metrics",
        ("managed", "metrics.managed-on-cloud"),
        ("in-cluster", "metrics.stay-on-site"),
    ),
    (
        "a third team brings Rancher Logging",
        {"organization.teams": 2},
        ("organization.teams", 3),
        "logs",
        ("managed", "logs.managed-on-cloud"),
        ("rancher-logging", "logs.rancher-logging"),
    ),
    (
        "a third team brings Rancher Monitoring, on site too",
        {**ON_PREM_REGULATED, "organization.teams": 2},
        ("organization.teams", 3),
        "metrics",
        ("in-cluster", "metrics.stay-on-site"),
        ("rancher-monitoring", "metrics.rancher-monitoring"),
    ),
    (
        "naming the site's log platform sends the logs there",
        ON_PREM_REGULATED,
        ("observability.log_endpoint", "https://logs.example.org"),
        "logs",
        ("in-cluster", "logs.stay-on-site"),
        ("site-platform", "logs.site-platform"),
    ),
    (
        "adopting OpenTelemetry brings a Collector",
        {},
        ("observability.otel_adopted", True),
        "tracing",
        ("later", "tracing.later"),
        ("otel-collector", "tracing.otel-collector"),
    ),
    (
        "Phase 3 is before Kubernetes",
        {"phase": 4},
        ("phase", 3),
        "logs",
        ("managed", "logs.managed-on-cloud"),
        ("compose", "logs.compose-before-kubernetes"),
    ),
    (
        "Phase 3 has no Prometheus yet",
        {"phase": 4, "hosting.provider": "other"},
        ("phase", 3),
        "metrics",
        ("in-cluster", "metrics.in-cluster"),
        ("compose", "metrics.compose-before-kubernetes"),
    ),
]


def _answers(changes: dict[str, Any]) -> Answers:
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        assign(data, path, value)
    return Answers.model_validate(data)


@pytest.mark.parametrize(
    ("start", "change", "key", "before", "after"), [f[1:] for f in FLIPS], ids=[f[0] for f in FLIPS]
)
def test_flip(start, change, key, before, after) -> None:
    decision = decide(_answers(start))
    assert (decision[key], decision.entry(key).rule) == before
    flipped = decide(_answers({**start, change[0]: change[1]}))
    assert (flipped[key], flipped.entry(key).rule) == after
    named = {(f.field, f.outcome) for f in what_if(decision) if f.decision == key}
    if change[0] == "phase":  # a phase never goes back, so what-if does not offer it
        assert (change[0], after[0]) not in named
    else:
        assert (change[0], after[0]) in named, f"what-if does not name {change} for {key}: {sorted(named)}"


def test_the_table_reaches_every_rule_of_the_three_decisions() -> None:
    from advisor.ruleset import load_ruleset

    deciding = {r.id for r in load_ruleset().rules if set(r.spec.set) & {"logs", "metrics", "tracing"}}
    reached = {rule for _, _, _, _, before, after in FLIPS for _, rule in (before, after)}
    assert deciding <= reached, sorted(deciding - reached)


@settings(max_examples=400, deadline=None)
@given(ANSWERS)
def test_regulated_on_site_or_air_gapped_data_never_sends_logs_or_metrics_to_a_cloud(answers: Answers) -> None:
    decision = decide(answers)
    r = answers.regulation
    on_site = r.air_gapped or (r.regulated and "on-premises" in (r.data_residency, answers.hosting.provider))
    if on_site:
        assert decision["logs"] != "managed"
        assert decision["metrics"] != "managed"
    if decision["runtime"] == "kubernetes":
        assert {decision["logs"], decision["metrics"]}.isdisjoint({"compose"})


@pytest.mark.parametrize(
    ("frameworks", "regulated", "explicit", "days"),
    [
        ([], False, None, 30),
        ([], True, None, 365),
        (["gdpr"], True, None, 180),
        (["gdpr", "pci-dss"], True, None, 365),
        (["hipaa", "iso27001"], True, None, 2190),
        (["fedramp"], True, 400, 400),
    ],
)
def test_log_retention_follows_the_frameworks(frameworks, regulated, explicit, days) -> None:
    answers = _answers(
        {
            "regulation.regulated": regulated,
            "regulation.frameworks": frameworks,
            "observability.log_retention_days": explicit,
        }
    )
    assert observability_plan.log_retention_days(answers) == days
    reason = observability_plan.retention_reason(answers)
    assert reason.startswith(f"{days} days")
    assert ("observability.log_retention_days` says" in reason) is (explicit is not None)


@pytest.mark.parametrize(
    ("frameworks", "explicit", "expected"),
    [
        (["hipaa", "iso27001"], None, "Logs are kept 2190 days: advisor's default for hipaa (six years, "),
        (["gdpr"], None, "Logs are kept 180 days: advisor's default for gdpr (storage limitation"),
        ([], None, "Logs are kept 365 days: advisor's default for regulated data with no framework named"),
        (["hipaa"], 2555, None),  # a retention the answers set is theirs, not an assumption
    ],
)
def test_a_default_log_retention_is_named_as_advisors_assumption(frameworks, explicit, expected) -> None:
    answers = _answers(
        {
            "regulation.regulated": True,
            "regulation.frameworks": frameworks,
            "observability.log_retention_days": explicit,
        }
    )
    lines = observability_plan.assumption(decide(answers))
    if expected is None:
        assert lines == []
    else:
        assert len(lines) == 1 and lines[0].startswith(expected), lines
        assert "`observability.log_retention_days`" in lines[0]


def test_the_documented_log_retention_defaults_are_the_ones_advisor_uses() -> None:
    from tests.conftest import ROOT

    text = (ROOT / "docs/answers.md").read_text()
    for name, days in log_retention.LOG_RETENTION_DAYS.items():
        row = f"| `{name}` | {days} days | {log_retention.LOG_RETENTION_BASIS[name]} |"
        assert row in text, row
    assert f"| regulated, none named | {log_retention.LOG_RETENTION_REGULATED} days |" in text
    assert f"| not regulated | {log_retention.LOG_RETENTION_DEFAULT} days |" in text
