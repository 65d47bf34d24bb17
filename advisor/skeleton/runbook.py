"""RUNBOOK.md for in-cluster Postgres: restoring from the barman-cloud backups, and rehearsing it (item 19, 29).

CloudNativePG never restores in place (docs, Recovery): a restore bootstraps a new cluster, `APP-db-restored`,
beside `APP-db` from its backups. It keeps the app's credentials (`bootstrap.recovery.secret`), archives under its
own name (the plugin refuses a folder that already holds WAL), and then replaces the original in the manifests, so
no later apply or Fleet sync recreates an empty `APP-db` with initdb. Every name and command here is checked
against the rendered objects and the tools' documented commands (tests/skeleton/test_runbook.py).
"""

from __future__ import annotations

from advisor import backup_plan
from advisor.skeleton import names, objects_copy
from advisor.skeleton.model import Target

PLUGIN_BACKUP = "--method plugin --plugin-name barman-cloud.cloudnative-pg.io"


def _steps(t: Target, prefix: str | None, env: str) -> dict[str, str]:
    """The commands that differ between the Kustomize tree and the chart, for environment `env`."""
    a, app = t.answers, t.app
    ns, restored = names.namespace(a, env), names.restored_cluster(a)
    if prefix is None:
        upgrade = (
            f"    helm upgrade {app} ./helm -n {ns} -f helm/values-{env}.yaml --rollback-on-failure --wait "
            "--timeout 60m"
        )
        return {
            "restore": f"In `helm/values-{env}.yaml` set `postgres.recovery.enabled: true` (for a point in time also "
            "`postgres.recovery.targetTime`), commit, and upgrade the release (a platform admin: it also applies the "
            f"namespace's quota and roles):\n\n{upgrade}",
            "retire": f"In `helm/values-{env}.yaml` set `postgres.recovery.retireOriginal: true`, commit, and upgrade "
            f"as in step 3: Helm deletes Cluster `{names.db_cluster(a)}`, its ScheduledBackup and its NetworkPolicy.",
            # the chart declares one recovered cluster, which is now the live one: changing its values would replace it
            "again": "with the chart this is chart work, not a value: `postgres.recovery` declares one recovered "
            f"cluster, and it is now the live one. Add a second recovery Cluster to `helm/templates/postgres.yaml` "
            f"whose source's server name is `{restored}`, and leave `postgres.recovery` as it is.",
        }
    overlay = f"{prefix}overlays/{env}"
    apply = f"    kubectl diff -k {overlay}\n    kubectl apply -k {overlay}"
    return {
        "restore": f"In `{overlay}/kustomization.yaml` add `- ../../components/postgres-recovery` to `components:` "
        f"(for a point in time also add `spec.bootstrap.recovery.recoveryTarget.targetTime` to "
        f"`{prefix}components/postgres-recovery/cluster.yaml`) and commit. Fleet applies the overlay from git; "
        f"without Fleet a platform admin applies it (it also holds the namespace, its quota and its roles):\n\n"
        f"{apply}\n\nThe overlay's patch sizes `{restored}` like `{names.db_cluster(a)}`.",
        "retire": f"In `{overlay}/kustomization.yaml` add `- ../../components/postgres-retire-original` after the "
        f"recovery component and commit: it drops Cluster `{names.db_cluster(a)}`, ScheduledBackup "
        f"`{names.db_cluster(a)}-base-backup` and NetworkPolicy `{names.db_cluster(a)}` from the build. Fleet then "
        "deletes them; without Fleet a platform admin applies the overlay and deletes them:\n\n"
        f"{apply}\n"
        f"    kubectl -n {ns} delete cluster/{names.db_cluster(a)} scheduledbackup/{names.db_cluster(a)}-base-backup "
        f"networkpolicy/{names.db_cluster(a)}",
        "again": f"copy `{prefix}components/postgres-recovery` and change the source's server name and the new "
        "cluster's name.",
    }


def _objects_lines(t: Target, env: str, drill_ns: str, drill_env: str) -> tuple[str, str]:
    """Step 6 (restore objects) and the drill's part for objects, by where the objects are."""
    a = t.answers
    versions = (
        "restore lost or overwritten objects from their previous versions (`mc ls --versions`, then "
        "`mc cp --version-id` or `mc undo`)"
    )
    if t.object_storage == "not-needed":
        return "The app stores no objects: nothing to restore here.", ""
    if not objects_copy.applies(t):
        text = (
            f"Object storage is not rolled back by a database restore. The app's bucket is versioned: {versions}, "
            "or from a replica, and check that keys referenced by the restored rows exist."
        )
        return text, ""
    minutes = backup_plan.objects_copy_minutes(a.data.rpo_minutes)
    bucket, copy = names.bucket(a), f"{names.backup_bucket(a, env)}/{objects_copy.PREFIX}"
    step = f"""Object storage is not rolled back by a database restore. `{objects_copy.name(t)}` copies the app's bucket
`{bucket}` every {minutes} min to `{copy}/` on the backup store, a versioned bucket locked as long as the backups:

- If MinIO still holds the bucket, which is versioned: {versions}.
- If MinIO or its volume was lost: once MinIO runs again and its bucket Job has made `{bucket}`, copy the objects
  back as they were at the time you restored the database to, with the alias `copy` for the backup store (`mc alias
  set copy ENDPOINT KEY SECRET` as a user who may read object versions there, e.g. the store's administrators) and
  `live` for MinIO as the app's user; objects written in the last {minutes} min before the incident may be missing:

    mc cp --recursive --rewind 2025-01-31T09:59:00Z copy/{copy}/ live/{bucket}/

Then check that keys referenced by the restored rows exist."""
    drill = f"""
The drill also reads the objects copy back: Job `{objects_copy.drill_name(t)}` compares `{bucket}` with
`{names.backup_bucket(a, drill_env)}/{objects_copy.PREFIX}` and judges the age of the last copy against the RPO
({a.data.rpo_minutes} min; exit 3 when older, 1 when there is no copy):

    kubectl -n {drill_ns} wait job/{objects_copy.drill_name(t)} --for=condition=complete --timeout=10m
    kubectl -n {drill_ns} logs job/{objects_copy.drill_name(t)} --tail=1

Paste its last line (`Objects copy drill DATE in {drill_ns}: last copy M min ago against an RPO of
{a.data.rpo_minutes} min: PASS; ...`) beside the database's.
"""
    return step, drill


def render(t: Target, envs: list[str], prefix: str | None, header: str) -> bytes:
    """`prefix` is where the Kustomize tree is; None when only the Helm chart was written."""
    a = t.answers
    app, cluster, prod = t.app, names.db_cluster(a), next((e for e in envs if names.is_prod(e)), envs[-1])
    ns, drill = names.namespace(a, prod), names.drill_env(envs)
    restored = names.restored_cluster(a)
    drill_ns = names.namespace(a, drill)
    plan = backup_plan.plan(a, prod=True)
    target = f"`{a.backup.endpoint or backup_plan.PLACEHOLDER_ENDPOINT}`"
    if t.decision.choices.get("backup_target") == "same-cluster":
        target = f"the cluster's own MinIO `{names.minio(a)}` (risk accepted in the answers)"
    steps = _steps(t, prefix, prod)
    if prefix is None:
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
    objects, objects_drill = _objects_lines(t, prod, drill_ns, drill)
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
`{cluster}-base-backup`, `{plan.schedule}`) through the `ObjectStore` `{names.backup_store(a)}` to {target}
(bucket `{names.backup_bucket(a, prod)}`); production keeps {plan.retention_days} days, under object lock. The
README's "Backups" section says how each number follows from the answers. Commands below are for `{ns}`; use
the namespace of the environment you restore.

CloudNativePG never restores over a running cluster: the restore creates `{restored}` beside `{cluster}` from its
backups, the app moves to it, and then the manifests stop declaring `{cluster}`. The `{app}-deploy` Role of the
environment's deployers allows every `kubectl` command below except applying an overlay or upgrading the release
and deleting `{cluster}` (platform admins, or Fleet from git).

## 1. Freeze writes
Scale the app to zero so nothing writes while you restore:

    kubectl -n {ns} scale deployment/{app} --replicas=0

## 2. Pick the backup or the point in time
List the base backups, and see the first point of recoverability and the last archived WAL:

    kubectl -n {ns} get backups.postgresql.cnpg.io
    kubectl cnpg status {cluster} -n {ns}

For a point in time, note the UTC time just before the incident (e.g. `2025-01-31T09:59:00Z`). If `{cluster}`
still runs, take a last backup first: `kubectl cnpg backup {cluster} -n {ns} {PLUGIN_BACKUP}`.

## 3. Restore beside the live cluster
{steps["restore"]}

`{restored}` is bootstrapped from the backups of `{cluster}` (server name `{cluster}` in the ObjectStore), keeps the
password of the owner `app` from Secret `{names.db_secret(a)}` (`bootstrap.recovery.secret`), archives WAL and base
backups under its own name `{restored}` (the plugin refuses to write into a folder that already holds WAL) and
takes a base backup at once (`ScheduledBackup` `{restored}-base-backup`). Its NetworkPolicy lets the app, the
operator and Prometheus reach it; the namespace's quota has room for it. Wait until it is ready:

    kubectl -n {ns} wait cluster/{restored} --for=condition=Ready --timeout=60m

## 4. Check the vector extension and the data

    kubectl cnpg psql {restored} -n {ns} -- app -tAc "SELECT extversion FROM pg_extension WHERE extname = 'vector'"

must print a version; count rows in the tables you care most about and compare with what you expect.

## 5. Repoint the app
The app reads `DATABASE_URI` from key `uri` of Secret `{names.db_secret(a)}`. Change only its host, from
`{names.db_service(a)}` to `{restored}-rw`, where the secret comes from (the secret store, a re-sealed SealedSecret or
the SOPS file); `username` and `password` stay as they are, since `{restored}` kept them.

## 6. Restore objects
{objects}

## 7. Smoke test
`kubectl -n {ns} scale deployment/{app} --replicas={names.replicas(prod)}`, then check `/readyz`, one read and
one write through the app, and one vector search.

## 8. Retire the original cluster
When `{restored}` has served for a while and `kubectl cnpg status {restored} -n {ns}` shows `Working WAL archiving:
OK` and a first point of recoverability, stop declaring `{cluster}`. {steps["retire"]}

From then on the manifests declare `{restored}`, bootstrapped from backups, and nothing recreates an empty
`{cluster}` with initdb. The backups of `{cluster}` stay in the bucket until their lock and the bucket's lifecycle
expire them. A later restore starts from the backups of `{restored}`: {steps["again"]}

## 9. Unfreeze
Re-enable writers and jobs, announce the end of the incident, write down the data-loss window you observed.

## Rehearse it in staging
{drill_where} restores the latest backup of `{drill_ns}` itself into a throw-away
cluster `{names.drill_cluster(a)}`, and a Job times the restore against the RTO ({a.data.rto_minutes} min) and checks
that the `vector` extension and the user tables came back:

{drill_on}
    kubectl -n {drill_ns} wait job/{app}-restore-drill-check --for=condition=complete --timeout={drill_wait}m
    kubectl -n {drill_ns} logs job/{app}-restore-drill-check --tail=1
{drill_off}

The last line reads `Restore drill DATE in {drill_ns}: restored the latest backup of {drill_ns} in M min S s
against an RTO of {a.data.rto_minutes} min: PASS; vector ..., N user tables; live WAL archiving at the start ok, last
segment archived M min before (RPO {a.data.rpo_minutes} min)`. Paste it under the backup item of the ADR's
Confirmation (and into the audit evidence). The Job fails (exit 3) when the restore took longer than the RTO: then
the RTO or the base-backup interval must change, not the drill. The WAL part is what the drill can measure of the
RPO: whether the live database's archiving works and how old its last archived segment was when the restore began
(while the database writes, `archive_timeout` {plan.archive_timeout} bounds it; a quiet database shows an older
segment and loses nothing). It does not judge it.
{objects_drill}
The drill restores staging's own backups, never production's: {why_own}

Rehearse at least every {a.backup.drill_interval_days} days (`backup.drill_interval_days`: the alert
RestoreDrillOverdue fires when none succeeded) and after each Postgres upgrade.
"""
    return text.encode()
