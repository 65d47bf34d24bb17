"""RBAC per environment namespace: a read-only Role and a deploy Role bound to groups (K8S-CHECKLIST item 22).

No wildcards and no ClusterRoleBindings: access is granted per namespace to groups that the identity provider (or
Rancher) fills, so nobody needs cluster-admin to ship the app. The read-only Role never reads Secrets; the deploy
Role can run the README's deploy and rollback (with Helm, that includes Helm's release Secrets), while the
Namespace, quota, LimitRange and the RBAC objects themselves are applied once by an administrator.
"""

from __future__ import annotations

import copy
from typing import Any

from advisor.skeleton import names, observability, postgres
from advisor.skeleton.model import Target, obj

API = "rbac.authorization.k8s.io/v1"
READ = ["get", "list", "watch"]
READ_ONLY_RULES = [
    {"apiGroups": [""], "resources": ["pods", "pods/log", "services", "configmaps", "events"], "verbs": READ},
    {"apiGroups": ["apps"], "resources": ["deployments", "replicasets"], "verbs": READ},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": READ},
    {"apiGroups": ["batch"], "resources": ["jobs"], "verbs": READ},
    {"apiGroups": ["gateway.networking.k8s.io"], "resources": ["gateways", "httproutes"], "verbs": READ},
]
DEPLOY_VERBS = ["create", "update", "patch", "get", "list", "watch"]
DEPLOY_RULES = [
    {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": DEPLOY_VERBS},
    {"apiGroups": [""], "resources": ["services", "configmaps"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses", "networkpolicies"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["policy"], "resources": ["poddisruptionbudgets"], "verbs": DEPLOY_VERBS},
]


# What `kubectl apply -k`, `helm upgrade`, `helm test` and `kubectl rollout undo` need beyond DEPLOY_RULES; the
# bootstrap objects (Namespace, quota, LimitRange, Roles and RoleBindings) stay an administrator's.
ROLLOUT_RULES = [
    {"apiGroups": ["apps"], "resources": ["replicasets"], "verbs": READ},  # rollout undo reads the old ReplicaSet
    {"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["gateway.networking.k8s.io"], "resources": ["gateways", "httproutes"], "verbs": DEPLOY_VERBS},
]
SECRET_KINDS = {
    "external-secrets": {"apiGroups": ["external-secrets.io"], "resources": ["externalsecrets", "secretstores"]},
    "sealed-secrets": {"apiGroups": ["bitnami.com"], "resources": ["sealedsecrets"]},
}
# Helm keeps each release revision in a Secret of the namespace, deletes what a new revision drops, and runs
# `helm test` as a Pod. Anyone who may create pods here can read the namespace's Secrets anyway.
HELM_RULES = [
    {"apiGroups": [""], "resources": ["secrets"], "verbs": [*DEPLOY_VERBS, "delete"]},
    {"apiGroups": [""], "resources": ["pods"], "verbs": ["create", "delete", "get", "list", "watch"]},
    {"apiGroups": [""], "resources": ["pods/log"], "verbs": READ},
]
HELM_DELETE = ["delete"]
CNPG_RULES = [
    {"apiGroups": ["postgresql.cnpg.io"], "resources": ["clusters", "scheduledbackups"], "verbs": DEPLOY_VERBS},
    {"apiGroups": ["barmancloud.cnpg.io"], "resources": ["objectstores"], "verbs": DEPLOY_VERBS},
]
# The on-call of an environment is its deployers group: RUNBOOK.md's "Alerts" sections have them read pods, their
# logs and events (`describe pod`, `logs POD --previous`) and the namespace's ResourceQuota (`describe resourcequota`),
# whatever the database; `rollout status` and `rollout undo` are covered by DEPLOY_RULES and ROLLOUT_RULES.
ON_CALL_RULES = [
    {"apiGroups": [""], "resources": ["pods", "pods/log", "events"], "verbs": READ},
    {"apiGroups": [""], "resources": ["resourcequotas"], "verbs": ["get", "list"]},
]
# What RUNBOOK.md has the deployers run besides: freeze the app (`kubectl scale`: deployments/scale), read the
# database's state and backups (`kubectl cnpg status` asks each instance manager for its status through the API
# server's pod proxy: pods/proxy; `get backups`), take a backup (`kubectl cnpg backup` creates a Backup) and check a
# restore (`kubectl cnpg psql` runs in the instance pod: pods/exec, which already reaches more than the proxy).
# Applying an overlay and deleting the original cluster stay with administrators or Fleet.
RUNBOOK_RULES = [
    {"apiGroups": ["apps"], "resources": ["deployments/scale"], "verbs": ["get", "update", "patch"]},
    {"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]},
    {"apiGroups": [""], "resources": ["pods/proxy"], "verbs": ["get"]},
    {"apiGroups": ["postgresql.cnpg.io"], "resources": ["backups"], "verbs": ["create", "get", "list", "watch"]},
]


def minio_claim_rules(t: Target) -> list[dict[str, Any]]:
    """MinioVolumeNearlyFull: `kubectl edit pvc` grows MinIO's claim, and only that claim.

    Growing it needs no more: the namespace's ResourceQuota (`requests.storage`) caps what all claims may request,
    so a deployer cannot take more storage than the administrator granted the namespace.
    """
    return [
        {
            "apiGroups": [""],
            "resources": ["persistentvolumeclaims"],
            "verbs": ["get", "patch"],
            "resourceNames": names.minio_claims(t.answers),
        }
    ]


def deploy_rules(t: Target) -> list[dict[str, Any]]:
    """DEPLOY_RULES plus what this decision's deploy and rollback commands touch."""
    rules = [*DEPLOY_RULES, *extra_deploy_rules(t)]
    if _helm(t):  # a new revision deletes the objects the chart no longer renders
        rules = [{**r, "verbs": r["verbs"] + HELM_DELETE} if r["verbs"] == DEPLOY_VERBS else r for r in rules]
    return copy.deepcopy(rules)


def extra_deploy_rules(t: Target) -> list[dict[str, Any]]:
    """The rules beyond DEPLOY_RULES this decision needs (the chart gets all of them as `rbac.deployRules`)."""
    rules = [*ROLLOUT_RULES, *ON_CALL_RULES]
    kinds = SECRET_KINDS.get(t.decision.choices.get("secrets", ""))
    if kinds:
        rules.append({**kinds, "verbs": DEPLOY_VERBS})
    if t.in_cluster_db:
        rules += [*CNPG_RULES, *RUNBOOK_RULES, *drill_deletes(t)]
    if t.object_storage == "in-cluster":
        rules.append({"apiGroups": ["apps"], "resources": ["statefulsets"], "verbs": DEPLOY_VERBS})
        rules += minio_claim_rules(t)
    rules += observability.deploy_rules(t.decision, DEPLOY_VERBS)
    if _helm(t):
        rules = [{**r, "verbs": r["verbs"] + HELM_DELETE} if r["verbs"] == DEPLOY_VERBS else r for r in rules]
        rules += HELM_RULES
    return copy.deepcopy(rules)


def drill_deletes(t: Target) -> list[dict[str, Any]]:
    """`kubectl delete -k restore-drill`: the restore drill's own objects, by name, and nothing else."""
    by_kind: dict[tuple[str, str], list[str]] = {}
    for item in postgres.drill_objects(t):
        group = item["apiVersion"].rpartition("/")[0]
        resource = {"Cluster": "clusters", "Job": "jobs", "NetworkPolicy": "networkpolicies"}[item["kind"]]
        by_kind.setdefault((group, resource), []).append(item["metadata"]["name"])
    return [
        {"apiGroups": [group], "resources": [resource], "verbs": ["delete"], "resourceNames": sorted(set(found))}
        for (group, resource), found in sorted(by_kind.items())
    ]


def _helm(t: Target) -> bool:
    return t.decision.choices.get("manifests") in ("helm", "both")


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
