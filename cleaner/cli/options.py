"""Options several commands share: the limits per input and the encoding of inputs."""

from __future__ import annotations

import argparse
import codecs

from cleaner.limits import DEFAULT_LIMITS, MB, Limits


def encoding_arg(value: str) -> str:
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r} (e.g. utf-8, windows-1256, iso-8859-1)") from None


def amount_arg(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of 0 or more")
    return number


def add_input_options(parser: argparse.ArgumentParser) -> None:
    d = DEFAULT_LIMITS
    parser.add_argument("--encoding", type=encoding_arg, metavar="NAME",
                        help="read inputs in this encoding (a byte-order mark still wins), for texts that are not "
                        "UTF-8 and pages that declare no charset, or a wrong one")
    parser.add_argument("--max-input-mb", type=amount_arg, default=d.max_input_bytes / MB, metavar="MB",
                        help="an input holding more (after decompression) fails, and reading stops there "
                        f"(default {d.max_input_bytes / MB:g}; 0: no limit; 1 MB = 1,000,000 bytes)")
    parser.add_argument("--max-page-mb", type=amount_arg, default=d.max_page_bytes / MB, metavar="MB",
                        help="a larger page is cut to this size (after dropping its scripts and styles) and its "
                        f"record says so (default {d.max_page_bytes / MB:g}; 0: no limit)")
    parser.add_argument("--max-seconds-per-input", type=amount_arg, default=d.max_seconds, metavar="SECONDS",
                        help=f"an input that takes longer to clean fails (default {d.max_seconds:g}; 0: no limit)")


def limits_from(args: argparse.Namespace) -> Limits:
    return Limits.of(args.max_input_mb, args.max_page_mb, args.max_seconds_per_input)
