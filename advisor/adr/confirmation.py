"""The ADR's Confirmation and what it says about the skeleton, all worded from the skeleton's own claims.

The claims (advisor/skeleton/claims.py) are computed from the values the builders use, so every sentence here
that describes the files is true of them: which Secret kinds are committed, which groups may deploy, what the
restore drill reports (and that it does not measure data loss), what the backup writer's policy allows, and who
sets object lock. What the skeleton cannot make true is an obligation; advisor's own numbers and defaults that a
reader might take for requirements are assumptions, named as such.
"""

from __future__ import annotations

from typing import Any

from advisor import backup_plan, observability_plan
from advisor.decision import Decision
from advisor.labels import option_label

_ROLLBACK = {
    "kustomize": "revert the image tag pinned in the overlay and apply it",
    "helm": "`helm rollback` to the previous revision",
    "both": "revert the overlay's pinned image tag, or `helm rollback`",
}


def checklist(decision: Decision, claims: Any, quote) -> list[str]:
    """What to tick in staging before prod; `quote(id)` cites SPEC-0006 in its own words."""
    if claims.runtime == "docker-compose":
        return _compose_checklist(decision, claims)
    a, c = decision.answers, decision.choices
    items = [
        f"In staging, then prod: after a deploy to each of {', '.join(a.environments)}, the app's "
        f"{_and(list(claims.probes))} probes pass "
        f"({quote('probes')})",
        f"Only {claims.secrets.committed} are in git for {_code(claims.secrets.names)}; no `kind: Secret` with data "
        f"({quote('no-plain-secrets')})",
        f"Rollback was tried once in staging: {_ROLLBACK.get(c.get('manifests', ''), 'deploy the previous version')} "
        f"({quote('rollback')})",
    ]
    if claims.drill is not None:
        drill = claims.drill
        rpo = (
            ""
            if drill.measures_rpo
            else (
                f" It does not measure data loss: for the RPO of {a.data.rpo_minutes} min, write a marker row, wait "
                f"{a.data.rpo_minutes} min, run the drill and check the marker came back."
            )
        )
        items.append(
            f'The restore drill ran in staging (RUNBOOK.md, "Rehearse it in staging") and its last line, pasted here, '
            f"reports {_and(list(drill.reports))}, within the RTO of {drill.rto_minutes} min.{rpo} "
            f"({quote('restore-tested')})"
        )
    elif c.get("postgres") == "managed":
        items.append(
            "A point-in-time restore of the managed Postgres into staging was done once, and the app and pgvector work "
            f"against it, within RPO {a.data.rpo_minutes} min and RTO {a.data.rto_minutes} min "
            f"({quote('restore-tested')})"
        )
    if claims.object_lock is not None and claims.object_lock.by == "skeleton":
        items.append(f"The bucket Job ran in each environment: it sets up {backup_bucket(claims)}")
    if claims.access is not None:
        access = claims.access
        _, deployers, viewers = access.groups[-1]
        items.append(
            f"In each namespace, group `{deployers}` (and its like per environment) may deploy through Role "
            f"`{access.deploy_role}` and `{viewers}` may only read through `{access.read_only_role}`"
            f"{' (Rancher project roles bind the same groups)' if access.rancher else ''}; the identity provider "
            f"fills both groups ({quote('rbac-roles')})"
        )
    items += _observability(decision, claims.observability, quote)
    if claims.hosts:
        prod = claims.hosts[-1][1]
        items.append(
            f"https://{prod} and each environment's host answer with a certificate from issuer "
            f"`{claims.tls_issuer}` ({quote('ingress-tls')})"
        )
    return items


def _observability(decision: Decision, o: Any, quote) -> list[str]:
    """SPEC-0006 3.4, checked where it matters: logs found, targets up, an alert that reaches someone."""
    if o is None:
        return []
    staging = "staging" if "staging" in decision.answers.environments else decision.answers.environments[0]
    ns = f"{decision.answers.project.name}-{staging}"
    return [
        f"A log line of a pod in `{ns}` (its request id, say) is found in {o.log_store} ({quote('logs-aggregation')})",
        f"Prometheus lists every target of `{ns}` up: {_and(list(o.targets))}, scraped from namespace `{o.scraper}` "
        f"({quote('metrics')})",
        f"A test alert for `{ns}` (`amtool alert add advisor_test namespace={ns} severity=warning`, or the managed "
        f"service's test) reaches {o.receiver} through {o.route}",
    ]


def _compose_checklist(decision: Decision, claims: Any) -> list[str]:
    a = decision.answers
    jobs = f" and {_code(claims.compose_jobs)} has run" if claims.compose_jobs else ""
    out = [
        f"On the Compose host, `docker compose up -d` starts the app once {_code(claims.compose_services)} "
        f"{'is' if len(claims.compose_services) == 1 else 'are'} healthy{jobs}, and `/readyz` answers",
        "`.env` is filled on the host from `.env.example` and is in no commit (`git log --all -- .env` is empty)",
        f"Going back one release works: compose.yaml pins `{claims.image}`; put the previous tag there and run "
        "`docker compose up -d`",
        f"A dump of Postgres{' and a copy of the bucket' if a.data.object_storage else ''}, taken off the host, was "
        "restored once into a scratch Compose project and the smoke tests passed",
    ]
    if claims.dump_stale_hours:
        out.append(
            f"The morning after, `docker compose ps` shows `{claims.compose_dumps}` healthy (its healthcheck fails "
            f"when the last dump is older than {claims.dump_stale_hours} h)"
        )
    if claims.published:
        out.append(
            f"compose.yaml publishes only {_code(claims.published)}: from outside the host the app is reached "
            "through whatever the host puts in front of it, which terminates TLS"
        )
    if claims.hardened:
        out.append("`docker compose config` shows each service with a non-root user, a read-only root, no capabilities")
    if claims.secret_files:
        out.append(
            f"No password is in a container's environment: {_code(claims.secret_files)} reach the services as "
            "Compose secrets (files)"
        )
    return out


def backup_bucket(claims: Any) -> str:
    """The backup bucket as the claims describe it: its lock, and everything the backup writer's policy allows."""
    lock, writer = claims.object_lock, claims.backup_writer
    extra = f" (and {_and(writer.housekeeping)})" if writer.housekeeping else ""
    deletes = (
        " A delete then only adds a delete marker, and the lock keeps every version."
        if "delete" in writer.verbs
        else ""
    )
    return (
        f"bucket `{lock.bucket}` with versioning and object lock ({lock.mode}, {lock.days} days), and a backup writer "
        f"whose policy lets it {_and(writer.verbs)} objects there{extra} and nothing else.{deletes}"
    )


def obligations(decision: Decision, claims: Any) -> list[str]:
    """What the skeleton does not make true and the team must, from the claims; the rules' obligations follow."""
    out = []
    if claims.object_lock is not None and claims.object_lock.by == "store":
        where = f" ({decision.answers.backup.endpoint})" if decision.answers.backup.endpoint else ""
        out.append(
            f"On the backup store{where}, its administrators set up {backup_bucket(claims)} The README's Backups "
            "section has the commands and the policy; advisor cannot set them on a store it does not run."
        )
    if claims.objects_copied_off_cluster is False:
        out.append(
            "Copy the app's bucket off the cluster (bucket replication, or `mc mirror --watch` to the backup site) "
            "and restore from that copy in the drill: the skeleton copies no objects off the cluster"
        )
    if claims.runtime == "docker-compose":
        out += _compose_backups(decision, claims)
    return out + list(decision.obligations)


def _compose_backups(decision: Decision, claims: Any) -> list[str]:
    """What the Compose file's backups leave to the team: getting them off the host, and the RPO."""
    a = decision.answers
    objects = " and an `mc mirror` of the bucket" if a.data.object_storage else ""
    if claims.compose_dumps is None:
        return [f"Schedule a `pg_dump -Fc`{objects} to storage off the Compose host: the Compose file runs no backups"]
    out = []
    if not claims.dumps_off_host:
        out.append(
            f"Copy the dumps `{claims.compose_dumps}` writes{objects} off the Compose host: the Compose file keeps "
            "them in a volume on the same host as the database"
        )
    if claims.dump_every_minutes and claims.dump_every_minutes > a.data.rpo_minutes:
        out.append(
            f"`{claims.compose_dumps}` dumps every {claims.dump_every_minutes // 60} h, longer than the RPO of "
            f"{a.data.rpo_minutes} min: dump more often, or record that the RPO is not met before Phase 4"
        )
    return out


def assumptions(decision: Decision) -> list[str]:
    """advisor's own numbers (backups, log retention), so nobody reads them as requirements or as measured."""
    return _backup_assumptions(decision) + observability_plan.assumption(decision)


def _backup_assumptions(decision: Decision) -> list[str]:
    a, c = decision.answers, decision.choices
    if c.get("runtime") != "kubernetes" or c.get("postgres") != "in-cluster":
        return []
    hours = backup_plan.base_backup_hours(a.data.rto_minutes)
    share = int(backup_plan.REPLAY_SHARE_OF_RTO * 100)
    out = [
        f"A restore replays WAL at least {backup_plan.REPLAY_SPEEDUP} times faster than it was written, within "
        f"{share}% of the RTO: this sets the base backup every {hours} h; the drill's time is the check"
    ]
    if a.backup.retention_days is None:
        days = backup_plan.production_retention_days(a)
        why = "for regulated data" if a.regulation.regulated else "for data that is not regulated"
        out.append(
            f"Production keeps backups {days} days: advisor's default {why}, not a regulatory requirement; set "
            "`backup.retention_days` to what the frameworks ask"
        )
    return out


def deferred_line(decision: Decision, key: str, defers: str, verdict: str, ruleset) -> str:
    label = option_label(key, decision.choices[key], ruleset)
    return f"{defers[0].upper()}{defers[1:]}: for now {label}; {verdict}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _code(names) -> str:
    return _and([f"`{name}`" for name in names]) if names else "the app's Secrets"
