"""Command line: a thin skin over the library. Each command is one library call per input.

Errors the user can act on print as one line on stderr; no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from cleaner import __version__
from cleaner.errors import CleanerError

# each module has register(subparsers); a command's function returns the exit status
COMMAND_MODULES = (
    "cleaner.cli.clean", "cleaner.cli.archive", "cleaner.cli.job", "cleaner.cli.batch", "cleaner.cli.serve",
)

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner", description="Clean scraped web pages and text into archive records."
    )
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command not built in this version
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except CleanerError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
