"""Which furniture rules run on which page type.

The rules were made for news: a "read also" heading and the headlines under it, the links closing
an article, the byline and date lines above it. On other pages the same shapes are the content:
a listing's items are linked headlines with their authors and dates, a shop's category page is a
grid of links, documentation prints its own "See also" lists (and boxes: Sphinx's 'seealso'
admonition) and repeats its notes and code lines.
The WCXB audit (scripts/rule_audit.py) measured each rule per page type; a rule that takes more
content than furniture from pages of a type is off for that type. Each entry names what is off.
"""

from __future__ import annotations

import dataclasses

from cleaner.furniture.rules import Settings

# in HTML mode trafilatura has already chosen the article's element: a "read also" headline whose
# words the next paragraphs repeat is an in-body link on the same subject, not a second article;
# more than two byline lines in the extraction are the credits of a list's items (a reading list)
# (counting different credits twice, see rules._byline_count); an entry under a "read also" heading is a link
_HTML_ARTICLE = {"another_article_by_topic": False, "repeated_byline_max": 2, "entries_linked": True}
_ITEMS = {  # the page's content is items: headlines with teasers, credits and dates, grids of links
    **_HTML_ARTICLE, "another_article_after_related": False, "section_entries": False, "trailing_links": False,
    "linked_headlines": False, "date_lines": False, "bylines": False, "contact_lines": False,
    "read_also_boxes": False,
}
TYPE_SETTINGS: dict[str, dict[str, object]] = {
    "article": _HTML_ARTICLE,
    "other": _HTML_ARTICLE,
    "forum": {**_HTML_ARTICLE, "signatures": True},
    # the title again takes more of a product page's content than furniture (WCXB: 277 words, 0.53
    # gold): the product's name heads its description, so its first print stays
    "product": {**_HTML_ARTICLE, "title_in_body": True},
    # a service page's "Contact us: hi@example.eu" is what the page is for
    "service": {**_HTML_ARTICLE, "another_article_after_related": False, "contact_lines": False},
    "listing": _ITEMS,
    "collection": _ITEMS,
    "documentation": {**_ITEMS, "tag_lines": False, "datelines": False, "duplicates": False},
}


def settings_for(page_type: str | None, settings: Settings) -> Settings:
    """The settings for a page of this type (None: text, where the rules run as they are)."""
    changes = TYPE_SETTINGS.get(page_type or "")
    return dataclasses.replace(settings, **changes) if changes else settings
