"""RBAC per environment namespace: a read-only Role and a deploy Role bound to groups (K8S-CHECKLIST item 22).

No wildcards, no `secrets`, no ClusterRoleBindings: access is granted per namespace to groups that the identity
provider (or Rancher) fills, so nobody needs cluster-admin to ship the app.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names
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
DEPLOY_RULES = [
    {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": DEPLOY_VERBS},
    {"apiGroups": [""], "resources": ["services", "configmaps"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "networkpolicies"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": DEPLOY_VERBS},
]


def roles(t: Target) -> list[dict[str, Any]]:
    return [
        obj(API, "Role", t.meta(f"{t.app}-read-only", "rbac"), rules=READ_ONLY_RULES),
        obj(API, "Role", t.meta(f"{t.app}-deploy", "rbac"), rules=DEPLOY_RULES),
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
