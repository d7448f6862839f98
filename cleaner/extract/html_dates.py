"""The page's publication and update dates from its markup and from the lines by its headline.

Which date is the publication date: the structured data's `datePublished` of the page's article
(or post, or question), then the meta tags that name a publication (`article:published_time`...);
failing those, the date printed by the headline (a `<time>`, or a line of a date and its label,
read with the same lexicon and the same line rule as text mode); failing that, htmldate's reading
of the page. A date the page names as a modification (`dateModified`, "Updated ...") is the
update date, never the publication date.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from lxml.html import HtmlElement

from cleaner.extract.blocks import Block
from cleaner.furniture.lexicon import Lexicon, builtin_lexicon, fold
from cleaner.furniture.rules import Settings, date_line
from cleaner.metadata.dates import find_dates, normalize_iso, parse_date

_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")

HEADER_TEXTS = 40  # how many pieces of text after the headline are read for its date
KICKER_TEXTS = 6  # ... and before it
LABEL_MAX_CHARS = 30
BYLINE_MAX_WORDS = 12  # a byline with the date in it is short  # a longer piece of text is no label
# structured-data types whose date is the page's own: the article, the post, the question
WORK_TYPES = ("article", "posting", "blog", "report", "question", "review", "recipe", "howto", "newsletter")
PAGE_TYPES = ("webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage", "profilepage")
# meta tags that name the publication date, and the modification date
PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "publishdate", "publish-date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "citation_publication_date", "article.published", "published",
    "date.published",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "og:modified_time", "datemodified", "dcterms.modified")
_SKIPPED = frozenset(("script", "style", "noscript", "template", "svg"))


@dataclass
class PageDates:
    published: str | None = None
    updated: str | None = None


def entity_types(entity: dict) -> list[str]:
    kinds = entity.get("@type")
    return [k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)]


def entity_rank(entity: dict) -> int | None:
    """0: the work the page shows (an article, a post, a question); 1: the page itself."""
    kinds = entity_types(entity)
    if any(word in kind for kind in kinds for word in WORK_TYPES):
        return 0
    if any(kind in PAGE_TYPES for kind in kinds):
        return 1
    return None


def iso_day(value: object) -> str | None:
    """The day an ISO date or timestamp names, as written (the publisher's own day), as htmldate
    gives it."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return None
    day = normalize_iso(value.strip())
    return day[:10] if day else None


def _meta_day(value: str | None) -> str | None:
    """A meta tag's date: ISO, or with the month's name ("July 17, 2025"; "07/08/2025" is ambiguous)."""
    if not value:
        return None
    day = iso_day(value)
    if day or len(value) > 60 or not any(ch.isalpha() for ch in value):
        return day
    found = parse_date(value, builtin_lexicon())
    return found[:10] if found else None


def markup_dates(tags: dict[str, str], entities: list[dict]) -> PageDates:
    """What the structured data of the page's article, or its meta tags, say."""
    dates = PageDates()
    for rank in (0, 1):
        for entity in entities:
            if entity_rank(entity) == rank:
                dates.published = dates.published or iso_day(entity.get("datePublished"))
                dates.published = dates.published or iso_day(entity.get("dateCreated"))
                dates.updated = dates.updated or iso_day(entity.get("dateModified"))
        if dates.published:
            break
    dates.published = dates.published or next((d for d in map(_meta_day, map(tags.get, PUBLISHED_META)) if d), None)
    dates.updated = dates.updated or next((d for d in map(_meta_day, map(tags.get, MODIFIED_META)) if d), None)
    return dates


def _label(text: str) -> str | None:
    """'published' or 'updated' when the text is that label alone ("Posted on", "Modified")."""
    lexicon = builtin_lexicon()
    folded = fold(text)
    for role in ("published", "updated"):
        if folded in lexicon.phrases.get(role, ()):
            return role
    return None


def _marked_role(element: HtmlElement) -> str:
    """What microdata or RDFa says a <time> is: itemprop="dateModified" is the update."""
    marked = (element.get("itemprop") or element.get("property") or "").lower()
    return "updated" if "modified" in marked else "unlabeled"


Piece = tuple[str, "HtmlElement | None"]  # a piece of text, and the element it is the text of (None: a tail)


def _pieces(element: HtmlElement) -> Iterator[Piece]:
    """The texts of an element and of what it holds, in reading order, then its tail."""
    if isinstance(element.tag, str) and element.tag not in _SKIPPED:
        if element.text:
            yield element.text, element
        for child in element:
            yield from _pieces(child)
    if element.tail:
        yield element.tail, None


def _pieces_after(element: HtmlElement) -> Iterator[Piece]:
    """Every text after the element, in reading order: a walk that stops when its reader stops."""
    node = element
    while node is not None:
        if node.tail:
            yield node.tail, None
        for sibling in node.itersiblings():
            yield from _pieces(sibling)
        node = node.getparent()


def _pieces_before(element: HtmlElement) -> Iterator[Piece]:
    """Every text before the element, nearest first."""
    node = element
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from reversed(list(_pieces(sibling)))
        parent = node.getparent()
        if parent is not None and parent.text:
            yield parent.text, parent
        node = parent


def _byline_dates(line: str, lexicon: Lexicon) -> list[tuple[str, str, bool]] | None:
    """'By Jane Doe - 5 March 2024': a short byline that carries the date (in date_line's shape)."""
    if len(line.split()) > BYLINE_MAX_WORDS or not lexicon.leading("byline", line):
        return None
    found = find_dates(line, lexicon)
    return [("unlabeled", found[0].value, False)] if found else None


def header_dates(headline: HtmlElement, before: bool = False) -> list[tuple[str, str, bool]]:
    """(role, day, printed) of the dates after the headline (`before`: above it), in reading order:
    a `<time datetime>`, or a line that is a date and its label. A label standing alone
    ("Modified") names the next date; one the lexicon does not know ("Joined:") makes it
    another's ("other"). `printed`: read from the text a reader sees, not from an attribute."""
    walk = _pieces_before(headline) if before else _pieces_after(headline)
    pieces = ((" ".join(text.split()), owner) for text, owner in walk if not text.isspace())
    texts = list(itertools.islice(pieces, KICKER_TEXTS if before else HEADER_TEXTS))
    found: list[tuple[str, str, bool]] = []
    pending = None
    lexicon, settings = builtin_lexicon(), Settings()
    for line, owner in reversed(texts) if before else texts:
        if owner is not None and owner.tag == "time" and iso_day(owner.get("datetime")):
            found.append((pending or _marked_role(owner), iso_day(owner.get("datetime")), False))
            pending = None
            continue
        dates = date_line(Block(line), lexicon, settings) or _byline_dates(line, lexicon)
        if dates:
            found.extend(((pending if role == "unlabeled" else None) or role, day[:10], True) for role, day, _ in dates)
            pending = None
        else:
            pending = _label(line) if len(line) <= LABEL_MAX_CHARS else None
            if pending is None and len(line) <= LABEL_MAX_CHARS and line.endswith((":", "：")):
                pending = "other"  # "Joined:", "Member since:": a date, but not this page's
    return found


def _days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def page_dates(
    tree: HtmlElement, url: str | None, tags: dict[str, str], entities: list[dict], headline: HtmlElement | None
) -> PageDates:
    """The page's publication and update days, in the order the module's note gives."""
    dates = markup_dates(tags, entities)
    shown = header_dates(headline) if headline is not None else []
    if headline is not None and not any(role != "other" for role, _, _ in shown):
        shown = header_dates(headline, before=True)  # "News | 3 May 2024" above the headline
    updated = {day for role, day, _ in shown if role == "updated"} | ({dates.updated} if dates.updated else set())
    dates.updated = dates.updated or next((day for role, day, _ in shown if role == "updated"), None)
    labelled = [(day, printed) for role, day, printed in shown if role == "published"]
    unlabelled = [(day, printed) for role, day, printed in shown if role == "unlabeled"]
    first = next(((day, printed) for day, printed in labelled or unlabelled if day not in updated), None)
    if dates.published:
        # the markup's timestamp in UTC may fall on the next day; the page prints its own day
        if first and first[1] and _days_apart(first[0], dates.published) == 1:
            dates.published = first[0]
        return dates
    if first:
        dates.published = first[0]
        return dates
    from htmldate import find_date

    found = iso_day(find_date(tree, url=url, original_date=True, extensive_search=False))
    if found and (found not in updated or any(day == found for day, _ in unlabelled)):
        dates.published = found  # htmldate's date, unless the page names it as the update
    return dates
