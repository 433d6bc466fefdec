"""What an XLSForm holds for ODK beyond the app's own model, kept for the way back out:
settings (``instance_name``, ``public_key``, …), choice images, and the explicit "other"
choice the export writes instead of ``or_other``.

pyxform's ``or_other`` adds an English "Other" / "Specify other" whatever the form's
languages, so the export writes the "other" choice and the ``<name>_other`` question
itself, in every language; the import's pass ``fold_exported_other`` (in
:mod:`.xlsform.passes`) turns that back into the model's ``other`` flag, so a form goes
out and comes back the same.
"""

from __future__ import annotations

import re
from typing import Any

from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import (
    Choice,
    ChoiceList,
    LocalText,
)

OTHER_LIST_SUFFIX = "_or_other"
OTHER_CHOICE_LABEL: LocalText = {"id": "Lainnya", "en": "Other"}
OTHER_TEXT_LABEL: LocalText = {"id": "Sebutkan lainnya", "en": "Specify other"}
_CARRIED = {cols.header_key(name): name for name in cols.CARRIED_SETTINGS}


def in_languages(text: LocalText, languages: tuple[str, ...]) -> LocalText:
    """A generated text in each of the form's languages (English where none is known)."""
    return {lang: text.get(lang, text["en"]) for lang in languages}


def other_relevant(name: str) -> str:
    return f"selected(${{{name}}}, 'other')"


def other_filter(choice_filter: str) -> str:
    """A choice filter that keeps the generated 'other' choice, which has no columns."""
    return f"({choice_filter}) or name = 'other'" if choice_filter else ""


def unfilter(choice_filter: str) -> str:
    tail = ") or name = 'other'"
    if choice_filter.startswith("(") and choice_filter.endswith(tail):
        return choice_filter[1 : -len(tail)]
    return choice_filter


def _cell(value: Any) -> str:
    if value is True or value is False:
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def carry_setting(
    carried: dict[str, str], header: str, key: str, value: Any, warnings: list[str]
) -> None:
    """Keep an ODK setting the app does not use in ``carried``; name any other one in a
    warning."""
    text = _cell(value)
    if not text:
        return
    if key in _CARRIED:
        carried[_CARRIED[key]] = text
    else:
        warnings.append(f"sheet settings, column {header}: setting '{header}' is not kept")


def choice_images(row: Any, table: Any, default: str) -> LocalText:
    """The image of a choice per language (``image``, ``image::English (en)``,
    ``media::image::English (en)``)."""
    out: LocalText = {}
    for column in table.columns.values():
        if column.field != "_media" or column.media != "image":
            continue
        text = _cell(row.values.get(column.index))
        if not text:
            continue
        parts = [p for p in re.split(r"::?", column.header) if p.strip()]
        language = default
        if len(parts) > 1 and cols.header_key(parts[-1]) not in ("image", "media"):
            language = cols.language_code(parts[-1])
        out.setdefault(language, text)
    return out


def other_list(base: ChoiceList, name: str, languages: tuple[str, ...]) -> ChoiceList:
    """The list of a question with "other": its choices and 'other' in every language."""
    return ChoiceList(
        name, (*base.choices, Choice("other", in_languages(OTHER_CHOICE_LABEL, languages)))
    )
