"""What the templates share, in the app and in `cleaner explain`'s report alike."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from cleaner.views.explain import palette_css


def web_url(url: object) -> str | None:
    """A URL to link to: http(s) only, so a javascript: or data: URL a page gave is shown, never followed."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def add_helpers(env: Environment) -> None:
    env.globals["palette"] = Markup(palette_css("k"))  # our own CSS, nothing from a page
    env.filters["web_url"] = web_url
    env.filters["megabytes"] = lambda n: f"{(n or 0) / 1_000_000:,.1f} MB"
