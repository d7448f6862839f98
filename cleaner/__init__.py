"""cleaner: clean scraped web pages (HTML or flattened text) into archive records."""

__version__ = "0.1.0"

from cleaner.api import clean, clean_item, clean_items  # noqa: E402
from cleaner.errors import CleanerError, CleaningError, InputError, InputTimeout, InputTooLarge  # noqa: E402
from cleaner.limits import Limits  # noqa: E402
from cleaner.record import Record, Removed  # noqa: E402

__all__ = [
    "clean", "clean_item", "clean_items", "Record", "Removed", "Limits", "CleanerError", "InputError", "CleaningError",
    "InputTimeout", "InputTooLarge", "__version__",
]
