"""Words every match of a regular expression holds, to answer most searches without running it.

The cascade asks whether a page's class and id names (some 10,000 characters) hold a match of
trafilatura's patterns before it runs the XPath that tests them element by element. A search
costs 0.1-0.2 ms; most pages hold none of the words each pattern's matches must contain
("cookie", "omment", "infinite"), and looking for a word costs microseconds. The words are read
from the pattern as Python's own regex parser reads it, so they follow trafilatura's patterns as
they change; where that parser is not at hand or the pattern shows none, the search runs.
"""

from __future__ import annotations

import re
from functools import lru_cache


def found(pattern: re.Pattern, names: str) -> bool:
    """`pattern.search(names) is not None`, answered at once where `names` holds none of the
    words every match holds one of."""
    needles = _needles(pattern.pattern, pattern.flags)
    if needles is not None:
        if pattern.flags & re.IGNORECASE:
            if not names.isascii():  # a letter outside ASCII may match an ASCII one, ignoring case
                return pattern.search(names) is not None
            names = names.lower()
        if not any(needle in names for needle in needles):
            return False
    return pattern.search(names) is not None


@lru_cache(maxsize=32)
def _needles(text: str, flags: int) -> tuple[str, ...] | None:
    """Words one of which every match of the pattern holds (lower-cased and ASCII when it ignores
    case), or None when the pattern shows none."""
    try:
        needles = _sequence_needles(_sre_parse(text, flags))
    except (re.error, ValueError, TypeError, AttributeError):  # pragma: no cover - a parser of another Python
        return None
    if needles is None or not all(needles):
        return None
    if flags & re.IGNORECASE:
        if not all(needle.isascii() for needle in needles):
            return None
        needles = [needle.lower() for needle in needles]
    return tuple(dict.fromkeys(needles))


def _sre_parse(text: str, flags: int):
    return _sre()[0].parse(text, flags)


@lru_cache(maxsize=1)
def _sre():
    """Python's regex parser and its opcodes."""
    try:
        from re import _constants, _parser
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def _sequence_needles(items) -> list[str] | None:
    """Words one of which a match of this sequence of parsed items holds: a run of literal
    characters (zero-width assertions between them consume nothing), or the needles of a branch
    (each alternative's, together), a group or a repeat taken at least once. The longest found."""
    sre = _sre()[1]
    best: list[str] | None = None
    run: list[str] = []

    def better(found: list[str] | None) -> None:
        nonlocal best
        if found is not None and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if run:
            better(["".join(run)])
            run = []
        if op is sre.BRANCH:
            branches = [_sequence_needles(branch) for branch in av[1]]
            if all(found is not None for found in branches):
                better([needle for found in branches for needle in found])
        elif op is sre.SUBPATTERN:
            if av[1] or av[2]:  # flags changed inside: its letters may be read another way
                raise ValueError("scoped flags")
            better(_sequence_needles(av[3]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            better(_sequence_needles(av[2]))
    if run:
        better(["".join(run)])
    return best
