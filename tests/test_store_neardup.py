"""Near-duplicates: trafilatura's simhash, found through bands; the same article edited is one, others are not."""

from __future__ import annotations

import json
import sqlite3

import pytest
from archivekit import TEXTS, paragraphs
from trafilatura.deduplication import Simhash

from cleaner.store.neardup import MAX_DISTANCE, SAMPLE_WORDS, distance, first_near_duplicate, index_record, simhash_of
from cleaner.store.schema import migrate

BODIES = [json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8"))["body"] for p in TEXTS]


@pytest.mark.parametrize("text", BODIES + ["\n\n".join(paragraphs())], ids=lambda t: t[:20])
def test_the_hash_is_trafilaturas_simhash(text):
    fingerprint = simhash_of(text)
    if fingerprint is not None and len(text.split()) <= sum(SAMPLE_WORDS):
        assert fingerprint == Simhash(text).to_hex()


def test_a_long_text_is_hashed_on_its_start_middle_and_end():
    words = [f"word{i}" for i in range(2000)]
    text = " ".join(words)
    assert simhash_of(text) == Simhash(" ".join(words[:120] + words[970:1030] + words[-120:])).to_hex()
    changed_middle = " ".join(words[:500] + ["other"] * 10 + words[510:])
    assert simhash_of(changed_middle) == simhash_of(text)  # bounded cost: far edits are not seen


def test_an_edited_copy_is_near_and_other_articles_are_not():
    long_bodies = [b for b in BODIES if simhash_of(b)]
    assert len(long_bodies) >= 4
    original = long_bodies[0]
    edited = original.replace("،", " ،", 3) + "\n\nAn editor's note was added at the end."
    assert distance(simhash_of(original), simhash_of(edited)) <= MAX_DISTANCE
    others = [distance(simhash_of(a), simhash_of(b)) for i, a in enumerate(long_bodies) for b in long_bodies[i + 1:]]
    assert min(others) > MAX_DISTANCE


def test_lookup_through_bands_finds_the_first_record():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    long_bodies = [b for b in BODIES if simhash_of(b)]
    for rowid, body in enumerate(long_bodies, start=1):
        conn.execute("INSERT INTO records (rowid, id, json, added_at, updated_at, simhash) VALUES (?, ?, '{}', '', '', ?)",
                     (rowid, str(rowid), simhash_of(body)))
        index_record(conn, rowid, simhash_of(body))
    edited = long_bodies[2] + "\n\nOne more line at the end of the story."
    assert first_near_duplicate(conn, simhash_of(edited)) == 3
    assert first_near_duplicate(conn, simhash_of(edited), exclude=3) is None
