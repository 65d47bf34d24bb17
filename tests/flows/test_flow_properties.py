"""The flow model for generated answers (tests/hardening/strategies.py), in both trees.

Kustomize through the builders (tests/flows/test_flows.py proves they equal `kubectl kustomize` for the examples),
Helm through the chart rendered offline with helm-python: each environment's values, the drill environment with
the restore drill on, each environment with a restore beside its database. Both must hold every declared flow, and
give the same allow/deny matrix.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings

from advisor.answers import Answers
from advisor.pipeline import evaluate
from tests.flows import states
from tests.hardening.strategies import ANSWERS
from tests.skeleton.kustomize_support import render, variant
from tests.skeleton.renders import Renders, _helm_renders


def _decision(answers: Answers):
    decision = evaluate(answers)[0]
    assume(decision.choices.get("runtime") == "kubernetes")
    return variant(decision, manifests="helm")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_generated_answers_hold_every_flow_through_the_builders(answers: Answers) -> None:
    decision = _decision(answers)
    assert states.problems(decision, states.builder_states(decision)) == []


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(ANSWERS)
def test_generated_answers_hold_every_flow_in_the_chart_with_the_same_matrix(answers: Answers) -> None:
    decision = _decision(answers)
    with tempfile.TemporaryDirectory() as tmp:
        renders = Renders(decision, Path(tmp), render(decision, Path(tmp)))
        _helm_renders(renders, list(decision.answers.environments))
        helm = list(states.helm_states(decision, renders.objects))
    assert states.problems(decision, iter(helm)) == []
    assert states.matrix(decision, iter(helm)) == states.matrix(decision, states.builder_states(decision))
