"""The chart renders bare (`helm lint` and `helm template` with no -f) for every chart the rules can produce.

chart-testing, Artifact Hub and most CI templates render a chart with its own values.yaml first. Sealed Secrets
once failed there (`wrong type for value; expected map[string]interface {}; got string`): values.yaml holds no
sealed values, and only the examples' strategies were ever rendered bare. So the answers are varied over
everything that changes the chart, decided by the rules, and each distinct outcome is rendered bare.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest

from advisor.answers import Answers
from advisor.engine import decide
from tests.core.cases import BASE, assign
from tests.skeleton.crd_validation import custom_resource_problems, is_custom
from tests.skeleton.helm_support import lint_problems, validate_object, write_chart

CHART_KEYS = (
    "manifests",
    "secrets",
    "secret_store",
    "postgres",
    "object_storage",
    "rancher",
    "metrics",
    "logs",
    "tracing",
)
VARIED: dict[str, tuple[Any, ...]] = {
    "delivery.manifests": ("helm", "both"),
    "delivery.secrets": ("auto", "external-secrets", "sealed-secrets", "sops"),
    "hosting.provider": ("aws", "gcp", "azure", "on-premises"),
    "regulation.air_gapped": (False, True),
}
# (teams, OpenTelemetry adopted, the site's log platform): no Rancher, Rancher, and the explicit answers
PROFILES = ((1, False, None), (3, True, None), (1, True, "https://logs.site.example"))


def _outcomes() -> dict[tuple[str, ...], Answers]:
    """One answers file per distinct outcome of the decisions the chart depends on."""
    out: dict[tuple[str, ...], Answers] = {}
    for *values, (teams, otel, logs) in itertools.product(*VARIED.values(), PROFILES):
        data = copy.deepcopy(BASE)
        for path, value in zip(VARIED, values, strict=True):
            assign(data, path, value)
        if data["regulation"].get("air_gapped"):
            assign(data, "delivery.registry", "registry.site.example/mirror")
        assign(data, "organization.teams", teams)
        assign(data, "observability.otel_adopted", otel)
        assign(data, "observability.log_endpoint", logs)
        answers = Answers.model_validate(data)
        decision = decide(answers)
        out.setdefault(tuple(decision.choices[key] for key in CHART_KEYS), answers)
    return out


OUTCOMES = _outcomes()


def test_the_outcomes_cover_every_secrets_strategy_store_and_manifests() -> None:
    seen = {(key[0], key[1], key[2]) for key in OUTCOMES}
    strategies = {(secrets, store) for _, secrets, store in seen}
    assert strategies >= {
        ("sealed-secrets", "none"),
        ("sops", "none"),
        ("external-secrets", "aws-secrets-manager"),
        ("external-secrets", "gcp-secret-manager"),
        ("external-secrets", "azure-key-vault"),
        ("external-secrets", "vault"),
    }
    assert {manifests for manifests, _, _ in seen} == {"helm", "both"}


@pytest.mark.slow
@pytest.mark.parametrize("answers", list(OUTCOMES.values()), ids=["-".join(key) for key in OUTCOMES])
def test_bare_lint_and_template_pass(answers: Answers, tmp_path) -> None:
    chart = write_chart(decide(answers), tmp_path)
    env = answers.environments[0]
    assert lint_problems(chart.lint(env, {})) == []
    objects = chart.objects(env, {})
    assert any(obj["kind"] == "Deployment" for obj in objects)
    assert [problem for obj in objects for problem in validate_object(obj)] == []
    assert [problem for obj in objects if is_custom(obj) for problem in custom_resource_problems(obj)] == []
    if chart.decision.choices["secrets"] == "sealed-secrets":
        sealed = [obj for obj in objects if obj["kind"] == "SealedSecret"]
        assert sealed and all(
            value.startswith("REPLACE-ME-with-kubeseal-output-for-")
            for obj in sealed
            for value in obj["spec"]["encryptedData"].values()
        )
