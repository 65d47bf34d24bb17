"""RUNBOOK.md for in-cluster Postgres: restoring from the barman-cloud backups, and rehearsing it (item 19).

SPEC-0006 section 5 asks for a backup/restore plan that is tested in staging; the runbook's steps use the
recovery manifest and the `restore-drill` overlay that the skeleton ships, so the rehearsal is the real procedure.
"""

from __future__ import annotations

from advisor import backup_plan
from advisor.skeleton import kustomize, names
from advisor.skeleton.model import Target


def render(t: Target, envs: list[str], prefix: str | None, header: str) -> bytes:
    """`prefix` is where the Kustomize tree is; None when only the Helm chart was written."""
    a = t.answers
    app, cluster, prod = t.app, names.db_cluster(a), next((e for e in envs if names.is_prod(e)), envs[-1])
    ns, drill = names.namespace(a, prod), kustomize.drill_env(envs)
    restored = f"{cluster}-restored"
    drill_ns = names.namespace(a, drill)
    plan = backup_plan.plan(a, prod=True)
    target = f"`{a.backup.endpoint or backup_plan.PLACEHOLDER_ENDPOINT}`"
    if t.decision.choices.get("backup_target") == "same-cluster":
        target = f"the cluster's own MinIO `{names.minio(a)}` (risk accepted in the answers)"
    if prefix is None:
        prefix = ""
        drill_on = (
            f"    helm upgrade {app} ./helm -n {drill_ns} -f helm/values-{drill}.yaml --reuse-values \\\n"
            "      --set postgres.restoreDrill.enabled=true"
        )
        drill_off = drill_on.replace("enabled=true", "enabled=false")
        drill_where = "`postgres.restoreDrill.enabled` in the chart"
    else:
        drill_on, drill_off = (
            f"    kubectl apply -k {prefix}restore-drill",
            f"    kubectl delete -k {prefix}restore-drill",
        )
        drill_where = "The `restore-drill` overlay"
    drill_wait = a.data.rto_minutes + 20
    why_own = (
        "production data is regulated, and copying it into staging would put it where staging's access "
        "controls, not production's, protect it. Keep staging's data representative in size instead."
        if a.regulation.regulated
        else "a drill must not need access to production's backups, and staging's data is what staging may hold."
    )
    text = f"""<!-- {header.removeprefix("# ").strip()} -->
# Runbook: restore {app}'s Postgres (CloudNativePG + barman-cloud)

RPO {a.data.rpo_minutes} min, RTO {a.data.rto_minutes} min (from the answers). Backups: WAL archiving
(`archive_timeout` {plan.archive_timeout}) plus a base backup every {plan.base_backup_hours} h (`ScheduledBackup`
`{cluster}-base-backup`, `{plan.schedule}`) through the `ObjectStore` `{names.backup_bucket(a)}` to {target};
production keeps {plan.retention_days} days, under object lock. The README's "Backups" section says how each number
follows from the answers. Commands below are for `{ns}`; use the namespace of the environment you restore.

## 1. Freeze writes
Scale the app to zero so nothing writes while you restore:
`kubectl -n {ns} scale deployment/{app} --replicas=0`

## 2. Pick the backup or the point in time
`kubectl -n {ns} get backups.postgresql.cnpg.io` lists base backups. For a point in time, note the UTC time
just before the incident (e.g. `2025-01-31T09:59:00Z`).

## 3. Recover into a new cluster
Never restore over `{cluster}`: `{prefix}recovery/cluster.yaml` creates `{restored}` beside it from the same
backups. For another environment change `metadata.namespace`; for a point in time add
`spec.bootstrap.recovery.recoveryTarget.targetTime`. Then `kubectl apply -f {prefix}recovery/cluster.yaml` and wait:
`kubectl -n {ns} wait cluster/{restored} --for=condition=Ready --timeout=60m`

## 4. Check the vector extension and the data
`kubectl -n {ns} exec {restored}-1 -- psql app -tAc "SELECT extversion FROM pg_extension WHERE extname = 'vector'"`
must print a version; count rows in the tables you care most about and compare with what you expect.

## 5. Repoint the app
The app reads `DATABASE_URI` from Secret `{names.db_secret(a)}`. Point `uri` at `{restored}-rw` (update the
secret at its source: the secret store, a re-sealed SealedSecret or the SOPS file), or rename: delete the old
cluster only after the new one is verified, then restore under the old name the same way.

## 6. Restore objects
Object storage is not rolled back by a database restore. The app's bucket is versioned: restore lost or
overwritten objects from their previous versions (`mc ls --versions`, then `mc cp --version-id` or
`mc undo`), or from a replica, and check that keys referenced by the restored rows exist.

## 7. Smoke test
`kubectl -n {ns} scale deployment/{app} --replicas={names.replicas(prod)}`, then check `/readyz`, one read and
one write through the app, and one vector search.

## 8. Re-enable backups
A recovered cluster archives nowhere until you add the barman-cloud plugin (`isWALArchiver: true`) to it, as in
`{cluster}`. Do it, and run an immediate backup: apply a `ScheduledBackup` for `{restored}` with `immediate: true`.

## 9. Unfreeze
Re-enable writers and jobs, announce the end of the incident, write down the data-loss window you observed.

## Rehearse it in staging
{drill_where} restores the latest backup of `{drill_ns}` itself into a throw-away
cluster `{cluster}-drill`, and a Job times the restore against the RTO ({a.data.rto_minutes} min) and checks that
the `vector` extension and the user tables came back:

{drill_on}
    kubectl -n {drill_ns} wait job/{app}-restore-drill-check --for=condition=complete --timeout={drill_wait}m
    kubectl -n {drill_ns} logs job/{app}-restore-drill-check --tail=1
{drill_off}

The last line reads `Restore drill DATE in {drill_ns}: restored the latest backup of {drill_ns} in M min S s
against an RTO of {a.data.rto_minutes} min: PASS; ...`. Paste it under the backup item of the ADR's Confirmation
(and into the audit evidence). The Job fails (exit 3) when the restore took longer than the RTO: then the RTO
or the base-backup interval must change, not the drill.

The drill restores staging's own backups, never production's: {why_own}

Rehearse at least every {a.backup.drill_interval_days} days (`backup.drill_interval_days`: the alert
RestoreDrillOverdue fires when none succeeded) and after each Postgres upgrade.
"""
    return text.encode()
