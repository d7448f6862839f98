"""A rule's answers about lines and words, kept from page to page: a site prints the same menus,
footers, bylines and date lines on every page (46% of the bench's lines were on a page before),
and a language's words come back on every page in it.

A memo is named by its rule and keyed by all that its answers depend on (the lexicon, the
stopword list, a threshold), so a cached answer is the answer. It is emptied when full, and the
least used memos are dropped: a process that cleans many sites and languages holds at most
MEMOS x MEMO_MAX answers.
"""

from __future__ import annotations

from functools import lru_cache

MEMO_MAX = 16384  # answers a memo holds before it is emptied
MEMOS = 64  # memos kept (a rule's, per lexicon or stopword list and threshold)


@lru_cache(maxsize=MEMOS)
def _memo(rule: str, *depends_on: object) -> dict:
    return {}


def kept_answers(rule: str, *depends_on: object) -> dict:
    """The memo of `rule`'s answers for `depends_on`, emptied when full. A rule takes it once a page;
    an emptied memo only costs answers worked out again."""
    memo = _memo(rule, *depends_on)
    if len(memo) >= MEMO_MAX:
        memo.clear()
    return memo
