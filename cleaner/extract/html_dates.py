"""The page's publication and update dates from its markup and from the lines by its headline.

Which date is the publication date, most trusted first:
1. the structured data's `datePublished` of the page's article (or post, or question), then the
   meta tags that name a publication (`article:published_time`...); a timestamp in UTC that falls
   a day after the day the page prints by its headline gives way to that printed day, and one the
   headline's `<time>` states in the page's own zone gives way to that zone's day (the page's day);
2. the date printed by the headline (a `<time>`, a line of a date and its label, a byline with a
   date, read with the same lexicon and line rule as text mode); the headline is the h1 that
   prints it or, on a page without one, the element that does;
3. the structured data's dates written in no ISO shape, and meta tags of any date of the page's
   life (`dc.date`);
4. htmldate's reading of the page (`original_date=True`, without its extensive search, which
   dated 11 more WCXB dev pages, 8 of them wrongly, 4 with a copyright year's 1 January);
5. when nothing names a publication, the last update: the version a reader sees.
A date the page names as a modification (`dateModified`, "Updated ...") is the update date, never
the publication date while a publication date is known. An address with a year and month in it
("/2025/12/slug") is a witness: a date from another month gives way to one the page shows in it.
Copyright years are never read: no rule reads a year alone. A product's page has no
publication: only 1 and 3 date it (the dates it prints are its reviews' and offers').
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from lxml.html import HtmlElement

from cleaner.extract.blocks import Block
from cleaner.furniture.lexicon import Lexicon, builtin_lexicon, fold
from cleaner.furniture.rules import Settings, date_line
from cleaner.metadata.dates import find_dates, normalize_iso, parse_date

_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
_DIGIT = re.compile(r"\d")  # a digit of any script (find_dates reads each as its ASCII one)
# a year and a month in an address's path: "/2024/05/", "/2024-05-17-"
_URL_DATE = re.compile(r"/((?:19|20)\d{2})(?:/(\d{1,2})/|-(\d{2})-\d{2}(?:\b|_))")

HEADER_TEXTS = 40  # how many pieces of text after the headline are read for its date
KICKER_TEXTS = 6  # ... and before it
LABEL_MAX_CHARS = 30
SAME_INSTANT_SECONDS = 60  # two stamps of one moment: the markup's and the printed <time>'s may round it
BYLINE_MAX_WORDS = 12  # a byline with the date in it is short  # a longer piece of text is no label
# structured-data types whose date is the page's own: the article, the post, the question
WORK_TYPES = ("article", "posting", "blog", "report", "question", "review", "recipe", "howto", "newsletter")
PAGE_TYPES = ("webpage", "itempage", "aboutpage", "faqpage", "qapage", "collectionpage", "profilepage")
# meta tags that name the publication date, and the modification date
PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "publishdate", "publish-date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dcterms.created", "citation_publication_date", "article.published", "published",
    "date.published", "citation_online_date",
)
# meta tags of a date of the page's life, most often but not always its publication
LIFECYCLE_META = ("dc.date", "dcterms.date", "citation_date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "og:modified_time", "datemodified", "dcterms.modified")
_SKIPPED = frozenset(("script", "style", "noscript", "template", "svg"))


@dataclass
class PageDates:
    published: str | None = None
    updated: str | None = None
    # the structured data's dates written in no ISO shape ("Jun 24, 2025"): often a template's
    # date of the day the page was built, so trusted less than a date printed by the headline
    loose_published: str | None = None
    loose_updated: str | None = None
    published_stamp: str | None = None  # the markup's publication as written: its time and zone


class Shown(NamedTuple):
    """A date printed or marked by the headline."""

    role: str  # "published", "updated", "unlabeled", "other"
    day: str
    printed: bool  # read from the text a reader sees, not from an attribute
    stamp: str = ""  # a <time>'s datetime as written, with its zone


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


def _meta_day(value: object) -> str | None:
    """A meta tag's or the structured data's date: ISO, or with the month's name ("July 17, 2025",
    "Dec 03, 2025"; "07/08/2025" is ambiguous)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str) or not value:
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
                if not dates.published and (day := iso_day(entity.get("datePublished"))):
                    dates.published, dates.published_stamp = day, entity.get("datePublished")
                dates.published = dates.published or iso_day(entity.get("dateCreated"))
                dates.updated = dates.updated or iso_day(entity.get("dateModified"))
                dates.loose_published = dates.loose_published or _meta_day(entity.get("datePublished"))
                dates.loose_updated = dates.loose_updated or _meta_day(entity.get("dateModified"))
        if dates.published:
            break
    if not dates.published:
        stamped = ((value, _meta_day(value)) for value in map(tags.get, PUBLISHED_META))
        dates.published_stamp, dates.published = next(((value, day) for value, day in stamped if day), (None, None))
    dates.updated = dates.updated or next((d for d in map(_meta_day, map(tags.get, MODIFIED_META)) if d), None)
    lifecycle = next((d for d in map(_meta_day, map(tags.get, LIFECYCLE_META)) if d), None)
    dates.loose_published = dates.loose_published or lifecycle
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


def _pieces_reversed(element: HtmlElement) -> Iterator[Piece]:
    """_pieces backwards, as lazily: the reader stops after a few, and the header or menu before
    a headline holds thousands."""
    if element.tail:
        yield element.tail, None
    if isinstance(element.tag, str) and element.tag not in _SKIPPED:
        for child in reversed(element):
            yield from _pieces_reversed(child)
        if element.text:
            yield element.text, element


def _pieces_before(element: HtmlElement) -> Iterator[Piece]:
    """Every text before the element, nearest first."""
    node = element
    while node is not None:
        for sibling in node.itersiblings(preceding=True):
            yield from _pieces_reversed(sibling)
        parent = node.getparent()
        if parent is not None and parent.text:
            yield parent.text, parent
        node = parent


def _byline_dates(line: str, lexicon: Lexicon) -> list[tuple[str, str, bool]] | None:
    """'By Jane Doe - 5 March 2024': a short byline that carries the date (in date_line's shape).
    Every date find_dates reads has digits (of any script): a line without one is no dated byline,
    told before the lexicon's search for the byline's opening, which costs ten times more."""
    if not _DIGIT.search(line) or len(line.split()) > BYLINE_MAX_WORDS or not lexicon.leading("byline", line):
        return None
    found = find_dates(line, lexicon)
    return [("unlabeled", found[0].value, False)] if found else None


def _time_day(stamp: str, text: str, lexicon: Lexicon) -> tuple[str, bool]:
    """A `<time>`'s day, and whether the reader sees it: its text shows that day. A stamp in UTC
    may fall a day after the one the page prints ("2026-02-24T04:13Z" printed "February 23"):
    the printed day, the page's own, is the day. A stamp in another zone states the page's own
    day itself (a text printed in the zone of whoever fetched the page may show the next)."""
    day = iso_day(stamp) or ""
    shown = find_dates(text, lexicon) if len(text) <= LABEL_MAX_CHARS * 2 else []
    printed = shown[0].value[:10] if shown else ""
    moment = _instant(stamp)
    in_utc = moment is not None and not moment.utcoffset()
    if in_utc and printed and printed != day and _days_apart(printed, day) == 1:
        return printed, True
    return day, printed == day


def header_dates(headline: HtmlElement, before: bool = False) -> list[Shown]:
    """(role, day, printed) of the dates after the headline (`before`: above it), in reading order:
    a `<time datetime>`, or a line that is a date and its label. A label standing alone
    ("Modified") names the next date; one the lexicon does not know ("Joined:") makes it
    another's ("other"). `printed`: read from the text a reader sees, not from an attribute."""
    walk = _pieces_before(headline) if before else _pieces_after(headline)
    pieces = ((" ".join(text.split()), owner) for text, owner in walk if not text.isspace())
    texts = list(itertools.islice(pieces, KICKER_TEXTS if before else HEADER_TEXTS))
    found: list[Shown] = []
    pending = None
    lexicon, settings = builtin_lexicon(), Settings()
    for line, owner in reversed(texts) if before else texts:
        if owner is not None and owner.tag == "time" and iso_day(owner.get("datetime")):
            day, printed = _time_day(owner.get("datetime"), line, lexicon)
            found.append(Shown(pending or _marked_role(owner), day, printed, owner.get("datetime")))
            pending = None
            continue
        # every date either reader finds has a digit (each returns None first on a line without one):
        # most lines after a headline hold none, and are told by one search, without a Block made
        dates = _DIGIT.search(line) and (date_line(Block(line), lexicon, settings) or _byline_dates(line, lexicon))
        if dates:
            found.extend(Shown((pending if role == "unlabeled" else None) or role, day[:10], True)
                         for role, day, _ in dates)
            pending = None
        else:
            pending = _label(line) if len(line) <= LABEL_MAX_CHARS else None
            if pending is None and len(line) <= LABEL_MAX_CHARS and line.endswith((":", "：")):
                pending = "other"  # "Joined:", "Member since:": a date, but not this page's
    return found


def _days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def url_month(url: str | None) -> str | None:
    """The year and month a page's address names ("/2024/05/17/slug", "/2024-05-17-slug"): "2024-05".
    A version number in a slug ("/2024-4-4-release") is none."""
    found = _URL_DATE.search(url or "")
    month = int(found.group(2) or found.group(3)) if found else 0
    return f"{found.group(1)}-{month:02d}" if 1 <= month <= 12 else None


def _candidates(tree: HtmlElement, url: str | None, dates: PageDates, shown: list[Shown], guess: bool) -> Iterator[str]:
    """The publication day's witnesses, most trusted first (the order of the module's note)."""
    updated = {s.day for s in shown if s.role == "updated"} | ({dates.updated} if dates.updated else set())
    labelled = [s for s in shown if s.role == "published"]
    unlabelled = [s for s in shown if s.role == "unlabeled"]
    first = next((s for s in labelled or unlabelled if s.day not in updated), None)
    if dates.published:
        printed_days = {s.day for s in shown if s.printed}
        # the markup's timestamp in UTC may fall on the next day; the page prints its own day
        next_day = first and _days_apart(first.day, dates.published) == 1
        if next_day and first.printed and dates.published not in printed_days:
            yield first.day
        if first and _local_instant(dates.published_stamp, first.stamp):
            yield first.day  # the markup's instant in UTC, which the headline's <time> states in the page's zone
        yield dates.published
    if first:
        yield first.day
    if dates.loose_published:
        yield dates.loose_published
    found = _htmldate_day(tree, url) if guess else None
    if found and (found not in updated or any(s.day == found for s in unlabelled)):
        yield found  # htmldate's date, unless the page names it as the update
    if dates.updated:
        yield dates.updated  # a page that names no publication: the version a reader sees


def _instant(stamp: object) -> datetime | None:
    """A timestamp with its zone ("2025-12-19T04:25:38+0500"); None for a day or a time without one."""
    try:
        moment = datetime.fromisoformat(stamp.strip()) if isinstance(stamp, str) and "T" in stamp else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _local_instant(utc_stamp: str | None, local_stamp: str) -> bool:
    """Whether the second stamp states the first one's instant, given in UTC, in another zone:
    its day as written is then the page's own day of that instant."""
    utc, local = _instant(utc_stamp), _instant(local_stamp)
    if utc is None or local is None or utc.utcoffset() or not local.utcoffset():
        return False
    return abs((utc - local).total_seconds()) <= SAME_INSTANT_SECONDS


def _htmldate_day(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    return iso_day(find_date(tree, url=url, original_date=True, extensive_search=False))


def page_dates(
    tree: HtmlElement,
    url: str | None,
    tags: dict[str, str],
    entities: list[dict],
    headline: HtmlElement | None,
    guess: bool = True,
) -> PageDates:
    """The page's publication and update days, in the order the module's note gives. A day in
    another month than the page's address names gives way to a date the page shows in that month
    (htmldate's guess is no witness there: it reads the address itself). `guess`: whether
    htmldate's guess may date the page when its markup and its headline's lines do not."""
    dates = markup_dates(tags, entities)
    shown = header_dates(headline) if headline is not None else []
    if headline is not None and not any(s.role != "other" for s in shown):
        shown = header_dates(headline, before=True)  # "News | 3 May 2024" above the headline
    dates.updated = dates.updated or next((s.day for s in shown if s.role == "updated"), None)
    dates.updated = dates.updated or dates.loose_updated
    published = next(_candidates(tree, url, dates, shown, guess), None)
    month = url_month(url)
    if published and month and not published.startswith(month):
        on_page = [s.day for s in shown if s.role in ("published", "unlabeled")] + [dates.loose_published]
        published = next((day for day in on_page if day and day.startswith(month)), published)
    dates.published = published
    return dates
