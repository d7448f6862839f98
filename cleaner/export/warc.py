"""WARC export in the shape of Common Crawl's WET files: one `conversion` record of plain text per article.

Each record points at the page's URL (WARC-Target-URI) and, when the page came from a WARC, at the
response it was cleaned from (WARC-Refers-To), so web-archive tools can join text back to capture.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from typing import BinaryIO

from warcio.warcwriter import WARCWriter

from cleaner import __version__

_WARC_DATE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def _date_of(record: dict) -> str:
    """When the page was fetched (a WARC's own date), else when the archive took it in."""
    for stamp in ((record.get("extra") or {}).get("fetched"), (record.get("archive") or {}).get("added")):
        if isinstance(stamp, str) and _WARC_DATE.match(stamp):
            return stamp
    return "1970-01-01T00:00:00Z"


def conversion_body(record: dict) -> bytes:
    """The page as WET gives it: the title on the first line, then the text."""
    title = record.get("title")
    return ((title + "\n\n" if title else "") + (record.get("text") or "")).encode("utf-8")


def write_warc(records: Iterable[dict], handle: BinaryIO, compress: bool = False, name: str = "") -> int:
    count = 0
    writer = WARCWriter(handle, gzip=compress)
    writer.write_record(writer.create_warcinfo_record(
        name or "cleaner-export.warc", {"software": f"cleaner/{__version__}", "format": "WARC conversion records (WET)"}
    ))
    for record in records:
        url = record.get("url") or next(iter((record.get("archive") or {}).get("urls") or []), None)
        headers = {"WARC-Date": _date_of(record), "Content-Type": "text/plain; charset=utf-8"}
        if url is None:
            url = f"urn:cleaner:{record['id']}"
        refers_to = (record.get("extra") or {}).get("warc_record_id")
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        body = conversion_body(record)
        writer.write_record(writer.create_warc_record(
            url, "conversion", payload=io.BytesIO(body), length=len(body), warc_headers_dict=headers,
        ))
        count += 1
    return count
