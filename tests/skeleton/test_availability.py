"""Node drains and node failures, as the scheduler and CloudNativePG would meet them, in both trees.

- A single-instance database gets no PodDisruptionBudget: CloudNativePG's budget on the primary (minAvailable 1)
  would block every drain of its node (CloudNativePG docs, "enablePDB").
- In production, database instances and app replicas must land on different nodes (anti-affinity `required`,
  topology spread `DoNotSchedule` on `kubernetes.io/hostname`), not merely prefer it.
- Postgres runs the latest 17.x minor release known here: minor releases carry security fixes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from advisor.skeleton import names
from tests.conftest import EXAMPLES
from tests.skeleton.helm_support import Chart
from tests.skeleton.kustomize_support import build_overlays, example_decision, needs_kubectl, render, variant

# Latest minor of each major as published by the PostgreSQL Global Development Group (postgresql.org/support/versioning)
# and built by CloudNativePG (ghcr.io/cloudnative-pg/postgresql tags `17.11-standard-*`); raise it with each release.
LATEST_MINOR = {17: 11}


@pytest.fixture(scope="module", params=["scenario-b.yaml", "scenario-b-c.yaml"])
def trees(request, tmp_path_factory) -> list[tuple[str, list[dict[str, Any]]]]:
    decision = variant(example_decision(EXAMPLES / request.param), manifests="both")
    out = tmp_path_factory.mktemp(Path(request.param).stem)
    files = render(decision, out)
    envs = list(decision.answers.environments)
    built, drill = build_overlays(out / "kustomize", envs, drill=True)
    chart = Chart(decision, out, out / "helm", files)
    out_list = [(f"kustomize {env}", built[env]) for env in envs] + [("kustomize drill", drill)]
    out_list += [(f"helm {env}", chart.objects(env, hooks=False)) for env in envs]
    return out_list


@needs_kubectl
def test_a_single_instance_never_blocks_a_drain(trees) -> None:
    checked = 0
    for where, objects in trees:
        for cluster in (o for o in objects if o["kind"] == "Cluster"):
            spec = cluster["spec"]
            assert spec["enablePDB"] is (spec["instances"] > 1), (where, cluster["metadata"]["name"])
            checked += 1
    assert checked >= 7


@needs_kubectl
def test_production_spreads_over_nodes_as_a_requirement(trees) -> None:
    for where, objects in trees:
        prod = where.endswith(" prod")
        for cluster in (o for o in objects if o["kind"] == "Cluster"):
            affinity = cluster["spec"]["affinity"]
            assert affinity["topologyKey"] == "kubernetes.io/hostname", where
            assert affinity["podAntiAffinityType"] == ("required" if prod else "preferred"), where
        for deployment in (o for o in objects if o["kind"] == "Deployment"):
            spread = deployment["spec"]["template"]["spec"]["topologySpreadConstraints"]
            rule = {c["topologyKey"]: c["whenUnsatisfiable"] for c in spread}
            assert rule["kubernetes.io/hostname"] == ("DoNotSchedule" if prod else "ScheduleAnyway"), where
            assert rule["topology.kubernetes.io/zone"] == "ScheduleAnyway", where


def test_postgres_runs_the_latest_known_minor_release() -> None:
    major, minor = map(int, re.search(r":(\d+)\.(\d+)-standard", names.POSTGRES_IMAGE).groups())
    assert major == names.POSTGRES_MAJOR
    assert minor >= LATEST_MINOR[major]
