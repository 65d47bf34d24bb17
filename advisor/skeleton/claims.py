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
from advisor.skeleton import buckets, compose, drill, layout, minio, names, rbac, secrets, workload
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
    compose_services: tuple[str, ...] = ()  # the services the app waits for, each with a healthcheck
    compose_jobs: tuple[str, ...] = ()  # one-shot services (bucket setup)
    compose_backups: bool | None = None  # does the Compose file back up its volumes?
    image: str = ""  # the app's image, pinned to a tag


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


def _access(t: Target) -> Access:
    resources = tuple(sorted({r for rule in rbac.DEPLOY_RULES for r in rule["resources"]}))
    groups = tuple(
        (env, names.deployers_group(t.answers, env), names.viewers_group(t.answers, env))
        for env in t.answers.environments
    )
    return Access(f"{t.app}-read-only", f"{t.app}-deploy", resources, groups, t.rancher)


def _compose(decision: Decision) -> Claims:
    services = compose.compose(decision)["services"]
    return Claims(
        runtime="docker-compose",
        probes=("healthcheck",) if "healthcheck" in services["app"] else (),
        secrets=SecretsDelivery("env-file", f"{layout.ENV_EXAMPLE} with placeholders; .env stays on the host", ()),
        compose_services=tuple(name for name, s in services.items() if name != "app" and "healthcheck" in s),
        compose_jobs=tuple(name for name, s in services.items() if s.get("restart") == "no"),
        compose_backups=any("backup" in name for name in services),
        image=services["app"]["image"],
    )
