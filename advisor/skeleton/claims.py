"""What the skeleton makes true, as data: the one source for every statement the ADR makes about the files.

Each claim is computed from the values the builders themselves use (the backup writer's IAM actions, the lock
mode and days, what the restore drill reports, the Secret kinds each strategy writes, the Roles and groups, the
Ingress hosts, the Compose services), so the record and the files cannot disagree. Where the skeleton cannot make
something true (object lock on a store advisor does not run), the claim says who must: `by` is "skeleton" or
"store" (the backup store's administrators), and the ADR turns the latter into an obligation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.decision import Decision
from advisor.skeleton import (
    buckets,
    compose,
    compose_scripts,
    drill,
    layout,
    minio,
    names,
    objects_copy,
    observability,
    postgres,
    rbac,
    readme_backups,
    secrets,
    workload,
)
from advisor.skeleton.model import Target
from advisor.skeleton.objects import component_objects

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
    envs = list(a.environments)
    prod = t.with_env(next((e for e in envs if names.is_prod(e)), envs[-1]))
    return Claims(
        **{
            **out.__dict__,
            **_backups(prod),
            "drill": _drill(t.with_env(names.drill_env(envs))),
            "objects_copied_off_cluster": _objects_copied(prod) if c.get("object_storage") == "in-cluster" else None,
        }
    )


def _backups(prod: Target) -> dict:
    """Production's backup bucket: the writer's actions from the policy document the bucket Job or the README
    hands over, the lock from the bucket Job's own script (same-cluster) or the README's per-environment rows."""
    a = prod.answers
    bucket = names.backup_bucket(a, prod.env)
    document = buckets.backup_writer_policy(bucket)
    actions = tuple(action for statement in document["Statement"] for action in statement["Action"])
    if minio.backups_here(prod):
        script = minio.setup_script(prod)
        found = re.search(rf"mc retention set --default (\w+) (\d+)d store/{re.escape(bucket)}\n", script)
        assert found, "the bucket Job sets no lock on the backup bucket"
        mode, days, by = found.group(1), int(found.group(2)), "skeleton"
    else:
        days = next(days for env, name, _, days in readme_backups.per_env(prod.decision) if name == bucket)
        mode, by = buckets.LOCK_MODE, "store"
    return {"backup_writer": BackupWriter(bucket, actions, by), "object_lock": ObjectLock(bucket, mode, days, by)}


def _drill(staging: Target) -> Drill:
    """What the drill's Jobs state, read from the scripts they run."""
    scripts = {
        job["metadata"]["name"]: job["spec"]["template"]["spec"]["containers"][0]["command"][-1]
        for job in postgres.drill_objects(staging)
        if job["kind"] == "Job"
    }
    check = scripts[f"{staging.app}-restore-drill-check"]
    copy = scripts.get(objects_copy.drill_name(staging), "")
    reports = drill.reports(check) + objects_copy.reports(copy)
    return Drill(reports, drill.measures_rpo(check), staging.answers.data.rto_minutes)


def _objects_copied(prod: Target) -> bool:
    """Does production's render hold a Job that mirrors the app's bucket to the backup store?"""
    bucket = names.bucket(prod.answers)
    return any(
        o["kind"] == "CronJob" and f"mc mirror --overwrite live/{bucket}" in str(o)
        for o in component_objects(prod).get("objects-copy", [])
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
