"""Every object one environment runs, as plain dicts: what `kubectl kustomize overlays/<env>` builds.

The Kustomize tree is cut from these same builders (base = env-neutral, overlays = the differences), and a test
checks that the build equals this list. The Helm chart's equivalence test compares its render against it too.
"""

from __future__ import annotations

from typing import Any

from advisor.decision import Decision
from advisor.skeleton import (
    minio,
    names,
    network,
    objects_copy,
    objectstore,
    observability,
    postgres,
    quota,
    rbac,
    s3gateway,
    secrets,
    traffic,
    workload,
)
from advisor.skeleton.model import Target


def base_objects(t: Target) -> list[dict[str, Any]]:
    """The objects every environment shares (file order of `base/`)."""
    return [*workload.base_objects(t), *network.app_policies(t), traffic.solver_policy(t), *rbac.roles(t)]


def component_objects(t: Target) -> dict[str, list[dict[str, Any]]]:
    """Optional parts by component name; only those this decision (and environment) needs."""
    out: dict[str, list[dict[str, Any]]] = {}
    if t.in_cluster_db:
        out["postgres-in-cluster"] = [*postgres.objects(t), network.db_policy(t)]
    if t.object_storage == "in-cluster":
        out["minio-in-cluster"] = [*minio.objects(t), *network.minio_policies(t)]
    if objects_copy.applies(t):
        out["objects-copy"] = objects_copy.objects(t)
    if objectstore.gateway(t):
        out["s3-gateway"] = s3gateway.objects(t)
    if t.env is None or t.prod:
        budgets = [workload.pod_disruption_budget(t)]
        out["high-availability"] = budgets + ([s3gateway.pod_disruption_budget(t)] if objectstore.gateway(t) else [])
    out["observability"] = observability.objects(t)  # SPEC-0006 3.4: never empty (the scrape flows at least)
    return out


def overlay_objects(t: Target) -> list[dict[str, Any]]:
    """What each overlay adds as its own resources: the Namespace, its quota and defaults, bindings, the
    ServiceAccounts (each names its environment's cloud identity) and credentials."""
    governance = [quota.resource_quota(t, env_situations(t)), quota.limit_range(t)]
    accounts = workload.service_accounts(t)
    own = [workload.namespace(t), *governance, *rbac.role_bindings(t), *accounts, *secrets.for_env(t)]
    return own + observability.overlay_objects(t)


def env_workloads(t: Target) -> list[dict[str, Any]]:
    """What runs in the environment's namespace: what its quota is sized from."""
    return [*base_objects(t), *(o for objs in component_objects(t).values() for o in objs)]


def env_situations(t: Target) -> list[list[dict[str, Any]]]:
    """What may run in the namespace at once: deployed, with the restore drill beside it (in its environment), and
    with a restore beside the database. The quota holds the largest of each resource."""
    deployed = env_workloads(t)
    out = [deployed]
    if t.in_cluster_db:
        if t.env == names.drill_env(list(t.answers.environments)):
            out.append(deployed + postgres.drill_objects(t))
        out.append(deployed + postgres.recovery_objects(t))
    return out


def env_objects(decision: Decision, adr_id: str, env: str) -> list[dict[str, Any]]:
    """The full list for `env`, with namespace and environment label set, as the overlay renders it."""
    t = Target(decision, adr_id, env)
    components = component_objects(t)
    return [*base_objects(t), *overlay_objects(t), *(o for objs in components.values() for o in objs)]
