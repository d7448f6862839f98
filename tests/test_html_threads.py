"""HTML mode on forum threads: the posts a thread's markup declares are its content."""

from __future__ import annotations

from pathlib import Path

import cleaner
from cleaner.extract.blocks import Block
from cleaner.extract.dom import PageNames
from cleaner.extract.html import _ThreadPosts, parse_page
from cleaner.extract.pagetype import page_type
from cleaner.extract.structured import KeptText, microdata_posts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
THREAD = FIXTURES / "forum_thread_microdata.html"


def test_a_thread_typed_by_its_microdata_alone():
    """No JSON-LD, no og:type: the posts' itemtype (DiscussionForumPosting, Comment) says it."""
    tree = parse_page(THREAD.read_text(encoding="utf-8"))
    kind = page_type(tree, PageNames(tree), "https://forum.crumbclub.example/t/77")
    assert kind.name == "forum"
    assert "structured data: discussionforumposting" in kind.evidence


REPLIES = (
    "It is almost certainly sleepy. Give it two or three feeds at room temperature, twelve hours apart, "
    "before you judge it.",
    "Same thing happened to mine last winter.",
    "A spoon of whole rye flour in each feed woke it up within two days.",
    "Thank you both! Three warm feeds later it doubled again in eight hours. Baking tomorrow.",
)


def test_the_replies_a_thread_marks_up_stay_beside_its_first_post():
    """trafilatura takes the first post's body alone; the replies' itemprop="text" brings them back,
    after the first post, in the thread's order."""
    record = cleaner.clean(THREAD.read_bytes(), mode="html",
                           url="https://forum.crumbclub.example/threads/starter-stopped-rising.77/")
    assert record.page_type == "forum"
    text = record.text
    assert text.index("Is it dead, or just sleepy?") < text.index(REPLIES[0])
    assert [text.index(reply) for reply in REPLIES] == sorted(text.index(reply) for reply in REPLIES)
    assert text.count(REPLIES[0]) == 1
    assert any("thread's posts its structured data marks, lost in extracting" in e for e in record.page_type_evidence)
    assert "Latest threads" not in text and "Oven spring" not in text


QA_PAGE = """<html><body><div itemscope itemtype="https://schema.org/QAPage">
<div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
 <h1 itemprop="name">Why does my loaf spread flat?</h1>
 <div itemprop="text"><p>Every loaf I bake spreads into a pancake in the oven.</p></div>
 <ul class="comments"><li itemprop="comment" itemscope itemtype="https://schema.org/Comment">
  <span itemprop="text">What flour do you use?</span></li></ul>
 <div itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">
  <div itemprop="text"><p>Your dough is over-proofed; shorten the final rise.</p></div>
  <ul class="comments"><li itemprop="comment" itemscope itemtype="https://schema.org/Comment">
   <span itemprop="text">This fixed it for me, thanks.</span></li></ul>
 </div>
</div></div></body></html>"""


def test_a_qa_pages_remarks_under_an_answer_are_not_its_posts():
    """A Q&A page nests its answers in the question's item, and comments in each: the question
    and the answers are the posts."""
    posts = microdata_posts(parse_page(QA_PAGE))
    texts = [" ".join(e.text_content().split()) for post in posts for e in post]
    assert texts == ["Every loaf I bake spreads into a pancake in the oven.",
                     "Your dough is over-proofed; shorten the final rise."]


SCRIPTED = """<!DOCTYPE html><html lang="en"><head><title>Which tent for a windy coast? - Camping - Trail Forum</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "DiscussionForumPosting",
 "headline": "Which tent for a windy coast?", "author": {"@type": "Person", "name": "gullwing"},
 "text": "We camp on the cliffs every May and the wind flattens our dome tent. Which shape holds up best?",
 "comment": [
  {"@type": "Comment", "author": {"@type": "Person", "name": "pegs"},
   "text": "A tunnel tent pitched tail into the wind holds up far better than a dome.\\nUse the extra guy lines."},
  {"@type": "Comment", "author": {"@type": "Person", "name": "fjell"},
   "text": "Geodesic tents are the other answer: more poles crossing, so nothing folds in a gust."}]}
</script></head><body>
<nav class="ipsBreadcrumb"><a href="/">Trail Forum</a> <a href="/forum/camping/">Camping</a></nav>
<div class="ipsPageHeader"><h1>Which tent for a windy coast?</h1></div>
<article id="elComment_1" class="ipsComment"><aside class="ipsComment_author"><a href="/profile/gullwing/">gullwing</a></aside>
<div class="ipsComment_content"><div data-role="commentContent" class="ipsType_richText">
<p>We camp on the cliffs every May and the wind flattens our dome tent. Which shape holds up best?</p>
</div></div></article>
<div data-role="commentFeed" data-src="/topic/812/replies.json"><p class="ipsLoading">Loading replies</p></div>
<footer><a href="/privacy/">Privacy</a> <a href="/guidelines/">Guidelines</a></footer>
</body></html>"""


def test_replies_a_script_renders_come_from_the_threads_json_ld():
    """The page's HTML shows the first post; its replies are in its JSON-LD only (the script that
    would render them did not run when the page was saved)."""
    record = cleaner.clean(SCRIPTED, mode="html", url="https://trail.example/topic/812-which-tent-for-a-windy-coast/")
    assert record.page_type == "forum"
    assert "A tunnel tent pitched tail into the wind holds up far better than a dome." in record.text
    assert "Use the extra guy lines." in record.text
    assert "Geodesic tents are the other answer" in record.text
    assert record.text.count("the wind flattens our dome tent") == 1


def test_a_thread_without_schema_keeps_the_posts_beside_the_one_trafilatura_chose():
    """The same thread with no microdata: its posts are sibling elements of one kind, and the one
    trafilatura kept says which group of siblings is the thread (not the sidebar's list)."""
    record = cleaner.clean((FIXTURES / "forum_thread_plain.html").read_bytes(), mode="html",
                           url="https://forum.crumbclub.example/threads/starter-stopped-rising.77/")
    assert record.page_type == "forum"
    text = record.text
    assert [text.index(reply) for reply in REPLIES] == sorted(text.index(reply) for reply in REPLIES)
    assert text.count("Is it dead, or just sleepy?") == 1
    assert "Oven spring" not in text and "Terms and rules" not in text
    assert any("posts beside the one trafilatura kept" in e for e in record.page_type_evidence)


def test_a_posts_signature_is_not_the_post():
    """A thread prints each poster's signature under their posts: a tag line, a motto with sentences
    of its own, their gear. The posts stay whole; the signatures go, as signatures."""
    record = cleaner.clean((FIXTURES / "forum_thread_signatures.html").read_bytes(), mode="html",
                           url="https://board.spokechain.example/viewtopic.php?t=4412")
    assert record.page_type == "forum"
    text = record.text
    for post in ("it skips whenever I stand up on the pedals in the two smallest cogs",
                 "That is the classic sign of a worn cassette.",
                 "New cassette fitted this afternoon and the skipping is gone"):
        assert post in text
    assert "Current rides" not in text and "Measure twice, true once." not in text
    signatures = [r.text for r in record.removed if r.kind == "signature"]
    assert "Please read the board rules before posting. Measure twice, true once." in signatures
    assert signatures.count("Current rides: steel tourer, 1998 rigid MTB, and a folding commuter") == 2


def test_a_thread_typed_an_article_keeps_the_replies_beside_its_first_post():
    """A thread with a publication date and a first post of running prose reads as an article, and
    trafilatura keeps that post alone; the replies are its siblings, of its kind, so the page is a
    thread and they come back after it, in order."""
    record = cleaner.clean((FIXTURES / "thread_read_as_article.html").read_bytes(), mode="html",
                           url="https://talk.plotholders.example/d/318-should-a-community-garden-keep-its-own-seed-library")
    assert record.page_type == "forum"
    text = record.text
    replies = ("We started one four years ago on a site of forty plots.",
               "Keep the shoebox and add a notebook next to it.",
               "Thank you both. We will try the notebook this spring")
    assert text.index("What did it cost you in time") < text.index(replies[0])
    assert [text.index(reply) for reply in replies] == sorted(text.index(reply) for reply in replies)
    assert text.count("About half the borrowers bring seed back.") == 1
    assert "Privacy" not in text and "Next page" not in text
    assert any("posts beside the one trafilatura kept: a thread" in e for e in record.page_type_evidence)


def _posts(*texts: str) -> list[list[Block]]:
    return [[Block(text)] for text in texts]


FIRST_POST = "We have run our allotment's seed swap from a shoebox for three years, and most of it is sown."
SIBLINGS = ("We started one four years ago on a site of forty plots, and it costs an hour a week.",
            "Keep the shoebox and add a notebook next to it, with the variety, the plot and the year.")


def test_the_siblings_of_a_kept_post_are_a_thread_only_when_they_say_they_are_items():
    """Unnamed <div>s side by side are a page's layout (the story's box, its lists', its form's);
    and a sibling whose text the story merely holds (a caption, a teaser) is not the post kept."""
    kept = [Block(FIRST_POST)]
    layout = _ThreadPosts([], [_posts(FIRST_POST, *SIBLINGS)], [False])
    assert not layout.restore_undeclared(list(kept), [])
    story = [Block(FIRST_POST), *(Block(f"Paragraph {n} of a long story about the harbour ferry and its repairs.")
                                  for n in range(12))]
    teaser = _ThreadPosts([], [_posts(FIRST_POST, *SIBLINGS)], [True])
    assert not teaser.restore_undeclared(story, [])
    thread = _ThreadPosts([], [_posts(FIRST_POST, *SIBLINGS)], [True])
    blocks, evidence = list(kept), []
    assert thread.restore_undeclared(blocks, evidence)
    assert [b.text for b in blocks] == [FIRST_POST, *SIBLINGS]


def test_a_long_answer_whose_words_the_other_answers_hold_is_still_missing():
    """On a Q&A thread the answers share the question's terms and code: a long answer trafilatura
    lost has nearly all its words elsewhere in the kept text, but not its opening."""
    code = "import asyncio async def main await asyncio sleep 1 print done loop run_until_complete main"
    kept = [Block("How do async and await work? I tried " + code),
            Block("Use asyncio.run instead of the loop: " + code + " " + code),
            Block("Case 1 is the slowest, case 3 the fastest: " + code + " case 1 case 2 case 3 three solutions")]
    lost = [Block("To answer your question, I will give three solutions to the same problem."),
            Block("Case 1: plain Python. " + code), Block("Case 2: asyncio. " + code), Block("Case 3: " + code)]
    assert KeptText(kept).lacks(lost)
    assert not KeptText([*kept, Block(" ".join(b.text for b in lost))]).lacks(lost)  # lines joined: there
