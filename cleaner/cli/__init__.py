"""Command line: a thin skin over the library. Each command is one library call per input.

Errors the user can act on print as one line on stderr; no traceback reaches the terminal. A fault
in cleaner itself prints one line too (CLEANER_DEBUG=1 shows the traceback), and exits 70.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from cleaner import __version__
from cleaner.errors import CleanerError, describe_exception

# each module has register(subparsers); a command's function returns the exit status
COMMAND_MODULES = (
    "cleaner.cli.clean", "cleaner.cli.archive", "cleaner.cli.job", "cleaner.cli.batch", "cleaner.cli.serve",
)

EXIT_OK, EXIT_FAILED_INPUTS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


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
        return exc.exit_status
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, and let exit not write again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a fault of ours: one line, not a traceback
        if os.environ.get("CLEANER_DEBUG"):
            raise
        print(f"cleaner: internal error: {describe_exception(exc)} (a fault in cleaner; run with CLEANER_DEBUG=1 "
              "to see where, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
