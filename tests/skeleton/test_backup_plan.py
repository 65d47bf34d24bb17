"""RPO and RTO by construction: over a grid of values, the rendered Cluster, ScheduledBackup and ObjectStore (and
the Helm values that render the same objects) meet the bounds backup_plan states."""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import backup_plan
from advisor.answers import load_answers
from advisor.decision import Decision
from advisor.pipeline import evaluate
from advisor.skeleton import names, readme_backups
from advisor.skeleton.helm_values import env_values, shared_values
from advisor.skeleton.model import Target
from advisor.skeleton.postgres import objects
from tests.conftest import EXAMPLES

RPOS = [1, 2, 4, 5, 6, 15, 60, 240, 1440]
RTOS = [10, 11, 15, 30, 60, 119, 120, 240, 480, 1440, 10080]


@functools.cache
def _base() -> Decision:
    return evaluate(load_answers(EXAMPLES / "scenario-b.yaml"))[0]


def _decision(rpo: int, rto: int, retention: int | None = None, regulated: bool = True) -> Decision:
    base = _base()
    answers = base.answers.model_copy(
        update={
            "data": base.answers.data.model_copy(update={"rpo_minutes": rpo, "rto_minutes": rto}),
            "backup": base.answers.backup.model_copy(update={"retention_days": retention}),
            "regulation": base.answers.regulation.model_copy(update={"regulated": regulated}),
        }
    )
    return base.model_copy(update={"answers": answers})


def _minutes(setting: str) -> int:
    match = re.fullmatch(r"([1-9][0-9]*)min", setting)
    assert match, setting
    return int(match.group(1))


def _longest_gap_minutes(cron: str) -> int:
    """The longest wait between two runs of a six-field cron that runs at minute 0 of some hours every day."""
    second, minute, hour, *rest = cron.split()
    assert (second, minute, rest) == ("0", "0", ["*", "*", "*"]), cron
    if hour == "*":
        hours = list(range(24))
    elif hour.startswith("*/"):
        hours = list(range(0, 24, int(hour[2:])))
    else:
        hours = [int(hour)]
    gaps = [(later - earlier) % 24 or 24 for earlier, later in zip(hours, hours[1:] + hours[:1], strict=True)]
    return max(gaps) * 60


def _rendered(decision: Decision, env: str) -> dict[str, dict[str, Any]]:
    return {obj["kind"]: obj for obj in objects(Target(decision, "ADR-0001", env))}


def _assert_bounds(rpo: int, rto: int) -> None:
    decision = _decision(rpo, rto)
    for env in ("staging", "prod"):
        rendered = _rendered(decision, env)
        timeout = _minutes(rendered["Cluster"]["spec"]["postgresql"]["parameters"]["archive_timeout"])
        assert 1 <= timeout <= rpo
        gap = _longest_gap_minutes(rendered["ScheduledBackup"]["spec"]["schedule"])
        replay_budget = rto * backup_plan.REPLAY_SPEEDUP * backup_plan.REPLAY_SHARE_OF_RTO
        assert gap <= replay_budget, f"RTO {rto}: {gap} min of WAL to replay, budget {replay_budget}"
        assert gap <= 24 * 60
    helm = shared_values(decision, "ADR-0001")["postgres"]["backup"]
    assert helm["archiveTimeout"] == rendered["Cluster"]["spec"]["postgresql"]["parameters"]["archive_timeout"]
    assert helm["schedule"] == rendered["ScheduledBackup"]["spec"]["schedule"]


@pytest.mark.parametrize("rto", RTOS)
@pytest.mark.parametrize("rpo", RPOS)
def test_the_grid_meets_rpo_and_rto(rpo: int, rto: int) -> None:
    _assert_bounds(rpo, rto)


@settings(max_examples=60, deadline=None)
@given(rpo=st.integers(1, 525_600), rto=st.integers(10, 525_600))
def test_any_rpo_and_rto_are_met(rpo: int, rto: int) -> None:
    _assert_bounds(rpo, rto)


def test_the_interval_is_as_long_as_the_rto_allows() -> None:
    """Not needlessly frequent: the next longer interval would break the bound."""
    for rto in RTOS:
        hours = backup_plan.base_backup_hours(rto)
        longer = [h for h in backup_plan.INTERVAL_HOURS if h > hours]
        if longer:
            assert longer[0] * 60 > rto * backup_plan.REPLAY_SPEEDUP * backup_plan.REPLAY_SHARE_OF_RTO


@pytest.mark.parametrize(
    ("retention", "regulated", "prod_days", "staging_days"),
    [(None, True, 90, 7), (None, False, 30, 7), (365, True, 365, 7), (3, False, 3, 3)],
)
def test_retention_follows_the_answer_or_the_regulation(
    retention: int | None, regulated: bool, prod_days: int, staging_days: int
) -> None:
    """The bucket retires backups, not barman-cloud (whose retention would delete through a writer who may not):
    each database folder expires once the lock, retention plus one base-backup interval, has run out."""
    decision = _decision(15, 120, retention, regulated)
    a = decision.answers
    assert "retentionPolicy" not in _rendered(decision, "prod")["ObjectStore"]["spec"]
    assert "retentionPolicy" not in env_values(decision, "ADR-0001", "prod")["postgres"]["backup"]
    assert (backup_plan.retention_days(a, True), backup_plan.retention_days(a, False)) == (prod_days, staging_days)
    readme = "\n".join(readme_backups.section(decision))
    for env, days in (("prod", prod_days), ("staging", staging_days)):
        lock = backup_plan.lock_days(a, env == "prod")
        assert lock > days
        for prefix in names.archive_prefixes(a):
            rule = f"--prefix {prefix} --expire-days {lock} store/{names.backup_bucket(a, env)}"
            expected = rule if a.backup.store == "minio" else f'"Prefix": "{prefix}"'
            assert expected in readme or decision.choices.get("backup_target") == "same-cluster", (env, prefix)
