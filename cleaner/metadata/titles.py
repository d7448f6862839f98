"""The page's headline as a reader sees it, from the lines a page's markup offers.

A `<title>` line is written for the browser tab and for search engines: "Headline | Site",
"Headline - Section - Site", "Site: Headline". The site's name is recognised because it repeats
elsewhere on the page (og:site_name, the publisher in the structured data, the URL's host), never
because of a list of sites. The h1 is what a reader sees above the article; it is the headline
when it agrees with what the `<title>` and og:title say (a logo or a section name in an h1 does
not), which also settles which part of a many-part `<title>` is the headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cleaner.furniture.lexicon import fold

# a bar, a dash, a bullet, a guillemet or a slash with spaces around it; a bar alone; an underscore
# or a double dash between letters of scripts that do not write them in words ("标题_频道_网站")
_SEPARATORS = re.compile(
    r"\s+(?:[|｜\-–—·•»«›>/~]|::|--)\s+|\s*[|｜]\s*|(?<=[^\x00-\x7f])(?:_|--)(?=[^\x00-\x7f])"
)
# these separate the site's name only: "Site: Headline", "Headline ：Site", "Headline. site.com"
_SITE_SEPARATORS = re.compile(r"\s*[:：]\s+|(?<=\w)\.\s+|\s+[:：]\s*|\s*：\s*")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|[a-z]{2})$", re.IGNORECASE)
_KEY = re.compile(r"[\W_]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# second-level labels under a country's domain: bbc.co.uk, abc.net.au, asahi.com.cn
_SECOND_LEVEL = frozenset(("co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go"))
_ANCHOR_MARKS = "¶#§🔗 "  # a permalink mark documentation tools print after a heading

HEADLINE_MAX_CHARS = 300  # a longer h1 is a block of text, not a headline
H1_AGREEMENT = 0.5  # share of an h1's words the <title> or og:title must hold for it to be the headline
LINE_AGREEMENT = 0.7  # ... and a line of a page's flat text, a weaker witness than an h1
H1_CANDIDATES = 5  # how many of a page's h1 elements are looked at
TITLE_MAX_CHARS = 1000  # a title line is read this far (a longer one is keywords, not a headline)
TITLE_MAX_PARTS = 12  # ... and split into this many parts at most


def _key(text: str) -> str:
    return _KEY.sub("", text.casefold())


def _words(text: str) -> set[str]:
    """Folded words; a run of a script written without spaces counts by its letters."""
    words = set()
    for word in fold(text).split():
        words.update(word if _UNSPACED.search(word) else (word,))
    return words


@dataclass
class SiteName:
    """What the page says its site is called (og:site_name, the publisher...) and its host: each
    name's key (case-folded letters and digits) with the number of words it is written in."""

    names: dict[str, int] = field(default_factory=dict)
    # on a site's home page the site is what the page is about: "Site: what it does" stays whole
    home: bool = False

    @classmethod
    def of(cls, names: Iterable[str | None], url: str | None) -> SiteName:
        site = cls()
        for name in names:
            if name:
                site.add(name.lstrip("@"))
        try:
            host = (urlsplit(url).hostname or "") if url else ""
        except ValueError:
            host = ""
        labels = [label for label in host.lower().split(".") if label]
        if len(labels) >= 2:  # the registered name ("bbc"), and with its suffix ("bbccouk")
            end = -2 if labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 and len(labels) >= 3 else -1
            for key in (_key(labels[end - 1]), _key("".join(labels[end - 1 :]))):
                if len(key) > 1:
                    site.names.setdefault(key, 1)
        return site

    def add(self, name: str) -> None:
        if len(_key(name)) > 1:
            self.names.setdefault(_key(name), len(name.split()))

    def matches(self, part: str, strict: bool = False) -> bool:
        """The part of a title line is the site's name: one of the names, a part of one, or (not
        `strict`) a name with a word more ("Site Forum"; strict, "Site Payments" is a product)."""
        key = _key(part)
        if not key or _DOMAIN.match(part.strip()):
            return True  # a separator alone, punctuation, or a domain name ("example.com")
        words = len(part.split())
        for name, name_words in self.names.items():
            if key == name or (len(key) >= 4 and key in name):
                return True
            if not strict and len(name) >= 3 and name in key and words <= name_words + 1:
                return True
        return False


def split_title(line: str) -> list[str]:
    """The parts of a title line; past TITLE_MAX_PARTS, the rest is one part (a line of keywords)."""
    return [part.strip() for part in _SEPARATORS.split(line, maxsplit=TITLE_MAX_PARTS) if part.strip()]


def _span(line: str, first: str, last: str) -> str:
    """The line from one part to another, with the stop that ends the last ("Headline. : Site")."""
    end = line.rfind(last) + len(last)
    while end < len(line) and line[end] in ".!?…":
        end += 1
    return line[line.find(first) : end]


def strip_site(line: str, site: SiteName, *, whole: bool = False, leading: bool = True) -> str:
    """The title line without the site's name at its end, and with `leading` at its start too.
    Of the parts left, the first (the headline comes first: "Headline | Section | Site"), or all of
    them when `whole` (a heading printed on the page is whole: "Spider-Man – the review").

    "Site | Words" is the site's own page (a home page, "Site | Its motto") unless the page shows
    that the words are its headline; so `leading` is for lines that og:title or an h1 confirm, and
    never on the site's home page, whose subject the site is."""
    parts = split_title(line)
    if not parts:
        return ""  # separators alone
    while len(parts) > 1 and site.matches(parts[-1]):
        parts.pop()
    leading = leading and not site.home
    while leading and len(parts) > 1 and site.matches(parts[0], strict=True):
        parts.pop(0)
    if len(parts) == 1 and site.matches(parts[0]) and not site.home:
        return ""  # the line is the site's name alone
    if whole or (site.home and site.matches(parts[0], strict=True)):
        head = _span(line, parts[0], parts[-1])
    else:
        head = parts[0]
    pieces = [p.strip() for p in _SITE_SEPARATORS.split(head) if p.strip()]
    if len(pieces) > 1 and site.matches(pieces[-1]):
        head = head[: head.rfind(pieces[-1])].rstrip(" :：")
    elif leading and len(pieces) > 1 and site.matches(pieces[0], strict=True):
        head = head[head.find(pieces[0]) + len(pieces[0]) :].lstrip(" :：")
    return head


def clean_heading(text: str) -> str:
    """A heading as printed, without the permalink mark a documentation page adds after it."""
    return " ".join(text.split()).rstrip(_ANCHOR_MARKS)


def _agreement(heading: str, reference: set[str], site: set[str]) -> float:
    words = _words(heading) - site
    return len(words & reference) / len(words) if words else 0.0


def _names_in_headings(title_line: str | None, references: list[str], headings: list[str], site: SiteName) -> None:
    """An h1 that prints what the <title> line ends with, after the headline ("Headline - Book"),
    is the site's (or the book's) name, as a logo; unless og:title says that part is the headline."""
    parts = split_title(title_line or "")
    if len(parts) < 2 or site.matches(parts[0]):
        return
    tail = _words(parts[-1])
    if any(_words(reference) == tail for reference in references):
        return
    for heading in headings:
        if _words(heading) == tail:
            site.add(heading)


def _repeated_part(title_line: str | None, references: list[str], site: SiteName) -> str | None:
    """The parts of the <title> line that og:title (or the structured headline) repeats alone:
    the headline, whatever site and section names stand around it ("Site: Headline" too)."""
    parts = [piece.strip() for part in split_title(title_line or "") for piece in _SITE_SEPARATORS.split(part)]
    parts = [part for part in parts if part]
    for reference in references:
        if site.matches(reference, strict=True) and not site.home:
            continue  # og:title that is the site's name says nothing of the headline
        words = _words(strip_site(reference, site, whole=True))
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                if j - i < len(parts) and _words(" ".join(parts[i:j])) == words:
                    return _span(title_line, parts[i], parts[j - 1])
    return None


def _agreeing_heading(
    headings: list[str], reference: set[str], site_words: set[str], site: SiteName
) -> tuple[str, int] | None:
    """The h1 most of whose words the title lines hold (the first of equals), and its index."""
    best, best_share = None, H1_AGREEMENT
    for i, heading in enumerate(headings):
        heading = strip_site(heading, site, whole=True) if heading else ""
        share = _agreement(heading, reference, site_words)
        if heading and share >= best_share and (best is None or share > best_share):
            best, best_share = (heading, i), share
    return best


def choose_headline(
    title_line: str | None, references: list[str], headings: list[str], site: SiteName
) -> tuple[str | None, int | None]:
    """The headline, and which of the headings (h1) it is: the h1 that agrees best with the
    <title> and og:title (when one agrees), else the <title> line (or og:title, or the structured
    headline) without the site's name."""
    headings = [clean_heading(h) if len(h) <= HEADLINE_MAX_CHARS else "" for h in headings[:H1_CANDIDATES]]
    title_line = title_line[:TITLE_MAX_CHARS] if title_line else title_line
    references = [reference[:TITLE_MAX_CHARS] for reference in references]
    _names_in_headings(title_line, references, headings, site)
    lines = [line for line in [title_line, *references] if line and line.strip()]
    parts = [part for line in lines for part in split_title(line)]
    site_words = {w for part in parts if site.matches(part) for w in _words(part)}
    repeated = _repeated_part(title_line, references, site)
    if repeated:  # the headline is known: an h1 must agree with it, not with a section's name
        title = strip_site(repeated, site)
        reference = set().union(_words(title), *(_words(r) for r in references)) - site_words
    else:
        title = next((s for s in (strip_site(line, site, leading=False) for line in lines) if s), None)
        reference = {w for part in parts if not site.matches(part) for w in _words(part)} - site_words
    best = _agreeing_heading(headings, reference, site_words, site)
    named_only = not title or (site.matches(title, strict=True) and not site.home)
    if best is None and named_only and headings and headings[0]:
        # a <title> that is the site's name (and its motto): the one visible headline says more
        best = (headings[0], 0) if not site.matches(headings[0]) else None
    return best or (title or None, None)


def text_headline(page_title: str, title_line: str | None, site: SiteName) -> str | None:
    """In a whole page's flat text: the headline line found above the body when it agrees with the
    page's <title> (the scraper's first line); else that first line without the site's name."""
    if len(page_title) > TITLE_MAX_CHARS:
        return title_line  # a first line this long is no <title>
    reference = {w for part in split_title(page_title) if not site.matches(part) for w in _words(part)}
    if title_line and _agreement(title_line, reference, set()) >= LINE_AGREEMENT:
        return title_line
    return strip_site(page_title, site, leading=False) or title_line
