"""HTML mode on pages that are no news story: a link aggregator's discussion, a company's landing page."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import cleaner
from cleaner.extract.html import HtmlSettings, html_to_blocks
from cleaner.extract.pagetype import comment_posts

from conftest import FIXTURES

COMMENTS = (
    ("mira", "The new borrow checker rules read well on paper, but I would like to see how they behave on "
             "a large codebase before the edition ships."),
    ("tobias", "We moved two services to the preview last month. Compile times went up a little and the "
               "error messages are clearer than before."),
    ("ana", "Does anyone know whether the async closures work with the current runtime? The proposal is "
            "not clear about it."),
    ("ken", "They do, with the nightly compiler. I have been using them for a week without any trouble."),
)


def _discussion_page() -> str:
    """A link aggregator's story page: the story is a link to another site, the page is its comments."""
    comments = "".join(
        f'<li class="comments_subtree"><div class="comment" id="c_{i}"><div class="byline">'
        f'<a href="/~{name}">{name}</a> 3 hours ago</div><div class="comment_text"><p>{text}</p></div>'
        "</div></li>"
        for i, (name, text) in enumerate(COMMENTS)
    )
    return (
        "<html><head><title>Language goals for 2025 | Links</title></head><body>"
        '<header><nav><a href="/">Active</a> <a href="/recent">Recent</a> <a href="/login">Login</a></nav></header>'
        '<div class="story"><a class="title" href="https://blog.example.org/goals">Language goals for 2025</a> '
        '<a class="tag" href="/t/rust">rust</a> via <a href="/~mira">mira</a> | '
        '<a href="/s/abc/goals">4 comments</a></div>'
        f'<ol class="comments">{comments}</ol></body></html>'
    )


def test_a_story_that_is_a_link_is_its_discussion():
    record = cleaner.clean(_discussion_page(), mode="html")
    assert record.page_type == "forum"
    assert all(text in record.text for _, text in COMMENTS)
    assert any("the discussion is the page" in e for e in record.page_type_evidence)


def _without_prose(page: str) -> str:
    for _, text in COMMENTS:
        page = page.replace(text, "+1")
    return page


def test_comments_are_counted_once_where_replies_nest():
    from cleaner.extract.html import parse_page

    assert comment_posts(parse_page(_discussion_page())) == len(COMMENTS)
    assert comment_posts(parse_page(_without_prose(_discussion_page()))) == 0


def test_a_page_of_links_without_a_discussion_still_holds_no_article():
    record = cleaner.clean(_without_prose(_discussion_page()), mode="html")
    assert record.text == ""
    assert record.warnings


FEATURES = (
    ("Invoices in minutes", "Create an invoice from any quote with one click, and send it in the currency of "
                            "your client."),
    ("Payments on time", "Clients pay by card or bank transfer from the invoice itself, and reminders go out "
                         "before the due date."),
    ("Reports you can trust", "See what came in and what is still due, by client and by month, in one place."),
)


def _intro(paragraphs: int) -> str:
    """A landing page's opening prose, a paragraph of whole sentences each."""
    return "".join(
        f"<p>Small firms spend hours every month on paperwork that a good tool does in minutes. Ledgerly "
        f"keeps the books of {n} thousand teams across Europe, from freelancers to firms of fifty people.</p>"
        for n in range(2, 2 + paragraphs)
    )


def _landing_page() -> str:
    """A company's product page: a hero, feature sections each opened by a <header>, prose paragraphs."""
    intro = _intro(6)
    sections = "".join(
        f'<section class="features"><header class="feature-head"><h2>{title}</h2><p>{text}</p></header>'
        f'<a href="/features/{i}">Learn more</a></section>'
        for i, (title, text) in enumerate(FEATURES)
    )
    return (
        "<html><head><title>Ledgerly invoicing</title></head><body>"
        '<div class="hero"><h1>Invoicing for small firms</h1></div>'
        f'<main><div class="intro">{intro}</div>{sections}</main></body></html>'
    )


def test_a_landing_pages_feature_sections_stay_under_their_headers():
    """trafilatura's precision focus drops every <header>, and a landing page opens each section
    with one: a page typed an article that shows a service page's markup keeps them."""
    record = cleaner.clean(_landing_page(), mode="html")
    assert record.page_type == "article"
    assert any(e.startswith("a landing page: ") for e in record.page_type_evidence)
    assert all(title in record.text and text in record.text for title, text in FEATURES)


def test_the_precision_focus_is_what_drops_the_sections():
    """The same page with the focus on everywhere (the old behaviour) loses the sections: the test
    above holds because of the evidence rule, not by chance."""
    always = dataclasses.replace(HtmlSettings(), landing_service_points=float("inf"), undated_reads_region=False)
    blocks, _, _ = html_to_blocks(_landing_page(), settings=always)
    text = "\n".join(b.text for b in blocks)
    assert not any(body in text for _, body in FEATURES)


CARDS = (
    ("Invoices", "Send an invoice from any quote with one click, in the currency your client pays in"),
    ("Payments", "Clients pay by card or by bank transfer from a link on the invoice they receive"),
    ("Reminders", "Polite reminders go out before the due date and again a week after it has passed"),
    ("Reports", "See what came in and what is still due, by client, by project and by month"),
    ("Taxes", "VAT is worked out for every country in Europe and shown on each line of the invoice"),
    ("Teams", "Give your accountant and your partners a seat of their own at no extra cost"),
    ("Receipts", "Snap a receipt with your phone and it is matched to the right expense at once"),
    ("Banks", "Connect the accounts of more than two thousand banks and see every payment arrive"),
)


def _landing_page_with_cards() -> str:
    """Prose above a grid of feature cards, each a linked title, a line and a 'Learn more' link."""
    intro = _intro(5)
    cards = "".join(
        f'<div class="feature-card"><a href="/f/{i}"><h3>{title}</h3></a><div>{line}</div>'
        f'<a href="/f/{i}">Learn more about {title}</a></div>'
        for i, (title, line) in enumerate(CARDS)
    )
    return (
        "<html><head><title>Ledgerly invoicing</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/pricing'>Pricing</a></nav>"
        '<div class="hero"><h1>Invoicing for small firms</h1><a class="cta" href="/signup">Start free</a></div>'
        f'<main><div class="intro">{intro}</div><div class="features">{cards}</div></main></body></html>'
    )


def test_a_landing_page_typed_an_article_is_read_as_a_service_page():
    """trafilatura keeps the prose and drops the cards: on a landing page the content region is read
    as on a service page, though the prose made it an article."""
    record = cleaner.clean(_landing_page_with_cards(), mode="html")
    assert record.page_type == "article"
    assert all(line in record.text for _, line in CARDS)
    assert any("the region is read" in e for e in record.page_type_evidence)
    as_article = dataclasses.replace(HtmlSettings(), landing_region_types=frozenset())
    blocks, _, _ = html_to_blocks(_landing_page_with_cards(), settings=as_article)
    assert not any(line in b.text for b in blocks for _, line in CARDS)


OLD_NEWS_PAGE = FIXTURES / "html" / "el_news_beside_headlines.html"
SIDEBAR_HEADLINES = ("Κλειστό για δύο ημέρες το δημοτικό κολυμβητήριο", "Νέο ωράριο για τις λαϊκές αγορές")


def test_a_list_of_headlines_beside_an_article_is_not_a_listing():
    """An old news page without semantic markup: a column of linked headlines (each with its time)
    beside the story. The headlines are other stories; the page is the story's."""
    record = cleaner.clean(OLD_NEWS_PAGE.read_bytes(), mode="html")
    assert record.page_type == "article"
    assert any("other stories beside an article" in e for e in record.page_type_evidence)
    assert record.text.startswith("Από την επόμενη Δευτέρα ξεκινά η λειτουργία της νέας γραμμής")
    assert record.text.endswith("θα ακολουθήσουν και άλλες αλλαγές στο δίκτυο μέσα στη χρονιά.")
    assert not any(headline in record.text for headline in SIDEBAR_HEADLINES)


def test_cards_with_their_teasers_are_a_listing_beside_the_same_prose():
    """The same cards, each with a teaser outside its link, are a listing's items: the page keeps
    the card evidence (and the teasers) whatever prose stands beside them."""
    page = OLD_NEWS_PAGE.read_text(encoding="utf-8").replace(
        "</a></p>", "</a> Όλες οι λεπτομέρειες της είδησης στο σημερινό φύλλο.</p>"
    )
    record = cleaner.clean(page, mode="html")
    assert record.page_type in ("listing", "collection")
    assert not any("other stories beside an article" in e for e in record.page_type_evidence)


SHOP_CATEGORY = Path(__file__).parent.parent / "fixtures" / "html" / "shop_category.html"
BOOTS = ("Ridge GTX Leather Walking Boot", "Scree Pro Mountain Boot", "Fell Runner Approach Boot")


def test_a_shop_categorys_one_paragraph_intro_does_not_stand_for_its_grid():
    """trafilatura keeps the category's intro and drops its product tiles; one paragraph is an
    intro, not a story, so the content region with the tiles is read."""
    record = cleaner.clean(SHOP_CATEGORY.read_bytes(), mode="html")
    assert record.page_type == "collection"
    assert record.text.startswith("Our walking boots are chosen for British hills")
    assert all(boot in record.text for boot in BOOTS)
    assert "£219.00" in record.text
    assert "Free delivery on orders over" not in record.text
    assert any("the region is read" in e for e in record.page_type_evidence)


def test_one_paragraph_of_prose_was_what_kept_the_grid_out():
    """With one paragraph counted as a story (the old behaviour) the tiles are lost: the test above
    holds because of the paragraph count."""
    one = dataclasses.replace(HtmlSettings(), prose_min_paragraphs=1)
    blocks, _, _ = html_to_blocks(SHOP_CATEGORY.read_text(encoding="utf-8"), settings=one)
    assert not any(boot in b.text for b in blocks for boot in BOOTS)


BLOG_FRONT_PAGE = Path(__file__).parent.parent / "fixtures" / "html" / "blog_front_page.html"


def test_teasers_inside_repeated_cards_are_no_articles_prose():
    """A blog's front page: six post cards, each a linked headline and a teaser of two sentences.
    The teasers are the cards' text, not an article's paragraphs: the cards decide the type, and
    trafilatura's extraction of the teasers alone (the headlines dropped) is no story that would
    keep the content region out."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.pagetype import prose_paragraphs, repeated_cards

    tree = parse_page(BLOG_FRONT_PAGE.read_text(encoding="utf-8"))
    cards = repeated_cards(tree, 4)
    assert len(cards) == 6
    assert prose_paragraphs(tree, 25)[0] == 6
    assert prose_paragraphs(tree, 25, frozenset(cards))[0] == 0
    record = cleaner.clean(BLOG_FRONT_PAGE.read_bytes(), mode="html")
    assert record.page_type == "collection"
    assert record.page_type_evidence[0] == "6 repeated cards"
    assert "Rebuilding the allotment shed before winter" in record.text
    assert "Winter salads under a cold frame\n\n12 March 2025\n\nLamb's lettuce" in record.text
    assert "Written on a bench" not in record.text


def test_cards_holding_an_articles_paragraphs_are_its_columns():
    """An old layout's sibling <div>s, one holding the whole article: its paragraph is no teaser (one
    card of six holds prose: the cards are columns, not items)."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.pagetype import prose_paragraphs, repeated_cards

    sentence = "The council met on Tuesday to agree the budget for the new library, which opens in the spring. "
    columns = "".join(f'<div><a href="/s/{i}">Section number {i} of the site</a></div>' for i in range(5))
    story = f"<p>{sentence * 3}</p>"
    page = f'<html><body>{columns}<div><a href="/">Home page of the site</a><h1>Library budget</h1>{story}</div></body></html>'
    tree = parse_page(page)
    cards = repeated_cards(tree, 4)
    assert len(cards) == 6
    assert prose_paragraphs(tree, 25, frozenset(cards)) == (1, frozenset())


PRODUCT_VARIANTS = Path(__file__).parent.parent / "fixtures" / "html" / "product_variants.html"


def test_a_product_group_with_its_variants_is_one_product():
    """A shirt in two colours and two sizes: its JSON-LD ProductGroup lists four Products, its
    variants. Four Products or more of a grid make a collection; one group's are one product."""
    from cleaner.extract.pagetype import _schema_main_type

    record = cleaner.clean(PRODUCT_VARIANTS.read_bytes(), mode="html")
    assert record.page_type == "product"
    assert record.page_type_evidence[0] == "structured data: product, productgroup"
    assert "The fabric is woven in Northern Ireland" in record.text
    assert _schema_main_type(["product"] * 5) == ("collection", ["5 × product"])


PRODUCT_NAME = "Harbour Wool Fisherman Jumper"


def _product_page(schema: str) -> str:
    """A shop's product page that prints the product's name above its price and again over its
    description, as many shop templates do."""
    ld = json.dumps({"@context": "https://schema.org", "@type": schema, "name": PRODUCT_NAME,
                     "offers": {"@type": "Offer", "price": "89.00", "priceCurrency": "GBP"}})
    return f"""<html><head><title>{PRODUCT_NAME} | Northwind Knitwear</title>
<script type="application/ld+json">{ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/men">Men</a> <a href="/women">Women</a></nav></header>
<main><div class="product"><h1>{PRODUCT_NAME}</h1><p class="price">£89.00</p>
<div class="description"><h2>{PRODUCT_NAME}</h2>
<p>Knitted on the island from undyed wool of the flock's own sheep, this jumper keeps its shape through
years of wear and washes by hand in cool water.</p>
<p>The ribbed collar sits close to the neck without pulling, and the dropped shoulders leave room for a
shirt underneath on colder days at sea or on land.</p>
<h3>Specifications</h3><ul><li>100% British wool, 480 g</li><li>Hand wash at 30 degrees, dry flat</li>
<li>Made in the Outer Hebrides</li></ul></div></div></main>
<footer><p>© 2025 Northwind Knitwear</p></footer></body></html>"""


def test_a_products_name_heads_its_text_once():
    """A product's name is part of what the page describes (WCXB's product gold keeps it): the first
    print stays, the second goes as the title again. A story's headline is the record's title only."""
    product = cleaner.clean(_product_page("Product"), mode="html")
    assert product.page_type == "product"
    assert product.title == PRODUCT_NAME
    assert product.text.startswith(f"{PRODUCT_NAME}\n\n£89.00\n\nKnitted on the island")
    assert product.text.count(PRODUCT_NAME) == 1
    assert [(r.kind, r.text) for r in product.removed] == [("title", PRODUCT_NAME)]
    story = cleaner.clean(_product_page("NewsArticle"), mode="html")
    assert story.page_type == "article"
    assert PRODUCT_NAME not in story.text
    assert [(r.kind, r.text) for r in story.removed] == [("title", PRODUCT_NAME)] * 2


UNDATED_SERVICE_PAGE = FIXTURES / "html" / "service_undated_sections.html"
SERVICE_STEPS = ("Book a free survey", "We unload room by room and rebuild the beds before we leave")
SERVICE_REVIEWS = ("Friendly crew, on time, and the price was exactly what we were quoted.", "Margaret H., Horsforth")


def test_an_undated_page_typed_an_article_keeps_its_sections():
    """A removal firm's page: its CMS calls every page an article (og:type, an `entry` class) and
    the intro is prose, but it declares no publication date and no article schema. trafilatura
    keeps the intro and drops the sections beside it (how a move works, customers' reviews); the
    content region is read as on a landing page."""
    record = cleaner.clean(UNDATED_SERVICE_PAGE.read_bytes(), mode="html")
    assert record.page_type == "article"
    assert record.published is None
    assert any(e.startswith("no publication date and no article schema") for e in record.page_type_evidence)
    assert any("the region is read" in e for e in record.page_type_evidence)
    assert all(text in record.text for text in (*SERVICE_STEPS, *SERVICE_REVIEWS))
    assert record.text.startswith("Moving house is one of the most stressful things a family does")
    assert "Privacy" not in record.text and "Get a quote" not in record.text


def test_a_dated_story_with_the_same_layout_keeps_trafilaturas_text():
    """The same page with a publication date is a story: the sections beside it are not read."""
    dated = UNDATED_SERVICE_PAGE.read_text(encoding="utf-8").replace(
        '<meta property="og:type" content="article">',
        '<meta property="og:type" content="article">\n<meta property="article:published_time" content="2025-03-04T09:00:00Z">',
    )
    record = cleaner.clean(dated, mode="html")
    assert record.published == "2025-03-04"
    assert not any(text in record.text for text in (*SERVICE_STEPS, *SERVICE_REVIEWS))
    assert record.text.startswith("Moving house is one of the most stressful things a family does")


HELP_INDEX = FIXTURES / "html" / "help_index_undated.html"
HELP_SUMMARIES = ("Ledgerly comes with templates for the reports most firms need.",
                  "Download any report as a spreadsheet or as a PDF file.")


def test_an_undated_index_of_pages_keeps_trafilaturas_text(monkeypatch):
    """A help centre's section page, undated too: what the region would add is the linked titles of
    the pages below it, an index, not sections. Read, those titles and the summaries under them read
    as a list of links closing the page and go; so the region is not read."""
    record = cleaner.clean(HELP_INDEX.read_bytes(), mode="html")
    assert not any("the region is read" in e for e in record.page_type_evidence)
    assert all(summary in record.text for summary in HELP_SUMMARIES)
    monkeypatch.setattr("cleaner.extract.html._adds_links", lambda kept, region: False)
    record = cleaner.clean(HELP_INDEX.read_bytes(), mode="html")
    assert any("the region is read" in e for e in record.page_type_evidence)
    assert not any(summary in record.text for summary in HELP_SUMMARIES)


PRODUCT_REVIEWS = FIXTURES / "html" / "product_reviews.html"
REVIEW_LINES = ("I used this pack for a week of walking in the Lakes", "Well made and light", "Great value")


def test_a_products_customer_reviews_are_not_its_text():
    """A daypack's page: its description and specifications, then a section of customers' reviews
    (an element marked 'reviews', each review one marked 'review', the longest a paragraph of
    prose). The reviews are what buyers said, not what the page says of the product: they go, each
    named in `removed`."""
    record = cleaner.clean(PRODUCT_REVIEWS.read_bytes(), mode="html")
    assert record.page_type == "product"
    assert "The back panel is ventilated mesh" in record.text
    assert record.text.endswith("Rain cover included")
    assert not any(line in record.text for line in REVIEW_LINES)
    reviews = [r.text for r in record.removed if r.kind == "reviews"]
    assert reviews[:2] == ["Customer reviews", "4.6 out of 5, based on 3 reviews"]
    assert all(any(r.startswith(line) for r in reviews) for line in REVIEW_LINES)


def test_reviews_are_kept_where_they_are_all_the_page_gives():
    """The same page whose description a script renders: extraction finds the reviews and little
    else, and they stay rather than leave an empty record."""
    html = PRODUCT_REVIEWS.read_text()
    start, end = html.index('<div class="product-description">'), html.index('<section class="product-reviews"')
    record = cleaner.clean(html[:start] + html[end:], mode="html")
    assert record.page_type == "product"
    assert all(line in record.text for line in REVIEW_LINES)
    assert not [r for r in record.removed if r.kind == "reviews"]


def test_a_review_article_keeps_its_text():
    """'review' marks customers' reviews on a product's page only: a magazine's review of the same
    pack is an article, and its paragraphs, inside an element marked 'review', are the story."""
    body = "".join(
        f"<p>{sentence} The pack was tested over three weekends on the fells in wind and rain.</p>"
        for sentence in ("We carried the Trailhead 28 up Helvellyn.", "The hip belt pockets are generous.",
                         "The lid pocket is small for a map.")
    )
    html = (
        '<html><head><title>Trailhead 28 review | Fell Magazine</title><meta property="og:type" content="article">'
        '</head><body><article><h1>Trailhead 28 review</h1><div class="review-body">'
        f'{body}<p class="review-verdict">Verdict: a comfortable pack</p></div></article></body></html>'
    )
    record = cleaner.clean(html, mode="html")
    assert record.page_type == "article"
    assert "The lid pocket is small for a map." in record.text
    assert not [r for r in record.removed if r.kind == "reviews"]


COOKIE_NOTICE = (
    '<div id="gdpr-notice" class="notice-box"><p>We and our partners store and read information on your device to '
    "measure how our pages are read and to show advertising that matches your interests. You can accept all of it, "
    "refuse what is not strictly necessary, or choose purposes one by one in the settings.</p>"
    '<p><a href="/privacy">Privacy settings</a> <button type="button">Accept all</button></p></div>'
)


def test_a_cookie_notice_goes_whatever_its_length():
    """The site's cookie notice, printed inside the product's own column (an element whose id names
    'gdpr'): a paragraph of prose that trafilatura keeps with the description. It goes, named."""
    html = PRODUCT_REVIEWS.read_text().replace("<h2>Specifications</h2>", COOKIE_NOTICE + "<h2>Specifications</h2>")
    record = cleaner.clean(html, mode="html")
    assert "The back panel is ventilated mesh" in record.text
    assert "Capacity: 28 litres" in record.text
    assert "partners" not in record.text
    assert [r.text[:28] for r in record.removed if r.kind == "consent"] == ["We and our partners store an"]


def test_a_page_about_cookies_keeps_its_text():
    """A cookie policy whose own element is marked 'cookie-policy' holds the page's heading: it is
    the page, not a notice on it."""
    paragraphs = "".join(
        f"<p>{text} We keep this information for no longer than thirteen months and never sell it.</p>"
        for text in ("Cookies are small files a site stores on your device.", "Analytics cookies count visits.",
                     "Advertising cookies are set by our partners only when you agree.")
    )
    html = (
        "<html><head><title>Cookie policy | Beckside Gear</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/c/packs">Packs</a></nav>'
        f'<div class="cookie-policy"><h1>Cookie policy</h1>{paragraphs}</div></body></html>'
    )
    record = cleaner.clean(html, mode="html")
    assert "Analytics cookies count visits." in record.text
    assert not [r for r in record.removed if r.kind == "consent"]


SPANS_LAID_OUT = FIXTURES / "html" / "spans_laid_out.html"


def test_texts_the_layout_sets_apart_are_two_words_and_a_split_word_is_one():
    """A landing page's figures and labels, each in its own span of a box the style sheet stacks,
    read as words apart; a drop cap, a paragraph an editor cut inside a word, a heading animated
    letter by letter and a superscript stay joined to their words."""
    text = cleaner.clean(SPANS_LAID_OUT.read_bytes(), mode="html").text
    assert "2 mins Average time to resolve a conversation" in text
    assert "68% Questions answered without an agent" in text
    assert "When a customer writes at midnight" in text
    assert "delivery dates, including the ones" in text
    assert "Free for fourteen days" in text
    assert "E = mc2 as always" in text


def test_the_region_reader_sees_the_same_spaces():
    """The content region is read from the same tree: a reviewer's name and role stay apart there too."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.region import region_blocks
    from cleaner.extract.spacing import space_laid_out_words

    tree = parse_page(SPANS_LAID_OUT.read_text(encoding="utf-8"))
    assert space_laid_out_words(tree) == 3
    texts = [b.text for b in region_blocks(tree)]
    assert "Simon Birch Head of Customer Experience, Crafty Co" in texts


def test_a_dated_page_at_the_root_of_its_site_is_a_home_page():
    """The same dated page fetched as the site's home page: a CMS dates every page, but a story has
    an address of its own; at the root the sections beside the intro are read as on a landing page."""
    dated = UNDATED_SERVICE_PAGE.read_text(encoding="utf-8").replace(
        '<meta property="og:type" content="article">',
        '<meta property="og:type" content="article">\n<meta property="article:published_time" content="2025-03-04T09:00:00Z">',
    )
    record = cleaner.clean(dated, mode="html", url="https://www.airevalleymovers.example/")
    assert record.published == "2025-03-04"
    assert any(e == "the site's home page: read as a landing page" for e in record.page_type_evidence)
    assert all(text in record.text for text in (*SERVICE_STEPS, *SERVICE_REVIEWS))
    inner = cleaner.clean(dated, mode="html", url="https://www.airevalleymovers.example/removals/leeds/")
    assert not any(text in inner.text for text in (*SERVICE_STEPS, *SERVICE_REVIEWS))


MENU_IN_WRAPPERS = """<html><head><title>Packaging design | Studio Nine</title></head><body>
<div id="wrapper"><div class="menuwrap inactive"><div class="menusec"><div class="menurow">
<div class="menuitem"><a href="/">Home</a></div><div class="menuitem"><a href="/portfolio">Portfolio</a></div>
<div class="menuitem"><a href="/services">Our Services</a></div><div class="menuitem"><a href="/reach-us">Reach us</a></div>
</div></div></div>
<section class="hero"><h1>Packaging design that sells</h1>
<p>We design boxes, labels and bottles for brands that want to stand out on a crowded shelf.</p></section>
<section class="features"><h2>What we do</h2><div class="feature"><h3>Research</h3>
<p>We study your shelf, your buyers and your rivals before we draw a line.</p></div></section>
</div></body></html>"""


def test_a_menu_in_wrappers_named_for_it_is_not_content():
    """A menu the markup wraps in 'menuwrap', 'menusec', 'menuitem' (one word each, no <nav>) is the
    site's chrome, not the first lines of the page's content region."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.region import region_blocks

    texts = [b.text for b in region_blocks(parse_page(MENU_IN_WRAPPERS))]
    assert texts[0] == "Packaging design that sells"
    assert not {"Home", "Portfolio", "Our Services", "Reach us"} & set(texts)


FOLDED_GUIDE = """<html><head><title>Hiking boots | Trailhead Outfitters</title></head><body>
<div class="page"><div class="mobile-drawer" aria-hidden="true"><p><a href="/">Home</a></p>
<p><a href="/c/boots">Boots</a> <a href="/c/packs">Packs</a> <a href="/c/tents">Tents</a></p></div>
<h1>Hiking boots</h1>
<ul class="grid"><li><a href="/p/1">Ridge Mid Waterproof Boot</a> $149.95</li>
<li><a href="/p/2">Summit GTX Boot</a> $219.00</li><li><a href="/p/3">Canyon Low Hiker</a> $99.50</li></ul>
<section class="guide"><h2>How to choose hiking boots</h2>
<button aria-expanded="false">Fit and sizing <span aria-hidden="true">+</span></button>
<div class="accordion-content" aria-hidden="true"><p>Try boots on in the afternoon, when your feet have swollen a
little, and wear the socks you will hike in so that the fit you feel is the fit you get.</p></div>
<button aria-expanded="false">Waterproofing</button>
<div class="accordion-content" aria-hidden="true"><p>A waterproof membrane keeps streams and wet grass out, but it
also keeps heat in, so on dry summer trails a breathable mesh boot is often the more comfortable choice.</p></div>
</section></div></body></html>"""


def test_what_an_accordion_folds_away_is_in_the_content_region():
    """A shop category's buying guide folds its answers into an accordion, hidden from screen
    readers until opened: they are the page's prose, read as trafilatura reads them; a drawer menu
    and an icon hidden the same way are not content."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.region import region_blocks

    texts = [b.text for b in region_blocks(parse_page(FOLDED_GUIDE))]
    assert any(t.startswith("Try boots on in the afternoon") for t in texts)
    assert any(t.startswith("A waterproof membrane keeps streams") for t in texts)
    assert not {"Home", "Boots Packs Tents", "+"} & set(texts)
    assert texts[0] == "Hiking boots"


PURPOSES = (
    ("Store and/or access information on a device", "Cookies, device or similar online identifiers together with other information can be stored or read on your device to recognise it each time it connects to an app or to a website, for one or several of the purposes presented here."),
    ("Use limited data to select advertising", "Advertising presented to you on this service can be based on limited data, such as the website or app you are using, your non-precise location, your device type or which content you are interacting with."),
    ("Create profiles for personalised advertising", "Information about your activity on this service, such as forms you submit and content you look at, can be stored and combined with other information about you to build or improve a profile about you."),
    ("Measure advertising performance", "Information regarding which advertising is presented to you and how you interact with it can be used to determine how well an advert has worked for you or other users and whether the goals were reached."),
    ("Measure content performance", "Information regarding which content is presented to you and how you interact with it can be used to determine whether the content reached its intended audience and matched your interests."),
    ("Understand audiences through statistics", "Reports can be generated based on the combination of data sets regarding your interactions and those of other users with advertising or content to identify common characteristics of audiences."),
    ("Develop and improve services", "Information about your activity on this service, such as your interaction with ads or content, can be very helpful to improve products and services and to build new products and services based on user interactions."),
    ("Strictly necessary cookies", "These cookies are necessary for the website to function and cannot be switched off in our systems. They are usually only set in response to actions made by you which amount to a request for services."),
    ("Performance cookies", "These cookies allow us to count visits and traffic sources so we can measure and improve the performance of our site. They help us to know which pages are the most and least popular and see how visitors move around."),
    ("Functional cookies", "These cookies enable the website to provide enhanced functionality and personalisation. They may be set by us or by third party providers whose services we have added to our pages, and without them some services may not work."),
)
RECIPES = ("One-Pot Chicken and Orzo", "Sheet Pan Salmon with Green Beans", "Slow Cooker Beef Chili",
           "Creamy Tuscan White Bean Soup", "Weeknight Pork Fried Rice", "Lemon Garlic Shrimp Pasta",
           "Baked Chicken Thighs with Potatoes", "Black Bean Enchiladas", "Honey Garlic Meatballs",
           "Vegetable Lasagna Roll-Ups", "Turkey Taco Skillet", "Coconut Chickpea Curry", "Beef and Broccoli Stir-Fry",
           "Stuffed Bell Peppers", "Chicken Pot Pie Casserole", "Mushroom Risotto")


def _collection_beside_a_consent_manager() -> str:
    """A recipe site's category page: a headline, one line of intro and a grid of linked recipe
    cards, and, in the same page, the consent manager's preference centre (every purpose described,
    every vendor listed: longer than the page's own text)."""
    purposes = "".join(f'<div class="ot-cat-item"><h4>{name}</h4><p class="ot-category-desc">{text}</p></div>'
                       for name, text in PURPOSES)
    cards = "".join(f'<li class="card"><a href="/recipe/{i}/"><span class="card__title">{title}</span></a>'
                    f'<span class="card__rating">{120 + 7 * i} ratings</span></li>' for i, title in enumerate(RECIPES))
    vendors = "".join(f'<li class="ot-vendor"><span>Ad partner {n}</span> <a href="/privacy/{n}">View privacy notice</a></li>'
                      for n in range(1, 46))
    return (
        '<html><head><title>Dinner Recipes | Home Kitchen</title>'
        '<script type="application/ld+json">{"@type": "CollectionPage", "name": "Dinner Recipes"}</script></head><body>'
        '<header><nav><a href="/">Home</a> <a href="/recipes/">Recipes</a> <a href="/breakfast/">Breakfast and Brunch</a> '
        '<a href="/lunch/">Lunch</a> <a href="/appetizers/">Appetizers and Snacks</a> <a href="/desserts/">Desserts</a> '
        '<a href="/drinks/">Drinks</a> <a href="/holidays/">Holidays and Events</a> <a href="/cuisines/">Cuisines</a> '
        '<a href="/ingredients/">Ingredients</a> <a href="/kitchen-tips/">Kitchen Tips</a> <a href="/news/">News</a> '
        '<a href="/features/">Features</a> <a href="/about/">About Us</a> <a href="/login/">Log In</a></nav></header>'
        '<main><h1>Dinner Recipes</h1><p>What is for dinner? Our most popular weeknight recipes.</p>'
        f'<ul class="mntl-card-list">{cards}</ul></main>'
        '<div id="onetrust-consent-sdk"><div id="onetrust-pc-sdk"><h2>Your Privacy</h2>'
        '<p>We process your data to deliver content or advertisements and measure the delivery of such content '
        'or advertisements to extract insights about our website.</p>'
        f'{purposes}<h3>Vendors</h3><ul class="ot-vendor-list">{vendors}</ul></div></div><footer><a href="/about/">About us</a> <a href="/contact/">Contact</a> '
        '<a href="/privacy/">Privacy policy</a> <a href="/terms/">Terms of use</a> <a href="/careers/">Careers</a> '
        '<a href="/advertise/">Advertise</a> <a href="/newsletters/">Newsletters</a>'
        '<p>Home Kitchen is part of a family of food sites. All rights reserved.</p></footer></body></html>'
    )


def test_a_consent_managers_purposes_are_no_content_however_long():
    """A consent manager's preference centre describes every purpose at length, longer than the
    page's own text: it is still a cookie notice (it holds neither the page's heading nor most of
    its text), and what trafilatura kept of it does not stand for the content trafilatura found,
    so the category page's recipes are read from its content region."""
    record = cleaner.clean(_collection_beside_a_consent_manager(), mode="html",
                           url="https://www.homekitchen.example/recipes/dinner/")
    assert all(title in record.text for title in RECIPES)
    assert "cookies" not in record.text.lower() and "advertising" not in record.text.lower()


TESTED_BOOTS = [("Ridgeline Mid GTX", "189.00"), ("Fellwalker Pro", "165.00"), ("Summit Trail Lite", "149.00"),
         ("Moorland Classic", "139.00"), ("Scree Runner 2", "129.00")]


def _review_of_the_best() -> str:
    """A magazine's "best walking boots" review: its JSON-LD declares a NewsArticle and an ItemList
    of the Products it tested, each with a price and a review; the story prints its day at its end."""
    items = [{"@type": "ListItem", "position": i + 1,
              "item": {"@type": "Product", "name": name,
                       "offers": {"@type": "Offer", "price": price, "priceCurrency": "GBP"},
                       "review": {"@type": "Review", "author": {"@type": "Person", "name": "Jane Moss"}}}}
             for i, (name, price) in enumerate(TESTED_BOOTS)]
    ld = json.dumps([{"@context": "https://schema.org", "@type": "NewsArticle",
                      "headline": "The best walking boots of 2025, tested on the fells"},
                     {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": items}])
    sections = "".join(
        f'<section class="product-card"><h2>{i + 1}. {name}</h2>'
        f'<p class="price">£{price} at <a href="/go/{i}">Outdoor Shop</a></p>'
        f"<p>We wore the {name} for three weeks on wet limestone and peat, and it kept our feet dry on every "
        "walk. The sole grips well on rock, though the lacing takes a while to set right.</p></section>"
        for i, (name, price) in enumerate(TESTED_BOOTS)
    )
    return (
        "<html><head><title>The best walking boots of 2025, tested on the fells | Fell Magazine</title>"
        f'<meta property="og:type" content="article"><script type="application/ld+json">{ld}</script></head>'
        '<body><header><nav><a href="/">Home</a> <a href="/gear">Gear</a> <a href="/routes">Routes</a></nav></header>'
        "<main><article><h1>The best walking boots of 2025, tested on the fells</h1>"
        '<p class="byline">By Jane Moss</p>'
        "<p>We walked more than four hundred miles this autumn to find the boots that are worth your money, "
        "from light trail shoes to stiff boots for winter scrambles.</p>"
        f'{sections}<p class="post-date">Published <time>4 March 2025</time></p></article></main>'
        "<footer><p>© 2025 Fell Magazine</p></footer></body></html>"
    )


def test_an_article_that_declares_the_products_it_reviews_is_an_article():
    """More than a few Products in a page's structured data are a shop's grid, unless the page
    declares an article too: then they are the items a review of "the best ..." compares. Typed a
    collection, the story lost the day it prints (a page of items is dated by its markup and the
    lines above its first card only: the dates below are its items')."""
    record = cleaner.clean(_review_of_the_best(), mode="html",
                           url="https://www.fellmagazine.example/gear/best-walking-boots-2025/")
    assert record.page_type == "article"
    assert record.page_type_evidence[0] == "structured data: newsarticle, 5 × product reviewed"
    assert record.published == "2025-03-04"
    assert all(f"We wore the {name} for three weeks" in record.text for name, _ in TESTED_BOOTS)
JOB_BOARD = FIXTURES / "html" / "job_board_headline.html"


def test_the_region_starts_at_the_headline_above_its_items():
    """The page's <h1> and its intro sit above the job cards, in a sibling of theirs: narrowing to
    the cards' element (most of the text) would leave out the headline that heads them."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.region import region_blocks

    texts = [b.text for b in region_blocks(parse_page(JOB_BOARD.read_text(encoding="utf-8")))]
    assert texts[:2] == ["Remote Python Developer Jobs",
                         "Browse remote Python roles at companies that hire across time zones. Every listing is "
                         "checked by our team before it goes live."]
    assert texts[-1] == "Full-time"  # the region ends with the cards: the footer after them is not in it
    record = cleaner.clean(JOB_BOARD.read_bytes(), mode="html")
    assert record.text.startswith("Browse remote Python roles")
    assert "Senior Python Developer" in record.text and "Python Developer, Payments" in record.text


def test_a_shops_bought_together_box_is_other_products():
    """A product page's "Frequently bought together" box heads other products, not this one's text:
    its heading goes as a related list's, with the product it names first."""
    page = (FIXTURES / "html" / "product_bought_together.html").read_text(encoding="utf-8")
    record = cleaner.clean(page, mode="html")
    assert record.page_type == "product"
    assert [(r.kind, r.text) for r in record.removed] == [
        ("related", "Frequently bought together"), ("related", "Brass Honing Guide for Plane Irons"),
    ]
    assert "Frequently bought together" not in record.text
    assert record.text.startswith("Beech Handle Bench Plane No. 4\n\n£64.00\n\nA smoothing plane")


CHROME_AROUND_MAINS = """<html><body>
<div class="menu-wrap"><p>Home</p><p>About</p></div>
<div class="sidebar-wrap"><p>Kept beside the main, in a wrapper named for its sidebar.</p>
  <div role="main"><article><header><h2>Inside the article, a header heads it</h2></header>
    <p>The main's own text, long enough to be most of the page's text when it is read.</p>
    <div hidden><p>Hidden away</p></div><div class="share-bar"><p>Share this</p></div>
    <div aria-hidden="true"><p>An answer the page folds away holds a sentence of twelve words or more.</p></div>
    <div aria-hidden="true"><p>Icon</p></div></article></div></div>
<div class="footer-wrap"><p>Kept: this wrapper holds a main, inside its aside.</p><aside><main><p>Aside</p></main></aside></div>
<div class="footer-links"><p>Privacy</p></div><header><p>Site header</p></header>
</body></html>"""


def test_the_region_reads_around_the_chrome_each_element_is_asked_about():
    """Chrome is told element by element as the region's walk meets it: a wrapper named for the
    site's chrome that holds a <main> (by its tag or its role, in chrome or not) is read, its
    chrome inside is not; the region is the element of role "main"."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.region import RegionSettings, region_blocks

    whole = RegionSettings(main_min_share=2.0, dominant_share=2.0)  # no main, no narrowing: the whole body
    texts = [b.text for b in region_blocks(parse_page(CHROME_AROUND_MAINS), settings=whole)]
    assert texts == [
        "Kept beside the main, in a wrapper named for its sidebar.",
        "Inside the article, a header heads it",
        "The main's own text, long enough to be most of the page's text when it is read.",
        "An answer the page folds away holds a sentence of twelve words or more.",
        "Kept: this wrapper holds a main, inside its aside.",
    ]
    texts = [b.text for b in region_blocks(parse_page(CHROME_AROUND_MAINS))]
    assert texts[0] == "Inside the article, a header heads it" and len(texts) == 3


def test_posts_outside_the_body_are_read_with_nothing_marked_as_chrome():
    """element_blocks reads chrome in the page's body: a post in a second body (a broken head's
    <noscript>) is read whole, hidden or not, its menu and share bar too; one in the body is not
    read when hidden, and its chrome inside is skipped."""
    from cleaner.extract.html import parse_page
    from cleaner.extract.region import element_blocks

    tree = parse_page(
        '<html><head><noscript><body><div class="post" style="display:none"><p>Outside post text</p>'
        '<nav><p>Menu inside</p></nav><div class="share-bar"><p>Share</p></div></div></body></noscript></head>'
        '<body><div class="post"><p>Inside post</p><nav><p>Nav</p></nav></div>'
        '<div class="post" hidden><p>Hidden post</p></div></body></html>'
    )
    groups = [[post] for post in tree.iter("div") if post.get("class") == "post"]
    read = [[b.text for b in blocks] for blocks in element_blocks(groups, tree)]
    assert read == [["Outside post text", "Menu inside", "Share"], ["Inside post"], []]
