"""The normaliser: sheets as tables of known fields (header aliases, ``label::Bahasa
(id)`` languages, ignored and media columns), the settings row and the form's languages."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import LocalText
from neutralitas_desktop.instruments.xlsform.problems import Report, Where
from neutralitas_desktop.instruments.xlsform.reader import Row, Sheet, cell_text, is_blank
from neutralitas_desktop.instruments.xlsform_extras import carry_setting


@dataclass
class Column:
    index: int  # 0-based
    header: str  # as written, trimmed
    field: str  # the field it holds; "" when ignored
    language: str | None = None  # translatable columns: code, or "" for the default language
    media: str = ""  # media columns: image, big-image, audio, video, …

    @property
    def letter(self) -> str:
        n, letters = self.index + 1, ""
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        return letters

    @property
    def name(self) -> str:
        return self.header or f"{self.letter} (no header)"


@dataclass
class Table:
    """A sheet with its columns understood."""

    sheet: Sheet
    columns: dict[int, Column]
    by_field: dict[str, Column]  # first column of each untranslated field
    texts: dict[str, dict[str, Column]]  # translatable field -> language ("" default) -> column
    attributes: list[Column]  # choices: extra columns

    def cell(self, row: Row, name: str) -> Any:
        column = self.by_field.get(name)
        return None if column is None else row.values.get(column.index)

    def get(self, row: Row, name: str) -> str:
        return cell_text(self.cell(row, name))

    def expr(self, row: Row, name: str) -> str:
        """An expression cell; Excel's TRUE / FALSE become true() / false()."""
        text = self.get(row, name)
        return {"true": "true()", "false": "false()"}.get(text.lower(), text)

    def local(self, row: Row, name: str, default_language: str) -> LocalText:
        out: LocalText = {}
        for language, column in self.texts.get(name, {}).items():
            value = cell_text(row.values.get(column.index))
            if value:
                out[language or default_language] = value
        return out

    def header_of(self, name: str, language: str = "", default: str = "") -> str:
        if name in self.texts:
            columns = self.texts[name]
            text_column = (
                columns.get(language)
                or (columns.get("") if language == default else None)
                or next(iter(columns.values()))
            )
            return text_column.name
        column = self.by_field.get(name)
        return column.name if column else name


@dataclass
class Settings:
    """The settings sheet's one row: raw cells by field, and where each field is."""

    title: str = "settings"
    row: int | None = None
    values: dict[str, Any] = field(default_factory=dict)  # field -> non-blank cell
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    titles: LocalText = field(default_factory=dict)
    descriptions: LocalText = field(default_factory=dict)
    carried: dict[str, str] = field(default_factory=dict)  # ODK settings kept for export

    def text(self, name: str) -> str:
        return cell_text(self.values.get(name))


@dataclass
class Tables:
    """A workbook normalised: what the builder reads."""

    survey: Table
    choices: Table | None
    settings: Settings
    languages: tuple[str, ...]
    default: str


class Normaliser:
    """Reads sheets into tables; header problems go to the report."""

    def __init__(self, source: str, report: Report) -> None:
        self.source = source
        self.report = report

    def run(self, sheets: dict[str, Sheet]) -> Tables:
        survey_sheet = self.pick_survey(sheets)
        survey = self.survey_table(survey_sheet)
        choices_sheet = sheets.get("choices")
        choices = self.choices_table(choices_sheet) if choices_sheet else None
        settings = self.read_settings(sheets.get("settings"))
        self.report.sheet_order = (
            survey_sheet.title,
            choices_sheet.title if choices_sheet else "choices",
            settings.title,
        )
        self.report_other_sheets(sheets, survey_sheet)
        languages, default = self.languages(survey, choices, settings)
        return Tables(survey, choices, settings, languages, default)

    def pick_survey(self, sheets: dict[str, Sheet]) -> Sheet:
        if "survey" in sheets:
            sheet = sheets["survey"]
        elif len(sheets) == 1:
            sheet = next(iter(sheets.values()))
            if sheet.header_row:
                self.report.warnings.append(
                    f"no sheet named 'survey'; the only sheet, '{sheet.title}', is read as "
                    "the survey"
                )
        else:
            names = ", ".join(f"'{s.title}'" for s in sheets.values())
            close = difflib.get_close_matches("survey", list(sheets), n=1, cutoff=0.6)
            hint = f" (is '{sheets[close[0]].title}' meant to be it?)" if close else ""
            raise InstrumentError(
                self.source, [f"has no sheet named 'survey'{hint}; its sheets are {names}"]
            )
        if not sheet.header_row or not sheet.rows:
            raise InstrumentError(
                self.source,
                [
                    f"the survey sheet ('{sheet.title}') is empty: it needs a header row "
                    "(type, name, label) and at least one question"
                ],
            )
        return sheet

    def report_other_sheets(self, sheets: dict[str, Sheet], survey: Sheet) -> None:
        known = {"survey", "choices", "settings"}
        for key, sheet in sheets.items():
            if key in known or sheet is survey:
                continue
            close = difflib.get_close_matches(key, sorted(known - set(sheets)), n=1, cutoff=0.75)
            if close:
                self.report.warnings.append(
                    f"sheet '{sheet.title}' is not read; if it is meant to be the "
                    f"'{close[0]}' sheet, rename it"
                )
            elif key in ("external_choices", "entities", "osm") and sheet.rows:
                self.report.warnings.append(f"sheet '{sheet.title}' is not imported (ODK only)")

    def make_table(self, sheet: Sheet, aliases: dict[str, str], *, attributes: bool) -> Table:
        columns: dict[int, Column] = {}
        by_field: dict[str, Column] = {}
        texts: dict[str, dict[str, Column]] = {}
        extra: list[Column] = []
        seen_headers: dict[tuple[str, str | None], Column] = {}
        ignored: list[str] = []
        media: list[str] = []
        for index, header in sheet.headers:
            fld, language = self.parse_header(header, aliases)
            column = Column(index, header, fld, language)
            if fld == "_media":
                column.media = _media_kind(header)
            columns[index] = column
            if fld in ("", "_media", "_ignored", "_guidance"):
                if fld == "_media":
                    if not (attributes and column.media == "image"):  # choice images are kept
                        media.append(header)
                elif fld in ("_ignored", "_guidance"):
                    ignored.append(header)
                elif attributes:
                    column.field = "_attribute"
                    extra.append(column)
                else:
                    ignored.append(header)
                continue
            key = (fld, language)
            if key in seen_headers:
                first = seen_headers[key]
                self.report.problem(
                    Where(sheet.title, sheet.header_row, column.letter),
                    f"duplicate column header '{header}' (column {first.letter} is "
                    f"'{first.header}' already); delete or rename one of them",
                )
                continue
            seen_headers[key] = column
            if language is not None:
                texts.setdefault(fld, {})[language] = column
            else:
                by_field[fld] = column
        if media:
            self.report.warn(
                Where(sheet.title), f"media columns are not imported ({', '.join(media)})"
            )
        if ignored:
            self.report.warn(
                Where(sheet.title),
                f"columns not used by this app are ignored ({', '.join(ignored)})",
            )
        # Cells under no header at all (ODK ignores them too).
        blank: dict[int, int] = {}
        for row in sheet.rows:
            for index in row.values:
                if index not in columns:
                    blank[index] = blank.get(index, 0) + 1
        for index, count in sorted(blank.items()):
            letter = Column(index, "", "").letter
            self.report.warn(
                Where(sheet.title, None, letter), f"{count} cell(s) under no header are ignored"
            )
        return Table(sheet, columns, by_field, texts, extra)

    def parse_header(self, header: str, aliases: dict[str, str]) -> tuple[str, str | None]:
        """(field, language) of a header; field "" for an unknown column."""
        key = cols.header_key(header)
        if key in aliases:
            fld = aliases[key]
            return fld, ("" if fld in cols.TRANSLATABLE else None)
        base, language = key, None
        raw_language = ""
        if "::" in header:
            raw_base, raw_language = header.split("::", 1)
            base = cols.header_key(raw_base)
        elif ":" in header:
            raw_base, raw_language = header.split(":", 1)
            base = cols.header_key(raw_base)
        if base in cols.ATTRIBUTE_PREFIXES:
            return "_ignored", None
        if base == "media" or base in cols.MEDIA_COLUMNS or key in cols.MEDIA_COLUMNS:
            return "_media", None
        if base == "guidance_hint" or key == "guidance_hint":
            return "_guidance", None
        if raw_language.strip():
            fld = aliases.get(base, "")
            if fld in cols.TRANSLATABLE:
                language = cols.language_code(raw_language)
                return fld, language
        if key in cols.QUIET_COLUMNS:
            return "_ignored", None
        return "", None

    def survey_table(self, sheet: Sheet) -> Table:
        table = self.make_table(sheet, cols.SURVEY_COLUMNS, attributes=False)
        missing = [f for f in ("type", "name") if f not in table.by_field]
        if missing:
            found = ", ".join(h for _, h in sheet.headers)
            raise InstrumentError(
                self.source,
                [
                    f"sheet {sheet.title}, row {sheet.header_row}: no "
                    + " or ".join(f"'{m}'" for m in missing)
                    + f" column (the header row has: {found})"
                ],
            )
        return table

    def choices_table(self, sheet: Sheet) -> Table | None:
        if not sheet.header_row:
            return None
        table = self.make_table(sheet, cols.CHOICES_COLUMNS, attributes=True)
        for needed in ("list_name", "name"):
            if needed not in table.by_field and sheet.rows:
                self.report.problem(
                    Where(sheet.title, sheet.header_row), f"no '{needed}' column in the header row"
                )
        return table

    def read_settings(self, sheet: Sheet | None) -> Settings:
        if sheet is None or not sheet.header_row:
            return Settings()
        values = sheet.rows[0].values if sheet.rows else {}
        row_number = sheet.rows[0].number if sheet.rows else sheet.header_row + 1
        settings = Settings(sheet.title, row_number)
        for index, header in sheet.headers:
            key = cols.header_key(header)
            value = values.get(index)
            for prefix, target in (
                (cols.TITLE_PREFIX, settings.titles),
                (cols.DESCRIPTION_PREFIX, settings.descriptions),
            ):
                if key.startswith(prefix) and len(key) > len(prefix):
                    if not is_blank(value):
                        language = cols.language_code(header.strip()[len(prefix) :])
                        target[language] = cell_text(value)
                    break
            else:
                fld = cols.SETTINGS_COLUMNS.get(key)
                if fld is None:
                    carry_setting(settings.carried, header, key, value, self.report.warnings)
                    continue
                settings.columns[fld] = header
                if not is_blank(value):
                    settings.values[fld] = value
        return settings

    def languages(
        self, survey: Table, choices: Table | None, settings: Settings
    ) -> tuple[tuple[str, ...], str]:
        order: list[str] = []  # "" for plain columns
        for table in (survey, choices):
            if table is None:
                continue
            for column in sorted(table.columns.values(), key=lambda c: c.index):
                if column.language is not None and column.language not in order:
                    order.append(column.language)
        explicit = [lang for lang in order if lang]
        given = settings.values.get("default_language")
        if given is not None:
            default = cols.language_code(cell_text(given))
        elif explicit:
            default = explicit[0]
        else:
            default = "en"
            if "" in order:
                self.report.warnings.append(
                    "the labels give no language (as in 'label::Indonesian (id)'); they are "
                    "taken as English (en) — set default_language in the settings sheet if "
                    "they are not"
                )
        for table in (survey, choices):
            if table is None:
                continue
            for fld, columns in table.texts.items():
                plain, same = columns.get(""), columns.get(default)
                if plain is not None and same is not None:
                    self.report.problem(
                        Where(table.sheet.title, table.sheet.header_row, same.letter),
                        f"'{same.header}' and '{plain.header}' (column {plain.letter}) are both "
                        f"the {fld} in the default language; delete or rename one of them",
                    )
        result: list[str] = []
        for lang in order:
            code = lang or default
            if code not in result:
                result.append(code)
        for code in [*settings.titles, *settings.descriptions]:
            if code not in result:
                result.append(code)
        if default not in result:
            if result and given is not None:
                self.report.warn(
                    Where(settings.title, settings.row, "default_language"),
                    f"no column is in '{cell_text(given)}'",
                )
            result.insert(0, default)
        return tuple(result), default


def _media_kind(header: str) -> str:
    parts = [cols.header_key(p) for p in header.split("::")]
    if parts[0] == "media" and len(parts) > 1:
        return parts[1]
    return parts[0].split(":", 1)[0]
