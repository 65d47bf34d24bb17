"""Rancher adoption as Rancher and Fleet work (K8S-CHECKLIST items 23, 32).

- A Project belongs to one cluster and carries one quota for all its namespaces, so each environment gets a
  Project of its own in every cluster that runs it (placement.py): its limits are exactly its namespace's quota,
  which therefore fits (Rancher gives a namespace that does not fit an all-zero quota, rancher/rancher#35647), and
  binding a group to it grants that environment and nothing else.
- Fleet applies the first matching target customization of a bundle per cluster, so one bundle can deploy one
  environment per cluster. Each environment is a bundle of its own (GitRepo `bundles`, Fleet's driven scan,
  rancher/fleet#3480), targeted at its clusters; per cluster it deploys `clusters/<cluster>/<env>`, the overlay
  plus that cluster's project annotation (or, for the chart, the namespace annotation Fleet sets).

Management objects (`rancher/`) go to the management cluster; ids are placeholders to fill in.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names, objects, placement, quota
from advisor.skeleton.model import Target, obj

API = "management.cattle.io/v3"
FLEET_API = "fleet.cattle.io/v1alpha1"
FLEET_WORKSPACE = "fleet-default"  # Rancher's workspace of downstream clusters
PROJECT_ID = "field.cattle.io/projectId"
SKELETON_PATH = "deploy"  # where `advisor decide` writes by default (--out); the GitRepo's paths start there


def _selector(cluster: str) -> dict[str, Any]:
    return {"matchLabels": {placement.CLUSTER_LABEL: cluster}}


def projects(t: Target) -> list[dict[str, Any]]:
    """One Project per environment per cluster, its quota that environment's (the only namespace it holds)."""
    out = []
    for env, clusters in placement.placement(t.answers).items():
        hard = quota.hard(objects.env_situations(t.with_env(env)))
        for cluster in clusters:
            meta = t.meta(names.rancher_project_id(env), "rancher")
            meta["namespace"] = names.rancher_cluster_id(cluster)  # Projects live in their cluster's namespace
            spec = {
                "clusterName": names.rancher_cluster_id(cluster),
                "displayName": names.namespace(t.answers, env),
                "description": f"{t.app} in {env}: the namespace {names.namespace(t.answers, env)} alone",
            }
            spec.update(quota.rancher_project_fields([hard]))
            out.append(obj(API, "Project", meta, spec=spec))
    return out


def role_bindings(t: Target) -> list[dict[str, Any]]:
    """Each environment's viewers and deployers, bound in that environment's projects only."""
    out = []
    for env, clusters in placement.placement(t.answers).items():
        for cluster in clusters:
            for role, group in (
                ("read-only", names.viewers_group(t.answers, env)),
                ("project-member", names.deployers_group(t.answers, env)),
            ):
                meta = t.meta(f"{t.app}-{env}-{role}", "rancher")
                meta["namespace"] = names.rancher_project_namespace(cluster, env)
                out.append(
                    obj(
                        API,
                        "ProjectRoleTemplateBinding",
                        meta,
                        projectName=names.rancher_project_ref(cluster, env),
                        roleTemplateName=role,
                        groupPrincipalName=f"REPLACE-ME-provider://{group}",
                    )
                )
    return out


def cluster_kustomization(env: str) -> dict[str, Any]:
    """`clusters/<cluster>/<env>/kustomization.yaml`: the environment's overlay, in that cluster's project."""
    return {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": [f"../../../overlays/{env}"],
        "patches": [{"path": "project.yaml", "target": {"kind": "Namespace"}}],
    }


def project_patch(t: Target, env: str, cluster: str) -> dict[str, Any]:
    """The Namespace joins the environment's project in this cluster (and gets the project's quotas)."""
    annotations = {PROJECT_ID: names.rancher_project_ref(cluster, env)}
    meta = {"name": names.namespace(t.answers, env), "annotations": annotations}
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta}


def fleet_options(t: Target, env: str, *, chart: bool) -> dict[str, Any]:
    """`fleet/<env>.yaml`: one bundle, this environment on its clusters and nowhere else."""
    clusters = placement.placement(t.answers)[env]
    namespace = names.namespace(t.answers, env)
    out: dict[str, Any] = {"defaultNamespace": namespace}
    if chart:
        out["helm"] = {"releaseName": t.app, "valuesFiles": [f"values-{env}.yaml"]}
        out["namespaceLabels"] = {
            key: value for key, value in names.namespace_labels(t.answers).items() if key.startswith("pod-security")
        }
    else:
        out["kustomize"] = {"dir": f"overlays/{env}"}
    out["overrideTargets"] = [{"name": cluster, "clusterSelector": _selector(cluster)} for cluster in clusters]
    customizations = []
    for cluster in clusters:
        row: dict[str, Any] = {"name": cluster, "clusterSelector": _selector(cluster)}
        if chart:
            row["namespaceAnnotations"] = {PROJECT_ID: names.rancher_project_ref(cluster, env)}
        else:
            row["kustomize"] = {"dir": f"clusters/{cluster}/{env}"}
        customizations.append(row)
    out["targetCustomizations"] = customizations
    return out


def git_repo(t: Target, base: str) -> dict[str, Any]:
    """The GitRepo for the management cluster: one bundle per environment, each read with its own options file."""
    envs = list(t.answers.environments)
    spec = {
        "repo": "https://git.REPLACE-ME.example.com/REPLACE-ME.git",
        "branch": "main",
        "bundles": [{"base": f"{SKELETON_PATH}/{base}".rstrip("/"), "options": f"fleet/{env}.yaml"} for env in envs],
    }
    meta = t.meta(t.app, "rancher")
    meta["namespace"] = FLEET_WORKSPACE
    return obj(FLEET_API, "GitRepo", meta, spec=spec)
