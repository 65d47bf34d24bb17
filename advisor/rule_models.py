"""The shape of a rule file, as pydantic models (validated strictly, unknown keys rejected)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from advisor.answers import Answers, validation_problems
from advisor.errors import Problem, RuleError
from advisor.yamlio import Located

RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Ref = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]  # a driver, quote or fact id
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


Condition = dict[str, Any]


class RuledOut(_Strict):
    """When an option cannot apply under the answers: the ADR names it once, "ruled out by ...", not argued."""

    when: Condition
    quote: Ref | None = None  # the SPEC-0006 words that make these answers rule it out (a `quotes:` id)


class Consequence(_Strict):
    """A consequence of choosing the option under some answers; `${fact}` placeholders are filled in."""

    good: Text | None = None
    bad: Text | None = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _one_side(self) -> Consequence:
        if (self.good is None) == (self.bad is None):
            raise ValueError("a consequence is either `good:` or `bad:`")
        return self


class OptionDef(_Strict):
    """One option of a decision: its names, how it fares on the decision's drivers, and what choosing it means."""

    summary: Text
    label: Text | None = None  # a few words for tables and the ADR's option titles ("In-cluster MinIO")
    action: Text | None = None  # "run Postgres in the cluster": the Nygard record's "We will ..."
    only_when: Condition | None = None  # outside this the option does not exist (Compose vs Kubernetes options)
    ruled_out: list[RuledOut] = Field(default_factory=list)
    compare: dict[Ref, Text] = Field(default_factory=dict)  # driver id -> how this option fares on it
    consequences: list[Consequence] = Field(default_factory=list)
    defers: Text | None = None  # what choosing this leaves for later ("whether Postgres is managed")
    # Pros and cons in the MADR catalogue style; kept for team templates, not shown by the bundled ones.
    good: list[Text] = Field(default_factory=list)
    neutral: list[Text] = Field(default_factory=list)
    bad: list[Text] = Field(default_factory=list)


class DecisionDef(_Strict):
    title: Text
    question: Text
    label: Text | None = None  # the short row name ("Object storage"); decisions show in file order
    drivers: list[Ref] = Field(default_factory=list)  # what its options are compared on (`drivers:` ids)
    options: dict[str, OptionDef] = Field(min_length=1)

    def merged(self, other: DecisionDef) -> DecisionDef:
        """A later layer may add options (or reword existing ones) to a decision."""
        return DecisionDef(
            title=other.title,
            question=other.question,
            label=other.label or self.label,
            drivers=list(dict.fromkeys([*self.drivers, *other.drivers])),
            options={**self.options, **other.options},
        )


class Quote(_Strict):
    """SPEC-0006's own words: the only spec text an ADR quotes, so a citation can never say more than the spec."""

    section: Annotated[str, StringConstraints(min_length=1, max_length=40)]  # "3.1", "4, Scenario B"
    text: Text


class DriverDef(_Strict):
    """A decision driver, and where it comes from: answers (shown with their values), the spec, advisor's policy."""

    title: Text
    answers: list[str] = Field(default_factory=list)  # facts
    choices: list[Key] = Field(default_factory=list)  # decisions made before, that this one follows from
    quotes: list[Ref] = Field(default_factory=list)
    policy: Text | None = None  # advisor's own policy, named as such
    when: Condition | None = None  # relevant only under these answers


class ExternalFact(_Strict):
    """A fact from outside advisor (a release status, a CVE): shown with its source and the date it was read."""

    text: Text
    source: Annotated[str, StringConstraints(pattern=r"^https://\S+$", max_length=300)]
    as_of: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


class Additions(_Strict):
    scenarios: list[Key | str] = Field(default_factory=list)
    warnings: list[Text] = Field(default_factory=list)
    obligations: list[Text] = Field(default_factory=list)


class RuleDef(_Strict):
    id: RuleId
    title: Text
    when: dict[str, Any] | None = None
    set: dict[Key, str | dict[str, str]] = Field(default_factory=dict)
    add: Additions = Field(default_factory=Additions)
    priority: int = Field(0, ge=0, le=1000)
    rationale: Text
    spec: Annotated[str, StringConstraints(max_length=80)] = ""  # SPEC-0006 sections; none for policy alone
    drivers: list[Ref] = Field(default_factory=list)  # what decided it (`drivers:` ids), for the ADR
    policy: Text | None = None  # advisor's own policy, when the rule is one rather than the spec's word
    facts: list[Ref] = Field(default_factory=list)  # outside facts its texts rely on (`facts:` ids)

    @model_validator(mode="after")
    def _does_something(self) -> RuleDef:
        if not self.set and not (self.add.scenarios or self.add.warnings or self.add.obligations):
            raise ValueError("a rule must `set` a decision or `add` scenarios, warnings or obligations")
        for key, value in self.set.items():
            if isinstance(value, dict) and set(value) != {"from"}:
                raise ValueError(f"set.{key}: write a value, or {{from: <fact>}}")
        return self


class RuleFile(_Strict):
    decisions: dict[Key, DecisionDef] = Field(default_factory=dict)
    scenarios: dict[Key | str, dict[str, Text]] = Field(default_factory=dict)
    drivers: dict[Ref, DriverDef] = Field(default_factory=dict)
    quotes: dict[Ref, Quote] = Field(default_factory=dict)
    facts: dict[Ref, ExternalFact] = Field(default_factory=dict)
    rules: list[RuleDef] = Field(default_factory=list)


def parse_rule_file(located: Located) -> RuleFile:
    if located.data is None:
        raise RuleError([Problem(located.file, "rule file is empty")])
    if not isinstance(located.data, dict):
        raise RuleError([Problem(located.file, f"a rule file must be a mapping, got {type(located.data).__name__}", 1)])
    try:
        return RuleFile.model_validate(located.data)
    except ValidationError as exc:
        problems = validation_problems(exc, located, RuleFile)
        for i, problem in enumerate(problems):
            rule_id = _rule_id_at(located, problem.field)
            if rule_id:
                problems[i] = Problem(problem.file, f"rule {rule_id}: {problem.message}", problem.line, problem.field)
        raise RuleError(problems) from None


def _rule_id_at(located: Located, field: str | None) -> str | None:
    if not field or not field.startswith("rules["):
        return None
    index = int(field[len("rules[") : field.index("]")])
    rules = located.data.get("rules") if isinstance(located.data, dict) else None
    if isinstance(rules, list) and index < len(rules) and isinstance(rules[index], dict):
        return str(rules[index].get("id", f"#{index + 1}"))
    return None


def fact_names() -> set[str]:
    """Every dotted answers path a rule may read."""
    names: set[str] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            path = f"{prefix}{name}"
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation, f"{path}.")
            else:
                names.add(path)

    walk(Answers, "")
    return names
