"""Rancher and Fleet laid out as they work: one Project per environment per cluster with quotas that fit and
bindings that grant exactly one environment, and a Fleet layout that deploys every environment to its clusters.

Fleet is simulated as its documentation describes it (rancher/fleet-docs, gitrepo-content.md): each GitRepo
`bundles` entry is a bundle read with its own options file; a bundle goes to the clusters its `overrideTargets`
select, and on each cluster the first matching `targetCustomizations` entry decides what is deployed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor.skeleton import names, placement
from advisor.skeleton.quota import parse
from tests.conftest import EXAMPLES
from tests.flows.evaluator import selector_matches
from tests.skeleton.kustomize_support import example_decision, kustomize, needs_kubectl, render, variant

B_C = example_decision(EXAMPLES / "scenario-b-c.yaml")
CASES = {
    "scenario-b-c": B_C,  # both trees, 2 clusters, 3 environments
    "scenario-c": example_decision(EXAMPLES / "scenario-c.yaml"),  # the chart alone, 3 clusters
    "kustomize-1-cluster": variant(B_C, manifests="kustomize"),
    "kustomize-5-clusters-4-envs": variant(B_C, ["dev", "test", "staging", "prod"], manifests="kustomize"),
    "helm-2-clusters-5-envs": variant(B_C, ["dev", "qa", "test", "staging", "prod"], manifests="helm"),
}
CLUSTERS = {"kustomize-1-cluster": 1, "kustomize-5-clusters-4-envs": 5}
RANCHER_KEYS = {"requests.cpu": "requestsCpu", "limits.memory": "limitsMemory", "pods": "pods"}


def _decision(case: str):
    decision = CASES[case]
    if case in CLUSTERS:
        organization = decision.answers.organization.model_copy(update={"clusters": CLUSTERS[case]})
        answers = decision.answers.model_copy(update={"organization": organization})
        decision = decision.model_copy(update={"answers": answers})
    return decision


@pytest.fixture(scope="module", params=sorted(CASES))
def rendered(request, tmp_path_factory) -> tuple[Any, Path, dict[str, bytes]]:
    decision = _decision(request.param)
    out = tmp_path_factory.mktemp(request.param)
    return decision, out, render(decision, out)


def _docs(files: dict[str, bytes], path: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(files[path]) if d]


def fleet_deployments(files: dict[str, bytes], cluster_labels: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    """(bundle options, cluster, what is deployed there) for every bundle of the GitRepo on every cluster."""
    (repo,) = _docs(files, "rancher/gitrepo.yaml")
    out = []
    for bundle in repo["spec"]["bundles"]:
        base = bundle["base"].removeprefix("deploy").strip("/")  # where advisor wrote this skeleton
        options = yaml.safe_load(files[f"{base}/{bundle['options']}".lstrip("/")])
        for cluster, labels in cluster_labels.items():
            if not any(selector_matches(t.get("clusterSelector"), labels) for t in options["overrideTargets"]):
                continue
            first = next(
                (c for c in options.get("targetCustomizations", []) if selector_matches(c["clusterSelector"], labels)),
                {},
            )
            out.append(
                {
                    "base": base,
                    "cluster": cluster,
                    "namespace": first.get("namespace", options.get("defaultNamespace")),
                    "dir": first.get("kustomize", options.get("kustomize", {})).get("dir"),
                    "helm": options.get("helm"),
                    "annotations": first.get("namespaceAnnotations", options.get("namespaceAnnotations", {})),
                }
            )
    return out


def test_fleet_deploys_every_environment_to_its_clusters_and_nowhere_else(rendered) -> None:
    decision, _, files = rendered
    answers = decision.answers
    where = placement.placement(answers)
    labels = {c: {placement.CLUSTER_LABEL: c, "env": "ignored"} for c in placement.clusters(answers)}
    deployed: dict[str, set[str]] = defaultdict(set)
    for d in fleet_deployments(files, labels):
        env = d["namespace"].removeprefix(f"{answers.project.name}-")
        deployed[env].add(d["cluster"])
        if d["helm"] is None:
            assert d["dir"] == f"clusters/{d['cluster']}/{env}"
            assert f"{d['base']}/{d['dir']}/kustomization.yaml".lstrip("/") in files
        else:
            assert d["helm"]["valuesFiles"] == [f"values-{env}.yaml"]
            assert d["annotations"] == {"field.cattle.io/projectId": names.rancher_project_ref(d["cluster"], env)}
    assert dict(deployed) == {env: set(clusters) for env, clusters in where.items()}
    assert set().union(*deployed.values()) == set(placement.clusters(answers))  # every cluster runs something
    if len(placement.clusters(answers)) > 1:  # production never shares a cluster with another environment
        prod = [env for env in answers.environments if names.is_prod(env)]
        for env in prod:
            assert all(placement.environments_on(answers, c) == [env] for c in where[env])


def test_one_project_per_environment_per_cluster_with_a_quota_that_fits(rendered) -> None:
    decision, _, files = rendered
    answers = decision.answers
    management = _docs(files, "rancher/management.yaml")
    projects = {(p["metadata"]["namespace"], p["metadata"]["name"]): p for p in management if p["kind"] == "Project"}
    expected = {
        (names.rancher_cluster_id(c), names.rancher_project_id(env))
        for env, clusters in placement.placement(answers).items()
        for c in clusters
    }
    assert set(projects) == expected
    from advisor.skeleton import objects, quota
    from advisor.skeleton.model import Target

    for (cluster_id, project_id), project in projects.items():
        env = project_id.removeprefix("p-replace-me-")
        assert project["spec"]["clusterName"] == cluster_id
        members = [names.namespace(answers, env)]  # the namespaces the layout puts in this project
        member_quotas = [quota.hard(objects.env_situations(Target(decision, "ADR-0007", env))) for _ in members]
        limit = project["spec"]["resourceQuota"]["limit"]
        default = project["spec"]["namespaceDefaultResourceQuota"]["limit"]
        for key, rancher_key in RANCHER_KEYS.items():
            total = sum(parse(q[key]) for q in member_quotas)
            assert parse(limit[rancher_key]) >= total - 1e-9, (project_id, key)
            assert parse(default[rancher_key]) <= parse(limit[rancher_key]) + 1e-9, (project_id, key)


def test_each_group_is_bound_in_its_environment_only(rendered) -> None:
    decision, _, files = rendered
    answers = decision.answers
    bindings = [b for b in _docs(files, "rancher/management.yaml") if b["kind"] == "ProjectRoleTemplateBinding"]
    got = {(b["groupPrincipalName"].rpartition("//")[2], b["roleTemplateName"], b["projectName"]) for b in bindings}
    expected = {
        (group, role, names.rancher_project_ref(cluster, env))
        for env, clusters in placement.placement(answers).items()
        for cluster in clusters
        for group, role in (
            (names.viewers_group(answers, env), "read-only"),
            (names.deployers_group(answers, env), "project-member"),
        )
    }
    assert got == expected
    for b in bindings:
        assert b["metadata"]["namespace"] == b["projectName"].replace(":", "-")


@needs_kubectl
def test_each_cluster_kustomization_puts_its_namespace_in_its_project(rendered) -> None:
    decision, out, _ = rendered
    if decision.choices["manifests"] == "helm":
        pytest.skip("the chart alone: Fleet annotates the namespace (checked above)")
    root = out / ("kustomize" if decision.choices["manifests"] == "both" else "")
    for env, clusters in placement.placement(decision.answers).items():
        overlay = kustomize(root / "overlays" / env)
        for cluster in clusters:
            built = kustomize(root / "clusters" / cluster / env)
            namespace = next(o for o in built if o["kind"] == "Namespace")
            assert namespace["metadata"]["annotations"]["field.cattle.io/projectId"] == names.rancher_project_ref(
                cluster, env
            )
            namespace["metadata"]["annotations"].pop("field.cattle.io/projectId")
            assert built == overlay  # nothing else differs from the environment's overlay


def test_without_rancher_nothing_of_it_is_written(tmp_path) -> None:
    files = render(variant(B_C, rancher="defer"), tmp_path)
    assert not any(p.startswith("rancher/") or "/fleet/" in p or "/clusters/" in p for p in files)
    assert not any(b"field.cattle.io" in data for path, data in files.items() if not path.startswith("helm/templates/"))


def test_the_helm_readme_annotates_the_namespace_it_creates(rendered) -> None:
    decision, _, files = rendered
    readme = files["README.md"].decode()
    if decision.choices["manifests"] != "kustomize":
        assert "kubectl annotate namespace" in readme and "field.cattle.io/projectId=" in readme
