"""Deployment skeletons that follow from a decision: Compose, Kustomize, Helm (built as data).

`build_skeleton` picks the trees by the decision (runtime, manifests) and the layout in `layout.py`; every file
is built from dicts and dumped by `yamlout`, so the same decision gives the same bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from advisor.decision import Decision
from advisor.writer import OutputFile


@dataclass(frozen=True)
class SkeletonContext:
    out_dir: Path
    adr_id: str  # "ADR-0007"
    adr_relpath: str  # path of the ADR relative to out_dir, for README links
    answers_sha256: str


def helm_builder() -> Callable[[Decision, SkeletonContext, str], list[tuple[str, bytes]]] | None:
    """The chart builder, when it is installed: `build_helm(decision, context, prefix) -> [(path, bytes)]`."""
    try:
        module = importlib.import_module("advisor.skeleton.helm")
    except ModuleNotFoundError as exc:
        if exc.name != "advisor.skeleton.helm":
            raise
        return None
    return getattr(module, "build_helm", None)


def build_skeleton(decision: Decision, context: SkeletonContext) -> list[OutputFile]:
    """Every file of the skeleton, in a fixed order, as `managed` files under `context.out_dir`."""
    from advisor.errors import InputError, Problem
    from advisor.skeleton import compose, layout, readme
    from advisor.skeleton import kubernetes as k8s

    if decision.answers.delivery.image_tag.lower() == "latest":  # a moving tag makes rollback by git revert a lie
        message = "must be a pinned tag such as 0.1.0, not 'latest'"
        raise InputError([Problem("answers", message, field="delivery.image_tag")])

    if decision.choices.get("runtime") == "docker-compose":
        files = compose.build(decision, context)
    else:
        manifests = decision.choices.get("manifests", "kustomize")
        helm = helm_builder() if layout.helm_dir(manifests) is not None else None
        files = k8s.build(decision, context, manifests, helm)
    files.append((layout.README, readme.render(decision, context, [path for path, _ in files])))
    return [OutputFile(context.out_dir, path, data) for path, data in files]
