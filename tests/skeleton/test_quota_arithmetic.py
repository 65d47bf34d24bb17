"""The arithmetic the cluster does at admission: at the busiest moment of each situation, what an environment's pods
request and may use must fit inside its ResourceQuota, or a pod is refused and a rollout or a restore stalls.

Counted here from the objects, independently of advisor/skeleton/quota.py: a Deployment's replicas plus its
`maxSurge` during a rolling update; every Job and CronJob's pod; every CloudNativePG instance with the barman-cloud
sidecar of its ObjectStore, plus the bootstrap Job CloudNativePG runs beside them (initdb, join or full-recovery,
with the instances' resources); the PVCs of StatefulSets and Clusters. Situations: the environment as deployed; the
restore drill beside it; a restore beside its database (RUNBOOK.md). For generated answers too.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings

from advisor.answers import Answers
from advisor.pipeline import evaluate
from advisor.skeleton import names, postgres, quota
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects, env_workloads
from tests.conftest import EXAMPLE_FILES
from tests.hardening.strategies import ANSWERS
from tests.skeleton.kustomize_support import example_decision

SCALE = {"m": 1e-3, "": 1.0, "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30}
KEYS = ("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")


def amount(quantity: str) -> float:
    number, suffix = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(quantity)).groups()
    return float(number) * SCALE[suffix]


def _pods(obj: dict[str, Any], stores: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The resources of each container of each pod the object runs at its busiest."""
    spec = obj.get("spec", {})
    if obj["kind"] == "Deployment":
        surge = spec.get("strategy", {}).get("rollingUpdate", {}).get("maxSurge", 1)
        pods = spec.get("replicas", 1) + int(surge)
        return [[c["resources"] for c in spec["template"]["spec"]["containers"]]] * pods
    if obj["kind"] in ("StatefulSet", "Job"):
        count = spec.get("replicas", spec.get("parallelism", 1))
        return [[c["resources"] for c in spec["template"]["spec"]["containers"]]] * count
    if obj["kind"] == "CronJob":
        return [[c["resources"] for c in spec["jobTemplate"]["spec"]["template"]["spec"]["containers"]]]
    if obj["kind"] == "Cluster":
        sidecar = [stores[0]["spec"]["instanceSidecarConfiguration"]["resources"]] if stores else []
        return [[spec["resources"], *sidecar]] * (spec["instances"] + 1)  # + the bootstrap Job
    return []


def peak(objects: list[dict[str, Any]]) -> dict[str, float]:
    stores = [o for o in objects if o["kind"] == "ObjectStore"]
    out = dict.fromkeys((*KEYS, "pods", "requests.storage", "persistentvolumeclaims"), 0.0)
    for obj in objects:
        for containers in _pods(obj, stores):
            out["pods"] += 1
            for resources in containers:
                for key in KEYS:
                    side, kind = key.split(".")
                    out[key] += amount(resources[side][kind])
        spec = obj.get("spec", {})
        if obj["kind"] == "StatefulSet":
            for claim in spec.get("volumeClaimTemplates", []):
                out["requests.storage"] += amount(claim["spec"]["resources"]["requests"]["storage"]) * spec["replicas"]
                out["persistentvolumeclaims"] += spec["replicas"]
        if obj["kind"] == "Cluster":
            out["requests.storage"] += amount(spec["storage"]["size"]) * spec["instances"]
            out["persistentvolumeclaims"] += spec["instances"]
    return out


def _situations(decision, env: str) -> dict[str, list[dict[str, Any]]]:
    t = Target(decision, "ADR-0001", env)
    deployed = env_objects(decision, "ADR-0001", env)
    out = {"deployed": deployed}
    if t.in_cluster_db:
        if env == names.drill_env(list(decision.answers.environments)):
            out["restore drill"] = deployed + postgres.drill_objects(t)
        out["restore beside the database"] = deployed + postgres.recovery_objects(t)
    return out


def over_quota(decision) -> list[str]:
    problems = []
    for env in decision.answers.environments:
        for situation, objects in _situations(decision, env).items():
            hard = next(o for o in objects if o["kind"] == "ResourceQuota")["spec"]["hard"]
            used = peak([o for o in objects if o["kind"] != "ResourceQuota"])
            problems += [
                f"{env}, {situation}: {key} {used[key]:g} > {hard[key]}"
                for key in used
                if used[key] > amount(hard[key]) + 1e-9
            ]
    return problems


def test_every_example_fits_its_quotas_in_every_situation() -> None:
    for path in EXAMPLE_FILES:
        decision = example_decision(path)
        if decision.choices.get("runtime") == "kubernetes":
            assert over_quota(decision) == [], path.stem


def test_the_check_bites_on_a_quota_sized_for_the_deployed_state_alone() -> None:
    """A quota sized from the deployed workloads alone refuses the pods of a restore beside the database."""
    decision = next(example_decision(p) for p in EXAMPLE_FILES if p.stem == "scenario-b")
    narrow = quota.hard([env_workloads(Target(decision, "ADR-0001", "dev"))])
    objects = _situations(decision, "dev")["restore beside the database"]
    used = peak([o for o in objects if o["kind"] != "ResourceQuota"])
    assert [key for key in used if used[key] > amount(narrow[key])] != []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_any_answers_fit_their_quotas_in_every_situation(answers: Answers) -> None:
    decision = evaluate(answers)[0]
    if decision.choices.get("runtime") == "kubernetes":
        assert over_quota(decision) == []
