"""How long logs are kept when the answers do not say: a default per regulatory framework, with its legal basis.

Below the answers model (which reports the resolved value as a fact) and the observability plan (which carries it
into the ADR and the skeleton), so both read one table and neither imports the other for it.
"""

from __future__ import annotations

from collections.abc import Iterable

# Defaults per framework; with several, the longest wins (a legal minimum also satisfies GDPR's storage limitation).
LOG_RETENTION_DAYS = {
    "hipaa": 2190,
    "pci-dss": 365,
    "fedramp": 365,
    "soc2": 365,
    "iso27001": 365,
    "gdpr": 180,
    "other": 365,
}
LOG_RETENTION_BASIS = {  # why each default, as the ADR and docs/answers.md state it
    "hipaa": "six years, as 45 CFR 164.316(b)(2)(i) holds the records of access to PHI",
    "pci-dss": "PCI DSS v4.0 10.5.1: at least twelve months",
    "fedramp": "OMB M-21-31: twelve months in active storage",
    "soc2": "no fixed period; a type II report looks back over up to twelve months",
    "iso27001": "no fixed period in Annex A 8.15; a year covers one surveillance audit",
    "gdpr": "storage limitation: as short as the purpose allows",
    "other": "no period advisor knows of",
}
LOG_RETENTION_REGULATED = 365
LOG_RETENTION_DEFAULT = 30


def default_days(explicit: int | None, frameworks: Iterable[str], regulated: bool) -> int:
    """`observability.log_retention_days` when given, else the longest default of the frameworks named, else 365
    days for regulated data with no framework named and 30 days otherwise."""
    if explicit is not None:
        return explicit
    named = list(frameworks)
    if named:
        return max(LOG_RETENTION_DAYS[name] for name in named)
    return LOG_RETENTION_REGULATED if regulated else LOG_RETENTION_DEFAULT
