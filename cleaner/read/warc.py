"""WARC files from crawlers: each HTML response becomes an input, with URL and fetch time from its headers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from cleaner.errors import InputError
from cleaner.read import InputItem

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _is_html_page(record) -> bool:
    if record.rec_type == "response":
        if record.http_headers is None:
            return False
        status = record.http_headers.get_statuscode() or ""
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        return status.startswith("2") and any(t in content_type for t in HTML_TYPES)
    if record.rec_type == "resource":
        content_type = (record.rec_headers.get_header("Content-Type") or "").lower()
        return any(t in content_type for t in HTML_TYPES)
    return False


def read_warc(stream: BinaryIO, path: str) -> Iterator[InputItem | InputError]:
    """An item per HTML response (or resource) record; other records (requests, images...) are skipped."""
    try:
        for record in ArchiveIterator(stream):
            if record.format != "warc":  # warcio reads any line of words as an old ARC header
                yield InputError(path, "is not a readable WARC file (it looks like an ARC file or plain text)")
                return
            if not _is_html_page(record):
                continue
            record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
            url = record.rec_headers.get_header("WARC-Target-URI")
            name = f"{path} {url or record_id}"
            try:
                content = record.content_stream().read()
            except Exception as exc:  # noqa: BLE001 - warcio raises plain exceptions for broken bodies
                yield InputError(name, f"its body cannot be read ({exc})")
                continue
            yield InputItem(
                name=name,
                content=content,
                path=path,
                url=url,
                fetched=record.rec_headers.get_header("WARC-Date"),
                extra={"warc_record_id": record_id},
                key=record_id or name,
            )
    except ArchiveLoadFailed as exc:
        yield InputError(path, f"is not a readable WARC file ({str(exc).strip()})")
