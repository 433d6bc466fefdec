"""Keeping informants' real names out of anonymised exports, even where a researcher typed
one into an answer, a note or a memo: each name is replaced by the informant's code."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select

from neutralitas_desktop.store.database import Database
from neutralitas_desktop.store.models import Informant, InformantIdentity

MIN_NAME_LENGTH = 3  # shorter "names" would blank out ordinary words


def identity_names(db: Database) -> dict[str, str]:
    """Real name -> informant code, for every informant with a recorded identity."""
    with db.engine.connect() as con:
        rows = con.execute(
            select(InformantIdentity.real_name, Informant.code).join(
                Informant, Informant.id == InformantIdentity.informant_id
            )
        ).all()
    return {name.strip(): code for name, code in rows if len(name.strip()) >= MIN_NAME_LENGTH}


def name_scrubber(names: dict[str, str]) -> Callable[[str], str] | None:
    """A function replacing every real name (case-insensitive) by ``[code]``; None when
    there is nothing to replace."""
    if not names:
        return None
    by_fold = {name.casefold(): code for name, code in names.items()}
    pattern = re.compile(
        "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)),
        re.IGNORECASE,
    )
    # Quick rejection: a text can only hold a name if it holds the name's first word.
    firsts = {name.split()[0].casefold() for name in names}
    shortest = min(len(f) for f in firsts)

    def scrub(text: str) -> str:
        if len(text) < shortest:
            return text
        folded = text.casefold()
        if not any(first in folded for first in firsts):
            return text
        return pattern.sub(lambda m: f"[{by_fold.get(m.group(0).casefold(), 'INF')}]", text)

    return scrub
