"""What an XLSForm holds for ODK beyond the app's own model, kept for the way back out:
settings (``instance_name``, ``public_key``, …), choice images, and the explicit "other"
choice the export writes instead of ``or_other``.

pyxform's ``or_other`` adds an English "Other" / "Specify other" whatever the form's
languages, so the export writes the "other" choice and the ``<name>_other`` question
itself, in every language; :func:`fold_exported_other` turns that back into the model's
``other`` flag, so a form goes out and comes back the same.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import (
    Choice,
    ChoiceList,
    Group,
    Instrument,
    LocalText,
    Node,
    Question,
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


def _unfilter(choice_filter: str) -> str:
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
    settings: dict[str, Any], header: str, key: str, value: Any, warnings: list[str]
) -> None:
    """Keep an ODK setting the app does not use; name any other one in a warning."""
    text = _cell(value)
    if not text:
        return
    if key in _CARRIED:
        settings.setdefault("carried", {})[_CARRIED[key]] = text
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


def fold_exported_other(instrument: Instrument) -> Instrument:
    """``select_one L_or_other`` followed by the text question ``<name>_other`` shown when
    'other' is chosen (as the export writes it) becomes ``select_one L`` with ``other``."""
    lists = dict(instrument.choice_lists)
    folded: set[str] = set()

    def base_of(list_name: str) -> str | None:
        if not list_name.endswith(OTHER_LIST_SUFFIX):
            return None
        longer = lists.get(list_name)
        base = list_name[: -len(OTHER_LIST_SUFFIX)]
        if longer is None or not longer.choices or longer.choices[-1].name != "other":
            return None
        shorter = lists.get(base)
        if shorter is not None and shorter.choices == longer.choices[:-1]:
            return base
        return None

    def fold(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        skip = False
        for i, node in enumerate(nodes):
            if skip:
                skip = False
                continue
            if isinstance(node, Group):
                out.append(replace(node, children=fold(node.children)))
                continue
            after = nodes[i + 1] if i + 1 < len(nodes) else None
            base = base_of(node.choice_list) if node.choice_list else None
            if (
                base is not None
                and isinstance(after, Question)
                and after.name == f"{node.name}_other"
                and after.type == "text"
                and after.relevant.replace('"', "'") == other_relevant(node.name)
            ):
                folded.add(node.choice_list)
                filtered = _unfilter(node.choice_filter)
                out.append(replace(node, choice_list=base, other=True, choice_filter=filtered))
                skip = True
                continue
            out.append(node)
        return tuple(out)

    children = fold(instrument.children)
    if not folded:
        return instrument
    used = {q.choice_list for q in _questions(children)}
    for name in folded - used:
        lists.pop(name, None)
    return replace(instrument, children=children, choice_lists=lists)


def _questions(nodes: tuple[Node, ...]) -> list[Question]:
    out: list[Question] = []
    for node in nodes:
        if isinstance(node, Group):
            out += _questions(node.children)
        else:
            out.append(node)
    return out


def other_list(base: ChoiceList, name: str, languages: tuple[str, ...]) -> ChoiceList:
    """The list of a question with "other": its choices and 'other' in every language."""
    return ChoiceList(
        name, (*base.choices, Choice("other", in_languages(OTHER_CHOICE_LABEL, languages)))
    )
