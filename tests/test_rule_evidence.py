"""Rules that took more content than furniture on the WCXB audit (issue 10), each with the evidence it
now asks for, and the news furniture the same rule must still take."""

from __future__ import annotations

import cleaner
from cleaner.extract.blocks import Block
from cleaner.furniture import classify, load_lexicon

TITLE = "Night trains return to the northern line"
LEAD = "Night trains will run again on the northern line from next month, the rail company said on Friday."
TAIL = "The company said it would review the timetable after six months, once it knows how many people ride."
PROSE = ("The checkout adjusts each price to demand, stock and the time of day, so a shop can sell more "
         "of what would otherwise stay on the shelf.")


def _kinds(blocks: list[Block], page_type: str | None = "article") -> dict[str, str | None]:
    classify(blocks, load_lexicon(), page_type=page_type)
    return {b.text: b.kind for b in blocks}


def _text(*lines: str) -> cleaner.Record:
    return cleaner.clean("\n".join(lines), mode="text")


# --- bylines -----------------------------------------------------------------------------------


def test_the_credits_of_a_collections_items_stay():
    items = [Block(f"The best {thing} for most people", tag="h") for thing in ("kettle", "toaster")]
    blocks = [items[0], Block("by Lauren Dragan"), Block(PROSE), items[1], Block("by Phil Ryan"), Block(PROSE)]
    assert _kinds(blocks, "collection")["by Lauren Dragan"] is None


def test_two_different_credits_on_a_page_are_its_items_own_but_one_credit_is_a_byline():
    two = [Block("By Clare Duffy, CNN"), Block(PROSE), Block("By Chris Isidore, CNN"), Block(LEAD)]
    assert set(_kinds(two).values()) == {None}
    one = [Block("By Clare Duffy, CNN"), Block(PROSE), Block(LEAD)]
    assert _kinds(one)["By Clare Duffy, CNN"] == "byline"


# --- markup hints and the entries under a heading ------------------------------------------------


def test_a_heading_inside_a_read_more_box_stays_but_a_link_there_goes():
    box = frozenset({"read_also"})
    blocks = [Block(LEAD), Block("Dynamic Pricing", tag="h", hints=box), Block(PROSE, hints=box),
              Block("How shops set their prices", link_density=1.0, hints=box), Block(TAIL)]
    kinds = _kinds(blocks)
    assert kinds["Dynamic Pricing"] is None
    assert kinds["How shops set their prices"] == "read_also"


def test_a_linked_heading_over_prose_in_a_read_more_box_is_the_pages_own_section():
    box = frozenset({"read_also"})
    blocks = [Block(LEAD), Block("Dynamic Pricing", tag="h", link_density=1.0, hints=box), Block(PROSE, hints=box),
              Block(TAIL), Block("Gold prices rise in the markets", link_density=1.0, hints=box)]
    kinds = _kinds(blocks)
    assert kinds["Dynamic Pricing"] is None
    assert kinds["Gold prices rise in the markets"] == "read_also"
    anchored = [Block(LEAD), Block("Dynamic Pricing", tag="h", link_density=1.0, hints=box), Block(PROSE), Block(TAIL)]
    assert _kinds(anchored)["Dynamic Pricing"] is None


def test_a_line_of_text_under_a_recommended_heading_is_no_entry_in_html():
    blocks = [Block(LEAD), Block("Recommended:", tag="h"), Block("OS: Windows 10 (64-bit)", tag="li"),
              Block("Memory: 8 GB RAM", tag="li"), Block(TAIL)]
    kinds = _kinds(blocks)
    assert kinds["OS: Windows 10 (64-bit)"] is None and kinds["Memory: 8 GB RAM"] is None
    linked = [Block(LEAD), Block("Read also:", tag="h"), Block("Gold prices rise in the markets", link_density=1.0),
              Block(TAIL)]
    assert _kinds(linked)["Gold prices rise in the markets"] == "read_also"


# --- footer lines --------------------------------------------------------------------------------


def test_a_footer_word_heading_a_section_of_prose_stays():
    blocks = [Block(LEAD), Block("Accessibility", tag="h"), Block(PROSE), Block("Contact Us", tag="h"),
              Block("Privacy Policy")]
    kinds = _kinds(blocks)
    assert kinds["Accessibility"] is None
    assert kinds["Contact Us"] == "footer" and kinds["Privacy Policy"] == "footer"


def test_a_sentence_opening_with_a_footer_phrase_stays():
    line = "Contact us at extension@example.edu to get started!"
    record = _text(TITLE, LEAD, line, TAIL)
    assert line in record.text


# --- datelines -----------------------------------------------------------------------------------


def test_a_line_ending_in_a_dash_is_no_dateline_unless_it_names_a_place():
    record = _text(TITLE, LEAD, "Hello again--", TAIL)
    assert "Hello again--" in record.text and record.removed == []
    record = _text(TITLE, "LONDON --", LEAD, TAIL)
    assert [(r.kind, r.text) for r in record.removed] == [("dateline", "LONDON --")]


# --- sign-offs -----------------------------------------------------------------------------------


def test_a_file_path_closing_a_text_is_no_agency_code():
    record = _text(TITLE, LEAD, "Open the file that configures sudo.", "/etc/pam.d/sudo")
    assert record.text.endswith("/etc/pam.d/sudo") and record.removed == []
    record = _text(TITLE, LEAD, TAIL, "ع.ع/ع.ج")
    assert [(r.kind, r.text) for r in record.removed] == [("end_marker", "ع.ع/ع.ج")]


def test_an_address_inside_a_link_is_no_contact_line():
    line = "Link: https://lore.kernel.org/30th.anniversary.repost@klaava.Helsinki.FI"
    record = _text(TITLE, LEAD, TAIL, line)
    assert line in record.text
    record = _text(TITLE, LEAD, TAIL, "Jane Doe jane.doe@example.com")
    assert [r.kind for r in record.removed] == ["contact"]


def test_a_service_pages_own_contact_line_stays_but_a_storys_goes():
    line = "Contact us: hi@example.eu"
    assert _kinds([Block(PROSE), Block(line)], "service")[line] is None
    assert _kinds([Block(PROSE), Block(line)], "article")[line] == "contact"


def test_a_more_link_under_every_item_stays():
    items = [f"The {n} bakery opened its doors on the square this week, the owners said." for n in ("first", "second", "third")]
    record = _text(TITLE, *[line for item in items for line in (item, "Read the full story")])
    assert record.text.count("Read the full story") == 3
    record = _text(TITLE, LEAD, TAIL, "Read the full story")
    assert [r.kind for r in record.removed] == ["read_also"]


# --- repeats -------------------------------------------------------------------------------------


def test_a_list_item_in_two_lists_stays_but_a_paragraph_printed_twice_goes():
    feature = "Unlimited projects and file storage for the whole team"
    summary = "Every plan includes a thirty-day trial, and you can cancel at any time from your account."
    blocks = [Block("Starter", tag="h"), Block(feature, tag="li"), Block("Two editors per project", tag="li"),
              Block("Business", tag="h"), Block(feature, tag="li"), Block("Single sign-on for every member", tag="li"),
              Block(summary), Block(PROSE), Block(summary)]
    classify(blocks, load_lexicon(), page_type="service")
    assert [b.kind for b in blocks if b.text == feature] == [None, None]
    assert [b.kind for b in blocks if b.text == summary] == [None, "duplicate"]


def test_a_page_whose_only_text_is_its_title_keeps_it_but_a_title_over_a_body_goes():
    post = "FCC Chair to Europe: If You Restrict US Satellite Providers, We'll Ban You Here:"
    alone = [Block(post), Block("Share", hints=frozenset({"share"}))]
    classify(alone, load_lexicon(), title=post, page_type="forum")
    assert alone[0].kind is None
    over = [Block(post, tag="h"), Block(LEAD), Block(TAIL)]
    classify(over, load_lexicon(), title=post, page_type="forum")
    assert over[0].kind == "title"


def test_a_see_also_box_is_documentations_own_text_but_a_related_box_in_news_goes():
    """Sphinx renders `.. seealso::` as a box whose class says 'seealso': in documentation it is the
    page's own cross-reference (the gold of a docs page keeps it); in a news story the same box
    points to other stories."""
    box = frozenset({"read_also"})
    intro = ("Playbooks run in order from top to bottom; within each play, tasks also run in order, "
             "one at a time, against all machines matched by the host pattern.")
    see_also = ["Patterns: targeting hosts and groups", "Collection Index"]

    def page() -> list[Block]:
        return [Block("Working with playbooks", tag="h"), Block(intro)] + [
            Block(text, tag="li", link_density=1.0, hints=box) for text in see_also
        ] + [Block(PROSE)]

    docs = _kinds(page(), "documentation")
    assert [docs[t] for t in see_also] == [None, None]
    news = _kinds(page(), "article")
    assert [news[t] for t in see_also] == ["read_also", "read_also"]
