"""Classify stage: one furniture logic over blocks from either mode, driven by one lexicon."""

from __future__ import annotations

import dataclasses

from cleaner.extract.blocks import Block
from cleaner.furniture.lexicon import Lexicon, load_lexicon
from cleaner.furniture.page import PageLayout, PageSettings, clear_header, locate_article, mark_outside
from cleaner.furniture.pagetypes import settings_for
from cleaner.furniture.rules import (
    Classification,
    Settings,
    dateline_source,
    duplicate_rules,
    header_rules,
    line_rules,
    markup_rules,
    section_rules,
    signoff_rules,
)

__all__ = ["Classification", "Settings", "PageSettings", "classify", "load_lexicon", "Lexicon"]


# the settings of a call that gives none, made once: settings are read, never written
_DEFAULT_SETTINGS = Settings()
_DEFAULT_AT_END = dataclasses.replace(
    _DEFAULT_SETTINGS, another_article_by_topic=False, another_article_after_related=False
)


def _page_headline(result: Classification, layout: PageLayout) -> None:
    """A whole page's text starts with its <title> line: the headline there is the page's, unless
    the line found above the body agrees with it; a line that does not is no title, and goes."""
    from cleaner.metadata.titles import SiteName, text_headline  # metadata's reading of title lines

    blocks, title = result.blocks, layout.title
    line = blocks[title].text if title else None  # the <title> line itself is no witness of its headline
    headline = text_headline(blocks[0].text, line, SiteName.of([layout.site_name], None))
    if headline and headline != line:
        result.note(0, "page_title", headline)
        if title == 0:
            blocks[0].remove("title", "the page's title line, with the site's name")
        elif title is not None:
            blocks[title].remove("other", "next to the title, not the page's headline")


def classify(
    blocks: list[Block],
    lexicon: Lexicon,
    *,
    title: str | None = None,
    settings: Settings | None = None,
    whole_page: bool = False,
    page_settings: PageSettings | None = None,
    page_type: str | None = None,
) -> Classification:
    """Mark every furniture block with its kind. `title`, when the page's markup gave one, is trusted.

    `whole_page`: the blocks are a scraper's flat text of a whole page, the article somewhere in it.
    `page_type`: what the page is (HTML mode): the rules that would take its content are off.
    """
    settings = settings_for(page_type, settings or _DEFAULT_SETTINGS)
    result = Classification(blocks)
    layout = locate_article(blocks, lexicon, page_settings) if whole_page else None
    if layout:
        result.language = layout.language
        layout = layout if layout.around else None  # the text is the article alone: the rules as ever
    if layout:
        mark_outside(blocks, layout, lexicon)
        if layout.title is not None and title is None:
            result.title_index, title = layout.title, blocks[layout.title].text
        if layout.site_name:
            result.note(0, "site_name", layout.site_name)
    signoff_rules(result, lexicon, settings)  # before the line rules: 'mmi/ pad/' is a code, not a dateline
    line_rules(result, lexicon, settings)
    markup_rules(result, lexicon, settings)
    header_rules(result, lexicon, settings, title)
    if layout:
        clear_header(blocks, layout)
        _page_headline(result, layout)
        # the page's end is found already: only a sign-off or a dateline opens another article
        settings = (
            _DEFAULT_AT_END if settings is _DEFAULT_SETTINGS
            else dataclasses.replace(settings, another_article_by_topic=False, another_article_after_related=False)
        )
    section_rules(result, lexicon, settings)
    duplicate_rules(result, settings)
    dateline_source(result)
    return result
