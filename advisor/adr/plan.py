"""Working out which ADR a decision needs and the files that go with it (first version)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.decision import Decision, Flip
from advisor.writer import OutputFile, Plan

if TYPE_CHECKING:
    from advisor.pipeline import Options, Result

_NUMBERED = re.compile(r"^(\d{4})-.+\.md$")


def find_adr_dir(options: Options) -> Path:
    if options.adr_dir is not None:
        return options.adr_dir
    base = options.base_dir
    marker = base / ".adr-dir"
    if marker.is_file():
        return base / marker.read_text(encoding="utf-8").strip()
    for candidate in ("docs/decisions", "docs/adr", "doc/adr"):
        if (base / candidate).is_dir():
            return base / candidate
    return base / "docs/adr"


def plan_adr(
    decision: Decision, flips: list[Flip], options: Options, date: dt.date, build_skeleton: Callable
) -> Result:
    from advisor.pipeline import Result
    from advisor.skeleton import SkeletonContext

    adr_dir = find_adr_dir(options)
    numbers = [
        int(m.group(1)) for p in (adr_dir.glob("*.md") if adr_dir.is_dir() else []) if (m := _NUMBERED.match(p.name))
    ]
    number = max(numbers, default=0) + 1
    adr_id = f"ADR-{number:04d}"
    filename = f"{number:04d}-deploy-{decision.answers.project.name}-service-mode.md"
    context = SkeletonContext(options.out_dir, adr_id, str(Path("..") / filename), decision.answers.sha256())
    skeleton = build_skeleton(decision, context)
    lines = [f"# {adr_id}: Deploy {decision.answers.project.name}", "", f"Date: {date.isoformat()}", ""]
    lines += [f"- {key}: {value}" for key, value in decision.choices.items()]
    plan = Plan()
    plan.add(OutputFile(adr_dir, filename, ("\n".join(lines) + "\n").encode(), mode="create"), *skeleton)
    return Result(decision, flips, plan, adr_id, adr_dir / filename, unchanged=False)
