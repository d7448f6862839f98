"""Mutated inputs for fuzzing: what a broken or hostile scraper can hand cleaner, made from real fixtures.

Seeded: the same seed gives the same inputs, so a failure found once can be found again
(`scripts/fuzz.py --seed S --show N` prints input N). Used by tests/test_fuzz.py and scripts/fuzz.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MODES = ("auto", "auto", "html", "text")

MARKUP = [
    "<b<div>", "<p", "<", ">", "</div></div></div>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>",
    "<style>", '<a href="', "'\"", "&#xFFFFFFFF;", "&#0;", "&#2;", "&#x1f;", "&#xFFFE;", "&#xD800;", "&", "&amp", "&nbsp;" * 20,
    "<?xml version='1.0' encoding='utf-16'?>", '<meta charset="klingon">', '<meta charset="utf-16">', "<o:p>",
    "<svg><math><mi>", "<table><tr><td>", "</td></tr></table>", "<html><body>", "</body></html>", "<title>",
    "<select><option>", "<textarea>", "<plaintext>", "<noscript>", "<template>", "<frameset>", "<br/>" * 30,
    "<p>" * 60, "<li>" * 60, "</p>" * 60, "<h1></h1>" * 10, '<img src="x" onerror="1">', "<base href='::'>",
    '<link rel="canonical" href="http://[::1">', '<html lang="xx-!!">', '<meta property="og:url" content="%">',
    '<time datetime="9999-99-99">', '<meta name="date" content="0000-00-00T25:61">',
    '<script type="application/ld+json">[[1, {"@context": "https://schema.org", "@graph": [[{}], 3]}]]</script>',
    '<script type="application/ld+json">{"@context":"https://schema.org","@type":["NewsArticle",{}],'
    '"author":[[{}]],"publisher":[],"datePublished":{},"headline":[1]}</script>',
    '<script type="application/ld+json">{"@context": "https://schema.org", "name": "\\ud800"}</script>',
    "\x00", "\ufeff", "\r", "\x0b\x0c", "\u2028", "\u202e", "\u200c", "\u200d", "\ufffe", "\U0010ffff",
]


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _insert(data: bytes, piece: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + piece + data[at:]


def _markup(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 6)):
        data = _insert(data, rng.choice(MARKUP).encode("utf-8", "surrogatepass"), rng)
    return data


def _unicode(data: bytes, rng: random.Random) -> bytes:
    ranges = [(0x20, 0x7F), (0x80, 0x800), (0x600, 0x700), (0x300, 0x370), (0x4E00, 0x9FFF), (0x1F300, 0x1FAFF),
              (0xE000, 0xF8FF), (0xD800, 0xE000), (0xFFF0, 0x10000), (0x0, 0x20)]
    chars = []
    for _ in range(rng.randint(1, 200)):
        low, high = rng.choice(ranges)
        chars.append(chr(rng.randrange(low, high)))
    return _insert(data, "".join(chars).encode("utf-8", "surrogatepass"), rng)


def _nest(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([100, 260, 1000, 5000])
    tag = rng.choice([b"div", b"span", b"b", b"table", b"ul", b"blockquote", b"font", b"p"])
    at = rng.randrange(len(data) + 1)
    end = rng.randrange(at, len(data) + 1)
    closing = b"</" + tag + b">" if rng.random() < 0.7 else b""
    return data[:at] + (b"<" + tag + b">") * depth + data[at:end] + closing * depth + data[end:]


def _huge_attribute(data: bytes, rng: random.Random) -> bytes:
    size = rng.choice([10_000, 100_000, 1_000_000])
    if rng.random() < 0.5:
        piece = b'<div class="' + b"x" * size + b'">'
    else:
        piece = b"<div " + b" ".join(b"a%d=%d" % (i, i) for i in range(size // 10)) + b">"
    return _insert(data, piece, rng)


def _repeat(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    span = data[at : at + rng.randint(1, 2000)]
    return _insert(data, span * rng.randint(2, 200), rng)


def _delete(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[at + rng.randint(1, 5000):]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-32", "cp1256", "latin-1", "shift_jis", "koi8-r", "utf-7"])
    return text.encode(encoding, "replace")


def _nul_and_controls(data: bytes, rng: random.Random) -> bytes:
    for _ in range(rng.randint(1, 30)):
        data = _insert(data, bytes([rng.choice([0, 1, 7, 8, 11, 12, 27, 127])]), rng)
    return data


def _splice(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    other = rng.choice(pool)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    _flip_bytes, _truncate, _markup, _markup, _unicode, _nest, _huge_attribute, _repeat, _delete, _reencode,
    _nul_and_controls,
]


def fixtures() -> list[bytes]:
    """Every page and text the project keeps as a fixture: the material mutations start from."""
    paths = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix in (".html", ".htm", ".txt")
             and not p.name.endswith(".gold.txt")]
    return [p.read_bytes() for p in paths]


def mutated(seed: int, count: int) -> Iterator[tuple[bytes | str, str]]:
    """`count` mutated inputs and the mode to clean each in. About one in six is given as str,
    decoded with surrogateescape: lone surrogates, as a JSON string or an OS file name can hold."""
    rng = random.Random(seed)
    pool = fixtures()
    for _ in range(count):
        data = rng.choice(pool)
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.1:
                data = _splice(data, rng, pool)
            else:
                data = rng.choice(MUTATIONS)(data, rng)
        content: bytes | str = data.decode("utf-8", "surrogateescape") if rng.random() < 0.17 else data
        yield content, rng.choice(MODES)
