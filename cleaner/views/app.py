"""`cleaner serve`: an archive in the browser, read-only.

Built on Flask: a small, long-kept framework (Pallets) whose routing, static files (only from this
package's folder, paths checked by werkzeug's safe_join), test client and Jinja2 templates (autoescape
on for .html) do what this needs, synchronously, as SQLite's calls are. One route per kind of page;
each page is also its JSON (`.json` after the path, as in Datasette). Every request opens the archive
read-only, so SQLite itself refuses any write and a page always shows the archive as it is now.
"""

from __future__ import annotations

import ipaddress
import json
import os

from flask import Flask, abort, current_app, g, render_template, request

from cleaner.store import Archive, ArchiveError
from cleaner.views import charts, pages, queries
from cleaner.views.explain import colour_of
from cleaner.views.templating import add_helpers

# the pages' own script and style only; a record's original page, in its sandboxed srcdoc frame,
# inherits this policy too: no script, no fetch of any kind, no navigation, no form
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src data:; "
          "frame-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
LOOPBACK_NAMES = ["localhost", "127.0.0.1"]


def create_app(db: str, *, host: str = "127.0.0.1") -> Flask:
    """The app over the archive `db`. On a loopback `host`, requests naming another host are refused,
    so a web page cannot reach the archive by pointing its own name at 127.0.0.1 (DNS rebinding)."""
    Archive(db, read_only=True).close()  # a clear message now rather than on the first page
    import cleaner.views.page  # noqa: F401 (loads the HTML parser and trafilatura now, not in the first record page)
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config["ARCHIVE"] = db
    if _is_loopback(host):
        app.config["TRUSTED_HOSTS"] = list(dict.fromkeys([*LOOPBACK_NAMES, host]))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    add_helpers(app.jinja_env)
    app.teardown_appcontext(_close_archive)
    app.after_request(_secure)
    _routes(app)
    return app


def _is_loopback(host: str) -> bool:
    """An IPv4 loopback address or localhost (werkzeug cannot match an IPv6 address in a Host header)."""
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


def archive() -> Archive:
    if "archive" not in g:
        g.archive = Archive(current_app.config["ARCHIVE"], read_only=True)
    return g.archive


def _close_archive(_error) -> None:
    opened = g.pop("archive", None)
    if opened is not None:
        opened.close()


def _secure(response):
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def respond(as_json: bool, template: str, data: dict, **extra):
    if as_json:
        return data  # Flask answers a dict as JSON (application/json, UTF-8)
    return render_template(template, data=data, json_url=_json_url(), **extra)


def _json_url() -> str:
    path = request.path.rstrip("/") or "/"
    query = request.query_string.decode("utf-8", "replace")
    return path + ".json" + (f"?{query}" if query else "")


def _routes(app: Flask) -> None:
    @app.get("/")
    @app.get("/.json", endpoint="home_json", defaults={"as_json": True})
    def home(as_json: bool = False):
        data = _home_data(app)
        kind_colours = {k["value"]: f"k{colour_of(k['value'])}" for k in data["removed_by_kind"]}
        return respond(as_json, "home.html", data, charts=_home_charts(data), kind_colours=kind_colours)

    @app.get("/search")
    @app.get("/search.json", endpoint="search_json", defaults={"as_json": True})
    def search(as_json: bool = False):
        form = pages.SearchForm.of(request.args)
        return respond(as_json, "search.html", pages.search(archive(), form), form=form)

    @app.get("/record/<ident>")
    def record(ident: str):
        as_json = ident.endswith(".json")
        ident = ident.removesuffix(".json")
        try:
            data, explained = pages.record(archive(), ident)
        except pages.NotFound:
            abort(404, f"no record {ident!r} in this archive")
        record_json = json.dumps(data["record"], ensure_ascii=False, indent=2)
        return respond(as_json, "record.html", data, explained=explained, record_json=record_json)

    @app.get("/runs")
    @app.get("/runs.json", endpoint="runs_json", defaults={"as_json": True})
    def runs(as_json: bool = False):
        return respond(as_json, "runs.html", pages.runs(archive()))

    @app.get("/errors")
    @app.get("/errors.json", endpoint="errors_json", defaults={"as_json": True})
    def errors(as_json: bool = False):
        return respond(as_json, "errors.html", pages.errors(archive(), request.args.get("run")))

    @app.errorhandler(404)
    def not_found(error):
        return render_template("problem.html", title="Not found", message=error.description), 404

    @app.errorhandler(ArchiveError)
    def unreadable(error):
        return render_template("problem.html", title="The archive cannot be read", message=str(error)), 503


def _home_data(app: Flask) -> dict:
    """The home page's counts, added up again only when the archive changed since the last time."""
    opened = archive()
    key = queries.fingerprint(opened.conn)
    cached = app.extensions.get("cleaner_home")
    if cached is None or cached[0] != key:
        cached = (key, pages.home(opened))
        app.extensions["cleaner_home"] = cached
    return dict(cached[1], size_bytes=os.path.getsize(opened.path))


def _home_charts(data: dict) -> dict:
    kinds = [(k["value"], k["count"]) for k in data["removed_by_kind"]]
    return {
        "published": charts.time_chart(data["by_published_day"]),
        "added": charts.time_chart(data["by_added_day"]),
        "languages": charts.category_chart(data["by_language"][:12]),
        "sites": charts.category_chart(data["by_site"]),
        "removed": charts.category_chart(kinds),
        "page_types": charts.category_chart([(t["value"], t["records"]) for t in data["by_page_type"]]),
    }
