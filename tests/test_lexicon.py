"""The lexicon is data: one file per language, extendable by a user's rules file."""

from pathlib import Path

import pytest

import cleaner
from cleaner.errors import RulesError
from cleaner.furniture.lexicon import PHRASE_KINDS, builtin_lexicon, fold, load_lexicon

LEXICON_DIR = Path(cleaner.__file__).parent / "lexicon"
REQUIRED = ("read_also", "related", "share", "tags", "source", "published", "updated", "ad", "footer")


LANGUAGES = ["ar", "fa", "ur", "en", "fr", "es", "de", "tr", "ru", "id",
             "zh", "ja", "ko", "pt", "it", "nl", "pl", "el", "uk", "hi", "bn", "vi", "th", "he", "sv"]
# Chinese, Japanese and Korean write months as numbers (12月, 12월): the dates module reads those
NUMBERED_MONTHS = {"zh", "ja", "ko"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_file_with_every_furniture_list(language):
    import tomllib

    data = tomllib.loads((LEXICON_DIR / f"{language}.toml").read_text(encoding="utf-8"))
    assert data["language"] == language
    for category in (*REQUIRED, "comments"):
        assert data["phrases"].get(category), f"{language}: {category}"
    assert len(data["stopwords"]) >= 40, language
    assert data["cldr"]["weekdays"], language
    assert data.get("months") or data["cldr"].get("months") or language in NUMBERED_MONTHS, language


def test_month_and_weekday_names_are_what_cldr_gives():
    """The [cldr] tables are written by scripts/lexicon_calendar.py from Babel's CLDR data."""
    import sys

    sys.path.insert(0, str(LEXICON_DIR.parent.parent / "scripts"))
    from lexicon_calendar import main

    assert main(["--check"]) == 0


def test_genitive_and_nominative_month_names_both_count():
    months = builtin_lexicon().months
    assert months[fold("grudnia")] == months[fold("grudzień")] == ("gregorian", 12)
    assert months[fold("Δεκεμβρίου")] == months[fold("ΔΕΚΕΜΒΡΙΟΥ")] == ("gregorian", 12)
    assert months[fold("березня")] == ("gregorian", 3)


def test_folding_makes_spelling_variants_one_phrase():
    assert fold("إقرأ أيضاً:") == fold("اقرأ ايضا") == fold("اقرأ أيضًا")
    assert fold("برچسب‌ها") == fold("برچسب ها")
    assert fold("كلمات دلالية") == fold("کلمات دلالیة")  # Persian kaf/yeh typed for Arabic ones
    assert fold("Read ALSO") == "read also"


def test_user_rules_add_a_new_language(tmp_path):
    rules = tmp_path / "sw.toml"
    rules.write_text(
        'language = "sw"\n[phrases]\nread_also = ["Soma pia"]\nshare = ["Shiriki"]\n', encoding="utf-8"
    )
    text = (
        "Mvua kubwa yanyesha jijini\n"
        "Mvua kubwa imenyesha jijini Dar es Salaam usiku kucha na kusababisha mafuriko katika mitaa mingi.\n"
        "Soma pia: Bei ya mafuta yapanda tena mwezi huu\n"
        "Wakazi wameombwa kuchukua tahadhari na kuepuka maeneo ya mabondeni hadi hali itakapotengemaa.\n"
        "Shiriki\n"
    )
    plain = cleaner.clean(text)
    assert "Soma pia" in plain.text
    ruled = cleaner.clean(text, rules=str(rules))
    assert "Soma pia" not in ruled.text and "Shiriki" not in ruled.text
    assert ruled.removed_kinds == ["read_also", "share"]
    assert "Wakazi wameombwa" in ruled.text
    assert "sw" in load_lexicon(str(rules)).languages
    assert "sw" not in builtin_lexicon().languages  # the built-in lexicon is untouched


def test_user_rules_can_replace_a_list(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('[replace]\nshare = ["Teilen bitte"]\n', encoding="utf-8")
    lexicon = load_lexicon(str(rules))
    assert lexicon.phrases["share"] == {"teilen bitte"}
    assert lexicon.phrases["read_also"] == builtin_lexicon().phrases["read_also"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("not toml [", "not valid TOML"),
        ('[phrases]\nshares = ["x"]\n', "unknown phrase list 'shares'"),
        ('[phrases]\nshare = "x"\n', "must be a list of strings"),
        ('[months.martian]\nfoo = 1\n', "unknown calendar"),
    ],
)
def test_bad_rules_file_is_named_in_the_error(tmp_path, content, message):
    rules = tmp_path / "bad.toml"
    rules.write_text(content, encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_lexicon(str(rules))
    assert str(rules) in str(info.value) and message in str(info.value)


def test_every_phrase_kind_is_in_the_record_vocabulary():
    vocabulary = {"title", "date", "site", "dateline", "source", "tags", "read_also", "related", "share",
                  "duplicate", "byline", "nav", "ad", "footer", "other", "end_marker", "story_code", "contact",
                  "print_edition"}
    assert set(PHRASE_KINDS.values()) <= vocabulary


def test_the_phrase_a_line_opens_with_is_read_from_its_head_in_any_script():
    """The shortcuts that tell most lines open with no phrase (an ASCII head, a first word no phrase
    starts with) still find the phrase behind quotes and numbers, in capitals, past 80 characters of
    ASCII followed by other letters, in Cyrillic, and run into a Chinese heading."""
    lexicon = builtin_lexicon()
    lines = {
        "“Read also” a story from the archive": {"read_also"},
        "Read also: " + "an ASCII head " * 6 + "über die Straße": {"read_also"},
        "ЧИТАЙТЕ ТАКЖЕ: другая новость": {"read_also"},
        "相关新闻国务院常务会议": {"related"},
        "Washington — a long day for über-cautious senators": set(),
        "Москва — долгий день": set(),
        "30 points ahead in 2016, said the poll": set(),
    }
    for line, categories in lines.items():
        assert lexicon.opening_categories(line) == categories, line


def test_every_ascii_phrase_opens_a_line_past_the_first_two_words_shortcut():
    """A line whose first word opens some phrase ('a', 'in', 'la') is ruled out by its first two words
    before it is folded: every built-in phrase still opens a line that starts with it, in capitals and
    followed by more words, and a line that shares only a phrase's first word opens none."""
    lexicon = builtin_lexicon()
    for category, phrases in lexicon.phrases.items():
        for phrase in (p for p in phrases if p.isascii()):
            line = f"{phrase.upper()}: and the rest of the line"
            assert category in lexicon.opening_categories(line), (category, line)
    assert lexicon.opening_categories("A day in the life of a senator") == set()
    assert lexicon.opening_categories("In Washington, a long day") == set()


def test_a_paywall_prompt_is_found_as_whole_words_in_any_script():
    lexicon = builtin_lexicon()
    assert lexicon.within("paywall", "Um diesen Artikel zu lesen, melden Sie sich an.") == "um diesen artikel zu lesen"
    assert lexicon.within("paywall", "Déjà abonné ? Connectez-vous") == "déjà abonné"
    assert lexicon.within("paywall", "ご利用には会員登録が必要です") == "会員登録が必要です"
    assert lexicon.within("paywall", "Warum um diesen Artikel zu lesenswert ist") is None  # not a whole word
    assert lexicon.within("paywall", "Wir lesen diesen Artikel gern") is None


def test_a_phrase_alternation_matches_what_the_longest_first_list_matches():
    """The date rules' regexes group their thousand phrases by first letter (speed): the same phrase
    must match as in the list, longest first, and a shorter one when the longer is not a whole word."""
    import re

    from cleaner.furniture.lexicon import phrase_alternation

    phrases = {"m", "ma", "mai", "maio", "mars", "march", "mar", "a", "a m", "am", "août", "z"}
    listed = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    texts = ["maio 5", "mai5 de mars", "marc", "march 3 mar", "a m am amz", "m ma z", "août 2024", "mars", "xmai mai"]
    for text in texts:
        for words in ("(?<!\\w)(?:{})(?!\\w)", "{}"):  # whole words, and anywhere
            grouped = [m.span() for m in re.finditer(words.format(phrase_alternation(phrases)), text)]
            assert grouped == [m.span() for m in re.finditer(words.format(listed), text)], text
    assert re.fullmatch(phrase_alternation(phrases), "maio") and not re.search(phrase_alternation([]), "maio")
