"""Everything the interview writes goes through the core's writer, exactly as `advisor decide` does.

Kept free of Textual: the screens call these from thread workers. The answers file is written
first, because the ADR records where the answers live; then the plan is recomputed and applied
under the ADR folder's lock, so numbering and writing cannot race another run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the core loads after the first paint (see advisor.tui.screens.welcome)
    from advisor.answers import Answers
    from advisor.errors import Problem
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
    """The answers file to write; a file that already holds these answers keeps its own bytes (its comments,
    its order), so the review says `unchanged` and nothing rewrites what the team wrote by hand."""
    from advisor.answers import dump_answers, load_answers
    from advisor.errors import InputError
    from advisor.writer import OutputFile, Plan

    root = path.parent if str(path.parent) else Path(".")
    data = dump_answers(answers).encode()
    if path.is_file() and not path.is_symlink():
        try:
            if load_answers(path).normalised() == answers.normalised():
                data = path.read_bytes()
        except (InputError, OSError):
            pass  # not answers (or unreadable): replaced, as the user chose this path
    return Plan([OutputFile(root, path.name, data)])


def answers_status(answers: Answers, path: Path) -> Status:
    """new, unchanged or changed: the answers file is the user's own, so replacing it is never a "conflict"."""
    plan = answers_plan(answers, path)
    status = plan.status(plan.files[0])
    return "changed" if status == "conflict" else status


def save_answers(answers: Answers, path: Path) -> Report:
    """Write the answers file; the user chose the path, so an existing file is replaced. Its draft, if one was
    left beside it, is removed: the answers it held are now valid and saved."""
    from advisor.writer import apply

    report = apply(answers_plan(answers, path), force=True)
    draft = draft_path(path)
    if draft.is_file() and not draft.is_symlink():
        draft.unlink()
    return report


def draft_path(save_path: Path) -> Path:
    """Where unfinished answers go: beside the answers file, never over it (it may hold the last good answers)."""
    return save_path.with_name(save_path.name.removesuffix(".yaml").removesuffix(".yml") + ".draft.yaml")


def save_draft(text: str, save_path: Path) -> Path:
    """Write the draft text (see InterviewState.draft_text) and return where it went."""
    from advisor.writer import OutputFile, Plan, apply

    path = draft_path(save_path)
    root = path.parent if str(path.parent) else Path(".")
    apply(Plan([OutputFile(root, path.name, text.encode())]), force=True)
    return path


def read_answers(path: Path) -> tuple[Answers | None, Any, list[Problem]]:
    """(answers, None, []) for a valid file; (None, raw mapping, problems) for a draft whose answers are not valid.

    A file that is not YAML, or not a mapping, raises AdvisorError: there is nothing to fill the questions from.
    """
    from advisor.answers import answers_from_located
    from advisor.errors import InputError
    from advisor.yamlio import load_yaml_file

    located = load_yaml_file(path, "answers file")
    try:
        return answers_from_located(located), None, []
    except InputError as exc:
        if not isinstance(located.data, dict):
            raise
        return None, located.data, exc.problems


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


def diff_text(item: OutputFile, data: bytes | None = None, name: str | None = None) -> str:
    """A unified diff of what is on disk against what would be written (`data`, e.g. a merge, or the render);
    `name` is how the plan spells the path."""
    import difflib

    try:
        old = item.target.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        old = []
    new = (item.data if data is None else data).decode("utf-8", errors="replace").splitlines(keepends=True)
    name = name or str(item.path)
    lines = difflib.unified_diff(old, new, f"{name} (on disk)", f"{name} (new)")
    return "".join(lines) or "no differences\n"
