"""The choices sheet read into choice lists, remembering the row of each choice and the
extra columns of each list (the columns a choice filter may name)."""

from __future__ import annotations

from dataclasses import dataclass, field

from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import BUILTIN_LISTS, Choice, ChoiceList
from neutralitas_desktop.instruments.xlsform.normaliser import Settings, Table
from neutralitas_desktop.instruments.xlsform.problems import Finding, Report, Where
from neutralitas_desktop.instruments.xlsform.reader import cell_text, is_blank
from neutralitas_desktop.instruments.xlsform_extras import choice_images


@dataclass
class ChoiceSheet:
    """The choice lists of a workbook and where each choice and list is."""

    lists: dict[str, ChoiceList] = field(default_factory=dict)
    rows: dict[tuple[str, str], int] = field(default_factory=dict)  # (list, choice) -> row
    list_rows: dict[str, int] = field(default_factory=dict)  # list -> its first row
    list_columns: dict[str, set[str]] = field(default_factory=dict)  # list -> extra columns

    def builtin_for(self, list_name: str) -> str:
        """ "yes_no_na" / "consent" when a list is the generated list of a built-in type."""
        match = cols.BUILTIN_LIST_NAME.match(list_name)
        choice_list = self.lists.get(list_name)
        if not match or choice_list is None:
            return ""
        builtin = BUILTIN_LISTS[match.group(1)]
        if [c.name for c in choice_list.choices] != [c.name for c in builtin.choices]:
            return ""
        for mine, theirs in zip(choice_list.choices, builtin.choices, strict=True):
            if mine.attributes:
                return ""
            for language in ("id", "en"):
                text = mine.label.get(language)
                if text and text != theirs.label.get(language):
                    return ""
        return match.group(1)


def read_choices(
    table: Table | None, settings: Settings, default: str, report: Report
) -> ChoiceSheet:
    """Every choice list; rows without a list name or a name, and duplicates, reported."""
    out = ChoiceSheet()
    if table is None:
        return out
    lists: dict[str, list[Choice]] = {}
    sheet = table.sheet.title
    allow_duplicates = settings.text("allow_choice_duplicates").lower() in cols.YES_WORDS
    for row in table.sheet.rows:
        list_name = table.get(row, "list_name")
        name = table.get(row, "name")
        label = table.local(row, "label", default)
        attributes = {}
        for column in table.attributes:
            value = row.values.get(column.index)
            if not is_blank(value):
                attributes[column.header] = cell_text(value)
        if not list_name and not name and not label and not attributes:
            continue
        if not list_name:
            report.problem(
                Where(sheet, row.number, table.header_of("list_name")), "choice has no list name"
            )
            continue
        if not name:
            report.problem(
                Where(sheet, row.number, table.header_of("name")),
                f"choice of list '{list_name}' has no name",
            )
            continue
        out.list_rows.setdefault(list_name, row.number)
        out.list_columns.setdefault(list_name, set()).update(attributes)
        previous = out.rows.get((list_name, name))
        if previous is not None:
            where = Where(sheet, row.number, table.header_of("name"))
            duplicate = f"duplicate choice '{name}' in list '{list_name}' (also row {previous})"
            if not allow_duplicates:
                report.problem(where, duplicate)
                continue
            report.settle(
                Finding(
                    where,
                    refused=f"{duplicate}; allow_choice_duplicates is set, but this app needs "
                    "unique choice names (a lenient import keeps the first)",
                    converted=f"second choice '{name}' of list '{list_name}' dropped (row "
                    f"{previous} is kept)",
                    apply=lambda: None,
                )
            )
            continue
        out.rows[(list_name, name)] = row.number
        media = choice_images(row, table, default)
        lists.setdefault(list_name, []).append(Choice(name, label, attributes, media))
    out.lists = {name: ChoiceList(name, tuple(choices)) for name, choices in lists.items()}
    return out
