"""`cleaner search` finds an Arabic, Persian or Urdu word with what is glued to it: والكتاب, کتاب‌ها, کتابیں."""

from __future__ import annotations

import json

import pytest
from archivekit import ARCHIVE_FIXTURES, PAGES, cli

from cleaner.errors import RulesError
from cleaner.furniture.lexicon import Lexicon
from cleaner.store.searchtext import fts_query, query_terms, snippet

SEARCH_PAGES = ARCHIVE_FIXTURES.parent / "search"  # not under archive/: the archive tests count its files
AR_BOOK_FAIR = "افتتاح معرض الرياض الدولي للكتاب بمشاركة أكثر من ألف دار نشر"
FA_BOOK_FAIR = "ناشران خارجی در نمایشگاه تهران کتاب‌های تازه عرضه کردند"
FA_RAILWAY = "ساخت راه‌آهن رشت به آستارا پس از سال‌ها انتظار آغاز شد"
UR_BOOK_FAIR = "کراچی میں عالمی کتب میلے کا آغاز، ہزاروں شائقین کی آمد"
EN_LIBRARY = "Why the city's oldest library is closing for a year"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "archive.db"
    result = cli("archive", SEARCH_PAGES, PAGES / "blog" / "en-library.html", "--db", path)
    assert result.returncode == 0, result.stderr
    return path


def search(db, query: str, *options: str) -> dict[str, str]:
    """Title -> snippet of every hit."""
    result = cli("search", query, "--db", db, "--json", *options)
    assert result.returncode == 0, result.stderr
    return {hit["title"]: hit["snippet"] for hit in map(json.loads, result.stdout.decode().splitlines())}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # the article says للكتاب، بالكتاب، الكتاب، والكتاب، كتابه, never كتاب; Persian and Urdu spell the word alike
        ("كتاب", {AR_BOOK_FAIR, FA_BOOK_FAIR, UR_BOOK_FAIR}),
        ("جولة", {AR_BOOK_FAIR}),  # only "جولته": teh marbuta written teh before the suffix
        ("حكومة", {AR_BOOK_FAIR, UR_BOOK_FAIR}),  # "وحكومتها"; Urdu writes the word حکومت
        ("أدباء", {AR_BOOK_FAIR}),  # "أدبائها": the final hamza on a seat before the suffix
        ("مؤلف", {AR_BOOK_FAIR}),  # "المؤلف", "والمؤلفين"
        ("کتاب", {AR_BOOK_FAIR, FA_BOOK_FAIR, UR_BOOK_FAIR}),  # Persian: کتاب‌های، کتابهای، کتابی
        ("ایستگاه", {FA_RAILWAY}),  # "ایستگاه‌های"
        ("نقشه", {FA_RAILWAY}),  # "نقشۀ": the ezafe written as one letter
        ("رأی", set()),  # the book fair's "برای" (for) is not ب + رای (vote): the lexicon's commonest words are
        # never an expansion of another word
        ("سال", {FA_RAILWAY}),  # "سال‌ها", "سال‌های"; three letters take listed suffixes only: not "سالن‌های"
        ("بات", {UR_BOOK_FAIR}),  # "باتیں"
        ("کتاب تهران", {FA_BOOK_FAIR}),
        ('"معرض الرياض"', {AR_BOOK_FAIR}),  # a quoted phrase is matched as typed
        ('"الرياض معرض"', set()),
        ("رياض", {AR_BOOK_FAIR}),  # "الرياض"
    ],
)
def test_a_plain_word_finds_its_affixed_forms(db, query, expected):
    assert set(search(db, query)) == expected


def test_short_words_are_searched_as_typed(db):
    """"دو" (two) is in the railway article; "دولت" (government) must not make the book fair a hit."""
    assert fts_query("دو") == '"دو"'
    assert set(search(db, "دو")) == {FA_RAILWAY}
    assert set(search(db, "دار")) == {AR_BOOK_FAIR}  # three letters: "دار" itself, not "دارند" or "داره"
    assert '"دار"*' not in fts_query("دار") and '"الدار"' in fts_query("دار")


def test_the_snippet_brackets_the_affixed_word_as_written(db):
    arabic = search(db, "كتاب")[AR_BOOK_FAIR]
    assert "[للكتاب]" in arabic and "[بالكتاب]" not in arabic  # the window around the first match only
    assert search(db, "جولة")[AR_BOOK_FAIR].split("[", 1)[1].startswith("جولته]")
    persian = search(db, "کتاب")[FA_BOOK_FAIR]
    assert "[کتاب‌های]" in persian and "سالن‌های" in persian and "[سالن‌های]" not in persian
    urdu = search(db, "بات")[UR_BOOK_FAIR]
    assert "[باتیں]" in urdu and "[بات" not in urdu.replace("[باتیں]", "")


def test_english_is_searched_as_before(db):
    assert fts_query("Library closing") == '"library" AND "closing"'
    assert set(search(db, "library")) == {EN_LIBRARY}
    assert search(db, "librar") == {}  # a Latin word is a whole token, not the start of one
    assert "The central [library,] which opened" in search(db, "library")[EN_LIBRARY]


@pytest.mark.parametrize(
    "query", ['كتاب OR "', '"کتاب', "NEAR(كتاب", "كتاب*", "-كتاب", "^كتاب", "title:كتاب", "كتاب AND", "(كتاب))",
              'library" OR "x', "NOT library"],
)
def test_fts5_syntax_in_a_query_is_read_as_words(db, query):
    result = cli("search", "--db", db, "--json", "--", query)
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr


def test_a_query_of_punctuation_only_says_it_has_no_words(db):
    result = cli("search", "* ( )", "--db", db)
    assert result.returncode != 0 and result.stderr.decode().strip() == "cleaner: search: the query has no words"


def test_query_terms_mark_what_the_expression_searches_as_a_token_start():
    terms = query_terms(fts_query('كتاب "وقف إطلاق النار" في'))
    assert {"كتاب*", "والكتاب*", "للكتاب*", "وقف", "اطلاق", "النار", "في"} <= set(terms)
    assert "في*" not in terms and "كتاب" not in terms
    assert snippet("زار الوزير المعرض وتفقد الكتب", terms) == "زار الوزير المعرض وتفقد الكتب"  # no match


def test_search_lists_in_a_rules_file_are_checked():
    lexicon = Lexicon()
    lexicon.add_file({"search": {"prefixes": ["ה", "ו"]}}, "he.toml")
    assert lexicon.search_affixes == {"prefixes": {"ה", "ו"}}
    with pytest.raises(RulesError, match="he.toml: unknown search key 'prefix'"):
        lexicon.add_file({"search": {"prefix": ["ה"]}}, "he.toml")
    with pytest.raises(RulesError, match="search.suffixes must be a list"):
        lexicon.add_file({"search": {"suffixes": "ים"}}, "he.toml")


def test_the_snippet_brackets_what_the_index_matched_not_any_word_holding_the_query():
    """The index matches whole words (and the start of one for an affixed query word), without accents."""
    assert snippet("The art of restarting a stalled startup", query_terms(fts_query("art"))) == (
        "The [art] of restarting a stalled startup")
    assert snippet("Le cafe de la gare est fermé", query_terms(fts_query("café"))) == "Le [cafe] de la gare est fermé"
    assert snippet("زار مكتب الوزير ثم المكتبة العامة", query_terms(fts_query("مكتبة"))) == (
        "زار مكتب الوزير ثم [المكتبة] العامة")
