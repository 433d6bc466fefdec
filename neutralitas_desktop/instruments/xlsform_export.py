"""Writing an instrument as an XLSForm workbook that ODK Central and KoboToolbox accept.

Teams field the same instrument on phones. Types ODK does not have become their usual
XLSForm equivalents (``long_text`` -> ``text`` + ``multiline``, ``likert`` ->
``select_one`` + ``likert``, ``yes_no_na`` / ``consent`` -> ``select_one`` on a generated
list); what only this app uses (theme, stance, source type, titles per language) goes to
extra columns ODK ignores, so importing the workbook again gives the same instrument.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import xlsxwriter

from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import (
    BUILTIN_LISTS,
    CONSENT_LIST,
    YES_NO_NA_LIST,
    ChoiceList,
    Group,
    Instrument,
    LocalText,
    Node,
    Question,
    pick,
)
from neutralitas_desktop.instruments.xlsform_extras import (
    OTHER_LIST_SUFFIX,
    OTHER_TEXT_LABEL,
    in_languages,
    other_filter,
    other_list,
    other_relevant,
)

_OPTIONAL_TEXTS = ("hint", "required_message", "constraint_message")
_PLAIN_COLUMNS = (
    "required", "relevant", "constraint", "calculation", "trigger", "default", "read_only",
    "appearance", "choice_filter", "repeat_count", "parameters", "theme", "stance",
)  # fmt: skip
# Column order of the survey sheet; texts expand to one column per language.
_SURVEY_ORDER = (
    "type", "name", "label", "hint", "required", "required_message", "relevant",
    "constraint", "constraint_message", "calculation", "trigger", "default", "read_only",
    "appearance", "choice_filter", "repeat_count", "parameters", "theme", "stance",
)  # fmt: skip

Row = dict[str, str]


def export_xlsform(instrument: Instrument, path: Path | str) -> None:
    """Write ``instrument`` to ``path`` (.xlsx); the file appears whole or not at all."""
    sheets = xlsform_sheets(instrument)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", prefix=".export-", dir=target.parent)
    os.close(fd)
    try:
        workbook = xlsxwriter.Workbook(tmp, {"strings_to_numbers": False})
        bold = workbook.add_format({"bold": True})
        for title, (headers, rows) in sheets.items():
            sheet = workbook.add_worksheet(title)
            sheet.freeze_panes(1, 0)
            for c, header in enumerate(headers):
                sheet.write_string(0, c, header, bold)
                sheet.set_column(c, c, 30 if header.startswith("label") else 16)
            for r, row in enumerate(rows, 1):
                for c, header in enumerate(headers):
                    value = row.get(header, "")
                    if value:
                        sheet.write_string(r, c, value)
        workbook.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def xlsform_sheets(instrument: Instrument) -> dict[str, tuple[list[str], list[Row]]]:
    """The survey, choices and settings sheets as (headers, rows) of text."""
    builtins = _builtin_list_names(instrument)
    languages = list(instrument.languages)
    survey_rows: list[Row] = []
    others: dict[str, str] = {}  # generated list with "other" -> the list it extends
    for node in instrument.children:
        _node_rows(node, instrument, builtins, others, survey_rows)
    survey_headers = _survey_headers(survey_rows, languages)
    sheets: dict[str, tuple[list[str], list[Row]]] = {"survey": (survey_headers, survey_rows)}
    choice_headers, choice_rows = _choices(instrument, builtins, others, languages)
    if choice_rows:
        sheets["choices"] = (choice_headers, choice_rows)
    sheets["settings"] = _settings(instrument)
    return sheets


def _text_header(field: str, language: str) -> str:
    return f"{field}::{cols.language_header(language)}"


def _survey_headers(rows: list[Row], languages: list[str]) -> list[str]:
    used = {key for row in rows for key, value in row.items() if value}
    headers: list[str] = []
    for field in _SURVEY_ORDER:
        if field == "label":
            headers += [_text_header("label", lang) for lang in languages]
        elif field in _OPTIONAL_TEXTS:
            wanted = [_text_header(field, lang) for lang in languages]
            if any(h in used for h in wanted):
                headers += wanted
        elif field in ("type", "name") or field in used:
            headers.append(field)
    return headers


def _put_text(row: Row, field: str, text: LocalText) -> None:
    for language, value in text.items():
        if value:
            row[_text_header(field, language)] = value


def _node_rows(
    node: Node,
    instrument: Instrument,
    builtins: dict[str, str],
    others: dict[str, str],
    out: list[Row],
) -> None:
    if isinstance(node, Group):
        kind = "repeat" if node.repeat else "group"
        row: Row = {"type": f"begin {kind}", "name": node.name}
        _put_text(row, "label", node.label)
        _put_text(row, "hint", node.hint)
        row.update(
            relevant=node.relevant, appearance=node.appearance, repeat_count=node.repeat_count
        )
        out.append(row)
        for child in node.children:
            _node_rows(child, instrument, builtins, others, out)
        out.append({"type": f"end {kind}"})
        return
    out.append(_question_row(node, builtins, instrument, others))
    if node.other:
        # The "other" choice and its text question written out, in the form's languages.
        other: Row = {"type": "text", "name": f"{node.name}_other"}
        _put_text(other, "label", in_languages(OTHER_TEXT_LABEL, instrument.languages))
        other["relevant"] = other_relevant(node.name)
        out.append(other)


def _other_list(list_name: str, instrument: Instrument, others: dict[str, str]) -> str:
    name, n = f"{list_name}{OTHER_LIST_SUFFIX}", 2
    while name in instrument.choice_lists and others.get(name) != list_name:
        name, n = f"{list_name}{OTHER_LIST_SUFFIX}{n}", n + 1
    others[name] = list_name
    return name


def _question_row(
    q: Question, builtins: dict[str, str], instrument: Instrument, others: dict[str, str]
) -> Row:
    extra_appearance = ""
    xls_type = q.type
    if q.type in ("select_one", "select_multiple", "likert", "yes_no_na", "consent"):
        list_name = q.choice_list or builtins[q.type]
        if q.other:
            list_name = _other_list(list_name, instrument, others)
        xls_type = f"{'select_one' if q.type != 'select_multiple' else q.type} {list_name}"
        extra_appearance = "likert" if q.type == "likert" else ""
    elif q.type == "long_text":
        xls_type = "text"
        extra_appearance = "multiline"
    row: Row = {"type": xls_type, "name": q.name}
    for field in ("label", "hint", "required_message", "constraint_message"):
        _put_text(row, field, getattr(q, field))
    appearance = " ".join(t for t in (extra_appearance, q.appearance) if t)
    row.update(
        required=q.required_if or ("yes" if q.required else ""),
        relevant=q.relevant,
        constraint=q.constraint,
        calculation=q.calculation,
        trigger=q.trigger,
        default=q.default,
        read_only="yes" if q.read_only else "",
        appearance=appearance,
        choice_filter=other_filter(q.choice_filter) if q.other else q.choice_filter,
        parameters=" ".join(f"{k}={v}" for k, v in q.parameters.items()),
        theme=q.theme,
        stance=";".join(f"{k}={v}" for k, v in q.stance.items()),
    )
    return row


def _builtin_list_names(instrument: Instrument) -> dict[str, str]:
    """Names for the generated lists of yes_no_na and consent that clash with no list."""
    names: dict[str, str] = {}
    used_types = {
        q.type for q in instrument.questions() if q.type in ("yes_no_na", "consent")
        and not q.choice_list
    }  # fmt: skip
    for qtype, base in (("yes_no_na", YES_NO_NA_LIST), ("consent", CONSENT_LIST)):
        if qtype not in used_types:
            continue
        name, n = base, 2
        while name in instrument.choice_lists:
            name, n = f"{base}_{n}", n + 1
        names[qtype] = name
    return names


def _choices(
    instrument: Instrument,
    builtins: dict[str, str],
    others: dict[str, str],
    languages: list[str],
) -> tuple[list[str], list[Row]]:
    lists: list[ChoiceList] = list(instrument.choice_lists.values())
    builtin_names = set(builtins.values())
    for qtype, name in builtins.items():
        builtin = BUILTIN_LISTS[YES_NO_NA_LIST if qtype == "yes_no_na" else CONSENT_LIST]
        lists.append(ChoiceList(name, builtin.choices))
    for name, base in others.items():
        extended = next(cl for cl in lists if cl.name == base)
        lists.append(other_list(extended, name, instrument.languages))
        if base in builtin_names:
            builtin_names.add(name)
    attributes: list[str] = []
    images: list[str] = []
    rows: list[Row] = []
    for choice_list in lists:
        for choice in choice_list.choices:
            row: Row = {"list_name": choice_list.name, "name": choice.name}
            if choice_list.name in builtin_names:
                # Phones show the built-in labels in every language of the form.
                for lang in languages:
                    row[_text_header("label", lang)] = pick(choice.label, lang, "en")
            else:
                _put_text(row, "label", choice.label)
            for lang, image in choice.media.items():
                header = _text_header("image", lang or instrument.default_language)
                row[header] = image
                if header not in images:
                    images.append(header)
            for key, value in choice.attributes.items():
                if key not in attributes:
                    attributes.append(key)
                row[key] = value
            rows.append(row)
    headers = ["list_name", "name", *(_text_header("label", lang) for lang in languages)]
    return headers + images + attributes, rows


def _settings(instrument: Instrument) -> tuple[list[str], list[Row]]:
    default = instrument.default_language
    row: Row = {
        "form_title": pick(instrument.title, default, default),
        "form_id": instrument.id,
        "version": instrument.version,
        "default_language": cols.language_header(default),
        "source_type": instrument.source_type,
    }
    if instrument.roles:
        row["roles"] = " ".join(instrument.roles)
    if instrument.description.get(default):
        row["form_description"] = instrument.description[default]
    for language, text in instrument.title.items():
        if language != default and text:
            row[f"{cols.TITLE_PREFIX}{language}"] = text
    for language, text in instrument.description.items():
        if language != default and text:
            row[f"{cols.DESCRIPTION_PREFIX}{language}"] = text
    for key, value in instrument.settings.items():
        row.setdefault(key, value)
    return list(row), [row]
