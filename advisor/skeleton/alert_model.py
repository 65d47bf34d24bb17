"""What an alert is, apart from which alerts exist: the rule, its promtool cases, and the PromQL helpers.

The modules that define alerts (`alerts_app`, `alerts_state`) and the ones that assemble and test them (`alerts`,
`alert_tests`) all need these types; keeping them here lets the definitions sit below the assembly, not beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RUNBOOK_URL = "RUNBOOK.md#{anchor}"  # relative to the skeleton's root, where RUNBOOK.md is
Series = tuple[str, str]  # (series with its labels, promtool's expanding notation of its values)


@dataclass(frozen=True)
class Alert:
    name: str
    expr: str
    for_: str
    severity: str
    summary: str
    firing: list[Series]  # input series under which the alert fires at `at`
    quiet: list[Series]  # ... and under which it stays quiet at `at`
    at: str  # promtool eval_time of both cases
    labels: dict[str, str] = field(default_factory=dict)  # the firing alert's labels from its series
    threshold: str = ""  # the threshold in words, with the answer it comes from (README, docs)
    quiet_at: str | None = None  # when the quiet case is checked, if not at `at`
    step: str = "1m"  # the tests' evaluation interval: an hour for an alert that looks back over days

    @property
    def anchor(self) -> str:
        """The RUNBOOK heading's anchor: GitHub's slug of `### AlertName`."""
        return self.name.lower()

    def rule(self) -> dict[str, Any]:
        annotations = {"summary": self.summary, "runbook_url": RUNBOOK_URL.format(anchor=self.anchor)}
        return {
            "alert": self.name,
            "expr": self.expr,
            "for": self.for_,
            "labels": {"severity": self.severity},
            "annotations": annotations,
        }


@dataclass(frozen=True)
class Group:
    name: str
    records: dict[str, str]  # recording rule name -> expression, evaluated before the alerts that read them
    alerts: list[Alert]

    def rules(self) -> dict[str, Any]:
        records = [{"record": name, "expr": expr} for name, expr in self.records.items()]
        return {"name": self.name, "rules": [*records, *(alert.rule() for alert in self.alerts)]}


def sel(metric: str, **labels: str) -> str:
    """A PromQL selector; a value starting with `~` is a regular expression (`pod=~"app-db-[0-9]+"`)."""
    inner = ",".join(
        f'{key}=~"{value[1:]}"' if value.startswith("~") else f'{key}="{value}"' for key, value in labels.items()
    )
    return f"{metric}{{{inner}}}"


def series(metric: str, **labels: str) -> str:
    """An input series of a promtool test (plain label values only)."""
    return metric + "{" + ", ".join(f'{key}="{value}"' for key, value in labels.items()) + "}"
