"""The ADR's Confirmation: SPEC-0006 section 5 as checkboxes, and backup/restore steps for state.

Section 5 says what "done" means (probes, secrets not in plain text, rollback, backup/restore
tested in staging). Each item is phrased for the chosen options, so the checklist can be ticked
by someone reading the deployed system, not the ADR.
"""

from __future__ import annotations

from advisor import backup_plan
from advisor.adr.wording import label
from advisor.decision import Decision

_SECRETS = {
    "external-secrets": "only `ExternalSecret` objects are committed; the values live in {store}",
    "sealed-secrets": "only `SealedSecret` objects are committed; no `kind: Secret` with data is in git",
    "sops": "only SOPS-encrypted files are committed, and `.sops.yaml` decides what is encrypted",
}
_ROLLBACK = {
    "kustomize": "reverting the pinned image tag in an overlay and applying it restores the previous release",
    "helm": "`helm rollback` (and `--rollback-on-failure` on upgrade) restores the previous release",
    "both": "reverting the overlay's pinned image tag, or `helm rollback`, restores the previous release",
    "compose": "redeploying the previous image tag with `docker compose up -d` restores the previous release",
}


def checklist(decision: Decision) -> list[str]:
    choices = decision.choices
    a = decision.answers
    kubernetes = choices.get("runtime") == "kubernetes"
    envs = ", ".join(a.environments)
    items = [
        f"The service deploys with readiness and liveness probes in {envs} (SPEC-0006 5)"
        if kubernetes
        else "The service starts with container healthchecks, and dependants wait for them (SPEC-0006 5)",
    ]
    secrets = _SECRETS.get(choices.get("secrets", ""), "no secret is committed in plain text")
    store = label("secret_store", choices.get("secret_store", "none"))
    items.append("Secrets are not stored in plain text: " + secrets.format(store=store) + (" (SPEC-0006 5)"))
    rollback = _ROLLBACK.get(choices.get("manifests", ""), "deploying the previous version restores it")
    items.append(f"Rollback works: {rollback}, and this was tried once in staging (SPEC-0006 5)")
    evidence = (
        ": paste the last line of the restore drill (`Restore drill ... PASS`) here"
        if kubernetes and choices.get("postgres") == "in-cluster"
        else ""
    )
    items.append(
        f"The backup/restore plan exists and a restore was tested in staging within RTO {a.data.rto_minutes} min "
        f"and RPO {a.data.rpo_minutes} min (SPEC-0006 5){evidence}"
    )
    if choices.get("rancher") == "adopt":
        items.append("Each environment namespace belongs to a Rancher project with read-only and deploy roles")
    items += decision.obligations
    return items


def backup_numbers(decision: Decision) -> list[str]:
    return backup_plan.outcome_lines(decision)


def backup_steps(decision: Decision) -> list[tuple[str, list[str]]]:
    """(heading, steps) for each piece of state the team runs itself; managed state gets a short note."""
    choices = decision.choices
    a = decision.answers
    if choices.get("runtime") != "kubernetes":
        return [
            (
                "Backup and restore with Docker Compose",
                [
                    "Postgres and MinIO keep their data in named volumes; a nightly `pg_dump` and `mc mirror` copy "
                    "them off the host.",
                    "To test, restore both into a scratch Compose project and run the smoke tests against it.",
                ],
            )
        ]
    out: list[tuple[str, list[str]]] = []
    if choices.get("postgres") == "in-cluster":
        out.append(
            (
                "Backup and restore of the in-cluster Postgres",
                [
                    "CloudNativePG archives WAL continuously and takes base backups through the barman-cloud plugin "
                    f"(`ObjectStore` with a retention policy, a `ScheduledBackup` every "
                    f"{backup_plan.base_backup_hours(a.data.rto_minutes)} h), which meets RPO "
                    f"{a.data.rpo_minutes} min.",
                    "To restore: freeze writes; pick the backup or the target time; create a new `Cluster` with "
                    "`bootstrap.recovery` from the `ObjectStore`; check that the `vector` extension is present; "
                    "point the app's database Secret at the new `-rw` Service; smoke test; re-enable scheduled "
                    "backups; unfreeze writes.",
                    "Rehearse the restore in staging every quarter and after each Postgres major upgrade, from "
                    "staging's own backups: the drill prints how long the restore took against the RTO of "
                    f"{a.data.rto_minutes} min in one line; paste it under the checklist item above.",
                ],
            )
        )
    elif choices.get("postgres") == "managed":
        out.append(
            (
                "Backup and restore of the managed Postgres",
                [
                    "Automated backups with point-in-time recovery are enabled on the instance.",
                    "Restore a point-in-time copy into staging once, and check that the `vector` extension and the "
                    "app work against it.",
                ],
            )
        )
    if choices.get("object_storage") == "in-cluster":
        out.append(
            (
                "Backup and restore of the in-cluster object storage",
                [
                    "MinIO keeps objects on PVCs; bucket lifecycle rules (`mc ilm rule add --expire-days N`) expire "
                    "what is no longer needed.",
                    "Mirror the buckets to a second site (`mc mirror`) or snapshot the PVCs, and restore them in "
                    "staging as part of the same drill as Postgres.",
                ],
            )
        )
    return out
