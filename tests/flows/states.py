"""What is in the cluster at once, per render, and the flows declared for it.

A state is every environment's objects together (an environment's policies never see another's objects alone),
with the part a render adds: the restore drill in its environment, a restore beside one environment's database,
or the chart's `helm test` hooks. States come from the real renders (kubectl kustomize, helm-python) of the
examples, or from the builders for generated answers (tests/skeleton/test_skeleton_kustomize.py proves the
builders equal the Kustomize builds).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.decision import Decision
from advisor.skeleton import flows, names, postgres
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects
from tests.flows.cluster import World, is_test_hook

ADR_ID = "ADR-0007"
State = tuple[str, str | None, list[dict[str, Any]]]  # (render, environment it is about or None for all, objects)


def _union(per_env: dict[str, list[dict[str, Any]]], **replace: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [obj for env, objects in per_env.items() for obj in replace.get(env, objects)]


def _states(
    decision: Decision,
    per_env: dict[str, list[dict[str, Any]]],
    drill: list[dict[str, Any]] | None,
    recovery: dict[str, list[dict[str, Any]]],
) -> Iterator[State]:
    yield "env", None, _union(per_env)
    if drill is not None:
        env = names.drill_env(list(decision.answers.environments))
        yield "drill", env, _union(per_env) + drill
    for env, objects in recovery.items():
        yield "recovery", env, _union(per_env, **{env: objects})


def kustomize_states(decision: Decision, objects: dict[str, list[dict[str, Any]]], prefix: str) -> Iterator[State]:
    envs = list(decision.answers.environments)
    per_env = {env: objects[f"{prefix}overlays-{env}"] for env in envs}
    drill = objects.get(f"{prefix}restore-drill")
    recovery = {env: objects[f"{prefix}recovery-{env}"] for env in envs if f"{prefix}recovery-{env}" in objects}
    yield from _states(decision, per_env, drill, recovery)


def helm_states(decision: Decision, objects: dict[str, list[dict[str, Any]]]) -> Iterator[State]:
    envs = list(decision.answers.environments)
    per_env = {env: [o for o in objects[f"helm-{env}"] if not is_test_hook(o)] for env in envs}
    drill_env = names.drill_env(envs)
    optional = objects.get(f"helm-{drill_env}-optional")
    drill = None
    if decision.choices.get("postgres") == "in-cluster" and optional is not None:
        drill = [o for o in optional if not is_test_hook(o)]
        per_env_with_drill = {**per_env, drill_env: drill}
        yield "drill", drill_env, _union(per_env_with_drill)
    recovery = {env: objects[f"helm-{env}-recovery"] for env in envs if f"helm-{env}-recovery" in objects}
    yield from _states(decision, per_env, None, {e: [o for o in r if not is_test_hook(o)] for e, r in recovery.items()})
    yield "helm-test", None, _union({env: objects[f"helm-{env}"] for env in envs})


def builder_states(decision: Decision) -> Iterator[State]:
    """The same states from the builders: every overlay, the drill component, the recovery component."""
    envs = list(decision.answers.environments)
    per_env = {env: env_objects(decision, ADR_ID, env) for env in envs}
    drill, recovery = None, {}
    if decision.choices.get("postgres") == "in-cluster":
        drill = postgres.drill_objects(Target(decision, ADR_ID, names.drill_env(envs)))
        recovery = {env: per_env[env] + postgres.recovery_objects(Target(decision, ADR_ID, env)) for env in envs}
    yield from _states(decision, per_env, drill, recovery)


def declared(decision: Decision, render: str, env: str | None) -> list[flows.Flow]:
    envs = list(decision.answers.environments) if env is None else [env]
    out = []
    for name in envs:
        t = Target(decision, ADR_ID, name)
        out += flows.declared(t, render)
        if render == "recovery":  # the live database keeps working while the restored one comes up
            out += flows.declared(t, "env")
    return out


def problems(decision: Decision, states: Iterator[State]) -> list[str]:
    out = []
    for render, env, objects in states:
        world = World(objects)
        out += [f"{render} {env or 'all'}: {p}" for p in world.problems(declared(decision, render, env))]
    return out


def matrix(decision: Decision, states: Iterator[State]) -> dict[tuple[Any, ...], bool]:
    """Every declared flow of every state with the evaluator's verdict: what Kustomize and Helm must share."""
    out = {}
    for render, env, objects in states:
        if render == "helm-test":
            continue
        world = World(objects)
        for flow in declared(decision, render, env):
            out[(render, env, *flow.key())] = world.verdict(flow)
    return out
