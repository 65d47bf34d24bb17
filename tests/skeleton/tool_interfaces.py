"""The command-line interfaces the RUNBOOK and README tell an operator to use, as their documentation states them.

Each entry is a subcommand (the words before the first flag or argument) and the flags it documents; global flags
apply to every subcommand of the tool. A command in a generated text must name a subcommand listed here with only
listed flags, so a typo or an invented flag fails a test instead of an operator at 3 a.m.

Sources:
- `kubectl cnpg`: CloudNativePG docs/src/kubectl-plugin.md (cloudnative-pg/cloudnative-pg, 1.2x..1.30) and, for
  `backup --method plugin --plugin-name`, plugin-barman-cloud web/docs/usage.md ("Imperative approach").
- `mc`: the MinIO Client reference (docs.min.io, minio-mc), release RELEASE.2025-04-16 as pinned in names.MC_IMAGE.
- `aws s3api`: the AWS CLI v2 command reference (create-bucket, put-object-lock-configuration,
  put-bucket-lifecycle-configuration, get-bucket-encryption).
"""

from __future__ import annotations

CNPG_GLOBAL = {"-n", "--namespace", "--context", "--kubeconfig"}
CNPG: dict[str, set[str]] = {
    "status": {"--verbose", "-v", "-o", "--output"},
    "backup": {"--method", "--plugin-name", "--backup-target", "--backup-name", "--online", "--immediate-checkpoint"},
    "psql": {"--replica"},
    "promote": set(),
    "restart": set(),
    "reload": set(),
    "maintenance set": {"--all-namespaces", "--reusePVC"},
    "maintenance unset": {"--all-namespaces", "--reusePVC"},
    "report operator": {"-f", "-o", "--logs", "-S", "--stopRedaction"},
    "report cluster": {"-f", "-o", "--logs"},
    "logs cluster": {"-f", "--follow", "--tail", "--timestamps", "-o", "--output"},
    "destroy": {"--keep-pvc"},
    "hibernate on": {"--force"},
    "hibernate off": set(),
    "hibernate status": set(),
    "pgbench": set(),
    "fio": set(),
    "snapshot": {"-c"},
    "certificate": {"--cnpg-cluster", "--cnpg-user"},
    "install generate": {"-n", "--replicas", "--version", "--watch-namespace"},
}

MC_GLOBAL = {"--json", "--quiet", "--insecure", "--config-dir", "--debug", "--no-color"}
MC: dict[str, set[str]] = {
    "alias set": {"--api", "--path"},
    "mb": {"--ignore-existing", "-p", "--with-lock", "-l", "--region", "--with-versioning"},
    "version enable": set(),
    "retention set": {"--default", "--recursive", "--version-id", "--bypass", "--governance", "--compliance"},
    "retention info": {"--default", "--recursive", "--version-id"},
    "ilm rule add": {"--prefix", "--tags", "--expire-days", "--expire-date", "--expire-delete-marker",
                     "--noncurrent-expire-days", "--noncurrent-expire-newer", "--transition-days",
                     "--transition-tier", "--noncurrent-transition-days", "--noncurrent-transition-tier"},
    "ilm rule ls": {"--expiry", "--transition", "--minimum"},
    "ilm rule rm": {"--id", "--all", "--force"},
    "admin policy create": set(),
    "admin policy attach": {"--user", "--group"},
    "admin user add": set(),
    "admin user info": set(),
    "admin kms key status": set(),
    "encrypt info": set(),
    "ls": {"--versions", "--recursive", "-r", "--summarize", "--rewind", "--incomplete"},
    "cp": {"--version-id", "--recursive", "-r", "--rewind", "--preserve", "-a"},
    "undo": {"--recursive", "-r", "--last", "--force", "--action", "--dry-run"},
    "mirror": {"--overwrite", "--remove", "--watch", "-w", "--preserve", "-a", "--dry-run", "--exclude",
               "--enc-s3", "--enc-kms"},
    "cat": {"--version-id", "--rewind", "--enc-c"},
    "pipe": {"--enc-s3", "--enc-kms", "--attr", "--tags"},
    "diff": set(),
    "stat": {"--recursive", "-r", "--version-id", "--rewind"},
    "du": {"--depth", "-d", "--recursive", "-r", "--rewind", "--versions"},
    "admin info": set(),
}  # fmt: skip

AWS_GLOBAL = {"--endpoint-url", "--region", "--profile", "--output"}
AWS_S3API: dict[str, set[str]] = {
    "create-bucket": {"--bucket", "--object-lock-enabled-for-bucket", "--create-bucket-configuration", "--acl"},
    "put-object-lock-configuration": {"--bucket", "--object-lock-configuration"},
    "put-bucket-lifecycle-configuration": {"--bucket", "--lifecycle-configuration"},
    "get-bucket-encryption": {"--bucket"},
    "get-bucket-lifecycle-configuration": {"--bucket"},
}


def _flags(words: list[str]) -> set[str]:
    return {w.split("=", 1)[0] for w in words if w.startswith("-") and w != "--"}


def check(words: list[str]) -> str | None:
    """What is wrong with one command line (already split into words), or None when it is documented."""
    if words[:2] == ["kubectl", "cnpg"]:
        table, rest, global_flags = CNPG, words[2:], CNPG_GLOBAL
        if "--" in rest:  # `kubectl cnpg psql CLUSTER -- psql arguments`
            rest = rest[: rest.index("--")]
    elif words[0] == "mc":
        table, rest, global_flags = MC, words[1:], MC_GLOBAL
    elif words[:2] == ["aws", "s3api"]:
        table, rest, global_flags = AWS_S3API, words[2:], AWS_GLOBAL
    else:
        return None
    subcommand = next((s for s in sorted(table, key=len, reverse=True) if rest[: len(s.split())] == s.split()), None)
    if subcommand is None:
        return f"{' '.join(words)}: no documented subcommand"
    unknown = _flags(rest) - table[subcommand] - global_flags
    return f"{' '.join(words)}: undocumented flags {sorted(unknown)}" if unknown else None
