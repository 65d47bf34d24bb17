"""Identity per environment, done the way each provider documents it (AWS IRSA / EKS Pod Identity, GKE Workload
Identity, Azure Workload Identity), for Scenario A (Kustomize) and Scenario C (Helm) on every cloud.

The app and External Secrets use separate ServiceAccounts, each bound to a cloud identity scoped to its own
environment; every SecretStore field matches the provider's shape and the pinned External Secrets schema; no
environment's identity can read another's secrets.
"""

from __future__ import annotations

import fnmatch
import re
from itertools import permutations

import pytest

from advisor.skeleton import identity, secrets
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects
from tests.skeleton.cloud_variants import ACCOUNTS, REGIONS, TENANT, cases, decision_for
from tests.skeleton.crd_validation import custom_resource_problems
from tests.skeleton.helm_support import write_chart

ROLE_ARN = re.compile(r"^arn:aws:iam::[0-9]{12}:role/[\w+=,.@-]{1,64}$")
GSA = re.compile(r"^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _objects(scenario: str, provider: str, env: str, tmp_path=None) -> list[dict]:
    decision = decision_for(scenario, provider)
    if scenario == "c":  # Scenario C is a Helm chart: check what Helm renders
        return write_chart(decision, tmp_path).objects(env, hooks=False)
    return env_objects(decision, "ADR-0007", env)


def _one(objects: list[dict], kind: str, name: str | None = None) -> dict:
    found = [o for o in objects if o["kind"] == kind and (name is None or o["metadata"]["name"] == name)]
    assert len(found) == 1, (kind, name, [o["metadata"]["name"] for o in found])
    return found[0]


def _cloud_annotations(account: dict) -> dict[str, str]:
    """The identity annotations (the chart also names its ADR on every object)."""
    return {k: v for k, v in account["metadata"].get("annotations", {}).items() if not k.startswith("advisor.dev/")}


def _provider_block(store: dict) -> tuple[str, dict]:
    ((kind, block),) = store["spec"]["provider"].items()
    return kind, block


def _reader_ref(kind: str, block: dict) -> str:
    paths = {
        "aws": ("auth", "jwt", "serviceAccountRef"),
        "gcpsm": ("auth", "workloadIdentity", "serviceAccountRef"),
        "azurekv": ("serviceAccountRef",),
    }
    node = block
    for part in paths[kind]:
        node = node[part]
    return node["name"]


@pytest.mark.parametrize(("scenario", "provider"), cases())
def test_separate_service_accounts_each_with_its_environments_identity(scenario, provider, tmp_path) -> None:
    app = "atlas" if scenario == "a" else "orbit"
    principals = {}
    for env in ("dev", "staging", "prod"):
        objects = _objects(scenario, provider, env, tmp_path / env)
        namespace = f"{app}-{env}"
        deployment = _one(objects, "Deployment", app)
        pod = deployment["spec"]["template"]["spec"]
        assert pod["serviceAccountName"] == app
        app_sa = _one(objects, "ServiceAccount", app)
        reader_sa = _one(objects, "ServiceAccount", f"{app}-secret-reader")
        store = _one(objects, "SecretStore")
        kind, block = _provider_block(store)
        assert _reader_ref(kind, block) == f"{app}-secret-reader" != pod["serviceAccountName"]
        assert custom_resource_problems(store) == []
        for account in (app_sa, reader_sa):
            assert account["metadata"]["namespace"] == namespace and account["automountServiceAccountToken"] is False
        reader, mine = _cloud_annotations(reader_sa), _cloud_annotations(app_sa)
        if provider == "aws":
            assert ROLE_ARN.match(reader[identity.AWS_ROLE_ARN]) and reader[identity.AWS_ROLE_ARN].endswith(
                f":role/{app}-{env}-secret-reader"
            )
            assert mine[identity.AWS_ROLE_ARN].endswith(f":role/{app}-{env}-app")  # S3 through the pod's role
            assert block == {
                "service": "SecretsManager",
                "region": REGIONS["aws"],
                "auth": {"jwt": {"serviceAccountRef": {"name": f"{app}-secret-reader"}}},
            }
        elif provider == "gcp":
            assert GSA.match(reader[identity.GKE_GSA]) and reader[identity.GKE_GSA].endswith(
                f"@{ACCOUNTS['gcp']}.iam.gserviceaccount.com"
            )
            assert mine == {}  # an S3-only app reaches Cloud Storage with HMAC keys: no identity to annotate
            workload = block["auth"]["workloadIdentity"]
            assert block["projectID"] == workload["clusterProjectID"] == ACCOUNTS["gcp"]
            assert (workload["clusterLocation"], workload["clusterName"]) == (REGIONS["gcp"], "main")
        else:
            assert reader[identity.AZURE_TENANT_ID] == TENANT and identity.AZURE_CLIENT_ID in reader
            assert block["tenantId"] == TENANT and block["authType"] == "WorkloadIdentity"
            assert re.match(r"^https://[a-z0-9-]{3,24}\.vault\.azure\.net$", block["vaultUrl"])
            gateway = _cloud_annotations(_one(objects, "ServiceAccount", f"{app}-s3-gateway"))
            assert gateway[identity.AZURE_TENANT_ID] == TENANT
        principals[env] = (tuple(sorted(mine.values())), tuple(sorted(reader.values())))
    # the same role in every environment was the defect: each environment's identities are its own
    assert len({p[1] for p in principals.values()}) == 3


@pytest.mark.parametrize("provider", ["aws", "gcp", "azure"])
def test_no_environment_can_read_anothers_secrets(provider: str) -> None:
    decision = decision_for("a", provider)
    envs = list(decision.answers.environments)
    readers = {env: identity.secret_reader(Target(decision, "", env)) for env in envs}
    keys = {
        env: [
            item["remoteRef"]["key"]
            for o in secrets.external_secrets(Target(decision, "", env))
            if o["kind"] == "ExternalSecret"
            for item in o["spec"]["data"]
        ]
        for env in envs
    }
    for mine, other in permutations(envs, 2):
        reader = readers[mine]
        assert reader is not None and reader.subject == f"system:serviceaccount:atlas-{mine}:atlas-secret-reader"
        grant = reader.grants[0]
        for key in keys[other]:
            assert not _reaches(provider, decision, grant, key), (mine, other, key)
        for key in keys[mine]:
            assert _reaches(provider, decision, grant, key), (mine, key)
    app_grants = [identity.app(Target(decision, "", env)) for env in envs]
    for found in filter(None, app_grants):  # the app's identity reads no secrets at all
        assert not any("secret" in action.lower() for action in found.grants[0].actions)


def _reaches(provider: str, decision, grant: identity.Grant, key: str) -> bool:
    """Whether `grant` lets its holder read the remote secret `key`, as the provider evaluates it."""
    if provider == "aws":
        arn = f"arn:aws:secretsmanager:{REGIONS['aws']}:{ACCOUNTS['aws']}:secret:{key}-AbCdEf"
        return any(fnmatch.fnmatchcase(arn, pattern) for pattern in grant.resources)
    if provider == "gcp":
        prefix = re.search(r'startsWith\("([^"]+)"\)', grant.condition).group(1)
        return f"projects/PROJECT_NUMBER/secrets/{key}".startswith(prefix)
    # Azure: a role on one environment's vault; the key lives in the vault its environment's store names
    env = key.split("-")[1]
    return grant.resources[0].endswith(f"/vaults/{identity.key_vault(Target(decision, '', env))}")


def test_azure_names_its_tenant_everywhere_ess_reads_it() -> None:
    """Defect: the azurekv store had no tenantId and the README asked only for the client id."""
    decision = decision_for("a", "azure", answered=False)
    objects = env_objects(decision, "ADR-0007", "dev")
    store = _one(objects, "SecretStore")
    assert store["spec"]["provider"]["azurekv"]["tenantId"] == identity.PLACEHOLDER
    reader = _one(objects, "ServiceAccount", "atlas-secret-reader")["metadata"]["annotations"]
    assert set(reader) == {identity.AZURE_CLIENT_ID, identity.AZURE_TENANT_ID}
    from advisor.skeleton.readme_identity import identity_section

    text = "\n".join(identity_section(decision))
    assert (
        "az identity federated-credential create" in text
        and "system:serviceaccount:atlas-dev:atlas-secret-reader" in text
    )
    assert "`hosting.azure_tenant_id`" in text  # the README says which answer fills the tenant in


def test_cloud_names_fit_the_providers_limits() -> None:
    decision = decision_for("a", "gcp")
    long = decision.answers.model_copy(
        update={"project": decision.answers.project.model_copy(update={"name": "a" * 40})}
    )
    t = Target(decision.model_copy(update={"answers": long}), "", "staging")
    for provider, limit in identity.NAME_LIMITS.items():
        for role in (identity.READER, identity.APP, identity.GATEWAY):
            name = identity.cloud_name(t, role, provider)
            assert len(name) <= limit and name.endswith(role) and re.match(r"^[a-z][a-z0-9-]*[a-z0-9]$", name)
    assert identity.cloud_name(t, identity.READER, "gcp") != identity.cloud_name(
        t.with_env("prod"), "secret-reader", "gcp"
    )
    assert len(identity.key_vault(t)) <= 24


def test_eks_pod_identity_leaves_the_app_unannotated_but_never_the_reader() -> None:
    from advisor.pipeline import evaluate
    from tests.skeleton.cloud_variants import answers_for

    decision = evaluate(answers_for("a", "aws", hosting={"aws_identity": "pod-identity"}))[0]
    objects = env_objects(decision, "ADR-0007", "prod")
    assert _cloud_annotations(_one(objects, "ServiceAccount", "atlas")) == {}
    reader = _one(objects, "ServiceAccount", "atlas-secret-reader")["metadata"]["annotations"]
    assert ROLE_ARN.match(reader[identity.AWS_ROLE_ARN])  # ESO cannot impersonate a Pod Identity ServiceAccount
    from advisor.skeleton.readme_identity import identity_section

    text = "\n".join(identity_section(decision))
    assert "aws eks create-pod-identity-association --cluster-name main --namespace atlas-prod" in text
    assert '"Service":"pods.eks.amazonaws.com"' in text


def test_the_chart_takes_service_account_values_its_schema_accepts(tmp_path) -> None:
    """Defect: the chart had no value for ServiceAccount annotations and its schema rejected one."""
    import copy

    chart = write_chart(decision_for("c", "gcp"), tmp_path)
    values = copy.deepcopy(chart.values("dev"))
    values["serviceAccount"] = {
        "name": "",
        "annotations": {identity.GKE_GSA: "x-dev-app@p-1234.iam.gserviceaccount.com"},
    }
    from tests.skeleton.helm_support import lint_problems

    assert lint_problems(chart.lint("dev", values)) == []
    account = _one(chart.objects("dev", values), "ServiceAccount", "orbit")
    assert account["metadata"]["annotations"][identity.GKE_GSA] == "x-dev-app@p-1234.iam.gserviceaccount.com"
    bare = chart.objects("dev", {})  # the chart renders with its defaults alone
    assert {o["metadata"]["name"] for o in bare if o["kind"] == "ServiceAccount"} == {"orbit", "orbit-secret-reader"}
