"""`cleaner explain PAGE`: one self-contained HTML file per input, that opens offline and shows every
removed block where it stood; and the explain model the record page shares with it."""

from __future__ import annotations

import base64
import hashlib
import re

import lxml.html
import pytest
from archivekit import cli

import cleaner
from cleaner.views.explain import KNOWN_KINDS, blocks_of, colour_of, explain

from conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def report_of(path, tmp_path, *args) -> lxml.html.HtmlElement:
    out = tmp_path / (path.stem + ".html")
    result = cli("explain", path, "--out", out, *args)
    assert result.returncode == 0, result.stderr.decode()
    return lxml.html.document_fromstring(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_explain_of_a_seed_shows_every_removed_block_in_one_file_that_loads_nothing(seed, tmp_path):
    record = cleaner.clean(seed.read_bytes())
    tree = report_of(seed, tmp_path)
    removed = [(li.get("data-kind"), li.cssselect(".text")[0].text_content(), li.cssselect(".reason")[0].text_content())
               for li in tree.cssselect("ol.blocks li.removed")]
    assert removed == [(r.kind, r.text, r.reason) for r in record.removed]
    assert len(tree.cssselect("ol.blocks li.block")) == len([ln for ln in seed.read_text().splitlines() if ln.strip()])
    # nothing to fetch: no external script, style, image, frame or font; the one script is inline
    for element in tree.iter():
        if isinstance(element.tag, str):
            assert element.tag not in ("link", "img", "object", "embed", "base")
            assert element.get("src") is None, lxml.html.tostring(element)[:200]
    (script,) = tree.iter("script")
    policy = tree.cssselect("meta[http-equiv=Content-Security-Policy]")[0].get("content")
    digest = base64.b64encode(hashlib.sha256(script.text.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_explain_of_a_page_puts_it_beside_the_blocks_inert_and_marked(tmp_path):
    page = FIXTURES / "html" / "fa_article.html"
    record = cleaner.clean(page.read_bytes())
    tree = report_of(page, tmp_path)
    (frame,) = tree.iter("iframe")
    assert frame.get("sandbox") == ""
    inner = lxml.html.document_fromstring(frame.get("srcdoc"))
    assert {m.get("data-cleaner-kind") for m in inner.cssselect("[data-cleaner-kind]")} == set(record.removed_kinds)
    assert tree.cssselect("ol.blocks")[0].get("dir") == "rtl" and tree.cssselect("ol.blocks")[0].get("lang") == "fa"


def test_explain_to_standard_output_and_its_exit_statuses(tmp_path):
    seed = SEEDS[0]
    result = cli("explain", seed)
    assert result.returncode == 0 and result.stdout.startswith(b"<!DOCTYPE html>")
    missing = cli("explain", tmp_path / "nope.html")
    assert missing.returncode == 1 and missing.stderr.decode().strip() == f"cleaner: {tmp_path / 'nope.html'}: no such file"
    bad_rules = tmp_path / "rules.toml"
    bad_rules.write_text("language = \n")
    assert cli("explain", seed, "--rules", bad_rules).returncode == 2


def test_a_record_without_a_layout_lists_its_removed_blocks_after_the_text():
    record = cleaner.clean(SEEDS[3].read_bytes()).to_dict()
    blocks, placed = blocks_of(record, None)
    assert not placed and [b.role for b in blocks][:2] == ["title", "body"]
    assert [(b.kind, b.text) for b in blocks if b.role == "removed"] == [(r["kind"], r["text"]) for r in record["removed"]]
    assert "without its layout" in explain(record, None).notes[0]
    assert not blocks_of(record, "rb")[1]  # a layout that does not fit the record is not trusted


def test_any_kind_gets_a_stable_colour_and_the_known_ones_distinct_colours():
    assert len({colour_of(k) for k in KNOWN_KINDS}) == len(KNOWN_KINDS)
    assert colour_of("end_of_story") == colour_of("end_of_story")
    record = {"text": "Body.", "title": "T", "removed": [{"kind": "end_of_story", "text": "■", "reason": "a marker"}]}
    (kind,) = explain(record, "tbr").kinds
    assert (kind.kind, kind.blocks, kind.colour) == ("end_of_story", 1, colour_of("end_of_story"))


def test_the_layout_accounts_for_every_block_of_every_fixture():
    for path in [*SEEDS, *sorted((FIXTURES / "text").glob("*.txt")), *sorted((FIXTURES / "html").glob("*.html"))]:
        record = cleaner.clean(path.read_bytes())
        paragraphs = record.text.split("\n\n") if record.text else []
        assert re.fullmatch("[btr]*", record.layout) and record.layout.count("t") <= 1, path
        assert (record.layout.count("b"), record.layout.count("r")) == (len(paragraphs), len(record.removed)), path
