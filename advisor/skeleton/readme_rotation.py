"""The README's "Rotation" section: what happens, step by step, when a credential changes in the store.

It says the same as the ADR's `secret_rotation` decision, for the strategy and secret delivery of this skeleton.
"""

from __future__ import annotations

from advisor.decision import Decision
from advisor.skeleton import names, rotation
from advisor.skeleton.model import Target

SOURCES = {
    "external-secrets": "External Secrets Operator rewrites the Secret within its refresh interval (`1h`; "
    "`kubectl annotate externalsecret <name> force-sync=$(date +%s) --overwrite` to sync at once)",
    "sealed-secrets": "the Sealed Secrets controller rewrites the Secret when the new SealedSecret is applied",
    "sops": "the Secret changes when the re-encrypted file is applied",
}
RELOADER = "Stakater Reloader (chart `stakater/reloader` from https://stakater.github.io/stakater-charts)"


def rotation_section(decision: Decision) -> list[str]:
    t = Target(decision, "", decision.answers.environments[0])
    source = SOURCES.get(decision.choices.get("secrets", ""), SOURCES["external-secrets"])
    secrets = ", ".join(f"`{s}`" for s in rotation.app_secrets(t))
    if rotation.reread_files(t):
        steps = (
            f"{source}; the kubelet updates the files under `{rotation.FILES_ROOT}/<secret>/` within about a "
            "minute, and the app re-reads them (on a failed login, or on a timer). No pod restarts."
        )
        app_must = (
            "The app reads each credential from the file its `<VAR>_FILE` variable names (e.g. "
            f"`DATABASE_PASSWORD_FILE={rotation.FILES_ROOT}/db/password`) and re-reads it when a login fails."
        )
    else:
        steps = (
            f"{source}; {RELOADER.split(' (')[0]} sees it (`{rotation.RELOAD}: {','.join(rotation.app_secrets(t))}` on "
            f"the Deployment) and rolls `{names.app(decision.answers)}` one pod at a time, so the new pods start with "
            "the new value and the service stays up."
        )
        app_must = (
            "Keep the old credential valid until the rollout has finished (managed databases: use the store's "
            "alternating-users rotation, or rotate in two steps)."
        )
    return ["## Rotation", "", f"The app reads {secrets}. When a value changes in the store, {steps} {app_must}", ""]


def needs_reloader(decision: Decision) -> bool:
    return decision.choices.get("secret_rotation", "restart-on-change") == "restart-on-change"
