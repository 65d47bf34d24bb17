"""Remote secret names must be valid in the store they live in."""

from __future__ import annotations

import re

import pytest

from advisor.answers import parse_answers
from advisor.engine import decide
from advisor.skeleton import secrets
from advisor.skeleton.model import Target

# What each store accepts as a secret name (provider documentation).
VALID = {
    "aws": re.compile(r"^[A-Za-z0-9/_+=.@-]{1,512}$"),
    "gcp": re.compile(r"^[A-Za-z0-9_-]{1,255}$"),
    "azure": re.compile(r"^[0-9A-Za-z-]{1,127}$"),
}


@pytest.mark.parametrize("provider", sorted(VALID))
def test_external_secret_remote_keys_are_valid_store_names(provider: str) -> None:
    answers = parse_answers(
        f"project: {{name: shop}}\nphase: 5\nteam: {{size: 4}}\nregulation: {{regulated: false}}\n"
        f"organization: {{teams: 1}}\nhosting: {{provider: {provider}}}\n"
    )
    decision = decide(answers)
    assert decision["secrets"] == "external-secrets"
    objects = secrets.external_secrets(Target(decision, "ADR-0001", "prod"))
    keys = [item["remoteRef"]["key"] for o in objects if o["kind"] == "ExternalSecret" for item in o["spec"]["data"]]
    assert keys, "no ExternalSecret rendered"
    for key in keys:
        assert VALID[provider].match(key), f"{key!r} is not a valid {provider} secret name"
        assert key.startswith("shop") and "prod" in key
