"""The live recommendation beside the questions: what the core decides for the answers so far.

Rule evaluation (and the what-if search) takes tens of milliseconds, so it runs in a thread worker
that posts the result back; the worker never touches widgets. A generation number drops results
that arrive after a newer request. Changes since the previous answer are marked in words
("was in-cluster"), so nothing relies on colour.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from advisor.answers import Answers
from advisor.errors import AdvisorError, Problem

LABELS = {
    "runtime": "Runtime",
    "manifests": "Manifests",
    "postgres": "Postgres",
    "object_storage": "Object storage",
    "rancher": "Rancher",
    "secrets": "Secrets",
    "secret_store": "Secret store",
}
MAX_FLIPS = 3
DEBOUNCE = 0.15  # seconds


class RecommendationPanel(VerticalScroll):
    """Shows the decision for the current answers; `request(answers, problems)` refreshes it."""

    class Evaluated(Message):
        def __init__(self, generation: int, decision, flips, problems: list[Problem]) -> None:
            super().__init__()
            self.generation = generation
            self.decision = decision
            self.flips = flips
            self.problems = problems

    def __init__(self, memory: dict[str, dict], rules_dirs: tuple[Path, ...] = ()) -> None:
        super().__init__(id="panel")
        self.border_title = "Recommendation"
        self.memory = memory  # shared across screens: the last choices shown and what they were before
        self.rules_dirs = rules_dirs
        self.generation = 0
        self.decision = None
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(self.memory.get("text", {}).get("last", "Evaluating…"), id="panel-body")

    def request(self, answers: Answers | None, problems: list[Problem]) -> None:
        self.generation += 1
        if answers is None:
            fields = ", ".join(sorted({p.field or "answers" for p in problems}))
            self.body.update(Text(f"Waiting for valid answers.\nTo fix: {fields}"))
            return
        if self._pending is not None:
            self._pending.stop()
        generation = self.generation
        # Typing fires a change per key; evaluate once the keys pause, so typing never waits on rules.
        self._pending = self.set_timer(DEBOUNCE, lambda: self.evaluate(generation, answers))

    @property
    def body(self) -> Static:
        return self.query_one("#panel-body", Static)

    @work(thread=True, exclusive=True, group="evaluate")
    def evaluate(self, generation: int, answers: Answers) -> None:
        from advisor.pipeline import evaluate

        try:
            decision, flips, _ = evaluate(answers, self.rules_dirs)
        except AdvisorError as exc:
            self.post_message(self.Evaluated(generation, None, [], exc.problems))
            return
        self.post_message(self.Evaluated(generation, decision, flips, []))

    def on_recommendation_panel_evaluated(self, message: Evaluated) -> None:
        if message.generation != self.generation:
            return
        if message.decision is None:
            self.body.update(Text("\n".join(str(p) for p in message.problems)))
            return
        self.decision = message.decision
        text = self.render_decision(message.decision, message.flips)
        self.memory.setdefault("text", {})["last"] = text  # the next screen starts from it, not from blank
        self.body.update(text)

    def render_decision(self, decision, flips) -> Text:
        shown, before = self.memory.setdefault("shown", {}), self.memory.setdefault("before", {})
        if shown and shown != decision.choices:
            before.clear()
            before.update({k: v for k, v in shown.items() if decision.choices.get(k) != v})
        shown.clear()
        shown.update(decision.choices)
        text = Text()
        text.append("Scenarios: ", style="bold")
        text.append((", ".join(decision.scenarios) or "none of A-C") + "\n")
        for key, value in decision.choices.items():  # the summary first: it fits on one screen
            text.append(f"{LABELS.get(key, key)}: ", style="bold")
            text.append(value, style="bold underline" if key in before else "")
            text.append(f" (was {before[key]})\n" if key in before else "\n", style="italic")
        for warning in decision.warnings:
            text.append(f"⚠ warning: {warning}\n")
        if decision.obligations:
            text.append(f"{len(decision.obligations)} obligations (see review)\n", style="dim")
        text.append("\nWhy, and what would flip it\n", style="bold underline")
        for key in decision.choices:
            text.append(f"{LABELS.get(key, key)} ← {decision.entry(key).rule}\n")
            mine = [flip for flip in flips if flip.decision == key]
            for flip in mine[:MAX_FLIPS]:
                text.append(f"  {flip.field}={_show(flip.value)}: {flip.outcome}\n", style="dim")
            if len(mine) > MAX_FLIPS:
                text.append(f"  …{len(mine) - MAX_FLIPS} more on review\n", style="dim")
        return text


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)
