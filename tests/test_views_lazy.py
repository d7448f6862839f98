"""The views cost the rest nothing: `import cleaner` and the other commands never load the web
framework or the templates, and without them `serve` and `explain` say what to install."""

from __future__ import annotations

import subprocess
import sys

from archivekit import ROOT, env

from conftest import FIXTURES

WEB = ("flask", "werkzeug", "jinja2", "markupsafe", "cleaner.views")
CHECK = "import sys; print(sorted(m for m in sys.modules if m.split('.')[0] in {web} or m.startswith('cleaner.views')))"


def loaded_after(code: str) -> str:
    script = f"{code}\n{CHECK.format(web=set(WEB))}"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env(), cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_import_cleaner_loads_no_web_framework():
    assert loaded_after("import cleaner; cleaner.clean('A title\\n' + 'Some words of a sentence here. ' * 5)") == "[]"


def test_cleaner_clean_and_the_command_parser_load_no_web_framework():
    seed = sorted((FIXTURES / "seeds").glob("*.txt"))[0]
    code = (f"import io, contextlib\nfrom cleaner.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    main(['clean', {str(seed)!r}])")
    assert loaded_after(code) == "[]"


def test_serve_without_flask_says_which_extra_to_install(tmp_path):
    blocker = tmp_path / "sitecustomize.py"  # stands in for an install without the serve extra
    blocker.write_text("import sys\nfor name in ('flask', 'jinja2'):\n    sys.modules[name] = None\n")
    environ = env()
    environ["PYTHONPATH"] = f"{tmp_path}:{environ['PYTHONPATH']}"
    for command in (["serve", "--db", str(tmp_path / "x.db")], ["explain", str(sorted((FIXTURES / "seeds").glob("*.txt"))[0])]):
        result = subprocess.run([sys.executable, "-m", "cleaner", *command], capture_output=True, text=True,
                                env=environ, timeout=120)
        assert result.returncode == 2
        assert result.stderr.strip() == f"cleaner: {command[0]} needs the web view's packages: pip install 'cleaner[serve]'"
