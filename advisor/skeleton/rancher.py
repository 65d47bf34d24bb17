"""Rancher adoption: objects for the management cluster and a Fleet bundle (K8S-CHECKLIST item 23).

They live in `rancher/`, apart from the app overlays, because they are applied to Rancher's management cluster by
a platform admin, while the overlays go to the downstream cluster. Cluster and project ids are placeholders.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names, objects, quota
from advisor.skeleton.model import Target, obj

API = "management.cattle.io/v3"
CLUSTER = names.RANCHER_CLUSTER_PLACEHOLDER
PROJECT = names.RANCHER_PROJECT_ID_PLACEHOLDER


def project(t: Target, envs: list[str]) -> dict[str, Any]:
    """The Project, with quotas so every namespace added to it later (by any team) gets a quota and defaults too."""
    meta = t.meta(PROJECT, "rancher")
    meta["namespace"] = CLUSTER  # Projects live in the namespace named after their cluster id
    spec = {"clusterName": CLUSTER, "displayName": t.app, "description": f"Namespaces of {t.app}, one per environment"}
    quotas = [quota.hard(objects.env_workloads(t.with_env(env))) for env in envs]
    spec.update(quota.rancher_project_fields(quotas))
    return obj(API, "Project", meta, spec=spec)


def role_bindings(t: Target, envs: list[str]) -> list[dict[str, Any]]:
    out = []
    for env in envs:
        for role, group in (
            ("read-only", names.viewers_group(t.answers, env)),
            ("project-member", names.deployers_group(t.answers, env)),
        ):
            meta = t.meta(f"{t.app}-{env}-{role}", "rancher")
            # current Rancher keeps bindings in the project's backing namespace; before 2.9.9 it was `p-xxxxx`
            meta["namespace"] = names.RANCHER_PROJECT_NAMESPACE
            out.append(
                obj(
                    API,
                    "ProjectRoleTemplateBinding",
                    meta,
                    projectName=names.RANCHER_PROJECT_PLACEHOLDER,
                    roleTemplateName=role,
                    groupPrincipalName=f"REPLACE-ME-provider://{group}",
                )
            )
    return out


def fleet(t: Target, envs: list[str], overlays_prefix: str) -> dict[str, Any]:
    """`fleet.yaml`: one target per environment, each building its own overlay."""
    targets = [
        {
            "name": env,
            "clusterSelector": {"matchLabels": {"env": env}},
            "kustomize": {"dir": f"{overlays_prefix}overlays/{env}"},
        }
        for env in envs
    ]
    return {"defaultNamespace": names.namespace(t.answers, envs[0]), "targetCustomizations": targets}
