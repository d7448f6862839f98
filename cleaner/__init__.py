"""cleaner: clean scraped web pages (HTML or flattened text) into archive records."""

__version__ = "0.1.0"

from cleaner.api import clean, clean_item, clean_items  # noqa: E402
from cleaner.errors import CleanerError, InputError  # noqa: E402
from cleaner.record import Record, Removed  # noqa: E402

__all__ = ["clean", "clean_item", "clean_items", "Record", "Removed", "CleanerError", "InputError", "__version__"]
