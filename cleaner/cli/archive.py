"""Archive commands: `cleaner archive`, `search`, `show`, `stats`, `export`, `errors`.

Every one takes --db (default archive.db). Reports and summaries go to stderr; data to stdout.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from cleaner.api import MODES
from cleaner.cli.options import add_input_options, limits_from
from cleaner.errors import CleanerError
from cleaner.export import FORMATS, export, json_line
from cleaner.furniture.lexicon import load_lexicon
from cleaner.read.jsonl import FieldNames
from cleaner.store import Archive, IngestOptions, archive_sources
from cleaner.store.lock import Busy
from cleaner.store.searchtext import fts_query

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_JOB_RUNNING = 0, 1, 2, 3, 4
DEFAULT_DB = "archive.db"
EXIT_TEXT = (
    "Exit status: 0 all went well; 1 some inputs (or sources) failed, see `cleaner errors`; 2 usage error "
    "(bad option, bad rules file, not an archive); 3 the archive is in use by another run (after --wait); "
    "6 the archive could not be written (a full disk, a read-only file): what was stored before stays."
)
READ_EXIT_TEXT = "Exit status: 0 done; 2 usage error (bad option, no such archive or run)."
EXPORT_EXIT_TEXT = ("Exit status: 0 written; 2 usage error (bad option, no such archive or run); 5 the file could "
                    "not be written (a missing folder, a full disk): nothing is left half written.")
_DATE = re.compile(r"^\d{4}(-\d\d(-\d\d([T ]\d\d:\d\d(:\d\d)?Z?)?)?)?$")


def date_arg(value: str) -> str:
    if not _DATE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD, or YYYY-MM, YYYY)")
    return value.replace(" ", "T")


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, metavar="PATH", help=f"the archive file (default: {DEFAULT_DB})")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "archive", help="archive pages, JSONL exports and WARC files into a deduplicated, searchable archive",
        description="Clean every input the SOURCEs hold and store it once in the archive. A SOURCE is a file, "
        "a folder (walked for .html .htm .txt .json .jsonl .warc, each maybe .gz), a glob, or - for standard "
        "input. Inputs the archive already holds unchanged are skipped. " + EXIT_TEXT,
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    add_db(p)
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes cleaning in parallel (default 1)")
    p.add_argument("--rules", metavar="FILE", help="a TOML phrase file adding to the built-in lexicon")
    p.add_argument("--mode", choices=MODES, default="auto", help="how to read pages (default: auto)")
    p.add_argument("--url-field", metavar="NAME", help="JSONL: the field holding the page's URL")
    p.add_argument("--content-field", metavar="NAME", help="JSONL: the field holding the page (HTML or text)")
    p.add_argument("--wait", type=float, default=60, metavar="SECONDS",
                   help="how long to wait for another run on the same archive to finish (default 60)")
    p.add_argument("--retry-failed", action="store_true",
                   help="clean again the inputs that failed, even unchanged (after new --rules or an upgrade)")
    add_input_options(p)
    p.add_argument("--no-keep-inputs", dest="keep_inputs", action="store_false",
                   help="do not keep each record's input (compressed) in the archive: a smaller archive, but "
                   "`cleaner serve` then shows no original page beside a record")
    p.set_defaults(run=run_archive)

    p = subparsers.add_parser("search", help="full-text search of the archive",
                              description="Find records holding every word (or \"quoted phrase\") of QUERY, "
                              "best first. Arabic and Persian spellings (harakat, yeh/kaf forms) match alike, and an "
                              "Arabic-script word of three letters or more finds its forms with clitics and "
                              "suffixes glued on (كتاب: الكتاب, والكتاب, كتابه; کتاب: کتاب‌ها). " + READ_EXIT_TEXT)
    p.add_argument("query", metavar="QUERY")
    add_db(p)
    p.add_argument("--lang", help="only records in this language (ar, fa, en, ...)")
    p.add_argument("--site", help="only records from this site (host name or site name)")
    p.add_argument("--since", type=date_arg, help="published on or after this date")
    p.add_argument("--until", type=date_arg, help="published on or before this date")
    p.add_argument("--limit", type=int, default=20, help="most results (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per result")
    p.set_defaults(run=run_search)

    p = subparsers.add_parser("show", help="one record with its removed blocks",
                              description="Print the record ID (or a unique start of it) with where it came from "
                              "and the blocks cleaning removed. Exit status 1 when there is no such record.")
    p.add_argument("id", metavar="ID")
    add_db(p)
    p.add_argument("--json", action="store_true", help="the record as JSON, earlier versions included")
    p.set_defaults(run=run_show)

    p = subparsers.add_parser("stats", help="what the archive holds",
                              description="Count the archive's records, near-duplicates, earlier versions, URLs and "
                              "inputs (by status), with its languages, top sites and runs. " + READ_EXIT_TEXT)
    add_db(p)
    p.add_argument("--json", action="store_true", help="the counts as one JSON object")
    p.set_defaults(run=run_stats)

    p = subparsers.add_parser("export", help="write records as jsonl, csv, parquet or warc",
                              description="Write the archive's records to FILE (- for standard output). jsonl may end "
                              "in .gz; warc writes one `conversion` record per article as Common Crawl's WET files "
                              "do; parquet needs pip install 'cleaner[parquet]'. The file appears whole or not at "
                              "all. " + EXPORT_EXIT_TEXT)
    add_db(p)
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write, or - for standard output")
    p.add_argument("--since", type=date_arg, help="only records added or updated in the archive since this date")
    p.add_argument("--run", dest="run_id", type=int, metavar="RUN", help="only records added or updated by this run")
    p.set_defaults(run=run_export)

    p = subparsers.add_parser("errors", help="inputs that failed, with the reason",
                              description="List the inputs whose last attempt failed (or, with --run, the errors "
                              "of one run). " + READ_EXIT_TEXT)
    add_db(p)
    p.add_argument("--run", dest="run_id", type=int, metavar="RUN", help="the errors of this run")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run_errors)


def open_archive(args) -> Archive:
    return Archive(args.db, create=False)


def progress_bar(desc: str):
    from tqdm import tqdm

    return tqdm(desc=desc, unit=" inputs", disable=not sys.stderr.isatty(), file=sys.stderr, leave=False)


def run_archive(args) -> int:
    load_lexicon(args.rules)  # a bad rules file stops the run before anything is read
    if args.workers < 1:
        raise CleanerError("--workers must be 1 or more")
    options = IngestOptions(workers=args.workers, mode=args.mode, rules=args.rules, retry_failed=args.retry_failed,
                            fields=FieldNames(url=args.url_field, content=args.content_field),
                            encoding=args.encoding, limits=limits_from(args), keep_inputs=args.keep_inputs)

    def events(kind, **fields):
        if kind == "input_failed":
            bar.write(f"cleaner: {fields['input']}: {fields['reason']}", file=sys.stderr)

    bar = progress_bar("archiving")
    try:
        result = archive_sources(args.db, args.sources, options, wait_seconds=args.wait, events=events,
                                 progress=bar.update)
    except Busy as exc:
        bar.close()
        print(f"cleaner: {exc}; try again later", file=sys.stderr)
        return EXIT_BUSY
    bar.close()
    print(f"cleaner: run {result.run_id}: {result.counts.summary()}", file=sys.stderr)
    return EXIT_FAILED if result.counts.failed else EXIT_OK


def run_search(args) -> int:
    expression = fts_query(args.query)
    if not expression:
        raise CleanerError("search: the query has no words")
    archive = open_archive(args)
    hits = archive.search(expression, lang=args.lang, site=args.site, since=args.since, until=args.until,
                          limit=args.limit)
    for hit in hits:
        if args.json:
            print(json_line(hit))
        else:
            print(f"{hit['id']}  {hit['published'] or '----------'}  {hit['language'] or '--'}  "
                  f"{hit['title'] or '(no title)'}")
            print(f"    {hit['url'] or ''}\n    {hit['snippet']}")
    print(f"cleaner: {len(hits)} record(s) found", file=sys.stderr)
    return EXIT_OK


def format_record(view: dict, old: bool) -> str:
    from cleaner.cli.clean import format_text
    from cleaner.record import Record

    record = Record.from_dict(view)
    archive = view["archive"]
    lines = format_text(record).rstrip("\n").split("\n")
    lines.insert(2, f"{'id':>10}: {view['id']}" + (" (an earlier version's id led here)" if old else ""))
    extra = [f"{'urls':>10}: {u}" for u in archive["urls"]]
    extra.append(f"{'archived':>10}: {archive['added']} (version {archive['version']}, updated {archive['updated']})")
    if archive["duplicate_of"]:
        extra.append(f"{'duplicate':>10}: near-duplicate of {archive['duplicate_of']}")
    lines[3:3] = extra
    lines.append("")
    lines.append(f"--- removed blocks ({len(record.removed)}) ---")
    lines += [f"[{r.kind}] {r.text}" + (f"  ({r.reason})" if r.reason else "") for r in record.removed]
    return "\n".join(lines)


def run_show(args) -> int:
    archive = open_archive(args)
    found = archive.find(args.id)
    if found is None:
        print(f"cleaner: {args.id}: no such record in {args.db}", file=sys.stderr)
        return EXIT_FAILED
    rowid, old = found
    view = archive.record_view(rowid)
    if args.json:
        view["archive"]["earlier_versions"] = archive.versions(rowid)
        print(json.dumps(view, ensure_ascii=False, indent=2))
    else:
        print(format_record(view, old))
    return EXIT_OK


def run_stats(args) -> int:
    stats = open_archive(args).stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        print(f"{key.replace('_', ' '):>16}: {value}")
    return EXIT_OK


def run_export(args) -> int:
    archive = open_archive(args)
    if args.run_id is not None:
        archive.require_run(args.run_id)
    count = export(archive.iter_records(since=args.since, run_id=args.run_id), args.format, args.out)
    where = "standard output" if args.out == "-" else args.out
    print(f"cleaner: {count} record(s) written to {where}", file=sys.stderr)
    return EXIT_OK


def run_errors(args) -> int:
    archive = open_archive(args)
    if args.run_id is not None:
        archive.require_run(args.run_id)
    rows = archive.errors_of_run(args.run_id) if args.run_id is not None else archive.failed_inputs()
    for row in rows:
        print(json_line(row) if args.json else f"{row['input']}: {row['reason']}")
    print(f"cleaner: {len(rows)} failed input(s)", file=sys.stderr)
    return EXIT_OK
