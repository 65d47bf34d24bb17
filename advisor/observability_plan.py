"""The numbers of the observability baseline (SPEC-0006 3.4), each derived from the answers by a stated rule.

- Log retention: `observability.log_retention_days`, else the longest default of the frameworks named
  (`LOG_RETENTION_DAYS`), else 365 days for regulated data with no framework named and 30 days otherwise.
- Alert thresholds (SPEC-0006 5 and Scenario B as alerts; the skeleton's rules file uses exactly these):
  WAL archiving lags when WAL is waiting and nothing was archived for longer than the RPO; the last base backup
  is too old one base-backup interval plus half an interval (at least an hour) after it was taken, which leaves
  the running backup time to finish; the restore drill is overdue when none succeeded in `backup.drill_interval_days`.

The choice of where logs and metrics go is made by the rules (rules/observability.yaml); this module only counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor import backup_plan
from advisor.answers import Answers
from advisor.decision import Decision
from advisor.log_retention import LOG_RETENTION_BASIS, LOG_RETENTION_DAYS, default_days

VOLUME_FREE_RATIO = 0.10  # a volume with less than a tenth free is nearly full
APP_NOT_READY_MINUTES = 10
ROLLOUT_STUCK_MINUTES = 5  # after the Deployment's own progress deadline (600 s) has passed


@dataclass(frozen=True)
class AlertPlan:
    wal_lag_minutes: int
    backup_interval_hours: int
    backup_max_age_hours: int
    drill_interval_days: int


def log_retention_days(answers: Answers) -> int:
    return default_days(
        answers.observability.log_retention_days, answers.regulation.frameworks, answers.regulation.regulated
    )


def retention_reason(answers: Answers) -> str:
    days = log_retention_days(answers)
    if answers.observability.log_retention_days is not None:
        return f"{days} days, as `observability.log_retention_days` says"
    frameworks = answers.regulation.frameworks
    if frameworks:
        longest = max(frameworks, key=lambda name: LOG_RETENTION_DAYS[name])
        return (
            f"{days} days, the default for {longest} (the longest of {', '.join(frameworks)}; "
            "set `observability.log_retention_days` to change it)"
        )
    why = "regulated data with no framework named" if answers.regulation.regulated else "data that is not regulated"
    return f"{days} days, the default for {why} (set `observability.log_retention_days` to change it)"


def alert_plan(answers: Answers) -> AlertPlan:
    interval = backup_plan.base_backup_hours(answers.data.rto_minutes)
    return AlertPlan(
        wal_lag_minutes=max(1, answers.data.rpo_minutes),
        backup_interval_hours=interval,
        backup_max_age_hours=interval + max(1, interval // 2),
        drill_interval_days=answers.backup.drill_interval_days,
    )


def app_reasons() -> list[str]:
    return [
        f"The app is not ready when fewer replicas are available than it asks for, for {APP_NOT_READY_MINUTES} min; "
        f"a rollout is stuck {ROLLOUT_STUCK_MINUTES} min after its progress deadline; a container crash-loops "
        "for 15 min.",
    ]


def alert_reasons(answers: Answers) -> list[str]:
    """How each alert threshold follows from the answers, for the ADR's Decision Outcome and the README."""
    p = alert_plan(answers)
    return [
        f"WAL archiving lags when WAL waits to be archived and none was archived for {p.wal_lag_minutes} min: "
        f"the RPO of {answers.data.rpo_minutes} min (`data.rpo_minutes`).",
        f"The last base backup is too old after {p.backup_max_age_hours} h: the base-backup interval of "
        f"{p.backup_interval_hours} h (from the RTO) plus half an interval, at least an hour, for a running backup.",
        f"The restore drill is overdue when none succeeded in {p.drill_interval_days} days "
        "(`backup.drill_interval_days`).",
    ]


KEPT_BY_A_STORE = ("managed", "in-cluster", "rancher-logging", "site-platform")  # logs: compose keeps none


def assumption(decision: Decision) -> list[str]:
    """For the ADR: a retention the answers left to advisor is its default, named as such, with its basis."""
    a = decision.answers
    if decision.choices.get("logs") not in KEPT_BY_A_STORE or a.observability.log_retention_days is not None:
        return []
    days, frameworks = log_retention_days(a), a.regulation.frameworks
    if frameworks:
        longest = max(frameworks, key=lambda name: LOG_RETENTION_DAYS[name])
        names = [f"{name}'s" for name in frameworks]
        others = f"; the longest of {', '.join(names[:-1])} and {names[-1]}" if len(frameworks) > 1 else ""
        why = f"for {longest} ({LOG_RETENTION_BASIS[longest]}{others})"
    else:
        why = (
            "for regulated data with no framework named" if a.regulation.regulated else "for data that is not regulated"
        )
    return [
        f"Logs are kept {days} days: advisor's default {why}. It is not a legal reading: set "
        "`observability.log_retention_days` to what the frameworks and the team's own policy ask"
    ]
