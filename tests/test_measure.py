"""Length measures hold in every script: a paragraph measures about the same in any language."""

from __future__ import annotations

import pytest

from cleaner.measure import ends_sentence, is_unspaced, word_count

# one sentence of news, as the agencies of each language would write it
SAME_SENTENCE = {
    "en": "The city council approved the new budget for public schools on Tuesday after a long debate.",
    "zh": "市议会周二经过长时间辩论后批准了公立学校的新预算。",
    "ja": "市議会は火曜日、長い議論の末に公立学校の新しい予算を承認した。",
    "th": "สภาเมืองอนุมัติงบประมาณใหม่สำหรับโรงเรียนรัฐบาลเมื่อวันอังคารหลังจากการอภิปรายอันยาวนาน",
    "ar": "وافق مجلس المدينة يوم الثلاثاء على الميزانية الجديدة للمدارس العامة بعد نقاش طويل.",
    "ko": "시의회는 긴 토론 끝에 화요일 공립학교 새 예산을 승인했다.",
}


@pytest.mark.parametrize("lang", sorted(SAME_SENTENCE))
def test_a_sentence_counts_about_as_many_words_in_every_script(lang):
    english = word_count(SAME_SENTENCE["en"])
    assert 0.4 * english <= word_count(SAME_SENTENCE[lang]) <= 1.6 * english


def test_an_unspaced_paragraph_is_not_one_word():
    assert word_count("市议会周二经过长时间辩论后批准了公立学校的新预算") >= 10
    assert word_count("iPhone 15 发布") == 3  # two spaced words and two ideographs


def test_thai_combining_vowels_are_not_letters_of_their_own():
    # the same four syllables with and without their vowel and tone marks
    assert word_count("ที่นี่ที่นั่น") == word_count("ทนทน")


@pytest.mark.parametrize("text", [
    "He left.", "Did he leave?", "«Он ушёл.»", "هل غادر؟", "وہ چلا گیا۔", "वह चला गया।", "他走了。", "彼は去った！",
    "ထွက်သွားပြီ။", "គាត់ចេញទៅហើយ។", "「走了。」",
])
def test_sentence_ends_of_every_script(text):
    assert ends_sentence(text)


@pytest.mark.parametrize("text", ["Read also", "اقرأ أيضا", "相关新闻", "He said,", "Menu:"])
def test_labels_and_open_clauses_end_no_sentence(text):
    assert not ends_sentence(text)


def test_unspaced_scripts_are_told_from_spaced_ones():
    assert is_unspaced(SAME_SENTENCE["zh"]) and is_unspaced(SAME_SENTENCE["th"])
    assert not is_unspaced(SAME_SENTENCE["ko"]) and not is_unspaced(SAME_SENTENCE["en"])


def test_a_whole_sentence_is_found_in_every_script_but_not_in_a_version_number():
    from cleaner.measure import holds_sentence

    assert holds_sentence("I agree. The patch works")
    assert holds_sentence("我们试过了。补丁有效")  # no space after a Chinese stop
    assert holds_sentence("هل جربت التحديث؟ نعم")
    assert not holds_sentence("version 1.2 released")
    assert not holds_sentence("12 comments")


def test_a_paragraph_of_prose_is_closed_and_long_enough_in_any_script():
    from cleaner.measure import is_prose

    assert is_prose("The council agreed the library budget on Tuesday after a long debate.", 12)
    assert not is_prose("The council agreed the library budget on Tuesday after a long debate", 12)
    assert not is_prose("The council met on Tuesday.", 12)
    assert is_prose("市议会周二在长时间辩论后通过了新图书馆的预算方案。", 12)
    assert not is_prose("市议会周二通过预算。", 12)
