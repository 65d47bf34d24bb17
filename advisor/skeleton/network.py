"""NetworkPolicies: deny everything, then allow exactly the paths the decision needs (K8S-CHECKLIST item 10)."""

from __future__ import annotations

from typing import Any

from advisor import backup_plan
from advisor.skeleton import identity, names, objectstore, traffic
from advisor.skeleton.model import Target, obj

API = "networking.k8s.io/v1"
ANYWHERE = [{"ipBlock": {"cidr": "0.0.0.0/0"}}]
ANY_CNPG_POD = {"podSelector": {"matchExpressions": [{"key": "cnpg.io/cluster", "operator": "Exists"}]}}


def _ns(name: str) -> dict[str, Any]:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}


def _ports(*pairs: tuple[int | str, str]) -> list[dict[str, Any]]:
    return [{"port": port, "protocol": proto} for port, proto in pairs]


def dns_egress() -> dict[str, Any]:
    return {"to": [_ns("kube-system")], "ports": _ports((names.DNS_PORT, "UDP"), (names.DNS_PORT, "TCP"))}


def minio_selector(t: Target) -> dict[str, str]:
    return {"app.kubernetes.io/name": "minio", "app.kubernetes.io/instance": names.minio(t.answers)}


def db_selector(t: Target) -> dict[str, str]:
    return {"cnpg.io/cluster": names.db_cluster(t.answers)}


def default_deny(t: Target) -> dict[str, Any]:
    spec = {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    return obj(API, "NetworkPolicy", t.meta("default-deny", "network-policy"), spec=spec)


def allow_ingress(t: Target) -> dict[str, Any]:
    spec = {
        "podSelector": {"matchLabels": names.selector_labels(t.answers)},
        "policyTypes": ["Ingress"],
        "ingress": [
            {"from": traffic.sources(t), "ports": _ports(("http", "TCP"))},  # the way in's proxies
        ],  # the scraper's way in is the observability component's (observability_network)
    }
    return obj(API, "NetworkPolicy", t.meta(f"{t.app}-allow-ingress", "network-policy"), spec=spec)


def allow_egress(t: Target) -> dict[str, Any]:
    egress = [dns_egress()]
    if t.in_cluster_db:
        egress.append(
            {"to": [{"podSelector": {"matchLabels": db_selector(t)}}], "ports": _ports((names.POSTGRES_PORT, "TCP"))}
        )
    else:  # the managed database's networks (network.database_cidrs; the private ranges until answered)
        database = [{"ipBlock": {"cidr": cidr}} for cidr in t.answers.database_cidrs]
        egress.append({"to": database, "ports": _ports((names.POSTGRES_PORT, "TCP"))})
    if t.object_storage == "in-cluster":
        egress.append(
            {"to": [{"podSelector": {"matchLabels": minio_selector(t)}}], "ports": _ports((names.MINIO_PORT, "TCP"))}
        )
    elif objectstore.gateway(t):  # the S3 gateway in the namespace; it alone goes out to Blob Storage
        gateway = {"app.kubernetes.io/name": "s3-gateway", "app.kubernetes.io/instance": f"{t.app}-s3-gateway"}
        egress.append(
            {"to": [{"podSelector": {"matchLabels": gateway}}], "ports": _ports((objectstore.GATEWAY_PORT, "TCP"))}
        )
    elif t.object_storage != "not-needed":
        egress.append({"to": ANYWHERE, "ports": _ports((names.HTTPS_PORT, "TCP"))})
    for cidr, port in identity.credential_endpoints(t):  # where the pod's cloud identity gets its tokens
        egress.append({"to": [{"ipBlock": {"cidr": cidr}}], "ports": _ports((port, "TCP"))})
    spec = {
        "podSelector": {"matchLabels": names.selector_labels(t.answers)},
        "policyTypes": ["Egress"],
        "egress": egress,
    }
    return obj(API, "NetworkPolicy", t.meta(f"{t.app}-allow-egress", "network-policy"), spec=spec)


def app_policies(t: Target) -> list[dict[str, Any]]:
    return [default_deny(t), allow_ingress(t), allow_egress(t)]


DB_EGRESS_PORTS = (443, 6443, names.MINIO_PORT)  # object stores, the API server, S3 on MinIO's port


def db_policy(t: Target, cluster: str | None = None, clients: dict[str, str] | None = None) -> dict[str, Any]:
    """CNPG instances: clients and operator in, replication between instances; out to DNS, the API server and
    backups. Also used for restored clusters (recovery, drill), which default-deny would otherwise cut off."""
    cluster = cluster or names.db_cluster(t.answers)
    selector = {"cnpg.io/cluster": cluster}
    peers = {"podSelector": {"matchLabels": selector}}
    spec = {
        "podSelector": {"matchLabels": selector},
        "policyTypes": ["Ingress", "Egress"],
        "ingress": [
            {
                "from": [{"podSelector": {"matchLabels": clients or names.selector_labels(t.answers)}}, peers],
                "ports": _ports((names.POSTGRES_PORT, "TCP")),
            },
            {"from": [_ns("cnpg-system")], "ports": _ports((8000, "TCP"), (names.POSTGRES_PORT, "TCP"))},
        ],
        "egress": [
            dns_egress(),
            {"to": [peers], "ports": _ports((names.POSTGRES_PORT, "TCP"))},
            {"to": ANYWHERE, "ports": _ports(*((port, "TCP") for port in DB_EGRESS_PORTS))},
        ],
    }
    backup_port = backup_plan.extra_egress_port(t.answers, DB_EGRESS_PORTS)
    if backup_port:  # an off-cluster backup store on a port of its own
        spec["egress"][-1]["ports"] += _ports((backup_port, "TCP"))
    if t.object_storage == "in-cluster":  # some CNIs do not match pod IPs with ipBlock: name MinIO's pods too
        to_minio = {"podSelector": {"matchLabels": minio_selector(t)}}
        spec["egress"].append({"to": [to_minio], "ports": _ports((names.MINIO_PORT, "TCP"))})
    return obj(API, "NetworkPolicy", t.meta(cluster, "database"), spec=spec)


def client_egress(t: Target, name: str, pods: dict[str, str], cluster: str) -> dict[str, Any]:
    """A one-off client (the drill's check Job) may reach DNS and one database cluster, nothing else."""
    to_db = {"to": [{"podSelector": {"matchLabels": {"cnpg.io/cluster": cluster}}}], "ports": _ports((5432, "TCP"))}
    spec = {"podSelector": {"matchLabels": pods}, "policyTypes": ["Egress"], "egress": [dns_egress(), to_db]}
    return obj(API, "NetworkPolicy", t.meta(name, "network-policy"), spec=spec)


def minio_policies(t: Target) -> list[dict[str, Any]]:
    """MinIO: S3 from the app, the bucket Job and the database's backups; the Job may reach MinIO and DNS only."""
    part_of = {"podSelector": {"matchLabels": {"app.kubernetes.io/part-of": t.app}}}
    server = {
        "podSelector": {"matchLabels": minio_selector(t)},
        "policyTypes": ["Ingress"],
        "ingress": [
            {
                "from": [part_of, ANY_CNPG_POD],  # the cluster, and restored or drill clusters reading backups
                "ports": _ports((names.MINIO_PORT, "TCP")),
            }
        ],
    }
    job = {
        "podSelector": {
            "matchLabels": {"app.kubernetes.io/name": "minio-buckets", "app.kubernetes.io/instance": t.app}
        },
        "policyTypes": ["Egress"],
        "egress": [
            dns_egress(),
            {"to": [{"podSelector": {"matchLabels": minio_selector(t)}}], "ports": _ports((names.MINIO_PORT, "TCP"))},
        ],
    }
    return [
        obj(API, "NetworkPolicy", t.meta(names.minio(t.answers), "object-storage"), spec=server),
        obj(API, "NetworkPolicy", t.meta(f"{names.minio(t.answers)}-buckets", "object-storage"), spec=job),
    ]
