"""The skeleton's README.md: what was generated, why, what to fill in, how to apply, roll back, and what it needs.

Written so that the README alone is enough to deploy: every placeholder the files contain is listed here, and
every deliberate deviation from a linter is named with the reason (the same reason sits on the object).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.decision import Decision
from advisor.skeleton import layout, names, secrets
from advisor.skeleton.model import Target
from advisor.skeleton.workload import CHECKOV_SKIPS

if TYPE_CHECKING:
    from advisor.skeleton import SkeletonContext

SECRETS_HOWTO = {
    "external-secrets": (
        "External Secrets Operator syncs them from the store in `SecretStore` `{store}` (file `secretstore.yaml` per "
        "overlay). Fill in the provider fields marked REPLACE-ME and create the remote secrets "
        "`{app}/<env>/<secret>` for each Secret above (e.g. `{app}/dev/db`, `{app}/dev/s3`), with its keys as "
        "properties."
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
        "listed in `overlays/<env>/secrets/ksops.yaml` as Secrets, then encrypt them in place "
        "(`sops --encrypt --in-place overlays/dev/secrets/db.enc.yaml`) before committing. Apply them with "
        "`kustomize build --enable-alpha-plugins --enable-exec overlays/dev/secrets | kubectl apply -f -` "
        "(KSOPS must be on the PATH)."
    ),
}


def _tree(paths: list[str]) -> str:
    return "\n".join(f"- `{path}`" for path in sorted(paths))


def render(decision: Decision, context: SkeletonContext, paths: list[str]) -> bytes:
    a, c = decision.answers, decision.choices
    app = names.app(a)
    header = f"<!-- {names.header(context.adr_id, context.adr_relpath).removeprefix('# ').strip()} -->\n"
    lines = [f"# Deployment skeleton for {app}", ""]
    lines += [
        f"Generated from [{context.adr_id}]({context.adr_relpath}), which records why: "
        + ", ".join(f"{key} = {value}" for key, value in sorted(c.items()))
        + ". Edit these files freely; `advisor check` reports drift, and `advisor decide` never overwrites an "
        "edited file (it writes `FILE.new` beside it unless `--force`).",
        "",
        "## Files",
        "",
        _tree([*paths, layout.README]),
        "",
    ]
    if c.get("runtime") == "docker-compose":
        lines += _compose(app)
    else:
        lines += _kubernetes(decision, app)
    return (header + "\n".join(lines) + "\n").encode()


def _compose(app: str) -> list[str]:
    return [
        "## Run it",
        "",
        "    cp .env.example .env   # fill in the REPLACE-ME values; never commit .env",
        "    docker compose up -d",
        "",
        "## Moving to Kubernetes at Phase 4",
        "",
        "Run `advisor decide` again with `phase: 4` or later. The app keeps reading the same variables",
        "(`DATABASE_URI`, `DATABASE_USERNAME`, `DATABASE_PASSWORD`, `S3_*`, `LOG_*`, `OTEL_*`): on Kubernetes",
        f"they come from the ConfigMap `{app}-config` and the Secrets `{app}-db` and `{app}-s3`. Dump the database",
        "with `pg_dump -Fc` and restore it into the new Postgres; copy objects with `mc mirror`.",
    ]


def _kubernetes(decision: Decision, app: str) -> list[str]:
    a, c = decision.answers, decision.choices
    manifests = c.get("manifests", "kustomize")
    k = layout.kustomize_dir(manifests) or ""
    envs = list(a.environments)
    out = [
        "## What the app must do",
        "",
        f"Listen on {names.HTTP_PORT} (`/livez`, `/readyz`) and serve metrics on {names.METRICS_PORT}; run as UID "
        f"{names.RUN_AS} with a read-only root filesystem (write to `/tmp` only); log JSON to stdout.",
        "",
        "## What to fill in",
        "",
    ]
    out.append(
        f"- Image: `{names.image_ref(a)}` — set `images[].newTag` in each `{k}overlays/<env>/kustomization.yaml`."
    )
    out.append(
        f"- Domain: `{a.domain}` (prod) and `<env>.{a.domain}`; "
        f"TLS via cert-manager ClusterIssuer `{a.delivery.tls_issuer}`."
    )
    out.append(
        f"- Groups: `{app}-<env>-viewers` (read-only) and `{app}-<env>-deployers` (deploy) in your identity provider."
    )
    secret = c.get("secrets", "external-secrets")
    template = SECRETS_HOWTO.get(secret, SECRETS_HOWTO["external-secrets"])
    out.append("- Credentials: the app and the stateful parts read these Secrets (names and keys are fixed):")
    needed = secrets.secrets(Target(decision, "", ""))
    out += [f"  - `{name}`: {', '.join(f'`{key}`' for key in keys)}" for name, keys in needed]
    if c.get("postgres") == "in-cluster":
        out.append(
            f"  - `{app}-db` is of type `kubernetes.io/basic-auth`: CloudNativePG creates the app owner from it."
        )
    out.append("- Delivering them: " + template.format(app=app, store=names.secret_store(a)))
    if c.get("rancher") == "adopt":
        out.append(
            f"- Rancher: replace `{names.RANCHER_PROJECT_PLACEHOLDER}` in "
            f"`{k}components/rancher/project-annotation.yaml` "
            "with `<cluster-id>:<project-id>` (Rancher UI, project details), and the ids and group principals in "
            f"`{layout.RANCHER_DIR}management.yaml` (apply that to the management cluster, not the app cluster)."
        )
    if c.get("postgres") == "in-cluster":
        out.append(
            "- Backups: the `ObjectStore` endpoint and the `backup-s3` credentials. `recovery/cluster.yaml` and the "
            "`restore-drill/` overlay restore from them; RUNBOOK.md says how, and how to rehearse it in staging."
        )
    else:
        out.append(f"- Managed Postgres: the `uri` in Secret `{app}-db` points at it (with pgvector enabled there).")
    out += ["", "## Apply", ""]
    for env in envs:
        out.append(f"    kubectl apply -k {k}overlays/{env}")
    if layout.helm_dir(manifests):
        out += [
            "",
            f"or with Helm: `helm upgrade --install {app} ./helm -n {app}-<env> -f helm/values-<env>.yaml "
            "--rollback-on-failure --history-max 10` (Helm 3: `--atomic`).",
        ]
    out += [
        "",
        "## Roll back",
        "",
        "Each overlay pins its image tag (`images[].newTag`): roll back by reverting the commit that changed it and",
        f"applying the overlay again, or at once with `kubectl -n {app}-<env> rollout undo deployment/{app}`.",
        "",
        "## The cluster needs",
        "",
        "- an ingress controller with class `nginx` in namespace `ingress-nginx`, and cert-manager",
        "- a CNI that enforces NetworkPolicy (default deny is on)",
    ]
    if c.get("postgres") == "in-cluster":
        out.append("- CloudNativePG and its barman-cloud plugin (`barman-cloud.cloudnative-pg.io`)")
    out.append(
        {"sealed-secrets": "- Sealed Secrets controller", "sops": "- KSOPS on the machine that builds"}.get(
            secret, "- External Secrets Operator (v1 API)"
        )
    )
    out += [
        "- optional: the Prometheus Operator, then add `../../components/servicemonitor` to an overlay's components",
        "",
        "## Observability",
        "",
        "Metrics on port `metrics` (9090) of the Service; logs are JSON on stdout for the cluster's log collector;",
        "tracing is off (`OTEL_SDK_DISABLED=true`): set `OTEL_EXPORTER_OTLP_ENDPOINT` and flip it",
        "when a collector exists.",
        "",
        "## Where the linters disagree (chosen deliberately)",
        "",
    ]
    out += [
        f"- `{value.split('=', 1)[0]}`: {value.split('=', 1)[1]} (annotation `{key}` on the Deployment)."
        for key, value in CHECKOV_SKIPS.items()
    ]
    out.append("- Ephemeral-storage requests and limits are set on every container, as kube-score asks.")
    return out
