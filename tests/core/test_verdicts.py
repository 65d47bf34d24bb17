"""The what-if verdicts: one line per decision, only changes a team can make, no tautologies, and each one true."""

from __future__ import annotations

import pytest

from advisor.answers import Answers, load_answers
from advisor.engine import decide
from advisor.pipeline import evaluate
from advisor.whatif import _assigned, verdicts
from tests.conftest import EXAMPLE_FILES, EXAMPLES


def _verdicts(name: str):
    decision, _, ruleset = evaluate(load_answers(EXAMPLES / name))
    return decision, ruleset, verdicts(decision, ruleset)


def _apply(decision, changes) -> dict[str, str]:
    data = decision.answers.normalised()
    for change in changes:
        data = _assigned(data, change.field, change.value)
    return decide(Answers.model_validate(data)).choices


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_change_a_verdict_names_is_allowed_and_moves_the_decision_as_it_says(example):
    decision, _, found = _verdicts(example.name)
    assert set(found) == set(decision.choices)
    for key, verdict in found.items():
        sentence = verdict.sentence()
        assert "\n" not in sentence and sentence, key
        for change, outcome in verdict.flips:
            assert not (change.field == "phase" and change.value < change.current), sentence  # a phase never goes back
            assert _apply(decision, [change])[key] == outcome, (key, change)
        for changes, outcome in verdict.together:
            assert _apply(decision, changes)[key] == outcome, (key, changes)
            for change in changes:  # each set is minimal: no one of its answers alone moves the decision
                assert _apply(decision, [change])[key] == decision.choices[key], (key, change)


def test_a_decision_copied_from_an_answer_follows_it_instead_of_listing_its_values():
    _, _, found = _verdicts("scenario-b-c.yaml")
    assert found["manifests"].sentence() == "follows delivery.manifests (now both)"
    # The air-gapped rule decides when the answer is left to advisor: that is a real change, not a tautology.
    assert found["secrets"].sentence() == (
        "follows delivery.secrets (now sops); and moves if delivery.secrets becomes auto (then Sealed Secrets)"
    )


def test_what_no_single_answer_moves_names_the_answers_that_together_would():
    _, _, found = _verdicts("scenario-b.yaml")
    postgres = found["postgres"]
    assert postgres.robust and not postgres.flips
    assert postgres.sentence().startswith(
        "no single answer changes this; it needs regulation.regulated: false and hosting.provider: aws "
        "(then Managed Postgres)"
    )
    assert found["runtime"].sentence() == "settled: it depends only on phase, which only moves forward"


def test_values_of_one_answer_are_named_together_and_numbers_only_at_the_nearest_threshold():
    _, _, found = _verdicts("scenario-b.yaml")
    assert found["secrets"].sentence() == (
        "holds unless hosting.provider becomes aws, gcp or azure (then External Secrets Operator); "
        "or delivery.secrets names another option"
    )
    assert found["rancher"].sentence() == (
        "holds unless organization.teams drops to 1 (then No Rancher); or organization.teams rises to 3 "
        "(then Adopt Rancher)"
    )
