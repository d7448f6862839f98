"""The README's screenshots of `cleaner serve`, made again: the record page of seed 003 and the home
page of an archive of the benchmark's pages, in Debian's headless Chromium driven by Playwright.

    python scripts/view_screenshots.py /work/shared/bench/aeb --out docs
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_003 = ROOT / "fixtures" / "seeds" / "003_2c2e41f9c8b4c2d9.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def cleaner(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", *args], env=ENV, check=False, **kwargs)


def serving(db: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "serve", "--db", str(db), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=ENV, text=True)
    found = re.search(r"(http://\S+/)", proc.stderr.readline())
    if not found:
        proc.kill()
        sys.exit("cleaner serve did not start")
    subprocess.Popen(["cat"], stdin=proc.stderr, stdout=subprocess.DEVNULL)  # drain its request log
    return proc, found.group(1)


def shoot(browser, url: str, path: Path, width: int = 1280) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(path), full_page=True)
    page.close()
    print(f"{path}: {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aeb", type=Path, help="the benchmark folder (its html/ pages are archived)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="view-shots-") as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        seeds, aeb = Path(tmp) / "seeds.db", Path(tmp) / "aeb.db"
        cleaner("archive", *map(str, sorted(SEED_003.parent.glob("*.txt"))), "--db", str(seeds))
        cleaner("archive", str(args.aeb / "html"), "--db", str(aeb), "--workers", "2")
        record_id = cleaner("clean", str(SEED_003), capture_output=True, text=True).stdout.split('"id": "')[1][:24]
        for db, path, name in ((seeds, f"record/{record_id}", "record-seed-003.png"), (aeb, "", "home-aeb.png")):
            proc, base = serving(db)
            try:
                shoot(browser, base + path, args.out / name)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        browser.close()


if __name__ == "__main__":
    main()
