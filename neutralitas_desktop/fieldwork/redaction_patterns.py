"""The regular expressions of the redaction service: Indonesian phone numbers, e-mail
addresses, NIP and NIK, and a study's names compiled once into a prefix tree, so that one
scan of a text finds every kind (hundreds of thousands of cells per export)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Order matters where two kinds could start at the same place: an e-mail address holds
# what looks like a handle or a name, a NIP (18 digits) holds 16 digits.
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_SEP = r"[\s.-]?"
# Numbers stand alone: not inside a word, an id or a hash (a UUID's "-0812-…" segment).
# An underscore separates words, as in file names (``foto_0812…_Budi.jpg``): a name or a
# number written between underscores is still one.
_BEFORE = r"(?<![^\W_]|[+-])"
_AFTER = r"(?!-?[^\W_])"
NIP = rf"{_BEFORE}\d{{8}}{_SEP}\d{{6}}{_SEP}\d{_SEP}\d{{3}}{_AFTER}"
NIK = rf"{_BEFORE}\d{{6}}{_SEP}\d{{6}}{_SEP}\d{{4}}{_AFTER}"
# Mobile numbers: 08…, +62 8…, 62 8…, digits grouped by spaces, dots or dashes; and
# landlines written with +62 or an area code in parentheses.
_PSEP = r"[\s.()-]{0,2}"  # phone digits may also be grouped in parentheses: (0812) 3456
PHONE = (
    rf"{_BEFORE}\(?(?:\+62{_PSEP}|62{_PSEP}|0)8(?:{_PSEP}\d){{7,11}}{_AFTER}"
    rf"|{_BEFORE}\+62{_PSEP}[2-7]\d{{1,2}}(?:{_PSEP}\d){{5,8}}{_AFTER}"
    rf"|\(0[2-7]\d{{1,2}}\)\s?\d{{3,4}}{_SEP}\d{{3,4}}{_AFTER}"
)

_SPACE = " "
Trie = dict[str, "Trie"]


def normal(term: str) -> str:
    """The form a name or handle is looked up by: lower case, single spaces."""
    return _SPACE.join(term.lower().split())


def trie_pattern(terms: Iterable[str]) -> str:
    """One regular expression matching any of ``terms`` (given in ``normal`` form; a
    space matches any run of white space), the longest first, without backtracking over
    every alternative at every position."""
    root: Trie = {}
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: Trie) -> str:
    end = "" in node
    branches = [
        (r"\s+" if ch == _SPACE else re.escape(ch)) + _node_pattern(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?"
    return body


def combined(names: Iterable[str], handles: Iterable[str]) -> re.Pattern[str]:
    """Every kind in one pattern; the group that matched names the kind."""
    parts = [
        f"(?P<email>{EMAIL})",
        f"(?P<nip>{NIP})",
        f"(?P<nik>{NIK})",
        f"(?P<phone>{PHONE})",
    ]
    handle_list = sorted(set(handles))
    if handle_list:
        parts.append(rf"(?P<handle>(?<![\w.@])@?(?:{trie_pattern(handle_list)})(?![\w]))")
    name_list = sorted(set(names))
    if name_list:
        parts.append(rf"(?P<name>(?<![^\W_])(?:{trie_pattern(name_list)})(?![^\W_]))")
    return re.compile("|".join(parts), re.IGNORECASE)
