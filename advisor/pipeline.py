"""The one orchestrator every front end calls: answers -> decision -> skeleton -> ADR -> plan -> write.

`run()` decides, asks the ADR planner (`adr/plan.py`) which record the files follow, renders the skeleton with
the facts each builder read recorded, renders the ADR, and returns a `Plan` that includes the skeleton's lock
(`advisor.lock.yaml`). Nothing is written by `run()`; `write()` is the one writing step, and `decide_and_write()`
is what `advisor decide` and the interview both call: lock the ADR folder, plan, write.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from advisor.answers import Answers
from advisor.decision import Decision, Flip
from advisor.engine import decide
from advisor.errors import InputError, Problem
from advisor.ruleset import Ruleset, load_ruleset
from advisor.whatif import what_if
from advisor.writer import Plan, Report, apply, locked


@dataclass(frozen=True)
class Options:
    out_dir: Path = Path("deploy")
    adr_dir: Path | None = None  # --adr-dir; None: the config's, else discover (see advisor.adr.log.find_adr_dir)
    configured_adr_dir: Path | None = None  # `adr-dir` in the config: a repository file, kept inside it
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


def confined(options: Options) -> Options:
    """The run's folders resolved once: the skeleton folder and the ADR folder, inside the repository (`base_dir`)
    unless a flag put them elsewhere, and never reached through a symlink in it (advisor.confine)."""
    from advisor.adr.log import find_adr_dir
    from advisor.confine import root

    out_dir = root(options.out_dir, options.base_dir, "the skeleton folder (--out)", from_user=True)
    return replace(options, out_dir=out_dir, adr_dir=find_adr_dir(options))


def run(answers: Answers, options: Options) -> Result:
    from advisor.adr.plan import adr_files, choose_adr, find_adr_dir, repo_path
    from advisor.confine import folder_label
    from advisor.lock import read_lock
    from advisor.provenance import lock_file, previous_state
    from advisor.skeleton import SkeletonContext, render_skeleton
    from advisor.skeleton.claims import claims

    options = confined(options)
    decision, flips, ruleset = evaluate(answers, options.rules_dirs)
    date = options.date or resolve_date()
    base = options.base_dir
    folders = tuple(folder_label(Path(folder), base) for folder in options.rules_dirs)
    choice = choose_adr(decision, find_adr_dir(options), date, ruleset, folders)
    relpath = Path(os.path.relpath(choice.path.resolve(), options.out_dir.resolve())).as_posix()
    context = SkeletonContext(options.out_dir, choice.adr_id, relpath)
    rendered = render_skeleton(decision, context)
    answers_file = repo_path(base, options.answers_path) if options.answers_path else None
    generated = [repo_path(base, item.root / item.path) for item in rendered.files]
    adr_path = repo_path(base, choice.path)
    records = adr_files(
        choice,
        decision,
        ruleset,
        date=date,
        template=options.template,
        answers_file=answers_file,
        generated=generated,
        claims=claims(decision),
        adr_path=adr_path,
        rule_folders=folders,
    )
    plan = Plan()
    plan.add(*records)
    plan.add(*rendered.files)
    versions = (decision.tool_version, decision.ruleset_version)
    previous_state(plan, options.out_dir, choice.previous_generated(base), rendered, versions)
    lock = read_lock(options.out_dir)
    last = (lock.adr_sha256, lock.adr_blob) if lock and lock.adr_path == adr_path and lock.adr_sha256 else None
    record = next((item for item in records if item.path == choice.path.name), None)
    if record is not None and choice.revise and last:  # a hand edit of a proposed record is merged, not lost
        target = str(Path(_resolved(choice.path)))
        plan.previous[target], plan.bases[target] = last
    adr = (choice.adr_id, adr_path)
    plan.add(lock_file(decision, rendered, adr=adr, answers_file=answers_file, record=record or last))
    return Result(decision, flips, plan, choice.adr_id, choice.path, choice.unchanged, list(choice.messages))


def _resolved(path: Path) -> str:
    """The form the writer keys a target by: parent resolved, name kept."""
    return str(path.parent.resolve() / path.name)


def write(result: Result, *, force: bool = False) -> Report:
    """Write a planned result. Each render that goes into a merge is kept in git, so the next merge has its base."""
    from advisor.provenance import keep_bases

    report = apply(result.plan, force=force)
    keep_bases(result.plan, report)
    return report


def decide_and_write(answers: Answers, options: Options, *, force: bool = False) -> tuple[Result, Report]:
    """Plan and write under the ADR folder's lock, so two runs cannot number two ADRs alike or interleave writes."""
    from advisor.adr.plan import find_adr_dir
    from advisor.lock import read_lock

    options = confined(options)  # before anything is read or a folder created
    decide(answers, load_ruleset(tuple(options.rules_dirs)))  # rule and lock errors surface before the ADR
    read_lock(options.out_dir)  # folder's lock creates that folder
    with locked(find_adr_dir(options)):
        result = run(answers, options)
        return result, write(result, force=force)
