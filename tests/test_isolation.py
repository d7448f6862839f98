"""No input stops a batch: any exception, ours or a library's, is that input's failure (issue 12, item 1).

`cleaner.clean()` raises only the documented errors: InputError (and its kinds) for an input, with
CleaningError, the original exception chained, for a fault inside cleaning.
"""

from __future__ import annotations

import faulthandler
import json
import os
import signal
import subprocess
import sys
import time

import pytest

import cleaner

from conftest import FIXTURES

HOSTILE = FIXTURES / "hostile"
GOOD = FIXTURES / "text" / "en_plain.txt"


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *map(str, args)], input=stdin,
                          capture_output=True, timeout=120)


def test_pages_that_made_lxml_and_trafilatura_raise_are_cleaned_and_the_batch_goes_on():
    refused, jsonld = HOSTILE / "refused-names.html", HOSTILE / "jsonld-graph-of-lists.html"
    result = run("--format", "json", refused, jsonld, GOOD)
    assert b"Traceback" not in result.stderr and result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [r["path"] for r in records] == [str(refused), str(jsonld), str(GOOD)]
    assert "Tickets go on sale on Monday at the usual prices." in records[0]["text"]
    assert "without a reservation" in records[0]["text"] and "valley before reaching" in records[0]["text"]
    assert records[1]["title"] == "Learn to read a river map" and "four short lessons" in records[1]["text"]


def test_a_fault_inside_cleaning_is_a_cleaning_error_naming_the_input_with_its_cause(monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a library's bug")

    monkeypatch.setattr("cleaner.api.classify", broken)
    with pytest.raises(cleaner.CleaningError) as caught:
        cleaner.clean(GOOD.read_bytes(), path="plain.txt")
    assert isinstance(caught.value, cleaner.InputError)
    assert str(caught.value) == "plain.txt: could not be cleaned: KeyError: \"a library's bug\""
    assert isinstance(caught.value.__cause__, KeyError)


def test_a_fault_on_one_input_of_a_cli_batch_fails_that_input_alone(monkeypatch, tmp_path, capsys):
    from cleaner.cli import main

    real = cleaner.api.classify

    def broken_on_one(blocks, *args, **kwargs):
        if any("BOOM" in b.text for b in blocks):
            raise RuntimeError("something inside broke")
        return real(blocks, *args, **kwargs)

    monkeypatch.setattr("cleaner.api.classify", broken_on_one)
    boom = tmp_path / "boom.txt"
    boom.write_text(GOOD.read_text(encoding="utf-8") + "\nBOOM\n", encoding="utf-8")
    assert main(["clean", "--format", "json", str(GOOD), str(boom), str(GOOD)]) == 1
    out, err = capsys.readouterr()
    assert [r["path"] for r in json.loads(out)] == [str(GOOD), str(GOOD)]
    assert err == f"cleaner: {boom}: could not be cleaned: RuntimeError: something inside broke\n"


@pytest.mark.parametrize("content, what", [(None, "None"), (42, "a int"), (["<p>x</p>"], "a list")])
def test_clean_of_something_that_is_not_a_page_is_a_clear_documented_error(content, what):
    with pytest.raises(cleaner.InputError, match=f"page.html: is {what}, not a page or text") as caught:
        cleaner.clean(content, name="page.html")
    assert isinstance(caught.value, TypeError)  # what Python programmers expect of a wrong type


def test_a_str_with_lone_surrogates_is_cleaned_and_can_be_written_out():
    text = GOOD.read_text(encoding="utf-8").replace("library", "library \udcff", 1)
    record = cleaner.clean(text)
    json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")  # no UnicodeEncodeError
    assert record.title == "Why the city's oldest library \ufffd is closing for a year"


# -- the supervisor: workers stuck in C, or dying, fail only their input --------------------------


def _stuck_in_c(work):
    """As a long C call: the alarm cannot get through (blocked), the worker sleeps on."""
    if work == "stuck":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if work == "unpicklable":
        return lambda: None
    if work == "crash":  # as a crash in C code
        faulthandler.disable()  # pytest's, inherited: its dump is noise here
        os.kill(os.getpid(), signal.SIGSEGV)
    return work.upper()


def _failed(work, error_class, reason):
    return error_class(work, reason)


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs POSIX signals")
def test_a_worker_stuck_past_the_time_limit_is_stopped_and_the_others_go_on():
    from cleaner.isolate import Supervisor

    supervisor = Supervisor(_stuck_in_c, failed=_failed, max_seconds=0.5, grace=0.5, chunk=2)
    started = time.monotonic()
    results = [r for _, r in supervisor.map(["a", "stuck", "b", "crash", "c", "d"], lambda work: work)]
    assert time.monotonic() - started < 10
    assert results[0::2] == ["A", "B", "C"] and results[5] == "D"
    assert isinstance(results[1], cleaner.InputTimeout)
    assert str(results[1]).startswith("stuck: took more than 0.5 s to clean")
    assert isinstance(results[3], cleaner.CleaningError)
    assert str(results[3]) == "crash: its worker process was killed by SIGSEGV"


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="needs POSIX signals")
def test_within_a_chunk_only_the_input_the_worker_was_on_fails_and_the_rest_of_it_is_cleaned():
    from cleaner.isolate import Supervisor

    works = ["crash", "a", "b", "unpicklable", "c", "stuck", "d", "e", "f"]
    supervisor = Supervisor(_stuck_in_c, failed=_failed, max_seconds=0.5, grace=0.5, chunk=4, workers=2)
    results = [r for _, r in supervisor.map(works, lambda work: work)]
    assert str(results[0]) == "crash: its worker process was killed by SIGSEGV"
    assert str(results[3]).startswith("unpicklable: could not be cleaned: its result could not be passed on")
    assert isinstance(results[5], cleaner.InputTimeout)
    assert [results[i] for i in (1, 2, 4, 6, 7, 8)] == ["A", "B", "C", "D", "E", "F"]
