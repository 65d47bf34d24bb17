"""What the app reads to reach its objects, by the `object_access` decision: which Secrets, keys and variables.

An S3 API gets `APP-s3` (endpoint, bucket, and a key pair only where no workload identity replaces it); Cloud
Storage's own API gets `APP-gcs` (bucket) and Blob Storage's `APP-blob` (account URL, container), with no key at
all. The S3 gateway in front of Blob Storage reads `APP-blob` and serves the app the S3 interface of `APP-s3`.
"""

from __future__ import annotations

from advisor.skeleton import names
from advisor.skeleton.model import Target

S3_LOCATION_KEYS = names.S3_KEYS[:2]  # endpoint, bucket: the pod's own identity signs the requests
GCS_KEYS = ("bucket",)
BLOB_KEYS = ("account-url", "container")
ENV_PREFIX = {"s3": "S3_", "gcs": "GCS_", "blob": "BLOB_"}
# object access -> [(Secret suffix, keys)]; the first entries are the app's, "blob" beside "s3" is the gateway's
SECRETS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "s3-keys": [("s3", names.S3_KEYS)],
    "s3-gateway": [("s3", names.S3_KEYS), ("blob", BLOB_KEYS)],
    "s3-workload-identity": [("s3", S3_LOCATION_KEYS)],
    "gcs-workload-identity": [("gcs", GCS_KEYS)],
    "blob-workload-identity": [("blob", BLOB_KEYS)],
    "none": [],
}
GATEWAY_PORT = 8080


def access(t: Target) -> str:
    """The decided access; in-cluster MinIO always speaks S3 with keys, and no storage needs none."""
    storage = t.object_storage
    if storage == "in-cluster":
        return "s3-keys"
    if storage == "not-needed":
        return "none"
    decided = t.decision.choices.get("object_access", "s3-keys")
    return decided if decided in SECRETS else "s3-keys"


def secret_name(t: Target, suffix: str) -> str:
    return f"{t.app}-{suffix}"


def secrets(t: Target) -> list[tuple[str, tuple[str, ...]]]:
    """(Secret name, keys) of every Secret object storage needs, the gateway's included."""
    return [(secret_name(t, suffix), keys) for suffix, keys in SECRETS[access(t)]]


def app_env(t: Target) -> list[tuple[str, str, str]]:
    """(variable, Secret name, key) for what the app itself reads (the gateway's Blob settings are not the app's)."""
    entries = SECRETS[access(t)]
    mine = entries[:1] if access(t) == "s3-gateway" else entries
    return [
        (ENV_PREFIX[suffix] + key.upper().replace("-", "_"), secret_name(t, suffix), key)
        for suffix, keys in mine
        for key in keys
    ]


def gateway(t: Target) -> bool:
    return access(t) == "s3-gateway"
