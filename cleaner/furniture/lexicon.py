"""The furniture lexicon: per-language phrase files merged into one set of phrase lists.

All languages are loaded at once: an Arabic page often carries English share buttons, and the
lexicon must not depend on a language guess made before the page is cleaned.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from cleaner.errors import RulesError
from cleaner.measure import content_units, has_unspaced
from cleaner.script import LETTER_VARIANTS, MARKS_CLASS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PHRASE_KINDS = {
    "read_also": "read_also",
    "related": "related",
    "share": "share",
    "tags": "tags",
    "source": "source",
    "published": "date",
    "updated": "date",
    "byline": "byline",
    "ad": "ad",
    "footer": "footer",
    "nav": "nav",
    "comments": "other",
    "more": "read_also",  # "المزيد", "ادامه مطلب", "続きを読む": a link to the rest of another story
    "end_marker": "end_marker",  # an agency's end-of-story marker: "انتهای پیام", "(النهاية)", "（完）"
    "story_code": "story_code",  # the label of an agency's story number: "کد خبر", "رقم الخبر"
    "contact": "contact",  # contact-the-writer lines: "للتواصل مع الكاتب", "Contact the reporter at"
    "print_edition": "print_edition",  # the story's place in the printed paper: "نشر في النسخة الورقية"
    "counters": "other",  # view counts and reading times: "تعداد بازدید: ۱۲۳", "٣ دقائق قراءة", "5 min read"
    "paywall": "ad",  # a prompt to subscribe or log in to read on: "この記事は会員限定です", "订阅后阅读全文"
}
CALENDARS = ("gregorian", "jalali", "hijri")
# lists whose phrases, in a script that does not space its words, may run straight into what follows
# (相关新闻国务院…, 未经授权禁止转载); a source or a byline label needs a separator or a space
RUN_IN = frozenset({"read_also", "related", "more", "ad", "footer", "nav", "comments", "print_edition", "paywall"})
# lists whose phrases, in a script that does not space its words, also name a short heading they
# close: Chinese and Japanese put a compound's head last (频道热门推荐 "the channel's hot picks",
# 総合ランキング "overall ranking"), so the phrase stands at the heading's end, not its start
HEAD_FINAL = frozenset({"read_also", "related"})
HEAD_FINAL_MAX_CHARS = 12  # a heading, not a sentence that ends so
OPENING_MEMO_MAX = 65536  # lines whose opening categories a lexicon remembers
_NO_CATEGORIES: frozenset[str] = frozenset()
_NO_PHRASE = object()  # a word no phrase opens with
SEARCH_LISTS = ("prefixes", "suffixes")  # [search] lists of affixes a word may carry glued to it

_DIACRITICS = re.compile(f"[{MARKS_CLASS}]")
# for phrases, hamza seats and heh variants go too, and ZWNJ and "_" part words
# Greek capitals are written without their accents: "ΙΑΝΟΥΑΡΙΟΥ" is "Ιανουαρίου"
_GREEK_ACCENTS = dict(zip("άέήίόύώΐΰϊϋ", "αεηιουωιυιυ", strict=True))
_FOLD_LETTERS = str.maketrans(
    {**LETTER_VARIANTS, **_GREEK_ACCENTS, "ئ": "ي", "ؤ": "و", "ۀ": "ه", "ە": "ه", "\u200c": " ", "_": " "}
)
# what parts a label from what it labels: a colon, a bar, a dash, or the arrows a link-styled label
# ends in ("À lire aussi » <headline>", "Read more > <headline>"); left out, the arrow joins the label
SEPARATORS = re.compile(r"\s*(?:[:：|–—]|[»›]+)\s*|\s+(?:-|>+)\s+")


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD_LETTERS.items())  # str.replace beats str.translate
# a letter folding replaces or a mark it drops: most texts have none
_FOLDED_OR_MARK = re.compile(f"[{re.escape(''.join(old for old, _ in _FOLD_PAIRS))}{MARKS_CLASS}]")
# a word's letters and the marks that sit on them: Thai and Indic vowel signs, Hebrew points, accents
# (not letters to \w, and a word split at each one could match no phrase)
_MARKS = (
    "\u0300-\u036f\u0591-\u05c7\u0900-\u0963\u0966-\u0dff"  # accents, Hebrew points, the Indic scripts
    "\u0e31-\u0e4e\u0eb1-\u0ecd\u0f18-\u0fbc\u102b-\u103e\u17b4-\u17d3"  # Thai, Lao, Tibetan, Myanmar, Khmer
)
_WORD = re.compile(rf"(?:\w|[{_MARKS}])+")
# an ASCII text's first two folded words: its first two runs of letters and digits
_ASCII_TWO_WORDS = re.compile(r"[^A-Za-z0-9]*([A-Za-z0-9]+)(?:[^A-Za-z0-9]+([A-Za-z0-9]+))?")
# every ASCII byte that is no letter or digit, as a space: a table parts ASCII words 2x faster than the regex
_ASCII_GAPS = bytes(c if chr(c).isalnum() else 0x20 for c in range(256))


@lru_cache(maxsize=65536)  # as many as word_count: a page's tokens and lines, and the common words of the pages before
def fold(text: str) -> str:
    """The form phrases are compared in: case, diacritics, letter variants and punctuation folded."""
    text = text.casefold()
    if text.isascii():  # the words are the runs of letters and digits ("_" parts them), told by a table
        return text if text.isalnum() else " ".join(text.encode("ascii").translate(_ASCII_GAPS).decode("ascii").split())
    text = unicodedata.normalize("NFC", text)  # a lexicon file may spell a letter decomposed (Bengali য়)
    if _FOLDED_OR_MARK.search(text):  # one look for both: most texts have neither
        text = _DIACRITICS.sub("", text)
        for old, new in _FOLD_PAIRS:
            if old in text:
                text = text.replace(old, new)
    if text.isalnum():  # one word, letters and digits alone (\w is what isalnum is): nothing to part
        return text
    if text.replace(" ", "").isalnum():  # words parted by spaces alone: the same words, told without the regex
        return " ".join(text.split())
    return " ".join(_WORD.findall(text))


def fold_ends(text: str) -> tuple[str, str]:
    """The first and last words of fold(text), told by folding the text's first and last tokens
    alone: folding works letter by letter and white space parts words, so the folded text's words
    are its tokens' folded words, in order. Two texts that fold alike have the same ends, and a long
    paragraph is not folded whole to tell that it has no twin."""
    head, tail = text.split(None, 1), text.rsplit(None, 1)
    first = fold(head[0]).split(" ", 1)[0] if head else ""
    last = fold(tail[-1]).rsplit(" ", 1)[-1] if tail else ""
    if not first or not last:  # a token of punctuation alone at an end: the whole fold tells
        words = fold(text).split(" ")
        return words[0], words[-1]
    return first, last


def content_words(text: str) -> set[str]:
    """The folded text's content units (cleaner.measure.content_units): what a headline and the
    line that repeats it share, in every script."""
    return content_units(fold(text))


@dataclass(eq=False)  # hashed by identity: caches key on the lexicon object
class Lexicon:
    phrases: dict[str, set[str]] = field(default_factory=dict)  # category -> folded phrases
    months: dict[str, tuple[str, int]] = field(default_factory=dict)  # folded name -> (calendar, month)
    weekdays: set[str] = field(default_factory=set)
    hijri_markers: set[str] = field(default_factory=set)
    continuers: set[str] = field(default_factory=set)  # words no sentence opens with (a Japanese particle)
    stopwords: dict[str, set[str]] = field(default_factory=dict)  # language -> folded words
    # language -> the share of plain prose its listed words make, where it is below the usual quarter:
    # languages that glue most function words to the next word (Zulu) have few words of their own
    stopword_shares: dict[str, float] = field(default_factory=dict)
    markers: dict[str, tuple[str, int]] = field(default_factory=dict)  # language -> (letters, priority)
    # language -> (its letters, the share of a text's letters they must make, priority): the languages
    # that alone among ours write in a script of their own (Greek, Thai, Hangul, kana)
    scripts: dict[str, tuple[re.Pattern, float, int]] = field(default_factory=dict)
    languages: list[str] = field(default_factory=list)
    # [search] affixes, as written: the search index folds them its own way (cleaner.store.searchtext)
    search_affixes: dict[str, set[str]] = field(default_factory=dict)  # "prefixes"/"suffixes" -> affixes
    search_stem_endings: set[tuple[str, str]] = field(default_factory=set)  # (word ending, ending before a suffix)
    _max_words: dict[str, int] = field(default_factory=dict)
    _any_opener: tuple[dict[str, set[str]], dict[str, tuple[str, ...]]] | None = None
    _first_words: set[str] = field(default_factory=set)  # first word of every phrase
    # first word -> the second words of the phrases that open so, None when one is that word alone
    _second_words: dict[str, frozenset[str] | None] = field(default_factory=dict)
    _run_in_initials: set[str] = field(default_factory=set)  # first letter of every phrase that may run into the text
    # first letter -> the phrases filed under it that may run into the text, longest first
    _run_in_starts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _enders: dict[str, tuple[str, ...]] = field(default_factory=dict)  # last letter -> head-final phrases
    # category -> its phrases anywhere in a text; those of spaced scripts alone; those in ASCII alone
    _within: dict[str, tuple[re.Pattern | None, ...]] = field(default_factory=dict)
    # text -> opening_categories(text). A dict of strings to shared sets, not an lru_cache: a cache's
    # (self, text) keys and fresh frozensets are objects the garbage collector walks, and a page's
    # thousand new lines made a full collection run every few pages
    _opening_memo: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _category_sets: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, repr=False)

    def add_file(self, data: dict, origin: str) -> None:
        lang = data.get("language")
        if lang is not None and not isinstance(lang, str):
            raise RulesError(f"{origin}: 'language' must be a string")
        if lang and lang not in self.languages:
            self.languages.append(lang)
        for section, replace in (("phrases", False), ("replace", True)):
            table = data.get(section, {})
            if not isinstance(table, dict):
                raise RulesError(f"{origin}: [{section}] must be a table of phrase lists")
            for category, items in table.items():
                if category not in PHRASE_KINDS:
                    known = ", ".join(PHRASE_KINDS)
                    raise RulesError(f"{origin}: unknown phrase list {category!r} (known: {known})")
                if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                    raise RulesError(f"{origin}: {section}.{category} must be a list of strings")
                folded = {fold(i) for i in items if fold(i)}
                if replace:
                    self.phrases[category] = folded
                else:
                    self.phrases.setdefault(category, set()).update(folded)
        cldr = data.get("cldr", {})  # the names scripts/lexicon_calendar.py writes from CLDR
        months = {**data.get("months", {})}
        if cldr.get("months"):
            months["gregorian"] = {**cldr["months"], **months.get("gregorian", {})}
        for calendar, table in months.items():
            if calendar not in CALENDARS:
                raise RulesError(f"{origin}: unknown calendar {calendar!r} (known: {', '.join(CALENDARS)})")
            for name, number in table.items():
                if not isinstance(number, int) or not 1 <= number <= 12:
                    raise RulesError(f"{origin}: month {name!r} must be a number from 1 to 12")
                self.months[fold(name)] = (calendar, number)
        self.weekdays.update(fold(w) for w in [*data.get("weekdays", []), *cldr.get("weekdays", [])])
        self.hijri_markers.update(fold(w) for w in data.get("hijri_markers", []))
        self.continuers.update(w.strip() for w in data.get("continuers", []) if w.strip())
        if lang and data.get("stopwords"):
            self.stopwords.setdefault(lang, set()).update(f for f in map(fold, data["stopwords"]) if f)
        if lang and data.get("stopwords_share") is not None:
            self.stopword_shares[lang] = _share(data["stopwords_share"], origin)
        if lang and data.get("stopword_suffixes"):  # kept as "-는": a word ending so counts as a stopword
            self.stopwords.setdefault(lang, set()).update("-" + f for f in map(fold, data["stopword_suffixes"]) if f)
        if lang and data.get("marker_letters"):
            self.markers[lang] = (data["marker_letters"], int(data.get("marker_priority", 0)))
        if lang and data.get("script"):
            self.scripts[lang] = _script(data, origin)
        self._add_search(data.get("search", {}), origin)
        self._max_words = {c: max((p.count(" ") + 1 for p in ps), default=0) for c, ps in self.phrases.items()}
        self._any_opener = None
        self._within = {}
        self._opening_memo = {}

    def _add_search(self, table: object, origin: str) -> None:
        if not isinstance(table, dict):
            raise RulesError(f"{origin}: [search] must be a table")
        for key, value in table.items():
            if key in SEARCH_LISTS:
                if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                    raise RulesError(f"{origin}: search.{key} must be a list of non-empty strings")
                self.search_affixes.setdefault(key, set()).update(v.strip() for v in value)
            elif key == "stem_endings":
                pairs = [(k, v) for k, vs in (value.items() if isinstance(value, dict) else ())
                         for v in (vs if isinstance(vs, list) else [vs])]
                if not isinstance(value, dict) or not all(k and isinstance(v, str) and v for k, v in pairs):
                    raise RulesError(f"{origin}: search.stem_endings must map word endings to strings or lists of them")
                self.search_stem_endings.update(pairs)
            else:
                known = ", ".join((*SEARCH_LISTS, "stem_endings"))
                raise RulesError(f"{origin}: unknown search key {key!r} (known: {known})")

    def _index(self) -> tuple[dict[str, set[str]], dict[str, tuple[str, ...]]]:
        """(phrase -> its categories, first word or first letter -> the phrases that start so, longest
        first). A phrase ending in an unspaced script (相关新闻) may run into the text after it, so it
        is found by its first letter; any other by its first word."""
        if self._any_opener is None:
            owners: dict[str, set[str]] = {}
            for category, phrases in self.phrases.items():
                for phrase in phrases:
                    owners.setdefault(phrase, set()).add(category)
            starts: dict[str, list[str]] = {}
            for phrase in sorted(owners, key=len, reverse=True):
                key = phrase[0] if has_unspaced(phrase[-1]) else phrase.split(" ", 1)[0]
                starts.setdefault(key, []).append(phrase)
            self._any_opener = (owners, {k: tuple(v) for k, v in starts.items()})
            self._first_words = {phrase.split(" ", 1)[0] for phrase in owners}
            seconds: dict[str, set[str] | None] = {}
            for phrase in owners:
                first, _, rest = phrase.partition(" ")
                if not rest:
                    seconds[first] = None  # the word alone is a phrase
                elif seconds.get(first, ()) is not None:
                    seconds.setdefault(first, set()).add(rest.split(" ", 1)[0])
            self._second_words = {k: None if v is None else frozenset(v) for k, v in seconds.items()}
            self._run_in_initials = {phrase[0] for phrase in owners if has_unspaced(phrase[-1])}
            run_in = {k: tuple(p for p in v if has_unspaced(p[-1])) for k, v in self._any_opener[1].items()}
            self._run_in_starts = {k: v for k, v in run_in.items() if v}
            enders: dict[str, list[str]] = {}
            for phrase in sorted(owners, key=len, reverse=True):
                if owners[phrase] & HEAD_FINAL and has_unspaced(phrase[-1]):
                    enders.setdefault(phrase[-1], []).append(phrase)
            self._enders = {k: tuple(v) for k, v in enders.items()}
        return self._any_opener

    def _closings(self, folded: str) -> tuple[str, ...]:
        """The head-final phrases a short heading of an unspaced script ends with (48小时点击排行)."""
        if not folded or len(folded) > HEAD_FINAL_MAX_CHARS or not has_unspaced(folded[-1]):
            return ()
        self._index()
        return tuple(p for p in self._enders.get(folded[-1], ()) if folded.endswith(p) and len(p) < len(folded))

    def _openings(self, head: str) -> tuple[str, ...]:
        """The phrases that open the folded text, longest first."""
        return tuple(sorted(set(self._opening_phrases(head)), key=len, reverse=True))

    def _opening_phrases(self, head: str) -> list[str]:
        """The phrases that open the folded text, in no order (a phrase may come twice)."""
        if not head:
            return []
        _, starts = self._index()
        first = head.split(" ", 1)[0]
        found = [p for p in starts.get(first, ()) if head == p or head.startswith(p + " ")]
        # phrases that may run into the text (相关新闻国务院), filed under their first letter
        found += [p for p in self._run_in_starts.get(head[0], ()) if head.startswith(p)]
        return found

    def opening_categories(self, text: str) -> frozenset[str]:
        """The categories whose phrases could open this text, found by the text's first word (or
        first letter) rather than by trying every phrase. Remembered: the page rules and the line
        rules both ask it of every line."""
        found = self._opening_memo.get(text)
        if found is None:
            if len(self._opening_memo) >= OPENING_MEMO_MAX:
                self._opening_memo.clear()
            found = self._opening_memo[text] = self._opening_categories(text)
        return found

    def openings_of(self, texts: list[str]) -> list[frozenset[str]]:
        """opening_categories of each text, for a rule that asks it of every line of a page: the
        remembered ones are looked up all at once."""
        memo = self._opening_memo
        found = list(map(memo.get, texts))
        if None in found:
            read: dict[str, frozenset[str]] = {}  # a line printed twice: read at its first print
            for i in [i for i, categories in enumerate(found) if categories is None]:
                categories = read.get(texts[i])
                if categories is None:
                    categories = read[texts[i]] = self._opening_categories(texts[i])
                found[i] = categories
            if len(memo) + len(read) > OPENING_MEMO_MAX:
                memo.clear()
            memo.update(read)
        return found

    def _opening_categories(self, text: str) -> frozenset[str]:
        owners = (self._any_opener or self._index())[0]
        head = text[:80]  # what is folded to find the phrases that open the text
        if head.isascii():  # its folded words are its runs of letters and digits, lower-cased
            words = _ASCII_TWO_WORDS.match(head)
            seconds = self._second_words.get(words.group(1).lower(), _NO_PHRASE) if words else _NO_PHRASE
            if seconds is _NO_PHRASE:
                return _NO_CATEGORIES  # the usual case, told without folding the text: no phrase starts so
            if seconds is not None and (words.group(2) or "").lower() not in seconds:
                return _NO_CATEGORIES  # a phrase starts with its first word ('a', 'in'), none with its first two
        short = len(text) <= 2 * HEAD_FINAL_MAX_CHARS and has_unspaced(text)
        if not short and not head.isascii() and self._opens_no_phrase(head):
            return _NO_CATEGORIES
        found: set[str] = set()
        folded = fold(head)
        for phrase in self._opening_phrases(folded):  # their categories, in any order
            found |= owners[phrase]
        for phrase in self._closings(folded) if short else ():
            found |= owners[phrase] & HEAD_FINAL
        categories = frozenset(found)
        return self._category_sets.setdefault(categories, categories)  # one set for each combination

    def _opens_no_phrase(self, head: str) -> bool:
        """No phrase can open the head of a text, told by folding its first word alone: folding works
        letter by letter and white space parts words, so the folded head's first word is that of its
        first token (when that holds a letter). A phrase opens the text only by that first word, or,
        one that runs into the text (相关新闻国务院), by its first letter."""
        token = head.split(None, 1)
        word = fold(token[0]).split(" ", 1)[0] if token else ""
        return bool(word) and word not in self._first_words and word[0] not in self._run_in_initials

    def is_phrase(self, category: str, text: str) -> bool:
        """The whole text is one phrase of the category."""
        return fold(text) in self.phrases.get(category, ())

    def leading(self, category: str, text: str) -> tuple[str, str] | None:
        """Split `text` into (label, rest) when it opens with a phrase of the category.

        The label is either what stands before a separator (':', '|', a dash) or the longest run of
        leading words that is a phrase. `rest` is the original text after it.
        """
        phrases = self.phrases.get(category)
        if not phrases or category not in self.opening_categories(text):
            return None
        sep = SEPARATORS.search(text, 0, 80)
        if sep and sep.start() > 0 and fold(text[: sep.start()]) in phrases:
            return text[: sep.start()].strip(), text[sep.end():].strip()
        words = text.split()
        for k in range(min(self._max_words.get(category, 0), len(words)), 0, -1):
            if fold(" ".join(words[:k])) in phrases:
                return " ".join(words[:k]), " ".join(words[k:]).lstrip(":：|-–— ").strip()
        if category not in RUN_IN:
            return None
        owners, _ = self._index()
        folded = fold(text[:80])
        opening = next((p for p in self._openings(folded) if category in owners[p]), None)
        lead = _leading_unspaced(text, opening) if opening else None
        if lead is None and category in HEAD_FINAL and any(category in owners[p] for p in self._closings(folded)):
            return text.strip().rstrip(":：").strip(), ""  # the whole heading is the label: its phrase closes it
        return lead

    def within(self, category: str, text: str) -> str | None:
        """A phrase of the category anywhere in `text`: one of an unspaced script inside a run of its
        letters (会員登録が必要です in ご利用には会員登録が必要です), any other as whole words."""
        if category not in self._within:
            phrases = sorted(self.phrases.get(category, ()), key=len, reverse=True)
            unspaced = [re.escape(p) for p in phrases if has_unspaced(p)]
            spaced = [_whole_words(p) for p in phrases if not has_unspaced(p)]
            ascii_only = [_whole_words(p) for p in phrases if p.isascii()]
            # a text with no unspaced letter holds none of those phrases; an ASCII text holds only ASCII ones
            self._within[category] = tuple(
                re.compile("|".join(alternatives)) if alternatives else None
                for alternatives in (unspaced + spaced, spaced, ascii_only)
            )
        everywhere, spaced_only, ascii_only = self._within[category]
        folded = fold(text)
        pattern = ascii_only if folded.isascii() else everywhere if has_unspaced(folded) else spaced_only
        found = pattern.search(folded) if pattern is not None else None
        return found.group(0) if found else None

    def count_phrases(self, category: str, text: str) -> tuple[int, int]:
        """How many words of `text` belong to phrases of the category, and how many words there are."""
        words = fold(text).split()
        phrases = self.phrases.get(category, ())
        longest = self._max_words.get(category, 0)
        i = covered = 0
        while i < len(words):
            for k in range(min(longest, len(words) - i), 0, -1):
                if " ".join(words[i : i + k]) in phrases:
                    covered += k
                    i += k
                    break
            else:
                i += 1
        return covered, len(words)


def _share(value: object, origin: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise RulesError(f"{origin}: 'stopwords_share' must be a number above 0 and at most 1")
    return float(value)


def _script(data: dict, origin: str) -> tuple[re.Pattern, float, int]:
    letters, share = data["script"], data.get("script_share", 0.5)
    if not isinstance(letters, str) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise RulesError(f"{origin}: 'script' must be letters or ranges (a-z), 'script_share' a share from 0 to 1")
    try:
        pattern = re.compile(f"[{letters}]")
    except re.error:
        raise RulesError(f"{origin}: 'script' must be letters or ranges (a-z)") from None
    return pattern, float(share), int(data.get("marker_priority", 0))


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex that matches as '|'.join(the phrases, longest first) does, its phrases grouped by their
    first letter ('m(?:ärz|ai|ay)|j(?:uin|une)'): at each place of a text the engine tries each first
    letter once, where the list tried every phrase (a line's dates are told from a thousand month,
    weekday and label names), and it compiles as fast. Two phrases that both match at a place are
    one the other's start, so in one group, which keeps the longer first, as the list does: the
    same phrase matches, and backtracking reaches the same shorter ones."""
    groups: dict[str, list[str]] = {}
    for phrase in sorted({p for p in phrases if p}, key=len, reverse=True):
        groups.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    parts = [re.escape(first) + (f"(?:{'|'.join(rests)})" if rests != [""] else "") for first, rests in groups.items()]
    return f"(?:{'|'.join(parts)})" if parts else "(?!)"


def _whole_words(phrase: str) -> str:
    """A phrase as whole words: no letter before it, none after. The look back stands after its first
    letter, so that every alternative of a pattern of phrases opens with a letter and the regex
    engine skips to the places where one of those letters stands (2-4x faster than one look back
    before them all, and the same matches)."""
    return re.escape(phrase[0]) + r"(?<!\w[\s\S])" + re.escape(phrase[1:]) + r"(?!\w)"


def _leading_unspaced(text: str, phrase: str) -> tuple[str, str] | None:
    """(label, rest) for a phrase of an unspaced script run into the text: the shortest start of the
    text that folds to the phrase."""
    if not has_unspaced(phrase[-1]):
        return None
    for end in range(len(phrase), min(len(text), 2 * len(phrase) + 8) + 1):
        if fold(text[:end]) == phrase:
            return text[:end].strip(), text[end:].lstrip(":：|-–— ").strip()
    return None


def _load_toml(path: Path | str, text: str | None = None) -> dict:
    try:
        return tomllib.loads(text if text is not None else Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RulesError(f"{path}: no such rules file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: not valid TOML ({exc})") from None


# what a rules file may hold at its top level: these, and whatever the built-in files use
RULES_KEYS = frozenset({"language", "phrases", "replace", "months", "weekdays", "hijri_markers", "stopwords",
                        "marker_letters", "marker_priority", "search"})


@lru_cache(maxsize=1)
def builtin_lexicon() -> Lexicon:
    lexicon = Lexicon()
    folder = resources.files("cleaner") / "lexicon"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = _load_toml(entry.name, entry.read_text(encoding="utf-8"))
            _BUILTIN_KEYS.update(data)
            lexicon.add_file(data, entry.name)
    return lexicon


_BUILTIN_KEYS: set[str] = set()


def _check_keys(data: dict, origin: str) -> None:
    """A key the lexicon does not know (`langage`, `[phrase]`) is a typo that would be ignored: say so."""
    known = RULES_KEYS | _BUILTIN_KEYS
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise RulesError(f"{origin}: unknown key {key!r} (known: {', '.join(sorted(known))}){hint}")


@lru_cache(maxsize=8)
def load_lexicon(rules: str | None = None) -> Lexicon:
    """The built-in lexicon, extended (or partly replaced) by a user's rules file."""
    if rules is None:
        return builtin_lexicon()
    base = builtin_lexicon()
    lexicon = Lexicon(
        phrases={k: set(v) for k, v in base.phrases.items()},
        months=dict(base.months),
        weekdays=set(base.weekdays),
        hijri_markers=set(base.hijri_markers),
        continuers=set(base.continuers),
        stopwords={k: set(v) for k, v in base.stopwords.items()},
        stopword_shares=dict(base.stopword_shares),
        markers=dict(base.markers),
        scripts=dict(base.scripts),
        languages=list(base.languages),
        search_affixes={k: set(v) for k, v in base.search_affixes.items()},
        search_stem_endings=set(base.search_stem_endings),
    )
    data = _load_toml(rules)
    _check_keys(data, str(rules))
    lexicon.add_file(data, str(rules))
    return lexicon
