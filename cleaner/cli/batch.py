"""`cleaner batch`: clean a whole collection into sharded record files, here or on a Ray cluster."""

from __future__ import annotations

import sys

from cleaner.api import MODES
from cleaner.batch import BatchOptions, run_batch
from cleaner.batch.plan import DEFAULT_TASK_SIZE, ENGINES, FORMATS
from cleaner.cli.archive import progress_bar
from cleaner.read.jsonl import FieldNames

EXIT_OK, EXIT_FAILED = 0, 1


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "batch", help="clean a large collection into sharded Parquet or JSONL files, locally or on Ray",
        description="Clean every input the SOURCEs hold into record shards under --out, deduplicated across "
        "the whole collection (exact and near-duplicates marked duplicate_of). A SOURCE is a file, a folder, a "
        "glob, or a URI pyarrow reads (file://, s3://, gs://). Running the same command again skips the tasks "
        "already done. Exit status: 0 all went well; 1 some inputs failed (listed in the manifest's errors); "
        "2 usage error.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--out", required=True, metavar="DIR", help="the output folder (or URI)")
    p.add_argument("--engine", choices=ENGINES, default="local",
                   help="local: a process pool here (default); ray: Ray Data on a Ray cluster")
    p.add_argument("--address", metavar="ADDR",
                   help="the Ray cluster to join (ray engine; default: RAY_ADDRESS, else a local Ray instance)")
    p.add_argument("--format", choices=FORMATS, default="parquet", help="shard format (default parquet)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes or Ray actors cleaning (default 1)")
    p.add_argument("--task-size", type=int, default=DEFAULT_TASK_SIZE, metavar="N",
                   help=f"page files per task and shard (default {DEFAULT_TASK_SIZE}); a JSONL or WARC file is "
                   "one task")
    p.add_argument("--rules", metavar="FILE", help="a TOML phrase file adding to the built-in lexicon")
    p.add_argument("--mode", choices=MODES, default="auto", help="how to read pages (default: auto)")
    p.add_argument("--url-field", metavar="NAME", help="JSONL: the field holding the page's URL")
    p.add_argument("--content-field", metavar="NAME", help="JSONL: the field holding the page (HTML or text)")
    p.set_defaults(run=run)


def run(args) -> int:
    options = BatchOptions(engine=args.engine, workers=args.workers, format=args.format, mode=args.mode,
                           rules=args.rules, fields=FieldNames(url=args.url_field, content=args.content_field),
                           task_size=args.task_size, address=args.address)
    bar = progress_bar("cleaning")
    try:
        result = run_batch(args.sources, args.out, options, progress=lambda task: bar.update(task.inputs))
    finally:
        bar.close()
    for error in result.errors:
        print(f"cleaner: {error['input']}: {error['reason']}", file=sys.stderr)
    print(f"cleaner: {result.counts.summary()}; {result.seconds:.1f} s; manifest: {result.out}/manifest.json",
          file=sys.stderr)
    return EXIT_FAILED if result.errors else EXIT_OK
