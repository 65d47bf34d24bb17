"""checkov on every render of every example, as a platform team runs it: 0 failed checks.

Deliberate exceptions are `checkov.io/skipN` annotations with a reason (advisor/skeleton/linter_exceptions.py);
anything else that fails is a finding. checkov pins `packaging<24`, which clashes with the build tools of the
test extra, so it lives in its own virtualenv (`.ci/run` makes one) found through $ADVISOR_CHECKOV or PATH.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.skeleton.kustomize_support import KUBECTL
from tests.skeleton.renders import KUBERNETES_EXAMPLES, example_renders


def _checkov() -> str | None:
    for candidate in (os.environ.get("ADVISOR_CHECKOV"), shutil.which("checkov"), ROOT / ".ci/checkov/bin/checkov"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


CHECKOV = _checkov()
pytestmark = [
    pytest.mark.skipif(CHECKOV is None, reason="checkov not found: set ADVISOR_CHECKOV or run .ci/run"),
    pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed: overlays not built"),
]


def run_checkov(folder: Path) -> dict:
    """One checkov run over a folder of rendered multi-document YAML files; offline, no platform lookups."""
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "CHECKOV_RUN_SCA_PACKAGE_SCAN_V2": "false"}
    command = [CHECKOV, "-d", str(folder), "--framework", "kubernetes", "--quiet", "--compact", "-o", "json"]
    proc = subprocess.run([*command, "--skip-download"], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    reports = json.loads(proc.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    return {
        "failed": [c for r in reports for c in r["results"].get("failed_checks", [])],
        "passed": sum(r["summary"]["passed"] for r in reports),
        "skipped": [c for r in reports for c in r["results"].get("skipped_checks", [])],
    }


@pytest.mark.parametrize("example", KUBERNETES_EXAMPLES, ids=lambda p: p.stem)
def test_every_render_passes_checkov(example, tmp_path) -> None:
    renders = example_renders(example, tmp_path / "skeleton")
    folder = tmp_path / "renders"
    folder.mkdir()
    for name, objects in renders.objects.items():
        (folder / f"{name.replace('/', '_')}.yaml").write_text(yaml.safe_dump_all(objects))
    report = run_checkov(folder)
    _assert_clean(report)
    assert report["passed"] > 100  # checkov really looked at the workloads


def _assert_clean(report: dict) -> None:
    """No failed check, and only the deliberate exceptions skipped (each explained in the README)."""
    failed = sorted({f"{c['file_path']}: {c['resource']}: {c['check_id']} {c['check_name']}" for c in report["failed"]})
    assert failed == []
    assert {c["check_id"] for c in report["skipped"]} <= {
        "CKV_K8S_8",
        "CKV_K8S_9",
        "CKV_K8S_15",
        "CKV_K8S_35",
        "CKV_K8S_43",
    }


def test_the_cloud_variants_pass_checkov(tmp_path) -> None:
    """Scenario A and C on each cloud and object API (the S3 gateway, native Blob and Cloud Storage included)."""
    from advisor.skeleton.objects import env_objects
    from tests.skeleton.cloud_variants import cases, decision_for
    from tests.skeleton.helm_support import write_chart

    folder = tmp_path / "renders"
    folder.mkdir()
    for scenario, provider in cases():
        for api in ("s3", "native"):
            decision = decision_for(scenario, provider, object_api=api)
            for env in decision.answers.environments:
                if scenario == "a":
                    objects = env_objects(decision, "ADR-0007", env)
                else:
                    chart = write_chart(decision, tmp_path / f"{provider}-{api}")
                    objects = chart.objects(env)
                (folder / f"{scenario}-{provider}-{api}-{env}.yaml").write_text(yaml.safe_dump_all(objects))
    _assert_clean(run_checkov(folder))
