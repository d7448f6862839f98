"""The limits per input: bytes read (a gzip bomb stops at the limit), page size, seconds (issue 12, items 3, 4).

Each bomb runs in a process of its own under an address-space limit, and its peak memory is read
back from the kernel (the largest resident size of the process and its worker).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import zlib

import pytest
from archivekit import ROOT, env

import cleaner

from conftest import FIXTURES

GOOD = FIXTURES / "text" / "en_plain.txt"
SENTENCE = "The committee met on Tuesday to discuss the budget, and the members agreed on most points. "
ADDRESS_SPACE = 4 * 1024**3  # what a bomb's process may map: one read whole would need more


def gzip_bomb(path, chunk: bytes, size: int) -> None:
    """`size` bytes of `chunk` over and over, gzipped (zeros: 1,000 to 1; text: 300 to 1)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    with open(path, "wb") as handle:
        for _ in range(size // len(chunk)):
            handle.write(packer.compress(chunk))
        handle.write(packer.flush())


def bounded_run(*args, timeout: float = 120) -> tuple[subprocess.CompletedProcess, int]:
    """Run the CLI under an address-space limit; also the peak resident MB of its processes."""
    script = (
        "import resource, subprocess, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stdout.buffer.write(done.stdout); sys.stderr.buffer.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    result = subprocess.run([sys.executable, "-c", script, sys.executable, "-m", "cleaner", *map(str, args)],
                            capture_output=True, timeout=timeout, env=env(), cwd=ROOT)
    *lines, peak = result.stderr.decode().splitlines()
    result.stderr = "\n".join(lines).encode() + b"\n"
    return result, int(peak)


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    gzip_bomb(folder / "zeros.html.gz", b"\0" * 2**20, 256 * 2**20)
    line = (SENTENCE * 10 + "\n").encode()
    gzip_bomb(folder / "text.txt.gz", line * (2**20 // len(line)), 256 * 2**20)
    return folder


@pytest.mark.parametrize("name", ["zeros.html.gz", "text.txt.gz"])
def test_a_gzip_bomb_fails_at_the_limit_in_bounded_memory_and_the_batch_goes_on(bombs, name):
    result, peak_mb = bounded_run("clean", bombs / name, GOOD)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert result.stderr.decode() == (f"cleaner: {bombs / name}: is larger than 64 MB, the limit per input (after "
                                      "decompression); reading stopped there (raise it with --max-input-mb)\n")
    assert json.loads(result.stdout)["path"] == str(GOOD)
    assert 30 < peak_mb < 300  # more than nothing: the measure works


def test_an_archive_run_stops_each_bomb_at_the_limit_and_stores_the_rest(bombs, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in bombs.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "good.txt").write_bytes(GOOD.read_bytes())
    result, peak_mb = bounded_run("archive", folder, "--db", tmp_path / "a.db")
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert "2 failed; records: 1 added" in result.stderr.decode()
    assert peak_mb < 300
    errors = subprocess.run([sys.executable, "-m", "cleaner", "errors", "--db", tmp_path / "a.db"],
                            capture_output=True, env=env()).stdout.decode().splitlines()
    assert [line.split(": ", 1)[1][:31] for line in errors] == ["is larger than 64 MB, the limit"] * 2


def listing_page(links: int) -> str:
    """A page of nothing but links: trafilatura takes seconds over a megabyte of them."""
    items = "".join(f'<li><a href="/news/{i}">Headline number {i} of the day</a></li>' for i in range(links))
    return f"<html><head><title>Index</title></head><body><ul>{items}</ul></body></html>"


def test_an_input_past_the_time_limit_fails_and_the_batch_goes_on(tmp_path):
    slow = tmp_path / "slow.html"
    slow.write_text(listing_page(30_000))
    started = time.monotonic()
    result, _ = bounded_run("clean", "--max-seconds-per-input", "1", slow, GOOD)
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert result.stderr.decode() == (f"cleaner: {slow}: took more than 1 s to clean, the limit per input (raise it "
                                      "with --max-seconds-per-input)\n")
    assert json.loads(result.stdout)["path"] == str(GOOD)


def test_the_library_stops_an_input_at_its_time_limit():
    cleaner.clean("<p>warm</p>", mode="html")  # the extractor is loaded once, outside any input's time
    started = time.monotonic()
    with pytest.raises(cleaner.InputTimeout, match="index.html: took more than 0.5 s to clean"):
        cleaner.clean(listing_page(30_000), name="index.html", limits=cleaner.Limits(max_seconds=0.5))
    assert time.monotonic() - started < 5


def article_page(size: int) -> str:
    """One long article: numbered paragraphs (the same paragraph twice is taken for a repeat)."""
    count = size // len(f"<p>{SENTENCE * 5} (paragraph 1000)</p>\n")
    paragraphs = "".join(f"<p>{SENTENCE * 5} (paragraph {n})</p>\n" for n in range(count))
    return ("<html><head><title>A long report</title></head><body><article><h1>A long report</h1>"
            + paragraphs + "</article></body></html>")


def test_a_50_mb_page_is_read_cut_and_cleaned_well_within_the_time_limit(tmp_path):
    page = tmp_path / "huge.html"
    page.write_text(article_page(50_000_000))
    started = time.monotonic()
    result, peak_mb = bounded_run("clean", "--max-page-mb", "1", page)  # the default, 5 MB: scripts/hostile.py
    assert time.monotonic() - started < 30 and result.returncode == 0
    record = json.loads(result.stdout)
    assert len(record["warnings"]) == 1 and re.fullmatch(
        r"page cut: only its first 1 MB of 50(\.\d)? MB were cleaned \(the limit per page; raise it with "
        r"--max-page-mb\)", record["warnings"][0])
    assert record["text"].startswith(SENTENCE.strip()) and 500_000 < len(record["text"]) < 1_000_000
    assert peak_mb < 500
    assert result.stderr.decode() == f"cleaner: {page}: {record['warnings'][0]}\n"


def test_a_page_over_the_size_limit_loses_its_scripts_before_any_of_its_text():
    script = "<script>var feed = '" + "x" * 3_000_000 + "';</script>"
    page = article_page(200_000).replace("<body>", "<body>" + script)
    whole = cleaner.clean(page, limits=cleaner.Limits(max_page_bytes=1_000_000))
    assert whole.warnings == [] and whole.text == cleaner.clean(article_page(200_000)).text
    cut = cleaner.clean(page, limits=cleaner.Limits(max_page_bytes=100_000))
    assert cut.warnings[0].startswith("page cut: only its first 100,000 bytes of 3.2 MB were cleaned")
    assert 50_000 < len(cut.text) < 100_000


def test_limits_are_options_of_the_job_file(tmp_path):
    from cleaner.jobs import load_job

    job = tmp_path / "job.toml"
    job.write_text('sources = ["in"]\nencoding = "cp1256"\n[limits]\nmax_inputs = 10\nmax_input_mb = 0.5\n'
                   "max_page_mb = 2\nmax_seconds_per_input = 0\n")
    loaded = load_job(job)
    assert loaded.input_limits == cleaner.Limits(max_input_bytes=500_000, max_page_bytes=2_000_000, max_seconds=None)
    assert (loaded.max_inputs, loaded.encoding) == (10, "cp1256")
    job.write_text('sources = ["in"]\nencoding = "klingon"\n[limits]\nmax_page_mb = -1\n')
    with pytest.raises(cleaner.CleanerError) as caught:
        load_job(job)
    assert f"{job}:2: 'encoding' names no encoding Python knows: 'klingon'" in str(caught.value)
    assert f"{job}:4: 'max_page_mb' must be at least 0, not -1" in str(caught.value)


def test_limit_options_are_checked_before_anything_is_read():
    result = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--max-input-mb", "lots", str(GOOD)],
                            capture_output=True, env=env())
    assert result.returncode == 2 and b"'lots' is not a number of 0 or more" in result.stderr
