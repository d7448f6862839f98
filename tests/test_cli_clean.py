"""`cleaner clean` as a user runs it: records on stdout, one clear line per bad input, the batch goes on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES

SEED = FIXTURES / "seeds" / "003_2c2e41f9c8b4c2d9.txt"
PLAIN = FIXTURES / "text" / "en_plain.txt"


def run(*args, stdin: bytes | None = None):
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", *map(str, args)], input=stdin, capture_output=True, timeout=120
    )


def test_jsonl_record_per_input_in_input_order():
    result = run(SEED, PLAIN)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["path"] for r in records] == [str(SEED), str(PLAIN)]
    assert records[0]["source"] == "CNN Arabic" and records[0]["language"] == "ar"
    assert result.stderr == b""


@pytest.fixture
def bad_inputs(tmp_path):
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n  ",
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        "cp1256.txt": "خبر عاجل عن الطقس في المدينة اليوم".encode("cp1256"),
        "menu.txt": b"Home\nNews\nSports\nContact us\n",
    }
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(content)
    return paths


def test_bad_inputs_get_one_clear_line_each_and_the_batch_goes_on(bad_inputs, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run(bad_inputs["empty.txt"], SEED, bad_inputs["blank.txt"], bad_inputs["image.png"],
                 bad_inputs["cp1256.txt"], missing, tmp_path, bad_inputs["menu.txt"], PLAIN)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    expected = [
        (bad_inputs["empty.txt"], "is empty"),
        (bad_inputs["blank.txt"], "is empty"),
        (bad_inputs["image.png"], "binary"),
        (bad_inputs["cp1256.txt"], "is not valid utf-8"),
        (missing, "no such file"),
        (tmp_path, "is a folder"),
        (bad_inputs["menu.txt"], "no article found"),
    ]
    assert len(lines) == len(expected)
    for line, (path, words) in zip(lines, expected, strict=True):
        assert line.startswith(f"cleaner: {path}: ") and words in line
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    # good inputs and the no-article page each give a record; the others give none
    assert [r["path"] for r in records] == [str(SEED), str(bad_inputs["menu.txt"]), str(PLAIN)]
    assert records[1]["text"] == "" and records[1]["warnings"]
    assert [r["kind"] for r in records[1]["removed"]] == ["nav", "other", "other", "footer"]


def test_standard_input():
    result = run("-", stdin=SEED.read_bytes())
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["path"] is None and record["title"].startswith("وفد من حماس")


def test_text_format_is_for_people():
    result = run("--format", "text", SEED)
    out = result.stdout.decode()
    assert out.startswith("وفد من حماس يزور روسيا")
    assert "published: 2024-01-19" in out and "source: CNN Arabic" in out
    assert "removed: 12 block(s): date, source, tags, read_also" in out
    assert "كلمات دلالية" not in out.split("\n\n", 1)[1]


def test_json_format_is_one_array():
    result = run("--format", "json", SEED, PLAIN)
    records = json.loads(result.stdout)
    assert [r["title"] for r in records][1] == "Why the city's oldest library is closing for a year"


def test_bad_rules_file_stops_before_any_input(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("[phrases]\nshare = 3\n")
    result = run("--rules", rules, SEED)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().strip() == f"cleaner: {rules}: phrases.share must be a list of strings"


def test_unknown_option_is_a_usage_error():
    result = run("--mode", "pdf", SEED)
    assert result.returncode == 2 and b"invalid choice" in result.stderr


def test_a_line_separator_in_the_text_does_not_cut_its_jsonl_line(tmp_path):
    """U+2028 in a page's text is escaped in the record's line: a reader splitting the output by
    Unicode lines (str.splitlines) still gets one record per input."""
    page = tmp_path / "separator.txt"
    text = PLAIN.read_text(encoding="utf-8")
    page.write_text(text.replace("which opened in 1911", "which opened\u2028in 1911"), encoding="utf-8")
    result = run(page, PLAIN)
    lines = result.stdout.decode().splitlines()
    assert [json.loads(line)["path"] for line in lines] == [str(page), str(PLAIN)]
    assert "\u2028" in json.loads(lines[0])["text"]
