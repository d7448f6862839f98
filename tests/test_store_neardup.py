"""Near-duplicates: datasketch's MinHash of each text's words, found through band keys.

The same article with another furniture line or a few edits is one; different articles are not.
"""

from __future__ import annotations

import json
import sqlite3
import zlib

import pytest
from archivekit import TEXTS
from datasketch import MinHash

from cleaner.store.neardup import (
    BANDS,
    MIN_WORDS,
    THRESHOLD,
    first_near_duplicate,
    index_record,
    signature_of,
    similarity,
    unindex_record,
    words_of,
)
from cleaner.store.schema import migrate

BODIES = {p.stem: json.loads(p.with_suffix(".expected.json").read_text(encoding="utf-8"))["body"] for p in TEXTS}
LONG = {name: body for name, body in BODIES.items() if signature_of(body)}

READ_ALSO = {  # furniture one copy of an article kept and the other did not
    "ar": "اقرأ أيضا: وزير الخارجية يلتقي نظيره الفرنسي لبحث التعاون الثنائي في مجالات الطاقة والتجارة",
    "fa": "بیشتر بخوانید: وزیر امور خارجه با همتای فرانسوی خود درباره همکاری‌های دوجانبه گفت‌وگو کرد",
    "en": "Read more: The minister meets his French counterpart to discuss trade and energy cooperation",
}


def language_of(name: str) -> str:
    return name.split("_")[0] if name.split("_")[0] in READ_ALSO else "ar"


def test_the_signature_is_datasketchs_minhash_of_the_words():
    body = next(iter(LONG.values()))
    reference = MinHash(num_perm=128, hashfunc=zlib.crc32, scheme="affine32")
    reference.update_batch(words_of(body))
    assert signature_of(body) == reference.hashvalues.astype("<u4").tobytes()


def test_words_are_told_apart_by_spaces_and_punctuation():
    assert words_of("الدوحة، «غزة» U.S. flood-hit ground. ground") == {
        w.encode() for w in ("الدوحة", "غزة", "U", "S", "flood", "hit", "ground")}


def test_a_text_of_few_words_has_no_signature():
    assert signature_of(" ".join(f"word{i}" for i in range(MIN_WORDS - 1)) + " word0 word1") is None
    assert signature_of(" ".join(f"word{i}" for i in range(MIN_WORDS))) is not None


@pytest.mark.parametrize("name", sorted(LONG))
def test_a_copy_with_other_furniture_or_small_edits_is_near(name):
    body = LONG[name]
    line = READ_ALSO[language_of(name)]
    for copy in (body + "\n\n" + line, line + "\n\n" + body, body.replace(".", " .", 3).replace("،", " ،", 3)):
        assert similarity(signature_of(body), signature_of(copy)) >= THRESHOLD, copy[:60]


def test_different_articles_are_not_near():
    names = sorted(LONG)
    assert len(names) >= 4
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    assert max(similarity(signature_of(LONG[a]), signature_of(LONG[b])) for a, b in pairs) < THRESHOLD / 2


def in_memory_archive() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn)
    for rowid, body in enumerate(LONG.values(), start=1):
        conn.execute("INSERT INTO records (rowid, id, json, added_at, updated_at, minhash) VALUES (?, ?, '{}', '', '', ?)",
                     (rowid, str(rowid), signature_of(body)))
        index_record(conn, rowid, signature_of(body))
    return conn


def test_lookup_through_band_keys_finds_the_first_record():
    conn = in_memory_archive()
    third = list(LONG.items())[2]
    copy = third[1] + "\n\n" + READ_ALSO[language_of(third[0])]
    assert conn.execute("SELECT count(*) FROM near_keys").fetchone()[0] == BANDS * len(LONG)
    assert first_near_duplicate(conn, signature_of(copy)) == 3
    assert first_near_duplicate(conn, signature_of(copy), exclude=3) is None
    unindex_record(conn, 3, signature_of(third[1]))
    assert first_near_duplicate(conn, signature_of(copy)) is None
    assert conn.execute("SELECT count(*) FROM near_keys").fetchone()[0] == BANDS * (len(LONG) - 1)
