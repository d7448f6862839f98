"""The benchmark scripts' turn-taking must score each system on its own outputs, page for page."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from benchlib import interleaved  # noqa: E402


def test_each_system_gets_its_own_outputs_in_page_order_whatever_the_turns():
    pages = [f"page {i}" for i in range(7)]
    runs = {"upper": (str.upper, pages), "reversed": (lambda s: s[::-1], pages), "length": (len, pages)}
    for chunk in (1, 3, 10):
        results = interleaved(runs, repeat=2, chunk=chunk)
        assert results["upper"][0] == [p.upper() for p in pages]
        assert results["reversed"][0] == [p[::-1] for p in pages]
        assert results["length"][0] == [6] * 7
        assert all(rate > 0 for _, rate in results.values())


def test_systems_take_turns_a_chunk_at_a_time_in_a_rotating_order():
    calls = []
    runs = {name: (lambda page, name=name: calls.append((name, page)), list(range(4))) for name in "ab"}
    interleaved(runs, chunk=2)
    assert calls == [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("b", 2), ("b", 3), ("a", 2), ("a", 3)]
