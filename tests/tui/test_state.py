"""The questionnaire and the answer state, without a screen."""

from __future__ import annotations

import pytest

from advisor.answers import Answers, load_answers
from advisor.tui.questions import QUESTIONS, SECTIONS
from advisor.tui.state import InterviewState, parse_text, problems_for
from tests.conftest import EXAMPLE_FILES


def test_every_answer_field_is_asked_somewhere():
    def leaves(model: type, prefix: str = "") -> set[str]:
        out = set()
        for name, info in model.model_fields.items():
            sub = info.annotation
            if isinstance(sub, type) and hasattr(sub, "model_fields"):
                out |= leaves(sub, f"{prefix}{name}.")
            else:
                out.add(f"{prefix}{name}")
        return out

    assert leaves(Answers) - {"schema_version"} == set(QUESTIONS)


@pytest.mark.parametrize("question", list(QUESTIONS.values()), ids=list(QUESTIONS))
def test_every_question_says_why_and_its_default(question):
    line = question.help_line
    assert "\n" not in line and "Default: " in line
    assert question.spec == "" or f"(SPEC-0006 {question.spec})" in line


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_loaded_examples_rebuild_to_the_same_answers(path):
    answers = load_answers(path)
    rebuilt, problems = InterviewState(answers).build()
    assert problems == [] and rebuilt == answers


def test_regulation_details_are_dropped_when_not_regulated():
    state = InterviewState(load_answers(EXAMPLE_FILES[0].parent / "scenario-b.yaml"))
    state.set("regulation.regulated", False)
    answers, _ = state.build()
    assert answers.regulation.frameworks == [] and answers.regulation.data_residency == "any"
    state.set("regulation.regulated", True)  # asked again: the earlier answers come back
    assert state.build()[0].regulation.frameworks == ["hipaa", "iso27001"]


def test_typed_values_and_where_problems_belong():
    assert parse_text(QUESTIONS["team.size"], " 12 ") == 12
    assert parse_text(QUESTIONS["team.size"], "twelve") == "twelve"
    assert parse_text(QUESTIONS["environments"], "dev, prod,") == ["dev", "prod"]
    assert parse_text(QUESTIONS["delivery.domain"], "  ") is None
    state = InterviewState(load_answers(EXAMPLE_FILES[0].parent / "scenario-a.yaml"))
    state.set("environments", ["dev", "dev"])
    answers, problems = state.build()
    assert answers is None
    mine = problems_for("environments", problems)  # a whole-model check, placed at the question it names
    assert len(mine) == 1 and mine[0].message.startswith("environments must")
    assert state.dirty


def test_sections_cover_the_issue_groups():
    assert [s.key for s in SECTIONS] == ["project", "team", "regulation", "organization", "hosting", "delivery"]


def test_the_answers_reference_states_the_limits_the_model_enforces():
    """docs/answers.md and the interview's messages both take the range from the Answers model."""
    from advisor.tui.questions import int_limits
    from tests.conftest import ROOT

    reference = (ROOT / "docs/answers.md").read_text(encoding="utf-8")
    for path, question in QUESTIONS.items():
        if question.kind == "int":
            low, high = int_limits(path)
            assert f"| `{path}` | integer {low}–{high} " in reference, path  # "… or `null`" for an optional one


def test_number_messages_name_the_range_for_every_kind_of_bad_input():
    for typed in ("abc", "5.5", "-1", "0"):
        state = InterviewState()
        state.set("project.name", "demo")
        state.set("team.size", parse_text(QUESTIONS["team.size"], typed))
        _, problems = state.build()
        assert [(p.field, p.message) for p in problems] == [("team.size", "must be a whole number from 1 to 10000")]


def test_an_empty_number_means_its_default():
    assert parse_text(QUESTIONS["data.rpo_minutes"], "  ") == 60


PROPOSED = {  # required in the model; the interview proposes these
    "project.name": "",
    "phase": 4,
    "team.size": 5,
    "organization.teams": 1,
    "regulation.regulated": False,
}


def _field(path: str):
    model = Answers
    *parents, last = path.split(".")
    for part in parents:
        model = model.model_fields[part].annotation
    return model.model_fields[last]


@pytest.mark.parametrize("path", sorted(QUESTIONS))
def test_each_question_agrees_with_the_answers_model(path):
    """Kind, options and default of every question match the pydantic field, so the two cannot drift apart."""
    import typing

    question, info = QUESTIONS[path], _field(path)
    if info.is_required():
        assert question.default == PROPOSED[path]
    else:
        assert question.default == info.get_default(call_default_factory=True)
    args = [a for a in typing.get_args(info.annotation) if a is not type(None)]
    if question.kind == "choice":
        values = [value for _, value in question.options]
        if info.annotation in (bool, bool | None):
            assert set(values) - {None} == {True, False}
            assert (None in values) == (info.annotation == bool | None)
        else:
            assert set(values) == set(typing.get_args(info.annotation))
    elif question.kind == "multi":
        assert {value for _, value in question.options} == set(typing.get_args(args[0]))
    elif question.kind == "int":
        assert info.annotation in (int, int | None)
    elif question.kind == "list":
        assert typing.get_origin(info.annotation) is list
