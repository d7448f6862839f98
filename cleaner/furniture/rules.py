"""Furniture rules. Each looks at one block (and its neighbours) and answers: body, or furniture of a kind.

Rules only mark blocks and note what the furniture tells (a source, keywords, a date); the metadata
stage decides what to keep of those findings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, islice
from operator import attrgetter, not_
from typing import TypeVar

from cleaner.extract.blocks import Block
from cleaner.extract.dom import WHOLE_BOX_KINDS
from cleaner.furniture.lexicon import PHRASE_KINDS, Lexicon, content_words, fold, fold_ends, phrase_alternation
from cleaner.furniture.memo import kept_answers
from cleaner.measure import UNSPACED_FROM, UNSPACED_STOPS, ends_sentence, has_unspaced, word_count
from cleaner.metadata.dates import find_dates, to_ascii_digits

CLAUSE_END = re.compile(r"[.:،,;؛]['\"”’»)\]]*$")
_DATELINE_ALONE = re.compile(r"^(?P<name>[^\d.:]{2,40}?)\s*(?:/\s*\.\.|\.\.\s*/|\.\.|/|--|—|–|؛)\s*$")
_DATELINE_INLINE = re.compile(r"^(?P<name>[^\d.:!?؟]{2,40}?)\s*(?:؛|/\s*\.\.|\.\.\s*/|--|—)\s*\S")
_PARENS = re.compile(r"\(([^()]{2,30})\)")
_KEYWORD_SPLIT = re.compile(r"\s*[,،;؛|#]\s*")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|،|&|\band\b|\bund\b|\bet\b|\by\b| و)\s*")
_DIGIT = re.compile(r"\d")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)


@dataclass
class Settings:
    """Thresholds, named so a reader sees what each rule tolerates."""

    headline_max_words: int = 40
    site_header_max_words: int = 5
    label_value_max_words: int = 8  # a source credit or byline longer than this is a sentence
    share_line_max_words: int = 15
    short_line_max_words: int = 12
    prompt_max_words: int = 40  # a paywall prompt: two or three sentences at most
    pointer_max_words: int = 30  # a "read also" headline or related-list entry
    duplicate_min_words: int = 5
    topic_overlap: float = 0.35  # share of a headline's words the next paragraph must repeat
    # what may open another article that runs to the end: a "read also" headline whose words the next
    # paragraphs repeat, and a related list's heading (besides a sign-off or a dateline, which always may)
    another_article_by_topic: bool = True
    another_article_after_related: bool = True
    # which rules run: all of them on news and articles; a page type whose content looks like
    # furniture (a listing's linked items, the author line under each book of a list, the dates
    # of a timeline) turns some off (see furniture/pagetypes.py)
    section_entries: bool = True  # the headlines under a "read also" or "related" heading go with it
    trailing_links: bool = True  # links closing the body are other articles
    linked_headlines: bool = True  # a one-link paragraph between paragraphs points elsewhere
    date_lines: bool = True
    bylines: bool = True
    tag_lines: bool = True
    datelines: bool = True
    duplicates: bool = True
    # more byline lines than this are the credits of a list's items (HTML: the extraction is the
    # content; a whole page's text holds the other articles' bylines too, see pagetypes.py)
    repeated_byline_max: int = 1_000_000
    repeated_label_min: int = 3  # a "read more" heading printed this often is a button under each item
    # HTML: the headline under a "read also" heading is a link to the other article; text has no links to tell
    entries_linked: bool = False
    # a contact line closes a news story; on a service page or a directory the address is the content
    contact_lines: bool = True
    # a box marked 'read more' or 'see also' points to other articles; documentation's 'seealso'
    # admonition is its own cross-reference, and a listing's 'read-more' cards are its items
    read_also_boxes: bool = True
    # the title printed in the body: a story's headline is the record's title, out of the body; a
    # product's name heads its description and specifications, so its first print stays
    title_in_body: bool = False
    # a box marked 'signature' on a thread is the poster's tag line printed under each of their posts
    # (a motto, their gear, links of their own), never the post, whatever its sentences (WCXB: of 250
    # signatures on forum pages, none in the gold); elsewhere the mark is evidence like any other
    signatures: bool = False


@dataclass
class Finding:
    index: int  # the block it came from
    field: str  # title, site_name, source, dateline_source, keywords, authors, published, updated, ...
    value: object


@dataclass
class Classification:
    blocks: list[Block]
    findings: list[Finding] = field(default_factory=list)
    title_index: int | None = None
    article_end: int | None = None  # where another article, or the page's trailing furniture, starts
    language: str | None = None  # the page's language, when its stopwords leave no doubt

    def note(self, index: int, name: str, value: object) -> None:
        self.findings.append(Finding(index, name, value))


_REMOVED = attrgetter("removed")
_KIND = attrgetter("kind")
RENAMEABLE_KINDS = frozenset({None, "other"})  # body (None), or mere page furniture a sign-off rule may name


def kept_blocks(blocks: list[Block]) -> Iterable[tuple[int, Block]]:
    """(index, block) of each block not removed, told as the loop reaches it (a rule may remove blocks
    ahead of it), without a step of bytecode for each of the removed: on a whole page's text the
    page pass took most lines out before the rules run."""
    return compress(enumerate(blocks), map(not_, map(_REMOVED, blocks)))


def is_headline(text: str, settings: Settings) -> bool:
    n = word_count(text)
    return 2 <= n <= settings.headline_max_words and not CLAUSE_END.search(text)


def _is_cased(text: str) -> bool:
    return any(ch.isupper() for ch in text) or any(ch.islower() for ch in text)


# --- line rules: one block decides by itself -------------------------------------------------


DATE_UNITS = "年月日時时分秒号號년월일시분초"  # units glued to a date's numbers: 2024年 12月 7日 10時, 2024년 12월 7일


def _date_phrases(lexicon: Lexicon) -> set[str]:
    phrases = set(lexicon.months) | lexicon.weekdays | lexicon.hijri_markers
    phrases |= lexicon.phrases.get("published", set()) | lexicon.phrases.get("updated", set())
    phrases |= {"gmt", "utc", "am", "pm", "z", "at", "a m", "p m", "edt", "est", "pst", "pdt", "cet", "cest", "bst"}
    phrases |= {"오전", "오후", "午前", "午後", "上午", "下午", "น"}  # a.m. and p.m.; Thai "o'clock"
    return phrases


@lru_cache(maxsize=8)
def _date_noise(lexicon: Lexicon) -> re.Pattern:
    alternation = phrase_alternation(_date_phrases(lexicon))  # as the phrases longest first, tried faster
    glued = rf"\d+\s*[{DATE_UNITS}]"
    return re.compile(rf"{glued}|(?<!\w)(?:{alternation}|\d+(?:st|nd|rd|th|er|e|h)?)(?!\w)")


@lru_cache(maxsize=8)
def _date_words(lexicon: Lexicon) -> frozenset[str]:
    """Every word _date_noise may take out of a line whole: a word of a line that is none of these
    and holds no digit leaves something of itself behind."""
    return frozenset(w for p in _date_phrases(lexicon) for w in p.split()) | frozenset(DATE_UNITS)


def _too_many_words_for_dates(folded: str, lexicon: Lexicon) -> bool:
    """More than two words of the line are neither a number nor a date's word: not a date line.
    Told before the dates are looked for, which costs more; only for spaced scripts, where a token
    is a word as word_count counts it."""
    known = _date_words(lexicon)
    left = 0
    for word in folded.split():  # a word of letters alone holds no digit: told without a look at each
        if word not in known and (word.isalpha() or not any(ch.isdigit() for ch in word)):
            left += 1
            if left > 2:
                return True
    return False


def date_line(block: Block, lexicon: Lexicon, settings: Settings) -> list[tuple[str, str, bool]] | None:
    """The dates of a line that holds nothing but dates and their labels: [(role, iso, has_seconds)]."""
    return _line_dates(block.text, lexicon, settings)


def _line_dates(text: str, lexicon: Lexicon, settings: Settings) -> list[tuple[str, str, bool]] | None:
    too_long = len(text) > DATE_LINE_MAX_CHARS or word_count(text) > 2 * settings.short_line_max_words
    if too_long or not _DIGIT.search(text):
        return None
    folded = fold(to_ascii_digits(text))
    if not has_unspaced(folded) and _too_many_words_for_dates(folded, lexicon):
        return None
    found = find_dates(text, lexicon)
    if not found:
        return None
    rest = _date_noise(lexicon).sub(" ", folded)
    if word_count(rest) > 2:  # in any script: '2024年3月5日，国务院常务会议研究部署…' is a sentence, not a date line
        return None
    labels, roles = _date_labels(lexicon)
    out = []
    for date in found:
        before = labels.findall(f" {date.prefix} ")  # the labels before the date, by where each starts
        out.append((roles[before[-1]] if before else "unlabeled", date.value, date.has_seconds))
    return out


@lru_cache(maxsize=8)
def _date_labels(lexicon: Lexicon) -> tuple[re.Pattern, dict[str, str]]:
    """Every publish and update label, as ' label ' (the last one before a date names it): found at
    each place one starts (a look ahead, so that labels may overlap), the first of the list where
    two start at one place; and the role each names (published, when a label is both)."""
    published = lexicon.phrases.get("published", set())
    updated = lexicon.phrases.get("updated", set())
    labels = [(f" {label} ", name) for labels, name in ((published, "published"), (updated, "updated"))
              for label in labels]
    roles: dict[str, str] = {}
    for label, name in labels:
        roles.setdefault(label, name)
    alternatives = "|".join(re.escape(label) for label in roles)
    return re.compile(f"(?=({alternatives}))" if alternatives else "(?!)"), roles


DATE_LINE_MAX_CHARS = 200
DATA_TAGS = ("row", "code")  # a table row or a code block is data: its dates and labels are not furniture
_UNSEEN = object()  # a line a memo has no answer for yet
Answer = TypeVar("Answer")
LINE_MEMO_MAX_CHARS = 200  # lines a rule remembers its answer for: menus, footers, bylines, date lines


def _remember(memo: dict[str, Answer], text: str, answer: Answer) -> Answer:
    """Keep a rule's answer of a short line (a rule first looks in the memo itself: one call less)."""
    if len(text) <= LINE_MEMO_MAX_CHARS:
        memo[text] = answer
    return answer


def line_rules(result: Classification, lexicon: Lexicon, settings: Settings) -> None:
    bylines = _byline_count(result.blocks, lexicon) if settings.bylines else 0
    dated = kept_answers("date lines", lexicon, settings.short_line_max_words)
    for i, block in kept_blocks(result.blocks):
        if block.tag in DATA_TAGS:
            continue
        text = block.text
        n = word_count(text)
        short = settings.date_lines and len(text) <= DATE_LINE_MAX_CHARS  # a longer line is no date line
        dates = dated.get(text, _UNSEEN) if short else None
        if dates is _UNSEEN:
            dates = _remember(dated, text, _line_dates(text, lexicon, settings))
        if dates:
            block.remove("date", "a line of dates and date labels")
            for role, value, has_seconds in dates:
                result.note(i, role, (value, has_seconds))
            continue
        opens = lexicon.opening_categories(text)
        credit = lexicon.leading("source", text) if "source" in opens else None
        if (
            credit
            and 1 <= word_count(credit[1]) <= settings.label_value_max_words
            and not ends_sentence(credit[1].rstrip("."))
        ):
            block.remove("source", f"source credit '{credit[0]}'")
            result.note(i, "source", credit[1].strip(" .").strip())
            continue
        tags = lexicon.leading("tags", text) if "tags" in opens and settings.tag_lines else None
        if tags and (tags[1] or n <= 3):
            block.remove("tags", f"tag line '{tags[0]}'")
            if tags[1]:
                result.note(i, "keywords", split_keywords(tags[1]))
            else:
                _take_tag_list(result, i, settings)
            continue
        # a heading that opens with "By" groups what follows ("By Audience"): it credits no one
        byline = lexicon.leading("byline", text) if bylines and "byline" in opens and block.tag != "h" else None
        if byline and bylines <= settings.repeated_byline_max and _looks_like_names(text, byline, settings):
            block.remove("byline", f"byline '{byline[0]}'")
            result.note(i, "authors", [a for a in _AUTHOR_SPLIT.split(byline[1].strip(" .")) if a])
            continue
        if "share" in opens and _is_share_line(text, lexicon, settings):
            block.remove("share", "share / print buttons")
            continue
        alone = _DATELINE_ALONE.match(text) if settings.datelines and n <= settings.site_header_max_words else None
        if alone and not _LETTER.search(alone.group("name")):
            block.remove("other", "a rule of dashes or dots")
            continue
        if alone and _names_a_place(alone.group("name")):
            block.remove("dateline", "a dateline standing alone")
            result.note(i, "dateline_source", _dateline_name(alone.group("name")))
            continue
        # a paywall prompt is a sentence or two ("この記事は会員限定です。登録すると続きをお読みいただけます。")
        prompt = lexicon.within("paywall", text) if n <= settings.prompt_max_words else None
        if prompt:
            block.remove("ad", f"a prompt to subscribe or log in ('{prompt}')")
            continue
        for category, kind, max_words in (
            ("ad", "ad", settings.short_line_max_words),
            ("footer", "footer", settings.short_line_max_words),
            ("comments", "other", 6),
            ("nav", "nav", 0),
        ):
            if category not in opens:
                continue
            lead = lexicon.leading(category, text)
            # a rights notice ends like a sentence ('All rights of this site are reserved.'); an ad or menu
            # line that does is probably prose, and so is a footer phrase labelling a sentence
            # ('Accessibility: Hidden pipes raise the cost.') or calling to act ('Contact us at ... to start!')
            ends_ok = not ends_sentence(text) or (category == "footer" and lead is not None and _is_notice(text, lead))
            if category == "footer" and (
                _heads_prose(result.blocks, i, settings) or (not settings.contact_lines and _EMAIL.search(text))
            ):
                break  # 'Accessibility' over a paragraph names a section of the page's text; a service's address is its
            if lexicon.is_phrase(category, text) or (lead and n <= max_words and ends_ok):
                block.remove(kind, f"{category} line")
                break
        else:
            if n <= 2 * settings.short_line_max_words and _may_be_copyright(text) and _COPYRIGHT.search(text):
                block.remove("footer", "copyright line")


def _may_be_copyright(text: str) -> bool:
    """What _COPYRIGHT needs, told without the regex: a ©, a bracket, or 'copy' in any case (only
    ASCII letters match c, o, p and y case-blind)."""
    return "©" in text or "(" in text or "opy" in text.lower()


def _byline_count(blocks: list[Block], lexicon: Lexicon) -> int:
    """How many lines of the page open with a byline label: one is the article's credit; many are
    the credits of a list's items (a reading list's "by <author>" under each book). Two lines that
    credit different people are two items' credits: an article prints its own credit once, or the
    same one twice; co-authors share one line. So different credits count double."""
    texts = [b.text for b in blocks]
    credits = [fold(text) for text, opens in zip(texts, lexicon.openings_of(texts), strict=True)
               if "byline" in opens and lexicon.leading("byline", text)]
    distinct = len(set(credits))
    return len(credits) + (distinct if distinct > 1 else 0)


_LETTER = re.compile(r"[^\W\d_]")


def _names_a_place(name: str) -> bool:
    """A dateline names a place or an agency: in capitals ('LONDON --', 'WASHINGTON (AP) --'), in
    brackets, or in a script without case ('بيروت/..'). 'Hello again--' is a sentence's end."""
    letters = _LETTER.findall(name)
    return bool(_PARENS.search(name)) or not _is_cased(name) or all(not ch.islower() for ch in letters)


def _is_notice(text: str, lead: tuple[str, str]) -> bool:
    return bool(_DIGIT.search(text)) or (text.rstrip().endswith(".") and not _separated(text, lead[0]))


def _heads_prose(blocks: list[Block], i: int, settings: Settings) -> bool:
    """A heading with a paragraph of prose under it is a section of the page's text."""
    if blocks[i].tag != "h":
        return False
    after = next((b for b in blocks[i + 1:] if not b.removed), None)
    return after is not None and _is_paragraph(after.text, settings)


def _is_paragraph(text: str, settings: Settings) -> bool:
    """A paragraph of prose: a sentence, longer than a short line."""
    return ends_sentence(text) and word_count(text) > settings.short_line_max_words


# --- sign-offs: the lines an agency or a site adds to every story ------------------------------

# an address standing for itself: not the user part of a URL or a module path ('example.com/mod@v1.3.4')
_EMAIL = re.compile(r"(?<![\w.+/:-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?![\w/])")
_CODE_PARTS = re.compile(r"[\s/.*\-–—|:()\[\]«»]+")
ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*[\[(]?")
CONTACT_MAX_WORDS = 20
SIGNOFF_MAX_CHARS = 600  # longer than any sign-off, print-edition line included
GENERIC_SIGNOFF_MAX_CHARS = 200  # below the article, only short lines are looked at again
COUNTER_MAX_WORDS = 6
PRINT_LABEL_LONG_WORDS = 4  # a print-edition label this long is unmistakable
PRINT_SHORT_LINE_MAX_WORDS = 20
CREDIT_MAX_WORDS = 4
_BRACKETED = re.compile(r"^\s*[(（\[]\s*([^()（）\[\]]{2,40}?)\s*[)）\]]\s*$")
CODE_LOOKBACK = 3  # how many short credit lines may stand between a story's last sentence and its code
_NUMBER = re.compile(r"[\d.,:/]+")
PRINT_EDITION_MAX_WORDS = 60


def is_story_code(text: str) -> bool:
    """Initials and numbers between slashes or asterisks, as agencies sign a story: 'ع ب / م ع',
    'lb-mpa/mla', '۲۰۹۳**۱۰۵۵', '/ح' (and nothing at all)."""
    text = to_ascii_digits(text).strip()
    if len(text) > 40:
        return False
    parts = [p for p in _CODE_PARTS.split(text) if p]
    return len(parts) <= 6 and all((len(p) <= 4 or p.isdigit()) and not has_unspaced(p) for p in parts)


def _after_label(text: str, label: str) -> str:
    """What follows the label in the text: its first character tells a label run into a word."""
    at = text.find(label)
    return text[at + len(label):] if at >= 0 else ""


def signoff_rules(result: Classification, lexicon: Lexicon, settings: Settings) -> None:
    """End-of-story markers with their codes, story numbers, contact-the-writer lines, the story's
    place in the printed paper, and "more" links and teasers cut short."""
    blocks = result.blocks
    repeated: set[str] | None = None  # counted when a 'more' link first asks: most pages have none
    signed = kept_answers("sign-offs", lexicon, settings.label_value_max_words)
    # a block removed as anything but mere furniture has nothing to rename: passed without a step of bytecode
    for i, block in compress(enumerate(blocks), map(RENAMEABLE_KINDS.__contains__, map(_KIND, blocks))):
        if block.tag in DATA_TAGS:
            continue  # a path in a code block, an address in a table: data, not a sign-off
        # a line the whole-page pass put below the article as mere "page furniture" gets its own name
        generic = (
            block.kind == "other" and len(block.text) <= GENERIC_SIGNOFF_MAX_CHARS and block.reason.startswith("below")
        )
        if (block.removed and not generic) or i == result.title_index or len(block.text) > SIGNOFF_MAX_CHARS:
            continue
        text = block.text
        kind = signed.get(text, _UNSEEN)
        if kind is _UNSEEN:
            kind = _remember(signed, text, _signoff(text, lexicon, settings))
        if kind and kind[0] == "read_also" and repeated is None:
            repeated = _repeated_lines(blocks, settings)
        if kind and _is_items_own(kind[0], text, repeated or set(), settings):
            kind = None
        # each asked only of a line that may be one: a code has a slash or asterisks, a credit a bracket first
        if kind is None and ("/" in text or "**" in text) and _code_closes_story(blocks, i, settings):
            kind = ("end_marker", "an agency's story code closing the story")
        credit = _closing_credit(blocks, i, settings) if kind is None and text.lstrip()[:1] in "(（[" else None
        if credit:
            kind = ("source", "an agency's name closing the story")
            result.note(i, "source", credit)
        if kind:
            block.remove(*kind, overrule=generic)


def _signoff(text: str, lexicon: Lexicon, settings: Settings) -> tuple[str, str] | None:
    n = word_count(text)
    if n > PRINT_EDITION_MAX_WORDS:
        return None
    opens = lexicon.opening_categories(text)
    ellipsis = "…" in text or "..." in text
    # a notice that sends the reader elsewhere: '...をご希望の方は、リンク先をご覧ください。 詳しくはこちら'
    tail = _after_last_stop(text) if text[-1:] >= UNSPACED_FROM and has_unspaced(text[-1:]) else ""
    if tail and lexicon.is_phrase("more", tail):
        return "read_also", f"a notice, then '{tail}'"
    if not opens and not ellipsis and ("@" not in text or n > settings.label_value_max_words):
        if n > COUNTER_MAX_WORDS or not _DIGIT.search(text) or not _is_counter(text, lexicon):
            return None  # the usual line: it opens with no phrase, and no count, address or teaser is in it
        return "other", "a view count or reading time"
    for category in ("end_marker", "story_code"):
        lead = lexicon.leading(category, text) if category in opens else None
        if lead and not _after_label(text, lead[0])[:1].isalpha():
            code_ok = is_story_code(lead[1]) if category == "end_marker" else _is_number(lead[1])
            if code_ok:
                what = "end-of-story marker" if category == "end_marker" else "story number"
                return category, f"{what} '{lead[0]}'"
    if "contact" in opens and n <= CONTACT_MAX_WORDS:
        lead = lexicon.leading("contact", text)
        if lead and (_EMAIL.search(text) or lexicon.is_phrase("contact", text) or not ends_sentence(text)):
            return "contact", f"contact line '{lead[0]}'"
    if n <= settings.label_value_max_words and "@" in text and _EMAIL.search(text) and not ends_sentence(
        _EMAIL.sub("", text)
    ):
        return "contact", "a name and an e-mail address"
    printed = lexicon.leading("print_edition", text) if "print_edition" in opens else None
    if printed and _is_print_line(printed[0], text, n):
        return "print_edition", "the story's place in the printed paper"
    if n <= COUNTER_MAX_WORDS and _is_counter(text, lexicon):
        return "other", "a view count or reading time"
    heading = text.rstrip().endswith((":", "：")) or ("read_also" in opens and lexicon.is_phrase("read_also", text))
    if "more" in opens and not heading and lexicon.is_phrase("more", text):  # a heading is the section rules'
        return "read_also", "a 'more' link"
    more = lexicon.leading("more", text) if "more" in opens and not heading else None
    # one word ('التفاصيل', 'ادامه') may open a subheading: only a link of several words goes
    if more and word_count(more[0]) >= 2 and n <= settings.label_value_max_words and not ends_sentence(text):
        return "read_also", f"a 'more' link ('{more[0]}')"
    cuts = [m.end() for m in ELLIPSIS.finditer(text)] if ellipsis else []
    tail = text[cuts[-1]:].strip(" »›>|-–—:)]") if cuts else ""
    if tail and (lexicon.is_phrase("more", tail) or lexicon.is_phrase("read_also", tail)):
        return "read_also", f"a teaser cut short, then '{tail}'"
    return None


_LAST_STOP = re.compile(rf"[{UNSPACED_STOPS}]\s*([^{UNSPACED_STOPS}]+)$")


def _after_last_stop(text: str) -> str:
    """What follows a line's last sentence stop of an unspaced script."""
    found = _LAST_STOP.search(text)
    return found.group(1).strip(" »›>|-–—:)]") if found else ""


def _repeated_lines(blocks: list[Block], settings: Settings) -> set[str]:
    """Short lines the page prints under many of its items ('Read the full story')."""
    return _printed_often((b.text for b in blocks if len(b.text) <= GENERIC_SIGNOFF_MAX_CHARS), settings)


def _printed_often(texts: Iterable[str], settings: Settings) -> set[str]:
    """The folded lines among these that the page prints repeated_label_min times or more."""
    counts = Counter(fold(text) for text in texts)
    return {key for key, n in counts.items() if n >= settings.repeated_label_min}


def _is_items_own(kind: str, text: str, repeated: set[str], settings: Settings) -> bool:
    """A 'more' link under every item of a page is the item's own link, not a teaser of another
    story; a contact line where the page's content is its addresses (a service, a directory) is
    that content."""
    if kind == "contact":
        return not settings.contact_lines
    return kind == "read_also" and fold(text) in repeated


def _is_counter(text: str, lexicon: Lexicon) -> bool:
    """A count and its label, either way round: 'تعداد بازدید: ۱۲۳', '٣ دقائق قراءة', '5 min read'."""
    ascii_text = to_ascii_digits(text)
    if not _DIGIT.search(ascii_text):
        return False
    words = _NUMBER.sub(" ", ascii_text)
    if not fold(words):
        return False
    lead = lexicon.leading("counters", words)  # "زمان مطالعه: ۳ دقیقه": the label, the count, its unit
    return lexicon.is_phrase("counters", words) or bool(lead and len(lead[1].split()) <= 1)


def _is_print_line(label: str, text: str, n: int) -> bool:
    """A long label ('A version of this article appears in print') marks a line of up to 60 words;
    a short one ('النسخة الورقية') may open a sentence about the paper, so only a short line that
    is no sentence goes."""
    if word_count(label) >= PRINT_LABEL_LONG_WORDS:
        return n <= PRINT_EDITION_MAX_WORDS
    return n <= PRINT_SHORT_LINE_MAX_WORDS and not ends_sentence(text)


def _closing_credit(blocks: list[Block], i: int, settings: Settings) -> str | None:
    """An agency's name alone in brackets closing the story: '(رويترز)', '(AFP)', '（共同）'."""
    match = _BRACKETED.match(blocks[i].text) if blocks[i].text.lstrip()[:1] in "(（[" else None
    if not match or word_count(match.group(1)) > CREDIT_MAX_WORDS or not _closes_story(blocks, i, settings):
        return None
    return match.group(1).strip()


def _is_number(text: str) -> bool:
    parts = to_ascii_digits(text).split()
    return 1 <= len(parts) <= 2 and any(ch.isdigit() for ch in parts[0])


def _code_closes_story(blocks: list[Block], i: int, settings: Settings) -> bool:
    """A bare story code ('ع.ع/ع.ج', '۲۰۹۳**۱۰۵۵') right after the story's last sentence, with no
    prose after it."""
    text = blocks[i].text
    if not ("/" in text or "**" in text) or not is_story_code(text) or _DIGIT_ONLY_DATE.match(text):
        return False
    if _FILE_PATH.match(text.strip()) or _WORD.search(text):
        return False  # '/etc/pam.d/sudo' is a file; 'Ada – ISO/IEC 8652' names a thing: initials sign a story
    return _closes_story(blocks, i, settings)


def _closes_story(blocks: list[Block], i: int, settings: Settings) -> bool:
    """The block stands right after the story's last sentence, with no prose after it."""
    # the story's last sentence, past a credit or two of a few words ('عکاس: علی رضایی')
    above = list(islice((b for b in reversed(blocks[:i]) if not b.removed or b.kind == "end_marker"), CODE_LOOKBACK))
    long = settings.label_value_max_words
    last = next((b for b in above if ends_sentence(b.text) or word_count(b.text) > long), None)
    if last is None or not ends_sentence(last.text):
        return False
    return all(b.removed or word_count(b.text) <= settings.short_line_max_words for b in blocks[i + 1 :])


_FILE_PATH = re.compile(r"^~?/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]*)+$")  # an absolute path: two slashes or more
_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")  # a capitalised word: a name or a title, not an agency's initials
_DIGIT_ONLY_DATE = re.compile(r"^\s*\d{1,4}\s*/\s*\d{1,2}(?:\s*/\s*\d{1,4})?\s*$")


def split_keywords(value: str) -> list[str]:
    parts = [p.strip() for p in _KEYWORD_SPLIT.split(value) if p.strip()]
    if len(parts) <= 1:  # no separators: a scraper flattened the tag links into words
        parts = value.split()
    return list(dict.fromkeys(parts))


def _take_tag_list(result: Classification, i: int, settings: Settings) -> None:
    keywords = []
    for j in range(i + 1, min(i + 16, len(result.blocks))):
        nxt = result.blocks[j]
        if nxt.removed or word_count(nxt.text) > 5 or ends_sentence(nxt.text):
            break
        nxt.remove("tags", "entry of a tag list")
        keywords.append(nxt.text.strip(" ,،#"))
    if keywords:
        result.note(i, "keywords", keywords)


def _looks_like_names(text: str, byline: tuple[str, str], settings: Settings) -> bool:
    label, rest = byline
    n = word_count(rest)
    if not 1 <= n <= 6 or ends_sentence(rest) or any(ch.isdigit() for ch in rest):
        return False
    separated = text[len(label):].lstrip()[:1] in (":", "：", "|", "-", "–", "—")
    if separated:
        return True
    return _is_cased(rest) and rest[:1].isupper()


def _is_share_line(text: str, lexicon: Lexicon, settings: Settings) -> bool:
    """A row of share buttons: it opens with one and is mostly made of them, or opens with two."""
    if word_count(text) > settings.share_line_max_words or ends_sentence(text):
        return False
    covered, total = lexicon.count_phrases("share", text)
    if not covered:
        return False
    if covered / total >= 0.6:
        return True
    lead = lexicon.leading("share", text)
    return bool(lead and lexicon.leading("share", lead[1]))


def _dateline_name(name: str) -> str:
    parens = _PARENS.search(name)
    return (parens.group(1) if parens else name).strip(" ()-–—")


# --- the header: site name and title ---------------------------------------------------------


def header_rules(result: Classification, lexicon: Lexicon, settings: Settings, title: str | None) -> None:
    blocks = result.blocks
    if not blocks:
        return
    first = blocks[0]
    if (
        title is None
        and len(blocks) > 1
        and word_count(first.text) <= settings.site_header_max_words
        and first.text.rstrip().endswith((":", "："))
    ):
        first.remove("site", "site name over the page")
        result.note(0, "site_name", first.text.rstrip(" :："))
    if title is None:
        for i, block in enumerate(blocks[:6]):
            if block.removed:
                continue
            if is_headline(block.text, settings) and not lexicon.leading("read_also", block.text):
                result.title_index = i
                title = block.text
            break
    if title:
        target = fold(title)
        longest = 3 * len(title) + 20  # a line much longer than the title cannot fold to it: skip folding it
        repeats = [
            i for i, b in enumerate(blocks) if not b.removed and len(b.text) <= longest and fold(b.text) == target
        ]
        if result.title_index is not None:
            # a title printed again just above the body is the article's own; copies before it are header
            k = result.title_index
            for later in repeats:
                if later > k and all(b.removed for b in blocks[k + 1 : later]):
                    k = later
            result.title_index = k
            result.note(k, "title", title)
        else:
            result.note(0, "title", title)  # the markup's title, for rules that compare with it
            # the first print stays where the title is content: a product's name, or the page's only
            # text (a post that is one line)
            if repeats and (settings.title_in_body or all(b.removed for i, b in enumerate(blocks) if i not in repeats)):
                repeats = repeats[1:]
        for i in repeats:
            if i != result.title_index:
                blocks[i].remove("title", "the title again")
    # a time stamp with seconds above the title is when the page was captured, not published
    top = result.title_index if result.title_index is not None else 0
    for finding in result.findings:
        if finding.field == "unlabeled" and finding.index < top and finding.value[1]:
            finding.field = "captured"


# --- sections: a heading and what hangs under it ---------------------------------------------

TITLE_REPEAT = 0.8  # share of a headline's words the page's title holds when the headline is that title
END_MARKERS = ("source", "tags", "share", "byline", "end_marker", "story_code", "contact", "print_edition")



def _overlap(headline: str, text: str) -> float:
    head = content_words(headline)
    return len(head & content_words(text)) / len(head) if head else 0.0


def section_rules(result: Classification, lexicon: Lexicon, settings: Settings) -> None:
    blocks = result.blocks
    texts = [b.text for b in blocks]
    # the lines that open with a 'read also' or 'related' phrase: the only ones a section starts at
    openings = lexicon.openings_of(texts)
    heads = [i for i, opens in enumerate(openings) if opens and not POINTER_HEADINGS.isdisjoint(opens)]
    labels = _repeated_labels([texts[i] for i in heads], settings)
    after = 0  # the first line no section took yet
    for i in heads:
        block = blocks[i]
        if i < after or block.removed or i == result.title_index:
            continue
        kind, label, rest = _section_heading(block.text, lexicon, settings)
        if kind is None:
            continue
        block.remove(kind, f"'{label}' and the headline it points to" if rest else f"'{label}' heading")
        if not settings.section_entries or fold(block.text) in labels:
            continue  # the heading alone goes: what is under it is the page's own item
        pointers = [rest] if rest else []
        j = i + 1
        # the headlines under the heading
        while j < len(blocks) and (blocks[j].removed or _is_pointer(blocks[j], settings)):
            linked = blocks[j].removed or blocks[j].link_density >= LINKED
            if settings.entries_linked and kind == "read_also" and not linked:
                break  # the one headline a "read also" points to is a link; a line of text is the page's own
            # (a "related" heading heads the page's trailing furniture, linked or not: it all goes)
            if not blocks[j].removed:
                if rest and kind == "read_also":
                    break  # "Read also: <headline>" carries its one headline inline
                blocks[j].remove(kind, f"entry under '{label}'")
                pointers.append(blocks[j].text)
            j += 1
            if kind == "read_also" and len(pointers) >= 1 and not rest:
                break
        following = [b for b in blocks[j:] if not b.removed]
        may_end = kind == "read_also" or settings.another_article_after_related
        if following and may_end and _is_another_article(result, i, pointers, following, settings):
            result.article_end = i
            _mark_trailing(blocks[j:], kind, label, lexicon, settings)
            return
        after = j


def _section_heading(text: str, lexicon: Lexicon, settings: Settings) -> tuple[str | None, str, str]:
    """(kind, label, headline) of a line that heads a section of pointers: 'Related:' alone, or 'Read
    also: <headline>' with a separator after the label; (None, '', '') otherwise."""
    opens = lexicon.opening_categories(text)
    for category in ("read_also", "related"):
        lead = lexicon.leading(category, text) if category in opens else None
        fits = lead and word_count(lead[1]) <= settings.pointer_max_words
        if fits and (not lead[1] or _separated(text, lead[0])):
            return category, lead[0], lead[1]
    return None, "", ""


POINTER_HEADINGS = frozenset({"read_also", "related"})


def _repeated_labels(headings: list[str], settings: Settings) -> set[str]:
    """Heading phrases ("Read more") printed under many items of the page: buttons, not headings."""
    return _printed_often((text for text in headings if word_count(text) <= 4), settings)


OTHER_ARTICLE_PARTS = ("dateline", "date", "byline", "title", "source", "duplicate")


def _mark_trailing(blocks: list[Block], kind: str, label: str, lexicon: Lexicon, settings: Settings) -> None:
    """Everything after the heading is not the article. The other article's own parts (its dateline,
    its date) go with it; page furniture after it (share rows, a related list) keeps its kind."""
    reason = f"another article after '{label}'"
    for block in blocks:
        heading = next(
            (c for c in ("related", "read_also") if lexicon.is_phrase(c, block.text.rstrip(" :："))), None
        )
        if heading:
            kind, reason = heading, f"list under '{block.text.rstrip(' :：')}'"
            block.remove(kind, f"'{block.text.rstrip(' :：')}' heading", overrule=block.kind in OTHER_ARTICLE_PARTS)
            continue
        block.remove(kind, reason, overrule=block.kind in OTHER_ARTICLE_PARTS)


def _separated(text: str, label: str) -> bool:
    return text[len(label):].lstrip()[:1] in (":", "：", "|", "-", "–", "—", "»", "›", ">")


def _is_pointer(block: Block, settings: Settings) -> bool:
    n = word_count(block.text)
    return block.tag == "li" and n <= settings.pointer_max_words or (
        n <= settings.pointer_max_words and not ends_sentence(block.text) and n >= 2
    )


def _is_another_article(
    result: Classification, heading: int, pointers: list[str], following: list[Block], settings: Settings
) -> bool:
    if following[0].cites and not _is_pointer(following[0], settings):
        return False  # a paragraph on a work of another site: the author's reading list, not a story of this one
    before = result.blocks[:heading]
    since_body = []  # the furniture between the last body paragraph and the heading
    for b in reversed(before):
        if not b.removed:
            break
        since_body.append(b)
    if any(b.kind in END_MARKERS for b in since_body):
        return True  # the article was signed off (credit, tags, share row) before the heading
    if _DATELINE_ALONE.match(following[0].text) or _DATELINE_INLINE.match(following[0].text):
        return True
    if not pointers or not settings.another_article_by_topic:
        return False
    body_before = [b.text for b in before if not b.removed]
    headline = pointers[-1]
    # the next paragraph must be about the headline, more than the text before it and more than
    # the page's own title: an in-body "Related: <headline>" on the same topic is followed by more
    # of the same article
    title = next((str(f.value) for f in result.findings if f.field == "title"), "")
    if title and _overlap(headline, title) >= TITLE_REPEAT:
        return False  # the "headline" is the page's own title, under a section label: the article follows
    ahead = _overlap(headline, following[0].text)
    behind = _overlap(headline, " ".join(body_before[-2:]))
    own = _overlap(title, following[0].text) if title else 0.0
    return ahead >= settings.topic_overlap and ahead > max(behind, own) + 0.1


# --- repeats ---------------------------------------------------------------------------------


LIST_TAGS = ("li", "row", "code")  # an item of a list, a table's row, a code block: one of a series


def duplicate_rules(result: Classification, settings: Settings) -> None:
    """A paragraph printed twice is a copy (a summary repeated over the body). One that recurs three
    times or more is the article's own pattern (the question put to each interviewee, a meal plan's
    'Eat 1-2 hours after your workout'), and stays. So does a list item, a table row or a code block
    printed twice: each is one of a series, and two series share it (a feature both plans include, a
    specification of two models, the same command in two steps)."""
    if not settings.duplicates:
        return
    texts = {i: block.text for i, block in kept_blocks(result.blocks)
             if i != result.title_index and block.tag not in LIST_TAGS}
    # two texts that fold alike share their folds' first and last words: a paragraph whose ends
    # no other shares has no twin, and is not folded whole (most of a page's are long and unique)
    ends = {i: fold_ends(text) for i, text in texts.items()}
    shared = Counter(ends.values())
    keys: dict[int, str] = {}
    counts: dict[str, int] = {}
    for i, text in texts.items():
        if shared[ends[i]] < 2:
            continue
        key = fold(text)
        # a fold is its words parted by single spaces: counted by them, unless a script does not space its words
        if (word_count(key) if has_unspaced(key) else key.count(" ") + 1) >= settings.duplicate_min_words:
            keys[i] = key
            counts[key] = counts.get(key, 0) + 1
    seen: set[str] = set()
    for i, key in keys.items():
        if key in seen and counts[key] == 2:
            result.blocks[i].remove("duplicate", "the same paragraph appeared above")
        seen.add(key)


def dateline_source(result: Classification) -> None:
    """'آران نیوز؛ ...' or '(CNN)-- ...' opening one of the first paragraphs names the source.

    The text stays as it is: the dateline is part of the paragraph's first sentence.
    """
    checked = 0
    for i, block in enumerate(result.blocks):
        if block.removed or i == result.title_index:
            continue
        match = _DATELINE_INLINE.match(block.text)
        if match and word_count(match.group("name")) <= 4:
            name = match.group("name")
            parens = _PARENS.search(name)
            if parens or not _is_cased(name):
                result.note(i, "dateline_source", _dateline_name(name))
                return
        checked += 1
        if checked == 3:
            return


# --- the page's markup: evidence HTML mode carries on its blocks (text blocks carry none) -----

LINK_LIST_MIN_ITEMS = 2
# labels whose value the page printed in an element of its own, which the extractor dropped:
# "Published" over a <time>, "By" before a linked name
LONE_LABELS = ("published", "updated", "byline", "source")
LONE_LABEL_MAX_CHARS = 40
LINKED = 0.8  # share of a block's text inside links for it to count as a link
_HINTS = attrgetter("hints")  # read of every block without a loop of bytecode
_LINK_DENSITY = attrgetter("link_density")
# a box marked 'read more' is as often the page's own text folded away as a pointer to another story:
# its mark alone is no evidence; a link, or a furniture phrase, must agree
WEAK_HINTS = ("read_also",)


def markup_rules(result: Classification, lexicon: Lexicon, settings: Settings) -> None:
    """A short block inside an element the page marks as furniture (class or id 'related', 'share',
    'tags', 'newsletter') is that furniture, and so is a sentence there that opens with a furniture
    phrase ("Sign up for our newsletter."); so is a run of links closing the body, and the heading
    over it. A paragraph of prose stays whatever its container says: markup is evidence, not a verdict.
    A label left alone ("Published" when the date sat in a <time> element, "By") goes too."""
    blocks = result.blocks
    hinted = any(map(_HINTS, blocks))  # text, and many pages: no box is marked at all
    own_text = _boxes_of_prose(blocks, settings) if hinted else set()
    beside_text = _whole_boxes_beside_text(result) if hinted else False
    for i, block in kept_blocks(blocks):
        if i == result.title_index or block.tag == "code":
            continue
        # a text that is a phrase opens with it: asked of the categories its line opens with alone
        # (the line rules asked them before, and most lines open with none)
        heads = lexicon.opening_categories(block.text) if len(block.text) <= LONE_LABEL_MAX_CHARS else None
        label = heads and next((c for c in LONE_LABELS if c in heads and lexicon.is_phrase(c, block.text)), None)
        if label:
            block.remove(PHRASE_KINDS[label], "a label without its value")
            continue
        if not block.hints:
            continue
        whole = block.hints & WHOLE_BOX_KINDS
        if whole:
            if beside_text:
                kind = min(whole)
                block.remove(kind, WHOLE_BOX_REASONS[kind])
            continue
        n = word_count(block.text)
        short = n <= settings.pointer_max_words
        opens = short and bool(lexicon.opening_categories(block.text))
        kind = min(block.hints)
        if kind == "signature" and settings.signatures:
            block.remove(kind, "inside a post's signature: the poster's line under each of their posts")
            continue
        if kind in WEAK_HINTS and not opens and (
            not settings.read_also_boxes or block.link_density < LINKED or i in own_text
            or _heads_prose(blocks, i, settings)
        ):
            continue  # a 'read more' box unfolds the page's own text: its headings are the content's
        if (short and not ends_sentence(block.text)) or block.link_density >= LINKED or opens:
            block.remove(kind, f"inside a page element marked '{kind}'")
            if kind == "tags" and n <= 5:
                result.note(i, "keywords", [block.text.strip(" ,،#")])
    if max(map(_LINK_DENSITY, blocks), default=0.0) < LINKED:
        return  # no block is a link (text has none): no menu, no closing list, no linked headline
    _menus(result, settings)
    if settings.trailing_links:
        _trailing_links(result, settings)
    if settings.linked_headlines:
        _linked_headlines(result, settings)


WHOLE_BOX_REASONS = {
    "consent": "inside a page element marked 'cookie' or 'consent': the site's cookie notice",
    "reviews": "inside a page element marked 'review': a customer's review, not the product's",
}


def _whole_boxes_beside_text(result: Classification) -> bool:
    """The blocks of boxes that go whatever their text (a cookie notice, a product's customer
    reviews: dom.WHOLE_BOX_KINDS) sit beside the page's own text. When extraction kept little
    else, they are what the page has to say (a shop whose description a script renders), and stay."""
    if not any(b.hints & WHOLE_BOX_KINDS for b in result.blocks):
        return False
    own = sum(
        word_count(b.text) for i, b in enumerate(result.blocks)
        if not b.removed and i != result.title_index and not b.hints & WHOLE_BOX_KINDS
    )
    return own >= WHOLE_BOXES_BESIDE_WORDS


WHOLE_BOXES_BESIDE_WORDS = 25  # a description's paragraph, or a few lines of specifications


def _boxes_of_prose(blocks: list[Block], settings: Settings) -> set[int]:
    """The blocks of a weakly marked box (a run of blocks with its mark) that holds a paragraph of
    prose: the box is a section of the page's text folded away, its linked heading an anchor."""
    inside: set[int] = set()
    if not any(b.hints for b in blocks):
        return inside  # text mode, and most pages: no box is marked at all
    run: list[int] = []
    for i, block in enumerate([*blocks, Block("")]):
        if run and block.hints == blocks[run[0]].hints:
            run.append(i)
            continue
        if any(_is_paragraph(blocks[k].text, settings) for k in run):
            inside.update(run)
        run = [i] if i < len(blocks) and block.hints & set(WEAK_HINTS) else []
    return inside


def _menus(result: Classification, settings: Settings) -> None:
    """A long block made of links alone, none of them a sentence, is a menu or a tag cloud that the
    page did not mark (its entries sit inline in one element)."""
    for i, block in enumerate(result.blocks):
        if (
            not block.removed
            and i != result.title_index
            and block.link_density >= MENU_LINKED
            and word_count(block.text) > settings.pointer_max_words
            and not ends_sentence(block.text)
        ):
            block.remove("nav", "a run of links: a menu")


MENU_LINKED = 0.9  # share of a block's text inside links for a long block to be a menu


def _linked_headlines(result: Classification, settings: Settings) -> None:
    """A paragraph that is nothing but one link, a headline between paragraphs of prose, points to
    another article ("CLICK HERE TO GET THE APP", a story on the same topic)."""
    blocks = result.blocks
    body = [i for i, b in enumerate(blocks) if not b.removed and i != result.title_index]
    for k in range(1, len(body) - 1):
        block = blocks[body[k]]
        headline = _is_link(block, settings) and word_count(block.text) >= 3 and not CLAUSE_END.search(block.text)
        if block.tag != "p" or not headline:
            continue
        before, after = blocks[body[k - 1]], blocks[body[k + 1]]
        if before.link_density < LINKED and after.link_density < LINKED and ends_sentence(before.text):
            block.remove("read_also", "a linked headline between paragraphs")


def _is_link(block: Block, settings: Settings) -> bool:
    return block.link_density >= LINKED and word_count(block.text) <= settings.pointer_max_words


def _trailing_links(result: Classification, settings: Settings) -> None:
    """Links closing the body, each maybe with its teaser line under it, are other articles."""
    blocks = result.blocks
    body = [i for i, b in enumerate(blocks) if not b.removed and i != result.title_index]
    run: list[int] = []
    for k in range(len(body) - 1, -1, -1):
        block = blocks[body[k]]
        above = blocks[body[k - 1]] if k > 0 else None
        teaser = (  # the line under a linked headline (a bare link, a URL, has none)
            above is not None
            and _is_link(above, settings)
            and word_count(above.text) >= 2
            and word_count(block.text) <= settings.pointer_max_words
        )
        if not (_is_link(block, settings) or teaser):
            break
        run.append(body[k])
    links = sum(1 for i in run if _is_link(blocks[i], settings))
    if links < LINK_LIST_MIN_ITEMS:
        return
    for i in run:  # when the run is all of the body, the page is headlines and holds no article
        blocks[i].remove("related", "a list of links closing the page")
    if len(run) < len(body):
        heading = body[len(body) - len(run) - 1]
        if blocks[heading].tag == "h" and heading != result.title_index:
            blocks[heading].remove("related", "heading over a closing list of links")
