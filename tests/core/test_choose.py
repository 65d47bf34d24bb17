"""What-if's quick re-decision (`engine.choose`) chooses what `decide` chooses, for every candidate what-if tries."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from advisor.answers import Answers, load_answers
from advisor.engine import Near, choose, decide
from advisor.errors import RuleError
from advisor.ruleset import load_ruleset
from advisor.whatif import _assigned, _candidates, _thresholds
from tests.conftest import EXAMPLE_FILES, EXAMPLES


@pytest.mark.parametrize("rules", [(), (EXAMPLES / "org-rules",)], ids=["bundled", "org-rules"])
@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_candidate_is_chosen_as_decide_chooses_it(example, rules):
    ruleset = load_ruleset(rules)
    decision = decide(load_answers(example), ruleset)
    near = Near(decision.answers.facts(), decision.choices, ruleset)
    base = decision.answers.normalised()
    tried = 0
    for path, _, value in _candidates(base, _thresholds(ruleset)):
        try:
            answers = Answers.model_validate(_assigned(base, path, value))
        except ValidationError:
            continue
        other = decide(answers, ruleset)
        expected = {key: (other.choices[key], other.entry(key).rule) for key in other.choices}
        ruleset.__dict__.pop("_chosen", None)  # each path on its own: from `near`, from nothing, and remembered
        assert choose(answers.facts(), ruleset, near) == expected, path
        ruleset.__dict__.pop("_chosen", None)
        assert choose(answers.facts(), ruleset) == expected, path
        assert choose(answers.facts(), ruleset, near) == expected, path
        tried += 1
    assert tried > 20


def test_a_conflict_raises_what_decide_raises(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "clash.yaml").write_text(
        "rules:\n"
        "- id: clash-a\n  title: one\n  priority: 500\n  when: {fact: phase, ge: 1}\n  set: {postgres: managed}\n"
        "  rationale: one\n"
        "- id: clash-b\n  title: other\n  priority: 500\n  when: {fact: team.size, ge: 1}\n"
        "  set: {postgres: in-cluster}\n  rationale: other\n"
    )
    ruleset = load_ruleset((folder,))
    answers = load_answers(EXAMPLES / "scenario-a.yaml")
    with pytest.raises(RuleError) as decided:
        decide(answers, ruleset)
    with pytest.raises(RuleError) as chosen:
        choose(answers.facts(), ruleset)
    assert chosen.value.problems == decided.value.problems
