"""The README's "Object storage" section: what goes into the object store's Secret for each `object_access`, and
what the app's client must do, so the app is never handed an S3 endpoint that is not one.
"""

from __future__ import annotations

from advisor.decision import Decision
from advisor.skeleton import identity, names, objectstore, s3gateway, secrets
from advisor.skeleton.model import Target


def object_section(decision: Decision) -> list[str]:
    answers = decision.answers
    t = Target(decision, "", answers.environments[0])
    access = objectstore.access(t)
    if access == "none" or t.object_storage == "in-cluster":
        return []  # no objects, or MinIO: the bucket Job makes the app's user (Images and the bucket Job)
    app, region = names.app(answers), answers.hosting.region or identity.PLACEHOLDER
    remote = secrets.remote_key(t, f"{app}-s3").replace(f"/{t.env}/", "/<env>/").replace(f"-{t.env}-", "-<env>-")
    bucket = f"{app}-<env>-data"
    out = ["## Object storage", ""]
    if access == "s3-workload-identity":
        out.append(
            f"One bucket per environment, `{bucket}` in `{region}` (the name each app role allows; rename both "
            f"together). The remote secret `{remote}` holds `endpoint` (`https://s3.{region}.amazonaws.com`) and "
            "`bucket`, no key: the app's S3 client takes its credentials from the AWS SDK's default chain, which "
            + (
                "EKS Pod Identity feeds (`AWS_CONTAINER_CREDENTIALS_FULL_URI`)."
                if answers.hosting.aws_identity == "pod-identity"
                else "IRSA feeds (`AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE`, set by EKS from the annotation)."
            )
        )
    elif access == "s3-keys" and answers.hosting.provider == "gcp":
        project = answers.hosting.account or identity.PLACEHOLDER
        out += [
            "The app speaks only S3 (`data.object_api: s3`), so it uses Cloud Storage's S3-compatible XML API "
            f"with an HMAC key: `endpoint` `https://storage.googleapis.com`, `bucket` `{bucket}`, and the key pair "
            f"in `access-key-id` / `secret-access-key` of `{remote}`. Per environment, a Google service account that "
            "may use that bucket only holds the key:",
            "",
        ]
        for env in answers.environments:
            account = f"{identity.cloud_name(t.with_env(env), 'app', 'gcp')}@{project}.iam.gserviceaccount.com"
            out += [
                f"    gcloud iam service-accounts create {account.split('@')[0]} --project {project}",
                f"    gcloud storage buckets add-iam-policy-binding gs://{app}-{env}-data "
                f"--member serviceAccount:{account} --role roles/storage.objectUser",
                f"    gcloud storage hmac create {account} --project {project}   # -> access-key-id, secret-access-key",
            ]
        out += [
            "",
            "Rotate by creating a second key, updating the store, then deactivating the old key once the app has "
            "restarted (Rotation). With `data.object_api: native` the app uses Cloud Storage's own API and "
            "Workload Identity instead, and no key exists.",
        ]
    elif access == "s3-keys":
        out.append(
            f"The remote secret `{remote}` holds the provider's S3 `endpoint`, the `bucket` and a key pair limited to "
            "that bucket (the policy the MinIO bucket Job uses is the shape to ask for)."
        )
    elif access == "gcs-workload-identity":
        out.append(
            f"The app uses Cloud Storage's own API: the remote secret `{remote.replace('-s3', '-gcs')}` holds `bucket` "
            f"(`{bucket}`), and the client takes Application Default Credentials, which GKE's metadata server serves "
            "for the Google service account annotated on `" + app + "`. No key exists."
        )
    elif access == "blob-workload-identity":
        out.append(
            f"The app uses Blob Storage's own API: the remote secret `{remote.replace('-s3', '-blob')}` holds "
            f"`account-url` (`https://<storage-account>.blob.core.windows.net`) and `container` (`{bucket}`); the "
            "client signs in with `DefaultAzureCredential`, which reads what the Workload Identity webhook injects "
            f'into pods labelled `{identity.AZURE_USE}: "true"`. No key exists, and no S3 endpoint is involved.'
        )
    else:  # the S3 gateway
        out.append(
            "Blob Storage has no S3 API, so the S3 gateway S3Proxy (`"
            + names.S3PROXY_IMAGE
            + "`) runs beside the app and stores the objects in Blob Storage, signing in with Workload Identity. "
            f"The remote secret `{remote}` holds `endpoint` `{s3gateway.endpoint(t)}`, `bucket` (the container, "
            f"`{bucket}`) and a key pair you generate (`openssl rand -hex 20`), which only opens the gateway; "
            f"`{remote.replace('-s3', '-blob')}` holds the gateway's `account-url` and `container`. The gateway "
            "translates part of the S3 API: object lock and versioning through S3 are not available."
        )
    if access in ("blob-workload-identity", "s3-gateway"):
        group = f"{identity.PLACEHOLDER}-resource-group"
        out += [
            "",
            "Create the storage account (3-24 lowercase letters and digits, no shared-key access) and one container "
            "per environment; the identities above are granted their own container only:",
            "",
            f"    az storage account create -g {group} -n <storage-account> --allow-shared-key-access false "
            "--allow-blob-public-access false --min-tls-version TLS1_2",
            *(
                f"    az storage container create --account-name <storage-account> -n {app}-{env}-data "
                "--auth-mode login"
                for env in answers.environments
            ),
        ]
    return [*out, ""]
