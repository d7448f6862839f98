"""Phrases of scripts that do not space their words, matched by those scripts' rules.

A Japanese paywall prompt is a sentence or two with the formula inside it (ご利用には会員登録が必要です),
not a label opening a line; a Chinese or Japanese heading puts its head noun last (48小时点击排行,
頻道熱門推薦), so the lexicon's phrase closes it. fixtures/unspaced/ holds a page of each, as HTML
and flattened as a scraper does.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.furniture.lexicon import builtin_lexicon

from conftest import FIXTURES

PAGES = FIXTURES / "unspaced"

JA_STORY = [
    "地方銀行の経営統合が県境を越えて広がっている。人口減少で貸出先が細るなか、規模を拡大してシステム投資などの費用を"
    "抑える狙いがある。金融庁も統合を後押ししており、再編の動きは今後も続きそうだ。",
    "ある地銀の幹部は「単独で生き残るのは難しい」と話す。各行は店舗の統廃合やデジタル化を進めているが、低金利の長期化で"
    "本業のもうけは伸び悩んでいる。",
    "統合後の銀行は、地元企業への融資を維持できるかが問われる。専門家は「地域経済の支え手としての役割を忘れてはならない」"
    "と指摘している。",
]
JA_FURNITURE = {
    "記事を保存": "share",
    "有料会員の方のみご利用になれます。保存した記事はスマホやタブレットでもご覧いただけます。": "ad",
    "ご利用には会員登録が必要です": "ad",
    "企業での記事共有や会議資料への転載・複製などをご希望の方は、リンク先をご覧ください。 詳しくはこちら": "read_also",
    "［有料会員限定］ この記事は会員限定です。電子版に登録すると続きをお読みいただけます。": "ad",
    "このニュースをシェア": "share",
}
ZH_STORY = [
    "记者从农业农村部获悉，今年以来，多地出台措施稳定粮食生产，春耕备耕工作有序推进。各地加强农资调运，确保化肥、种子等供应"
    "充足，价格总体平稳。",
    "据介绍，目前南方早稻育秧已经开始，北方冬小麦陆续返青。农业农村部派出多个工作组深入一线，指导农民做好田间管理，防范倒春寒"
    "等不利天气。",
    "专家表示，稳定粮食生产关键在于调动农民种粮积极性，要进一步完善补贴政策，让种粮农民有钱赚、得实惠。",
]


def kinds(record: cleaner.Record) -> dict[str, str]:
    return {item.text: item.kind for item in record.removed}


def test_japanese_paywall_prompts_go_and_the_story_stays_in_html_mode():
    record = cleaner.clean((PAGES / "ja_paywall.html").read_bytes(), mode="html")
    assert record.text.split("\n\n") == JA_STORY
    assert {text: kinds(record).get(text) for text in JA_FURNITURE} == JA_FURNITURE
    reasons = {item.text: item.reason for item in record.removed}
    assert reasons["ご利用には会員登録が必要です"] == "a prompt to subscribe or log in ('会員登録が必要です')"


def test_japanese_paywall_prompts_go_from_the_flattened_page():
    record = cleaner.clean((PAGES / "ja_paywall.txt").read_bytes(), mode="text")
    paragraphs = record.text.split("\n\n")
    assert paragraphs[-3:] == JA_STORY
    assert not set(paragraphs) & set(JA_FURNITURE)
    assert kinds(record)["ご利用には会員登録が必要です"] == "ad"
    assert kinds(record)["会員の方はこちら"] == "ad"


@pytest.mark.parametrize("name, mode", [("zh_headings.html", "html"), ("zh_headings.txt", "text")])
def test_a_chinese_heading_that_ends_with_a_related_phrase_takes_its_list(name, mode):
    record = cleaner.clean((PAGES / name).read_bytes(), mode=mode)
    assert record.text.split("\n\n") == ZH_STORY
    assert kinds(record)["48小时点击排行"] == "related"
    assert kinds(record)["· 城市更新行动稳步推进"] == "related"


def test_a_head_final_phrase_names_only_a_short_heading():
    lexicon = builtin_lexicon()
    assert lexicon.leading("related", "48小时点击排行") == ("48小时点击排行", "")
    assert lexicon.leading("related", "頭條最多瀏覽：") == ("頭條最多瀏覽", "")
    # a sentence that ends with the phrase is no heading; nor is the phrase alone run into a headline
    assert lexicon.leading("related", "这份名单是今年新闻网站的阅读排行") is None
    assert lexicon.leading("related", "城市更新行动稳步推进") is None


def test_paywall_formulas_are_found_inside_a_run_of_letters_and_as_whole_words():
    lexicon = builtin_lexicon()
    assert lexicon.within("paywall", "ご利用には会員登録が必要です") == "会員登録が必要です"
    assert lexicon.within("paywall", "同社の有料会員数は100万人を超えた。") is None
    assert lexicon.within("paywall", "本文为付费内容，订阅后阅读全文。") == "本文为付费内容"


def test_a_japanese_more_link_is_several_words_though_it_is_one_run_of_letters():
    """'続きを読む' (read on) is three words with no space between them: a more link, not a one-word
    subheading."""
    story = [
        "地方銀行の経営統合が県境を越えて広がっている。人口減少で貸出先が細るなか、規模を拡大してシステム投資などの"
        "費用を抑える狙いがある。",
        "ある地銀の幹部は「単独で生き残るのは難しい」と話す。各行は店舗の統廃合やデジタル化を進めているが、低金利の"
        "長期化で本業のもうけは伸び悩んでいる。",
    ]
    record = cleaner.clean("\n".join([story[0], "続きを読む：地銀再編の行方", story[1]]), mode="text")
    assert record.text.split("\n\n") == story
    assert kinds(record) == {"続きを読む：地銀再編の行方": "read_also"}


def test_a_chinese_sentence_that_opens_with_its_date_is_no_date_line():
    """'2024年3月5日，国务院常务会议…' is one run of letters after its date: counted by spaces it was
    a date line with one word of text, and the sentence was lost."""
    story = [
        "记者从农业农村部获悉，今年以来，多地出台措施稳定粮食生产，春耕备耕工作有序推进。各地加强农资调运，确保化肥、"
        "种子等供应充足，价格总体平稳。",
        "2024年3月5日，国务院常务会议研究部署春耕生产工作。",
        "据介绍，目前南方早稻育秧已经开始，北方冬小麦陆续返青。农业农村部派出多个工作组深入一线，指导农民做好田间管理。",
    ]
    assert cleaner.clean("\n".join(story), mode="text").text.split("\n\n") == story
    dated = cleaner.clean("\n".join([story[0], "发布时间：2024-03-05 10:30", story[2]]), mode="text")
    assert kinds(dated) == {"发布时间：2024-03-05 10:30": "date"}
