"""Near-duplicates: the same article with other furniture or small edits, found by datasketch's MinHash.

A text's set of words is summarised by a MinHash signature; the share of values two signatures
have in common estimates the Jaccard similarity of the two word sets. A copy that kept one "read
also" line the other dropped still shares about 90% of its words, where a 64-bit simhash of the two
(trafilatura's, used before archive version 4) differed in more bits than any usable threshold in
four cases out of five.

Signatures are cut into BANDS bands of ROWS values. Two texts at similarity 0.8 share a whole band
with probability 1 - (1 - 0.8**8)**16 = 0.95 (0.996 at 0.86), texts at 0.3 almost never (0.001), so an
indexed lookup of band keys finds the candidates and each is confirmed on its full signature.
"""

from __future__ import annotations

import re
import sqlite3
import string
import zlib
from functools import cache

import numpy as np

PERMUTATIONS = 128
BANDS = 16
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.8  # estimated Jaccard similarity of the two texts' word sets
MIN_WORDS = 50  # distinct words: shorter texts are too alike by chance to call two of them one article
SCHEME = "affine32"  # datasketch's permutation scheme: 32-bit values, a signature is 512 bytes
SEED = 1
# punctuation is a space between words, so "ground." and "ground" are one word: ASCII through a byte
# table (fast), the few others through a regex
_ASCII_PUNCTUATION = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_OTHER_PUNCTUATION = re.compile("[،؛؟«»“”‘’„…–—]")


@cache
def _permutations() -> np.ndarray:
    from datasketch import MinHash  # imports scipy: only processes that hash pay for it

    return MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations


def signature_of(text: str) -> bytes | None:
    """The text's MinHash signature as bytes, or None when the text is too short to judge."""
    from datasketch import MinHash

    words = words_of(text)
    if len(words) < MIN_WORDS:
        return None
    # crc32 as the word hash: datasketch mixes it (murmur's finalizer) before permuting, and it costs
    # a third of the default sha1
    minhash = MinHash(num_perm=PERMUTATIONS, seed=SEED, hashfunc=zlib.crc32, permutations=_permutations(),
                      scheme=SCHEME)
    minhash.update_batch(words)
    return minhash.hashvalues.astype("<u4").tobytes()


def words_of(text: str) -> set[bytes]:
    """The text's distinct words, as the bytes MinHash hashes."""
    return set(_OTHER_PUNCTUATION.sub(" ", text).encode("utf-8").translate(_ASCII_PUNCTUATION).split())


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of signature values two texts have in common."""
    return float(np.count_nonzero(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4"))) / PERMUTATIONS


def band_keys(signature: bytes) -> list[tuple[int, bytes]]:
    width = ROWS * 4
    return [(band, signature[band * width:(band + 1) * width]) for band in range(BANDS)]


def index_record(conn: sqlite3.Connection, rowid: int, signature: bytes | None) -> None:
    """Make a record findable as the original of later near-duplicates."""
    if signature:
        conn.executemany("INSERT OR IGNORE INTO near_keys (band, value, record) VALUES (?, ?, ?)",
                         [(band, value, rowid) for band, value in band_keys(signature)])


def unindex_record(conn: sqlite3.Connection, rowid: int, signature: bytes | None) -> None:
    """Forget a record's band keys (its text is being replaced)."""
    if signature:
        conn.executemany("DELETE FROM near_keys WHERE band = ? AND value = ? AND record = ?",
                         [(band, value, rowid) for band, value in band_keys(signature)])


def first_near_duplicate(conn: sqlite3.Connection, signature: bytes | None, exclude: int | None = None) -> int | None:
    """The earliest record this text is a near-duplicate of, or None."""
    if not signature:
        return None
    keys = band_keys(signature)
    clauses = " OR ".join("(k.band = ? AND k.value = ?)" for _ in keys)
    rows = conn.execute(
        f"SELECT DISTINCT r.rowid, r.minhash FROM near_keys k JOIN records r ON r.rowid = k.record "
        f"WHERE {clauses} ORDER BY r.rowid",
        [v for pair in keys for v in pair],
    ).fetchall()
    for rowid, other in rows:
        if rowid != exclude and other and similarity(signature, other) >= THRESHOLD:
            return rowid
    return None
