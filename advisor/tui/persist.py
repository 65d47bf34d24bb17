"""Everything the interview writes goes through the core's writer, exactly as `advisor decide` does.

Kept free of Textual: the screens call these from thread workers. The answers file is written
first, because the ADR records where the answers live; then the plan is recomputed and applied
under the ADR folder's lock, so numbering and writing cannot race another run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the core loads after the first paint (see advisor.tui.screens.welcome)
    from advisor.answers import Answers
    from advisor.writer import OutputFile, Plan, Report, Status


@dataclass(frozen=True)
class Settings:
    """What `advisor interview` was started with."""

    out_dir: Path = Path("deploy")
    adr_dir: Path | None = None
    rules_dirs: tuple[Path, ...] = ()
    date: dt.date | None = None
    answers_path: Path | None = None  # the file that pre-filled the interview, if any
    save_path: Path = Path("advisor-answers.yaml")
    base_dir: Path = field(default_factory=Path.cwd)

    def options(self, answers_path: Path | None = None):
        from advisor.pipeline import Options, resolve_date

        return Options(
            out_dir=self.out_dir,
            adr_dir=self.adr_dir,
            rules_dirs=self.rules_dirs,
            date=self.date or resolve_date(),
            answers_path=answers_path or self.save_path,
            base_dir=self.base_dir,
        )


def answers_plan(answers: Answers, path: Path) -> Plan:
    from advisor.answers import dump_answers
    from advisor.writer import OutputFile, Plan

    root = path.parent if str(path.parent) else Path(".")
    return Plan([OutputFile(root, path.name, dump_answers(answers).encode())])


def answers_status(answers: Answers, path: Path) -> Status:
    plan = answers_plan(answers, path)
    return plan.status(plan.files[0])


def save_answers(answers: Answers, path: Path) -> Report:
    """Write the answers file; the user chose the path, so an existing file is replaced."""
    from advisor.writer import apply

    return apply(answers_plan(answers, path), force=True)


def preview(answers: Answers, settings: Settings, save_path: Path):
    """The `Result` (decision, plan, ADR path) that writing would produce now."""
    from advisor.pipeline import run

    return run(answers, settings.options(save_path))


def write_all(answers: Answers, settings: Settings, save_path: Path, *, force: bool) -> tuple[Report, Report, object]:
    """Save the answers, then write the ADR and skeleton like `advisor decide --answers SAVE_PATH`."""
    from advisor.pipeline import decide_and_write

    saved = save_answers(answers, save_path)
    result, report = decide_and_write(answers, settings.options(save_path), force=force)
    return saved, report, result


def diff_text(item: OutputFile, data: bytes | None = None) -> str:
    """A unified diff of what is on disk against what would be written (`data`, e.g. a merge, or the render)."""
    import difflib

    try:
        old = item.target.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        old = []
    new = (item.data if data is None else data).decode("utf-8", errors="replace").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"{item.path} (on disk)", f"{item.path} (new)")
    return "".join(lines) or "no differences\n"
