"""Deployment skeletons that follow from a decision: Compose, Kustomize, Helm (built as data).

`build_skeleton` picks the trees by the decision (runtime, manifests) and the layout in `layout.py`; every file
is built from dicts and dumped by `yamlout`, so the same decision gives the same bytes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.content import Content
from advisor.decision import Decision
from advisor.writer import OutputFile


@dataclass(frozen=True)
class SkeletonContext:
    out_dir: Path
    adr_id: str  # "ADR-0007"
    adr_relpath: str  # path of the ADR relative to out_dir, for README links


def helm_builder() -> Callable[[Decision, SkeletonContext, str], list[tuple[str, Content]]] | None:
    """The chart builder, when it is installed: `build_helm(decision, context, prefix) -> [(path, bytes)]`."""
    try:
        module = importlib.import_module("advisor.skeleton.helm")
    except ModuleNotFoundError as exc:
        if exc.name != "advisor.skeleton.helm":
            raise
        return None
    return getattr(module, "build_helm", None)


@dataclass
class Rendered:
    """The skeleton's files, which builder made each, and the facts each builder read (see advisor.facts)."""

    files: list[OutputFile]
    builder_of: dict[str, str]  # path -> builder name
    facts: dict[str, dict[str, Any]]  # builder name -> {fact: value}
    # The same render with some facts at other values ({fact: value}): the files by path, nothing emitted yet.
    again: Callable[[dict[str, Any]], dict[str, Content]] | None = None


def build_skeleton(decision: Decision, context: SkeletonContext) -> list[OutputFile]:
    """Every file of the skeleton, in a fixed order, as `managed` files under `context.out_dir`."""
    return render_skeleton(decision, context).files


def render_skeleton(decision: Decision, context: SkeletonContext, overrides: dict[str, Any] | None = None) -> Rendered:
    """`build_skeleton`, with each builder handed a recording view of the decision and context.

    The recording happens here, at the builder boundary, so the builders themselves know nothing about it.
    `overrides` hands the builders other values for some facts (see `Rendered.again`).
    """
    from advisor.errors import InputError, Problem
    from advisor.facts import recording
    from advisor.skeleton import compose, layout, readme
    from advisor.skeleton import kubernetes as k8s

    if decision.answers.delivery.image_tag.lower() == "latest":  # a moving tag makes rollback by git revert a lie
        message = "must be a pinned tag such as 0.1.0, not 'latest'"
        raise InputError([Problem("answers", message, field="delivery.image_tag")])

    view, tree = recording(decision, context, overrides)
    if view.choices.get("runtime") == "docker-compose":
        name, files = "compose", compose.build(view, view.context)
    else:
        manifests = view.choices.get("manifests", "kustomize")
        helm = helm_builder() if layout.helm_dir(manifests) is not None else None
        name, files = "kubernetes", k8s.build(view, view.context, manifests, helm)
    builder_of = dict.fromkeys((path for path, _ in files), name)
    readme_view, readme_facts = recording(decision, context, overrides)
    files.append((layout.README, readme.render(readme_view, readme_view.context, [path for path, _ in files])))
    builder_of[layout.README] = "readme"
    out = [OutputFile(context.out_dir, path, data) for path, data in files]

    def again(other: dict[str, Any]) -> dict[str, Content]:
        return {item.path: item.content for item in render_skeleton(decision, context, other).files}

    return Rendered(out, builder_of, {name: tree.facts, "readme": readme_facts.facts}, again)
