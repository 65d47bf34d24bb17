"""The README's "Cloud identity" section: each environment's identities, their least-privilege policies, and the
commands an administrator runs once per environment to create them (AWS, Google Cloud, Azure, Vault).

Everything is read from `identity` (the same data the ServiceAccounts are built from), so the README cannot name
a role the manifests do not use. Values the answers do not hold are REPLACE-ME, or a shell variable that the
first command of the block sets (the cluster's OIDC issuer, the project number).
"""

from __future__ import annotations

import json

from advisor.decision import Decision
from advisor.skeleton import identity, names, secrets
from advisor.skeleton.identity import CloudIdentity
from advisor.skeleton.model import Target

_P = identity.PLACEHOLDER


def _json(document: dict) -> str:
    return json.dumps(document, separators=(",", ":"))


def _table(rows: list[CloudIdentity], env_of: dict[str, str]) -> list[str]:
    out = ["| Environment | ServiceAccount | Cloud identity | May | On |", "| --- | --- | --- | --- | --- |"]
    for i in rows:
        grant = i.grants[0]
        on = ", ".join(f"`{r}`" for r in grant.resources) + (f" where `{grant.condition}`" if grant.condition else "")
        may = ", ".join(f"`{a}`" for a in grant.actions)
        out.append(f"| {env_of[i.namespace]} | `{i.service_account}` | `{i.principal}` | {may} | {on} |")
    return out


def _aws(rows: list[CloudIdentity], t: Target) -> list[str]:
    hosting = t.answers.hosting
    cluster, region = hosting.cluster or _P, hosting.region or _P
    out = [
        f"    OIDC=$(aws eks describe-cluster --name {cluster} --region {region} "
        "--query cluster.identity.oidc.issuer --output text | sed 's|^https://||')",
    ]
    for i in rows:
        pod_identity = not i.annotations and i.role != identity.READER
        if pod_identity:  # EKS Pod Identity: the agent assumes the role for this namespace and account only
            condition = {
                "StringEquals": {
                    "aws:RequestTag/kubernetes-namespace": i.namespace,
                    "aws:RequestTag/kubernetes-service-account": i.service_account,
                }
            }
            principal = {"Service": "pods.eks.amazonaws.com"}
            action: object = ["sts:AssumeRole", "sts:TagSession"]
        else:
            condition = {"StringEquals": {"OIDC_PROVIDER:sub": i.subject, "OIDC_PROVIDER:aud": "sts.amazonaws.com"}}
            principal = {"Federated": f"arn:aws:iam::{hosting.account or _P}:oidc-provider/OIDC_PROVIDER"}
            action = "sts:AssumeRoleWithWebIdentity"
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal,
                                                           "Action": action, "Condition": condition}]}  # fmt: skip
        grant = i.grants[0]
        policy = {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": list(grant.actions), "Resource": list(grant.resources)}],
        }
        out += [
            f"    aws iam create-role --role-name {i.cloud_name} --assume-role-policy-document "
            f'"$(echo \'{_json(trust)}\' | sed "s|OIDC_PROVIDER|$OIDC|g")"',
            f"    aws iam put-role-policy --role-name {i.cloud_name} --policy-name {i.cloud_name} "
            f"--policy-document '{_json(policy)}'",
        ]
        if pod_identity:
            out.append(
                f"    aws eks create-pod-identity-association --cluster-name {cluster} --namespace {i.namespace} "
                f"--service-account {i.service_account} --role-arn {i.principal}"
            )
    return out


def _gcp(rows: list[CloudIdentity], t: Target) -> list[str]:
    project = t.answers.hosting.account or _P
    out = [f"    PROJECT_NUMBER=$(gcloud projects describe {project} --format='value(projectNumber)')"]
    for i in rows:
        grant = i.grants[0]
        member = f"serviceAccount:{project}.svc.id.goog[{i.namespace}/{i.service_account}]"
        out += [
            f"    gcloud iam service-accounts create {i.cloud_name} --project {project}",
            f"    gcloud iam service-accounts add-iam-policy-binding {i.principal} --project {project} "
            f'--role roles/iam.workloadIdentityUser --member "{member}"',
        ]
        if i.role == identity.READER:
            condition = grant.condition.replace('"', '\\"').replace("PROJECT_NUMBER", "$PROJECT_NUMBER")
            out += [
                "    # External Secrets' documentation asks the Google service account to mint its own tokens",
                f"    gcloud iam service-accounts add-iam-policy-binding {i.principal} --project {project} "
                f"--role roles/iam.serviceAccountTokenCreator --member serviceAccount:{i.principal}",
                f"    gcloud projects add-iam-policy-binding {project} --member serviceAccount:{i.principal} "
                f'--role {grant.actions[0]} --condition "expression={condition},title={i.cloud_name}"',
            ]
        else:
            bucket = grant.resources[0].rsplit("/", 1)[-1]
            out.append(
                f"    gcloud storage buckets add-iam-policy-binding gs://{bucket} "
                f"--member serviceAccount:{i.principal} --role {grant.actions[0]}"
            )
    return out


def _azure(rows: list[CloudIdentity], t: Target) -> list[str]:
    cluster = t.answers.hosting.cluster or _P
    group = f"{_P}-resource-group"
    out = [f"    ISSUER=$(az aks show -g {group} -n {cluster} --query oidcIssuerProfile.issuerUrl -o tsv)"]
    vaults = sorted({i.grants[0].resources[0].rsplit("/", 1)[-1] for i in rows if i.role == identity.READER})
    out += [f"    az keyvault create -g {group} -n {vault} --enable-rbac-authorization true" for vault in vaults]
    for i in rows:
        grant = i.grants[0]
        out += [
            f"    az identity create -g {group} -n {i.cloud_name}",
            f"    az identity federated-credential create -g {group} --identity-name {i.cloud_name} "
            f'-n {i.cloud_name} --issuer "$ISSUER" --subject {i.subject} --audiences api://AzureADTokenExchange',
            f'    az role assignment create --assignee-object-id "$(az identity show -g {group} -n {i.cloud_name} '
            f'--query principalId -o tsv)" --assignee-principal-type ServicePrincipal '
            f'--role "{grant.actions[0]}" --scope {grant.resources[0]}',
            f"    az identity show -g {group} -n {i.cloud_name} --query clientId -o tsv   # -> "
            f"`{identity.AZURE_CLIENT_ID}` of `{i.service_account}` in `{i.namespace}`",
        ]
    return out


def _vault(decision: Decision) -> list[str]:
    out = ["    vault auth enable kubernetes   # once; then `vault write auth/kubernetes/config` for this cluster"]
    for env in decision.answers.environments:
        t = Target(decision, "", env)
        path = secrets.remote_key(t, "*")
        out += [
            f"    vault policy write {t.namespace} - <<'EOF'",
            f'    path "secret/data/{path}" {{ capabilities = ["read"] }}',
            "    EOF",
            f"    vault write auth/kubernetes/role/{t.namespace} "
            f"bound_service_account_names={identity.reader_account(t)} bound_service_account_namespaces={t.namespace} "
            f"policies={t.namespace} ttl=1h",
        ]
    return out


def identity_section(decision: Decision, kustomize: str | None = "", helm: bool = False) -> list[str]:
    answers = decision.answers
    app = names.app(answers)
    if decision.choices.get("secrets") == "external-secrets" and decision.choices.get("secret_store") == "vault":
        return [
            "## Secret reader identity (Vault)",
            "",
            f"External Secrets authenticates as `{app}-secret-reader` (never the app's ServiceAccount `{app}`) "
            "through Vault's Kubernetes auth; each environment's role reads that environment's path only:",
            "",
            *_vault(decision),
            "",
        ]
    targets = [Target(decision, "", env) for env in answers.environments]
    rows = [i for t in targets for i in identity.identities(t)]
    if not rows:
        return []
    provider = identity.cloud(targets[0])
    env_of = {t.namespace or "": t.env or "" for t in targets}
    blocks = {"aws": _aws, "gcp": _gcp, "azure": _azure}
    commands = blocks[provider or "aws"](rows, targets[0])
    missing = [f"`hosting.{key}`" for key in ("region", "account", "cluster") if getattr(answers.hosting, key) is None]
    if provider == "azure" and answers.hosting.azure_tenant_id is None:
        missing.append("`hosting.azure_tenant_id`")
    out = [
        "## Cloud identity",
        "",
        f"Each environment has its own ServiceAccounts, each bound to a cloud identity that reaches that environment "
        f"only: `{app}` is the app's; `{app}-secret-reader` is the one External Secrets authenticates as (the app's "
        "pods never hold the role that reads the secret store).",
        "",
        *_table(rows, env_of),
        "",
        "An administrator creates them once per environment, before the first deploy"
        + (f" (answer {', '.join(missing)} to fill in the REPLACE-ME values, or edit them):" if missing else ":"),
        "",
        *commands,
        "",
    ]
    if provider == "azure":
        where = [f"`{kustomize}overlays/<env>/serviceaccount.yaml`"] if kustomize is not None else []
        where += (
            ["`helm/values-<env>.yaml` under `serviceAccount`, `secrets.externalSecrets.serviceAccount` or "
             "`objectStorage.gateway.serviceAccount`"] if helm else []
        )  # fmt: skip
        out += [f"Put each client id in the ServiceAccount annotation the comment names: {' and '.join(where)}.", ""]
    return out
