"""RBAC per environment namespace: a read-only Role and a deploy Role bound to groups (K8S-CHECKLIST item 22).

No wildcards, no `secrets`, no ClusterRoleBindings: access is granted per namespace to groups that the identity
provider (or Rancher) fills, so nobody needs cluster-admin to ship the app.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names, postgres
from advisor.skeleton.model import Target, obj

API = "rbac.authorization.k8s.io/v1"
READ = ["get", "list", "watch"]
READ_ONLY_RULES = [
    {"apiGroups": [""], "resources": ["pods", "pods/log", "services", "configmaps", "events"], "verbs": READ},
    {"apiGroups": ["apps"], "resources": ["deployments", "replicasets"], "verbs": READ},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": READ},
    {"apiGroups": ["batch"], "resources": ["jobs"], "verbs": READ},
]
DEPLOY_VERBS = ["create", "update", "patch", "get", "list", "watch"]
CNPG = "postgresql.cnpg.io"
# What the deployers need to roll the app out and to run RUNBOOK.md: scale the app, read the database's state
# (`kubectl cnpg status`), check a restore (`kubectl cnpg psql` runs in the instance pod: pods/exec), take a backup,
# read Job logs, and run the restore drill (`kubectl apply -k` / `delete -k restore-drill`). Deletion is limited to
# the drill's own objects; applying an overlay (namespace, quota, roles) stays with platform admins or Fleet.
DEPLOY_RULES = [
    {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["apps"], "resources": ["deployments/scale"], "verbs": ["get", "update", "patch"]},
    {"apiGroups": [""], "resources": ["services", "configmaps"], "verbs": DEPLOY_VERBS},
    {"apiGroups": [""], "resources": ["pods", "pods/log", "events"], "verbs": READ},
    {"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "networkpolicies"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": DEPLOY_VERBS},
    {"apiGroups": [CNPG], "resources": ["clusters"], "verbs": DEPLOY_VERBS},
    {"apiGroups": [CNPG], "resources": ["backups"], "verbs": ["create", "get", "list", "watch"]},
    {"apiGroups": [CNPG], "resources": ["scheduledbackups"], "verbs": READ},
    {"apiGroups": ["barmancloud.cnpg.io"], "resources": ["objectstores"], "verbs": READ},
]


def deploy_rules(t: Target) -> list[dict[str, Any]]:
    """DEPLOY_RULES, and deleting the restore drill's own objects (`kubectl delete -k restore-drill`)."""
    drill = postgres.drill_objects(t)
    by_kind: dict[tuple[str, str], list[str]] = {}
    for item in drill:
        group = item["apiVersion"].rpartition("/")[0]
        resource = {"Cluster": "clusters", "Job": "jobs", "NetworkPolicy": "networkpolicies"}[item["kind"]]
        by_kind.setdefault((group, resource), []).append(item["metadata"]["name"])
    deletes = [
        {"apiGroups": [group], "resources": [resource], "verbs": ["delete"], "resourceNames": sorted(set(names_))}
        for (group, resource), names_ in sorted(by_kind.items())
    ]
    return DEPLOY_RULES + (deletes if t.in_cluster_db else [])


def roles(t: Target) -> list[dict[str, Any]]:
    return [
        obj(API, "Role", t.meta(f"{t.app}-read-only", "rbac"), rules=READ_ONLY_RULES),
        obj(API, "Role", t.meta(f"{t.app}-deploy", "rbac"), rules=deploy_rules(t)),
    ]


def role_bindings(t: Target) -> list[dict[str, Any]]:
    assert t.env is not None, "groups are per environment"
    out = []
    for role, group in (
        (f"{t.app}-read-only", names.viewers_group(t.answers, t.env)),
        (f"{t.app}-deploy", names.deployers_group(t.answers, t.env)),
    ):
        out.append(
            obj(
                API,
                "RoleBinding",
                t.meta(role, "rbac"),
                roleRef={"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": role},
                subjects=[{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": group}],
            )
        )
    return out
