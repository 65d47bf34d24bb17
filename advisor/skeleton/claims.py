"""What the skeleton makes true, as data: the one source for every statement the ADR makes about the files.

Each claim is computed from the values the builders themselves use (the backup writer's IAM actions, the lock
mode and days, what the restore drill reports, the Secret kinds each strategy writes, the Roles and groups, the
Ingress hosts, the Compose services), so the record and the files cannot disagree. Where the skeleton cannot make
something true (object lock on a store advisor does not run), the claim says who must: `by` is "skeleton" or
"store" (the backup store's administrators), and the ADR turns the latter into an obligation.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor import backup_plan
from advisor.decision import Decision
from advisor.skeleton import (
    buckets,
    compose,
    compose_scripts,
    drill,
    layout,
    minio,
    names,
    observability,
    rbac,
    secrets,
    workload,
)
from advisor.skeleton.model import Target

# IAM action -> what it lets the holder do to the bucket's objects, in the words the ADR uses; an action not listed
# here is named as it is, so the ADR never leaves out a permission the policy grants.
VERBS = {
    "s3:ListBucket": "list",
    "s3:GetObject": "read",
    "s3:PutObject": "add",
    "s3:DeleteObject": "delete",
    "s3:DeleteObjectVersion": "destroy versions of",
    "s3:PutObjectRetention": "change the retention of",
    "s3:PutBucketVersioning": "suspend versioning of",
}
HOUSEKEEPING = {  # what every S3 client needs to upload and list; named apart so the verbs above stay readable
    "s3:GetBucketLocation": "locate the bucket",
    "s3:ListBucketMultipartUploads": "list unfinished uploads",
    "s3:AbortMultipartUpload": "abort unfinished uploads",
}


@dataclass(frozen=True)
class BackupWriter:
    bucket: str
    actions: tuple[str, ...]  # every action the policy allows, bucket and object level
    by: str  # "skeleton": the bucket Job applies it; "store": the README hands it to the store's administrators

    @property
    def verbs(self) -> list[str]:
        """What it may do to objects ("list", "read", ...), then any action with no word here, by its name."""
        known = [VERBS[a] for a in VERBS if a in self.actions]
        return known + [f"`{a}`" for a in sorted(self.actions) if a not in VERBS and a not in HOUSEKEEPING]

    @property
    def housekeeping(self) -> list[str]:
        return [HOUSEKEEPING[a] for a in HOUSEKEEPING if a in self.actions]


@dataclass(frozen=True)
class ObjectLock:
    bucket: str
    mode: str
    days: int
    by: str  # "skeleton" | "store", as for BackupWriter


@dataclass(frozen=True)
class Drill:
    reports: tuple[str, ...]  # what its last line states
    measures_rpo: bool
    rto_minutes: int


@dataclass(frozen=True)
class SecretsDelivery:
    strategy: str
    committed: str  # what is in git instead of plain values
    names: tuple[str, ...]  # the Secrets the app and its services read


@dataclass(frozen=True)
class Access:
    read_only_role: str
    deploy_role: str
    deploy_resources: tuple[str, ...]
    groups: tuple[tuple[str, str, str], ...]  # (environment, deployers group, viewers group)
    rancher: bool  # Rancher project role bindings name the same groups


@dataclass(frozen=True)
class Claims:
    runtime: str
    probes: tuple[str, ...]
    secrets: SecretsDelivery
    access: Access | None = None
    hosts: tuple[tuple[str, str], ...] = ()  # (environment, host) served by the Ingress with TLS
    tls_issuer: str = ""
    backup_writer: BackupWriter | None = None
    object_lock: ObjectLock | None = None
    drill: Drill | None = None
    objects_copied_off_cluster: bool | None = None  # None: no object storage the team runs
    compose_services: tuple[str, ...] = ()  # the services the app waits to be healthy
    compose_jobs: tuple[str, ...] = ()  # one-shot services it waits to finish (bucket setup)
    compose_dumps: str | None = None  # the service that dumps Postgres on the host, if the Compose file has one
    dump_every_minutes: int | None = None  # how often it dumps
    dumps_off_host: bool = False  # does anything in the Compose file copy the dumps off the host?
    dump_stale_hours: int | None = None  # the dump service's healthcheck fails when the last dump is older
    published: tuple[str, ...] = ()  # the ports compose.yaml publishes on the host
    hardened: bool = False  # every service: a non-root user, a read-only root filesystem, no capabilities
    secret_files: tuple[str, ...] = ()  # Compose secrets: values reach the services as files, not environment
    image: str = ""  # the app's image, pinned to a tag
    observability: observability.Claim | None = None  # logs, metrics and alerts (Kubernetes)


def claims(decision: Decision) -> Claims:
    if decision.choices.get("runtime") == "docker-compose":
        return _compose(decision)
    a, c = decision.answers, decision.choices
    t = Target(decision, "")
    env_target = t.with_env(a.environments[0])
    container = workload.app_container(env_target)
    probes = tuple(kind for kind in ("readiness", "liveness", "startup") if f"{kind}Probe" in container)
    out = Claims(
        runtime="kubernetes",
        probes=probes,
        secrets=_secrets(t),
        access=_access(t),
        hosts=tuple((env, names.host(a, env)) for env in a.environments),
        tls_issuer=a.delivery.tls_issuer,
        observability=observability.claim(decision),
    )
    if c.get("postgres") != "in-cluster":
        return out
    same_cluster = c.get("backup_target") == "same-cluster"
    bucket = names.backup_bucket(a) if same_cluster or not a.backup.bucket else a.backup.bucket
    by = "skeleton" if same_cluster else "store"
    actions = tuple(buckets.BUCKET_ACTIONS) + tuple(buckets.BACKUP_ACTIONS)
    days = backup_plan.production_retention_days(a)
    in_cluster_objects = c.get("object_storage") == "in-cluster"
    return Claims(
        **{
            **out.__dict__,
            "backup_writer": BackupWriter(bucket, actions, by),
            "object_lock": ObjectLock(bucket, buckets.LOCK_MODE, days, by),
            "drill": Drill(drill.REPORTS, drill.MEASURES_RPO, a.data.rto_minutes),
            "objects_copied_off_cluster": minio.COPIES_OFF_CLUSTER if in_cluster_objects else None,
        }
    )


def _secrets(t: Target) -> SecretsDelivery:
    strategy = t.decision.choices.get("secrets", "")
    committed = {
        "external-secrets": "ExternalSecret objects (naming keys in the secret store)",
        "sealed-secrets": "SealedSecret objects (sealed per namespace)",
        "sops": f"SOPS-encrypted files, one age key per environment ({layout.SOPS_CONFIG})",
    }.get(strategy, "")
    env = t.with_env(t.answers.environments[0])
    return SecretsDelivery(strategy, committed, tuple(name for name, _ in secrets.secrets(env)))


def _hardened(service: dict) -> bool:
    user = str(service.get("user", "0"))
    return (
        service.get("read_only") is True and service.get("cap_drop") == ["ALL"] and not user.startswith(("0", "root"))
    )


def _access(t: Target) -> Access:
    env = t.with_env(t.answers.environments[0])
    resources = tuple(sorted({r for rule in rbac.deploy_rules(env) for r in rule["resources"]}))
    groups = tuple(
        (env, names.deployers_group(t.answers, env), names.viewers_group(t.answers, env))
        for env in t.answers.environments
    )
    return Access(f"{t.app}-read-only", f"{t.app}-deploy", resources, groups, t.rancher)


DUMP_SERVICE = "postgres-backup"  # compose.py's nightly `pg_dump` (compose_scripts.nightly_dump): once a day
DUMP_EVERY_MINUTES = 24 * 60


def _compose(decision: Decision) -> Claims:
    document = compose.compose(decision)
    services = document["services"]
    waits = services["app"].get("depends_on", {})
    dumps = DUMP_SERVICE if DUMP_SERVICE in services else None
    return Claims(
        runtime="docker-compose",
        probes=("healthcheck",) if "healthcheck" in services["app"] else (),
        secrets=SecretsDelivery("env-file", f"{layout.ENV_EXAMPLE} with placeholders; .env stays on the host", ()),
        compose_services=tuple(n for n, w in waits.items() if w.get("condition") == "service_healthy"),
        compose_jobs=tuple(n for n, w in waits.items() if w.get("condition") == "service_completed_successfully"),
        compose_dumps=dumps,
        dump_every_minutes=DUMP_EVERY_MINUTES if dumps else None,
        dump_stale_hours=compose_scripts.STALE_MINUTES // 60 if dumps and "healthcheck" in services[dumps] else None,
        published=tuple(port for service in services.values() for port in service.get("ports", [])),
        hardened=all(_hardened(service) for service in services.values()),
        secret_files=tuple(sorted(document.get("secrets", {}))),
        image=services["app"]["image"],
    )
