"""Every lexicon language on a news page of its own: the story kept whole, its furniture named.

fixtures/languages/<lang>.html is a page we wrote (a story, a menu, a "read also" line, source,
tags, share buttons, a related list, comments, a newsletter line and a copyright footer);
<lang>.txt is the same page flattened as a scraper does (every visible line); <lang>.expected.json
says what the story is and what kind each furniture line is.
"""

from __future__ import annotations

import json

import pytest

import cleaner

from conftest import FIXTURES

PAGES = FIXTURES / "languages"
LANGUAGES = sorted(p.stem for p in PAGES.glob("*.html"))


def expected(lang: str) -> dict:
    return json.loads((PAGES / f"{lang}.expected.json").read_text(encoding="utf-8"))


def removed_kind(record: cleaner.Record, label: str) -> str | None:
    """The kind of the removed block that is this furniture line (or opens with its label)."""
    for item in record.removed:
        text = item.text.strip().rstrip(":：").strip()
        if text == label or item.text.startswith(label):
            return item.kind
    return None


def test_every_new_language_has_a_page():
    assert {"zh", "ja", "ko", "pt", "it", "nl", "pl", "el", "uk", "hi", "bn", "vi", "th", "he", "sv"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("mode", ["html", "text"])
def test_the_story_is_kept_whole_and_nothing_else(lang, mode):
    want = expected(lang)
    record = cleaner.clean((PAGES / f"{lang}.{'html' if mode == 'html' else 'txt'}").read_bytes(), mode=mode)
    assert record.text.split("\n\n") == want["body"]
    assert record.language == lang
    assert " ".join(record.title.split()) == " ".join(want["title"].split())  # 　 (U+3000) is a space too
    assert record.published == want["published"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_furniture_line_of_the_flat_page_is_named(lang):
    want = expected(lang)
    record = cleaner.clean((PAGES / f"{lang}.txt").read_bytes(), mode="text")
    kinds = {label: removed_kind(record, label) for label in want["furniture"]}
    assert kinds == want["furniture"]
    assert all(item.reason for item in record.removed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_furniture_inside_the_story_is_named_in_html_mode(lang):
    """trafilatura keeps the lines inside the <article>: the read-also line, source, tags, sign-offs."""
    want = expected(lang)
    record = cleaner.clean((PAGES / f"{lang}.html").read_bytes(), mode="html")
    inside = {label: kind for label, kind in want["furniture"].items() if kind in
              ("read_also", "source", "tags", "end_marker", "contact", "byline")}
    for label, kind in inside.items():
        assert label not in record.text
        assert removed_kind(record, label) in (kind, None)  # None: trafilatura left the line out itself
    assert removed_kind(record, next(iter(inside))) == "read_also"  # the read-also line is in its output
