"""Shared test helpers: where fixtures live and the benchmark's body metric."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def body_f1(predicted: str, gold: str) -> float:
    """F1 over 4-gram word shingles: the article-extraction-benchmark's metric for one document."""

    def shingles(text: str) -> Counter:
        tokens = re.findall(r"\w+", text)
        if len(tokens) < 4:
            return Counter([tuple(tokens)]) if tokens else Counter()
        return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))

    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    if not p and not g:
        return 1.0
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@pytest.fixture(scope="session")
def ray_instance():
    """One local Ray instance for every test that needs it: it takes ~10 s to start and ~1.4 GB.

    Skipped where Ray is not installed, unless CLEANER_REQUIRE_RAY is set (CI sets it: there a missing
    Ray is a failure, not a skip).
    """
    import logging
    import os

    if os.environ.get("CLEANER_REQUIRE_RAY"):
        import ray
    else:
        ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, object_store_memory=256 * 1024 * 1024, log_to_driver=False,
             logging_level=logging.WARNING, _node_ip_address="127.0.0.1")  # loopback only
    yield ray
    ray.shutdown()
