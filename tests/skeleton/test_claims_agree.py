"""The claims (advisor/skeleton/claims.py) agree with the objects rendered for every example, read from the
objects themselves: the writer's policy in the bucket Job's script or the README, the lock days, what the drill's
Jobs run, whether a Job mirrors the app's bucket. A builder that changes without its claim fails here."""

from __future__ import annotations

import json
import re

import pytest

from advisor.skeleton import names, postgres
from advisor.skeleton.claims import claims
from advisor.skeleton.model import Target
from advisor.skeleton.objects import env_objects
from advisor.skeleton.readme_backups import section
from tests.conftest import EXAMPLES
from tests.skeleton.kustomize_support import example_decision

EXAMPLE_FILES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def _script(o: dict) -> str:
    spec = o["spec"]["jobTemplate"]["spec"] if o["kind"] == "CronJob" else o["spec"]
    return spec["template"]["spec"]["containers"][0]["command"][-1]


@pytest.mark.parametrize("example", EXAMPLE_FILES)
def test_every_claim_is_what_the_render_does(example: str) -> None:
    decision = example_decision(EXAMPLES / example)
    said = claims(decision)
    if decision.choices.get("runtime") != "kubernetes" or decision.choices.get("postgres") != "in-cluster":
        assert said.backup_writer is None and said.drill is None
        return
    a = decision.answers
    prod = next((e for e in a.environments if names.is_prod(e)), a.environments[-1])
    objects = env_objects(decision, "ADR-0001", prod)
    readme = "\n".join(section(decision))
    writer, lock = said.backup_writer, said.object_lock
    assert writer is not None and lock is not None and writer.bucket == names.backup_bucket(a, prod)
    if lock.by == "skeleton":
        job = next(o for o in objects if o["kind"] == "Job" and o["metadata"]["name"].endswith("-buckets"))
        text = _script(job)
        policy = re.search(
            r"<<'POLICY'\n(.+)\nPOLICY\nmc admin policy create store " + names.backup_writer(a, prod), text
        )
    else:
        text = readme
        policy = re.search(rf"\{{.+?{re.escape(writer.bucket)}/\*.+?\}}(?=['\n])", text)
    assert policy, "no writer policy in the render"
    document = json.loads(policy.group(1) if policy.groups() else policy.group(0))
    assert {x for s in document["Statement"] for x in s["Action"]} == set(writer.actions)
    bucket = re.escape(writer.bucket)
    days = re.findall(
        rf"(?:--default {lock.mode} (\d+)d store/{bucket}\n|`{bucket}` \|[^\n]*{lock.mode}, (\d+) days)", text
    )
    assert days and {int(x or y) for x, y in days} == {lock.days}
    staging = Target(decision, "ADR-0001", names.drill_env(list(a.environments)))
    drill_scripts = " ".join(_script(o) for o in postgres.drill_objects(staging) if o["kind"] == "Job")
    assert said.drill is not None
    assert said.drill.measures_rpo == ("pg_stat_archiver" in drill_scripts)
    copies = [o for o in objects if o["kind"] == "CronJob" and "mc mirror" in _script(o)]
    if said.objects_copied_off_cluster is not None:
        assert said.objects_copied_off_cluster == bool(copies)
