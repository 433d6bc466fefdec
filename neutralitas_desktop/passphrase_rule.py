"""The rule a new study passphrase must meet, shared by the store and the dialogs.

At least 12 characters, and either three or more words (``kopi pagi di Ciamis``) or three
kinds of character among lower case, upper case, digits and other signs; 20 characters or
more of anything pass too, as long as they are not a few characters repeated.
"""

from __future__ import annotations

import re

MIN_LENGTH = 12
MIN_WORDS = 3
MIN_KINDS = 3
LONG_ENOUGH = 20
_WORD = re.compile(r"[^\W_]{2,}")


def is_strong(passphrase: str) -> bool:
    text = passphrase.strip()
    if len(set(text)) <= 3:
        return False
    kinds = sum(
        (
            any(c.islower() for c in text),
            any(c.isupper() for c in text),
            any(c.isdigit() for c in text),
            any(not c.isalnum() and not c.isspace() for c in text),
        )
    )
    words = len(_WORD.findall(text))
    return len(text) >= LONG_ENOUGH or (
        len(text) >= MIN_LENGTH and (words >= MIN_WORDS or kinds >= MIN_KINDS)
    )


# Where the CLI (and, for scripts, the GUI) reads the study passphrase from.
STUDY_PASSPHRASE_ENV = "NEUTRALITAS_STUDY_PASSPHRASE"
