"""Whole-page text: find the article among a page's menus, sidebars, comment threads and footers.

A scraper that keeps every visible line of a page gives one flat text in which the article is the
densest stretch of running prose, between runs of short link-like lines. We read the lines back
into paragraphs (an inline link breaks a sentence into lines), score each piece (+ its words when
it reads as prose: long enough, closed by a stop, with the stopword share of the page's language; a
cost when it is a short line, more the longer the run of short lines, more again when it repeats
or opens with a furniture phrase of the lexicon; nothing for teasers cut short or short prose
standing alone between short lines, as jusText weighs context), favour the prose under the line
that repeats the page's <title>, and take the stretch with the highest sum (Kadane's maximum-sum
subarray) that no comment heading cuts through. The stretch then grows to a lead below the title
and to a list its last line announces, and every line outside it gets a kind and a reason.
Text that holds the article alone, with no page around it, is left to the ordinary rules.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from cleaner import measure
from cleaner.extract.blocks import Block
from cleaner.furniture.lexicon import PHRASE_KINDS, Lexicon, content_words
from cleaner.furniture.memo import MEMO_MAX, kept_answers
from cleaner.metadata.language import frozen_stopwords, stopword_key, stopword_ranking

SENTENCE_ENDERS = measure.SENTENCE_ENDERS | {";", "؛"}  # a line ending in one of these closes a sentence
CLOSERS = measure.CLOSERS  # quotes and brackets that may follow the final stop
# a line opening with one continues the line above (the full-width marks of Chinese and Japanese too)
CONTINUATION_OPENERS = frozenset(",.;:!?)]}’”»،؛…%，。、；：！？）」』】〉》〕")
CLAUSE_ENDS = frozenset(".,;:!?")
CLAUSE_MARKS = frozenset(",、،，")  # a line ending in one of these leaves its sentence open
# ... as does one ending in a quote or bracket that opens (the quoted words were a link or in italics)
OPENING_MARKS = frozenset("„‚([{（［｛「『《〈【〔")
# marks that open in one language and close in another (“ closes German „...“, « closes »...«):
# they open only after a space
SPACED_OPENING_MARKS = frozenset("“‘«\"")
TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:·•»/]\s+|\s*[|»]\s*")
ELLIPSES = ("...", "…", "...]", "…]")  # a teaser cut short
WALL = float("-inf")  # the score of a comment heading: no stretch of the article runs across it


@dataclass
class PageSettings:
    """Thresholds of the whole-page rules, named so a reader sees what each one tolerates."""

    min_lines_above: int = 6  # fewer lines above the article, and
    min_lines_below: int = 25  # fewer below it: the text holds the article alone
    prose_min_words: int = 10  # a piece this long reads as prose when its stopword share fits
    sentence_min_words: int = 5  # a shorter closed sentence counts as prose too, at half weight
    link_max_words: int = 6  # an inline link's text: a short line between two parts of a sentence
    open_prose_min_words: int = 30  # a paragraph this long counts as prose even without a final stop
    min_stopword_share: float = 0.15  # share of a piece's words that must be stopwords, at most
    long_sentence_words: int = 25  # a closed lead this long below the title may have fewer stopwords...
    long_sentence_leniency: float = 0.6  # ... this share of the least (names and places)
    relative_stopword_share: float = 0.5  # ... or this share of the page's own (when its list covers less)
    language_min_share: float = 0.1  # the best stopword list must cover this share of the page's prose
    language_clear_share: float = 0.15  # ... and this share to name the page's language outright
    language_clear_lead: float = 4.0  # ... covering this many times more than the next list
    language_clear_tokens: int = 100  # ... in a sample of at least this many words
    run_growth: float = 0.5  # each further short line of a run costs this much more (a share of its cost)
    run_max_factor: float = 4.0  # ... up to this many times its cost
    short_cost: float = 2.0  # a short line that is not a sentence (a menu entry, a headline)
    repeat_cost: float = 4.0  # a short line printed more than once on the page (menus come twice)
    furniture_cost: float = 10.0  # a line opening with a furniture phrase of the lexicon
    isolated_max_words: int = 40  # prose shorter than this with no prose next to it counts for nothing
    header_max_lines: int = 8  # how far above the title an earlier copy of it still heads the article
    list_max_entries: int = 60  # a list a line ending in a colon announces runs this long at most
    entry_min_words: int = 3  # ... and its entries have this many words (menu entries have fewer)
    title_window: int = 30  # how far above the article the title may stand (in lines)
    title_max_chars: int = 300  # a line longer than this is no headline
    title_max_words: int = 25  # ... nor one of more words
    title_match: float = 0.6  # share of a line's words the page's title must hold for it to repeat it
    title_cover: float = 0.4  # ... and the share of the page title's words the line must hold
    title_bonus: float = 40.0  # the first prose under the repeated title: where articles start
    article_min_words: float = 50.0  # the least prose (scored) an article above a comment thread has
    language_sample_tokens: int = 300  # enough words of the longest lines to tell the language


@dataclass(slots=True)
class Piece:
    """One line, or consecutive lines an inline link broke apart, read as a single paragraph."""

    first: int  # index of its first block
    last: int  # index of its last block
    words: int = 0
    closed: bool = False  # ends with a sentence stop
    repeated: bool = False
    truncated: bool = False  # ends with an ellipsis: a teaser cut short
    isolated: bool = False  # short prose with no prose next to it
    echo: bool = False  # its line stood above already
    twin: float = 0.0  # the score of prose printed twice, were it printed once (its first copy)
    furniture: str | None = None  # the lexicon category its first line opens with
    score: float = 0.0
    bonus: float = 0.0  # for standing first under the page's title


@dataclass
class PageLayout:
    """Where the article sits in the page's blocks, and what the page told on the way."""

    start: int  # first block of the article's body
    end: int  # one past its last block
    title: int | None  # block of the article's title, above the body
    language: str | None  # the stopword language, when the page's prose leaves no doubt
    furniture: dict[int, str]  # block -> the lexicon category a short line opens with
    around: bool = True  # False: the text is the article alone, with no page around it
    header: int = 0  # first block of the article's header (a first copy of the title, dates), the title's at most
    site_name: str | None = None  # what the page's <title> line adds to the headline


# --- language: the stopword list that covers the page's prose best ----------------------------


def _tokens(text: str) -> list[str]:
    return text.casefold().split()


def page_language(
    texts: list[str], lexicon: Lexicon, settings: PageSettings
) -> tuple[str | None, frozenset[str], bool, float]:
    """(language, its stopwords, clear-cut, their share of the sample) from the page's longest lines.

    Clear-cut: the list covers enough of the sample and several times more of it than any other
    list. A language without a list of its own (Portuguese, read with the Spanish one) shares
    some stopwords with its neighbours, never that many.
    """
    sample: list[str] = []
    size = 0  # words in the sample, counted alike in every script
    for text in sorted(texts, key=len, reverse=True):
        words = measure.word_count(text)
        if words < settings.prose_min_words:
            continue
        sample.append(text)
        size += words
        if size >= settings.language_sample_tokens:
            break
    joined = " ".join(sample)
    language, count, runner_up = stopword_ranking(_tokens(joined), lexicon, joined)
    if language is None or count < settings.language_min_share * size:
        return None, frozenset(), False, 0.0
    clear = (
        size >= settings.language_clear_tokens
        and count >= settings.language_clear_share * size
        and count >= settings.language_clear_lead * runner_up
    )
    return language, frozen_stopwords(lexicon)[language], clear, min(count / size, 1.0)


@lru_cache(maxsize=32)
def _folding(stopwords: frozenset[str]) -> bool:
    """Some of the stopwords are not ASCII: a token is compared to them folded. Asked three times a
    page; an English list is read to its end to tell."""
    return not all(w.isascii() for w in stopwords)


@lru_cache(maxsize=32)
def _with_stops(stopwords: frozenset[str]) -> frozenset[str]:
    """The stopwords, and each with a stop after it: a stopword may end a clause ("... Harris said.")."""
    return stopwords | {word + stop for word in stopwords for stop in CLAUSE_ENDS}


# tokens a stopword list remembers the answer for (a language has a few thousand words in common
# use), and how many lists keep one, the least used dropped first
STOPWORD_MEMO_LISTS = 16
HANGING_MEMO_MAX_CHARS = 80  # lines as long as a menu entry or a footer's, remembered from page to page


@lru_cache(maxsize=STOPWORD_MEMO_LISTS)
def _folded_memo(stopwords: frozenset[str]) -> list[set[str]]:
    """[tokens that are, tokens that are not, one of these stopwords once folded]: kept from page to
    page, as a page's words were mostly on the pages before it, and folding a token costs more than
    a look in a set. The sets only grow, and are replaced when full: a thread counting with them
    never sees one emptied."""
    return [set(), set()]


def _stopword_count(tokens: list[str], stopwords: frozenset[str], folding: bool) -> int:
    if not folding:
        return sum(map(_with_stops(stopwords).__contains__, tokens))
    memo = _folded_memo(stopwords)
    if len(memo[0]) + len(memo[1]) > MEMO_MAX:
        memo[:] = [set(), set()]
    hits, misses = memo
    for token in set(tokens).difference(hits, misses):
        if token in stopwords:
            hits.add(token)
            continue
        (hits if stopword_key(token) in stopwords else misses).add(token)
    return sum(map(hits.__contains__, tokens))


# --- pieces: lines read back into paragraphs --------------------------------------------------


def _closed(text: str) -> bool:
    return text.rstrip(CLOSERS)[-1:] in SENTENCE_ENDERS


@lru_cache(maxsize=8)
def _continuers(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(sorted(lexicon.continuers, key=len, reverse=True))


def read_pieces(
    blocks: list[Block], stopwords: frozenset[str], settings: PageSettings, lexicon: Lexicon | None = None
) -> list[Piece]:
    """Lines back into paragraphs. A scraper breaks a sentence at each inline link: a line carries
    on the one above when that one is left open and this one opens in lower case, with punctuation
    or with a word no sentence opens with (a Japanese particle), or when the one above ends on a word
    no sentence ends on (an article, a preposition, a particle).
    """
    lexicon = lexicon or Lexicon()
    pieces: list[Piece] = []
    folding = _folding(stopwords)
    texts = [b.text for b in blocks]
    counts = Counter(texts)
    seen: set[str] = set()
    continuers = _continuers(lexicon)
    firsts = frozenset(c[0] for c in continuers)
    carries = [
        (c := t[0]) in CONTINUATION_OPENERS or c.islower() or (c in firsts and t.startswith(continuers)) for t in texts
    ] + [False]
    link_words, prose_words = settings.link_max_words, settings.prose_min_words
    sizes = list(map(measure.word_count, texts))
    # a line's last word -> no sentence ends on it (menus repeat their words, and pages their language's)
    ends_open = kept_answers("open endings", stopwords, continuers)
    # a short line -> it hangs: a site prints its menus and footers on every page
    hanging_lines = kept_answers("hanging lines", stopwords, continuers)

    above = None  # the line above, when it leaves its sentence open
    piece = None
    for i, (text, size) in enumerate(zip(texts, sizes, strict=True)):
        closed = text.rstrip(CLOSERS)[-1:] in SENTENCE_ENDERS
        if not closed and text[-1] > "\u0dff" and size >= prose_words:
            closed = measure.writes_no_stops(text)
        truncated = closed and text.endswith(ELLIPSES)
        repeated = counts[text] > 1
        # joined: the line carries on the one above, or is a link ("the / Link / , and")
        if above is None:
            joined = False
        elif carries[i] or (size <= link_words and not closed and carries[i + 1]):
            joined = True
        else:
            joined = hanging_lines.get(above)
            if joined is None:  # the open line above ends on a word no sentence ends on (asked here, not called)
                end = above[-1]
                if end in CLAUSE_MARKS:
                    joined = True
                elif end in OPENING_MARKS or end in SPACED_OPENING_MARKS:  # words, then a quote that opens
                    joined = len(above) > 2 and (end in OPENING_MARKS or above[-2].isspace())
                elif not stopwords:
                    joined = False
                else:
                    last = above.rsplit(None, 1)[-1].casefold()
                    joined = ends_open.get(last)
                    if joined is None:  # the word leaves its sentence open: a stopword, or a particle
                        if last in stopwords:
                            joined = True
                        elif folding:  # ... by its key, or in an unspaced script
                            end = last[-1:]
                            joined = stopword_key(last) in stopwords or (
                                end >= measure.UNSPACED_FROM and measure.has_unspaced(end) and last.endswith(continuers)
                            )
                        else:
                            joined = False
                        ends_open[last] = joined
                if len(above) <= HANGING_MEMO_MAX_CHARS:
                    hanging_lines[above] = joined
        if joined:
            piece.last = i
            piece.words += size
            piece.closed, piece.truncated, piece.repeated = closed, truncated, False
        else:
            piece = Piece(i, i, size, closed, repeated, truncated, False, repeated and text in seen)  # echo
            pieces.append(piece)
        if repeated:  # a line printed once is never looked up again
            seen.add(text)
        above = None if closed else text
    return pieces


def _stopword_share(
    piece: Piece, blocks: list[Block], stopwords: frozenset[str], folding: bool
) -> float:
    text = _piece_text(piece, blocks)
    tokens = _tokens(text)
    hits = _stopword_count(tokens, stopwords, folding) + measure.unspaced_hits(text, stopwords)
    hits += measure.suffix_hits(tokens, stopwords)
    return hits / max(piece.words, 1)


# --- scores and the densest stretch -----------------------------------------------------------


def _piece_text(piece: Piece, blocks: list[Block]) -> str:
    if piece.first == piece.last:
        return blocks[piece.first].text
    return " ".join(b.text for b in blocks[piece.first : piece.last + 1])


def _furniture_category(text: str, lexicon: Lexicon) -> str | None:
    """The furniture phrase a short line opens with; a count before it ("34 Comments") is read past."""
    if text[:1].isdigit() or text[:1] in "([":
        text = text.lstrip("0123456789 ()[].,")
    opens = lexicon.opening_categories(text)
    return min(opens) if opens else None


def _piece_category(piece: Piece, blocks: list[Block], openings: list[frozenset[str]], lexicon: Lexicon) -> str | None:
    """_furniture_category of the piece's text; a line's own, read once for the page, when the piece
    is that line and no count opens it."""
    head = blocks[piece.first].text[:1]
    if piece.first != piece.last or head.isdigit() or head in "([":
        return _furniture_category(_piece_text(piece, blocks), lexicon)
    opens = openings[piece.first]
    return min(opens) if opens else None


def score_pieces(
    pieces: list[Piece], blocks: list[Block], lexicon: Lexicon, stopwords: frozenset[str], settings: PageSettings
) -> None:
    """Prose scores its words; furniture costs. A comment-section heading is a wall: the article
    never runs across it."""
    folding = _folding(stopwords)
    sentence_words, prose_words, open_words = (
        settings.sentence_min_words, settings.prose_min_words, settings.open_prose_min_words
    )
    least = settings.min_stopword_share
    # each line's opening phrases, read at once (the line rules read them of every line too)
    openings = lexicon.openings_of([b.text for b in blocks])

    def prose(piece: Piece) -> bool:
        return not stopwords or _stopword_share(piece, blocks, stopwords, folding) >= least

    furniture_cost, repeat_cost, short_cost = -settings.furniture_cost, -settings.repeat_cost, -settings.short_cost
    for piece in pieces:
        words = piece.words
        if piece.truncated or (piece.repeated and words >= sentence_words):
            piece.score = 0.0  # a teaser cut short, a caption printed twice: not evidence either way
            if piece.repeated and not piece.echo and piece.closed and words >= prose_words:
                piece.twin = words if prose(piece) else 0.0  # unless the page holds its article twice
        elif (words >= sentence_words and piece.closed or words >= open_words) and prose(piece):
            # a long paragraph whose last words were a link counts half, as a short sentence does
            piece.score = words if piece.closed and words >= prose_words else words / 2
        elif words >= prose_words:
            piece.score = 0.0  # a long headline, a line of names, a list: not evidence either way
        else:
            # _piece_category, without the call for a piece of one line (most of them) no count opens
            first = piece.first
            head = blocks[first].text[:1]
            if first != piece.last or head.isdigit() or head in "([":
                furniture = _furniture_category(_piece_text(piece, blocks), lexicon)
            else:
                opens = openings[first]
                furniture = min(opens) if opens else None
            if furniture:
                piece.furniture = furniture
                piece.score = WALL if furniture == "comments" else furniture_cost
            else:
                piece.score = repeat_cost if piece.repeated else short_cost
    _weigh_runs(pieces, settings)
    _mark_isolated(pieces, settings)


def _weigh_runs(pieces: list[Piece], settings: PageSettings) -> None:
    """A long run of short lines is a menu or a list of links: each line further into it costs more,
    so a run of twenty separates an article from what follows better than a caption or two."""
    run, growth, most = 0, settings.run_growth, settings.run_max_factor
    for piece in pieces:
        score = piece.score
        if score < 0 and score != WALL:
            run += 1
            factor = 1 + (run - 1) * growth
            piece.score = score * (factor if factor <= most else most)  # min(), without the call
        elif score > 0:
            run = 0


def _mark_isolated(pieces: list[Piece], settings: PageSettings) -> None:
    """A paragraph of an article has prose next to it; a short piece of prose alone between menu
    entries, names and dates is most often a teaser, a caption or a notice (jusText's context). A
    long closed sentence that scored nothing (few of the listed stopwords: names, figures) is prose
    to its neighbours all the same."""
    last = len(pieces) - 1

    def sentence(k: int) -> bool:
        return 0 <= k <= last and (pieces[k].score > 0 or _plain_sentence(pieces[k], settings))

    for j, piece in enumerate(pieces):  # only prose asks about its neighbours: most pieces are none
        if piece.score > 0:  # a piece is made not isolated
            alone = not sentence(j - 1) and not sentence(j + 1)
            piece.isolated = alone and piece.words < settings.isolated_max_words


def _plain_sentence(piece: Piece, settings: PageSettings) -> bool:
    """A long closed sentence that scored nothing (few of the listed stopwords: names, figures),
    printed once and not cut short."""
    return (
        piece.score == 0
        and piece.closed
        and piece.words >= settings.prose_min_words
        and not (piece.repeated or piece.truncated or piece.furniture)
    )


def densest_stretch(scores: list[float], lo: int = 0, hi: int | None = None) -> tuple[float, int, int]:
    """(sum, first, last) of the run of pieces in [lo, hi) with the highest sum (Kadane's
    maximum-sum subarray)."""
    hi = len(scores) if hi is None else hi
    best, best_first, best_last = float("-inf"), lo, lo
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = scores[i], i
        else:
            total += scores[i]
        if total > best:
            best, best_first, best_last = total, start, i
    return best, best_first, best_last


def _favour_title(pieces: list[Piece], title: int | None, settings: PageSettings) -> None:
    """The first prose under the first repeat of the page's title is where articles start."""
    if title is None:
        return
    lead = next((p for p in pieces if p.first > title and p.score > 0), None)
    if lead is not None and lead.first - title <= settings.title_window:
        lead.bonus = settings.title_bonus


def choose_stretch(pieces: list[Piece], settings: PageSettings) -> tuple[int, int]:
    """The densest stretch of prose that no comment heading cuts through, counting prose that
    stands alone for nothing; only a page whose prose all stands alone is read with it."""
    best = _best_stretch([p.bonus + (0.0 if p.isolated else p.score) for p in pieces], settings)
    if best[0] < settings.article_min_words:
        best = _best_stretch([p.bonus + p.score for p in pieces], settings)
    if best[0] < settings.article_min_words:  # all its prose printed twice: read the first copy
        best = _best_stretch([p.bonus + (p.twin or p.score) for p in pieces], settings)
    return best[1], best[2]


def _lead_below_title(
    pieces: list[Piece], blocks: list[Block], first: int, title: int, stopwords: frozenset[str], settings: PageSettings
) -> int:
    """Between the title and the body a standfirst or the first paragraph may stand apart (a link
    or a caption between it and the rest, no final stop): prose worded like the body joins it
    when it outweighs the short lines in between."""
    folding = _folding(stopwords)

    def worth(piece: Piece) -> float:
        if piece.score > 0 or piece.words < settings.prose_min_words or piece.repeated or piece.truncated:
            return piece.score
        if piece.furniture:
            return piece.score
        long = piece.closed and piece.words >= settings.long_sentence_words
        least = settings.min_stopword_share * (settings.long_sentence_leniency if long else 1.0)
        if stopwords and _stopword_share(piece, blocks, stopwords, folding) < least:
            return piece.score
        return piece.words if long else piece.words / 2  # a lead of names and places; one ending in a link

    total, j = 0.0, first - 1
    while j >= 0 and pieces[j].first > title:
        value = worth(pieces[j])
        total += value
        if value > 0 and total > 0:
            first, total = j, 0.0
        j -= 1
    return pieces[first].first


def _announced_list(pieces: list[Piece], blocks: list[Block], last: int, settings: PageSettings) -> int:
    """A line ending in a colon announces what follows: the list after the article's last sentence
    ("The tour dates:") is the article's, up to the first line that is no list entry."""
    k = last + 1 if last + 1 < len(pieces) and blocks[pieces[last + 1].first].text.endswith(":") else last
    if pieces[k].furniture or not blocks[pieces[k].last].text.rstrip().endswith((":", "：")):
        return last  # "Share this:" announces furniture
    end = k
    while end + 1 < len(pieces) and end - k < settings.list_max_entries:
        entry = pieces[end + 1]
        if entry.furniture or entry.repeated or entry.score == float("-inf") or entry.words < settings.entry_min_words:
            break
        end += 1
    return end if end > k else last


def _best_stretch(scores: list[float], settings: PageSettings) -> tuple[float, int, int]:
    """A comment thread can hold more prose than the article it follows: when a comment heading
    opens a thread (prose follows it), the article is the best stretch above that heading, if
    there is one of an article's size. A heading with no prose under it (a link in a menu) opens none."""
    walls = [i for i, s in enumerate(scores) if s == WALL]
    bounds = [-1, *walls, len(scores)]
    sections = [densest_stretch(scores, a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1]
    best = max(sections)
    for wall in walls:
        below = [s for s in sections if s[1] > wall]
        if below and below[0][0] >= settings.article_min_words:  # the thread under this heading
            above = max((s for s in sections if s[2] < wall), default=None)
            if above and above[0] >= settings.article_min_words:
                best = above
            break
    return best


# --- the title above the body -----------------------------------------------------------------



@lru_cache(maxsize=64)  # title_repeat and find_title both read the page's first line
def _title_parts(page_title: str) -> tuple[frozenset[str], ...]:
    """The words of the page's <title> line, whole and in its parts ("Headline - Site's motto")."""
    parts = [frozenset(content_words(part)) for part in TITLE_SEPARATORS.split(page_title)]
    return (frozenset(content_words(page_title)), *(part for part in parts if part))


def _repeats_title(words: set[str], parts: tuple[frozenset[str], ...], settings: PageSettings) -> bool:
    """Most of the line is in the page's title, and it holds much of the title or of one of its
    parts (the title may carry the site's name and motto too)."""
    for part in parts:
        shared = len(words & part)
        if shared >= settings.title_match * len(words) and shared >= settings.title_cover * len(part):
            return True
    return False


def title_repeat(blocks: list[Block], settings: PageSettings) -> int | None:
    """The first line that repeats the page's title: a scraper puts the page's <title> first (often
    with the site's name), and the article's own headline, printed again above it, repeats it."""
    page_title = _title_parts(blocks[0].text)
    if len(page_title[0]) < 2:
        return None
    raw = set(blocks[0].text.casefold().split())
    for i in range(1, len(blocks)):
        text = blocks[i].text
        if len(text) > settings.title_max_chars:
            continue
        tokens = text.casefold().split()
        # fewer than two of its words in the title (than one, for a word alone); most lines share none
        few = raw.isdisjoint(tokens) or (len(tokens) > 1 and len(raw.intersection(tokens)) < 2)
        if few and (text.isascii() or measure.UNSPACED_LETTER.search(text) is None):  # has_unspaced, no call
            continue
        words = content_words(text)
        if words and measure.word_count(text) >= 2 and _repeats_title(words, page_title, settings):
            return i
    return None


def find_title(blocks: list[Block], start: int, lexicon: Lexicon, settings: PageSettings) -> int | None:
    """The headline nearest above the body that repeats the page's own title (its first line,
    where a scraper puts the <title>); failing that, the nearest headline-like line.

    A byline or a source credit repeats the site's name the <title> ends with ("by Site / date"):
    it is the headline only when no line above it repeats the title too."""
    page_title = _title_parts(blocks[0].text)
    nearest = credit = None
    for i in range(start - 1, max(0, start - settings.title_window) - 1, -1):
        text = blocks[i].text
        n = measure.word_count(text)
        if n < 2 or n > settings.title_max_words or text.rstrip(CLOSERS)[-1:] in ".:,،;؛。":
            continue
        furniture = _furniture_category(text, lexicon)
        words = content_words(text)
        if i > 0 and words and _repeats_title(words, page_title, settings):
            if not furniture:
                return i
            credit = i if credit is None else credit
        if nearest is None and n >= 4 and not furniture:
            nearest = i
    return credit if credit is not None else nearest


# --- locating the article ---------------------------------------------------------------------


def locate_article(blocks: list[Block], lexicon: Lexicon, settings: PageSettings | None = None) -> PageLayout:
    """Where the article sits in a whole page's text (`around` is False when the text holds the
    article alone), and the page's language when its stopwords leave no doubt."""
    settings = settings or PageSettings()
    language, stopwords, clear, share = page_language([b.text for b in blocks], lexicon, settings)
    # a list that covers less of this language's prose (Arabic words carry their clitics) asks less
    least = min(settings.min_stopword_share, settings.relative_stopword_share * share)
    settings = dataclasses.replace(settings, min_stopword_share=least)
    alone = PageLayout(0, len(blocks), None, language if clear else None, {}, around=False)
    if len(blocks) < settings.min_lines_above + 2:
        return alone
    pieces = read_pieces(blocks, stopwords, settings, lexicon)
    score_pieces(pieces, blocks, lexicon, stopwords, settings)
    repeat = title_repeat(blocks, settings)
    _favour_title(pieces, repeat, settings)
    first, last = choose_stretch(pieces, settings)
    while first > 0 and pieces[first - 1].score > 0:  # a sentence or two just above (a lead)
        first -= 1
    while last + 1 < len(pieces) and _plain_sentence(pieces[last + 1], settings):
        last += 1  # the last paragraphs, of names and figures more than stopwords
    last = _announced_list(pieces, blocks, last, settings)
    start, end = pieces[first].first, pieces[last].last + 1
    title = find_title(blocks, start, lexicon, settings)
    if title is not None:
        start = _lead_below_title(pieces, blocks, first, title, stopwords, settings)
    top = title if title is not None else start
    if top < settings.min_lines_above and len(blocks) - end < settings.min_lines_below:
        return alone
    header = repeat if repeat is not None and top - settings.header_max_lines <= repeat < top else top
    if top < settings.min_lines_above:
        header = 0  # a page with a short head: what stands above the title is the article's header
    furniture = {p.first: p.furniture for p in pieces if p.furniture}
    site = _site_name(blocks[0].text, blocks[top].text) if repeat is not None and title is not None else None
    return PageLayout(start, end, title, alone.language, furniture, header=header, site_name=site)


def _site_name(page_title: str, title: str) -> str | None:
    """The site's name the page's <title> adds to the headline ("Headline | Site", "Headline - Site")."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(page_title) if p.strip()]
    words = content_words(title)
    rest = [p for p in parts if not content_words(p) & words]
    return rest[-1] if len(parts) > 1 and rest and len(rest[-1].split()) <= 5 else None


# what a furniture heading below the article says the lines under it are
BELOW_KINDS = {
    "comments": ("other", "comment thread"),
    "related": ("related", "list of other articles"),
    "read_also": ("related", "list of other articles"),
    "footer": ("footer", "page footer"),
    "share": ("share", "share buttons"),
    "nav": ("nav", "site links"),
    "ad": ("ad", "advertising and subscription offers"),
}


_BELOW_REASONS = {category: (kind, f"below the article: {what}") for category, (kind, what) in BELOW_KINDS.items()}
SECTION_HEADINGS = ("comments", "related", "read_also", "footer")
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)
COPYRIGHT_LINE_MAX_CHARS = 200
OWN_PHRASE_MAX_CHARS = 200  # a line below the article this long may still be named by its opening phrase
OWN_PHRASE_MIN_WORDS = 5  # shorter lines had their phrase read when they were scored


def mark_outside(blocks: list[Block], layout: PageLayout, lexicon: Lexicon | None = None) -> None:
    """Every line outside the article gets a kind: the page's header and menus above it; below it,
    the kind the last furniture heading above the line names (a related list, comments, a footer),
    or the kind its own phrase names (a newsletter offer, a source credit, a copyright line)."""
    for block in blocks[: layout.header]:
        block.remove("nav", "page header and menus above the article")
    if layout.site_name:
        blocks[0].remove("title", "the page's title line, with the site's name", overrule=True)
    body = {b.text for b in blocks[layout.start : layout.end]}
    kind, reason = "other", "below the article: page furniture"
    # most pages print no copyright sign or word below the article, and the others on a line or two:
    # one look at all its lines tells which lines may hold one
    marked = _copyright_lines(blocks, layout.end)
    for i in range(layout.end, len(blocks)):
        block, category = blocks[i], layout.furniture.get(i)
        text = block.text
        if category in SECTION_HEADINGS:  # a heading: the lines under it are what it says
            kind, reason = _BELOW_REASONS[category]
        if text in body and measure.word_count(text) >= 5:
            block.remove("duplicate", "below the article: a paragraph of the article again")
            continue
        if category is None and lexicon is not None and len(text) <= OWN_PHRASE_MAX_CHARS:
            if measure.word_count(text) >= OWN_PHRASE_MIN_WORDS:
                category = _furniture_category(text, lexicon)  # a line too long to be a heading
                category = category if category not in SECTION_HEADINGS else None
        if category in BELOW_KINDS:
            block.remove(*_BELOW_REASONS[category])
        elif category in PHRASE_KINDS:  # a source credit, a tag line, a date label: what it says it is
            block.remove(PHRASE_KINDS[category], f"below the article: {category} line")
        elif i in marked and _copyright(text):
            block.remove("footer", "below the article: copyright line")
        else:
            block.remove(kind, reason)


def _copyright_lines(blocks: list[Block], start: int) -> set[int]:
    """The blocks from `start` on that may hold a copyright line: those whose text holds what
    COPYRIGHT needs (_copyright_marked), found by a look for each mark in their lines joined. Most
    pages have none below the article, the others one or two: no look at each line."""
    joined = "\n".join(b.text for b in blocks[start:])
    if joined.count("\n") != len(blocks) - start - 1:  # a block holds a line break: each is looked at
        return {i for i in range(start, len(blocks)) if _copyright_marked(blocks[i].text)}
    lines: set[int] = set()
    for mark in COPYRIGHT_MARKS:
        at = joined.find(mark)
        while at >= 0:
            lines.add(start + joined.count("\n", 0, at))
            at = joined.find(mark, at + 1)
    return lines


def _copyright(text: str) -> bool:
    if len(text) > COPYRIGHT_LINE_MAX_CHARS or not _copyright_marked(text):
        return False
    return COPYRIGHT.search(text) is not None


COPYRIGHT_MARKS = ("©", "(c", "(C", "opyright", "OPYRIGHT")  # one of these is in each text COPYRIGHT matches


def _copyright_marked(text: str) -> bool:
    """What COPYRIGHT needs, told without the regex: a ©, '(c' or 'copyright' in a case it matches."""
    return "©" in text or "(c" in text or "(C" in text or "opyright" in text or "OPYRIGHT" in text


def clear_header(blocks: list[Block], layout: PageLayout) -> None:
    """Around the title stand bylines, dates, share counts and captions; what the line rules did
    not name there is not part of the text either."""
    for i in range(layout.header, layout.start):
        if i != layout.title:
            blocks[i].remove("other", "next to the title, not a sentence of the article")
