"""Reading an organisation: discover the services, read each one's state, settle names (and say which clash).

The services are read in this process (rules load once per distinct set of folders); with `jobs` above one, the
reading is shared among that many worker processes, each reading a slice of the services, and the states come
back in the same order, so the output does not depend on how many workers read it.
"""

from __future__ import annotations

from pathlib import Path

from advisor.adr.checks import Finding
from advisor.org.discover import Organisation, discover
from advisor.org.state import State, read_state


def read_organisation(
    roots: list[Path], *, strict: bool = False, check: bool = True, jobs: int = 1
) -> tuple[Organisation, list[State]]:
    org = discover(roots)
    states = _states(org, strict, check, jobs)
    settle_names(states)
    return org, states


def _states(org: Organisation, strict: bool, check: bool, jobs: int) -> list[State]:
    from advisor.org.workers import map_in_workers

    def read(service):
        state = read_state(service, strict=strict, check=check)
        if jobs > 1:  # sent back pickled: only what the commands read afterwards
            service.config.line_of = None  # a closure over the config's text: not needed once read, not picklable
            service.lock = None  # checked already; its files list is the largest thing a service holds
            if state.log is not None:
                state.log.texts = {}  # the records' whole texts: read, parsed and checked by now
        return state

    return map_in_workers(read, org.services, jobs)


def settle_names(states: list[State]) -> None:
    """Each service's name (`name_of`), then a finding for each pair of services that share one."""
    for state in states:
        name_of(state)
    flag_duplicates(states)


def name_of(state: State) -> None:
    """The organisation config's name, the catalog's, the project its ADR decided, else its folder's."""
    service = state.service
    service.name = service.name or state.project or (service.path.name if service.rel != "." else service.root.name)


def flag_duplicates(items: list) -> None:
    """Two services with one name both get a finding (ORG002) naming the other's path; both are still read.
    `items`: anything with the `service` and `findings` a State has (the site's views too)."""
    by_name: dict[str, list] = {}
    for item in items:
        by_name.setdefault(item.service.name, []).append(item)
    for name, same in by_name.items():
        if len(same) < 2:
            continue
        for item in same:
            others = ", ".join(other.service.rel for other in same if other is not item)
            where = item.service.catalog or item.service.path
            message = f"two services are named {name!r}: this one and {others}; tell them apart by path or rename one"
            item.findings.append(Finding(str(where), None, message, "error", "ORG002"))
