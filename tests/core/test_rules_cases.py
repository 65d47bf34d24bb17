"""Every rule fires in some case and has its effect checked; every bullet of issue 2 section 5 holds."""

from __future__ import annotations

import pytest

from advisor.answers import Answers
from advisor.decision import Decision
from advisor.engine import decide
from advisor.ruleset import Rule, load_ruleset

from .cases import BASE, CASES, Case, assign


def _decide(data: dict) -> Decision:
    return decide(Answers.model_validate(data))


def _fixed_text(template: str) -> str:
    """The part of a warning/obligation text before its first `${fact}` placeholder."""
    return template.split("${", 1)[0].strip()


def _assert_effect(rule: Rule, decision: Decision) -> None:
    assert rule.id in decision.rules, f"{rule.id} did not fire"
    for key in rule.spec.set:
        entry = decision.entry(key)
        assert entry.rule == rule.id, f"{rule.id} fired but {entry.rule} decided {key} = {entry.value}"
    for scenario in rule.spec.add.scenarios:
        assert scenario in decision.scenarios
    for text in rule.spec.add.warnings:
        assert any(w.startswith(_fixed_text(text)) for w in decision.warnings), text
    for text in rule.spec.add.obligations:
        assert any(o.startswith(_fixed_text(text)) for o in decision.obligations), text


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Case) -> None:
    decision = _decide(case.answers())
    assert {key: decision[key] for key in case.expect} == case.expect
    rules = {rule.id: rule for rule in load_ruleset().rules}
    for rule_id in case.proves:
        _assert_effect(rules[rule_id], decision)
    if case.scenarios is not None:
        assert decision.scenarios == list(case.scenarios)
    for text in case.warnings:
        assert any(text in w for w in decision.warnings), f"no warning mentions {text!r}: {decision.warnings}"
    for text in case.obligations:
        assert any(text in o for o in decision.obligations), f"no obligation mentions {text!r}: {decision.obligations}"
    if case.no_warnings:
        assert decision.warnings == []
    assert "${" not in " ".join(decision.warnings + decision.obligations + [e.rationale for e in decision.trace])


def test_every_rule_is_proven_by_a_case() -> None:
    """The coverage table: each bundled rule id against the cases that fire it and check its effect."""
    proven: dict[str, list[str]] = {}
    fired: dict[str, list[str]] = {}
    for case in CASES:
        decision = _decide(case.answers())
        for rule_id in decision.rules:
            fired.setdefault(rule_id, []).append(case.name)
        for rule_id in case.proves:
            proven.setdefault(rule_id, []).append(case.name)
    ids = [rule.id for rule in load_ruleset().rules]
    table = "\n".join(f"  {rid:58} fired {len(fired.get(rid, [])):2}  proven {len(proven.get(rid, []))}" for rid in ids)
    missing = [rid for rid in ids if rid not in proven or rid not in fired]
    assert not missing, f"rules no case proves: {missing}\n{table}"
    unknown = sorted(set(proven) - set(ids))
    assert not unknown, f"cases name rules that do not exist: {unknown}"


@pytest.mark.parametrize("phase", range(1, 10))
def test_runtime_by_phase(phase: int) -> None:
    data = {**BASE, "phase": phase}
    decision = _decide(data)
    assert decision["runtime"] == ("docker-compose" if phase < 4 else "kubernetes")
    assert (decision["manifests"] == "compose") == (phase < 4)


@pytest.mark.parametrize(
    ("provider", "explicit", "available"),
    [
        ("aws", None, True),
        ("gcp", None, True),
        ("azure", None, True),
        ("on-premises", None, False),
        ("other", None, False),
        ("aws", False, False),
        ("other", True, True),
    ],
)
def test_managed_offering_inference(provider: str, explicit: bool | None, available: bool) -> None:
    data = {**BASE, "hosting": {"provider": provider, "managed_postgres": explicit, "managed_object_storage": explicit}}
    answers = Answers.model_validate(data)
    assert answers.managed_postgres_available is available
    assert answers.managed_object_storage_available is available
    assert answers.facts()["hosting.managed_postgres"] is available
    expected = "managed" if available else "in-cluster"
    decision = decide(answers)
    assert (decision["postgres"], decision["object_storage"]) == (expected, expected)


def test_air_gapped_never_gets_a_cloud_secret_store() -> None:
    for provider in ("aws", "gcp", "azure", "on-premises", "other"):
        for secrets in ("auto", "external-secrets", "sealed-secrets", "sops"):
            data = {**BASE, "hosting": {"provider": provider}}
            assign(data, "regulation.air_gapped", True)
            assign(data, "delivery.secrets", secrets)
            decision = _decide(data)
            assert decision["secret_store"] in ("vault", "none"), (provider, secrets)
            assert decision["secrets"] == ("sealed-secrets" if secrets == "auto" else secrets)


def test_decisions_are_deterministic() -> None:
    first = _decide(CASES[0].answers()).to_json()
    assert all(_decide(CASES[0].answers()).to_json() == first for _ in range(3))
