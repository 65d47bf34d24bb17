"""Who each workload is to the cloud, per environment: ServiceAccounts, their annotations, and what each may do.

Two identities per environment, never shared: the app's (`APP`), which reaches the object store where workload
identity exists, and the secret reader's (`APP-secret-reader`), which External Secrets authenticates as and which
may read that environment's secrets only (`APP/ENV/*`, or `APP-ENV-*` where names allow no `/`). An S3 gateway
in front of Azure Blob Storage gets a third (`APP-s3-gateway`). Each is described as data (`CloudIdentity`): the
builders write the ServiceAccounts from it, the README prints its policy and commands, and the tests check that
no environment's identity reaches another's secrets. Shapes follow each provider's documentation: IRSA's
`eks.amazonaws.com/role-arn`, GKE's `iam.gke.io/gcp-service-account`, Azure Workload Identity's client-id and
tenant-id annotations with the `azure.workload.identity/use` pod label.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from advisor.skeleton.model import Target

PLACEHOLDER = "REPLACE-ME"
CLOUDS = ("aws", "gcp", "azure")
READER, APP, GATEWAY = "secret-reader", "app", "s3-gateway"
AWS_ROLE_ARN = "eks.amazonaws.com/role-arn"
GKE_GSA = "iam.gke.io/gcp-service-account"
AZURE_CLIENT_ID = "azure.workload.identity/client-id"
AZURE_TENANT_ID = "azure.workload.identity/tenant-id"
AZURE_USE = "azure.workload.identity/use"  # a pod label: the webhook only mutates pods that carry it
NAME_LIMITS = {"aws": 64, "gcp": 30, "azure": 128}  # IAM role names, service account ids, identity names
WORKLOAD_IDENTITY_ACCESS = {"s3-workload-identity", "gcs-workload-identity", "blob-workload-identity"}
# Node-local endpoints that hand pods their credentials; default-deny egress must let the app reach them.
GKE_METADATA = (("169.254.169.254/32", 80), ("169.254.169.252/32", 988))  # 988: GKE Dataplane V2
EKS_POD_IDENTITY_AGENT = (("169.254.170.23/32", 80),)


@dataclass(frozen=True)
class Grant:
    """What an identity may do (actions or a role) on which resources, with an optional condition."""

    actions: tuple[str, ...]
    resources: tuple[str, ...]
    condition: str = ""


@dataclass(frozen=True)
class CloudIdentity:
    role: str  # READER, APP or GATEWAY
    service_account: str
    namespace: str
    cloud_name: str  # the IAM role, Google service account id or managed identity name
    principal: str  # what the annotation names: a role ARN, a service account e-mail, a client id
    annotations: dict[str, str] = field(default_factory=dict)
    pod_labels: dict[str, str] = field(default_factory=dict)
    grants: tuple[Grant, ...] = ()

    @property
    def subject(self) -> str:
        """The token subject the cloud trusts: this ServiceAccount in this namespace, nothing else."""
        return f"system:serviceaccount:{self.namespace}:{self.service_account}"


def cloud(t: Target) -> str | None:
    provider = t.answers.hosting.provider
    return provider if provider in CLOUDS else None


def reader_account(t: Target) -> str:
    return f"{t.app}-secret-reader"


def gateway_account(t: Target) -> str:
    return f"{t.app}-s3-gateway"


def cloud_name(t: Target, role: str, provider: str) -> str:
    """`APP-ENV-ROLE`, shortened with a stable hash where the provider's limit is tighter (Google: 30)."""
    full = f"{t.app}-{t.env}-{role}"
    limit = NAME_LIMITS[provider]
    if len(full) <= limit:
        return full
    digest = hashlib.sha256(full.encode()).hexdigest()[:4]
    keep = limit - len(role) - len(digest) - 2
    return f"{full[:keep].rstrip('-')}-{digest}-{role}"


def _account(t: Target) -> str:
    return t.answers.hosting.account or PLACEHOLDER


def _region(t: Target) -> str:
    return t.answers.hosting.region or PLACEHOLDER


def env_bucket(t: Target) -> str:
    """The bucket (or container) the app's identity may use: one per environment."""
    return f"{t.app}-{t.env}-data"


def key_vault(t: Target) -> str:
    """One Key Vault per environment (Microsoft's advice), so a role on the vault is a role on one environment."""
    full = f"{t.app}-{t.env}"
    if len(full) <= 24:
        return full
    return f"{full[:19].rstrip('-')}-{hashlib.sha256(full.encode()).hexdigest()[:4]}"


def azure_scope(t: Target, resource: str) -> str:
    subscription = _account(t)
    return f"/subscriptions/{subscription}/resourceGroups/{PLACEHOLDER}-resource-group/providers/{resource}"


def _secret_grant(t: Target, provider: str) -> Grant:
    app, env = t.app, t.env
    if provider == "aws":
        arn = f"arn:aws:secretsmanager:{_region(t)}:{_account(t)}:secret:{app}/{env}/*"
        return Grant(("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), (arn,))
    if provider == "gcp":
        # Secret Manager names its resources by project number, not id
        condition = f'resource.name.startsWith("projects/PROJECT_NUMBER/secrets/{app}-{env}-")'
        return Grant(("roles/secretmanager.secretAccessor",), (f"projects/{_account(t)}",), condition)
    vault = azure_scope(t, f"Microsoft.KeyVault/vaults/{key_vault(t)}")
    return Grant(("Key Vault Secrets User",), (vault,))


def _object_grant(t: Target, provider: str) -> Grant:
    bucket = env_bucket(t)
    if provider == "aws":
        from advisor.skeleton.buckets import APP_ACTIONS, BUCKET_ACTIONS

        return Grant((*BUCKET_ACTIONS, *APP_ACTIONS), (f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"))
    if provider == "gcp":
        return Grant(("roles/storage.objectUser",), (f"projects/_/buckets/{bucket}",))
    account = f"Microsoft.Storage/storageAccounts/<storage-account>/blobServices/default/containers/{bucket}"
    return Grant(("Storage Blob Data Contributor",), (azure_scope(t, account),))


def _identity(t: Target, role: str, account: str, provider: str, grant: Grant, *, pod_label: bool) -> CloudIdentity:
    name = cloud_name(t, role, provider)
    labels: dict[str, str] = {}
    if provider == "aws":
        principal = f"arn:aws:iam::{_account(t)}:role/{name}"
        pod_identity = role != READER and t.answers.hosting.aws_identity == "pod-identity"
        annotations = {} if pod_identity else {AWS_ROLE_ARN: principal}
    elif provider == "gcp":
        principal = f"{name}@{_account(t)}.iam.gserviceaccount.com"
        annotations = {GKE_GSA: principal}
    else:
        principal = f"{PLACEHOLDER}-client-id-of-{name}"
        tenant = t.answers.hosting.azure_tenant_id or PLACEHOLDER
        annotations = {AZURE_CLIENT_ID: principal, AZURE_TENANT_ID: tenant}
        labels = {AZURE_USE: "true"} if pod_label else {}
    namespace = t.namespace or ""
    return CloudIdentity(role, account, namespace, name, principal, annotations, labels, (grant,))


def secret_reader(t: Target) -> CloudIdentity | None:
    """External Secrets' identity in this environment (a token it requests for the reader ServiceAccount)."""
    provider = cloud(t)
    store = t.decision.choices.get("secret_store", "none")
    if t.env is None or provider is None or t.decision.choices.get("secrets") != "external-secrets":
        return None
    if store not in ("aws-secrets-manager", "gcp-secret-manager", "azure-key-vault"):
        return None
    # ESO requests the token itself: no pod runs as the reader, so no pod label
    return _identity(t, READER, reader_account(t), provider, _secret_grant(t, provider), pod_label=False)


def app(t: Target) -> CloudIdentity | None:
    """The app's identity, where workload identity reaches its object store."""
    provider = cloud(t)
    if t.env is None or provider is None or t.decision.choices.get("object_access") not in WORKLOAD_IDENTITY_ACCESS:
        return None
    return _identity(t, APP, t.app, provider, _object_grant(t, provider), pod_label=True)


def gateway(t: Target) -> CloudIdentity | None:
    """The S3 gateway's identity in front of Azure Blob Storage."""
    if t.env is None or cloud(t) != "azure" or t.decision.choices.get("object_access") != "s3-gateway":
        return None
    return _identity(t, GATEWAY, gateway_account(t), "azure", _object_grant(t, "azure"), pod_label=True)


def identities(t: Target) -> list[CloudIdentity]:
    return [i for i in (app(t), secret_reader(t), gateway(t)) if i is not None]


def app_pod_labels(t: Target) -> dict[str, str]:
    """Labels the app's pods need for their identity (Azure's webhook acts on labelled pods only)."""
    identity = app(t.with_env(t.env or t.answers.environments[0]))
    return dict(identity.pod_labels) if identity else {}


def uses_reader(t: Target) -> bool:
    """External Secrets authenticates as its own ServiceAccount (every store but none)."""
    return t.decision.choices.get("secrets") == "external-secrets"


def credential_endpoints(t: Target) -> list[tuple[str, int]]:
    """(CIDR, port) of the node-local credential endpoint the app's identity needs; IRSA and Azure exchange tokens
    over https, which the object store's egress already allows."""
    found = app(t.with_env(t.env or t.answers.environments[0]))
    if found is None:
        return []
    if cloud(t) == "gcp":
        return list(GKE_METADATA)
    if cloud(t) == "aws" and not found.annotations:
        return list(EKS_POD_IDENTITY_AGENT)
    return []
