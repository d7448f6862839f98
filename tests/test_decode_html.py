"""Decoding pages: a BOM, the declared charset, UTF-8, or detection; never mojibake."""

from __future__ import annotations

import codecs

import pytest

from cleaner.decode import decode_html, decode_html_utf8, looks_like_html, normalize_chars
from cleaner.errors import BinaryInput, EmptyInput

ARABIC = "سجلت صادرات التمور أعلى مستوى لها منذ عشر سنوات، بعد أن تجاوزت قيمتها ثلاثمئة مليون دولار."


def page(meta: str = "") -> str:
    return f"<html><head>{meta}<title>خبر</title></head><body><p>{ARABIC}</p><p>{ARABIC}</p></body></html>"


def test_declared_windows_1256_is_used():
    raw = page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">').encode("cp1256")
    assert ARABIC in decode_html(raw)


def test_iso_8859_6_label_reads_as_windows_1256():
    raw = page('<meta charset="iso-8859-6">').encode("cp1256")
    assert ARABIC in decode_html(raw)


def test_a_page_in_utf8_under_an_old_latin_declaration_reads_as_utf8():
    """A site moved to UTF-8 and kept its template's ISO-8859-1 meta: its bytes say UTF-8."""
    page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Günstige Tarife für Normalsurfer</p>'
    assert "Günstige Tarife für Normalsurfer" in decode_html(page.encode("utf-8"))
    assert "Günstige Tarife für Normalsurfer" in decode_html(page.encode("cp1252"))  # as declared
    russian = '<meta charset="windows-1251"><p>Привет, мир</p>'
    assert "Привет, мир" in decode_html(russian.encode("cp1251"))


def test_undeclared_windows_1256_is_detected():
    raw = page().encode("cp1256")
    assert ARABIC in decode_html(raw)


def test_bom_wins_over_a_wrong_declaration():
    raw = codecs.BOM_UTF8 + page('<meta charset="windows-1256">').encode("utf-8")
    text = decode_html(raw)
    assert ARABIC in text and not text.startswith("\ufeff")


def test_given_encoding_wins_over_detection():
    raw = page().encode("cp1256")
    assert ARABIC in decode_html(raw, encoding="cp1256")


def test_empty_and_binary_pages_are_errors_naming_the_input():
    with pytest.raises(EmptyInput, match="page.html"):
        decode_html(b"  \n ", "page.html")
    with pytest.raises(BinaryInput, match="page.html"):
        decode_html(b"\x1f\x8b\x08\x00rest", "page.html")


def test_normalize_chars_keeps_zwnj_and_drops_no_break_spaces():
    assert normalize_chars("کتاب\u200cها\u00a0و\u202fدفتر") == "کتاب\u200cها و دفتر"
    assert normalize_chars("e\u0301") == "é"  # NFC


def test_fragment_counts_as_html():
    assert looks_like_html(b"<h1>Title</h1>\n<p>Body</p>")
    assert not looks_like_html(b"Just a line of text\nand another")


# A page whose cp1252 quotes went through latin-1 before it was saved as UTF-8: the bytes hold
# U+0093/U+0094/U+0097 (C2 93...), which a reader's browser shows as the quotes and dash they were.
MOJIBAKE_STORY = (
    "The minister said the plan was \u0093a turning point\u0094 for the region\u0092s farmers \u0097 and"
    " that the first payments would reach them before the harvest, in the second week of May."
)
SHOWN_STORY = (
    "The minister said the plan was “a turning point” for the region’s farmers — and"
    " that the first payments would reach them before the harvest, in the second week of May."
)


def test_c1_controls_read_as_the_cp1252_marks_they_were():
    assert normalize_chars("\u0093yes\u0094 \u0080 5\u0085") == "“yes” € 5…"
    assert normalize_chars("a\u0081b\u009d") == "ab"  # undefined in cp1252: dropped as controls are


@pytest.mark.parametrize("mode", ["html", "text"])
def test_a_stored_page_with_c1_quotes_reads_as_a_browser_shows_it(mode):
    from cleaner.api import clean

    title = "Farm plan \u0093a turning point\u0094"
    paragraphs = [MOJIBAKE_STORY, MOJIBAKE_STORY.replace("second week", "third week")]
    if mode == "html":
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        page = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    else:
        page = "\n".join([title, *paragraphs])
    record = clean(page.encode("utf-8"), mode=mode)
    assert SHOWN_STORY in record.text
    assert not any("\u0080" <= char <= "\u009f" for char in record.text + (record.title or ""))
    assert record.title == "Farm plan “a turning point”"


def test_the_bytes_the_utf8_codec_read_are_handed_on_as_the_text_s_utf8():
    """The parser reads the page's UTF-8: bytes the UTF-8 codec decoded are it, any other codec's are not."""
    raw = page('<meta charset="utf-8">').encode("utf-8")
    assert decode_html_utf8(codecs.BOM_UTF8 + raw) == (raw.decode("utf-8"), raw)
    assert decode_html_utf8(page('<meta charset="iso-8859-1">').encode("utf-8"))[1] is not None  # moved to UTF-8
    assert decode_html_utf8(page('<meta charset="windows-1256">').encode("cp1256"))[1] is None
    assert decode_html_utf8(page())[1] is None  # a str: nothing was decoded
