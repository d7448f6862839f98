"""The library's entry point: one input in, one record out, through every stage in order.

`clean` raises nothing but the documented errors: InputError (and its kinds) for an input that
cannot be cleaned, whatever went wrong inside, and CleanerError for a usage error (bad mode or
rules file). A batch (`clean_items`) turns each input's error into that input's failure and goes on.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from functools import partial

from cleaner import __version__
from cleaner.decode import decode_html_utf8, decode_text, looks_like_html, stray_nuls
from cleaner.errors import (
    CleanerError,
    CleaningError,
    EmptyInput,
    InputError,
    InputTimeout,
    InputTooLarge,
    NotContent,
    describe_exception,
)
from cleaner.extract.blocks import Block
from cleaner.extract.pagetype import UNDATED_TYPES, PageType
from cleaner.extract.text import text_to_blocks
from cleaner.furniture import classify, load_lexicon
from cleaner.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_time,
    fit_page,
    time_is_up,
    time_limit,
    timeout_reason,
    too_large_reason,
)
from cleaner.measure import word_count
from cleaner.metadata.fields import Metadata, from_findings
from cleaner.metadata.language import detect_language
from cleaner.read import InputItem, display_name, read_file
from cleaner.record import Record, Removed

MODES = ("auto", "text", "html")
MIN_ARTICLE_WORDS = 12  # fewer words than this left after cleaning is not an article
ARTICLE_TYPES = ("article", "other")  # page types whose content is an article (a product's few words are its content)
NO_ARTICLE = "no article found: what is left after cleaning is too short to be one"
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")


def resolve_mode(content: bytes | str, mode: str) -> str:
    if mode not in MODES:
        raise CleanerError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
    if mode == "auto":
        return "html" if looks_like_html(content) else "text"
    return mode


def as_content(content: object, source: str | None) -> tuple[bytes | str, bytes]:
    """The content as given (str or bytes) and as bytes. A str with lone surrogates (a JSON
    '\\udcff', a file name decoded by the OS) gets U+FFFD for them: no file or database takes them."""
    if isinstance(content, (bytearray, memoryview)):
        content = bytes(content)
    if isinstance(content, bytes):
        return content, content
    if not isinstance(content, str):
        what = "None" if content is None else f"a {type(content).__name__}"
        raise NotContent(source, f"is {what}, not a page or text (give str or bytes)")
    try:
        return content, content.encode("utf-8")
    except UnicodeEncodeError:
        content = _LONE_SURROGATES.sub("\ufffd", content)
        return content, content.encode("utf-8")


def extract_blocks(
    content: bytes | str, mode: str, *, source: str | None, url: str | None, encoding: str | None,
    limits: Limits, warnings: list[str],
) -> tuple[list[Block], Metadata | None, PageType | None]:
    if mode == "html":
        from cleaner.extract.html import html_to_blocks

        text, utf8 = decode_html_utf8(content, source, encoding)
        page, cut = fit_page(text, limits.max_page_bytes, html=True, utf8=utf8)
        warnings += [cut] if cut else []
        check_time()
        # the bytes decoding read are the page's UTF-8 while the page is the text they gave, uncut
        return html_to_blocks(page, url=url, source=source, utf8=utf8 if page is text else None)
    text, cut = fit_page(decode_text(content, source, encoding), limits.max_page_bytes, html=False)
    warnings += [cut] if cut else []
    return text_to_blocks(text), None, None


def clean(
    content: bytes | str,
    *,
    url: str | None = None,
    mode: str = "auto",
    language: str | None = None,
    rules: str | None = None,
    path: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
    limits: Limits | None = None,
) -> Record:
    """Clean one page or text into a Record.

    `content` is raw bytes (decoded here) or text. `rules` is a user's phrase file added to the
    built-in lexicon. Raises InputError (naming `name`, `path` or `url`) for input that cannot be
    cleaned: InputTooLarge and InputTimeout past `limits`, CleaningError (the original exception
    chained) when cleaning itself failed. A page with no article gives a record with empty text
    and a warning instead; a page over `limits.max_page_bytes` is cut, with a warning.
    """
    source = name or path or url
    limits = limits or DEFAULT_LIMITS
    content, raw = as_content(content, source)
    if limits.max_input_bytes is not None and len(raw) > limits.max_input_bytes:
        raise InputTooLarge(source, too_large_reason(limits.max_input_bytes))
    if not raw or raw.isspace():
        raise EmptyInput(source, "is empty (nothing but white space)")
    lexicon = load_lexicon(rules)  # a bad rules file is a usage error, not this input's
    mode = resolve_mode(content, mode)
    if mode == "html":
        import cleaner.extract.html  # noqa: F401 - loaded once, before this input's clock starts
    with time_limit(limits.max_seconds, source):
        try:
            return _clean(content, raw, mode, lexicon, source=source, url=url, language=language, path=path,
                          encoding=encoding, limits=limits)
        except CleanerError:
            raise
        except Exception as exc:  # noqa: BLE001 - a fault in any stage or library is this input's failure
            if time_is_up():
                raise InputTimeout(source, timeout_reason(limits.max_seconds)) from None
            raise CleaningError(source, f"could not be cleaned: {describe_exception(exc)}") from exc


def _clean(content, raw, mode, lexicon, *, source, url, language, path, encoding, limits) -> Record:
    warnings: list[str] = []
    blocks, page, kind = extract_blocks(content, mode, source=source, url=url, encoding=encoding, limits=limits,
                                        warnings=warnings)
    check_time()
    nuls = stray_nuls(content)
    if nuls:
        warnings.append(f"{nuls} NUL byte(s) removed: stray control bytes in the text")
    result = classify(
        blocks, lexicon, title=page.title if page else None, whole_page=mode == "text",
        page_type=kind.name if kind else None,
    )
    meta = from_findings(result, page, dated_lines=kind is None or kind.name not in UNDATED_TYPES)
    body = [b for i, b in enumerate(blocks) if not b.removed and i != result.title_index]
    if (kind is None or kind.name in ARTICLE_TYPES) and sum(word_count(b.text) for b in body) < MIN_ARTICLE_WORDS:
        for block in body:
            block.remove("other", "left over on a page with no article")
        body = []
        warnings.append(NO_ARTICLE)
    text = "\n\n".join(b.text for b in body)
    detected = language or meta.language or result.language
    if not detected:
        detected = detect_language(text or " ".join(b.text for b in blocks), lexicon)
    return Record(
        text=text,
        title=meta.title,
        authors=meta.authors,
        published=meta.published,
        updated=meta.updated,
        site_name=meta.site_name,
        source=meta.source,
        language=detected,
        keywords=meta.keywords,
        page_type=kind.name if kind else None,
        page_type_evidence=list(kind.evidence) if kind else [],
        removed=[Removed(b.kind, b.text, b.reason) for b in blocks if b.removed],
        warnings=warnings,
        path=path,
        url=url or meta.url,
        input_sha256=hashlib.sha256(raw).hexdigest(),
        cleaner_version=__version__,
        layout=layout_of(blocks, result.title_index),
    )


def layout_of(blocks: list[Block], title_index: int | None) -> str:
    """Record.layout: what became of each block, so the record alone can show where removed blocks stood."""
    layout = ["r" if b.removed else "b" for b in blocks]
    if title_index is not None and layout[title_index] == "b":
        layout[title_index] = "t"
    return "".join(layout)


def clean_item(
    item: InputItem, *, mode: str = "auto", rules: str | None = None, encoding: str | None = None,
    limits: Limits | None = None,
) -> Record:
    """Clean an item a reader produced, keeping what its container said (URL, extra fields)."""
    record = clean(item.content, url=item.url, mode=mode, rules=rules, path=item.path, name=item.name,
                   encoding=encoding, limits=limits)
    if item.extra:
        record.extra.update(item.extra)
        # a scraper that saved the body alone often saved the title beside it
        title = item.extra.get("title")
        if record.title is None and isinstance(title, str) and title.strip():
            record.title = title.strip()
    return record


def clean_outcome(
    item: InputItem, *, mode: str = "auto", rules: str | None = None, encoding: str | None = None,
    limits: Limits | None = None,
) -> Record | InputError:
    """clean_item that returns the input's error instead of raising it: what a batch worker runs."""
    try:
        return clean_item(item, mode=mode, rules=rules, encoding=encoding, limits=limits)
    except InputError as exc:
        return exc


def clean_items(
    items: Iterable[InputItem | InputError], *, mode: str = "auto", rules: str | None = None,
    encoding: str | None = None, limits: Limits | None = None, isolate: bool = True,
) -> Iterator[tuple[InputItem | None, Record | InputError]]:
    """Clean a batch; a bad input yields its error and the batch goes on.

    With `isolate` (the default) inputs are cleaned in a worker process: one that overruns the time
    limit inside a C call, or crashes, is stopped and fails alone (cleaner.isolate).
    """
    for item, outcome in _batch(items, mode=mode, rules=rules, encoding=encoding, limits=limits, isolate=isolate):
        yield (None if isinstance(item, InputError) else item), outcome


def clean_files(
    paths: Iterable[str | os.PathLike], *, mode: str = "auto", rules: str | None = None,
    encoding: str | None = None, limits: Limits | None = None, isolate: bool = True,
) -> Iterator[tuple[str, Record | InputError]]:
    """Clean files ('-' for standard input, maybe gzipped): (name, record or error) for each, in order.

    Like clean_items, but each file is read where it is cleaned, in the worker, so a page's bytes
    never pass between processes.
    """
    limits = limits or DEFAULT_LIMITS

    def works() -> Iterator[str | InputItem | InputError]:
        for path in paths:
            if os.fspath(path) != "-":
                yield os.fspath(path)
                continue
            try:
                yield read_file("-", limits.max_input_bytes)
            except InputError as exc:
                yield exc

    for work, outcome in _batch(works(), mode=mode, rules=rules, encoding=encoding, limits=limits, isolate=isolate):
        yield _name_of(work), outcome


def _batch(works: Iterable, *, mode, rules, encoding, limits, isolate) -> Iterator[tuple[object, Record | InputError]]:
    """(work, its record or error) for each work: an item, a path to read, or an error already."""
    load_lexicon(rules)  # a bad rules file stops the batch before any input
    limits = limits or DEFAULT_LIMITS
    clean_work = partial(_clean_work, mode=mode, rules=rules, encoding=encoding, limits=limits)
    if not isolate:
        for work in works:
            yield work, work if isinstance(work, InputError) else clean_work(work)
        return
    from cleaner.isolate import Supervisor

    supervisor = Supervisor(clean_work, max_seconds=limits.max_seconds, failed=_worker_failed,
                            warm_up=partial(_warm_up, mode, rules))
    for work, outcome in supervisor.map(works, lambda work: None if isinstance(work, InputError) else work):
        yield work, work if isinstance(work, InputError) else outcome


def _clean_work(work: InputItem | str, **options) -> Record | InputError:
    if isinstance(work, str):
        try:
            work = read_file(work, options["limits"].max_input_bytes)
        except InputError as exc:
            return exc
    return clean_outcome(work, **options)


def _name_of(work: InputItem | InputError | str) -> str:
    if isinstance(work, InputError):
        return work.source
    return work.name if isinstance(work, InputItem) else display_name(work)


def _worker_failed(work: InputItem | str, error_class: type[InputError], reason: str) -> InputError:
    return error_class(_name_of(work), reason)


WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>"
    + "This page loads what cleaning needs once, before the workers are forked, so that they share it. " * 3
    + "</p></article></body></html>"
)


def _warm_up(mode: str, rules: str | None) -> None:
    """Load the lexicon, language profiles and extractor (not for text) in this process before
    workers are forked: they share those pages instead of each loading its own copy."""
    from cleaner.metadata.language import load_profiles

    clean(WARM_UP_PAGE, mode=mode, rules=rules)
    load_profiles()
