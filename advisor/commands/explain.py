"""`advisor explain`: the rule trace in plain words, and optionally the what-if flips."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_rules_option, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "explain",
        help="explain each decision: the rule, its rationale and spec section",
        description="Explain each decision: the rule that made it, the rationale and the SPEC-0006 section.",
    )
    parser.add_argument("--answers", type=Path, required=True, metavar="FILE")
    add_rules_option(parser)
    parser.add_argument(
        "--what-if", action="store_true", help="also say, per decision, which answer changes would move it"
    )
    parser.add_argument("--json", action="store_true", help="print the decision (with what_if) as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import load_answers
    from advisor.commands import configured
    from advisor.confine import root
    from advisor.explain import explain
    from advisor.pipeline import evaluate
    from advisor.whatif import verdicts

    answers = root(args.answers, Path.cwd(), "the answers file (--answers)", from_user=True)
    decision, flips, ruleset = evaluate(load_answers(answers), configured(args).rules_dirs)
    if args.json:
        print_json(decision.to_json(flips))
    else:
        print(explain(decision, verdicts(decision, ruleset) if args.what_if else None), end="")
    return 0
