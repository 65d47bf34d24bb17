"""The one core entry point every front end calls: answers -> Decision + Plan.

`run()` decides, works out the ADR to write (or that the current one still holds), builds the
deployment skeleton that follows from the decision, and returns a `Plan`. Nothing is written here;
`writer.apply(plan)` is the last, separate step (the CLI and the TUI both call it).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from advisor.answers import Answers
from advisor.decision import Decision, Flip
from advisor.engine import decide
from advisor.errors import InputError, Problem
from advisor.ruleset import Ruleset, load_ruleset
from advisor.whatif import what_if
from advisor.writer import Plan


@dataclass(frozen=True)
class Options:
    out_dir: Path = Path("deploy")
    adr_dir: Path | None = None  # None: discover (see advisor.adr.log.find_adr_dir)
    rules_dirs: tuple[Path, ...] = ()
    date: dt.date | None = None  # None: SOURCE_DATE_EPOCH, else today
    template: str | None = None  # "madr", "nygard" or a path to a Jinja2 template
    answers_path: Path | None = None  # recorded in the ADR so `advisor check` can find it
    base_dir: Path = field(default_factory=Path.cwd)


@dataclass
class Result:
    decision: Decision
    what_if: list[Flip]
    plan: Plan
    adr_id: str | None  # "ADR-0007": the record the files belong to
    adr_path: Path | None
    unchanged: bool  # the current advisor ADR already records this outcome
    messages: list[str] = field(default_factory=list)


def resolve_date(value: str | None = None) -> dt.date:
    """`--date` wins, then SOURCE_DATE_EPOCH (reproducible builds), then today in UTC."""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise InputError([Problem("--date", f"{value!r} is not an ISO date (YYYY-MM-DD)")]) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise InputError([Problem("SOURCE_DATE_EPOCH", f"{epoch!r} is not a Unix timestamp")]) from None
    return dt.datetime.now(tz=dt.UTC).date()


def evaluate(answers: Answers, rules_dirs: tuple[Path, ...] = ()) -> tuple[Decision, list[Flip], Ruleset]:
    """Decide and compute the what-if flips: what the TUI panel and `explain` show."""
    ruleset = load_ruleset(tuple(rules_dirs))
    decision = decide(answers, ruleset)
    return decision, what_if(decision, ruleset), ruleset


def run(answers: Answers, options: Options) -> Result:
    from advisor.adr.plan import plan_adr
    from advisor.skeleton import build_skeleton

    decision, flips, _ = evaluate(answers, options.rules_dirs)
    date = options.date or resolve_date()
    return plan_adr(decision, flips, options, date, build_skeleton)
