"""The answers being collected: raw values per question, turned into `Answers` by the core's model.

The screens store what the user typed here and ask for `build()`; validation is pydantic's, and
the messages are `advisor.answers.validation_problems`, so the interview says exactly what
`advisor decide` would say about the same answers file. Free of Textual, like the questionnaire.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from advisor.tui.questions import QUESTIONS, Question

if TYPE_CHECKING:  # pydantic and the schema load lazily, after the first paint
    from advisor.answers import Answers
    from advisor.errors import Problem

SOURCE = "<interview>"


class InterviewState:
    """Answer values by question path, plus whether they changed since the last save."""

    def __init__(self, answers: Answers | None = None) -> None:
        self._values: dict[str, Any] | None = None
        if answers is not None:
            self.load(answers)
        self.dirty = False
        # Kept here, not on a screen, so error marks survive leaving a screen and coming back.
        self.touched: set[str] = set()  # questions answered in this session: their problems show at once
        self.attempted: set[str] = set()  # sections the user tried to leave: all their problems show

    @property
    def values(self) -> dict[str, Any]:
        """Answer values by path; the defaults are read from the model on first use, after the first paint."""
        if self._values is None:
            self._values = {path: copy.deepcopy(q.default) for path, q in QUESTIONS.items()}
        return self._values

    def shows_problems(self, path: str, section: str) -> bool:
        return path in self.touched or section in self.attempted

    def load(self, answers: Answers) -> None:
        data = answers.model_dump(mode="json")
        for path in QUESTIONS:
            value: Any = data
            for part in path.split("."):
                value = value[part]
            self.values[path] = value
        self.dirty = False

    def load_data(self, data: Any) -> None:
        """Fill the values from a raw mapping (a draft as typed); what it lacks keeps its default."""
        for path in QUESTIONS:
            value: Any = data
            for part in path.split("."):
                value = value.get(part, _MISSING) if isinstance(value, dict) else _MISSING
            if value is not _MISSING:
                self.values[path] = value
        self.touched = set(QUESTIONS)  # a draft's problems were seen before: show them again at once
        self.dirty = False

    def get(self, path: str) -> Any:
        return self.values[path]

    def set(self, path: str, value: Any) -> None:
        if self.values.get(path) != value:
            self.values[path] = value
            self.dirty = True

    def asked(self, question: Question) -> bool:
        """Whether the question applies given the other answers (e.g. frameworks only when regulated)."""
        return question.when is None or self.values.get(question.when[0]) == question.when[1]

    def data(self) -> dict[str, Any]:
        """The answers as the nested mapping an answers file holds; questions not asked keep their defaults."""
        out: dict[str, Any] = {"schema_version": 1}
        for path, question in QUESTIONS.items():
            if not self.asked(question):
                continue
            value = self.values[path]
            if question.optional and value in ("", None):
                value = None
            *parents, last = path.split(".")
            node = out
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        return out

    def build(self) -> tuple[Answers | None, list[Problem]]:
        from pydantic import ValidationError

        from advisor.answers import Answers, validation_problems
        from advisor.yamlio import Located

        data = self.data()
        try:
            return Answers.model_validate(data), []
        except ValidationError as exc:
            return None, [_in_words(p) for p in validation_problems(exc, Located(data, SOURCE))]

    def draft_text(self, problems: list[Problem]) -> str:
        """The answers as typed, with a comment naming what is not valid yet (loading it shows the same)."""
        import yaml

        lines = ["# A draft saved by `advisor interview`; these answers are not valid yet:"]
        lines += [f"#   {p.field}: {' '.join(p.message.split())}" for p in problems]
        lines.append("# Load it in the interview (l on the first screen) to finish it.")
        body = yaml.safe_dump(self.data(), sort_keys=False, allow_unicode=True, default_flow_style=False)
        return "\n".join(lines) + "\n" + body


_MISSING = object()


def _in_words(problem: Problem) -> Problem:
    """Number problems name the allowed range in words ("a whole number from 1 to 10000"), whatever was typed."""
    question = QUESTIONS.get(problem.field or "")
    if question is None or question.kind != "int" or problem.message.startswith("required"):
        return problem
    from dataclasses import replace

    low, high = question.limits
    return replace(problem, message=f"must be a whole number from {low} to {high}")


def problems_for(path: str, problems: list[Problem]) -> list[Problem]:
    """The problems that belong to one question (`environments[1]` belongs to `environments`).

    Whole-model checks ("environments must be unique") are reported at the top level; they belong
    to the question their message names.
    """
    return [
        p
        for p in problems
        if (p.field and (p.field == path or p.field.startswith((f"{path}.", f"{path}["))))
        or (p.field == "(top level)" and p.message.startswith(f"{path} "))
    ]


def unplaced(problems: list[Problem]) -> list[Problem]:
    """Problems no single question owns (e.g. "environments must be unique" at the top level)."""
    return [p for p in problems if not any(problems_for(path, [p]) for path in QUESTIONS)]


def parse_text(question: Question, text: str) -> Any:
    """Turn what was typed into the answer value; unparsable ints stay text so pydantic names the error."""
    text = text.strip()
    if question.optional and not text:
        return None
    if question.kind == "int":
        if not text:
            return question.default  # the field shows its default; None makes pydantic say "required"
        try:
            return int(text)
        except ValueError:
            return text
    if question.kind == "list":
        return [item.strip() for item in text.split(",") if item.strip()]
    return text


def format_value(question: Question, value: Any) -> str:
    """The text an input shows for a value (the inverse of `parse_text`)."""
    if value is None:
        return ""
    if question.kind == "list":
        return ", ".join(str(item) for item in value)
    return str(value)
