"""Credentials delivered by the decided strategy, never as plain text (K8S-CHECKLIST items 14-16, 21).

The app always reads the same Secret names and keys (names.DB_KEYS, and objectstore's for its objects); only how
they get into the namespace changes: an ExternalSecret from the decided store, a SealedSecret sealed per namespace,
or SOPS-encrypted files that KSOPS decrypts at build time. No `kind: Secret` with data is ever generated.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import identity, log_shipping, names, objectstore
from advisor.skeleton.model import Target, obj

ESO_API = "external-secrets.io/v1"
SEALED_API = "bitnami.com/v1alpha1"


def secrets(t: Target) -> list[tuple[str, tuple[str, ...]]]:
    """(Secret name, keys) for every credential this decision needs, in a fixed order."""
    out = [(names.db_secret(t.answers), names.DB_KEYS), *objectstore.secrets(t)]
    if t.in_cluster_db:
        region = (names.BACKUP_REGION_KEY,) if t.answers.backup.region and not _same_cluster_backups(t) else ()
        out.append((names.backup_secret(t.answers), names.BACKUP_KEYS + region))
    if t.object_storage == "in-cluster":
        out.append((names.minio_root_secret(t.answers), names.MINIO_ROOT_KEYS))
    token = log_shipping.token_secret(t.decision)  # the site's log platform, when it takes a token
    return out + ([token] if token else [])


def _same_cluster_backups(t: Target) -> bool:
    return t.decision.choices.get("backup_target") == "same-cluster"


def secret_type(t: Target, secret: str) -> str:
    """CloudNativePG takes the app owner's initial credentials from `APP-db` only as a basic-auth Secret."""
    return "kubernetes.io/basic-auth" if t.in_cluster_db and secret == names.db_secret(t.answers) else "Opaque"


def _provider(t: Target) -> dict[str, Any]:
    """The store's provider block, authenticating as the environment's own reader ServiceAccount."""
    store = t.decision.choices.get("secret_store", "none")
    hosting = t.answers.hosting
    account = {"name": identity.reader_account(t)}
    if store == "aws-secrets-manager":
        region = hosting.region or identity.PLACEHOLDER
        return {"aws": {"service": "SecretsManager", "region": region, "auth": {"jwt": {"serviceAccountRef": account}}}}
    if store == "gcp-secret-manager":
        project = hosting.account or identity.PLACEHOLDER
        workload = {
            "clusterLocation": hosting.region or identity.PLACEHOLDER,
            "clusterName": hosting.cluster or identity.PLACEHOLDER,
            "clusterProjectID": project,
            "serviceAccountRef": account,
        }
        return {"gcpsm": {"projectID": project, "auth": {"workloadIdentity": workload}}}
    if store == "azure-key-vault":
        return {
            "azurekv": {
                "vaultUrl": f"https://{identity.key_vault(t)}.vault.azure.net",
                "tenantId": hosting.azure_tenant_id or identity.PLACEHOLDER,
                "authType": "WorkloadIdentity",
                "serviceAccountRef": account,
            }
        }
    role = t.namespace or t.app  # Vault's Kubernetes auth role for this environment's reader only
    kubernetes = {"mountPath": "kubernetes", "role": role, "serviceAccountRef": account}
    return {
        "vault": {
            "server": "https://vault.REPLACE-ME.example.com",
            "path": "secret",
            "version": "v2",
            "auth": {"kubernetes": kubernetes},
        }
    }


def remote_key(t: Target, secret: str) -> str:
    """The secret's name in the store: `APP/ENV/db` where paths exist (AWS, Vault); Google Secret Manager
    and Azure Key Vault allow no `/` in a name, so there it is `APP-ENV-db`."""
    store = t.decision.choices.get("secret_store", "none")
    separator = "-" if store in ("gcp-secret-manager", "azure-key-vault") else "/"
    return separator.join((t.app, t.env or "base", secret.removeprefix(t.app + "-")))


def external_secrets(t: Target) -> list[dict[str, Any]]:
    store_name = names.secret_store(t.answers)
    out = [obj(ESO_API, "SecretStore", t.meta(store_name, "secrets"), spec={"provider": _provider(t)})]
    for secret, keys in secrets(t):
        remote = remote_key(t, secret)
        spec = {
            "refreshInterval": "1h",
            "secretStoreRef": {"name": store_name, "kind": "SecretStore"},
            "target": {"name": secret, "creationPolicy": "Owner", "template": {"type": secret_type(t, secret)}},
            "data": [{"secretKey": key, "remoteRef": {"key": remote, "property": key}} for key in keys],
        }
        out.append(obj(ESO_API, "ExternalSecret", t.meta(secret, "secrets"), spec=spec))
    return out


def sealed_secrets(t: Target) -> list[dict[str, Any]]:
    """Placeholders: sealed per namespace (strict scope), so each environment has its own."""
    out = []
    for secret, keys in secrets(t):
        meta = {"name": secret, "namespace": t.namespace}
        spec = {
            "encryptedData": {key: f"REPLACE-ME-with-kubeseal-output-for-{t.namespace}" for key in keys},
            "template": {"metadata": meta, "type": secret_type(t, secret)},
        }
        out.append(obj(SEALED_API, "SealedSecret", t.meta(secret, "secrets"), spec=spec))
    return out


def sops_files(t: Target) -> list[str]:
    """The encrypted files a user creates per environment (never generated: they would hold values)."""
    return [f"{secret.removeprefix(t.app + '-')}.enc.yaml" for secret, _ in secrets(t)]


def ksops_generator(t: Target) -> dict[str, Any]:
    meta = {
        "name": f"{t.namespace}-secrets",
        "annotations": {"config.kubernetes.io/function": "exec:\n  path: ksops\n"},
    }
    return {
        "apiVersion": "viaduct.ai/v1",
        "kind": "ksops",
        "metadata": meta,
        "files": [f"./{f}" for f in sops_files(t)],
    }


def sops_config(envs: list[str]) -> dict[str, Any]:
    """`.sops.yaml`: one creation rule (and key) per environment so dev keys cannot read prod."""
    rules = [
        {
            "path_regex": f"overlays/{env}/secrets/[^/]+\\.enc\\.yaml$",
            "unencrypted_regex": "^(apiVersion|metadata|kind|type)$",
            "age": f"REPLACE-ME-age-public-key-for-{env}",
        }
        for env in envs
    ]
    return {"creation_rules": rules}


def for_env(t: Target) -> list[dict[str, Any]]:
    strategy = t.decision.choices.get("secrets")
    if strategy == "sealed-secrets":
        return sealed_secrets(t)
    if strategy == "sops":
        return []  # built separately: `overlays/<env>/secrets/` (KSOPS needs alpha plugins)
    return external_secrets(t)
