"""The questionnaire and the answer state, without a screen."""

from __future__ import annotations

import typing
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, Field, StringConstraints

from advisor.answers import Answers, load_answers
from advisor.tui.fields import FieldShape, field_shape
from advisor.tui.questions import NOT_PROPOSED, QUESTIONS, SECTIONS, Question
from advisor.tui.state import InterviewState, parse_text, problems_for
from advisor.values import show_value
from tests.conftest import EXAMPLE_FILES, EXAMPLES


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
    keys = ["project", "team", "regulation", "organization", "hosting", "delivery", "observability"]
    assert [s.key for s in SECTIONS] == keys


def test_the_answers_reference_states_the_limits_the_model_enforces():
    """docs/answers.md and the interview's messages both take the range from the Answers model."""
    from tests.conftest import ROOT

    reference = (ROOT / "docs/answers.md").read_text(encoding="utf-8")
    for path, question in QUESTIONS.items():
        if question.kind == "int":
            low, high = question.limits
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


PROPOSED = {  # required in the model; the interview proposes these (docs/answers.md says so)
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


def _expected(path: str) -> tuple[str, tuple, object, tuple[int, int] | None]:
    """Kind, option values, default and range of a question, worked out here from the pydantic field alone."""
    info = _field(path)
    annotation = info.annotation
    args = typing.get_args(annotation)
    nullable = type(None) in args
    if nullable:
        (annotation,) = [a for a in args if a is not type(None)]
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    default = PROPOSED[path] if info.is_required() else info.get_default(call_default_factory=True)
    none = (None,) if nullable else ()
    if annotation is bool:
        return "choice", (*none, True, False), default, None
    if typing.get_origin(annotation) is typing.Literal:
        return "choice", (*none, *typing.get_args(annotation)), default, None
    if annotation is int:
        low = next((m.ge for m in info.metadata if hasattr(m, "ge")), 0)
        high = next((m.le for m in info.metadata if hasattr(m, "le")), 2**31)
        return "int", (), default, (low, high)
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        literal = typing.get_args(item) if typing.get_origin(item) is typing.Literal else ()
        return ("multi" if literal else "list"), literal, default, None
    return "text", (), default, None


@pytest.mark.parametrize("path", sorted(QUESTIONS))
def test_each_question_is_asked_as_its_answers_field_says(path):
    """Kind, options, default and range come from the pydantic field; only the words are data."""
    question = QUESTIONS[path]
    kind, values, default, limits = _expected(path)
    assert question.kind == kind
    assert tuple(value for _, value in question.options) == values
    assert [type(value) for _, value in question.options] == [type(value) for value in values]  # True is not "yes"
    assert question.default == default and type(question.default) is type(default)
    assert question.optional == (type(None) in typing.get_args(_field(path).annotation))
    if limits is not None:
        assert question.limits == limits


def test_only_required_answers_carry_a_proposal_and_the_reference_states_it():
    from tests.conftest import ROOT

    proposing = {path: q.proposed for path, q in QUESTIONS.items() if q.proposed is not NOT_PROPOSED}
    assert proposing == PROPOSED
    assert {path for path in QUESTIONS if _field(path).is_required()} == set(PROPOSED)
    reference = (ROOT / "docs/answers.md").read_text(encoding="utf-8")
    for path, value in PROPOSED.items():
        if value != "":  # a project has no name to propose: the field starts empty
            assert f"| required (the interview proposes {show_value(value)}) |" in reference, path


def test_a_required_answer_without_a_proposal_is_refused():
    with pytest.raises(ValueError, match=r"team\.size is required"):
        _ = Question("team.size", "Engineers", "Why.", "").default


def test_a_value_without_a_label_is_refused_rather_than_shown_as_python():
    with pytest.raises(ValueError, match="no label for the value None"):
        _ = Question("hosting.managed_postgres", "Managed Postgres?", "Why.", "").options
    labelled = Question("hosting.managed_postgres", "Managed Postgres?", "Why.", "", labels=((None, "infer"),))
    assert labelled.options == (("infer", None), ("yes", True), ("no", False))


class _Tiny(BaseModel):
    """A throwaway model: the deriver maps annotations, not this project's fields."""

    class Inner(BaseModel):
        level: Literal["low", "high"] = "high"
        count: int = Field(3, ge=2, le=7)

    inner: Inner = Field(default_factory=Inner)
    colours: list[Literal["red", "green"]] = Field(default_factory=lambda: ["green"])
    names: list[Annotated[str, StringConstraints(min_length=1)]] = Field(default_factory=list)
    known: bool | None = None
    flag: bool = True
    note: Annotated[str, StringConstraints(max_length=5)] | None = None
    days: int | None = Field(None, ge=1)
    size: int
    ratio: float = 0.5


def test_the_deriver_maps_each_annotation_to_a_kind_of_question():
    assert field_shape(_Tiny, "inner.level") == FieldShape("choice", "high", ("low", "high"))
    assert field_shape(_Tiny, "inner.count") == FieldShape("int", 3, limits=(2, 7))
    assert field_shape(_Tiny, "colours") == FieldShape("multi", ["green"], ("red", "green"))
    assert field_shape(_Tiny, "names") == FieldShape("list", [])
    assert field_shape(_Tiny, "known") == FieldShape("choice", None, (None, True, False), optional=True)
    assert field_shape(_Tiny, "flag") == FieldShape("choice", True, (True, False))
    assert field_shape(_Tiny, "note") == FieldShape("text", None, optional=True)
    assert field_shape(_Tiny, "days") == FieldShape("int", None, optional=True, limits=(1, 2**31))
    assert field_shape(_Tiny, "size") == FieldShape("int", None, limits=(0, 2**31), required=True)


def test_the_deriver_refuses_what_it_cannot_ask_and_paths_that_do_not_exist():
    with pytest.raises(TypeError, match="no way to ask"):
        field_shape(_Tiny, "ratio")
    with pytest.raises(KeyError, match="no such answer"):
        field_shape(_Tiny, "inner.colour")
    with pytest.raises(TypeError, match="not a section"):
        field_shape(_Tiny, "flag.value")


def test_an_answers_file_that_already_holds_the_answers_keeps_its_comments(tmp_path):
    from advisor.tui.persist import answers_status, save_answers

    path = tmp_path / "answers.yaml"
    written = (EXAMPLES / "scenario-b.yaml").read_bytes()
    assert b"#" in written  # the example's comments are what must survive
    path.write_bytes(written)
    answers = load_answers(path)
    assert answers_status(answers, path) == "unchanged"
    save_answers(answers, path)
    assert path.read_bytes() == written
    # A real change is written, as the normalised answers.
    changed = answers.model_copy(update={"phase": 6})
    assert answers_status(changed, path) == "changed"
    save_answers(changed, path)
    assert load_answers(path).phase == 6
