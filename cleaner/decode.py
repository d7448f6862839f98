"""Decode stage: bytes to text, and tell HTML from text.

Text files must be UTF-8 (or carry a BOM): guessing the encoding of a few lines of plain text
goes wrong too often to do silently. HTML declares its charset; when it does not, we detect it,
since Arabic pages in windows-1256 are common.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from cleaner.errors import BinaryInput, EmptyInput, UndecodableInput

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_SNIFF = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:div|p|article|section|span|a|meta|title|h[1-6]|ul|li|br|main|table)[\s>/]",
    re.IGNORECASE,
)
_CHARSET_DECL = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)
# Spaces that only stop a line from breaking: a reader sees a space, so do we.
_NO_BREAK_SPACES = (("\u00a0", " "), ("\u202f", " "), ("\u2007", " "), ("\u2060", ""))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A C1 control in decoded text (U+0093) is cp1252 punctuation that went through latin-1 on its way
# to UTF-8: it reads as cp1252 shows that byte (“), as browsers show such bytes; the five bytes
# cp1252 leaves undefined, and the other controls, go.
_CONTROL_AS_SHOWN = {chr(code): bytes([code]).decode("cp1252", "ignore") for code in range(0x80, 0xA0)}
# codecs Python knows that no page is written in: a charset label naming one is a lie or an attack
# (UTF-7 hides markup from filters; browsers refuse it too)
_NOT_PAGE_CHARSETS = frozenset(("idna", "punycode", "utf-7", "unicode-escape", "raw-unicode-escape", "undefined"))


def looks_like_html(content: bytes | str) -> bool:
    """Auto mode: HTML when the start of the content holds markup a page would have."""
    head = content[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    elif wide := _wide_encoding(head):  # UTF-16 or UTF-32: its markup is spelled with NUL bytes between
        head = head.decode(wide, "ignore").encode("utf-8", "ignore")
    return len(_HTML_SNIFF.findall(head)) >= 2 or head.lstrip().lower().startswith(b"<!doctype html")


# magic numbers of files a scraper's folder holds beside its pages: archives, PDFs, images
_MAGIC = (b"\x1f\x8b", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BZh", b"\xfd7zXZ",
          b"7z\xbc\xaf", b"\x28\xb5\x2f\xfd")
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x7f"  # not tab, line ends or form feed
BINARY_CONTROL_SHARE = 0.05  # of the first 8 KB: text, in any encoding, has next to none


def _check_not_binary(data: bytes, source: str | None) -> None:
    """A file is binary by its magic number, or when control bytes (NUL among them) are common in
    its first 8 KB. A few stray NULs in a text do not make it binary, wherever they are: they are
    removed, and the record says so (stray_nuls)."""
    sample = data[:8192]
    if _wide_encoding(sample):
        return
    if sample.startswith(_MAGIC):
        raise BinaryInput(source, "is a compressed or binary file (gzip, zip, PDF or an image), not a page or text")
    if b"\x00" not in sample:
        return
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > BINARY_CONTROL_SHARE * len(sample):
        raise BinaryInput(source, "looks like a binary file (it holds NUL bytes), not a page or text")


def stray_nuls(content: bytes | str) -> int:
    """NUL characters in a text or page that is not binary: cleaning drops them."""
    nul = "\x00" if isinstance(content, str) else b"\x00"
    if nul not in content or (isinstance(content, bytes) and _wide_encoding(content[:8192])):
        return 0  # `in` stops at the first: most pages hold none, and a count would read them all
    return content.count(nul)


def _bom_encoding(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a BOM names (the BOM cut off); or UTF-16 without one, whose NUL bytes show it."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom):]
    return _bomless_utf16(data[:8192]), data


UTF16_NUL_SHARE = 0.1  # of a UTF-16 sample's characters that are ASCII (spaces, markup, digits): a NUL in one half


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 saved without its BOM: many NULs, all in the odd bytes (little-endian) or all in the
    even ones (big-endian), and the sample decodes. No other text has that pattern."""
    pairs = len(sample) // 2
    if pairs < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0:pairs * 2:2].count(0), sample[1:pairs * 2:2].count(0)
    for name, ours, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if ours >= UTF16_NUL_SHARE * pairs and other <= 0.01 * pairs:
            try:
                sample[:pairs * 2].decode(name)
            except UnicodeDecodeError:
                continue  # a cut surrogate pair at the end is rare; a binary file's bytes are not UTF-16
            return name
    return None


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 by its BOM, or UTF-16 without one."""
    for bom, name in _BOMS[1:]:
        if sample.startswith(bom):
            return name
    return _bomless_utf16(sample)


def decode_text(data: bytes | str, source: str | None = None, encoding: str | None = None) -> str:
    """Decode flattened text: a BOM, the given encoding, or UTF-8; anything else is an error."""
    if isinstance(data, str):
        return normalize(data, source)
    _check_not_binary(data, source)
    bom, body = _bom_encoding(data)
    enc = bom or encoding or "utf-8"
    try:
        text = body.decode(enc)
    except UnicodeDecodeError as exc:
        raise UndecodableInput(
            source,
            f"is not valid {enc} (bad byte 0x{body[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 or name its encoding with --encoding",
        ) from None
    except UnicodeError as exc:  # codecs such as idna raise the general error
        raise UndecodableInput(source, f"is not valid {enc} ({exc})") from None
    except LookupError:
        raise UndecodableInput(source, f"unknown encoding {encoding!r}") from None
    return normalize(text, source)


def _declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    match = _CHARSET_DECL.search(head) or _XML_DECL.search(head)
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    if name in _NOT_PAGE_CHARSETS:
        return None
    # Browsers read these labels as their supersets; so do we.
    return {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-6": "cp1256"}.get(name, name)


@lru_cache(maxsize=64)
def _single_byte(encoding: str) -> bool:
    """A legacy charset of one byte a letter (cp1252, ISO 8859, KOI8): its text is valid UTF-8 only by
    a rare accident, so bytes that are valid UTF-8 with letters beyond ASCII are UTF-8."""
    try:
        return len(bytes(range(128, 256)).decode(encoding, errors="replace")) == 128
    except LookupError:
        return False


def _utf8_text(body: bytes) -> str | None:
    """The body as UTF-8, when it is UTF-8 with letters beyond ASCII (kept: decoding it twice costs)."""
    if body.isascii():
        return None  # nothing to tell: the declaration stands
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_html(data: bytes | str, source: str | None = None, encoding: str | None = None) -> str:
    """Decode a page: BOM, then the given encoding, the declared charset, UTF-8, then detection.

    Characters are not normalised here: most of a page is markup that never reaches the record,
    so the extract stage normalises the text it keeps (normalize_chars).
    """
    return decode_html_utf8(data, source, encoding)[0]


def decode_html_utf8(
    data: bytes | str, source: str | None = None, encoding: str | None = None
) -> tuple[str, bytes | None]:
    """decode_html's text, and the bytes it was decoded from when the UTF-8 codec read them (else
    None): those are the text's own UTF-8, which the parser reads, so it need not encode the text
    again. (The codec is strict: a text it decodes encodes back to the very bytes.)"""
    if isinstance(data, str):
        return _not_empty(data[1:] if data.startswith("\ufeff") else data, source), None
    _check_not_binary(data, source)
    bom, body = _bom_encoding(data)
    declared = _declared_charset(body)
    if declared and _single_byte(declared) and not bom and not encoding:
        text = _utf8_text(body)
        if text is not None:  # a page that moved to UTF-8 and kept its old declaration: its bytes tell
            return _not_empty(text, source), body
    candidates = [c for c in (bom, encoding, declared, "utf-8") if c]
    for enc in dict.fromkeys(candidates):
        try:
            return _not_empty(body.decode(enc), source), body if enc == "utf-8" else None
        except (UnicodeError, LookupError):  # idna and punycode raise UnicodeError itself
            continue
    from charset_normalizer import from_bytes  # trafilatura's own dependency

    best = from_bytes(body).best()
    if best is None:
        raise UndecodableInput(source, "its encoding could not be detected; name it with --encoding")
    return _not_empty(str(best), source), None


def _not_empty(text: str, source: str | None) -> str:
    if not text or text.isspace():  # strip() copied the whole page to tell
        raise EmptyInput(source, "is empty (nothing but white space)")
    return text


def normalize_chars(text: str) -> str:
    """Unicode NFC, no-break spaces as spaces, no control characters; ZWNJ is spelling and stays."""
    for space, plain in _NO_BREAK_SPACES:  # str.replace: many times faster than str.translate
        if space in text:
            text = text.replace(space, plain)
    return unicodedata.normalize("NFC", _CONTROL.sub(_as_shown, text))


def _as_shown(control: re.Match) -> str:
    return _CONTROL_AS_SHOWN.get(control.group(), "")


def normalize(text: str, source: str | None = None) -> str:
    """normalize_chars, one kind of line end, no BOM; white space only is an error."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = normalize_chars(text.replace("\r\n", "\n").replace("\r", "\n"))
    return _not_empty(text, source)
