"""Which answers and choices a builder read: recorded by handing it a read-recording view of the decision.

The builders stay unaware: `recording(decision)` returns a stand-in whose `answers` and `choices` note every leaf
they hand out (`data.rpo_minutes`, `choice.postgres`), so the facts a file depends on come from what its builder
actually read, never from a hand-kept table that drifts. The lock stores them; the next run compares them to say
why a file changed and to skip builders whose facts did not change.

The same stand-in can also hand out other values for some facts (`overrides`, by fact name): rendering again with
one fact at its old value tells which files that fact changed (advisor.provenance).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def plain(value: Any) -> Any:
    """A YAML-safe copy of a fact's value (models and tuples become mappings and lists)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


class Recorder:
    def __init__(self) -> None:
        self.facts: dict[str, Any] = {}

    def note(self, name: str, value: Any) -> None:
        self.facts.setdefault(name, plain(value))


Overrides = dict[str, Any]  # fact name -> the value to hand out instead


class _ModelView:
    """Attribute access on a pydantic model that records each leaf read; sub-models stay views."""

    __slots__ = ("_model", "_overrides", "_prefix", "_recorder")

    def __init__(self, model: BaseModel, prefix: str, recorder: Recorder, overrides: Overrides) -> None:
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_prefix", prefix)
        object.__setattr__(self, "_recorder", recorder)
        object.__setattr__(self, "_overrides", overrides)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._model, name)
        path = f"{self._prefix}{name}"
        if path in self._overrides:
            value = self._overrides[path]
        if isinstance(value, BaseModel):
            return _ModelView(value, path + ".", self._recorder, self._overrides)
        if callable(value):  # a method reads the whole model (normalised(), sha256()): depend on all of it
            self._recorder.note(self._prefix.rstrip(".") or "answers", self._model)
            return value
        self._recorder.note(path, value)
        return value


class _ChoicesView(dict):
    """The decision's choices; each key looked up is recorded as `choice.KEY`."""

    def __init__(self, choices: dict[str, str], recorder: Recorder) -> None:
        super().__init__(choices)
        self._recorder = recorder

    def __getitem__(self, key: str) -> str:
        self._recorder.note(f"choice.{key}", dict.get(self, key))
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._recorder.note(f"choice.{key}", dict.get(self, key))
        return super().get(key, default)

    def _all(self) -> None:
        for key in dict.keys(self):
            self._recorder.note(f"choice.{key}", dict.get(self, key))

    def items(self):  # type: ignore[override]
        self._all()
        return super().items()

    def values(self):  # type: ignore[override]
        self._all()
        return super().values()

    def __iter__(self):
        self._all()
        return super().__iter__()


class _ContextView:
    """The skeleton context: which ADR the files follow is a fact too (`adr.id`), read where a file names it."""

    def __init__(self, context: Any, recorder: Recorder, overrides: Overrides) -> None:
        self._context = context
        self._recorder = recorder
        self._overrides = overrides

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._context, name)
        if name in ("adr_id", "adr_relpath"):  # out_dir is where, not what; the answers hash is no file's content
            fact = f"adr.{name.removeprefix('adr_')}"
            value = self._overrides.get(fact, value)
            self._recorder.note(fact, value)
        return value


class _DecisionView:
    """The decision as a builder sees it: `answers` and `choices` record; everything else reads as a whole."""

    def __init__(self, decision: Any, recorder: Recorder, context: Any, overrides: Overrides) -> None:
        self._decision = decision
        self._recorder = recorder
        self._overrides = overrides
        self.answers = _ModelView(decision.answers, "", recorder, overrides)
        choices = dict(decision.choices)
        choices.update({name[7:]: value for name, value in overrides.items() if name.startswith("choice.")})
        self.choices = _ChoicesView(choices, recorder)
        self.context = _ContextView(context, recorder, overrides)

    def __getitem__(self, key: str) -> str:
        return self.choices[key]

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._decision, name)
        fact = f"decision.{name}"
        if fact in self._overrides:
            other = self._overrides[fact]
            value = (lambda: other) if name == "outcome" else other
        self._recorder.note(fact, value() if name == "outcome" else value)
        return value


def recording(decision: Any, context: Any = None, overrides: Overrides | None = None) -> tuple[Any, Recorder]:
    """(a stand-in for `decision` that records reads, with `.context` for the skeleton context; the recorder).

    `overrides` hands out other values for the facts it names (each as the lock records it)."""
    recorder = Recorder()
    return _DecisionView(decision, recorder, context, overrides or {}), recorder


def changed(previous: dict[str, Any], current: dict[str, Any], names: list[str] | tuple[str, ...]) -> list[str]:
    """`name old → new` for each of `names` whose value differs between two runs, sorted."""
    out = []
    for name in sorted(names):
        before, after = previous.get(name), current.get(name)
        if before != after:
            out.append(f"{name} {_show(before)} → {_show(after)}")
    return out


def _show(value: Any) -> str:
    if isinstance(value, str):
        return value if value and len(value) <= 40 and "\n" not in value else repr(value[:37] + "...")
    return str(value)
