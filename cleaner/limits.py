"""How much one input may take: bytes read, size of the page cleaned, seconds.

A scraper's folder can hold anything: a gzip bomb, a 50 MB page, a page some library takes
minutes over. Each limit turns such an input into that input's failure (or, for a page too large
to clean whole, a cut page with a warning), so the batch goes on and the machine stays usable.
The defaults are far above what news pages need (the largest of 1,497 real pages of the WCXB
benchmark is 5.3 MB, and 2.8 MB without its scripts and styles).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from dataclasses import dataclass

from cleaner.errors import InputTimeout

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """None turns a limit off."""

    max_input_bytes: int | None = 64 * MB  # read from one input, after decompression; past it the input fails
    max_page_bytes: int | None = 5 * MB  # of a page's text (UTF-8); past it the page is cut, with a warning
    max_seconds: float | None = 30.0  # cleaning one input; past it the input fails

    @classmethod
    def of(cls, max_input_mb: float | None, max_page_mb: float | None, max_seconds: float | None) -> Limits:
        """Limits from the amounts a person writes (MB of 1,000,000 bytes, seconds; 0 or None for none)."""
        return cls(
            max_input_bytes=int(max_input_mb * MB) if max_input_mb else None,
            max_page_bytes=int(max_page_mb * MB) if max_page_mb else None,
            max_seconds=float(max_seconds) if max_seconds else None,
        )


DEFAULT_LIMITS = Limits()


def describe_bytes(size: int) -> str:
    return f"{round(size / MB, 1):g} MB" if size >= MB else f"{size:,} bytes"


def too_large_reason(limit: int) -> str:
    return (f"is larger than {describe_bytes(limit)}, the limit per input (after decompression); "
            "reading stopped there (raise it with --max-input-mb)")


def timeout_reason(seconds: float) -> str:
    return f"took more than {seconds:g} s to clean, the limit per input (raise it with --max-seconds-per-input)"


# -- time ------------------------------------------------------------------------------------------


class _Overrun(BaseException):
    """Raised into the cleaning code when its time is up. A BaseException, so that the many
    `except Exception` blocks of the libraries we call do not swallow it."""


class _Clock(threading.local):
    deadline: float | None = None


_clock = _Clock()
REARM_SECONDS = 0.5  # the alarm repeats until cleaning stops: a library that swallowed it meets the next


def _alarm_is_free() -> bool:
    """SIGALRM can be ours: Unix, the main thread, and no one else's handler or timer in place."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _on_alarm(signum, frame) -> None:
    if _clock.deadline is None or frame is None or frame.f_globals.get("__name__") == __name__:
        return  # finishing already (inside this module): let it finish
    raise _Overrun


class time_limit:  # noqa: N801 - used as a context manager, like contextlib's
    """Stop the code inside after `seconds`, raising InputTimeout naming `source`.

    On the main thread of a Unix process this uses SIGALRM, which interrupts Python code anywhere
    but cannot interrupt one long call into C (lxml parsing a huge page): the call finishes first.
    Elsewhere (another thread, a program with its own SIGALRM) only `check_time` calls stop it.
    That is why batches clean in worker processes that a supervisor stops (cleaner.isolate).
    """

    def __init__(self, seconds: float | None, source: str | None) -> None:
        self.seconds = seconds if seconds and seconds > 0 else None
        self.source = source
        self._alarm = False
        self._outer: float | None = None

    def __enter__(self) -> time_limit:
        if self.seconds is None:
            return self
        self._outer = _clock.deadline
        _clock.deadline = time.monotonic() + self.seconds
        if self._outer is None and _alarm_is_free():
            self._alarm = True
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds, REARM_SECONDS)
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        if self.seconds is None:
            return False
        _clock.deadline = self._outer
        if self._alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
        if kind is not None and issubclass(kind, _Overrun):
            raise InputTimeout(self.source, timeout_reason(self.seconds)) from None
        return False


def time_is_up() -> bool:
    """Whether the input's time has run out: a library that caught our alarm in a bare `except:`
    raises an error of its own instead (langdetect: 'Profile format error'), and that is a timeout."""
    return _clock.deadline is not None and time.monotonic() > _clock.deadline


def check_time() -> None:
    """Between stages: stop if the time is up (the only check where SIGALRM cannot be used)."""
    if time_is_up():
        raise _Overrun


# -- page size -------------------------------------------------------------------------------------

# what a reader never sees: stripped from an oversized page before any of its text is cut
_CODE_OPEN = re.compile(r"<(script|style|svg)\b[^>]*>|<!--", re.IGNORECASE)
_CODE_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "svg")}
_KEPT_SCRIPT = re.compile(r"application/ld\+json", re.IGNORECASE)  # JSON-LD: the page's metadata


def strip_code(html: str) -> str:
    """The page without scripts (JSON-LD kept), styles, SVG drawings and comments. One pass
    forward: an element left open ends the stripping, and the rest stays as it is."""
    parts: list[str] = []
    pos = 0
    for match in _iter_code(html):
        start, end = match
        parts.append(html[pos:start])
        pos = end
    parts.append(html[pos:])
    return "".join(parts)


def _iter_code(html: str):
    pos = 0
    while (opening := _CODE_OPEN.search(html, pos)) is not None:
        if opening.group(0) == "<!--":
            end = html.find("-->", opening.end())
            end = -1 if end < 0 else end + 3
        elif opening.group(1).lower() == "script" and _KEPT_SCRIPT.search(opening.group(0)):
            pos = opening.end()
            continue
        else:
            closing = _CODE_CLOSE[opening.group(1).lower()].search(html, opening.end())
            end = -1 if closing is None else closing.end()
        if end < 0:
            return
        yield opening.start(), end
        pos = end


def fit_page(text: str, limit: int | None, *, html: bool, utf8: bytes | None = None) -> tuple[str, str | None]:
    """The page within `limit` bytes of UTF-8, and the warning for the record when it was cut.

    A page over the limit first loses what a reader never sees (scripts, styles); only if it is
    still over is it cut, at a tag (HTML) or a line (text), and the rest is not cleaned. `utf8`:
    the text's UTF-8 when the caller holds it (the bytes decoding read), not encoded again to be measured.
    """
    if limit is None or len(text) * 4 <= limit:  # no character takes more than 4 bytes
        return text, None
    size = len(text.encode("utf-8") if utf8 is None else utf8)
    if size <= limit:
        return text, None
    if html:
        text = strip_code(text)
        if len(text.encode("utf-8")) <= limit:
            return text, None
    kept = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    boundary = kept.rfind("<" if html else "\n")
    if boundary > len(kept) // 2:
        kept = kept[:boundary]
    warning = (f"page cut: only its first {describe_bytes(limit)} of {describe_bytes(size)} were cleaned "
               "(the limit per page; raise it with --max-page-mb)")
    return kept, warning
