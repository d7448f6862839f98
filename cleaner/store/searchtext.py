"""Text as the search index sees it, so a query finds an article however either was spelled.

SQLite's unicode61 tokenizer folds case and Latin accents but not Arabic script: harakat stay part of
a word, and Arabic and Persian write yeh and kaf with different code points. The index and every
query go through the same folding, so "كتاب", "کتاب" and "كِتاب" are one word, and so
are "بزرگ‌ترین" and "بزرگترین".
"""

from __future__ import annotations

import re

_ARABIC_MARKS = [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640]
_FOLD = str.maketrans({
    **dict.fromkeys(map(chr, _ARABIC_MARKS), None),  # harakat, Quranic marks, tatweel
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a",  # alef maksura, Farsi yeh, yeh barree -> yeh
    "\u06a9": "\u0643",  # keheh (Persian kaf) -> kaf
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # alef with hamza/madda/wasla
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u200c": "", "\u200d": "",  # ZWNJ inside a Persian word: many type the word without it
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06f0 + d): str(d) for d in range(10)},
})
_FOLD_CHARS = [chr(c) for c in _FOLD]
_FOLDABLE = re.compile("[" + "".join(re.escape(c) for c in _FOLD_CHARS) + "]")
_QUERY_PARTS = re.compile(r'"([^"]*)"|(\S+)')


def fold(text: str | None) -> str:
    """The spelling the index keeps: Arabic-script marks dropped, letter variants made one."""
    if not text:
        return ""
    if text.isascii() or not _FOLDABLE.search(text):
        return text  # str.translate walks every character; most Latin-script texts have nothing to fold
    return text.translate(_FOLD)


def fts_query(query: str) -> str:
    """A user's query as an FTS5 expression: every word (or "quoted phrase") must occur.

    Each part is quoted, so FTS5 operators and punctuation in a query never make it a syntax error.
    """
    parts = []
    for phrase, word in _QUERY_PARTS.findall(query):
        text = fold(phrase or word).strip()
        if text:
            parts.append('"' + text.replace('"', '""') + '"')
    return " ".join(parts)


_QUOTED = re.compile(r'"((?:[^"]|"")*)"')
SNIPPET_WORDS = 12  # words on each side of the first match


def query_terms(expression: str) -> list[str]:
    """The folded, lower-cased words of an FTS expression made by fts_query."""
    return [w.lower() for phrase in _QUOTED.findall(expression) for w in phrase.replace('""', '"').split()]


def snippet(text: str, terms: list[str]) -> str:
    """Words around the first match, from the article as written (FTS5's own snippet would show the
    folded index text: Arabic without its teh marbuta, Persian without its ZWNJ), matches in [ ]."""
    words = text.split()
    hits = [i for i, w in enumerate(words) if any(t in fold(w).lower() for t in terms)]
    if not hits:
        return " ".join(words[: 2 * SNIPPET_WORDS]) + (" …" if len(words) > 2 * SNIPPET_WORDS else "")
    start = max(0, hits[0] - SNIPPET_WORDS)
    end = min(len(words), hits[0] + SNIPPET_WORDS + 1)
    shown = [f"[{w}]" if i in hits else w for i, w in enumerate(words[start:end], start)]
    return ("… " if start else "") + " ".join(shown) + (" …" if end < len(words) else "")
