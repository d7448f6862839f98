"""HTML mode on forum threads: the posts a thread's markup declares are its content."""

from __future__ import annotations

from pathlib import Path

import cleaner
from cleaner.extract.blocks import Block
from cleaner.extract.dom import MarkedBoxes, PageNames
from cleaner.extract.html import HtmlSettings, _ThreadPosts, html_to_blocks, parse_page
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


HEAT_PUMP_POSTS = (
    ("millrace", "Our house was built in 1860 with walls half a metre thick and no cavity at all. The oil boiler is "
     "twenty years old and the installer wants to quote for an air source heat pump instead. Will it keep the place "
     "warm in January, or will we just pay more for electricity and stay cold? The installer says the walls hold heat "
     "well once they are warm, but our neighbour took hers out after one winter. We have already put in loft "
     "insulation and secondary glazing, and the floors are flagstones laid on earth.<br><br>What I want to know from "
     "anyone who has done it is whether the bills went down, whether the rooms were comfortable in a cold snap, and "
     "what you would do differently. Any advice on what to ask the installer during the survey visit is welcome too."),
    ("stonewaller", "We did exactly this in a granite cottage three winters ago. It works, but only after we fitted "
     "larger radiators in every room and ran the flow at forty five degrees."),
    ("kiln_dry", "Get a proper heat loss survey done room by room before anyone sizes the unit for you."),
    ("slate_roof", "Ours has run for two years in a farmhouse with solid walls. The bills are about the same as oil "
     "was, but the house is evenly warm now instead of hot and cold."),
    ("millrace", "Thank you both, the survey is booked for next Tuesday and I will ask about the radiators."),
)


def _board_post(n: int, who: str, text: str) -> str:
    return f"""<div class="Board-content" itemscope itemtype="http://schema.org/Comment">
 <div class="Board-header"><a class="Board-username" itemprop="author" href="/members/{who}/">{who}</a>
 <time itemprop="dateCreated" datetime="2024-02-0{3 + n // 2}T10:00:00Z">{3 + n // 2} Feb</time></div>
 <div class="Board-message" itemprop="text">{text}</div>
 <div class="Board-actions"><a href="/quote/{n}">Quote</a> <a href="/reply/{n}">Reply</a></div></div>"""


THREAD_DECLARED_ARTICLE = f"""<!DOCTYPE html><html lang="en"><head>
<title>Is a heat pump worth it in an old stone house? - Retrofit Talk</title><meta property="og:type" content="article">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Article",
 "headline": "Is a heat pump worth it in an old stone house?", "datePublished": "2024-02-03T10:00:00Z",
 "author": {{"@type": "Person", "name": "millrace"}}}}</script></head><body>
<header class="site-header"><a href="/">Retrofit Talk</a> <a href="/forums/">Forums</a> <a href="/login/">Log in</a></header>
<main><article class="ThreadView"><h1>Is a heat pump worth it in an old stone house?</h1>
{_board_post(0, *HEAT_PUMP_POSTS[0])}
<section class="Board comments"><ul class="Board-list">
{"".join(f'<li class="Board-item">{_board_post(n, *post)}</li>' for n, post in enumerate(HEAT_PUMP_POSTS) if n)}
</ul></section></article></main>
<aside class="sidebar"><h3>Similar threads</h3><ul><li><a href="/t/1">Underfloor heating on a slate floor</a></li>
<li><a href="/t/2">Lime plaster and damp walls</a></li></ul></aside>
<footer><a href="/terms/">Terms and rules</a> <a href="/privacy/">Privacy</a></footer></body></html>"""


def test_a_thread_declared_an_article_keeps_the_replies_its_microdata_marks():
    """A board declares each thread an Article (JSON-LD, og:type) and marks its first post and its
    replies alike as Comments; the replies sit in a "comments" section, which trafilatura drops on
    an article. The post trafilatura kept is one of the marked posts: the page is a thread, and
    the other marked posts come back after it, in order."""
    record = cleaner.clean(THREAD_DECLARED_ARTICLE, mode="html",
                           url="https://retrofit.example/heating/1488-is-a-heat-pump-worth-it-in-an-old-stone-house.html")
    assert record.page_type == "forum"
    text = record.text
    replies = [text.index(post.split(".")[0]) for _, post in HEAT_PUMP_POSTS[1:]]
    assert text.index("Our house was built in 1860") < replies[0] and replies == sorted(replies)
    assert text.count("Our house was built in 1860") == 1
    assert "Similar threads" not in text and "Terms and rules" not in text
    assert any("posts its markup declares, one of which is what trafilatura kept" in e
               for e in record.page_type_evidence)


COAST_WALK = """<!DOCTYPE html><html lang="en"><head><title>Walking the coast path to the lighthouse - Saltmarsh Rambles</title>
<meta property="og:type" content="article"></head><body>
<header class="site-header"><a href="/">Saltmarsh Rambles</a> <a href="/walks/">Walks</a></header>
<main><article class="entry" itemscope itemtype="https://schema.org/BlogPosting">
<h1 itemprop="headline">Walking the coast path to the lighthouse</h1>
<p class="byline">By <span itemprop="author">Jo Marsh</span>, <time itemprop="datePublished" datetime="2024-05-01">May 1, 2024</time></p>
<div class="entry-content" itemprop="articleBody">
<p>The coast path from the harbour to the lighthouse is eleven kilometres of cliff top, shingle and two steep valleys, and it takes most walkers about four hours at an easy pace.</p>
<p>Start early from the harbour car park, where the first ferry lands at eight, and follow the acorn signs past the lifeboat station and up the steps behind the chapel.</p>
<p>The first valley drops almost to sea level at the old mill, where a footbridge crosses the stream; in wet weather the far side is muddy, so boots are worth the weight.</p>
<p>From the second headland you can see the lighthouse for the rest of the walk, and the cafe beside it serves soup and cake until four in the afternoon.</p>
</div></article>
<section class="comments"><h2>3 comments</h2>
<article class="comment" itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Ann</span>
<div class="comment-content" itemprop="text"><p>Lovely piece, we walked the same path last spring and the bluebells were out all along the river.</p></div>
<a class="comment-reply-link" href="#r1">Reply</a></article>
<article class="comment" itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Tom</span>
<div class="comment-content" itemprop="text"><p>Thank you for the tip about the ferry timetable, it saved us a long wait at the pier on Saturday.</p></div>
<a class="comment-reply-link" href="#r2">Reply</a></article>
<article class="comment" itemprop="comment" itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Priya</span>
<div class="comment-content" itemprop="text"><p>Is the cafe at the lighthouse open in winter? The article does not say and their website is silent.</p></div>
<a class="comment-reply-link" href="#r3">Reply</a></article>
</section></main><footer><a href="/privacy/">Privacy</a></footer></body></html>"""  # noqa: E501


def test_a_storys_comments_marked_as_comments_stay_out():
    """A blog marks its readers' comments up as Comments too, but the story is no comment: it stays
    an article, and the comments stay out."""
    record = cleaner.clean(COAST_WALK, mode="html",
                           url="https://saltmarsh.example/2024/05/walking-the-coast-path-to-the-lighthouse/")
    assert record.page_type == "article"
    assert "The coast path from the harbour to the lighthouse" in record.text
    assert "bluebells" not in record.text and "ferry timetable" not in record.text


FAQ_ITEM = """<div itemscope itemprop="mainEntity" itemtype="https://schema.org/Question"><h3 itemprop="name">{q}</h3>
<div itemscope itemprop="acceptedAnswer" itemtype="https://schema.org/Answer"><p itemprop="text">{a}</p></div></div>"""


def test_an_articles_faq_is_no_discussion():
    """An article's FAQ marks questions and answers up too: they are not posts an "article" could be
    the first of, and the page is not read for them."""
    faq = "".join(FAQ_ITEM.format(q=q, a=a) for q, a in (
        ("How long is the walk?", "Eleven kilometres, about four hours at an easy pace."),
        ("Is there a bus back?", "Every two hours from the lighthouse lane."),
        ("Are dogs allowed?", "Yes, on a lead near the grazing sheep."),
    ))
    tree = parse_page(f'<html><body><article><p>{FIRST_POST}</p></article><section itemscope '
                      f'itemtype="https://schema.org/FAQPage">{faq}</section></body></html>')
    assert len(microdata_posts(tree)) == 3
    assert _ThreadPosts.read_marked(tree, MarkedBoxes([]), set(), PageNames(tree)) is None


def _poster(name: str, reputation: str) -> str:
    return (f'<div class="user-info"><div class="user-details"><a href="/users/{name}">{name}</a><div class="-flair">'
            f'<span class="reputation-score">{reputation}</span> <span>1 gold badge</span> <span>5 silver badges</span>'
            '</div></div></div>')


def _remarks(*texts: str) -> str:
    return '<div class="comments"><ul class="comments-list">' + "".join(
        f'<li class="comment"><div class="comment-body"><span class="comment-copy">{text}</span> – <a class="comment-user"'
        ' href="/u/7">a_reader</a> <span class="comment-date">Jan 3, 2019</span></div></li>' for text in texts
    ) + "</ul></div>"


def _answer(votes: int, text: str, poster: str, *remarks: str) -> str:
    return (f'<div class="answer" itemprop="suggestedAnswer" itemscope itemtype="https://schema.org/Answer">'
            f'<div class="votecell"><div itemprop="upvoteCount">{votes}</div></div><div class="answercell">'
            f'<div class="s-prose" itemprop="text">{text}</div>{_poster(poster, "1,204")}</div>{_remarks(*remarks)}</div>')


QA_THREAD = f"""<!DOCTYPE html><html lang="en"><head><title>How do I keep a starter alive on holiday? - Baking Stack</title>
</head><body><header><a href="/">Baking Stack</a> <a href="/questions">Questions</a></header>
<div id="content" itemscope itemtype="https://schema.org/QAPage"><h1>How do I keep a starter alive on holiday?</h1>
<div class="question" itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">
<div class="s-prose" itemprop="text"><p>We are away for three weeks in August and nobody can feed my starter. Can it
survive in the fridge that long, or should I dry some of it?</p></div>{_poster("crumbly", "212")}</div>
{_remarks("Which flour is it fed on?")}
<div id="answers"><h2>2 Answers</h2>
{_answer(14, "<p>Three weeks in the fridge is fine for a healthy starter. Feed it well the day before you leave, "
         "let it rise for an hour, then close the jar and put it at the back of the fridge.</p>",
         "levain_lee", "This worked for me after a month away.", "Does it need a tight lid?")}
{_answer(6, "<p>Drying is the safer insurance. Spread a thin layer on baking paper, let it dry completely, crumble "
         "it and keep it in a sealed jar. A spoonful revives in a few days of feeding.</p>",
         "hydration", "I keep a dried jar as a backup all the time.")}
</div></div><footer><a href="/legal">Legal</a> <a href="/privacy">Privacy policy</a></footer></body></html>"""


def test_a_thread_that_marks_its_posts_is_not_read_as_its_region():
    """When trafilatura keeps less of a thread than its content region holds, the region would be
    read; a page whose HTML marks its posts (here a Q&A page's question and answers) says where
    they are: what trafilatura lost of them comes back, and the posters' badges and the remarks
    under each answer, which the region holds, stay out."""
    settings = HtmlSettings(region_below_share={"forum": 1.0})  # any page kept short of its region
    blocks, _, kind = html_to_blocks(QA_THREAD, url="https://baking.example/questions/4410/starter-on-holiday",
                                     settings=settings)
    text = "\n".join(b.text for b in blocks)
    assert kind.name == "forum"
    assert "Three weeks in the fridge is fine" in text and "Drying is the safer insurance." in text
    assert "silver badges" not in text and "This worked for me after a month away." not in text
    assert not any("the region is read" in e for e in kind.evidence)
