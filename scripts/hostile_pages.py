"""Hostile pages and texts through `cleaner.clean()`, each in a process of its own under an address-space
limit and a wall-clock bound: time, peak memory and what cleaner said (the adversarial audit of 30 Nov).

The containers (JSONL, WARC) and the inputs of issue 12 (bombs, 50 MB pages) are in tests/test_hostile_*.py
and scripts/hostile.py. Here: deep nesting, a million tiny elements, pages of links, huge attributes, billion
laughs, odd charsets, JSON-LD of every wrong shape, impossible dates, text-mode lines built against its regexes.

    python scripts/hostile_pages.py               # all of them, 3 GB and 90 s each
    python scripts/hostile_pages.py deep_ links_  # those whose name holds one of these
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESS_SPACE = 3 * 1024**3
WALL_SECONDS = 90
S = "The committee met on Tuesday to discuss the budget, and the members agreed on most points. "
ART = "<article><h1>Budget talks</h1>" + "".join(f"<p>{S * 3}</p>" for _ in range(5)) + "</article>"


def page(body: str, head: str = "") -> str:
    return f"<html><head><title>Budget talks</title>{head}</head><body>{body}</body></html>"


def jsonld(value: str) -> str:
    return f'<script type="application/ld+json">{value}</script>'


def markup() -> Iterator[tuple[str, str | bytes, str]]:
    yield "deep_div_100k", page("<div>" * 100_000 + ART + "</div>" * 100_000), "auto"
    yield "deep_div_100k_unclosed", page("<div>" * 100_000 + ART), "auto"
    yield "deep_span_100k", page("<p>" + "<span>" * 100_000 + S + "</span>" * 100_000 + "</p>" + ART), "auto"
    yield "deep_table_20k", page("<table><tr><td>" * 20_000 + ART + "</td></tr></table>" * 20_000), "auto"
    yield "tiny_b_600k", page("<b>x</b>" * 600_000 + ART), "auto"
    yield "tiny_p_500k", page("<p>x</p>" * 500_000 + ART), "auto"
    links = "".join(f'<li><a href="/a{i}">Story {i}</a></li>' for i in range(200_000))
    yield "links_200k", page(ART + f"<ul>{links}</ul>"), "auto"
    yield "one_p_3mb", page("<p>" + "word " * 600_000 + "</p>"), "auto"
    yield "attrs_50k", page("<div " + " ".join(f'a{i}="{i}"' for i in range(50_000)) + f">{ART}</div>"), "auto"
    yield "attr_4mb", page('<div class="' + "x " * 2_000_000 + f'">{ART}</div>'), "auto"
    yield "furniture_classes_100k", page("".join(f'<div class="related share c{i}">t</div>' for i in range(100_000))
                                         + ART), "auto"
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10))
    yield "billion_laughs", (f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><head><title>t</title></head>'
                             f"<body>{ART}<p>&lol9;</p></body></html>"), "auto"
    yield "xxe", (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>{ART}'
                  "<p>&x;</p></body></html>"), "auto"
    tricks = ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:alert(1)">'
              '<link rel="canonical" href="javascript:x">')
    yield "refresh_base_javascript", page(ART, tricks), "auto"


def structured() -> Iterator[tuple[str, str | bytes, str]]:
    yield "jsonld_deep_list", page(ART, jsonld("[" * 100_000 + "]" * 100_000)), "auto"
    yield "jsonld_deep_object", page(ART, jsonld('{"a":' * 50_000 + "1" + "}" * 50_000)), "auto"
    huge = {"@type": "NewsArticle", "headline": "x" * 2_000_000, "author": [{"name": f"n{i}"} for i in range(50_000)]}
    yield "jsonld_huge", page(ART, jsonld(json.dumps(huge))), "auto"
    wrong = [{"@type": ["NewsArticle", 5, None], "headline": {"x": 1}, "datePublished": [1, 2], "author": 7,
              "publisher": "x", "keywords": {"a": [1]}, "@graph": "no", "articleBody": 12, "mainEntity": [[[]]],
              "image": {"url": 5}, "inLanguage": 3, "comment": "c", "text": ["a"]}, 5, "s", None]
    yield "jsonld_wrong_types", page(ART, jsonld(json.dumps(wrong))), "auto"
    yield "jsonld_30k_scripts", page(ART, "".join(jsonld(f'{{"@type":"Comment","text":"c{i}"}}')
                                                   for i in range(30_000))), "auto"
    for day in ("99999-01-01", "0000-00-00", "2024-13-45", "١٤٤٥-٠٩-٠١"):
        head = (f'<meta property="article:published_time" content="{day}">'
                + jsonld(f'{{"@type":"NewsArticle","datePublished":"{day}"}}'))
        yield f"date_{day}", page(ART + f'<time datetime="{day}">{day}</time>', head), "auto"


def encodings() -> Iterator[tuple[str, str | bytes, str]]:
    yield "utf16le_no_bom", page(ART).encode("utf-16-le"), "auto"
    yield "utf16be_no_bom_text", (S * 5).encode("utf-16-be"), "text"
    for charset in ("utf-16", "idna", "punycode", "utf-7", "base64", "x-user-defined"):
        yield f"charset_{charset}", page(ART, f'<meta charset="{charset}">').encode(), "auto"
    yield "cp1251_declared_utf8", page("<p>" + "Привет мир, это статья о бюджете. " * 30 + "</p>",
                                       '<meta charset="utf-8">').encode("cp1251"), "auto"
    yield "png_named_html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "auto"
    yield "pdf_named_html", b"%PDF-1.4\n" + bytes(range(256)) * 20, "auto"
    yield "empty", b"", "auto"
    yield "white_space", b" \n\t \r\n" * 1000, "auto"
    yield "control_references", page(ART + "".join(f"&#{i};" for i in range(1, 32)) * 1000), "auto"


def texts() -> Iterator[tuple[str, str | bytes, str]]:
    for name, line in (("words", "word "), ("one_letter", "a"), ("dots", "."), ("digits", "1 "), ("dates", "12/"),
                       ("colons", "12:"), ("at_signs", "a@"), ("ellipses", "… "), ("parens", "("), ("hyphens", "a-"),
                       ("pipes", " | Home"), ("read_also", "اقرأ أيضا: "), ("thai", "ภาษาไทย"), ("han", "中文字符的")):
        yield f"text_10mb_line_{name}", (line * (10_000_000 // len(line.encode())) + "\n" + S * 5).encode(), "text"
    yield "text_spaces_then_letter", (S + " " * 5_000_000 + "x\n" + S * 5).encode(), "text"
    yield "text_combining_marks", ("a" + "\u0301" * 3_000_000 + "\n" + S * 5).encode(), "text"
    yield "text_1m_lines", ("x\n" * 1_000_000 + S * 5).encode(), "text"
    yield "text_200k_read_also", (S * 5 + "\n" + "Read also: something\n" * 200_000).encode(), "text"
    yield "text_100k_same_line", ((S + "\n") * 100_000).encode(), "text"
    yield "text_rtl_overrides", ("\u202e" + S * 5 + "\u202d\u2066\u2067\u2069" * 1000 + "\n").encode(), "text"
    yield "text_lone_surrogate_str", "Budget\ud800 talks\n" + S * 5, "text"


CHILD = f"""
import pickle, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))
import cleaner
content, mode = pickle.load(open(sys.argv[1], "rb"))
began = time.perf_counter()
try:
    record = cleaner.clean(content, mode=mode, name=sys.argv[2])
    said = f"record: {{len(record.text):,}} chars, published {{record.published}}, warnings {{len(record.warnings)}}"
except cleaner.InputError as exc:
    said = f"{{type(exc).__name__}}: {{exc.reason[:120]}}"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"{{time.perf_counter() - began:8.1f}} {{peak:8d}}  {{said}}")
"""


def main() -> None:
    wanted = sys.argv[1:]
    print(f"{'input':<32} {'seconds':>8} {'peak MB':>8}  what cleaner said (limits: defaults; "
          f"{ADDRESS_SPACE // 1024**3} GB address space, {WALL_SECONDS} s wall)")
    for producer in (markup, structured, encodings, texts):
        for name, content, mode in producer():
            if wanted and not any(w in name for w in wanted):
                continue
            with tempfile.NamedTemporaryFile(suffix=".pickle", delete=False) as handle:
                pickle.dump((content, mode), handle)
            try:
                done = subprocess.run([sys.executable, "-c", CHILD, handle.name, name], capture_output=True,
                                      timeout=WALL_SECONDS, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
                out = done.stdout.decode(errors="replace").strip()
                if done.returncode or not out:
                    out += f" exit {done.returncode}: {done.stderr.decode(errors='replace').strip()[-300:]}"
            except subprocess.TimeoutExpired:
                out = f"{'-':>8} {'-':>8}  still running after {WALL_SECONDS} s: stopped"
            finally:
                os.unlink(handle.name)
            print(f"{name:<32} {out}", flush=True)


if __name__ == "__main__":
    began = time.perf_counter()
    main()
    print(f"{time.perf_counter() - began:.0f} s in all")
