"""Ray is an optional extra: cleaning, archiving, a local batch and `import cleaner` never load it."""

from __future__ import annotations

import subprocess
import sys

from archivekit import PAGES, TEXTS, env

PROBE = """
import sys
import cleaner
from cleaner.cli import main
for argv in {runs!r}:
    try:
        main(argv)
    except SystemExit:
        pass
loaded = sorted(m for m in sys.modules if m == "ray" or m.startswith("ray."))
print("loaded:", loaded)
"""


def _modules_after(runs: list[list[str]]) -> str:
    result = subprocess.run([sys.executable, "-c", PROBE.format(runs=runs)], capture_output=True, env=env(),
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.decode().strip().splitlines()[-1]


def test_clean_archive_and_import_never_load_ray(tmp_path):
    runs = [["clean", str(TEXTS[0])], ["archive", str(PAGES), "--db", str(tmp_path / "a.db")],
            ["batch", str(PAGES), "--out", str(tmp_path / "out")]]
    assert _modules_after(runs) == "loaded: []"
    assert (tmp_path / "a.db").exists() and (tmp_path / "out" / "manifest.json").exists()


def test_the_probe_sees_ray_when_the_ray_engine_loads_it(tmp_path):
    """The check above can fail: here the same probe, asked to import ray, reports it."""
    import pytest

    pytest.importorskip("ray")
    result = subprocess.run([sys.executable, "-c", "import ray.data\n" + PROBE.format(runs=[])], capture_output=True,
                            env=env(), timeout=120)
    assert "'ray'" in result.stdout.decode()
