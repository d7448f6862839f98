"""Real texts in, exact records out: the seeds and the furniture fixtures in Arabic, Persian, English."""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner.decode import normalize

from conftest import FIXTURES, body_f1

CASES = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "text").glob("*.txt"))


def expected_of(path):
    return json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))


def words_of(keywords):
    return set(" ".join(keywords or []).split())


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_record_matches_expected(path):
    expected = expected_of(path)
    record = cleaner.clean(path.read_bytes(), path=str(path))
    data = record.to_dict()

    assert body_f1(data["text"], expected["body"]) >= 0.98
    assert data["text"] == expected["body"]
    for phrase in expected["must_not_contain"]:
        assert phrase not in data["text"]
    assert data["title"] == expected["title"]
    assert data["language"] == expected["language"]
    assert data["published"] == expected["published"]
    assert data["source"] == expected["source"]
    assert words_of(data["keywords"]) == words_of(expected["keywords"])
    assert record.removed_kinds == expected["removed_kinds"]
    for optional in ("site_name", "updated", "authors"):
        if optional in expected:
            assert data[optional] == expected[optional], optional
    assert data["path"] == str(path)
    assert data["warnings"] == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_removed_blocks_and_body_account_for_every_line(path):
    """Every line of the input is in the body, in `removed`, or is the title: nothing vanishes unexplained."""
    record = cleaner.clean(path.read_bytes())
    kept = set(record.text.split("\n\n")) | {r.text for r in record.removed} | {record.title}
    for line in normalize(path.read_text(encoding="utf-8")).split("\n"):
        if line.strip():
            assert line.strip() in kept


def test_record_fields_and_stable_id():
    path = FIXTURES / "seeds" / "003_2c2e41f9c8b4c2d9.txt"
    first = cleaner.clean(path.read_bytes(), path=str(path)).to_dict()
    again = cleaner.clean(path.read_text(encoding="utf-8")).to_dict()
    assert list(first) == [
        "id", "path", "url", "title", "authors", "published", "updated", "site_name", "source", "language",
        "keywords", "page_type", "page_type_evidence", "text", "removed", "warnings", "input_sha256",
        "cleaner_version",
    ]
    assert first["page_type"] is None and first["page_type_evidence"] == []  # text says nothing of its page
    assert first["id"] == again["id"] and len(first["id"]) == 24
    assert first["cleaner_version"] == cleaner.__version__
    assert all(set(r) == {"kind", "text", "reason"} and r["reason"] for r in first["removed"])
    assert cleaner.Record.from_dict(first).to_dict() == first


def test_text_hygiene_keeps_zwnj_and_turns_no_break_spaces_into_spaces():
    text = "عنوان خبر درباره گفت‌وگو\n" + "این\u00a0متن درباره گفت‌وگوی دو کشور است و ادامه دارد تا جمله کامل شود.\n" * 2
    record = cleaner.clean(text.replace("\n", "\r\n"))
    assert "\u200c" in record.text and "\u00a0" not in record.text
    assert record.text.startswith("این متن درباره گفت‌وگوی")


def test_decomposed_text_is_composed_to_nfc():
    record = cleaner.clean("Un titre\nLe café ouvre à huit heures et ferme tard le soir, même le dimanche.")
    assert "café" in record.text and "e\u0301" not in record.text


def test_a_scraped_item_s_own_title_fills_a_body_without_one():
    from cleaner.read import InputItem

    seed = expected_of(FIXTURES / "seeds" / "000_a4eac076b9c3af28.txt")
    item = InputItem(name="items.jsonl:1", content=seed["body"], extra={"title": seed["title"], "site": "x"})
    record = cleaner.clean_item(item)
    assert record.title == seed["title"] and record.text == seed["body"]
    assert record.extra == {"title": seed["title"], "site": "x"}
    titled = InputItem(name="items.jsonl:2", content=(FIXTURES / "seeds" / "003_2c2e41f9c8b4c2d9.txt").read_bytes(),
                       extra={"title": "a scraper's guess"})
    assert cleaner.clean_item(titled).title.startswith("وفد من حماس يزور روسيا")  # the text's own title wins
