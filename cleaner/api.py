"""The library's entry point: one input in, one record out, through every stage in order."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from cleaner import __version__
from cleaner.decode import decode_html, decode_text, looks_like_html
from cleaner.errors import CleanerError, InputError
from cleaner.extract.blocks import Block
from cleaner.extract.pagetype import PageType
from cleaner.extract.text import text_to_blocks
from cleaner.furniture import classify, load_lexicon
from cleaner.measure import word_count
from cleaner.metadata.fields import Metadata, from_findings
from cleaner.metadata.language import detect_language
from cleaner.read import InputItem
from cleaner.record import Record, Removed

MODES = ("auto", "text", "html")
MIN_ARTICLE_WORDS = 12  # fewer words than this left after cleaning is not an article
ARTICLE_TYPES = ("article", "other")  # page types whose content is an article (a product's few words are its content)
NO_ARTICLE = "no article found: what is left after cleaning is too short to be one"


def resolve_mode(content: bytes | str, mode: str) -> str:
    if mode not in MODES:
        raise CleanerError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
    if mode == "auto":
        return "html" if looks_like_html(content) else "text"
    return mode


def extract_blocks(
    content: bytes | str, mode: str, *, source: str | None, url: str | None, encoding: str | None
) -> tuple[list[Block], Metadata | None, PageType | None]:
    if mode == "html":
        from cleaner.extract.html import html_to_blocks

        return html_to_blocks(decode_html(content, source, encoding), url=url, source=source)
    return text_to_blocks(decode_text(content, source, encoding)), None, None


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
) -> Record:
    """Clean one page or text into a Record.

    `content` is raw bytes (decoded here) or text. `rules` is a user's phrase file added to the
    built-in lexicon. Raises InputError (naming `name`, `path` or `url`) for input that cannot be
    cleaned; a page with no article gives a record with empty text and a warning instead.
    """
    source = name or path or url
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if not raw.strip():
        raise InputError(source, "is empty (nothing but white space)")
    lexicon = load_lexicon(rules)
    mode = resolve_mode(content, mode)
    blocks, page, kind = extract_blocks(content, mode, source=source, url=url, encoding=encoding)
    result = classify(
        blocks, lexicon, title=page.title if page else None, whole_page=mode == "text",
        page_type=kind.name if kind else None,
    )
    meta = from_findings(result, page)
    body = [b for i, b in enumerate(blocks) if not b.removed and i != result.title_index]
    warnings: list[str] = []
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
    return "".join("r" if b.removed else "t" if i == title_index else "b" for i, b in enumerate(blocks))


def clean_item(item: InputItem, *, mode: str = "auto", rules: str | None = None) -> Record:
    """Clean an item a reader produced, keeping what its container said (URL, extra fields)."""
    record = clean(item.content, url=item.url, mode=mode, rules=rules, path=item.path, name=item.name)
    if item.extra:
        record.extra.update(item.extra)
        # a scraper that saved the body alone often saved the title beside it
        title = item.extra.get("title")
        if record.title is None and isinstance(title, str) and title.strip():
            record.title = title.strip()
    return record


def clean_items(
    items: Iterable[InputItem | InputError], *, mode: str = "auto", rules: str | None = None
) -> Iterator[tuple[InputItem | None, Record | InputError]]:
    """Clean a batch; a bad input yields its error and the batch goes on."""
    for item in items:
        if isinstance(item, InputError):
            yield None, item
            continue
        try:
            yield item, clean_item(item, mode=mode, rules=rules)
        except InputError as exc:
            yield item, exc
