"""Scenario A (Kustomize) and Scenario C (Helm) on each cloud, as a new user would answer them: shared by the
identity, object-access, way-in and database-TLS tests.

`answered` fills in the cloud ids (region, account, cluster, tenant), so every annotation and store field can be
checked against its documented shape; without them the skeleton carries REPLACE-ME, which the README lists.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml

from advisor.answers import Answers, load_answers
from advisor.decision import Decision
from advisor.pipeline import evaluate
from tests.conftest import EXAMPLES

ACCOUNTS = {"aws": "123456789012", "gcp": "orbit-prod-42", "azure": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}
REGIONS = {"aws": "eu-central-1", "gcp": "europe-west3", "azure": "westeurope"}
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
PROVIDERS = ("aws", "gcp", "azure")
SCENARIOS = {"a": "scenario-a.yaml", "c": "scenario-c.yaml"}


def answers_for(scenario: str, provider: str, *, answered: bool = True, **sections: dict[str, Any]) -> Answers:
    data = yaml.safe_load((EXAMPLES / SCENARIOS[scenario]).read_text())
    data["hosting"] = {"provider": provider}
    if answered:
        data["hosting"] |= {"region": REGIONS[provider], "account": ACCOUNTS[provider], "cluster": "main"}
        if provider == "azure":
            data["hosting"]["azure_tenant_id"] = TENANT
    for section, changes in sections.items():
        data[section] = {**(data.get(section) or {}), **changes}
    return Answers.model_validate(data)


@functools.cache
def decision_for(scenario: str, provider: str, answered: bool = True, object_api: str = "s3") -> Decision:
    return evaluate(answers_for(scenario, provider, answered=answered, data={"object_api": object_api}))[0]


def cases() -> list[tuple[str, str]]:
    return [(scenario, provider) for scenario in SCENARIOS for provider in PROVIDERS]


def example(name: str) -> Decision:
    return evaluate(load_answers(EXAMPLES / name))[0]
