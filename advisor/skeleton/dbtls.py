"""The app verifies the database server: `sslmode=verify-full` against the CA that signed its certificate.

libpq (and drivers that follow it) read PGSSLMODE and PGSSLROOTCERT when the connection string names neither, so
the ConfigMap sets both and the CA is mounted read-only at CA_PATH. In the cluster, CloudNativePG's own CA (Secret
`<cluster>-ca`, key `ca.crt`; its server certificate names `<cluster>-rw`) is mounted; for a managed database the
provider's bundle is a file in the tree (`postgres-ca.crt`), which Kustomize and the chart turn into the ConfigMap
`APP-db-ca`. Until that file holds the bundle, the app refuses to connect rather than trust any server.
"""

from __future__ import annotations

from typing import Any

from advisor.skeleton import names
from advisor.skeleton.model import Target, obj

CA_DIR = "/etc/postgres-ca"
CA_PATH = f"{CA_DIR}/ca.crt"
CA_FILE = "postgres-ca.crt"  # the managed database's bundle, in base/ and in the chart's files/
VOLUME = "postgres-ca"
CA_SOURCES = {
    "aws": "curl -fsSL -o {file} https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem   # Amazon RDS",
    "gcp": "gcloud sql instances describe INSTANCE --format='value(serverCaCert.cert)' > {file}   # Cloud SQL",
    "azure": "curl -fsSL https://cacerts.digicert.com/DigiCertGlobalRootG2.crt.pem > {file} && curl -fsSL "
    "'https://www.microsoft.com/pkiops/certs/Microsoft%20RSA%20Root%20Certificate%20Authority%202017.crt' "
    "| openssl x509 -inform der >> {file}   # Azure Database for PostgreSQL",
}


def config(t: Target) -> dict[str, str]:
    """What the ConfigMap adds: verify the server's certificate and its name, against the mounted CA."""
    return {"PGSSLMODE": "verify-full", "PGSSLROOTCERT": CA_PATH}


def ca_configmap(t: Target) -> str:
    return f"{t.app}-db-ca"


def ca_secret(t: Target) -> str:
    """CloudNativePG's CA Secret for the cluster (it also holds the CA key: only ca.crt is mounted)."""
    return f"{names.db_cluster(t.answers)}-ca"


def volume(t: Target) -> dict[str, Any]:
    if t.in_cluster_db:
        return {"name": VOLUME, "secret": {"secretName": ca_secret(t), "items": [{"key": "ca.crt", "path": "ca.crt"}]}}
    return {"name": VOLUME, "configMap": {"name": ca_configmap(t), "items": [{"key": "ca.crt", "path": "ca.crt"}]}}


def mount() -> dict[str, Any]:
    return {"name": VOLUME, "mountPath": CA_DIR, "readOnly": True}


def placeholder(provider: str) -> str:
    """The managed database's CA file until the team puts the provider's bundle in it."""
    source = CA_SOURCES.get(provider, "copy your provider's CA bundle (PEM) into {file}").format(file=CA_FILE)
    return (
        "# Replace this file with the CA bundle that signs the managed Postgres server's certificate\n"
        "# (README, Database TLS), for example:\n"
        f"#   {source}\n"
        "# Until then the app refuses to connect: sslmode=verify-full trusts only the certificates in this file.\n"
    )


def ca_generator(t: Target) -> dict[str, Any]:
    """The base kustomization's configMapGenerator entry (a fixed name: the Deployment names it)."""
    options = {"disableNameSuffixHash": True, "labels": names.labels(t.answers, "database")}
    return {"name": ca_configmap(t), "files": [f"ca.crt={CA_FILE}"], "options": options}


def ca_file(t: Target) -> str:
    """The text of `postgres-ca.crt` as advisor writes it (a PEM reader skips these comment lines)."""
    return names.HEADER + placeholder(t.answers.hosting.provider)


def ca_configmap_object(t: Target) -> dict[str, Any]:
    """What the generator builds from that file, as the builders model it; None with in-cluster Postgres."""
    meta = t.meta(ca_configmap(t), "database")
    return obj("v1", "ConfigMap", meta, data={"ca.crt": ca_file(t)})
