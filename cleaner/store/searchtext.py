"""Text as the search index sees it, so a query finds an article however either was spelled.

SQLite's unicode61 tokenizer folds case and Latin accents but not Arabic script: harakat stay part of
a word, and Arabic and Persian write yeh and kaf with different code points. The index and every
query go through the same folding, so "كتاب", "کتاب" and "كِتاب" are one word, and so
are "بزرگ‌ترین" and "بزرگترین".

The index keeps a word with what is glued to it ("والكتاب", "کتابهای" are one token each), so a
query word is widened instead, when the lexicon's [search] lists give its script affixes: the word
with each prefix, searched as the start of a token (a suffix may follow). Widening the query rather
than stemming the index keeps archiving as fast as it was and lets the lists change without a reindex.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cleaner.furniture.lexicon import builtin_lexicon
from cleaner.script import ARABIC_MARKS, LETTER_VARIANTS

_FOLD = str.maketrans({
    **dict.fromkeys(map(chr, ARABIC_MARKS), None),
    **LETTER_VARIANTS,
    "\u06d2": "\u064a",  # yeh barree -> yeh
    "\u200c": "", "\u200d": "",  # ZWNJ inside a Persian word: many type the word without it
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06f0 + d): str(d) for d in range(10)},
})
_FOLD_CHARS = [chr(c) for c in _FOLD]
_FOLDABLE = re.compile("[" + "".join(re.escape(c) for c in _FOLD_CHARS) + "]")
_QUERY_PARTS = re.compile(r'"([^"]*)"|(\S+)')
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps together: letters and digits

AFFIXED_MIN_LETTERS = 3  # shorter words (في، من، از) are searched as typed: affixed, they match too much
STEM_MIN_LETTERS = 4  # from here a word is searched as the start of a token; a shorter one takes each
# prefix or each listed suffix, since "سال"* would find سالم and سالن, and "مصر"* مصرف


def fold(text: str | None) -> str:
    """The spelling the index keeps: Arabic-script marks dropped, letter variants made one."""
    if not text:
        return ""
    if text.isascii() or not _FOLDABLE.search(text):
        return text  # str.translate walks every character; most Latin-script texts have nothing to fold
    return text.translate(_FOLD)


def fts_query(query: str) -> str:
    """A user's query as an FTS5 expression: every word (or "quoted phrase") must occur.

    Each term is quoted, so FTS5 operators and punctuation in a query never make it a syntax error.
    A word in a script the lexicon gives affixes for becomes an OR-group of its affixed forms; a
    quoted phrase is matched as typed. A part with no letters or digits ("-", "()") is dropped: FTS5
    would match nothing for it.
    """
    parts = []
    for phrase, word in _QUERY_PARTS.findall(query):
        text = fold(phrase or word).lower()
        tokens = _TOKEN.findall(text)
        if not tokens:
            continue
        if phrase or len(tokens) > 1:
            parts.append(_quote(" ".join(tokens)))
        else:
            parts.append(_word_group(tokens[0]))
    return " AND ".join(parts)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _word_group(word: str) -> str:
    """One query word as FTS5: itself, or an OR-group of the forms its script's affixes make."""
    affixes = affixes_by_script().get(script_of(word))
    if affixes is None or len(word) < AFFIXED_MIN_LETTERS:
        return _quote(word)
    common = common_words()
    stems = [word] + [word[: -len(end)] + new for end, new in affixes.stem_endings if word.endswith(end)]
    if len(word) >= STEM_MIN_LETTERS:
        forms = [_quote(p + s) + "*" for p in ("", *affixes.prefixes) for s in stems]
    else:  # a prefix or a suffix, not both: the two together would make hundreds of terms, mostly unused
        forms = [_quote(p + word) for p in ("", *affixes.prefixes)]
        forms += [_quote(s + e) for s in stems for e in affixes.suffixes]
    if word not in common:  # "رای" (vote) must not turn into "برای" (for), in every Persian article
        forms = [f for f in forms if f.rstrip("*").strip('"') not in common]
    forms = list(dict.fromkeys(forms))
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


@dataclass(frozen=True)
class ScriptAffixes:
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    stem_endings: tuple[tuple[str, str], ...]  # (word ending, how it is written before a suffix)


def script_of(text: str) -> str | None:
    """The script of a word's first letter, as Unicode names it ("ARABIC", "LATIN"): a word in a
    script gets that script's affixes, whichever language file listed them."""
    for char in text:
        if char.isalpha():
            return unicodedata.name(char, "").split(" ", 1)[0] or None
    return None


@lru_cache(maxsize=1)
def affixes_by_script() -> dict[str, ScriptAffixes]:
    """The lexicon's [search] affixes, folded as the index is, grouped by the script they are in."""
    lexicon = builtin_lexicon()
    grouped: dict[str, dict[str, set]] = {}
    entries = [(kind, fold(a).lower()) for kind, affixes in lexicon.search_affixes.items() for a in affixes]
    entries += [("stem_endings", (fold(end).lower(), fold(new).lower())) for end, new in lexicon.search_stem_endings]
    for kind, entry in entries:
        script = script_of(entry if isinstance(entry, str) else entry[0])
        if script:
            grouped.setdefault(script, {}).setdefault(kind, set()).add(entry)
    order = lambda items: tuple(sorted(items, key=lambda a: (len(a), a)))  # noqa: E731 (stable output)
    return {
        script: ScriptAffixes(order(kinds.get("prefixes", ())), order(kinds.get("suffixes", ())),
                              tuple(sorted(kinds.get("stem_endings", ()))))
        for script, kinds in grouped.items()
    }


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Every language's commonest words (the lexicon's stopwords), folded as the index is."""
    return frozenset(fold(w).lower() for words in builtin_lexicon().stopwords.values() for w in words)


_QUOTED = re.compile(r'"((?:[^"]|"")*)"(\*?)')
SNIPPET_WORDS = 12  # words on each side of the first match


def query_terms(expression: str) -> list[str]:
    """The folded, lower-cased words of an FTS expression made by fts_query; a word the expression
    searches as the start of a token ends in "*"."""
    terms = []
    for phrase, star in _QUOTED.findall(expression):
        words = _TOKEN.findall(_without_accents(phrase.replace('""', '"').lower()))
        terms += words[:-1] + [w + star for w in words[-1:]]
    return list(dict.fromkeys(terms))


def _without_accents(text: str) -> str:
    """Latin accents dropped, as the index's tokenizer does (remove_diacritics)."""
    if text.isascii() or unicodedata.is_normalized("NFKD", text):
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _matcher(terms: list[str]):
    """Whether a folded, lower-cased word holds a term: the same token, or one starting with a "*" term."""
    exact = {t for t in terms if not t.endswith("*")}
    starts = {t[:-1] for t in terms if t.endswith("*")}
    lengths = sorted({len(s) for s in starts})
    anywhere = re.compile("|".join(re.escape(t) for t in sorted(exact | starts, key=len, reverse=True)) or "(?!)")

    def matches(word: str) -> bool:
        if word.isascii() or unicodedata.is_normalized("NFKD", word):
            if not anywhere.search(word):
                return False  # most words: told by one regex, without cutting them into tokens
        else:
            word = _without_accents(word)
        return any(t in exact or any(t[:n] in starts for n in lengths) for t in _TOKEN.findall(word))

    return matches


def snippet(text: str, terms: list[str]) -> str:
    """Words around the first match, from the article as written (FTS5's own snippet would show the
    folded index text: Arabic without its teh marbuta, Persian without its ZWNJ), matches in [ ]."""
    return "".join(f"[{part}]" if matched else part for part, matched in snippet_spans(text, terms))


def snippet_spans(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """The snippet as runs of text, each with whether it is a matched word: for a view to mark them."""
    words = text.split()
    folded = fold(text).lower().split()  # one pass over the text; folding neither makes nor drops a space
    if len(folded) != len(words):  # pragma: no cover (a safeguard, should a folding ever do so)
        folded = [fold(w).lower() for w in words]
    matches = _matcher(terms)
    first = next((i for i, w in enumerate(folded) if matches(w)), None)
    if first is None:
        return [(" ".join(words[: 2 * SNIPPET_WORDS]) + (" …" if len(words) > 2 * SNIPPET_WORDS else ""), False)]
    start = max(0, first - SNIPPET_WORDS)
    end = min(len(words), first + SNIPPET_WORDS + 1)
    parts: list[tuple[str, bool]] = [("… ", False)] if start else []
    for i in range(start, end):
        if i > start:
            parts.append((" ", False))
        parts.append((words[i], i >= first and matches(folded[i])))
    if end < len(words):
        parts.append((" …", False))
    merged: list[tuple[str, bool]] = []
    for part, matched in parts:
        if merged and not matched and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + part, False)
        else:
            merged.append((part, matched))
    return merged
