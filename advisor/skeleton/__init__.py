"""Deployment skeletons that follow from a decision: Compose, Kustomize, Helm (built as data)."""

from __future__ import annotations

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


def build_skeleton(decision: Decision, context: SkeletonContext) -> list[OutputFile]:
    """Every file of the skeleton, in a fixed order. Filled in by the skeleton builders."""
    return []
