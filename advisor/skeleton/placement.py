"""Which clusters run which environment, when Rancher and Fleet manage `organization.clusters` clusters.

Production is kept apart from everything else as soon as there are two clusters, and every environment runs
somewhere: with at least as many clusters as environments each gets its own and the clusters left over run
production too (another zone or site); with fewer, production gets the last cluster and the other environments
share the rest in turn. Clusters are named `cluster-1`..`cluster-N`: the platform team labels each downstream
cluster `advisor.dev/cluster=<name>` (Fleet selects by that label) and gives each its Rancher cluster id.
"""

from __future__ import annotations

from advisor.answers import Answers
from advisor.skeleton import names

CLUSTER_LABEL = "advisor.dev/cluster"


def clusters(answers: Answers) -> list[str]:
    return [f"cluster-{n}" for n in range(1, answers.organization.clusters + 1)]


def placement(answers: Answers) -> dict[str, list[str]]:
    """environment -> the clusters that run it (each at least one; every cluster runs something)."""
    envs = list(answers.environments)
    all_clusters = clusters(answers)
    prods = [env for env in envs if names.is_prod(env)] or envs[-1:]
    others = [env for env in envs if env not in prods]
    if len(all_clusters) == 1 or not others:
        return {env: list(all_clusters) for env in envs}
    out: dict[str, list[str]] = {}
    if len(all_clusters) >= len(envs):
        for env, cluster in zip(others, all_clusters, strict=False):
            out[env] = [cluster]
        rest = all_clusters[len(others) :]
        for index, env in enumerate(prods):
            out[env] = [rest[index]] if index < len(prods) - 1 else rest[index:]
    else:
        shared, own = all_clusters[:-1], all_clusters[-1]
        for index, env in enumerate(others):
            out[env] = [shared[index % len(shared)]]
        for env in prods:
            out[env] = [own]
    return {env: out[env] for env in envs}


def environments_on(answers: Answers, cluster: str) -> list[str]:
    return [env for env, where in placement(answers).items() if cluster in where]
