"""How a question is asked, read from the pydantic field it fills.

The kind of control, the options, the default and the number range all come from the model, so the
questionnaire cannot offer a value the answers file refuses, or miss one it accepts. Free of
Textual (and of the Answers model itself: callers pass the model), so it can be tested on its own.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

if TYPE_CHECKING:  # pydantic loads with the model, after the first paint
    from pydantic import BaseModel
    from pydantic.fields import FieldInfo

Kind = Literal["text", "int", "list", "choice", "multi"]

NO_LIMIT = 2**31  # the upper bound of a number the model leaves open


@dataclass(frozen=True)
class FieldShape:
    """What the model says about one answer: everything the interview needs besides words."""

    kind: Kind
    default: Any  # the model's default; `required` fields have none
    options: tuple[Any, ...] = ()  # the values a choice or a multi offers, in the model's order
    optional: bool = False  # None is a valid answer
    limits: tuple[int, int] | None = None  # (lowest, highest) for a number
    required: bool = False


def model_field(model: type[BaseModel], path: str) -> FieldInfo:
    """The field at a dotted path ("team.size"), following nested models."""
    current: Any = model
    *parents, last = path.split(".")
    for part in parents:
        current = current.model_fields[part].annotation
        if not hasattr(current, "model_fields"):
            raise TypeError(f"{path}: {part} is not a section of the answers")
    fields = current.model_fields
    if last not in fields:
        raise KeyError(f"{path}: no such answer in {current.__name__}")
    return fields[last]


def field_shape(model: type[BaseModel], path: str) -> FieldShape:
    """Map the field's annotation to a question kind; an annotation the interview cannot ask is an error."""
    info = model_field(model, path)
    annotation, optional = _without_none(info.annotation)
    required = info.is_required()
    default = None if required else info.get_default(call_default_factory=True)
    origin = get_origin(annotation)
    if annotation is bool:
        # None first: "infer" is the answer that asks nothing of the user, so it leads when allowed.
        return FieldShape("choice", default, ((None,) if optional else ()) + (True, False), optional, None, required)
    if origin is Literal:
        values = get_args(annotation)
        return FieldShape("choice", default, ((None,) if optional else ()) + values, optional, None, required)
    if annotation is int:
        return FieldShape("int", default, (), optional, _limits(info), required)
    if annotation is str:
        return FieldShape("text", default, (), optional, None, required)
    if origin is list:
        (item,) = get_args(annotation)
        item = _unannotated(item)
        if get_origin(item) is Literal:
            return FieldShape("multi", default, get_args(item), optional, None, required)
        if item is str:
            return FieldShape("list", default, (), optional, None, required)
    raise TypeError(f"{path}: the interview has no way to ask for {info.annotation!r}")


def _unannotated(annotation: Any) -> Any:
    """`Annotated[str, pattern]` is a str to the interview: the pattern is pydantic's to check."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _without_none(annotation: Any) -> tuple[Any, bool]:
    """`X | None` becomes (X, True); anything else (X, False)."""
    annotation = _unannotated(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        if len(args) != 1:
            raise TypeError(f"a union of {args!r} is not one kind of answer")
        return _unannotated(args[0]), optional
    return annotation, False


def _limits(info: FieldInfo) -> tuple[int, int]:
    low = next((m.ge for m in info.metadata if getattr(m, "ge", None) is not None), 0)
    high = next((m.le for m in info.metadata if getattr(m, "le", None) is not None), NO_LIMIT)
    return typing.cast(int, low), typing.cast(int, high)
