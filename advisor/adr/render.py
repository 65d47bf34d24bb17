"""Rendering an ADR from a decision with a Jinja2 template (bundled MADR or Nygard, or the team's own).

The environment is cached per user template folder, uses StrictUndefined (a typo in a template is
an error, not a blank) and no autoescaping (the output is Markdown). A ChoiceLoader looks in the
user's folder first, so a team template can `{% extends "madr.md.j2" %}` and override blocks.
A team's template is data from a repository nobody may have reviewed line by line (`advisor org` runs
over many), so it renders in Jinja2's sandbox: `{{ cycler.__init__.__globals__ }}` and other routes to
Python internals are refused instead of reaching `os`.
Everything the templates show is prepared here as plain data; see docs/adr-log.md for the names.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from advisor.adr import answers_block, wording
from advisor.decision import Decision
from advisor.errors import InputError, Problem
from advisor.ruleset import Ruleset

BUNDLED = ("madr", "nygard", "madr-new", "nygard-new")


@dataclass
class AdrInput:
    """What the ADR needs beyond the decision: its place in the log, what changed, and what the skeleton makes true."""

    number: int | None
    adr_id: str
    date: dt.date
    answers_file: str | None = None
    supersedes: tuple[str, str] | None = None  # (madr reference "ADR-0003", markdown link "[3. T](0003-t.md)")
    generated: list[str] = field(default_factory=list)  # paths relative to the repo
    rule_folders: list[str] = field(default_factory=list)  # organisation rule folders, relative to the repo
    status: str = "proposed"  # accepted by the decision-makers, never by advisor (`advisor adr status`)
    changes: Any = None  # advisor.adr.changes.Changes, or None for a first record
    claims: Any = None  # advisor.skeleton.claims.Claims: what the generated files make true
    path: str | None = None  # the record's own path relative to the repo, for links to the skeleton


FORMAT = 2  # 1: the whole answers and every file hash in the front matter (still read; see records.py)


def advisor_block(decision: Decision, adr: AdrInput) -> dict[str, Any]:
    """The front matter's few scalars: what `advisor check` and the next `advisor decide` compare against.

    The answers go in the body (answers_block.py); file hashes go in the skeleton's lock, never here, so
    regenerating files never rewrites an accepted record.
    """
    block: dict[str, Any] = {
        "format": FORMAT,
        "tool_version": decision.tool_version,
        "ruleset_version": decision.ruleset_version,
    }
    if adr.rule_folders:  # only with an organisation's rules: records of the bundled rules keep their bytes
        block["rule_folders"] = list(adr.rule_folders)
    return block | {
        "answers_file": adr.answers_file,
        "answers_sha256": decision.answers.sha256(),
        "outcome": decision.outcome(),  # one flow-style line in the front matter (see adr_context)
    }


def adr_context(decision: Decision, ruleset: Ruleset, adr: AdrInput) -> dict[str, Any]:
    """Everything the templates show, as plain data (names in docs/adr-log.md, "Template variables")."""
    from advisor.adr import record_words, weigh
    from advisor.whatif import verdicts

    answers = decision.answers
    keys = wording.decision_keys(decision.choices, ruleset)
    weighed = weigh.weigh(decision, ruleset, keys, verdicts(decision, ruleset))
    scalars = advisor_block(decision, adr)
    outcome = scalars.pop("outcome")
    block = _yaml_block(scalars, outcome)
    people = {role: list(getattr(answers.adr, role)) for role in ("decision_makers", "consulted", "informed")}
    context = {
        "id": adr.adr_id,
        "number": adr.number,
        "title": wording.title(answers, decision.choices),
        "project": answers.project.name,
        "date": adr.date.isoformat(),
        "status": adr.status,
        **people,
        "people_json": {role: json.dumps(names, ensure_ascii=False) for role, names in people.items()},
        "supersedes": {"id": adr.supersedes[0], "link": adr.supersedes[1]} if adr.supersedes else None,
        "changes": adr.changes if adr.changes is not None else None,
        "context": wording.context(answers, decision.choices),
        "question": wording.question(weighed),
        "decisions": [_decision(w, decision, ruleset) for w in weighed],
        "chosen": ", ".join(w.label for w in weighed),
        "we_will": wording.actions(weighed),
        "scenarios": [f"Scenario {s}" for s in decision.scenarios],
        "warnings": list(decision.warnings),
        "generated": _generated_summary(adr.generated),
        "answers_details": answers_block.render(answers.normalised()),
        "answers_file": adr.answers_file,
        "tool_version": decision.tool_version,
        "ruleset_version": decision.ruleset_version,
        "advisor_block": block,
    }
    context.update(record_words.sections(decision, ruleset, weighed, adr))
    return context


def _decision(w, decision: Decision, ruleset: Ruleset) -> dict[str, Any]:
    """One decision for the templates: the weighing, plus the trace fields team templates have always had."""
    entry = decision.entry(w.key)
    definition = ruleset.decisions.get(w.key)
    options = [
        {
            "key": key,
            "label": wording.label(w.key, key, ruleset),
            "summary": o.summary,
            "good": list(o.good),
            "neutral": list(o.neutral),
            "bad": list(o.bad),
            "chosen": key == w.value,
        }
        for key, o in (definition.options.items() if definition else [])
    ]
    return {
        **w.__dict__,
        "because": w.because,
        "single": w.single,
        "inline": w.inline if w.single else "",
        "weighed": w.weighed,
        "question": definition.question if definition else "",
        "rationale": entry.rationale,
        "spec": entry.spec,
        "rule_title": entry.title,
        "overridden": [o.model_dump() for o in entry.overridden],
        "options": options,
        "good": [text for kind, text in w.consequences if kind == "good"],
        "bad": [text for kind, text in w.consequences if kind == "bad"],
    }


def _yaml_block(scalars: dict[str, Any], outcome: dict[str, Any]) -> str:
    """The advisor block's body, indented under `advisor:`; the outcome on one flow-style line."""
    import yaml

    block = yaml.safe_dump({"advisor": scalars}, sort_keys=False, allow_unicode=True, width=10_000)
    block += "  outcome: " + yaml.safe_dump(outcome, default_flow_style=True, sort_keys=False, width=10_000)
    return block.split("\n", 1)[1]


def render(context: dict[str, Any], template: str | None) -> str:
    """Render with a bundled template name or a path to the team's own template."""
    import jinja2
    import jinja2.sandbox

    name, folder = _template_ref(template)
    try:
        text = _environment(folder).get_template(name).render(**context)
    except jinja2.sandbox.SecurityError as exc:
        where = template or name
        reason = str(exc).rstrip(".")
        message = f"template error: {reason}; templates render in a sandbox and may not reach Python internals"
        raise InputError([Problem(str(where), message)]) from None
    except jinja2.TemplateError as exc:
        where = getattr(exc, "filename", None) or template or name
        raise InputError([Problem(str(where), f"template error: {exc}", getattr(exc, "lineno", None))]) from None
    return text.rstrip("\n") + "\n"


def _template_ref(template: str | None) -> tuple[str, str | None]:
    if template in (None, "", *BUNDLED):
        return f"{template or 'madr'}.md.j2", None
    path = Path(template)  # type: ignore[arg-type]
    if not path.is_file():
        raise InputError([Problem(str(template), "template not found (use madr, nygard, or a Jinja2 file)")])
    return path.name, str(path.resolve().parent)


@lru_cache(maxsize=8)
def _environment(user_folder: str | None):
    import jinja2
    import jinja2.sandbox

    from advisor.resources import bundled_templates_dir

    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(bundled_templates_dir()))]
    if user_folder:
        loaders.insert(0, jinja2.FileSystemLoader(user_folder))
    # Only advisor's own templates render outside the sandbox; a team's folder may override any of them.
    kind = jinja2.sandbox.ImmutableSandboxedEnvironment if user_folder else jinja2.Environment
    env = kind(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clause"] = _clause
    return env


def _clause(text: str) -> str:
    """'It works ...' -> 'it works ...' after "Good, because"; names and acronyms keep their case."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and (first[1:].islower() or len(first) == 1) and first.rstrip(",;:'s") not in _NAMES:
        return text[0].lower() + text[1:]
    return text


_NAMES = {"Postgres", "Rancher", "Kubernetes", "Helm", "Kustomize", "Docker", "Compose", "Vault", "Azure", "Google"}


def _generated_summary(paths: list[str]) -> dict[str, object] | None:
    """How many files were generated and under which folder: the full list with hashes is in the lock."""
    if not paths:
        return None
    import posixpath

    root = posixpath.commonpath(paths) if len(paths) > 1 else posixpath.dirname(paths[0])
    return {"count": len(paths), "root": root or "."}
