"""`cleaner explain`: the explain view of one input as a single HTML file, with no archive and no server.

Everything it needs is inside it (style, the switches' script, the page in its frame), under a policy
that lets it load nothing and run only that script, so it opens offline and can go with a bug report.
"""

from __future__ import annotations

import base64
import hashlib
import json
from importlib.resources import files

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from cleaner.record import Record
from cleaner.views.explain import direction, explain
from cleaner.views.templating import add_helpers


def render_report(record: Record, original: bytes | None) -> str:
    static = files("cleaner.views") / "static"
    script = (static / "views.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
              "frame-src 'none'; base-uri 'none'; form-action 'none'")
    data = record.to_dict()
    env = Environment(loader=PackageLoader("cleaner.views"), autoescape=select_autoescape(default=True))
    add_helpers(env)
    return env.get_template("report.html").render(
        record=data, direction=direction(record.language), explained=explain(data, record.layout, original),
        policy=policy, style=Markup((static / "style.css").read_text(encoding="utf-8")), script=Markup(script),
        record_json=json.dumps(data, ensure_ascii=False, indent=2),
    )
