"""WARC files from crawlers: each HTML response becomes an input, with URL and fetch time from its headers.

A record cut short (a truncated file: its body ends before its Content-Length) fails, named, and is
not stored half; a body over the limit per input fails without being held in memory. A damaged
record (garbled header, a header line over 1 MB or over 1,000 header lines, corrupt gzip member)
fails, named by its byte offset, and reading goes on at the next record the file holds: an archive
job must not lose a crawl's later pages to one bad record. (A stream that cannot seek, such as
standard input, stops at the damage.)
"""

from __future__ import annotations

import contextlib
import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from cleaner.errors import InputError, InputTooLarge, describe_exception, one_line
from cleaner.limits import MB, describe_bytes, too_large_reason
from cleaner.read import InputItem

HTML_TYPES = ("text/html", "application/xhtml+xml")
HEADER_LINE_MAX = MB  # a WARC or HTTP header line longer than this is a damaged or hostile file
LONG_LINE = f"it holds a header line longer than {describe_bytes(HEADER_LINE_MAX)}: a damaged file"
HEADER_LINES_MAX = 1000  # header lines one record may hold (web servers refuse more than about 100)
MANY_LINES = f"it holds a record of more than {HEADER_LINES_MAX:,} header lines: a damaged file"
RESYNC_MAX = 100  # damaged stretches a file may hold before it is given up as too damaged to read
SCAN_BLOCK = MB
GZIP_MAGIC = b"\x1f\x8b\x08"
RECORD_START = b"\nWARC/1."


def _bounded_lines(
    records: ArchiveIterator, most: int = HEADER_LINE_MAX, most_lines: int = HEADER_LINES_MAX
) -> ArchiveIterator:
    """warcio reads header lines whole, joining its 16 KB blocks one by one: a line of 200 MB
    without a line end takes hours and all its bytes in memory. Past `most` bytes, it is an error.
    It keeps every header line of a record, at some 30 bytes of memory for each byte of the file:
    past `most_lines` lines in a row (no blank line, no body read between them), it is an error."""
    reader = records.reader
    readline, read = reader.readline, reader.read
    run = [0]  # header lines read in a row

    def bounded(length: int | None = None) -> bytes:
        wanted = most if not length or length > most else length
        parts, size = [], 0
        while size < wanted and (part := readline(wanted - size)):  # it may stop short of a line end
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n"):
                break
        line = b"".join(parts)
        if size >= most and not line.endswith(b"\n"):
            records.damage = LONG_LINE  # warcio turns some errors into others: this one says what happened
            raise ValueError(LONG_LINE)
        run[0] = run[0] + 1 if line.strip() else 0
        if run[0] > most_lines:
            records.damage = MANY_LINES
            raise ValueError(MANY_LINES)
        return line

    def reading(*args) -> bytes:
        run[0] = 0
        return read(*args)

    reader.readline, reader.read = bounded, reading
    records.damage = None
    return records


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


def _next_record(records: Iterator):
    """The next record (None at the end), and whether warcio found the one before damaged: it
    prints a warning of its own on stderr then, which becomes one line naming the file instead."""
    noise = io.StringIO()
    with contextlib.redirect_stderr(noise):
        record = next(records, None)
    return record, bool(noise.getvalue().strip())


def _body(record, name: str, limit: int | None) -> bytes:
    """The record's payload, within the limit; an error if the file ends before the record does."""
    try:
        stream = record.content_stream()
        content = stream.read() if limit is None else stream.read(limit + 1)
    except Exception as exc:  # noqa: BLE001 - warcio raises plain exceptions for broken bodies
        raise InputError(name, f"its body cannot be read ({describe_exception(exc)})") from None
    if limit is not None and len(content) > limit:
        raise InputTooLarge(name, too_large_reason(limit))
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        raise InputError(name, f"is cut short: the file ends {missing:,} bytes before this record does "
                               "(a truncated WARC file); it is not stored")
    return content


def read_warc(stream: BinaryIO, path: str, limit: int | None = None) -> Iterator[InputItem | InputError]:
    """An item per HTML response (or resource) record; other records (requests, images...) are skipped."""
    for _ in range(RESYNC_MAX + 1):
        damage = yield from _read_records(stream, path, limit)
        if damage is None:
            return
        offset, why = damage
        resume = _next_record_start(stream, offset)
        if resume is None:
            yield InputError(path, f"is not a readable WARC file ({why})" if offset == 0 else
                             f"holds a damaged record at byte {offset:,} ({why}); no whole record follows it")
            return
        yield InputError(path, f"holds a damaged record at byte {offset:,} ({why}); "
                               f"reading goes on at the next record, at byte {resume:,}")
        stream.seek(resume)
    yield InputError(path, f"holds more than {RESYNC_MAX} damaged records: the rest of it is not read")


def _read_records(stream: BinaryIO, path: str, limit: int | None):
    """Items from the stream's position on; returns where it could read no further, and why (None at the end)."""
    archive = None
    try:
        archive = _bounded_lines(ArchiveIterator(stream))
        records = iter(archive)
        while True:
            record, damaged = _next_record(records)
            if damaged:
                yield InputError(path, "holds a record whose Content-Length does not match its body (a damaged file)")
            if record is None:
                return None
            if record.format != "warc":  # warcio reads any line of words as an old ARC header
                yield InputError(path, "is not a readable WARC file (it looks like an ARC file or plain text)")
                return None
            if _is_html_page(record):
                yield _item(record, path, limit)
    except ArchiveLoadFailed as exc:
        return _damage_offset(archive), _shortened(" ".join(str(exc).split()))
    except Exception as exc:  # noqa: BLE001 - warcio's header parsers raise plain exceptions on damaged files
        why = getattr(archive, "damage", None) or describe_exception(exc)
        return _damage_offset(archive), _shortened(why)


def _shortened(why: str, most: int = 160) -> str:
    """warcio quotes the line it could not read, binary garbage included: a message stays a line."""
    return why if len(why) <= most else why[:most].rstrip() + "…"


def _item(record, path: str, limit: int | None) -> InputItem | InputError:
    record_id = record.rec_headers.get_header("WARC-Record-ID") or ""
    url = record.rec_headers.get_header("WARC-Target-URI")
    name = one_line(f"{path} {url or record_id}")  # a URL with an ESC in it must not reach a terminal
    try:
        content = _body(record, name, limit)
    except InputError as exc:
        return exc
    return InputItem(
        name=name,
        content=content,
        path=path,
        url=url,
        fetched=record.rec_headers.get_header("WARC-Date"),
        extra={"warc_record_id": record_id},
        key=record_id or name,
    )


def _damage_offset(archive: ArchiveIterator | None) -> int:
    """Where the record warcio could not read starts (warcio keeps the offset of the one it reads)."""
    return int(getattr(archive, "offset", 0) or 0)


def _next_record_start(stream: BinaryIO, offset: int) -> int | None:
    """The offset of the first whole record after `offset`: a gzip member that opens with a WARC
    header in a gzipped file, a `WARC/1.x` line in a plain one. None if the stream cannot seek."""
    try:
        if not stream.seekable():
            return None
        stream.seek(0)
        gzipped = stream.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    except (OSError, ValueError):
        return None
    marker = GZIP_MAGIC if gzipped else RECORD_START
    position = offset + 1
    while (found := _find(stream, marker, position)) is not None:
        start = found if gzipped else found + 1
        if _opens_a_record(stream, start, gzipped):
            return start
        position = found + 1
    return None


def _find(stream: BinaryIO, marker: bytes, position: int) -> int | None:
    """The offset of `marker` at or after `position`, read a block at a time."""
    stream.seek(position)
    carried = b""
    while block := stream.read(SCAN_BLOCK):
        window = carried + block
        index = window.find(marker)
        if index >= 0:
            return position - len(carried) + index
        carried = window[-(len(marker) - 1):]
        position += len(block)
    return None


def _opens_a_record(stream: BinaryIO, start: int, gzipped: bool) -> bool:
    stream.seek(start)
    head = stream.read(4096)
    if gzipped:
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith((b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/1.0\n", b"WARC/1.1\n"))
