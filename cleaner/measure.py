"""Measures of text that hold in every script: how many words a text has, and whether it ends a sentence.

Every length rule of cleaner counts through here, so that a Chinese paragraph (no spaces), a Thai
one (spaces between phrases only) and an English one of the same content measure alike. Scripts
that do not space their words count their letters, divided by the letters an average word of
them has (about 1.5 ideographs for Chinese and Japanese, where a word is one or two characters;
about 4 letters for Thai, Lao, Khmer and Myanmar syllables strung into words). Combining marks
(Thai vowels and tones, Arabic harakat) are not letters of their own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# scripts that write words without spaces between them, and the letters one word takes in each
_HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# Thai and Lao, Myanmar, Khmer, Khmer symbols
_SOUTHEAST_ASIAN_BLOCKS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF))
_SOUTHEAST_ASIAN = "".join(f"{chr(first)}-{chr(last)}" for first, last in _SOUTHEAST_ASIAN_BLOCKS)
HAN_KANA_LETTERS_PER_WORD = 1.5
SOUTHEAST_ASIAN_LETTERS_PER_WORD = 4.0
# the first letter of those scripts: a character below it is none of theirs, told without a call
UNSPACED_FROM = "\u0e00"
_HAN_KANA_LETTER = re.compile(f"[{_HAN_KANA}]")
_UNSPACED = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}]")
UNSPACED_LETTER = _UNSPACED  # for a loop that asks has_unspaced of most lines: the look, without the call
_UNSPACED_OR_SPACE = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}]+")
# a token (white space around it) that holds a letter or digit: among unspaced letters, a token of
# punctuation alone (，。) is no word
_WORD_TOKEN = re.compile(r"\S*?[^\W_]\S*")


def _class_of(codes: list[int]) -> str:
    """A regex class of the code points, consecutive ones as ranges (compiled in a fraction of the time)."""
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(f"{chr(a)}-{chr(b)}" if b > a else re.escape(chr(a)) for a, b in runs) + "]"


# the letters of the Southeast Asian scripts that are not combining marks (Thai vowels and tones):
# a word of them has about 4 of these letters, a combining mark is none
_SOUTHEAST_LETTER = re.compile(_class_of([
    c
    for first, last in _SOUTHEAST_ASIAN_BLOCKS
    for c in range(first, last + 1)
    if not unicodedata.category(chr(c)).startswith("M")
]))

# full stops, question and exclamation marks of every script, and an ellipsis
SENTENCE_ENDERS = frozenset(".!?…؟۔।॥。！？｡．။።፧፨។៕᙮‼⁇⁈⁉܀܁܂߹჻")
# quotes and brackets that may follow the final stop
CLOSERS = "'\"”’»)]}》」』〉】〕）］｝›"


@lru_cache(maxsize=65536)  # every rule measures the same lines again
def word_count(text: str) -> int:
    """The words of `text`, with runs of an unspaced script counted by their letters."""
    if text.isascii() or _UNSPACED.search(text) is None:  # has_unspaced, without a call: a miss for each new line
        return len(text.split())
    han_kana = len(_HAN_KANA_LETTER.findall(text))
    southeast = len(_SOUTHEAST_LETTER.findall(text))
    spaced = len(_WORD_TOKEN.findall(_UNSPACED_OR_SPACE.sub(" ", text)))  # the tokens holding a _WORD
    unspaced = han_kana / HAN_KANA_LETTERS_PER_WORD + southeast / SOUTHEAST_ASIAN_LETTERS_PER_WORD
    return spaced + (round(unspaced) if unspaced >= 1 else (1 if unspaced else 0))


def has_unspaced(text: str) -> bool:
    """Some of the text is written in a script that does not space its words."""
    return not text.isascii() and _UNSPACED.search(text) is not None  # isascii is a flag: no scan


def content_units(folded: str) -> set[str]:
    """What two texts share when they speak of the same thing: its words of three letters or more,
    and in an unspaced script, where a word is not told by spaces, every pair of adjacent letters
    (a Chinese or Japanese word is mostly two characters)."""
    if not has_unspaced(folded):
        return {w for w in folded.split() if len(w) > 2 and not w.isdigit()}
    units: set[str] = set()
    for word in folded.split():
        if not _UNSPACED.search(word):
            if len(word) > 2 and not word.isdigit():
                units.add(word)
            continue
        for run in _UNSPACED_OR_SPACE.findall(word):
            units.update(run[i : i + 2] for i in range(len(run) - 1))
        units.update(w for w in _UNSPACED_OR_SPACE.split(word) if len(w) > 2 and not w.isdigit())
    return units


@lru_cache(maxsize=64)
def _unspaced_words(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted((w for w in words if _UNSPACED.search(w)), key=len, reverse=True))


@lru_cache(maxsize=64)
def _unspaced_pattern(words: frozenset[str]) -> re.Pattern | None:
    unspaced = _unspaced_words(words)
    return re.compile("|".join(map(re.escape, unspaced))) if unspaced else None


def unspaced_hits(text: str, words: frozenset[str]) -> int:
    """How often the words of an unspaced script (Chinese 的 了 是, Japanese の は です, Thai ที่ และ)
    occur in the text: where words are not spaced, a stopword is found inside the run of letters."""
    pattern = _unspaced_pattern(words)
    if pattern is None or not has_unspaced(text):
        return 0
    return len(pattern.findall(text))


# Thai and Lao end a sentence with a space or the end of the paragraph, not with a stop
_STOPLESS = re.compile("[\u0e00-\u0eff]")


def writes_no_stops(text: str) -> bool:
    """The text ends in a script whose sentences end without a stop (Thai, Lao)."""
    return _STOPLESS.match(text.rstrip()[-1:]) is not None


def is_unspaced(text: str) -> bool:
    """Most of the text's letters belong to a script that does not space its words."""
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > 0 and len(_UNSPACED.findall(text)) * 2 > letters


@lru_cache(maxsize=64)
def _suffixes(words: frozenset[str]) -> tuple[tuple[str, ...], frozenset[str]]:
    """The suffixes, and the letters they end with (a word ending otherwise needs no look)."""
    suffixes = tuple(w[1:] for w in words if w.startswith("-") and len(w) > 1)
    return suffixes, frozenset(x[-1] for x in suffixes)


def suffix_hits(tokens: list[str], words: frozenset[str]) -> int:
    """How many tokens end with one of the words' suffixes ("-는", "-을": the particles Korean glues
    to its nouns), when the token is neither a listed word nor the suffix alone."""
    suffixes, last_letters = _suffixes(words)
    if not suffixes:
        return 0
    hits = 0
    for token in tokens:
        if token[-1:] not in last_letters:
            token = token.strip(".,;:!?\"'()[]«»“”‘’…")
            if token[-1:] not in last_letters:
                continue
        if token not in words and token.endswith(suffixes) and token not in suffixes:
            hits += 1
    return hits


def ends_sentence(text: str) -> bool:
    """The text ends with a sentence stop of any script, perhaps followed by quotes or brackets."""
    return text.rstrip().rstrip(CLOSERS)[-1:] in SENTENCE_ENDERS


def is_prose(text: str, min_words: int) -> bool:
    """A paragraph of running prose: closed by a sentence stop, and this long in words of any script."""
    return ends_sentence(text) and word_count(text) >= min_words


UNSPACED_STOPS = "。！？｡"  # the sentence stops of scripts that do not space words: no space follows them
# a stop followed by a space or the end, or a stop of a script written without spaces anywhere
_SENTENCE_STOP = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDERS))) + rf"](?:\s|$)|[{UNSPACED_STOPS}]")


def holds_sentence(text: str) -> bool:
    """The text holds at least one whole sentence, in any script."""
    return _SENTENCE_STOP.search(text) is not None
