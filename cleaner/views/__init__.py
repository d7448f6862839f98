"""Views: a browser view of an archive (`cleaner serve`) and of one input's cleaning (`cleaner explain`).

The web framework (Flask) and the templates (Jinja2) are imported by the modules that need them, and
only when a view is asked for: `import cleaner` and the other commands never load them. They come
with the optional extra: pip install 'cleaner[serve]'.
"""
