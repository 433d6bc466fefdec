"""Text for the terminal: names that arrive in a package (researchers, devices, sites,
study titles) may carry control characters — escape sequences that recolour, retitle or
rewrite the terminal, or bidi overrides that reverse what is shown — so every such
character is printed as a visible escape (``\\x1b``, ``\\u202e``) instead."""

from __future__ import annotations

import sys
import unicodedata
from typing import TextIO

# Formatting characters that change how the rest of a line is displayed.
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: object) -> str:
    """``text`` with control characters (newlines too) and bidi overrides escaped."""
    return "".join(
        _escape(ch) if unicodedata.category(ch) == "Cc" or ch in _BIDI else ch for ch in str(text)
    )


def safe_lines(text: object) -> str:
    """Like ``safe``, keeping the line breaks of a message that has several lines."""
    return "\n".join(safe(line) for line in str(text).split("\n"))


def say(text: object = "", file: TextIO | None = None) -> None:
    """Print one line of output that may hold names from outside this laptop."""
    print(safe(text), file=file or sys.stdout)
