"""The README and the chart speak of this skeleton only: no components it does not have, no pointers that point
the wrong way or into advisor's own docs, and every Pod Security label with its version.
"""

from __future__ import annotations

import re

import pytest

from advisor.skeleton import SkeletonContext, build_skeleton
from tests.conftest import EXAMPLES
from tests.skeleton.kustomize_support import example_decision

KUBERNETES = ["scenario-a.yaml", "scenario-b.yaml", "scenario-c.yaml", "scenario-b-c.yaml"]


def _files(example: str, tmp_path) -> dict[str, str]:
    context = SkeletonContext(tmp_path, "ADR-0007", "../docs/adr/0007.md")
    return {f.path: f.data.decode() for f in build_skeleton(example_decision(EXAMPLES / example), context)}


def test_a_managed_skeleton_speaks_of_no_minio_jobs_or_restore(tmp_path) -> None:
    files = _files("scenario-a.yaml", tmp_path)
    readme, runbook = files["README.md"], files["RUNBOOK.md"]
    for absent in ("MinIO", "the Jobs", "restore", "Restore", "helm test", "CKV_K8S_8"):
        assert absent not in readme, absent
    # RUNBOOK.md holds the alerts' steps alone: the app's, none of the database's
    assert "### AppNotReady" in runbook and "Recover" not in runbook and "Wal" not in runbook


@pytest.mark.parametrize("example", KUBERNETES)
def test_pointers_point_at_what_the_reader_has(example: str, tmp_path) -> None:
    files = _files(example, tmp_path)
    readme = files["README.md"]
    for section in re.findall(r"\(see ([A-Z][\w ]+) below\)", readme):
        assert readme.index(f"## {section}") > readme.index(f"see {section} below"), section
    for path, text in files.items():  # advisor's own docs are not in the user's repository
        assert "docs/helm.md" not in text and "docs/skeleton.md" not in text, path


@pytest.mark.parametrize("example", KUBERNETES)
def test_every_pod_security_label_command_names_its_version(example: str, tmp_path) -> None:
    files = _files(example, tmp_path)
    texts = [files["README.md"], *(t for p, t in files.items() if p.endswith("NOTES.txt"))]
    for text in texts:
        for command in re.findall(r"kubectl label namespace(?:[^\n]*\\\n)*[^\n]*", text):
            if "pod-security.kubernetes.io/enforce=" in command:
                assert "pod-security.kubernetes.io/enforce-version=" in command, command
