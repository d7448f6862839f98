"""Scraped pages come from strangers: a page or item that tries to run code or reach the network
shows as inert text in every view, and its original page only inert, in a sandboxed frame."""

from __future__ import annotations

import lxml.html
import pytest
from viewkit import HOSTILE, build_archive, record_id_of

from cleaner.views.app import create_app

LOADING = ("src", "srcset", "href", "action", "formaction", "poster", "background", "ping", "data")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    db = build_archive(tmp_path_factory.mktemp("hostile"))
    return db, create_app(str(db)).test_client()


def html_of(client, url: str) -> tuple[str, lxml.html.HtmlElement]:
    response = client.get(url)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    return text, lxml.html.document_fromstring(text)


def assert_inert_page(tree) -> None:
    """Our pages: only our own script; no handler, no javascript: link anywhere."""
    assert [s.get("src") for s in tree.iter("script")] == ["/static/views.js"]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [a for a in element.attrib if a.lower().startswith("on")], lxml.html.tostring(element)[:200]
        for name in ("href", "src", "action"):
            assert not (element.get(name) or "").strip().lower().startswith(("javascript:", "data:text")), element.get(name)


def assert_no_raw_markup(text: str) -> None:
    """What the pages quote (titles, texts, the original page in srcdoc) is escaped: no tag of theirs
    appears in the response as markup; the one script is ours."""
    assert text.count("<script") == 1 and text.count("<iframe") <= 1
    assert "<img" not in text and "<textarea" not in text and "<a href=\"javascript" not in text


def test_the_hostile_page_s_record_page_is_inert(archive):
    db, client = archive
    text, tree = html_of(client, f"/record/{record_id_of(db, HOSTILE / 'hostile.html')}")
    assert_inert_page(tree)
    assert_no_raw_markup(text)
    cleaned = " ".join(p.text_content() for p in tree.cssselect(".cleaned p"))
    assert "<img src=x onerror=alert(1)>" in cleaned and "</textarea><script>alert(2)</script>" in cleaned  # as text
    assert tree.cssselect("details.json pre")[0].text_content().count("</textarea><script>alert(2)</script>") == 1


def test_the_original_page_is_only_in_a_sandboxed_frame_with_nothing_that_acts_or_loads(archive):
    db, client = archive
    _, tree = html_of(client, f"/record/{record_id_of(db, HOSTILE / 'hostile.html')}")
    (frame,) = tree.iter("iframe")
    assert frame.get("sandbox") == "" and frame.get("src") is None and frame.get("srcdoc")
    inner = lxml.html.document_fromstring(frame.get("srcdoc"))
    tags = {e.tag for e in inner.iter() if isinstance(e.tag, str)}
    assert not tags & {"script", "iframe", "frame", "object", "embed", "base", "meta", "link"}
    for element in inner.iter():
        if isinstance(element.tag, str):
            assert not [a for a in element.attrib if a.lower().startswith("on")]
            assert not [a for a in LOADING if element.get(a) is not None], lxml.html.tostring(element)[:200]
    assert "pwned" not in " ".join(str(v) for e in inner.iter() if isinstance(e.tag, str) for v in e.attrib.values())
    assert inner.cssselect("[data-cleaner-kind=share]")  # the furniture it removed is marked in it


def test_a_hostile_item_s_url_and_title_show_as_text(archive):
    db, client = archive
    text, tree = html_of(client, f"/record/{record_id_of(db, HOSTILE / 'hostile.jsonl')}")
    assert_inert_page(tree)
    assert not [a for a in tree.iter("a") if "alert" in (a.get("href") or "")]
    meta = {th.text_content(): td.text_content() for th, td in zip(tree.cssselect("table.meta th"),
                                                                    tree.cssselect("table.meta td"), strict=True)}
    assert meta["url"] == "javascript:alert(6)"  # shown, not linked
    assert tree.cssselect("h1")[0].text_content().startswith("</textarea><script>alert(7)</script>")
    assert_no_raw_markup(text)


@pytest.mark.parametrize("query", ["textarea script alert", "harbour cranes", "letter port"])
def test_search_results_of_hostile_records_are_inert(archive, query):
    _, client = archive
    text, tree = html_of(client, f"/search?q={query}")
    assert tree.cssselect("ol.results li")
    assert_inert_page(tree)
    assert_no_raw_markup(text)


def test_a_hostile_query_is_shown_as_text(archive):
    _, client = archive
    text, tree = html_of(client, '/search?q="><script>alert(1)</script>&site=<img src=x onerror=alert(2)>')
    assert_inert_page(tree)
    assert tree.cssselect("input[name=q]")[0].get("value") == '"><script>alert(1)</script>'
    assert_no_raw_markup(text)


def test_styles_keep_nothing_that_fetches():
    from cleaner.views.page import inert_css

    assert inert_css('@import "x.css"; p { background: URL( "a(1).png" ) } q { content: "İ" }') == (
        'none p { background: none.png" ) } q { content: "İ" }')  # a nested ")" leaves a broken, inert declaration
    assert inert_css("a { b: image-set('x.png' 1x); c: url(y) url(z) }") == "a { b: none; c: none none }"
    assert inert_css("p { color: red }") == "p { color: red }"
