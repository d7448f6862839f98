"""`cleaner serve` (an archive in the browser) and `cleaner explain` (one input's cleaning as an HTML file).

Flask and Jinja2 are imported when one of these runs, never when the parser is built, so the other
commands start as fast as before; without them, the command says which extra to install.
"""

from __future__ import annotations

import argparse
import sys

from cleaner.errors import CleanerError, InputError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
NEEDS_EXTRA = "needs the web view's packages: pip install 'cleaner[serve]'"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="browse an archive in a web browser (read-only)",
        description="Serve a read-only web view of the archive: what it holds, search, every record with "
        "what cleaning removed from it and why, runs and errors. Each page is also JSON (add .json to its "
        "path). Binds to 127.0.0.1 unless told otherwise. Needs pip install 'cleaner[serve]'.",
    )
    p.add_argument("--db", default="archive.db", metavar="PATH", help="the archive file (default: archive.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080; 0 picks a free one)")
    p.set_defaults(run=run_serve)

    p = subparsers.add_parser(
        "explain", help="show what cleaning removed from one page, as one HTML file",
        description="Clean PAGE and write its explain view: the input as it came, every removed block "
        "highlighted where it stood with its kind and reason, and an HTML page beside it, inert. One "
        "self-contained file that opens with no network. Exit status 1 when the input cannot be cleaned or holds "
        "no article (the file is written all the same), 2 for a usage error.",
    )
    p.add_argument("page", metavar="PAGE", help="a page or text file, or - for standard input")
    p.add_argument("--out", metavar="FILE", help="where to write the HTML (default: standard output)")
    p.add_argument("--mode", choices=("auto", "text", "html"), default="auto", help="how to read it (default: auto)")
    p.add_argument("--rules", metavar="FILE", help="a TOML phrase file adding to the built-in lexicon")
    p.set_defaults(run=run_explain)


def run_serve(args: argparse.Namespace) -> int:
    try:
        from werkzeug.serving import make_server

        from cleaner.views.app import create_app
    except ImportError:
        raise CleanerError(f"serve {NEEDS_EXTRA}") from None
    app = create_app(args.db, host=args.host)
    try:
        server = make_server(args.host, args.port, app, threaded=True)
    except OSError as exc:
        raise CleanerError(f"serve: cannot listen on {args.host}:{args.port} ({exc.strerror or exc})") from None
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"cleaner: serving {args.db} read-only at http://{host}:{server.server_port}/ (Ctrl+C stops)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    try:
        from cleaner.views.report import render_report
    except ImportError:
        raise CleanerError(f"explain {NEEDS_EXTRA}") from None
    from cleaner.api import clean_item
    from cleaner.furniture.lexicon import load_lexicon
    from cleaner.read import read_file

    load_lexicon(args.rules)  # a bad rules file is a usage error, before the input is read
    try:
        item = read_file(args.page)
        record = clean_item(item, mode=args.mode, rules=args.rules)
    except InputError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_FAILED
    html = render_report(record, item.content if isinstance(item.content, bytes) else item.content.encode("utf-8"))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(html)
        print(f"cleaner: {args.page}: {len(record.removed)} removed block(s) explained in {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(html)
    for warning in record.warnings:
        print(f"cleaner: {item.name}: {warning}", file=sys.stderr)
    return EXIT_FAILED if record.warnings else EXIT_OK
