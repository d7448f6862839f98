"""Markup lxml cannot take whole: nesting deeper than libxml2 keeps (issue 12, item 8), names its API refuses."""

from __future__ import annotations

import pytest

import cleaner

PARAGRAPHS = [
    "The harbour authority opened the new ferry terminal on Saturday, two years later than planned and well over "
    "its budget, after a long dispute with the builders about the foundations.",
    "Passengers will board from a covered hall with space for six hundred people, and the first boats leave for "
    "the islands at six in the morning on weekdays.",
]


def nested_page(depth: int, tag: str = "div") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>Ferry terminal opens</title></head><body>{f'<{tag}>' * depth}"
            f"<h1>Ferry terminal opens</h1>{body}{f'</{tag}>' * depth}</body></html>")


@pytest.mark.parametrize("depth", [100, 300, 5_000, 100_000])
def test_an_article_nested_deeper_than_libxml2_keeps_is_still_found(depth):
    record = cleaner.clean(nested_page(depth), mode="html")
    assert record.warnings == []
    assert record.text == "\n\n".join(PARAGRAPHS)


def test_deep_inline_nesting_keeps_the_text_in_its_place():
    record = cleaner.clean(nested_page(2_000, "span"), mode="html")
    assert record.text == "\n\n".join(PARAGRAPHS)


def test_flattening_keeps_text_apart_and_scripts_out():
    from cleaner.extract.repair import flatten_deep

    html = "<div><div><div><p>one</p><p>two</p></div>three</div></div><div><script>'<div>'</script>four</div>"
    assert flatten_deep(html, keep=1) == "<div><br>one<br>two<br>three<br></div><div>four</div>"


def test_names_lxml_refuses_are_renamed_and_their_text_kept():
    page = ("<html><body><article><h1>Trains</h1><ul><li>Tickets go on sale <b<div>on Monday</div> at the usual "
            "prices, the company said in a statement on Friday morning.</li><li>Word's <o:p>tags</o:p> and an "
            "<span a\"b=\"1\">odd attribute</span> stay readable for everyone who wants to see them.</li></ul>"
            "</article></body></html>")
    record = cleaner.clean(page, mode="html")
    assert "Tickets go on sale on Monday at the usual prices" in record.text
    assert "Word's tags and an odd attribute stay readable" in record.text


def test_a_tag_with_thousands_of_attributes_does_not_hold_the_parser():
    import time

    cleaner.clean("<p>warm up</p>", mode="html")
    attributes = " ".join(f"a{n}={n}" for n in range(40_000))  # libxml2 alone: half a minute, in C
    started = time.monotonic()
    record = cleaner.clean(nested_page(1).replace("<div>", f"<div {attributes}>"), mode="html")
    assert time.monotonic() - started < 5
    assert record.text == "\n\n".join(PARAGRAPHS)


def test_tags_with_names_of_tens_of_thousands_of_characters_cost_no_more_than_their_length():
    """A start tag that runs 40,000 characters without a space or a '>' (its whole length is a
    name to the parser: no attributes to cut), then more markup: the long-tag check read each
    such tag in some 200 million steps, over a second, so ten of them held a page for 13 s."""
    import time

    cleaner.clean("<p>warm up</p>", mode="html")
    junk = "".join(f'<b{chars * 40_000}<i>{PARAGRAPHS[0]}</i>' for chars in ('"', "'", "=", '"=', "a='1'") * 2)
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) * 100
    page = f"<html><body>{junk}<article><h1>Ferry terminal opens</h1>{story}</article></body></html>"
    started = time.monotonic()
    record = cleaner.clean(page, mode="html")
    assert time.monotonic() - started < 5
    assert record.text.startswith("\n\n".join(PARAGRAPHS))


def test_json_ld_values_of_the_wrong_type_are_not_taken_for_text():
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": ["a", 1], "url": 7, '
          '"author": {"name": ["x"]}, "publisher": {"name": ["y"]}, "keywords": [1, "ferries"]}')
    page = nested_page(1).replace("<head>", f'<head><script type="application/ld+json">{ld}</script>')
    record = cleaner.clean(page, mode="html")
    assert record.title == "Ferry terminal opens" and record.text == "\n\n".join(PARAGRAPHS)


def test_references_to_control_characters_are_dropped_not_raised():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).replace("two years later", "two&#x1f; years later")
    page = f"<html><body><article><h1>Ferry&#2; terminal&#xFFFE; opens</h1>{body}</article></body></html>"
    record = cleaner.clean(page, mode="html")
    assert record.text == "\n\n".join(PARAGRAPHS)


def test_an_attribute_kept_beside_a_refused_one_loses_its_control_characters():
    from cleaner.extract.html import parse_page
    from cleaner.extract.repair import make_acceptable

    tree = make_acceptable(parse_page('<html><head><meta charset="utf-&#xFFFE;8"<o:p>></head><body><p>Ferry '
                                      '<b<div>terminal</div></p></body></html>'))
    assert tree.find(".//meta").attrib == {"charset": "utf-8"}
    assert " ".join(tree.find(".//p").itertext()) == "Ferry  terminal"


@pytest.mark.parametrize("tag", ["o:p", "st1:place", "fb:like", "v:shape"])
def test_a_prefixed_element_is_unwrapped_whatever_its_prefix(tag):
    """The parser's prefixed names are looked for only where the markup may hold one: every
    start tag with a colon in its name must be found, its text kept in the sentence."""
    page = (f"<html><body><article><h1>Ferry</h1><p>{PARAGRAPHS[0][:60]}<{tag} class=x>"
            f"{PARAGRAPHS[0][60:]}</{tag}></p><p>{PARAGRAPHS[1]}</p></article></body></html>")
    from cleaner.extract.html import parse_page

    tree = parse_page(page)
    assert not [e for e in tree.iter() if isinstance(e.tag, str) and ":" in e.tag]
    assert PARAGRAPHS[0] in tree.findtext(".//p")


def test_a_page_without_prefixed_tags_is_not_searched_for_them():
    from cleaner.extract.repair import may_hold_prefixed

    assert not may_hold_prefixed('<p class="a:b">See <a href="https://example.org/x:y">it</a> at 10:30</p>')
    assert may_hold_prefixed("<p>Word's <o:p></o:p></p>")


def test_links_of_a_body_a_broken_head_holds_are_read_with_the_bodys():
    """libxml2 opens a body inside a <noscript> of the head: its links are the page's links too."""
    from cleaner.extract.dom import linked_texts, offsite_titles
    from cleaner.extract.html import parse_page

    tree = parse_page(
        "<html><head><noscript><body><a href='https://other.org/a'>A study of rivers and their deltas</a>"
        "</body></noscript></head><body><p>Text <a href='/x'>Home page</a></p></body></html>"
    )
    assert linked_texts(tree) == {"astudyofriversandtheirdeltas", "homepage"}
    assert offsite_titles(tree, "https://example.com/story") == {"astudyofriversandtheirdeltas"}
