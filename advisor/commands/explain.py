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
        "--what-if", action="store_true", help="also list the single answer changes that flip a decision"
    )
    parser.add_argument("--json", action="store_true", help="print the decision (with what_if) as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import load_answers
    from advisor.confine import root
    from advisor.explain import explain
    from advisor.pipeline import evaluate

    answers = root(args.answers, Path.cwd(), "the answers file (--answers)", from_user=True)
    decision, flips, _ = evaluate(load_answers(answers), tuple(args.rules_dirs))
    if args.json:
        print_json(decision.to_json(flips))
    else:
        print(explain(decision, flips if args.what_if else None), end="")
    return 0
