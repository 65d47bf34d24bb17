"""The skeleton's README.md: what was generated, why, what to fill in, how to apply, roll back, and what it needs.

Written so that the README alone is enough to deploy: every placeholder the files contain is listed here, and
every deliberate deviation from a linter is named with the reason (the same reason sits on the object).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.decision import Decision
from advisor.skeleton import layout, names
from advisor.skeleton.readme_compose import compose_sections
from advisor.skeleton.readme_kubernetes import kubernetes_sections
from advisor.skeleton.readme_platform import platform_sections

if TYPE_CHECKING:
    from advisor.skeleton import SkeletonContext


def _tree(paths: list[str]) -> str:
    return "\n".join(f"- `{path}`" for path in sorted(paths))


def render(decision: Decision, context: SkeletonContext, paths: list[str]) -> bytes:
    a, c = decision.answers, decision.choices
    app = names.app(a)
    header = f"<!-- {names.HEADER.removeprefix('# ').strip()} -->\n"
    lines = [f"# Deployment skeleton for {app}", ""]
    lines += [
        f"Generated from [{context.adr_id}]({context.adr_relpath}), which records why: "
        + ", ".join(f"{key} = {value}" for key, value in sorted(c.items()))
        + ". Edit these files freely: `advisor check` reports drift from `advisor.lock.yaml`, and `advisor decide` "
        "merges a later render into an edited file (a conflict leaves the file as it is and writes `FILE.new`).",
        "",
        "## Files",
        "",
        _tree([*paths, layout.README]),
        "",
    ]
    if c.get("runtime") == "docker-compose":
        lines += compose_sections(decision)
    else:
        lines += [*platform_sections(decision), *kubernetes_sections(decision, paths)]
    return (header + "\n".join(lines) + "\n").encode()
