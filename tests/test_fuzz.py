"""Fuzzing in the suite: mutated fixtures (tests/mutations.py) through `cleaner.clean()` and the CLI.

`clean()` may refuse an input (InputError) but must raise nothing else, and no fault inside it
(CleaningError) may show: each would be a bug to fix at its cause. The CLI prints no traceback.
Seeded, so a failure is found again: `python scripts/fuzz.py --seed 2026 --count 200 --show N`
writes input N. `scripts/fuzz.py` runs 10,000.
"""

from __future__ import annotations

import json

import pytest
from archivekit import cli
from mutations import mutated

import cleaner

SEED, COUNT = 2026, 200


@pytest.fixture(scope="module")
def inputs():
    return list(mutated(SEED, COUNT))


def test_clean_refuses_or_cleans_every_mutated_input_and_raises_nothing_else(inputs):
    faults, refused = [], 0
    for n, (content, mode) in enumerate(inputs):
        try:
            record = cleaner.clean(content, mode=mode)
        except cleaner.CleaningError as exc:
            faults.append(f"input {n}: {exc}")
            continue
        except cleaner.InputError:
            refused += 1
            continue
        json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")  # and it can be written out
    assert faults == []
    assert refused < COUNT // 2  # most inputs reach the extractors: the fuzzing tests them, not the decoder


def test_the_cli_prints_no_traceback_and_accounts_for_every_mutated_input(inputs, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for n, (content, mode) in list(enumerate(inputs))[::5]:
        paths.append(folder / f"input-{n:03d}.{'txt' if mode == 'text' else 'html'}")
        paths[-1].write_bytes(content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content)
    result = cli("clean", *paths, timeout=300)
    stderr = result.stderr.decode()
    assert result.returncode in (0, 1) and "Traceback" not in stderr
    records = {json.loads(line)["path"] for line in result.stdout.decode().splitlines()}
    failed = {line.split(": ", 2)[1] for line in stderr.splitlines()} - records
    assert records | failed == {str(p) for p in paths}
    archived = cli("archive", folder, "--db", tmp_path / "a.db", timeout=300)
    assert archived.returncode in (0, 1) and b"Traceback" not in archived.stderr
    assert f"inputs: {len(paths)} seen, {len(paths)} new" in archived.stderr.decode()
