"""The review's contents, worked out once per set of answers in a thread and kept: the plan, the ADR rendered for
the screen, the decision's trace.

Working out the plan (deciding, rendering the skeleton, comparing it with the files) and rendering a
400-line ADR take from a tenth of a second to a second; the review screen must appear at once. So the work runs
in a worker, its result is kept under a key made of everything it depends on (`plan_key`), and coming back to
the review with the same answers shows it again without working anything out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.strip import Strip

    from advisor.answers import Answers
    from advisor.errors import Problem
    from advisor.tui.persist import Settings

KEEP = 4  # plans kept: going back and forth between a few sets of answers stays instant


@dataclass
class Prepared:
    """What the review shows for one key; `result` is None (with `problems`) when the core refused the answers."""

    key: str
    result: Any = None  # advisor.pipeline.Result
    statuses: list[Any] = field(default_factory=list)  # (OutputFile, status) pairs, files edited by hand first
    answers_status: str = "new"
    answers_text: str = ""
    decision_text: str = ""
    adr_markdown: str = ""
    adr_strips: list[Strip] = field(default_factory=list)
    adr_width: int = 0
    problems: list[Problem] = field(default_factory=list)


def _stamp(path: Path | None) -> str:
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        return "-"
    return f"{stat.st_mtime_ns}:{stat.st_size}" if stat else "-"


def plan_key(answers: Answers, settings: Settings, save_path: Path, writes: int) -> str:
    """Everything the review depends on: the answers, where they go, the folders' state and how often we wrote."""
    from advisor.answers import dump_answers
    from advisor.lock import lock_path

    parts = [
        dump_answers(answers),
        repr(settings),
        str(save_path),
        str(writes),
        _stamp(save_path),
        _stamp(lock_path(settings.out_dir)),
        _stamp(settings.adr_dir),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def prepare(key: str, answers: Answers, settings: Settings, save_path: Path, width: int) -> Prepared:
    """Work out the review for these answers (in a thread: it touches no widget)."""
    from advisor.answers import dump_answers
    from advisor.errors import AdvisorError
    from advisor.tui.persist import answers_status, preview
    from advisor.tui.widgets.plan_table import rank

    try:
        result = preview(answers, settings, save_path)
        statuses = sorted(result.plan.statuses(), key=lambda entry: rank(entry[1]))
        saved = answers_status(answers, save_path)
    except AdvisorError as exc:
        return Prepared(key, problems=exc.problems)
    adr = next((item for item, _ in statuses if item.target == result.adr_path), None)
    markdown = readable(adr.data.decode()) if adr is not None else "No new ADR needed."
    prepared = Prepared(
        key,
        result,
        statuses,
        saved,
        dump_answers(answers),
        decision_text(result.decision, settings),
        markdown,
    )
    render_adr(prepared, width)
    return prepared


def decision_text(decision, settings: Settings) -> str:
    """The decision's trace and one line per decision on what would move it, as `advisor explain --what-if` prints
    them: the same sentences as the ADR's what-if, including "no single answer changes this; it needs …"."""
    from advisor.explain import explain
    from advisor.ruleset import load_ruleset
    from advisor.whatif import verdicts

    ruleset = load_ruleset(tuple(settings.rules_dirs))
    return explain(decision, verdicts(decision, ruleset))


def render_adr(prepared: Prepared, width: int) -> None:
    """The ADR's rows at `width` columns (again when the terminal is resized)."""
    from rich.markdown import Markdown

    from advisor.tui.widgets.lines import render_strips

    prepared.adr_strips = render_strips(Markdown(prepared.adr_markdown), max(width, 20))
    prepared.adr_width = width


def readable(record: str) -> str:
    """The record as people read it: the body first, the machine-readable front matter last, as a code block
    (Markdown would run it together into one paragraph)."""
    if record.startswith("---\n") and "\n---\n" in record[4:]:
        front, body = record[4:].split("\n---\n", 1)
        return f"{body.rstrip()}\n\n## Front matter (for tools)\n\n```yaml\n{front}\n```\n"
    return record


def remember(cache: dict[str, Prepared], prepared: Prepared) -> None:
    cache.pop(prepared.key, None)
    cache[prepared.key] = prepared
    while len(cache) > KEEP:
        cache.pop(next(iter(cache)))
