"""`advisor org apply`: in each service `org impact` lists, exactly what `advisor decide` does there with the new rules.

The rule folders are put where the service's config can name them (advisor/org/vendor.py), its `rules:` is written,
and `pipeline.decide_and_write()` (the function `advisor decide` calls) writes the ADR, the merged skeleton and the
lock. Before anything is written the service is checked: its git working tree must be clean, its answers file must
still be the one its ADR recorded, and the plan must merge without a conflict; a service that fails one of these is
skipped with the reason and left exactly as it was. With a branch, each repository gets the branch from HEAD and
each service one commit on it (a monorepo's services share the branch). Nothing is ever pushed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from advisor import git
from advisor.org.impact import Impact
from advisor.org.rules_write import plan_rules, write_rules
from advisor.org.service import Service, repository_of
from advisor.org.vendor import home_of, proposed_folders


@dataclass(frozen=True)
class Request:
    proposed: tuple[Path, ...]
    replace: bool  # the proposed folders replace the configured ones (--config FILE)
    label: str  # how the rule change is named in messages and commits
    branch: str | None = None
    dry_run: bool = False
    date: dt.date | None = None


@dataclass
class Outcome:
    service: Service
    impact: Impact
    skipped: str | None = None
    lines: list[str] = field(default_factory=list)  # what changed, in words
    commit: str | None = None
    next: str | None = None  # the command to run next


def apply_all(impacts: list[Impact], request: Request) -> list[Outcome]:
    """Every changed service, repository by repository (each repository's state is read before any write)."""
    todo = [item for item in impacts if item.changed and not item.skipped]
    # A config shared with a service that changes (a monorepo's root config) names the new folders for every
    # service that reads it: those are re-decided too, so each one's record names the rules it now decides with.
    shared = {item.state.service.config.file for item in todo} - {None}
    todo += [
        item for item in impacts
        if item not in todo and not item.skipped and item.state.service.config.file in shared
    ]  # fmt: skip
    by_repo: dict[Path, list[Impact]] = {}
    for item in todo:
        by_repo.setdefault(repository_of(item.state.service), []).append(item)
    out: list[Outcome] = []
    for repo, items in by_repo.items():
        why = _repository_refuses(repo, items, request)
        if why:
            out += [Outcome(item.state.service, item, skipped=why) for item in items]
            continue
        for item in items:
            out.append(_one(repo, item, request))
    return sorted(out, key=lambda o: (str(o.service.root), o.service.rel))


def _repository_refuses(repo: Path, items: list[Impact], request: Request) -> str | None:
    """Why no service of `repo` can be applied, checked once before any of them is written."""
    found = _git_of(repo)
    if request.branch is None:
        if found is None:
            return None  # outside git, as `advisor decide` would: the files are written in place
        changed = found.changed([p for item in items for p in _touched(item.state.service, request)])
        return f"uncommitted changes ({', '.join(changed[:3])}); commit or stash them first" if changed else None
    if found is None:
        return f"{repo} is not a git repository, so no branch can be made (run without --branch)"
    if not found.valid_branch_name(request.branch):
        return f"{request.branch!r} is not a valid branch name"
    if found.head() is None:
        return "the repository has no commit yet to branch from"
    changed = found.changed()
    if changed:
        return f"the working tree is not clean ({', '.join(changed[:3])}); commit or stash first"
    if found.branch_exists(request.branch) and found.current_branch() != request.branch:
        return f"branch {request.branch} already exists; delete it or choose another name"
    ident = found.identity()
    return ident if isinstance(ident, str) else None


def _git_of(repo: Path) -> git.Repository | None:
    """The git repository whose work tree is `repo` itself (not one further up, nor a bare one planted in it)."""
    found = git.repository(repo)
    return found if found is not None and found.work_tree.resolve() == repo.resolve() else None


def _touched(service: Service, request: Request) -> list[Path]:
    paths = [service.path]
    if service.config.file is not None:
        paths.append(service.config.file)
    return paths


def _one(repo: Path, item: Impact, request: Request) -> Outcome:
    from advisor.errors import AdvisorError

    service = item.state.service
    outcome = Outcome(service, item, lines=_moves(item))
    found = _git_of(repo) if request.branch else None
    if not item.changed:
        outcome.lines.append(
            f"no decision moves; its config ({service.shown(service.config.file)}) names the new rules"
        )
    try:
        answers, answers_path = _answers(item)
        homes, sources = _folders(item, request)
        options = _options(service, answers_path, homes, request)
        conflict = _would_conflict(answers, options, sources)
        if conflict:
            outcome.skipped = conflict
            return outcome
        rules = plan_rules(service, homes, sources)
        if request.dry_run:
            outcome.lines.append(_config_line(service, homes, repo) + " (dry run: nothing written)")
            return outcome
        if found is not None and found.current_branch() != request.branch:
            found.create_branch(request.branch)
        written = write_rules(rules)
        outcome.lines.append(_config_line(service, homes, repo))
        written += _decide(answers, options, outcome)
    except (AdvisorError, git.GitError, OSError) as exc:
        outcome.skipped = _reason(exc)
        return outcome
    if found is not None:
        try:
            outcome.commit = found.commit(written, _message(item, request))
        except git.GitError as exc:
            outcome.skipped = f"written, but the commit failed: {exc}"
            return outcome
        outcome.next = f"git -C {_shown(repo)} push -u origin {request.branch}"
    return outcome


def _answers(item: Impact):
    from advisor.answers import load_answers
    from advisor.errors import InputError, Problem

    state = item.state
    named = (state.block or {}).get("answers_file")
    if not isinstance(named, str) or not (state.service.base / named).is_file():
        message = f"the answers file {named or '(none)'} that {state.record.id} names is missing; decide there by hand"
        raise InputError([Problem(str(state.service.path), message)])
    path = state.service.base / named
    return load_answers(path), path


def _folders(item: Impact, request: Request) -> tuple[list[Path], list[Path]]:
    """(where the service's config will name each rule folder, where each is read from now)."""
    service = item.state.service
    sources = list(request.proposed) if request.replace else list(
        proposed_folders(service, item.state.rules_dirs, request.proposed)
    )  # fmt: skip
    return [home_of(service, folder) for folder in sources], [Path(folder).resolve() for folder in sources]


def _options(service: Service, answers_path: Path, homes: list[Path], request: Request):
    from advisor.pipeline import Options, resolve_date

    return Options(
        out_dir=service.out_dir or service.base / "deploy",
        adr_dir=service.adr_dir,
        rules_dirs=tuple(homes),
        date=request.date or resolve_date(),
        answers_path=answers_path,
        base_dir=service.base,
    )


def _would_conflict(answers, options, sources: list[Path]) -> str | None:
    """Plan with the rule folders where they are now (their copies are not written yet): any conflict skips."""
    from dataclasses import replace

    from advisor.pipeline import run

    result = run(answers, replace(options, rules_dirs=tuple(sources)))
    clashes = [item.target for item, status in result.plan.statuses() if status == "conflict"]
    if clashes:
        shown = ", ".join(str(path.relative_to(options.base_dir)) for path in clashes[:3])
        return f"a hand edit would conflict with advisor's change ({shown}); merge it by hand with `advisor decide`"
    return None


def _decide(answers, options, outcome: Outcome) -> list[Path]:
    from advisor.pipeline import decide_and_write

    result, report = decide_and_write(answers, options)
    outcome.lines += list(result.messages)
    count = len(report.written) + len(report.merged)
    outcome.lines.append(f"{count} file(s) written" + (f", {len(report.merged)} merged" if report.merged else ""))
    return [*report.written, *report.merged]


def _config_line(service: Service, homes: list[Path], repo: Path) -> str:
    config = service.config.file or service.base / ".advisor.yaml"
    named = ", ".join(Path(h).relative_to(repo).as_posix() if Path(h).is_relative_to(repo) else str(h) for h in homes)
    return f"rules: [{named}] in {service.shown(config)}"


def _moves(item: Impact) -> list[str]:
    return [f"{c.decision}: {c.before} → {c.after} (rule {c.rule})" for c in item.changes]


def _message(item: Impact, request: Request) -> str:
    service = item.state.service
    if item.changes:
        moved = ", ".join(f"{c.decision} {c.after}" for c in item.changes)
        body = "\n".join(f"- {line}" for line in _moves(item))
    elif item.changed:
        moved, body = "obligations and warnings", "- no decision moves; obligations or warnings do"
    else:
        moved, body = "the rule folders it decides with", "- no decision moves; its config names the new rules"
    return (
        f"{service.name}: re-decide under {request.label} ({moved})\n\n"
        f"Re-decided with `advisor org apply` after the organisation's rules changed ({request.label}):\n\n{body}\n"
    )


def _shown(path: Path) -> str:
    """A path to paste into a shell: relative to the working folder when below it, else absolute; quoted if need be."""
    import os
    import shlex

    relative = os.path.relpath(path)
    return shlex.quote(relative if not relative.startswith("..") else str(path))


def _reason(exc: Exception) -> str:
    problems = getattr(exc, "problems", None)
    if problems:
        return "; ".join(str(p) for p in problems[:3])
    return str(exc)
