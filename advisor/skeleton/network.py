"""NetworkPolicies: deny everything, then allow exactly the paths the decision needs (K8S-CHECKLIST items 10, 28).

What each render must allow and refuse is declared in `flows.py`; the tests check these policies against it with a
NetworkPolicy evaluator. Addresses outside the cluster are the answers' (`backup.cidrs`, `network.api_server_cidrs`,
`network.database_cidrs`, else the private ranges): a database never reaches the internet at large.
"""

from __future__ import annotations

from typing import Any

from advisor import backup_plan
from advisor.skeleton import identity, names, objectstore, traffic
from advisor.skeleton.model import Target, obj

API = "networking.k8s.io/v1"
ANYWHERE = [{"ipBlock": {"cidr": "0.0.0.0/0"}}]  # the app to a managed service: its addresses are the provider's
ANY_CNPG_POD = {"podSelector": {"matchExpressions": [{"key": "cnpg.io/cluster", "operator": "Exists"}]}}


def _ns(name: str) -> dict[str, Any]:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}


def _ports(*pairs: tuple[int | str, str]) -> list[dict[str, Any]]:
    return [{"port": port, "protocol": proto} for port, proto in pairs]


def _blocks(cidrs: list[str] | tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"ipBlock": {"cidr": cidr}} for cidr in cidrs]


def api_server_cidrs(t: Target) -> list[str]:
    return t.answers.api_server_cidrs


def backup_cidrs(t: Target) -> list[str]:
    return t.answers.backup_cidrs


def dns_egress() -> dict[str, Any]:
    return {"to": [_ns("kube-system")], "ports": _ports((names.DNS_PORT, "UDP"), (names.DNS_PORT, "TCP"))}


def db_selector(t: Target) -> dict[str, str]:
    """The live database's instances (not a restored or drill cluster)."""
    return {"cnpg.io/cluster": names.db_cluster(t.answers)}


def app_databases_selector(t: Target) -> dict[str, Any]:
    """The instances of the app's database and of the one a restore creates beside it (never the drill's copy)."""
    return {"matchExpressions": [{"key": "cnpg.io/cluster", "operator": "In", "values": app_databases(t)}]}


def minio_selector(t: Target) -> dict[str, str]:
    return {"app.kubernetes.io/name": "minio", "app.kubernetes.io/instance": names.minio(t.answers)}


def app_databases(t: Target) -> list[str]:
    """The clusters the app may connect to: its database, and the one a restore creates beside it."""
    return [names.db_cluster(t.answers), names.restored_cluster(t.answers)]


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
        clusters = {"matchExpressions": [{"key": "cnpg.io/cluster", "operator": "In", "values": app_databases(t)}]}
        egress.append({"to": [{"podSelector": clusters}], "ports": _ports((names.POSTGRES_PORT, "TCP"))})
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


def same_cluster_backups(t: Target) -> bool:
    return t.decision.choices.get("backup_target") == "same-cluster"


def backup_store_egress(t: Target) -> dict[str, Any]:
    """To the backup store: the cluster's own MinIO by its pods, else the store's addresses on its port only."""
    if same_cluster_backups(t):
        return {"to": [{"podSelector": {"matchLabels": minio_selector(t)}}], "ports": _ports((names.MINIO_PORT, "TCP"))}
    return {"to": _blocks(backup_cidrs(t)), "ports": _ports((backup_plan.endpoint_port(t.answers), "TCP"))}


def db_policy(t: Target, cluster: str | None = None, clients: dict[str, str] | None = None) -> dict[str, Any]:
    """CNPG instances (and their bootstrap Jobs, which carry the same label): clients and the operator in,
    replication between instances; out to DNS, the API server and the backup store, and nowhere else. Also used
    for restored clusters (recovery, drill), which default-deny would otherwise cut off."""
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
            {
                "from": [_ns(names.CNPG_NAMESPACE)],
                "ports": _ports((names.CNPG_STATUS_PORT, "TCP"), (names.POSTGRES_PORT, "TCP")),
            },
        ],
        "egress": [
            dns_egress(),
            {"to": [peers], "ports": _ports((names.POSTGRES_PORT, "TCP"))},
            {"to": _blocks(api_server_cidrs(t)), "ports": _ports(*((port, "TCP") for port in names.API_SERVER_PORTS))},
            backup_store_egress(t),
        ],
    }
    return obj(API, "NetworkPolicy", t.meta(cluster, "database"), spec=spec)


def client_egress(t: Target, name: str, pods: dict[str, str], clusters: list[str]) -> dict[str, Any]:
    """A one-off client (the drill's check Job) may reach DNS and these database clusters, nothing else."""
    selector = {"matchExpressions": [{"key": "cnpg.io/cluster", "operator": "In", "values": clusters}]}
    to_db = {"to": [{"podSelector": selector}], "ports": _ports((names.POSTGRES_PORT, "TCP"))}
    spec = {"podSelector": {"matchLabels": pods}, "policyTypes": ["Egress"], "egress": [dns_egress(), to_db]}
    return obj(API, "NetworkPolicy", t.meta(name, "network-policy"), spec=spec)


def client_ingress(t: Target, name: str, pods: dict[str, str], cluster: str) -> dict[str, Any]:
    """Lets a one-off client into a cluster whose own policy names only the app (policies add up)."""
    spec = {
        "podSelector": {"matchLabels": {"cnpg.io/cluster": cluster}},
        "policyTypes": ["Ingress"],
        "ingress": [{"from": [{"podSelector": {"matchLabels": pods}}], "ports": _ports((names.POSTGRES_PORT, "TCP"))}],
    }
    return obj(API, "NetworkPolicy", t.meta(name, "network-policy"), spec=spec)


def minio_policies(t: Target) -> list[dict[str, Any]]:
    """MinIO: S3 from the app, the bucket Job and (same-cluster backups) the database; the Job reaches MinIO only."""
    part_of = {"podSelector": {"matchLabels": {"app.kubernetes.io/part-of": t.app}}}
    server = {
        "podSelector": {"matchLabels": minio_selector(t)},
        "policyTypes": ["Ingress"],
        "ingress": [
            {
                # with same-cluster backups, every cluster of the namespace (live, restored, drill) reads and writes
                "from": [part_of, *([ANY_CNPG_POD] if same_cluster_backups(t) else [])],
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
