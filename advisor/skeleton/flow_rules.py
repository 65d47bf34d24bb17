"""The rows of the flow model: each kind of connection a render needs or must refuse (see `flows.py`).

Data only. A row names its two ends as `workload:Kind/name`, `workload@namespace:Kind/name`, `pods:role` or
`address:role`, with `{app}`, `{db}`, `{restored}`, `{drill}`, `{minio}`, `{other_namespace}`, `{backup_port}` and
`{controller_namespace}`
filled in per environment; `renders` says where it applies and `when` names conditions of `flows.CONDITIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.skeleton.traffic import SOLVER_PORT


@dataclass(frozen=True)
class FlowRule:
    name: str
    says: str
    source: str
    target: str
    port: str
    protocol: str = "TCP"
    allowed: bool = True
    renders: tuple[str, ...] = ("env",)
    when: tuple[str, ...] = ()


APP = "workload:Deployment/{app}"
DB = "workload:Cluster/{db}"
RESTORED = "workload:Cluster/{restored}"
DRILL = "workload:Cluster/{drill}"
MINIO = "workload:StatefulSet/{minio}"
COPY = "workload:CronJob/{app}-objects-copy"
CHECK = "workload:Job/{app}-restore-drill-check"
DRILL_OBJECTS = "workload:Job/{app}-restore-drill-objects"
DNS = ("pods:dns", "53")

FLOWS: tuple[FlowRule, ...] = (
    # the app
    FlowRule("way-in-to-app", "the way in's controller reaches the app", "pods:way-in-controller", APP, "http"),
    FlowRule(
        "lb-to-app",
        "a cloud load balancer's addresses reach the app",
        "address:load-balancer",
        APP,
        "http",
        when=("load-balancer",),
    ),
    FlowRule("elsewhere-not-app", "no other namespace reaches the app", "pods:elsewhere", APP, "http", allowed=False),
    FlowRule(
        "way-in-to-solver",
        "the way in reaches cert-manager's HTTP-01 solver",
        "pods:way-in-controller",
        "pods:acme-solver",
        str(SOLVER_PORT),
    ),
    FlowRule(
        "elsewhere-not-solver",
        "no other namespace reaches the solver",
        "pods:elsewhere",
        "pods:acme-solver",
        str(SOLVER_PORT),
        allowed=False,
    ),
    FlowRule("metrics-from-app", "Prometheus scrapes the app", "pods:prometheus", APP, "metrics"),
    FlowRule("app-dns", "the app resolves names", APP, *DNS, protocol="UDP"),
    FlowRule("app-dns-tcp", "the app resolves names over TCP", APP, *DNS),
    FlowRule("app-to-db", "the app reaches its database", APP, DB, "5432", when=("in-cluster-db",)),
    FlowRule(
        "app-to-managed-db",
        "the app reaches its managed database",
        APP,
        "address:managed-db",
        "5432",
        when=("managed-db",),
    ),
    FlowRule("app-to-minio", "the app reaches MinIO", APP, MINIO, "s3", when=("minio",)),
    FlowRule(
        "app-to-object-store",
        "the app reaches managed object storage",
        APP,
        "address:object-store",
        "443",
        when=("managed-objects", "direct-objects"),
    ),
    FlowRule(
        "app-not-other-db",
        "the app never reaches another service's database",
        APP,
        "pods:other-service-db",
        "5432",
        allowed=False,
        when=("in-cluster-db",),
    ),
    FlowRule(
        "app-not-internet-db",
        "the app never reaches a database on the internet",
        APP,
        "address:internet",
        "5432",
        allowed=False,
    ),
    # the database
    FlowRule(
        "app-not-beside-db",
        "the app never reaches the address right after the database networks",
        APP,
        "address:beside-db",
        "5432",
        allowed=False,
        when=("managed-db",),
    ),
    FlowRule(
        "operator-to-db", "the operator polls the instances", "pods:cnpg-operator", DB, "8000", when=("in-cluster-db",)
    ),
    FlowRule("db-metrics", "Prometheus scrapes the instances", "pods:prometheus", DB, "9187", when=("in-cluster-db",)),
    FlowRule("db-replication", "the instances replicate", DB, DB, "5432", when=("in-cluster-db",)),
    FlowRule("db-dns", "the instances resolve names", DB, *DNS, protocol="UDP", when=("in-cluster-db",)),
    FlowRule(
        "db-to-api", "the instances reach the API server", DB, "address:api-server", "6443", when=("in-cluster-db",)
    ),
    FlowRule(
        "db-to-backups",
        "the instances archive to the backup store",
        DB,
        "address:backup-store",
        "{backup_port}",
        when=("off-cluster-backups",),
    ),
    FlowRule(
        "db-to-minio-backups",
        "the instances archive to the cluster's MinIO",
        DB,
        MINIO,
        "s3",
        when=("same-cluster-backups",),
    ),
    FlowRule(
        "db-not-internet",
        "the database never reaches the internet",
        DB,
        "address:internet",
        "443",
        allowed=False,
        when=("in-cluster-db",),
    ),
    FlowRule(
        "db-not-internet-backup-port",
        "the database never reaches the internet on the store's port",
        DB,
        "address:internet",
        "{backup_port}",
        allowed=False,
        when=("in-cluster-db",),
    ),
    FlowRule(
        "other-env-not-db",
        "another environment never reaches this database",
        "workload@{other_namespace}:Deployment/{app}",
        DB,
        "5432",
        allowed=False,
        when=("in-cluster-db", "other-envs"),
    ),
    # the bucket Job
    FlowRule(
        "buckets-to-minio", "the bucket Job reaches MinIO", "workload:Job/{minio}-buckets", MINIO, "s3", when=("minio",)
    ),
    FlowRule(
        "buckets-dns",
        "the bucket Job resolves names",
        "workload:Job/{minio}-buckets",
        *DNS,
        protocol="UDP",
        when=("minio",),
    ),
    FlowRule(
        "buckets-not-internet",
        "the bucket Job never reaches the internet",
        "workload:Job/{minio}-buckets",
        "address:internet",
        "443",
        allowed=False,
        when=("minio",),
    ),
    # the off-cluster copy of MinIO's objects (objects_copy.py)
    FlowRule("copy-from-minio", "the objects copy reads MinIO", COPY, MINIO, "s3", when=("objects-copy",)),
    FlowRule(
        "copy-to-backups",
        "the objects copy writes to the backup store",
        COPY,
        "address:backup-store",
        "{backup_port}",
        when=("objects-copy",),
    ),
    FlowRule("copy-dns", "the objects copy resolves names", COPY, *DNS, protocol="UDP", when=("objects-copy",)),
    FlowRule(
        "copy-not-internet",
        "the objects copy never reaches the internet",
        COPY,
        "address:internet",
        "443",
        allowed=False,
        when=("objects-copy",),
    ),
    FlowRule(
        "copy-not-db",
        "the objects copy never reaches the database",
        COPY,
        DB,
        "5432",
        allowed=False,
        when=("objects-copy",),
    ),
    # a restore beside the database (RUNBOOK.md)
    FlowRule(
        "app-to-restored",
        "the app reaches the restored database",
        APP,
        RESTORED,
        "5432",
        renders=("recovery",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "operator-to-restored",
        "the operator polls the restored instances",
        "pods:cnpg-operator",
        RESTORED,
        "8000",
        renders=("recovery",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "restored-metrics",
        "Prometheus scrapes the restored instances (WAL archiving and backups stay watched)",
        "pods:prometheus",
        RESTORED,
        "9187",
        renders=("recovery",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "restored-to-backups",
        "the restored cluster reads and archives backups",
        RESTORED,
        "address:backup-store",
        "{backup_port}",
        renders=("recovery",),
        when=("off-cluster-backups",),
    ),
    FlowRule(
        "restored-to-minio-backups",
        "the restored cluster reads and archives backups",
        RESTORED,
        MINIO,
        "s3",
        renders=("recovery",),
        when=("same-cluster-backups",),
    ),
    FlowRule(
        "restored-dns",
        "the restored instances resolve names",
        RESTORED,
        *DNS,
        protocol="UDP",
        renders=("recovery",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "restored-to-api",
        "the restored instances reach the API server",
        RESTORED,
        "address:api-server",
        "6443",
        renders=("recovery",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "restored-not-internet",
        "the restored database never reaches the internet",
        RESTORED,
        "address:internet",
        "443",
        allowed=False,
        renders=("recovery",),
        when=("in-cluster-db",),
    ),
    # the restore drill
    FlowRule(
        "check-to-drill",
        "the drill's check reaches the restored copy",
        "workload:Job/{app}-restore-drill-check",
        DRILL,
        "5432",
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "check-to-live-db",
        "the drill's check reads the live database's WAL archiving",
        CHECK,
        DB,
        "5432",
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "drill-objects-from-minio",
        "the drill reads the live bucket",
        DRILL_OBJECTS,
        MINIO,
        "s3",
        renders=("drill",),
        when=("objects-copy",),
    ),
    FlowRule(
        "drill-objects-from-backups",
        "the drill reads the objects copy back",
        DRILL_OBJECTS,
        "address:backup-store",
        "{backup_port}",
        renders=("drill",),
        when=("objects-copy",),
    ),
    FlowRule(
        "drill-objects-not-internet",
        "the drill's read-back never reaches the internet",
        DRILL_OBJECTS,
        "address:internet",
        "443",
        allowed=False,
        renders=("drill",),
        when=("objects-copy",),
    ),
    FlowRule(
        "check-dns",
        "the drill's check resolves names",
        "workload:Job/{app}-restore-drill-check",
        *DNS,
        protocol="UDP",
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "operator-to-drill",
        "the operator polls the drill's instance",
        "pods:cnpg-operator",
        DRILL,
        "8000",
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "drill-to-backups",
        "the drill cluster reads the backups",
        DRILL,
        "address:backup-store",
        "{backup_port}",
        renders=("drill",),
        when=("off-cluster-backups",),
    ),
    FlowRule(
        "drill-to-minio-backups",
        "the drill cluster reads the backups",
        DRILL,
        MINIO,
        "s3",
        renders=("drill",),
        when=("same-cluster-backups",),
    ),
    FlowRule(
        "drill-dns",
        "the drill's instance resolves names",
        DRILL,
        *DNS,
        protocol="UDP",
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "drill-to-api",
        "the drill's instance reaches the API server",
        DRILL,
        "address:api-server",
        "6443",
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    FlowRule(
        "check-not-internet",
        "the drill's check never reaches the internet",
        "workload:Job/{app}-restore-drill-check",
        "address:internet",
        "443",
        allowed=False,
        renders=("drill",),
        when=("in-cluster-db",),
    ),
    # helm test
    FlowRule(
        "test-to-app",
        "the helm test Pod reaches the app",
        "workload:Pod/{app}-test-connection",
        APP,
        "http",
        renders=("helm-test",),
    ),
)
