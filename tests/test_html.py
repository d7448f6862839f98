"""HTML mode: real-looking pages in Arabic, Persian and English in, exact records out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner.extract.dom import markup_kind
from cleaner.extract.html import body_blocks, html_to_blocks
from cleaner.furniture import classify, load_lexicon

HTML = Path(__file__).resolve().parent.parent / "fixtures" / "html"
PAGES = sorted(HTML.glob("*.html"))


def expected_of(path: Path) -> dict:
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def removed_of(record: cleaner.Record) -> dict[str, str]:
    return {r.text: r.kind for r in record.removed}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_gives_expected_record(path):
    expected = expected_of(path)
    record = cleaner.clean(path.read_bytes())  # auto mode must see HTML in every one of them
    data = record.to_dict()
    assert data["text"] == expected.pop("text")
    assert record.removed_kinds == expected.pop("removed_kinds")
    for field, value in expected.items():
        assert data[field] == value, field


def test_furniture_inside_arabic_article_is_removed_with_its_kind():
    record = cleaner.clean((HTML / "ar_article.html").read_bytes(), mode="html")
    removed = removed_of(record)
    assert removed["بقلم: أحمد السيد"] == "byline"
    assert removed["اقرأ أيضا: تراجع منسوب المياه الجوفية في القرى الشرقية"] == "read_also"
    assert removed["شارك: فيسبوك تويتر واتساب"] == "share"
    assert removed["أخبار ذات صلة"] == "related"
    assert removed["الحكومة تطلق برنامجا لدعم الطاقة الشمسية في المنازل"] == "related"
    # a box the page marks "promo": its sentence is furniture, though it reads like one
    assert removed["اشترك في النشرة البريدية لتصلك أهم أخبار المدينة كل صباح."] == "ad"
    assert record.text.startswith("افتتح محافظ المدينة")
    assert record.text.endswith("وربط المحطة بشبكة الري الزراعي.")


def test_persian_page_furniture_and_jalali_date():
    record = cleaner.clean((HTML / "fa_article.html").read_bytes(), mode="html")
    removed = removed_of(record)
    assert removed["بیشتر بخوانید: افزایش شمار کتاب‌خوانان جوان در سال گذشته"] == "read_also"
    assert removed["اشتراک گذاری: تلگرام واتساپ توییتر"] == "share"
    assert removed["عضویت در کانال تلگرام خبرگزاری نمونه"] == "ad"
    assert record.published == "2024-03-12"  # 22 Esfand 1402
    assert "کتاب‌خوانان" not in record.text  # the ZWNJ spelling survives, the pointer does not
    assert "\u200c" in record.text


def test_body_paragraphs_opening_with_lexicon_words_stay():
    record = cleaner.clean((HTML / "en_article.html").read_bytes(), mode="html")
    assert "More than 400 residents signed a petition" in record.text
    assert "Share prices of Harbour Works" in record.text
    for furniture in ("Read also", "Share this article", "Tags:", "Related stories", "newsletter", "All rights"):
        assert furniture not in record.text


@pytest.mark.parametrize("name", ["ar_cp1256_declared.html", "ar_cp1256_undeclared.html"])
def test_windows_1256_page_decodes_without_mojibake(name):
    raw = (HTML / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the fixture really is windows-1256
    record = cleaner.clean(raw)
    assert record.title == "ارتفاع صادرات التمور إلى أعلى مستوى منذ عشر سنوات"
    assert record.text.startswith("سجلت صادرات التمور")
    assert not any(ch in record.text for ch in "ÃÇÙØ�")
    assert record.language == "ar"


def test_fragment_is_cleaned_like_a_page():
    record = cleaner.clean((HTML / "en_fragment.html").read_bytes())
    assert record.title == "Volunteers plant 5,000 trees along the old railway line"
    assert record.text.startswith("More than three hundred volunteers")
    assert "Read more" not in record.text
    assert record.warnings == []


def test_page_with_no_article_says_so():
    record = cleaner.clean((HTML / "home_listing.html").read_bytes())
    assert record.text == ""
    assert record.warnings
    assert record.removed and all(r.kind == "other" for r in record.removed)


def test_a_page_of_many_linked_headlines_is_a_listing_and_keeps_them():
    record = cleaner.clean((HTML / "link_aggregator.html").read_bytes())
    assert record.page_type == "listing"
    assert any("a listing's items" in e for e in record.page_type_evidence)
    assert record.warnings == []
    assert "1. Why our build cache stopped working after the compiler upgrade (example.org)" in record.text
    assert record.text.count(" ago") == 12


def test_a_wrapper_named_for_its_footer_around_the_main_element_is_not_chrome():
    # the whole page sits in <div class="flex-wrap-footer">, which keeps the footer at the bottom
    record = cleaner.clean((HTML / "paper_listing.html").read_bytes())
    assert "Title: Calibrated uncertainty for code generation" in record.text
    assert "S. Iyer, T. Müller, K. Sato" in record.text
    assert "Privacy policy" not in record.text and "Preprint Archive" not in record.text


def test_str_input_and_bytes_input_give_the_same_record():
    raw = (HTML / "en_article.html").read_bytes()
    assert cleaner.clean(raw.decode("utf-8"), mode="html").text == cleaner.clean(raw, mode="html").text


@pytest.mark.parametrize(
    "names, kind",
    [
        ("post-tags", "tags"),
        ("relatedPosts", "related"),
        ("entry-share social-links", "share"),
        ("newsletter-signup", "ad"),
        ("read-more-box", "read_also"),
        ("article-body", None),
        ("shared-content", None),  # 'shared' is not 'share'
        ("tagline", None),
    ],
)
def test_markup_kind_reads_class_and_id_words(names, kind):
    assert markup_kind(names) == kind


def test_marked_box_hints_blocks_but_prose_inside_stays():
    page = """<html><body><article><h1>Title of the story here</h1>
    <p>First paragraph of the article, long enough to be prose and to be kept by the extractor, with details.</p>
    <p>Second paragraph of the article, also long enough to be prose and kept, with some more details here.</p>
    <div class="story-recommended"><p>Follow the conversation</p>
    <p>This is a long sentence of real prose that happens to sit inside a box the page calls recommended, and it stays.</p></div>
    </article></body></html>"""
    blocks, _, _ = html_to_blocks(page)
    hinted = {b.text: b.hints for b in blocks}
    assert hinted["Follow the conversation"] == frozenset({"related"})
    classify(blocks, load_lexicon())
    kinds = {b.text: b.kind for b in blocks}
    assert kinds["Follow the conversation"] == "related"
    assert kinds[next(t for t in kinds if t.startswith("This is a long sentence"))] is None


def test_blocks_keep_table_cells_apart_and_nested_paragraphs_once():
    from lxml import etree

    body = etree.fromstring(
        "<body><p>Intro text</p><table><row><cell>Pos.</cell><cell>Driver</cell></row></table>"
        "<p><ref target='x'><p>Inner paragraph</p></ref></p><list><item>One</item><item>Two</item></list></body>"
    )
    blocks = body_blocks(body)
    assert [(b.tag, b.text) for b in blocks] == [
        ("p", "Intro text"),
        ("row", "Pos. | Driver"),
        ("p", "Inner paragraph"),
        ("li", "One"),
        ("li", "Two"),
    ]


def test_the_keys_body_blocks_read_are_each_blocks_text_key():
    """restore_headings takes the keys the builder read: each is text_key of its block's text,
    spaces, punctuation, case and characters normalize_chars changes included."""
    from lxml import etree

    from cleaner.extract.dom import text_key
    from cleaner.extract.html import keyed_body_blocks

    body = etree.fromstring(
        "<body><head>Ca\u00f1\u00f3n  del  Sol</head><p>Intro\u00a0text \u2014 <ref>Linked</ref>, more.</p>"
        "<p>  </p><table><row><cell>Pos.</cell><cell>Driver</cell></row></table><p>\uff21\uff22\uff23 \u2019s</p></body>"
    )
    blocks, keys = keyed_body_blocks(body)
    assert len(blocks) == 4 and keys == [text_key(b.text) for b in blocks]


def test_public_trafilatura_call_gives_the_same_text(monkeypatch):
    """If a later trafilatura renames its cascade's stages, the public call takes over."""
    from cleaner.extract import cascade

    raw = (HTML / "en_article.html").read_bytes()
    expected = cleaner.clean(raw, mode="html").text
    monkeypatch.setattr(cascade, "_stages", lambda: None)
    assert cleaner.clean(raw, mode="html").text == expected


def test_structured_data_of_an_unexpected_shape_does_not_stop_the_page():
    """A JSON-LD list of lists broke trafilatura's reader (a WCXB page stopped the batch)."""
    sentence = "The museum reopens on Monday after two years of repairs to its roof and its galleries. "
    page = (
        '<html><head><title>Museum reopens</title><script type="application/ld+json">[[{"@type": "Article"}]]'
        f"</script></head><body><p>{sentence * 3}</p></body></html>"
    )
    record = cleaner.clean(page, mode="html")
    assert record.text == (sentence * 3).strip()
    assert record.title == "Museum reopens"


def _short_story_among_cards() -> str:
    story = "".join(
        f"<p>The harbour board voted on {day} to rebuild the north pier after the winter storms had "
        f"broken its older timber in three places.</p>"
        for day in ("Monday", "Tuesday", "Wednesday")
    )
    cards = "".join(
        f'<div class="card"><a href="/news/{i}">Council story number {i} about the town budget</a>'
        f"<p>A teaser of story {i} with a few words more.</p></div>"
        for i in range(12)
    )
    return (
        "<html><head><title>Pier to be rebuilt</title></head><body>"
        f'<div class="page"><div class="story"><h1>Pier to be rebuilt</h1>{story}</div>'
        f'<div class="more-stories">{cards}</div></div></body></html>'
    )


def test_a_short_story_stays_alone_when_a_grid_of_other_stories_surrounds_it():
    """trafilatura kept the story, a small share of the page: the page's other stories around it
    are not read as the page's items."""
    record = cleaner.clean(_short_story_among_cards())
    assert record.text.count("The harbour board voted") == 3
    assert "Council story number" not in record.text


def test_a_heading_that_opens_with_by_groups_the_page_and_stays():
    sections = "".join(
        f"<h2>By {group}</h2><p>Teams that sort their work by {group.lower()} find the reports they need in "
        f"seconds, and the dashboards follow the same order for every member of the team.</p>"
        for group in ("Functionality", "Audience")
    )
    page = (
        "<html><head><title>Reports</title></head><body><article><h1>Reports for every team</h1>"
        f"{sections}</article></body></html>"
    )
    record = cleaner.clean(page)
    assert "By Functionality" in record.text and "By Audience" in record.text
    assert not [r for r in record.removed if r.kind == "byline"]


def test_readability_is_skipped_only_where_it_could_not_win(monkeypatch):
    """trafilatura's comparison skips readability where the main extractor kept over half the
    page's text: on every fixture page, wherever it is skipped, readability's pick would have
    been at most twice as long as the extraction, so the comparison could not have taken it."""
    from copy import copy

    from lxml import etree
    from trafilatura.external import try_readability
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xpaths import OVERALL_DISCARD_XPATH

    from cleaner.extract import cascade

    gate, seen = cascade._readability_can_win, []

    def watched(tree, body, text, options, stages=None):
        can_win = gate(tree, body, text, options, stages)
        raw = copy(tree)  # what the comparison gives readability: in precision focus, pruned first
        seen.append((can_win, prune_unwanted_nodes(raw, OVERALL_DISCARD_XPATH) if options.focus == "precision" else raw,
                     text))
        return can_win

    monkeypatch.setattr(cascade, "_readability_can_win", watched)
    for path in PAGES:
        cleaner.clean(path.read_bytes(), mode="html")
    assert any(not can_win for can_win, _, _ in seen)  # the shortcut is taken on some page
    for can_win, tree, text in seen:
        pick = " ".join(etree.tostring(try_readability(tree), method="text", encoding="unicode").split())
        assert can_win or len(pick) <= 2 * len(text)


def test_the_comparison_answers_as_trafilatura_s_compare_extraction(monkeypatch):
    """The cascade runs trafilatura's comparison step by step, its jusText check with our jusText:
    on every fixture page it is an article on (precision and default focus alike), the body and
    text are those trafilatura's `compare_extraction` gives, readability's pick and jusText's
    rescue taken where it takes them."""
    from copy import copy, deepcopy

    import lxml.html
    from lxml import etree

    from cleaner.extract import cascade

    ours, answers = cascade._compare, []

    def both(s, tree, cleaned, result, options, names, url=None):
        body, text = result
        # no backup: the widening took it, and the comparison cleans the page again where it reads it
        backup = deepcopy(cleaned) if cleaned is not None else cascade._cleaned(s, tree, options, url)
        raw, kept = deepcopy(tree), deepcopy(body)
        raw = copy(raw) if cascade._readability_can_win(raw, kept, text, options, s) else cascade._blank_page()
        theirs = s.compare_extraction(backup, raw, kept, text, options)
        found = ours(s, tree, cleaned, result, options, names, url)
        answers.append((found[0] is body, theirs[1] == text))
        assert (etree.tostring(found[0]), found[1]) == (etree.tostring(theirs[0]), theirs[1])
        return found

    monkeypatch.setattr(cascade, "_compare", both)
    for path in PAGES:
        for precision in (True, False):
            tree = lxml.html.document_fromstring(path.read_bytes())
            options = cascade.page_options(None, comments=False, precision=precision)
            cascade.run_cascade(tree, options, None, compare=True)
    # extractions jusText's check reads: one holding a button (unclean), one short
    s = cascade._stages()
    story = "<p>" + "The council approved the new bridge after a long debate about its cost and its route. " * 4 + "</p>"
    page = f"<html><body><nav><a href='/'>Home</a></nav><div>{story * 3}</div><footer>Contact</footer></body></html>"
    for extraction in (f"<body>{story * 3}<p><button>Share</button></p></body>", "<body><p>Bridge</p></body>"):
        for precision in (True, False):
            options = cascade.page_options(None, comments=False, precision=precision)
            tree = lxml.html.document_fromstring(page)
            cleaned = cascade._cleaned(s, tree, options, None)
            body = etree.fromstring(extraction)
            both(s, tree, cleaned, (body, " ".join(body.itertext()).strip()), options, None)
    assert any(kept for kept, _ in answers) and any(not kept for kept, _ in answers)


def test_without_a_step_of_the_comparison_trafilatura_s_own_call_runs(monkeypatch):
    """If a later trafilatura drops one of the comparison's steps, its compare_extraction runs whole."""
    from types import SimpleNamespace

    from cleaner.extract import cascade

    raw = (HTML / "en_article.html").read_bytes()
    expected = cleaner.clean(raw, mode="html").text
    stages, called = cascade._stages(), []
    whole = stages.compare_extraction
    lacking = SimpleNamespace(**{**vars(stages), "_prefer_readability": None})
    lacking.compare_extraction = lambda *args: called.append(1) or whole(*args)
    monkeypatch.setattr(cascade, "_stages", lambda: lacking)
    assert cleaner.clean(raw, mode="html").text == expected
    assert called


def test_readability_is_not_asked_to_read_a_sidebar_the_precision_prune_deletes():
    """In precision focus the comparison prunes the page (sidebars, share bars...) before readability
    reads it: a long sidebar is no text readability's pick could hold."""
    import lxml.html
    from trafilatura.settings import Extractor

    from cleaner.extract.cascade import _readability_can_win, _stages

    story = "The council approved the new bridge after a long debate about its cost and its route. " * 8
    aside = "Sign up for our weekly letter of local news, events and offers from our partners. " * 20
    tree = lxml.html.document_fromstring(
        f'<html><body><div class="story"><p>{story}</p></div><div class="sidebar"><p>{aside}</p></div></body></html>'
    )
    body = lxml.html.fragment_fromstring(f"<div><p>{story}</p></div>")
    assert _readability_can_win(tree, body, story.strip(), Extractor(precision=False), _stages())
    assert _readability_can_win(tree, body, story.strip(), Extractor(precision=True))  # the page's whole text
    assert not _readability_can_win(tree, body, story.strip(), Extractor(precision=True), _stages())


def test_the_default_focus_is_skipped_only_where_it_could_not_have_won(monkeypatch):
    """On the fixture pages, wherever the widening's second extraction is skipped, running it gives
    precision's result back: the shortcut changes no record."""
    from copy import copy

    from cleaner.extract import cascade

    gate, seen = cascade._widen_can_win, []

    def watched(cleaned, body, text, settings, page_text=None):
        assert page_text is None or page_text == cleaned.text_content()  # the text the caller read is the page's
        can_win = gate(cleaned, body, text, settings, page_text)
        assert can_win == gate(cleaned, body, text, settings)
        seen.append((can_win, copy(cleaned), copy(body), text, settings))
        return can_win

    monkeypatch.setattr(cascade, "_widen_can_win", watched)
    for path in PAGES:
        cleaner.clean(path.read_bytes(), mode="html")
    assert any(not can_win for can_win, *_ in seen)  # the shortcut is taken on some page
    from trafilatura.settings import Extractor

    options = Extractor(precision=True, tables=True, links=False, output_format="python")
    for can_win, cleaned, body, text, settings in seen:
        if not can_win:
            kept, _ = cascade._widen(cascade._stages(), cleaned, options, (body, text), settings)
            assert kept is body


def test_readability_still_reads_where_the_extraction_is_a_teaser():
    """A teaser of a long story: readability's pick could be more than twice as long, so it runs."""
    import lxml.html
    from trafilatura.settings import Extractor

    from cleaner.extract.cascade import _readability_can_win

    story = "The council approved the new bridge after a long debate about its cost and its route. " * 20
    tree = lxml.html.document_fromstring(f"<html><body><script>{'x' * 9000}</script><p>{story}</p></body></html>")
    body = lxml.html.fragment_fromstring("<div><p>The council approved the new bridge.</p></div>")
    options = Extractor(precision=True)
    assert _readability_can_win(tree, body, "The council approved the new bridge.", options)
    assert not _readability_can_win(tree, body, story.strip(), options)  # the script's text is no pick's


PRODUCT_DESCRIPTION = (
    "The Harbour mug holds 350 ml and is thrown by hand in stoneware, so each one differs a little in shape "
    "and glaze. It is safe in the dishwasher and the microwave."
)


def _product_page(visible_description: str = "", ld_description: str = PRODUCT_DESCRIPTION) -> str:
    """A shop's product page (WooCommerce's markup): the product's wrapper names its post number and
    its tags; the description is in the page's JSON-LD, and visible or not."""
    data = json.dumps({"@context": "https://schema.org", "@type": "Product", "name": "Harbour Mug",
                       "description": ld_description, "offers": {"@type": "Offer", "price": "24.00"}})
    return (
        f'<html><head><title>Harbour Mug - The Clay Shed</title><script type="application/ld+json">{data}</script>'
        '</head><body><div class="site-header"><a href="/">The Clay Shed</a></div>'
        '<div id="product-118" class="product type-product post-118 status-publish instock product_tag-stoneware '
        'product_tag-handmade purchasable"><div class="summary entry-summary">'
        '<h1 class="product_title entry-title">Harbour Mug</h1><p class="price"><span class="amount">$24.00</span></p>'
        f'<div class="product-description"><p>{visible_description}</p><ul><li>Stoneware, glazed inside and out</li>'
        "<li>Holds 350 ml, a generous cup</li><li>Made in Cornwall by two potters</li></ul></div>"
        '<button class="single_add_to_cart_button">Add to cart</button></div>'
        '<div class="woocommerce-tabs"><h2>Delivery and returns</h2><p>We pack every order in recycled paper and '
        "send it within three working days. Orders over $60 travel free within the country, and you may return "
        "anything unused within thirty days for a full refund.</p><h2>Reviews</h2><p>Rated 4.8 out of 5 by 112 "
        "customers, who mostly praise how well the mug keeps coffee warm on a cold morning.</p></div>"
        "</div></body></html>"
    )


def test_a_products_own_wrapper_is_no_box_of_tags():
    """WordPress names a post's tags in its wrapper's classes ('product_tag-stoneware'): the wrapper
    is the product, and its specifications are no tags; the page's list of tags still is."""
    from cleaner.extract.dom import marked_boxes, text_key
    from cleaner.extract.html import parse_page

    page = _product_page(PRODUCT_DESCRIPTION).replace(
        "</body>", '<ul class="product-tags"><li><a href="/tag/gifts">Gifts for coffee lovers</a></li>'
        '<li><a href="/tag/handmade">Handmade</a></li></ul></body>'
    )
    boxes = marked_boxes(parse_page(page))
    assert boxes.kind_of(text_key("Made in Cornwall by two potters")) is None
    assert boxes.kind_of(text_key("Gifts for coffee lovers")) == "tags"


def test_a_product_description_only_in_structured_data_is_the_content():
    record = cleaner.clean(_product_page(), mode="html")
    assert PRODUCT_DESCRIPTION in record.text
    assert record.page_type == "product"
    assert any("structured data" in e and "description" in e for e in record.page_type_evidence)


def test_a_product_description_the_page_shows_is_not_printed_twice():
    shown = cleaner.clean(_product_page(PRODUCT_DESCRIPTION), mode="html")
    assert shown.text.count("thrown by hand in stoneware") == 1
    reworded = "Thrown by hand in stoneware, the Harbour mug holds 350 ml; each differs a little in its glaze."
    record = cleaner.clean(_product_page(reworded), mode="html")
    assert reworded in record.text and PRODUCT_DESCRIPTION not in record.text


def test_structured_data_nested_past_the_parsers_depth_does_not_stop_a_product_page():
    deep = "[" * 100_000 + "]" * 100_000
    page = _product_page().replace('<script type="application/ld+json">', f'<script type="application/ld+json">{deep}'
                                   '</script><script type="application/ld+json">', 1)
    record = cleaner.clean(page, mode="html")
    assert record.page_type == "product" and PRODUCT_DESCRIPTION in record.text


def _trafilatura_body(*parts: str):
    """trafilatura's output tree: ('p', text) paragraphs, ('list', items) lists, ('head', text)."""
    from lxml import etree

    body = etree.Element("body")
    for tag, content in parts:
        element = etree.SubElement(body, tag)
        if tag == "list":
            for item in content:
                etree.SubElement(element, "item").text = item
        else:
            element.text = content
    return body


ZH_STORY = (
    ("p", "上海市人大代表建议在公款消费中明确禁止喝茅台酒，并倡议各级纠风部门把禁止喝茅台列为检查内容，像禁止消费卡一样予以查处。"),
    ("p", "中国人民大学社会学系教授周孝正表示支持这一提案，他说茅台这些年价格上涨，公款消费占据了绝大部分，因此应该加以限制。"),
    ("p", "免责声明：本文仅代表作者个人观点，与本网无关。其原创性以及文中陈述文字和内容未经本站证实，请读者仅作参考。"),
)
SECTION_TABS = ("list", ["社会", "娱乐", "生活", "探索"])
OTHER_HEADLINES = ("list", [f"{headline} 01/17 0{i}:00" for i, headline in enumerate(
    ["限购应对本地人外地人一视同仁", "小学规定学生当志愿者可免做寒假作业", "老师规定学生迟到一分钟罚一元", "男子斥资千万在家乡修小洋楼"]
)])
STORY_TABLE = ("list", ["二〇一一年 茅台酒出厂价上调百分之二十", "二〇一二年 多地人大代表提出限制公款消费的建议",
                        "二〇一二年 多家白酒企业跟进调整价格"])


def _widened(precise, wide):
    from types import SimpleNamespace

    from cleaner.extract.cascade import CascadeSettings, _widen

    def text_of(body):
        return " ".join(" ".join(body.itertext()).split())

    stages = SimpleNamespace(extract_content=lambda cleaned, options: (wide, text_of(wide)))
    options = SimpleNamespace(focus="precision")
    body, _ = _widen(stages, None, options, (precise, text_of(precise)), CascadeSettings())
    return body


def test_the_default_focus_adds_a_list_that_interrupts_the_story():
    """Precision mode dropped a list between two paragraphs of the story: the default focus's result wins."""
    precise = _trafilatura_body(*ZH_STORY)
    wide = _trafilatura_body(ZH_STORY[0], STORY_TABLE, OTHER_HEADLINES, *ZH_STORY[1:])
    assert _widened(precise, wide) is wide


def test_text_key_deletes_what_is_not_a_letter_or_digit_and_folds_case_in_every_script():
    """text_key, which reads an ASCII text by bytes.translate, gives the key its definition gives
    (every character but letters and digits gone, case folded) in every script: punctuation and
    spaces of ASCII and beyond, underscores, digits of other scripts, letters whose casefold is
    longer than their lower case, and a lone surrogate."""
    import re

    from cleaner.extract.dom import text_key

    def defined(text: str) -> str:
        return re.sub(r"[\W_]+", "", text).casefold()

    texts = [
        "", "Plain ASCII, with punctuation: (a_b) #1!", "Straße — “quoted” ‘text’\xa0and… more",
        "二〇一一年 茅台酒出厂价上调百分之二十。", "٣٤٥ أرقام عربية؛ و١٢", "ΣΊΣΥΦΟΣ ﬁne ǅ İstanbul",
        "tab\tnew\nline\r\x0b\x0c\x1f\x7f", "emoji 😀 and ½ ² ⅷ", "lone \ud800 surrogate", "_" * 5,
    ]
    texts += [chr(code) for code in range(0x2500)]  # every character of the first scripts, alone
    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
    texts += ["".join(characters[start : start + 4096]) for start in range(0, len(characters), 4096)]  # every one
    for text in texts:
        assert text_key(text) == defined(text), repr(text)


def test_the_default_focus_adds_nothing_after_the_story_where_precision_kept_furniture():
    """Precision mode kept the section tabs and a heading after the story; what the default focus
    adds between them (other stories' headlines) does not interrupt the story: precision's result stays."""
    precise = _trafilatura_body(*ZH_STORY, SECTION_TABS, ("head", "网罗天下"))
    wide = _trafilatura_body(*ZH_STORY, SECTION_TABS, OTHER_HEADLINES, ("head", "网罗天下"))
    assert _widened(precise, wide) is precise


def _keyboard_story() -> str:
    """A shop's blog post: its list items open with an empty <span> (a bullet the stylesheet draws),
    and a paragraph opens with a link whose image is wrapped in a <span> around a <noscript>."""
    data = json.dumps({"@context": "https://schema.org", "@type": "BlogPosting",
                       "headline": "What is a hot-swappable keyboard?", "datePublished": "2025-03-04"})
    para = ("A hot-swappable board has a socket for every switch on its circuit board, so the switches are pressed "
            "in and pulled out by hand instead of being soldered in place, which changes how people buy them.")
    return (
        f'<html><head><title>What is a hot-swappable keyboard? - Keyhaus</title><meta property="og:type" '
        f'content="article"><script type="application/ld+json">{data}</script></head><body>'
        '<header class="site-header"><a href="/">Keyhaus</a> <a href="/shop">Shop</a></header>'
        '<article class="post"><h1>What is a hot-swappable keyboard?</h1>'
        f"<p>{para}</p><p>Historically, a mechanical keyboard came with its switches soldered to the board. "
        "That meant two things for anyone who bought one and wanted to change it later:</p>"
        "<ul><li><span></span>Fixed switches: the switches that came with the keyboard were permanent, and "
        "trying another kind meant buying a whole new keyboard.</li>"
        "<li><span></span>Difficult repairs: replacing one failed switch meant desoldering it and soldering "
        "a new one in, with the tools and the skill that takes.</li></ul>"
        '<p><a href="/switches"><span class="thumb"><noscript><img src="/switch.jpg"></noscript></span>Swapping '
        "a switch</a> takes a minute with a puller, and the board keeps working while you try a new feel on "
        "the keys you use most, which is why beginners start with one.</p>"
        f"<p>{para}</p></article>"
        '<footer class="site-footer">Keyhaus 2025</footer></body></html>'
    )


def test_precision_mode_keeps_the_text_after_an_element_left_empty():
    """trafilatura's precision focus deletes an element left empty with its tail; that tail is the
    list item's and the paragraph's own text, and trafilatura's default keeps it: so does cleaner."""
    record = cleaner.clean(_keyboard_story(), mode="html")
    assert record.page_type == "article"
    assert "Fixed switches: the switches that came with the keyboard were permanent" in record.text
    assert "Difficult repairs: replacing one failed switch" in record.text
    assert "Swapping a switch takes a minute with a puller" in record.text


def test_the_elements_the_prune_surely_deletes_are_told_by_tag_as_well_as_name():
    """A class the prune's tests pass marks a <div> for deletion, not a link of the same class:
    the answer for one element is not taken for another of the same class and another tag."""
    import lxml.html
    from trafilatura.xpaths import OVERALL_DISCARD_XPATH

    from cleaner.extract.cascade import _surely_discarded

    tree = lxml.html.document_fromstring(
        '<html><body><div class="story"><p>The council approved the bridge.</p></div>'
        '<div class="sidebar"><p>Most read</p></div><a class="sidebar" href="/x">Open the sidebar</a>'
        '<div class="sidebar"><p>Newsletter</p></div></body></html>'
    )
    dropped = _surely_discarded(tree, OVERALL_DISCARD_XPATH)
    assert sorted(e.text_content() for e in dropped) == ["Most read", "Newsletter"]


def test_the_page_text_bound_is_never_shorter_than_what_html2txt_reads():
    """The recall retry is skipped when the extraction is a fifth of the page's text or more; the
    bound it reads instead of html2txt must not be shorter, on the fixture pages and on a page
    whose deleted elements nest (an icon in a footer, a script in an aside) and leave tails."""
    import lxml.html
    from trafilatura.baseline import html2txt

    from cleaner.extract.cascade import _page_text_bound

    nested = lxml.html.document_fromstring(
        "<html><body><p>Story text here</p><footer>Foot <svg><text>icon label</text></svg> note</footer>"
        " tail words<aside><script>var x = 1;</script>side box</aside> last words</body></html>"
    )
    trees = [nested, *(lxml.html.document_fromstring(path.read_bytes()) for path in PAGES)]
    for tree in trees:
        assert len(html2txt(tree)) <= _page_text_bound(tree)
    kept = "Story text here tail words last words"  # the footer's and the aside's text are no page text
    assert len(kept) <= _page_text_bound(nested) <= len(kept) + 2  # "1;" and "side" run together


def test_the_prune_is_not_looked_for_where_the_pages_whole_text_decides(monkeypatch):
    """An article whose extraction is most of the page: readability's pick (the page's text at most)
    cannot be twice as long, so the elements the precision prune deletes are not looked for; on a
    page of a long sidebar they are."""
    import lxml.html
    from trafilatura.settings import Extractor

    from cleaner.extract import cascade

    looked = []
    found = cascade._surely_discarded
    monkeypatch.setattr(cascade, "_surely_discarded", lambda tree, xs: looked.append(tree) or found(tree, xs))
    story = "The council approved the new bridge after a long debate about its cost and its route. " * 8
    aside = "Sign up for our weekly letter of local news, events and offers from our partners. " * 20
    body = lxml.html.fragment_fromstring(f"<div><p>{story}</p></div>")
    options = Extractor(precision=True)
    short = lxml.html.document_fromstring(f'<html><body><div class="story"><p>{story}</p></div></body></html>')
    assert not cascade._readability_can_win(short, body, story.strip(), options, cascade._stages())
    assert looked == []
    long = lxml.html.document_fromstring(
        f'<html><body><div class="story"><p>{story}</p></div><div class="sidebar"><p>{aside}</p></div></body></html>'
    )
    assert not cascade._readability_can_win(long, body, story.strip(), options, cascade._stages())
    assert looked == [long]


def test_a_heading_linked_to_its_own_anchor_is_kept():
    """A section heading wrapped in its permalink (`<h2><a href="#turning">`) is the section's own
    heading: the precision focus dropped it as a link."""
    record = cleaner.clean((HTML / "article_anchored_headings.html").read_bytes(), mode="html")
    paragraphs = record.text.split("\n\n")
    for heading in ("Choosing a bin or a heap", "Balancing greens and browns", "Turning and watering the heap"):
        assert heading in paragraphs
    assert paragraphs.index("Balancing greens and browns") == 4  # above its section, not moved


def test_a_sections_heading_that_links_to_its_subject_is_kept():
    """A listicle's section headings each link to the trail they name, and stand among the story's
    paragraphs: they head its sections. The sidebar's linked list is still left out."""
    record = cleaner.clean((HTML / "article_linked_section_headings.html").read_bytes(), mode="html")
    paragraphs = record.text.split("\n\n")
    for heading in ("Sintra to Cabo da Roca", "Arrábida Coastal Ridge", "Serra de Montejunto Loop"):
        assert heading in paragraphs
    assert paragraphs[paragraphs.index("Sintra to Cabo da Roca") + 1].startswith("The path leaves the palaces")
    assert "Walking the Algarve coast" not in record.text


def test_each_page_gets_its_own_trafilatura_options():
    """The options are built once per kind of page and copied: a page's address, and a focus the
    cascade switches for one run, do not reach the next page, and the copy says what trafilatura's
    own constructor would."""
    from trafilatura.settings import Extractor

    from cleaner.extract.cascade import page_options

    first = page_options("https://news.example/2025/12/bridge", comments=False, precision=True)
    first.focus = "recall"
    second = page_options(None, comments=False, precision=True)
    built = Extractor(comments=False, precision=True, links=False, tables=True, output_format="python")
    assert second is not first
    assert {k: getattr(second, k) for k in Extractor.__slots__} == {k: getattr(built, k) for k in Extractor.__slots__}
    assert (first.url, first.source) == ("https://news.example/2025/12/bridge",) * 2


def test_the_recall_retry_reads_the_main_cleaning_where_it_would_clean_the_same(monkeypatch):
    """The recall retry takes the page as the main extraction's cleaning left it instead of
    cleaning it again: on the fixture pages where it does, cleaning again gives the same result."""
    from copy import copy

    from cleaner.extract import cascade

    given, seen = cascade._recall_input, []

    def watched(s, source, recall, url, cleaned):
        seen.append((s, copy(source), recall, url, None if cleaned is None else copy(cleaned)))
        return given(s, source, recall, url, cleaned)

    monkeypatch.setattr(cascade, "_recall_input", watched)
    for path in PAGES:
        cleaner.clean(path.read_bytes(), mode="html")
    reused = [call for call in seen if call[4] is not None and call[4].find(".//p") is not None]
    assert reused  # the shortcut is taken on some page
    for s, source, recall, url, cleaned in reused:
        _, again = s.extract_content(cascade._cleaned(s, source, recall, url), recall)
        _, kept = s.extract_content(cleaned, recall)
        assert kept == again


def test_a_hidden_section_heading_is_not_put_back_over_the_text():
    """A heading the page hides itself (a screen-reader label, a collapsed pulldown's title) is no
    section's heading a reader sees, though a kept paragraph follows it."""
    import lxml.html

    from cleaner.extract.sections import section_headings

    paragraph = "The ridge section climbs only fifty metres, but the turns are tight and the descent is steep."
    page = lxml.html.fromstring(
        "<html><body><article><h1>Five trails</h1><p>Intro paragraph of the story, long enough to read.</p>"
        f"<h2 hidden>Share this story</h2><p>{paragraph}</p>"
        f"<h2 style='display: none'>Print</h2><p>{paragraph} Again.</p>"
        f"<h2>Memorial Park Ridge</h2><p>{paragraph} Once more.</p></article></body></html>"
    )
    assert [h.text for h in section_headings(page, "https://example.com/a")] == ["Memorial Park Ridge"]


def test_the_recall_retry_reads_the_paragraphs_trafilatura_s_justext_call_reads():
    """The recall retry's jusText cuts and classifies the page's paragraphs itself, without its
    SAX replay: on every fixture page, raw and as html2txt cleans it, and on pages of line breaks,
    links, comments and whitespace of every kind, it keeps what trafilatura's call keeps."""
    from copy import copy

    import lxml.etree
    import lxml.html

    from cleaner.extract import cascade
    from cleaner.extract.justext_paragraphs import try_justext

    s = cascade._stages()
    options = cascade.page_options(None, comments=False, precision=False)
    edges = [
        "<html><body><p>One<br><br>two</p><div>x<br>\n<br>y</div><section><p>a</p>\n<br>\n</section></body></html>",
        "<html><body><div>Some <a href='/'>linked words</a> and <!-- c --> more\r\n\u2028 text</div>"
        "<h2>Heading here</h2><p>" + "a sentence of the story that is long enough to be good. " * 5 + "</p>"
        "<select><option>Pick</option></select><p>\u00a9 2025 The company</p></body></html>",
        "<html><body>\t \n</body></html>",
    ]
    trees = [lxml.html.document_fromstring(page) for page in edges]
    for path in PAGES:
        tree = lxml.html.document_fromstring(path.read_bytes())
        trees += [tree, s.basic_cleaning(copy(tree))]
    for tree in trees:
        ours = try_justext(s, copy(tree), options)
        assert lxml.etree.tostring(ours) == lxml.etree.tostring(s.try_justext(copy(tree), None, None))


def test_a_pattern_s_words_answer_a_search_of_the_page_s_names_as_the_search_does():
    """The cascade looks for the words every match of trafilatura's name patterns holds before it
    searches the page's class and id names: the answer is the search's, for names that hold a
    match, names that hold the words but no match, and names that hold neither."""
    import re

    from cleaner.extract import cascade
    from cleaner.extract.regex_needles import found

    s = cascade._stages()
    expressions = [*s.RAW_TREE_PRUNE_XPATH, *s.REMOVE_COMMENTS_XPATH, s.BASIC_CLEAN_XPATH]
    patterns = [p for e in expressions for p in (cascade._name_patterns(getattr(e, "path", "")) or ())]
    patterns += [re.compile(r"(?i)c[o0]okie|consent"), re.compile(r"^ad-|(?:^| )ad-"), re.compile(r"x(?=y)z*")]
    assert patterns
    names = [
        "header\nmain-nav\narticle-body", "post-comments\ncomment-list", "infinite-scroll",
        "mvp-post-add-box", "cookie-banner", "COOKIE-NOTICE", "Cookıe", "ad-slot", "my-ad-slot", "xyz", "xz", "",
    ]
    for pattern in patterns:
        for text in names:
            assert found(pattern, text) == (pattern.search(text) is not None)
