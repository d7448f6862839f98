"""HTML mode on forum threads: the posts a thread's markup declares are its content."""

from __future__ import annotations

from pathlib import Path

from cleaner.extract.dom import PageNames
from cleaner.extract.html import parse_page
from cleaner.extract.pagetype import page_type

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
THREAD = FIXTURES / "forum_thread_microdata.html"


def test_a_thread_typed_by_its_microdata_alone():
    """No JSON-LD, no og:type: the posts' itemtype (DiscussionForumPosting, Comment) says it."""
    tree = parse_page(THREAD.read_text(encoding="utf-8"))
    kind = page_type(tree, PageNames(tree), "https://forum.crumbclub.example/t/77")
    assert kind.name == "forum"
    assert "structured data: discussionforumposting" in kind.evidence
