"""The README's "Database TLS" section: the app verifies the server (verify-full) against which CA, and where the
team puts a managed database's bundle; and which networks the app may open Postgres connections to.
"""

from __future__ import annotations

from advisor.decision import Decision
from advisor.skeleton import dbtls, names
from advisor.skeleton.model import Target


def database_section(decision: Decision, kustomize: str | None, helm: bool) -> list[str]:
    answers = decision.answers
    t = Target(decision, "", answers.environments[0])
    out = ["## Database TLS", ""]
    lead = (
        f"The app connects with `PGSSLMODE=verify-full` and `PGSSLROOTCERT={dbtls.CA_PATH}` (ConfigMap "
        f"`{names.config_map(answers)}`): libpq checks that the server's certificate is signed by that CA and names "
        "the host in the `uri`, so write the `uri` with the server's DNS name, never its IP address."
    )
    if t.in_cluster_db:
        host = names.db_service(answers)
        out.append(
            f"{lead} In the cluster that is CloudNativePG's own CA (Secret `{dbtls.ca_secret(t)}`, key `ca.crt`, "
            f"mounted alone) and the host is `{host}`: `postgresql://app@{host}:5432/app`."
        )
        return [*out, ""]
    where = [f"`{kustomize}base/{dbtls.CA_FILE}`"] if kustomize is not None else []
    where += [f"`helm/files/{dbtls.CA_FILE}`"] if helm else []
    out += [
        f"{lead} For the managed database, put the provider's CA bundle (PEM) in {' and '.join(where)}: it becomes "
        f"the ConfigMap `{dbtls.ca_configmap(t)}`. Until it holds the bundle the app refuses to connect.",
        "",
    ]
    cidrs = ", ".join(f"`{cidr}`" for cidr in answers.database_cidrs)
    if answers.network.database_cidrs:
        reach = f"The app may open Postgres connections to {cidrs} only (`network.database_cidrs`)."
    else:
        reach = (
            f"The app may open Postgres connections to the private ranges {cidrs} only, never the internet: narrow "
            "this to the database's subnet by answering `network.database_cidrs` (or editing the `to:` of port 5432 "
            f"in `{names.app(answers)}-allow-egress`) once you know it."
        )
    source = dbtls.CA_SOURCES.get(answers.hosting.provider)
    for path in where:
        target = path.strip("`")
        if source:
            out.append(f"    {source.format(file=target)}")
        else:
            out.append(f"    cp /path/to/provider-ca-bundle.pem {target}")
    if answers.hosting.provider == "gcp":
        out += [
            "",
            "Cloud SQL: create the instance with `--server-ca-mode=GOOGLE_MANAGED_CAS_CA`, whose server certificates "
            "name the instance's DNS name, and use that name in the `uri` (`gcloud sql instances describe INSTANCE "
            "--format='value(dnsName)'`); the older per-instance CA names no host, so verify-full cannot pass.",
        ]
    return [*out, "", reach, ""]
