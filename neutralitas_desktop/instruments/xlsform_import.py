"""Reading an XLSForm workbook (ODK / KoboToolbox) into the instrument model.

Research teams author forms in Excel. This converts their ``survey``, ``choices`` and
``settings`` sheets into a validated :class:`Instrument` and, when the form cannot be
used, says what to fix in the workbook's own terms: sheet, row (as Excel numbers it),
column, and what is wrong — every problem of the file at once.
"""

from __future__ import annotations

import difflib
import re
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments import expressions
from neutralitas_desktop.instruments import xlsform_columns as cols
from neutralitas_desktop.instruments.model import (
    BUILTIN_LISTS,
    YES_NO_NA_LIST,
    Choice,
    ChoiceList,
    Group,
    Instrument,
    LocalText,
    Node,
    Question,
)
from neutralitas_desktop.instruments.validation import NAME_RE, validate
from neutralitas_desktop.instruments.xlsform_extras import (
    carry_setting,
    choice_images,
    fold_exported_other,
)
from neutralitas_desktop.instruments.zip_limits import check_xlsx

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REFERENCE_RE = re.compile(r"\$\{([^}]*)\}")
_FUNCTION_CALL_RE = re.compile(r"([^\W\d](?:\w|[-:.](?=[^\W\d]))*)\s*\(")
_STRING_RE = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^‘’]*[‘’]|“[^“”]*[“”]")
_BARE_NAME_RE = re.compile(r"[^\W\d](?:\w|[-:](?=[^\W\d]))*")
_QUOTE_CLOSERS = {"'": "'", '"': '"', "‘": "‘’", "’": "‘’", "“": "“”", "”": "“”"}
_EXPRESSION_FIELDS = ("relevant", "constraint", "calculation", "choice_filter", "required_if")


@dataclass
class ImportResult:
    """An imported instrument with what the author should know about the conversion."""

    instrument: Instrument
    warnings: list[str] = field(default_factory=list)
    # What a lenient import changed, one line each ("sheet survey, row 12, column type: …").
    conversions: list[str] = field(default_factory=list)


def import_xlsform(
    path: Path | str, *, lenient: bool = False, themes: set[str] | None = None
) -> ImportResult:
    """Read, convert and validate an XLSForm; raise InstrumentError listing every problem.

    ``themes``: the codebook's theme codes, when known, to check the ``theme`` column.
    """
    return _Importer(Path(path), lenient, themes).run()


# ---- reading the workbook -------------------------------------------------------------


@dataclass
class _Column:
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
class _Row:
    number: int  # as Excel shows it
    values: dict[int, Any]  # column index -> cell value


@dataclass
class _Sheet:
    title: str
    header_row: int
    headers: list[tuple[int, str]]  # (column index, header text) of non-empty headers
    rows: list[_Row]
    blank_header_cells: dict[int, int] = field(default_factory=dict)  # col -> cells ignored


def _read_workbook(path: Path) -> dict[str, _Sheet]:
    """Every sheet of the workbook by lower-cased title; one-line errors for bad files."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InstrumentError(source, ["file not found"]) from None
    except OSError as exc:
        raise InstrumentError(source, [f"cannot be read: {exc.strerror or exc}"]) from None
    if head.startswith(_OLE_MAGIC):
        if _looks_encrypted(path):
            raise InstrumentError(
                source,
                [
                    "the workbook is password-protected; open it in Excel, remove the "
                    "password (File > Info > Protect Workbook) and save it again"
                ],
            )
        raise InstrumentError(
            source,
            ["is an Excel 97-2003 (.xls) workbook; open it in Excel and save it as .xlsx"],
        )
    if not zipfile.is_zipfile(path):
        raise InstrumentError(
            source, ["is not an Excel workbook (.xlsx): the file is damaged or of another kind"]
        )
    check_xlsx(path, source)  # sheets and shared strings within bounds before openpyxl
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it skips (extensions, data validation);
            # none of them matter for a form.
            warnings.simplefilter("ignore", UserWarning)
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise InstrumentError(
            source, [f"cannot be read as an Excel workbook (.xlsx): {_short(exc)}"]
        ) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return {ws.title.strip().lower(): _read_sheet(ws) for ws in workbook.worksheets}
    except Exception as exc:
        raise InstrumentError(
            source, [f"cannot be read as an Excel workbook (.xlsx): {_short(exc)}"]
        ) from None
    finally:
        workbook.close()


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _looks_encrypted(path: Path) -> bool:
    """An OOXML file saved with a password is an OLE container holding EncryptedPackage."""
    try:
        data = path.read_bytes()[: 1 << 20]
    except OSError:
        return False
    return "EncryptedPackage".encode("utf-16-le") in data or b"EncryptionInfo" in data


def _read_sheet(ws: Any) -> _Sheet:
    # Declared dimensions can be absurd (1048576 x 16384 for a sheet of ten cells):
    # forget them and read only the cells that are there.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    header_row = 0
    headers: list[tuple[int, str]] = []
    rows: list[_Row] = []
    for number, raw in enumerate(ws.iter_rows(values_only=True), 1):
        values = {i: v for i, v in enumerate(raw) if not _is_blank(v)}
        if not values:
            continue
        if not header_row:
            header_row = number
            headers = [(i, _text(v)) for i, v in sorted(values.items())]
            continue
        rows.append(_Row(number, values))
    return _Sheet(ws.title, header_row, headers, rows)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    """A cell as text the way Excel shows it (1.0 -> "1", TRUE -> "TRUE")."""
    if value is None:
        return ""
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return str(value)
    return str(value).strip()


# ---- the conversion -------------------------------------------------------------------


@dataclass
class _Table:
    """A sheet with its columns understood."""

    sheet: _Sheet
    columns: dict[int, _Column]
    by_field: dict[str, _Column]  # first column of each untranslated field
    texts: dict[str, dict[str, _Column]]  # translatable field -> language ("" default) -> column
    attributes: list[_Column]  # choices: extra columns

    def cell(self, row: _Row, name: str) -> Any:
        column = self.by_field.get(name)
        return None if column is None else row.values.get(column.index)

    def get(self, row: _Row, name: str) -> str:
        return _text(self.cell(row, name))

    def expr(self, row: _Row, name: str) -> str:
        """An expression cell; Excel's TRUE / FALSE become true() / false()."""
        text = self.get(row, name)
        return {"true": "true()", "false": "false()"}.get(text.lower(), text)

    def local(self, row: _Row, name: str, default_language: str) -> LocalText:
        out: LocalText = {}
        for language, column in self.texts.get(name, {}).items():
            value = _text(row.values.get(column.index))
            if value:
                out[language or default_language] = value
        return out

    def header_of(self, name: str, language: str = "", default: str = "") -> str:
        if name in self.texts:
            columns = self.texts[name]
            column = (
                columns.get(language)
                or (columns.get("") if language == default else None)
                or next(iter(columns.values()))
            )
            return column.name
        column = self.by_field.get(name)
        return column.name if column else name


@dataclass
class _Parsed:
    """What the type column of a row says."""

    kind: str  # question | begin | end | metadata | unsupported | unknown
    type: str = ""  # model type (question), group | repeat | loop (begin/end)
    list_name: str = ""
    other: bool = False
    raw: str = ""
    lenient_type: str = ""  # unsupported: text | file | note | drop
    reason: str = ""


@dataclass
class _Frame:
    kind: str  # root | group | repeat
    row: _Row | None
    fields: dict[str, Any]
    children: list[Node] = field(default_factory=list)


class _Importer:
    def __init__(self, path: Path, lenient: bool, themes: set[str] | None = None) -> None:
        self.path = path
        self.source = str(path)
        self.lenient = lenient
        self.themes = themes
        self.problems: list[tuple[int, int, int, str]] = []  # sheet rank, row, col, text
        self.warnings: list[str] = []
        self.conversions: list[str] = []
        self.reported: set[tuple[str, str]] = set()  # (node, field) with a problem already
        self.node_rows: dict[str, list[int]] = {}
        self.dropped_metadata: dict[str, str] = {}  # name -> type
        self.list_rows: dict[str, int] = {}
        self.list_columns: dict[str, set[str]] = {}
        self.survey_title = "survey"
        self.choices_title = "choices"
        self.settings_title = "settings"

    # ---- messages ----
    def where(self, sheet: str, row: int | None = None, column: str | None = None) -> str:
        out = f"sheet {sheet}"
        if row:
            out += f", row {row}"
        if column:
            out += f", column {column}"
        return out

    def problem(
        self,
        sheet: str,
        row: int | None,
        column: str | None,
        message: str,
        node: str = "",
        fld: str = "",
    ) -> None:
        titles = (self.survey_title, self.choices_title, self.settings_title)
        rank = titles.index(sheet) if sheet in titles else len(titles)
        self.problems.append(
            (rank, row or 0, len(self.problems), f"{self.where(sheet, row, column)}: {message}")
        )
        if node or fld:
            self.reported.add((node, fld))

    def warn(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.warnings.append(f"{self.where(sheet, row, column)}: {message}")

    def converted(self, sheet: str, row: int, column: str, message: str) -> None:
        self.conversions.append(f"{self.where(sheet, row, column)}: {message}")

    # ---- main ----
    def run(self) -> ImportResult:
        sheets = _read_workbook(self.path)
        survey_sheet = self.pick_survey(sheets)
        survey = self.survey_table(survey_sheet)
        choices_sheet = sheets.get("choices")
        choices = self.choices_table(choices_sheet) if choices_sheet else None
        settings_sheet = sheets.get("settings")
        settings = self.read_settings(settings_sheet)
        self.report_other_sheets(sheets, survey_sheet)

        languages, default = self.languages(survey, choices, settings)
        self.default = default
        choice_lists, choice_rows = self.read_choices(choices, settings)
        self.choice_rows = choice_rows
        children = self.read_survey(survey, choice_lists)
        instrument = self.assemble(settings, languages, default, children, choice_lists)
        instrument = fold_exported_other(instrument)
        instrument = self.strip_metadata_refs(instrument, survey)
        self.check_texts(instrument, survey, choice_lists)
        self.check_with_model(instrument, survey)
        if self.problems:
            self.problems.sort()
            raise InstrumentError(self.source, [text for *_, text in self.problems])
        return ImportResult(instrument, self.warnings, self.conversions)

    # ---- sheets ----
    def pick_survey(self, sheets: dict[str, _Sheet]) -> _Sheet:
        if "survey" in sheets:
            sheet = sheets["survey"]
        elif len(sheets) == 1:
            sheet = next(iter(sheets.values()))
            if sheet.header_row:
                self.warnings.append(
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
        self.survey_title = sheet.title
        return sheet

    def report_other_sheets(self, sheets: dict[str, _Sheet], survey: _Sheet) -> None:
        known = {"survey", "choices", "settings"}
        for key, sheet in sheets.items():
            if key in known or sheet is survey:
                continue
            close = difflib.get_close_matches(key, sorted(known - set(sheets)), n=1, cutoff=0.75)
            if close:
                self.warnings.append(
                    f"sheet '{sheet.title}' is not read; if it is meant to be the "
                    f"'{close[0]}' sheet, rename it"
                )
            elif key in ("external_choices", "entities", "osm") and sheet.rows:
                self.warnings.append(f"sheet '{sheet.title}' is not imported (ODK only)")

    def make_table(self, sheet: _Sheet, aliases: dict[str, str], *, attributes: bool) -> _Table:
        columns: dict[int, _Column] = {}
        by_field: dict[str, _Column] = {}
        texts: dict[str, dict[str, _Column]] = {}
        extra: list[_Column] = []
        seen_headers: dict[tuple[str, str | None], _Column] = {}
        ignored: list[str] = []
        media: list[str] = []
        for index, header in sheet.headers:
            fld, language = self.parse_header(header, aliases)
            column = _Column(index, header, fld, language)
            if fld == "_media":
                column.media = _media_kind(header)
            columns[index] = column
            if fld in ("", "_media", "_ignored", "_guidance"):
                if fld == "_media":
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
                self.problem(
                    sheet.title,
                    sheet.header_row,
                    column.letter,
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
            self.warnings.append(
                f"sheet {sheet.title}: media columns are not imported ({', '.join(media)})"
            )
        if ignored:
            self.warnings.append(
                f"sheet {sheet.title}: columns not used by this app are ignored "
                f"({', '.join(ignored)})"
            )
        # Cells under no header at all (ODK ignores them too).
        blank: dict[int, int] = {}
        for row in sheet.rows:
            for index in row.values:
                if index not in columns:
                    blank[index] = blank.get(index, 0) + 1
        for index, count in sorted(blank.items()):
            letter = _Column(index, "", "").letter
            self.warnings.append(
                f"sheet {sheet.title}, column {letter}: {count} cell(s) under no header are ignored"
            )
        return _Table(sheet, columns, by_field, texts, extra)

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

    def survey_table(self, sheet: _Sheet) -> _Table:
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

    def choices_table(self, sheet: _Sheet) -> _Table | None:
        self.choices_title = sheet.title
        if not sheet.header_row:
            return None
        table = self.make_table(sheet, cols.CHOICES_COLUMNS, attributes=True)
        for needed in ("list_name", "name"):
            if needed not in table.by_field and sheet.rows:
                self.problem(
                    sheet.title, sheet.header_row, None, f"no '{needed}' column in the header row"
                )
        return table

    # ---- settings ----
    def read_settings(self, sheet: _Sheet | None) -> dict[str, Any]:
        settings: dict[str, Any] = {"_columns": {}}
        if sheet is None or not sheet.header_row:
            return settings
        self.settings_title = sheet.title
        values = sheet.rows[0].values if sheet.rows else {}
        row_number = sheet.rows[0].number if sheet.rows else sheet.header_row + 1
        settings["_row"] = row_number
        for index, header in sheet.headers:
            key = cols.header_key(header)
            value = values.get(index)
            for prefix, target in (
                (cols.TITLE_PREFIX, "titles"),
                (cols.DESCRIPTION_PREFIX, "descriptions"),
            ):
                if key.startswith(prefix) and len(key) > len(prefix):
                    if not _is_blank(value):
                        settings.setdefault(target, {})[
                            cols.language_code(header.strip()[len(prefix) :])
                        ] = _text(value)
                    break
            else:
                fld = cols.SETTINGS_COLUMNS.get(key)
                if fld is None:
                    carry_setting(settings, header, key, value, self.warnings)
                    continue
                settings["_columns"][fld] = header
                if not _is_blank(value):
                    settings[fld] = value
        return settings

    # ---- languages ----
    def languages(
        self, survey: _Table, choices: _Table | None, settings: dict[str, Any]
    ) -> tuple[tuple[str, ...], str]:
        order: list[str] = []  # "" for plain columns
        for table in (survey, choices):
            if table is None:
                continue
            for column in sorted(table.columns.values(), key=lambda c: c.index):
                if column.language is not None and column.language not in order:
                    order.append(column.language)
        explicit = [lang for lang in order if lang]
        given = settings.get("default_language")
        if given is not None:
            default = cols.language_code(_text(given))
        elif explicit:
            default = explicit[0]
        else:
            default = "en"
            if "" in order:
                self.warnings.append(
                    "the labels give no language (as in 'label::Indonesian (id)'); they are "
                    "taken as English (en) — set default_language in the settings sheet if "
                    "they are not"
                )
        for table in (survey, choices):
            for fld, columns in (table.texts if table else {}).items():
                plain, same = columns.get(""), columns.get(default)
                if plain is not None and same is not None:
                    self.problem(
                        table.sheet.title,
                        table.sheet.header_row,
                        same.letter,
                        f"'{same.header}' and '{plain.header}' (column {plain.letter}) are both "
                        f"the {fld} in the default language; delete or rename one of them",
                    )
        result: list[str] = []
        for lang in order:
            code = lang or default
            if code not in result:
                result.append(code)
        for code in [*settings.get("titles", {}), *settings.get("descriptions", {})]:
            if code not in result:
                result.append(code)
        if default not in result:
            if result and given is not None:
                self.warnings.append(
                    f"{self.where(self.settings_title, settings.get('_row'), 'default_language')}"
                    f": no column is in '{_text(given)}'"
                )
            result.insert(0, default)
        return tuple(result), default

    # ---- choices ----
    def read_choices(
        self, table: _Table | None, settings: dict[str, Any]
    ) -> tuple[dict[str, ChoiceList], dict[tuple[str, str], int]]:
        lists: dict[str, list[Choice]] = {}
        rows: dict[tuple[str, str], int] = {}
        if table is None:
            return {}, rows
        sheet = table.sheet.title
        allow_duplicates = _text(settings.get("allow_choice_duplicates")).lower() in cols.YES_WORDS
        for row in table.sheet.rows:
            list_name = table.get(row, "list_name")
            name = table.get(row, "name")
            label = table.local(row, "label", self.default)
            attributes = {}
            for column in table.attributes:
                value = row.values.get(column.index)
                if not _is_blank(value):
                    attributes[column.header] = _text(value)
            if not list_name and not name and not label and not attributes:
                continue
            if not list_name:
                self.problem(
                    sheet, row.number, table.header_of("list_name"), "choice has no list name"
                )
                continue
            if not name:
                self.problem(
                    sheet,
                    row.number,
                    table.header_of("name"),
                    f"choice of list '{list_name}' has no name",
                )
                continue
            self.list_rows.setdefault(list_name, row.number)
            self.list_columns.setdefault(list_name, set()).update(attributes)
            previous = rows.get((list_name, name))
            if previous is not None:
                column = table.header_of("name")
                if allow_duplicates and self.lenient:
                    self.converted(
                        sheet,
                        row.number,
                        column,
                        f"second choice '{name}' of list '{list_name}' dropped (row "
                        f"{previous} is kept)",
                    )
                    continue
                hint = (
                    "; allow_choice_duplicates is set, but this app needs unique choice "
                    "names (a lenient import keeps the first)"
                    if allow_duplicates
                    else ""
                )
                self.problem(
                    sheet,
                    row.number,
                    column,
                    f"duplicate choice '{name}' in list '{list_name}' (also row {previous}){hint}",
                )
                continue
            rows[(list_name, name)] = row.number
            media = choice_images(row, table, self.default)
            lists.setdefault(list_name, []).append(Choice(name, label, attributes, media))
        return {name: ChoiceList(name, tuple(choices)) for name, choices in lists.items()}, rows

    # ---- survey ----
    def parse_type(self, raw: str) -> _Parsed:
        text = " ".join(raw.split())
        lowered = text.lower()
        match = re.match(r"^(begin|end)[ _](group|repeat|loop)\b\s*(.*)$", lowered)
        if match:
            kind, what, rest = match.groups()
            list_name = ""
            if what == "loop" and kind == "begin":
                rest_raw = text[len(text) - len(rest) :] if rest else ""
                list_name = re.sub(r"^over\s+", "", rest_raw, flags=re.I).strip()
            return _Parsed(kind, what, list_name=list_name, raw=text)
        if lowered in cols.SIMPLE_TYPES:
            return _Parsed("question", cols.SIMPLE_TYPES[lowered], raw=text)
        if lowered in cols.METADATA_TYPES:
            return _Parsed("metadata", lowered, raw=text)
        first = lowered.split(" ", 1)[0]
        if lowered in cols.UNSUPPORTED_TYPES or first in cols.UNSUPPORTED_TYPES:
            target, reason = cols.UNSUPPORTED_TYPES.get(lowered) or cols.UNSUPPORTED_TYPES[first]
            return _Parsed("unsupported", lowered, raw=text, lenient_type=target, reason=reason)
        for spelling, base in cols.SELECT_SPELLINGS:
            if lowered == spelling or lowered.startswith(spelling + " "):
                rest = text[len(spelling) :].strip()
                other = False
                for suffix in cols.OTHER_SUFFIXES:
                    if rest.lower().endswith(" " + suffix):
                        rest, other = rest[: -len(suffix)].strip(), True
                        break
                if base in cols.EXTERNAL_SELECTS:
                    return _Parsed(
                        "unsupported",
                        base,
                        list_name=rest,
                        raw=text,
                        lenient_type="text",
                        reason=cols.EXTERNAL_SELECTS[base],
                    )
                return _Parsed("question", base, list_name=rest, other=other, raw=text)
        return _Parsed("unknown", raw=text)

    def read_survey(self, table: _Table, choice_lists: dict[str, ChoiceList]) -> list[Node]:
        sheet = table.sheet.title
        type_col = table.header_of("type")
        stack = [_Frame("root", None, {})]
        self.used_lists: dict[str, list[tuple[str, int]]] = {}
        self.builtin_candidates: set[str] = set()
        for row in table.sheet.rows:
            raw_type = table.get(row, "type")
            name = table.get(row, "name")
            if not raw_type:
                if any(
                    table.columns[i].field not in ("", "_media", "_ignored", "_guidance")
                    for i in row.values
                    if i in table.columns
                ):
                    what = f" (name '{name}')" if name else ""
                    self.problem(sheet, row.number, type_col, f"row has no type{what}")
                continue
            parsed = self.parse_type(raw_type)
            if parsed.kind == "end":
                self.close_frame(stack, parsed, row, table)
                continue
            if parsed.kind == "metadata":
                if name:
                    self.dropped_metadata[name] = parsed.type
                self.warn(
                    sheet,
                    row.number,
                    type_col,
                    f"'{parsed.raw}' (metadata recorded by the phone) is not imported; "
                    "sessions record their own time, device and researcher",
                )
                continue
            if not name:
                self.problem(
                    sheet, row.number, table.header_of("name"), f"'{parsed.raw}' needs a name"
                )
                continue
            self.node_rows.setdefault(name, []).append(row.number)
            if parsed.kind == "begin":
                self.open_frame(stack, parsed, row, table, name, choice_lists)
                continue
            question = self.make_question(parsed, row, table, name, choice_lists)
            if question is not None:
                stack[-1].children.append(question)
        while len(stack) > 1:
            frame = stack.pop()
            assert frame.row is not None
            self.problem(
                sheet,
                frame.row.number,
                type_col,
                f"'begin {frame.kind}' ('{frame.fields['name']}') has no matching 'end "
                f"{frame.kind}'",
                frame.fields["name"],
                "type",
            )
            stack[-1].children.append(self.build_group(frame))
        return stack[0].children

    def open_frame(
        self,
        stack: list[_Frame],
        parsed: _Parsed,
        row: _Row,
        table: _Table,
        name: str,
        choice_lists: dict[str, ChoiceList],
    ) -> None:
        sheet = table.sheet.title
        kind = parsed.type
        fields: dict[str, Any] = {
            "name": name,
            "label": table.local(row, "label", self.default),
            "hint": table.local(row, "hint", self.default),
            "relevant": table.expr(row, "relevant"),
            "appearance": table.get(row, "appearance"),
            "repeat_count": table.expr(row, "repeat_count"),
        }
        if kind == "loop":
            type_col = table.header_of("type")
            choices = choice_lists.get(parsed.list_name)
            if not self.lenient:
                self.problem(
                    sheet,
                    row.number,
                    type_col,
                    f"'{parsed.raw}' (a loop over a choice list) is not supported; use "
                    "'begin repeat' (a lenient import converts it to a repeat with one item "
                    "per choice)",
                    name,
                    "type",
                )
            elif choices is None:
                self.problem(
                    sheet,
                    row.number,
                    type_col,
                    f"list name '{parsed.list_name}' has no choices in the choices sheet",
                    name,
                    "type",
                )
            else:
                fields["repeat_count"] = str(len(choices.choices))
                self.converted(
                    sheet,
                    row.number,
                    type_col,
                    f"'{parsed.raw}' converted to a repeat of {len(choices.choices)} items "
                    f"(one per choice of '{parsed.list_name}')",
                )
            kind = "repeat"
        self.lenient_expressions(fields, row, table, name, is_group=True)
        stack.append(_Frame(kind, row, fields))

    def close_frame(self, stack: list[_Frame], parsed: _Parsed, row: _Row, table: _Table) -> None:
        sheet = table.sheet.title
        type_col = table.header_of("type")
        if len(stack) == 1:
            self.problem(
                sheet, row.number, type_col, f"'{parsed.raw}' has no matching 'begin {parsed.type}'"
            )
            return
        frame = stack[-1]
        wanted = "repeat" if parsed.type in ("repeat", "loop") else "group"
        opened = frame.kind
        assert frame.row is not None
        if wanted != opened:
            self.problem(
                sheet,
                row.number,
                type_col,
                f"'{parsed.raw}' closes 'begin {opened}' ('{frame.fields['name']}', row "
                f"{frame.row.number}); write 'end {opened}'",
            )
        stack.pop()
        stack[-1].children.append(self.build_group(frame))

    def build_group(self, frame: _Frame) -> Group:
        f = frame.fields
        return Group(
            name=f["name"],
            label=f["label"],
            hint=f["hint"],
            relevant=f["relevant"],
            appearance=f["appearance"],
            repeat=frame.kind == "repeat",
            repeat_count=f["repeat_count"],
            children=tuple(frame.children),
        )

    def make_question(
        self,
        parsed: _Parsed,
        row: _Row,
        table: _Table,
        name: str,
        choice_lists: dict[str, ChoiceList],
    ) -> Question | None:
        sheet = table.sheet.title
        type_col = table.header_of("type")
        q: dict[str, Any] = {
            "name": name,
            "label": table.local(row, "label", self.default),
            "hint": table.local(row, "hint", self.default),
            "required_message": table.local(row, "required_message", self.default),
            "relevant": table.expr(row, "relevant"),
            "constraint": table.expr(row, "constraint"),
            "constraint_message": table.local(row, "constraint_message", self.default),
            "calculation": table.expr(row, "calculation"),
            "default": "",
            "appearance": " ".join(table.get(row, "appearance").split()),
            "choice_filter": table.expr(row, "choice_filter"),
            "theme": table.get(row, "theme"),
            "trigger": table.get(row, "trigger"),
        }
        qtype = parsed.type
        if parsed.kind == "unknown":
            close = difflib.get_close_matches(
                parsed.raw.lower(), [*cols.SIMPLE_TYPES, "select_one", "select_multiple"], n=1
            )
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            self.problem(
                sheet, row.number, type_col, f"unknown type '{parsed.raw}'{hint}", name, "type"
            )
            qtype = "text"
        elif parsed.kind == "unsupported":
            target = parsed.lenient_type
            noun = {
                "text": "a text question",
                "file": "a file question",
                "note": "a note",
                "drop": "nothing (the row is dropped)",
            }[target]
            if not self.lenient:
                self.problem(
                    sheet,
                    row.number,
                    type_col,
                    f"type '{parsed.raw}' is not supported ({parsed.reason}); a lenient import "
                    f"converts it to {noun}",
                    name,
                    "type",
                )
            else:
                self.converted(sheet, row.number, type_col, f"{parsed.raw} converted to {noun}")
                if target == "drop":
                    self.node_rows.pop(name, None)
                    return None
                if q["choice_filter"]:
                    q["choice_filter"] = ""
                    self.converted(
                        sheet,
                        row.number,
                        table.header_of("choice_filter"),
                        f"choice_filter of '{name}' dropped with its external choices",
                    )
            qtype = target if target != "drop" else "text"
            if qtype == "note" and not q["label"]:
                q["label"] = {self.default: name}
        q["type"] = qtype
        if parsed.kind == "question":
            self.question_details(q, parsed, row, table, choice_lists)
            if q["choice_filter"] and q.get("choice_list"):
                self.check_choice_filter(q, row, table)
        self.check_media(row, table)
        # required / read_only
        required = table.get(row, "required")
        lowered = required.lower()
        if lowered in cols.YES_WORDS:
            q["required"] = True
        elif lowered not in cols.NO_WORDS:
            q["required_if"] = required
        read_only = table.get(row, "read_only").lower()
        if read_only in cols.YES_WORDS:
            q["read_only"] = True
        elif read_only not in cols.NO_WORDS:
            q["read_only"] = True
            self.warn(
                sheet,
                row.number,
                table.header_of("read_only"),
                f"read_only expression '{table.get(row, 'read_only')}' is not supported; "
                f"'{name}' is always read-only",
            )
        q["default"] = self.default_value(table.cell(row, "default"), q["type"])
        params = table.get(row, "parameters")
        if params:
            q["parameters"] = _parameters(params)
        stance_text = table.get(row, "stance")
        if stance_text:
            stance = _stance(stance_text)
            if stance is None:
                self.problem(
                    sheet,
                    row.number,
                    table.header_of("stance"),
                    f"stance '{stance_text}' is not of the form 'yes=violation;no=neutrality'",
                    name,
                    "stance",
                )
            else:
                q["stance"] = stance
        self.lenient_expressions(q, row, table, name, is_group=False)
        if q["type"] != "calculate" and not q["label"] and not q["hint"]:
            media = self.row_media_files(row, table)
            if media and self.lenient:
                q["label"] = {self.default: media}
                self.converted(
                    sheet,
                    row.number,
                    table.header_of("label"),
                    f"'{name}' has only media, which is not imported; its label is now the "
                    f"file name '{media}'",
                )
            elif media:
                self.problem(
                    sheet,
                    row.number,
                    table.header_of("label"),
                    f"'{name}' has only media ({media}), which is not imported, and no label "
                    "or hint; a lenient import uses the file name as its label",
                    name,
                    "label",
                )
            else:
                self.problem(
                    sheet,
                    row.number,
                    table.header_of("label"),
                    f"'{name}' has no label or hint",
                    name,
                    "label",
                )
        return Question(**q)

    def question_details(
        self,
        q: dict[str, Any],
        parsed: _Parsed,
        row: _Row,
        table: _Table,
        choice_lists: dict[str, ChoiceList],
    ) -> None:
        sheet = table.sheet.title
        name = q["name"]
        tokens = q["appearance"].split()
        if parsed.raw.lower() in cols.PHONE_NUMBER_TYPES and not q["constraint"]:
            q["constraint"] = cols.PHONE_NUMBER_CONSTRAINT
        if q["type"] == "text" and "multiline" in tokens:
            q["type"] = "long_text"
            tokens.remove("multiline")
        if parsed.type in ("select_one", "select_multiple"):
            list_name = parsed.list_name
            q["other"] = parsed.other
            if not list_name:
                self.problem(
                    sheet,
                    row.number,
                    table.header_of("type"),
                    f"'{parsed.raw}' needs a list name (as in 'select_one yes_no')",
                    name,
                    "choices",
                )
                return
            if list_name not in choice_lists:
                self.problem(
                    sheet,
                    row.number,
                    table.header_of("type"),
                    f"list name '{list_name}' has no choices in the choices sheet",
                    name,
                    "choices",
                )
            self.used_lists.setdefault(list_name, []).append((name, row.number))
            builtin = self.builtin_for(list_name, choice_lists)
            if parsed.type == "select_one" and builtin and not parsed.other:
                q["type"] = "yes_no_na" if builtin == YES_NO_NA_LIST else "consent"
                self.builtin_candidates.add(list_name)
                q["appearance"] = " ".join(tokens)
                return
            q["choice_list"] = list_name
            if parsed.type == "select_one" and "likert" in tokens and not parsed.other:
                q["type"] = "likert"
                tokens.remove("likert")
        q["appearance"] = " ".join(tokens)

    def check_choice_filter(self, q: dict[str, Any], row: _Row, table: _Table) -> None:
        """Bare names in a choice_filter must be columns of the choices sheet."""
        text, list_name = q["choice_filter"], q["choice_list"]
        _, bare = _neutralise_bare_names(text)
        known = {"name", "label"} | self.list_columns.get(list_name, set())
        unknown = [(word, position) for word, position in bare if word not in known]
        if not unknown:
            return
        sheet, column = table.sheet.title, table.header_of("choice_filter")
        if not self.lenient:
            for word, _ in unknown:
                self.problem(
                    sheet,
                    row.number,
                    column,
                    f"'{word}' in choice_filter '{text}' is not a column of list '{list_name}' "
                    f"in the choices sheet (a value is written in quotes, '{word}'; a lenient "
                    "import adds them)",
                    q["name"],
                    "choice_filter",
                )
            return
        fixed = text
        for word, position in reversed(unknown):
            fixed = f"{fixed[:position]}'{word}'{fixed[position + len(word) :]}"
        q["choice_filter"] = fixed
        words = ", ".join(f"'{word}'" for word, _ in unknown)
        self.converted(
            sheet,
            row.number,
            column,
            f"choice_filter '{text}' read as \"{fixed}\" ({words} is not a column of list "
            f"'{list_name}')",
        )

    def check_media(self, row: _Row, table: _Table) -> None:
        """ODK refuses big-image without image; say so although media is not imported."""
        kinds = {table.columns[i].media for i in row.values if i in table.columns}
        if "big-image" in kinds and "image" not in kinds:
            column = next(c.name for c in table.columns.values() if c.media == "big-image")
            self.problem(
                table.sheet.title,
                row.number,
                column,
                "big-image needs an image in the image column as well (ODK refuses the form "
                "otherwise)",
            )

    def builtin_for(self, list_name: str, choice_lists: dict[str, ChoiceList]) -> str:
        """ "yes_no_na" / "consent" when a list is the generated list of a built-in type."""
        match = cols.BUILTIN_LIST_NAME.match(list_name)
        choice_list = choice_lists.get(list_name)
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

    def row_media_files(self, row: _Row, table: _Table) -> str:
        """The first media file named on a row ("" when none)."""
        for index, value in sorted(row.values.items()):
            column = table.columns.get(index)
            if column is not None and column.field == "_media":
                return _text(value)
        return ""

    def default_value(self, value: Any, qtype: str) -> str:
        if isinstance(value, datetime):
            if qtype == "date":
                return value.date().isoformat()
            if qtype == "time":
                return value.strftime("%H:%M")
            if qtype == "datetime":
                return value.isoformat()
        if isinstance(value, time) and qtype == "time":
            return value.strftime("%H:%M")
        return _text(value)

    def lenient_expressions(
        self, fields: dict[str, Any], row: _Row, table: _Table, name: str, *, is_group: bool
    ) -> None:
        """Expressions using functions only ODK has: refused, or dropped when lenient."""
        sheet = table.sheet.title
        columns = (
            ["relevant"]
            if is_group
            else ["relevant", "constraint", "calculation", "choice_filter", "required_if"]
        )
        for fld in columns:
            text = fields.get(fld, "")
            if not text:
                continue
            found = _odk_only_functions(text)
            if not found:
                continue
            column = table.header_of("required" if fld == "required_if" else fld)
            listed = ", ".join(f"{f}()" for f in found)
            if not self.lenient:
                fix = (
                    "converts the question to a text question"
                    if fld == "calculation"
                    else f"drops the {column}"
                )
                self.problem(
                    sheet,
                    row.number,
                    column,
                    f"uses {listed}, which this app cannot compute; a lenient import {fix}",
                    name,
                    fld,
                )
                continue
            fields[fld] = ""
            if fld == "calculation" and fields.get("type") == "calculate":
                fields["type"] = "text"
                if not fields.get("label"):
                    fields["label"] = {self.default: name}
                self.converted(
                    sheet,
                    row.number,
                    column,
                    f"'{name}' uses {listed}, which this app cannot compute; converted to a "
                    "text question",
                )
            else:
                self.converted(
                    sheet,
                    row.number,
                    column,
                    f"{column} of '{name}' uses {listed}, which this app cannot compute; dropped",
                )

    # ---- the instrument ----
    def assemble(
        self,
        settings: dict[str, Any],
        languages: tuple[str, ...],
        default: str,
        children: list[Node],
        choice_lists: dict[str, ChoiceList],
    ) -> Instrument:
        sheet = self.settings_title
        row = settings.get("_row")
        columns = settings["_columns"]
        self.settings_row = row
        self.settings_columns = columns
        form_id = _text(settings.get("id"))
        if not form_id:
            form_id = self.path.stem
        if not NAME_RE.match(form_id):
            fixed = re.sub(r"[^A-Za-z0-9_.\-]+", "_", form_id).strip("_") or "form"
            if not re.match(r"[A-Za-z_]", fixed):
                fixed = "_" + fixed
            if settings.get("id") is not None:
                self.warn(
                    sheet,
                    row,
                    columns.get("id", "form_id"),
                    f"form id '{form_id}' may only hold letters, digits, _ . -; using '{fixed}'",
                )
            form_id = fixed
        version = settings.get("version")
        version_text = _text(version)
        if not version_text:
            version_text = "1"
            self.warnings.append("the settings sheet gives no version; the form is version '1'")
        title_text = _text(settings.get("title"))
        title: LocalText = {}
        if title_text:
            title[default] = title_text
        title.update(settings.get("titles", {}))
        if not title:
            title = {default: _text(settings.get("id")) or self.path.stem}
        description: LocalText = {}
        if settings.get("description") is not None:
            description[default] = _text(settings.get("description"))
        description.update(settings.get("descriptions", {}))
        roles = (
            tuple(re.split(r"[\s,;]+", _text(settings.get("roles"))))
            if settings.get("roles")
            else ()
        )
        # Generated lists of built-in types are not lists of the form.
        lists = dict(choice_lists)
        for list_name in self.builtin_candidates:
            users = [n for n, _ in self.used_lists.get(list_name, [])]
            still_used = any(
                isinstance(node, Question) and node.choice_list == list_name
                for node in _iter_nodes(children)
            )
            if users and not still_used:
                lists.pop(list_name, None)
        return Instrument(
            id=form_id,
            version=version_text,
            title=title,
            description=description,
            source_type=_text(settings.get("source_type")) or "interview",
            languages=languages,
            default_language=default,
            roles=roles,
            settings=settings.get("carried", {}),
            choice_lists=lists,
            children=tuple(children),
        )

    # ---- checks ----
    def check_texts(
        self, instrument: Instrument, survey: _Table, choice_lists: dict[str, ChoiceList]
    ) -> None:
        """Duplicate names and ${name} in texts (labels, hints, messages, defaults)."""
        sheet = survey.sheet.title
        for name, rows in self.node_rows.items():
            for number in rows[1:]:
                self.problem(
                    sheet,
                    number,
                    survey.header_of("name"),
                    f"duplicate name '{name}' (first used in row {rows[0]})",
                    name,
                    "name",
                )
        names = {node.name for _, node in instrument.walk()}
        for _, node in instrument.walk():
            number = self.node_rows.get(node.name, [0])[0]
            text_fields = ["label", "hint"]
            if isinstance(node, Question):
                text_fields += ["constraint_message", "required_message"]
            for fld in text_fields:
                local: LocalText = getattr(node, fld)
                for language, text in local.items():
                    self.check_text_refs(
                        text, names, sheet, number, survey.header_of(fld, language, self.default)
                    )
            if isinstance(node, Question) and node.default and "${" in node.default:
                self.check_text_refs(
                    node.default, names, sheet, number, survey.header_of("default")
                )
        for (list_name, choice_name), number in self.choice_rows.items():
            choice_list = choice_lists.get(list_name)
            choice = choice_list.get(choice_name) if choice_list else None
            if choice is None:
                continue
            for text in choice.label.values():
                self.check_text_refs(text, names, self.choices_title, number, "label")

    def check_text_refs(
        self, text: str, names: set[str], sheet: str, number: int, column: str
    ) -> None:
        for ref in _REFERENCE_RE.findall(text):
            if ref in names:
                continue
            if ref not in self.dropped_metadata:
                self.problem(sheet, number, column, f"reference to undefined ${{{ref}}}")

    def strip_metadata_refs(self, instrument: Instrument, survey: _Table) -> Instrument:
        """Texts showing dropped metadata (``${start}``) lose the reference, with a warning."""
        if not self.dropped_metadata:
            return instrument
        pattern = re.compile(r"\s*\$\{(" + "|".join(map(re.escape, self.dropped_metadata)) + r")\}")

        def clean(node_name: str, fld: str, local: LocalText) -> LocalText:
            out: LocalText = {}
            for language, text in local.items():
                found = pattern.findall(text)
                if found:
                    text = pattern.sub("", text).strip()
                    refs = ", ".join(f"${{{ref}}}" for ref in found)
                    self.warn(
                        survey.sheet.title,
                        self.node_rows.get(node_name, [0])[0],
                        survey.header_of(fld, language, self.default),
                        f"{refs} (metadata, not imported) removed from the text",
                    )
                if text:
                    out[language] = text
            return out

        def rewrite(node: Node) -> Node:
            fields = ["label", "hint"]
            if isinstance(node, Group):
                node = replace(node, children=tuple(rewrite(c) for c in node.children))
            else:
                fields += ["constraint_message", "required_message"]
            changes = {f: clean(node.name, f, getattr(node, f)) for f in fields}
            return replace(node, **changes)

        return replace(instrument, children=tuple(rewrite(c) for c in instrument.children))

    def check_with_model(self, instrument: Instrument, survey: _Table) -> None:
        """Validate the instrument and say where each problem is in the workbook."""
        sheet = survey.sheet.title
        # XLSForm choice filters name choice columns bare ("cf = ${state}"); check that
        # the names are columns, then validate the rest of the expression.
        substituted: dict[str, tuple[str, str]] = {}  # node -> (original, substituted)

        def neutral(node: Node) -> Node:
            if isinstance(node, Group):
                return replace(node, children=tuple(neutral(c) for c in node.children))
            if not node.choice_filter:
                return node
            text, _bare = _neutralise_bare_names(node.choice_filter)
            substituted[node.name] = (node.choice_filter, text)
            return replace(node, choice_filter=text)

        checked = replace(instrument, children=tuple(neutral(c) for c in instrument.children))
        report = validate(checked, self.themes)
        for problem in report.errors:
            if (problem.node, problem.field) in self.reported:
                continue
            message = problem.message
            if problem.node in substituted:
                original, text = substituted[problem.node]
                message = message.replace(f"'{text}'", f"'{original}'")
            ref = re.fullmatch(r"reference to undefined \$\{(.+)\}", message)
            if ref and ref.group(1) in self.dropped_metadata:
                kind = self.dropped_metadata[ref.group(1)]
                message = f"refers to ${{{ref.group(1)}}}, metadata ('{kind}') that is not imported"
            if problem.node:
                number = self.node_rows.get(problem.node, [0])[0]
                fld = {"required_if": "required", "choices": "type", "other": "type"}.get(
                    problem.field, problem.field
                )
                self.problem(sheet, number, survey.header_of(fld), message)
            elif problem.field == "choices":
                list_name = re.search(r"list '([^']*)'", message)
                number = self.list_rows.get(list_name.group(1), 0) if list_name else 0
                self.problem(self.choices_title, number, None, message)
            else:
                fld = {"id": "id", "languages": "default_language"}.get(
                    problem.field, problem.field
                )
                column = self.settings_columns.get(fld) or {
                    "id": "form_id",
                    "version": "version",
                }.get(fld, fld)
                self.problem(self.settings_title, self.settings_row, column, message)
        for problem in report.warnings:
            number = self.node_rows.get(problem.node, [0])[0]
            self.warn(sheet, number, survey.header_of(problem.field), problem.message)


def _media_kind(header: str) -> str:
    parts = [cols.header_key(p) for p in header.split("::")]
    if parts[0] == "media" and len(parts) > 1:
        return parts[1]
    return parts[0].split(":", 1)[0]


def _iter_nodes(nodes: Iterable[Node]) -> Iterable[Node]:
    for node in nodes:
        yield node
        if isinstance(node, Group):
            yield from _iter_nodes(node.children)


def _parameters(text: str) -> dict[str, str]:
    """``start=1 end=10 step=1`` (spaces, commas or semicolons between) -> dict."""
    out: dict[str, str] = {}
    for key, value in re.findall(r"([\w\-]+)\s*=\s*([^\s,;]+)", text):
        out[key.lower()] = value
    return out


def _stance(text: str) -> dict[str, str] | None:
    out: dict[str, str] = {}
    for part in re.split(r"[;\n]+", text):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            return None
        value, stance = (p.strip() for p in part.split("=", 1))
        if not value or not stance:
            return None
        out[value] = stance
    return out or None


def _odk_only_functions(text: str) -> list[str]:
    """Names of ODK-only functions called in ``text`` (string literals skipped)."""
    stripped = _STRING_RE.sub(lambda m: " " * len(m.group()), text)
    stripped = _REFERENCE_RE.sub(lambda m: " " * len(m.group()), stripped)
    found: list[str] = []
    for match in _FUNCTION_CALL_RE.finditer(stripped):
        name = match.group(1)
        known = name in expressions.KNOWN_FUNCTIONS
        if name in cols.ODK_ONLY_FUNCTIONS and not known and name not in found:
            found.append(name)
    return found


def _neutralise_bare_names(text: str) -> tuple[str, list[tuple[str, int]]]:
    """Replace bare names (choice columns in a choice_filter) by numbers of equal length.

    Positions stay the same, so syntax errors in the rest are reported where they are.
    """
    out = list(text)
    found: list[tuple[str, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _QUOTE_CLOSERS:
            j = i + 1
            while j < n and text[j] not in _QUOTE_CLOSERS[c]:
                j += 1
            i = j + 1
            continue
        if text.startswith("${", i):
            close = text.find("}", i)
            i = n if close < 0 else close + 1
            continue
        if c.isdigit():
            while i < n and (text[i].isdigit() or text[i] == "."):
                i += 1
            continue
        match = _BARE_NAME_RE.match(text, i)
        if match:
            word, end = match.group(), match.end()
            k = end
            while k < n and text[k].isspace():
                k += 1
            is_call = k < n and text[k] == "("
            if not is_call and word not in ("and", "or", "div", "mod"):
                found.append((word, i))
                out[i:end] = "0" * (end - i)
            i = end
            continue
        i += 1
    return "".join(out), found
