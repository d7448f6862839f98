"""Text as the search index sees it, so a query finds an article however either was spelled.

SQLite's unicode61 tokenizer folds case and Latin accents but not Arabic script: harakat stay part of
a word, and Arabic and Persian write yeh and kaf with different code points. The index and every
query go through the same folding, so "كتاب", "کتاب" and "كِتاب" are one word, and so
are "بزرگ‌ترین" and "بزرگترین".
"""

from __future__ import annotations

import re

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
