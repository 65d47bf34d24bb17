"""The Kubernetes sections of the skeleton README: fill-ins, apply, roll back, controllers, linter exceptions.

Each sentence names the files that exist in this skeleton: Kustomize overlays, the Helm chart, or both.
"""

from __future__ import annotations

from advisor.decision import Decision
from advisor.skeleton import layout, names, readme_backups, readme_observability, secrets
from advisor.skeleton.model import Target
from advisor.skeleton.readme_cluster import after_deploy, apply_lines, cluster_needs
from advisor.skeleton.readme_database import database_section
from advisor.skeleton.readme_identity import identity_section
from advisor.skeleton.readme_objects import object_section
from advisor.skeleton.readme_rotation import rotation_section
from advisor.skeleton.readme_traffic import way_in_section

KUSTOMIZE_SECRETS = {
    "external-secrets": (
        "External Secrets Operator syncs them from the store in `SecretStore` `{store}` (`secretstore.yaml` in each "
        "overlay). Fill in the provider fields marked REPLACE-ME and create the remote secrets "
        "`{app}{sep}<env>{sep}<secret>` for each Secret above (e.g. `{app}{sep}dev{sep}db`, `{app}{sep}dev{sep}s3`), "
        "with its keys as properties."
    ),
    "sealed-secrets": (
        "each overlay's `sealedsecret.yaml` holds placeholders. Seal real values per namespace (strict scope) with "
        "the cluster's public key, one Secret at a time, and copy the `encryptedData` it prints over the REPLACE-ME "
        "values of the matching document (never commit the unsealed Secret):\n\n"
        "      kubectl create secret generic {app}-db -n {app}-dev --dry-run=client -o yaml \\\n"
        "        --from-literal=uri=... --from-literal=username=... --from-literal=password=... \\\n"
        "        | kubeseal --format yaml --scope strict"
    ),
    "sops": (
        "`.sops.yaml` has one rule per environment: put each environment's age public key there. Create the files "
        "listed in `{k}overlays/<env>/secrets/ksops.yaml` as Secret manifests, encrypt them in place "
        "(`sops --encrypt --in-place {k}overlays/dev/secrets/db.enc.yaml`) before committing, and apply them with "
        "`kustomize build --enable-alpha-plugins --enable-exec {k}overlays/dev/secrets | kubectl apply -f -` "
        "(KSOPS on the PATH)."
    ),
}
HELM_SECRETS = {
    "external-secrets": (
        "fill the REPLACE-ME fields of `secrets.externalSecrets.provider` in `helm/values-<env>.yaml` and put the "
        "values in the store under `{app}{sep}<env>{sep}<secret>` (one property per key)."
    ),
    "sealed-secrets": (
        "seal each value for its namespace and paste it over the placeholder under `secrets.sealed.<secret>.<key>` "
        "in `helm/values-<env>.yaml`: `echo -n VALUE | kubeseal --raw --scope strict --namespace {app}-<env> "
        "--name {app}-db`."
    ),
    "sops": (
        "apply the decrypted Secrets before the chart, straight from the encrypted files (never write plaintext to "
        "disk): `sops --decrypt {k}overlays/<env>/secrets/db.enc.yaml | kubectl apply -n {app}-<env> -f -`."
    ),
}


def kubernetes_sections(decision: Decision, paths: list[str]) -> list[str]:
    a, c = decision.answers, decision.choices
    app, envs = names.app(a), list(a.environments)
    kustomize = next(
        (p.removesuffix("base/kustomization.yaml") for p in paths if p.endswith("base/kustomization.yaml")), None
    )
    helm = any(p.startswith("helm/") for p in paths)
    k = kustomize or ""
    secret = c.get("secrets", "external-secrets")
    out = ["## What the app must do", ""]
    out.append(
        f"Listen on {names.HTTP_PORT} (`/livez`, `/readyz`) and serve metrics on {names.METRICS_PORT}; run as UID "
        f"{names.RUN_AS} with a read-only root filesystem (write to `/tmp` only); log JSON to stdout."
    )
    out += cluster_needs(decision, kustomize is not None)
    out += ["", "## What to fill in", ""]
    where = [f"`images[].newTag` in each `{k}overlays/<env>/kustomization.yaml`"] if kustomize is not None else []
    where += ["`image.tag` in `helm/values.yaml`"] if helm else []
    out.append(f"- Image: `{names.image_ref(a)}` — set " + " and ".join(where) + ".")
    out.append(
        f"- Domain: `{a.domain}` (prod) and `<env>.{a.domain}`; TLS from ClusterIssuer `{a.delivery.tls_issuer}`."
    )
    out.append(
        f"- Groups: `{app}-<env>-viewers` (read-only) and `{app}-<env>-deployers` (deploy) in your identity provider."
    )
    out.append("- Credentials: the app and the stateful parts read these Secrets (names and keys are fixed):")
    out += [
        f"  - `{name}`: {', '.join(f'`{key}`' for key in keys)}" for name, keys in secrets.secrets(Target(decision, ""))
    ]
    if c.get("postgres") == "in-cluster":
        out.append(
            f"  - `{app}-db` is of type `kubernetes.io/basic-auth` with `username: app`: CloudNativePG creates the "
            "database owner `app` with its password, and a restore keeps that password (RUNBOOK.md)."
        )
    sep = secrets.remote_key(Target(decision, ""), "")[len(app)]  # "/" or "-", as the store allows
    if kustomize is not None:
        howto = KUSTOMIZE_SECRETS.get(secret, KUSTOMIZE_SECRETS["external-secrets"])
        out.append("- Delivering them (Kustomize): " + howto.format(app=app, store=names.secret_store(a), k=k, sep=sep))
    if secret == "external-secrets":
        out.append(
            f"- Identity: the SecretStore authenticates as ServiceAccount `{app}-secret-reader`, never as the app's "
            f"`{app}`; create the identities below (Cloud identity) before the first deploy."
        )
    if helm:
        howto = HELM_SECRETS.get(secret, HELM_SECRETS["external-secrets"])
        out.append("- Delivering them (Helm): " + howto.format(app=app, k=k, sep=sep))
    if c.get("rancher") == "adopt":
        where = [f"`{k}clusters/*/*/project.yaml`"] if kustomize is not None else ["`helm/fleet/<env>.yaml`"]
        out.append(
            f"- Rancher: the cluster ids `c-replace-me-<n>` in `{layout.RANCHER_DIR}management.yaml` and "
            f"{' and '.join(where)}, the group principals, and the GitRepo's `repo` in "
            f"`{layout.RANCHER_DIR}gitrepo.yaml` (see Rancher and Fleet, step by step)."
        )
    if c.get("postgres") == "in-cluster":
        out.append(
            "- Backups: the `ObjectStore` endpoint and the `backup-s3` credentials. A restore "
            + (f"(`{k}components/postgres-recovery`" if kustomize is not None else "(`postgres.recovery.enabled`")
            + ") and the restore drill restore from them; RUNBOOK.md says how, and how to rehearse it in staging."
        )
    else:
        out.append(f"- Managed Postgres: the `uri` in Secret `{app}-db` points at it (with pgvector enabled there).")
    out += ["", *identity_section(decision, kustomize, helm), *object_section(decision)]
    out += database_section(decision, kustomize, helm)
    out += way_in_section(decision)
    out += rotation_section(decision)
    out += ["## Apply", ""]
    out += apply_lines(app, envs, k, kustomize is not None, helm, rancher=c.get("rancher") == "adopt")
    out += ["", "## Roll back", ""]
    if kustomize is not None:
        out.append(
            "Each overlay pins its image tag (`images[].newTag`): roll back by reverting the commit that changed"
        )
        out.append(
            f"it and applying the overlay again, or at once: `kubectl -n {app}-<env> rollout undo deployment/{app}`."
        )
    if helm:
        out.append(
            f"With Helm: `helm rollback {app} -n {app}-<env>` (to the previous revision; `helm history` lists them)."
        )
    out += after_deploy(decision)
    return out + readme_backups.section(decision) + readme_observability.sections(decision)
