"""`cleaner clean`: clean files or standard input and print one record per input."""

from __future__ import annotations

import argparse
import json
import sys

from cleaner.api import MODES, clean_files
from cleaner.cli.options import add_input_options, limits_from
from cleaner.errors import InputError
from cleaner.export import json_line
from cleaner.furniture.lexicon import load_lexicon
from cleaner.record import Record


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="clean pages or texts and print their records",
        description="Clean each input (a file, maybe .gz, or - for standard input) and print its record. An input "
        "that cannot be cleaned gets one line on stderr naming it, and the others go on. "
        "Exit status 1 when any input failed or held no article, 2 for a usage error.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="a file to clean (maybe .gz), or - for standard input")
    parser.add_argument("--mode", choices=MODES, default="auto", help="how to read the input (default: auto)")
    parser.add_argument(
        "--format", choices=("jsonl", "json", "text"), default="jsonl", help="output format (default: jsonl)"
    )
    parser.add_argument("--rules", metavar="FILE", help="a TOML phrase file adding to the built-in lexicon")
    add_input_options(parser)
    parser.set_defaults(run=run)


def format_text(record: Record) -> str:
    """The record for a person to read: title, metadata, then the body."""
    lines = [record.title or "(no title)", "=" * min(len(record.title or "(no title)"), 80)]
    for label, value in (
        ("path", record.path), ("url", record.url), ("published", record.published),
        ("updated", record.updated), ("site", record.site_name), ("source", record.source),
        ("authors", ", ".join(record.authors)), ("language", record.language),
        ("keywords", ", ".join(record.keywords)), ("page type", record.page_type),
    ):
        if value:
            lines.append(f"{label:>10}: {value}")
    lines.append(f"{'removed':>10}: {len(record.removed)} block(s): {', '.join(record.removed_kinds) or '-'}")
    for warning in record.warnings:
        lines.append(f"{'warning':>10}: {warning}")
    lines += ["", record.text, ""]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    load_lexicon(args.rules)  # a bad rules file stops the run before any input is read
    limits = limits_from(args)
    failed = 0
    collected = []
    out = sys.stdout
    for name, outcome in clean_files(args.paths, mode=args.mode, rules=args.rules, encoding=args.encoding,
                                     limits=limits):
        if isinstance(outcome, InputError):
            print(f"cleaner: {outcome}", file=sys.stderr)
            failed += 1
            continue
        for warning in outcome.warnings:
            print(f"cleaner: {name}: {warning}", file=sys.stderr)
        failed += not outcome.text  # no article in it; a cut page or stray NULs are only warned of
        if args.format == "jsonl":
            out.write(json_line(outcome.to_dict()) + "\n")
            out.flush()
        elif args.format == "text":
            out.write(format_text(outcome) + "\n")
        else:
            collected.append(outcome.to_dict())
    if args.format == "json":
        out.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    return 1 if failed else 0
