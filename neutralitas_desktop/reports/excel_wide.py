"""The answer sheets, filled in one pass over the answers session by session: the long
sheet (one row per answer), one wide sheet per instrument (one row per session,
select-multiple as 0/1 columns) and one sheet per repeat keyed to its parent."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neutralitas_desktop.instruments.model import NUMERIC_TYPES, pick
from neutralitas_desktop.reports.excel_cells import ColumnSpec, SheetWriter
from neutralitas_desktop.reports.instrument_index import (
    FormIndex,
    QuestionInfo,
    RepeatInfo,
    repeat_path,
    typed_value,
)
from neutralitas_desktop.reports.queries import AnswerRow, SessionRecord

TYPED = NUMERIC_TYPES | {"likert", "date", "datetime", "time"}

LONG_COLUMNS = (
    ColumnSpec("session_id", "session (Sessions sheet)", "key"),
    ColumnSpec("form_id", "instrument id", "text"),
    ColumnSpec("site", "site", "text"),
    ColumnSpec("source_type", "kind of source", "text", "interview, observation, documentation"),
    ColumnSpec("informant_role", "informant's role (interviews)", "text"),
    ColumnSpec("informant_code", "pseudonymous informant code (interviews)", "text"),
    ColumnSpec("researcher", "researcher", "text"),
    ColumnSpec("started_at", "session start (UTC)", "datetime"),
    ColumnSpec("answer_key", "question name, or repeat[item]/question inside a repeat", "text"),
    ColumnSpec("repeat_key", "row key on the repeat's own sheet; empty outside repeats", "key"),
    ColumnSpec("question", "question name (Data dictionary)", "text"),
    ColumnSpec("label", "question label", "text", width=50),
    ColumnSpec("value", "the answer as stored: numbers as numbers, dates as dates", "text"),
    ColumnSpec("value_label", "the answer's choice label(s), for choice questions", "text"),
    ColumnSpec("theme", "codebook theme the question evidences", "text"),
    ColumnSpec(
        "auto_stance",
        "stance the instrument maps this value to",
        "text",
        "violation, neutrality, unclear",
    ),
    ColumnSpec("revisions", "number of saved revisions (1 = never edited)", "integer"),
    ColumnSpec(
        "conflict", "1 when two laptops edited the answer and it awaits resolution", "flag", "0, 1"
    ),
    ColumnSpec("note", "researcher's field note on the answer", "text", width=40),
)

WIDE_FIXED = (
    ColumnSpec("session_id", "session (Sessions sheet)", "key", label="session"),
    ColumnSpec("form_version", "instrument version", "text", label="version"),
    ColumnSpec("site", "site", "text", label="site"),
    ColumnSpec("informant_code", "pseudonymous informant code", "text", label="informant"),
    ColumnSpec("informant_role", "informant's role", "text", label="role"),
    ColumnSpec("researcher", "researcher", "text", label="researcher"),
    ColumnSpec("started_at", "session start (UTC)", "datetime", label="start (UTC)"),
    ColumnSpec("status", "review status", "text", label="status"),
)

REPEAT_FIXED = (
    ColumnSpec("repeat_key", "this item's key (session_id/repeat[item])", "key", label="key"),
    ColumnSpec(
        "parent_key",
        "the session_id, or the enclosing repeat item's repeat_key",
        "key",
        label="parent",
    ),
    ColumnSpec("session_id", "session (Sessions sheet)", "key", label="session"),
    ColumnSpec("item", "item id within the repeat", "text", label="item"),
    ColumnSpec(
        "position", "position of the item in the repeat (1 = first)", "integer", label="position"
    ),
)


def _kind(info: QuestionInfo) -> str:
    if info.type == "integer":
        return "integer"
    if info.type in ("decimal", "range"):
        return "number"
    if info.type in ("date", "datetime", "time"):
        return info.type
    if info.type in ("image", "file"):
        return "text"
    return "number" if info.type == "likert" else "text"


def _allowed(info: QuestionInfo, language: str) -> str:
    if info.type in ("image", "file"):
        return "file name of the stored attachment"
    parts = [f"{c.name} = {pick(c.label, language, 'id')}" for c in info.choices]
    if info.other:
        parts.append("other = " + ("Lainnya" if language == "id" else "Other"))
    return "; ".join(parts)


Cell = tuple[str, str, tuple[str, ...]]  # kind (value / multi / count), name, choices


def question_columns(
    infos: Sequence[QuestionInfo], repeats: Sequence[RepeatInfo], language: str
) -> tuple[list[ColumnSpec], list[Cell]]:
    columns: list[ColumnSpec] = []
    cells: list[Cell] = []
    for info in infos:
        label = pick(info.label, language, "id") or info.name
        if info.type == "select_multiple":
            names = tuple(info.choice_names)
            columns.append(
                ColumnSpec(
                    info.name,
                    "choices selected, space-separated",
                    "text",
                    _allowed(info, language),
                    label,
                )
            )
            for name in names:
                choice = info.choice_label(name, language)
                columns.append(
                    ColumnSpec(
                        f"{info.name}__{name}",
                        f"1 when '{choice}' was selected",
                        "flag",
                        "0, 1",
                        f"{label}: {choice}",
                    )
                )
            cells.append(("multi", info.name, names))
        else:
            columns.append(ColumnSpec(info.name, "", _kind(info), _allowed(info, language), label))
            cells.append(("value", info.name, ()))
        if info.other:  # the "other, specify" text, stored as ODK names it
            other = "Lainnya" if language == "id" else "Other"
            columns.append(
                ColumnSpec(
                    f"{info.name}_other",
                    "the text of an 'other, specify' answer",
                    "text",
                    "",
                    f"{label}: {other}",
                )
            )
            cells.append(("value", f"{info.name}_other", ()))
    for repeat in repeats:
        label = pick(repeat.label, language, "id") or repeat.name
        columns.append(
            ColumnSpec(
                f"{repeat.name}_count",
                f"items in the repeat (sheet of {repeat.name})",
                "integer",
                "",
                f"{label}: n",
            )
        )
        cells.append(("count", repeat.name, ()))
    return columns, cells


@dataclass
class WidePlan:
    sheet: SheetWriter
    cells: list[Cell]


@dataclass
class RepeatPlan:
    sheet: SheetWriter
    cells: list[Cell]


@dataclass
class _Meta:
    label: str
    type: str
    theme: str
    info: QuestionInfo | None
    rank: float
    labels: dict[str, str] = field(default_factory=dict)


class AnswerPass:
    """Feeds one session at a time to the long, wide and repeat sheets (rows in order)."""

    def __init__(
        self,
        long_sheet: SheetWriter,
        forms: dict[str, FormIndex],
        wide: dict[str, WidePlan],
        repeats: dict[tuple[str, str], RepeatPlan],
        language: str,
        file_names: dict[str, str] | None = None,
    ) -> None:
        self.long = long_sheet
        self.file_names = file_names or {}  # attachment SHA-256 -> its file name
        self.forms = forms
        self.wide = wide
        self.repeats = repeats
        self.language = language
        self.answers_written = 0
        self._by_form: dict[str, dict[str, _Meta]] = {
            fid: self._metas(f) for fid, f in forms.items()
        }

    def _metas(self, form: FormIndex) -> dict[str, _Meta]:
        metas: dict[str, _Meta] = {}
        lang = self.language
        for rank, name in enumerate(form.order):
            info = form.questions[name]
            metas[name] = _Meta(pick(info.label, lang, "id"), info.type, info.theme, info, rank)
        for name, repeat in form.repeats.items():
            label = pick(repeat.label, lang, "id")
            ranks = [metas[q].rank for q in repeat.questions if q in metas]
            # the repeat's own answer (its list of items) comes just before its questions
            place = min(ranks) - 0.5 if ranks else float(len(form.order))
            metas.setdefault(name, _Meta(label, "repeat", "", None, place))
        return metas

    def _meta(self, form_id: str, question: str) -> _Meta:
        metas = self._by_form.setdefault(form_id, {})
        meta = metas.get(question)
        if meta is None:  # an answer to a question no stored version has (imported data)
            meta = metas[question] = _Meta("", "text", "", None, 10**6)
        return meta

    def session(self, s: SessionRecord, answers: list[AnswerRow]) -> None:
        form_id = s.form_id
        metas = [self._meta(form_id, a[2]) for a in answers]
        by_name = self._by_form.get(form_id, {})

        def place(i: int) -> tuple[float, str, float]:
            key = answers[i][1]
            if "[" not in key:
                return (metas[i].rank, "", 0.0)
            # inside a repeat: item by item, each in form order
            top = by_name.get(key.split("[", 1)[0])
            return (top.rank if top else metas[i].rank, key.rsplit("/", 1)[0], metas[i].rank)

        order = sorted(range(len(answers)), key=place)
        top: dict[str, Any] = {}
        items: dict[str, dict[str, Any]] = {}
        listings: dict[str, str] = {}
        write = self.long.write
        sid = s.id
        lang = self.language
        head = (
            sid,
            form_id,
            s.site_name,
            s.source_type,
            s.source_role,
            s.informant_code,
            s.researcher_name,
            s.started_at,
        )
        for i in order:
            _, key, question, value, note, revisions, conflict = answers[i]
            meta = metas[i]
            typed: Any = value
            value_label = ""
            if value is not None:
                if meta.type in TYPED:
                    typed = typed_value(meta.type, value)
                elif meta.type in ("image", "file"):
                    typed = self.file_names.get(value) or value
                elif meta.info is not None and meta.info.choices:
                    value_label = meta.labels.get(value, "")
                    if not value_label:
                        value_label = meta.labels[value] = meta.info.value_label(value, lang)
            repeat_key = ""
            if "[" in key:
                path = key.rsplit("/", 1)[0]
                repeat_key = f"{sid}/{path}"
                items.setdefault(path, {})[question] = typed
            else:
                top[question] = typed
            if meta.type == "repeat" and value:
                listings[key] = value
            write(
                (
                    *head,
                    key,
                    repeat_key,
                    question,
                    meta.label,
                    typed,
                    value_label,
                    meta.theme,
                    meta.info.auto_stance(value)
                    if meta.info is not None and meta.info.stance
                    else "",
                    revisions,
                    1 if conflict else None,
                    note,
                )
            )
        self.answers_written += len(answers)
        plan = self.wide.get(form_id)
        if plan is not None:
            plan.sheet.write(
                [
                    sid,
                    s.form_version,
                    s.site_name,
                    s.informant_code,
                    s.source_role,
                    s.researcher_name,
                    s.started_at,
                    s.status,
                    *_cells(plan.cells, top, listings),
                ]
            )
        if items:
            self._repeat_rows(s, items, listings)

    def _repeat_rows(
        self, s: SessionRecord, items: dict[str, dict[str, Any]], listings: dict[str, str]
    ) -> None:
        def position(path: str) -> tuple[str, int, str]:
            item = repeat_path(path + "/x")[-1][1]
            listing_key = path.rsplit("[", 1)[0]
            listed = listings.get(listing_key, "").split()
            pos = listed.index(item) + 1 if item in listed else len(listed) + 1
            return listing_key, pos, item

        ordered = sorted(items, key=lambda p: (position(p)[0], position(p)[1], p))
        for path in ordered:
            steps = repeat_path(path + "/x")
            name, item = steps[-1]
            plan = self.repeats.get((s.form_id, name))
            if plan is None:
                continue
            parent = s.id if len(steps) == 1 else f"{s.id}/{path.rsplit('/', 1)[0]}"
            nested = {
                k.rsplit("/", 1)[-1]: v for k, v in listings.items() if k.startswith(path + "/")
            }
            plan.sheet.write(
                [
                    f"{s.id}/{path}",
                    parent,
                    s.id,
                    item,
                    position(path)[1],
                    *_cells(plan.cells, items[path], nested),
                ]
            )


def _cells(cells: list[Cell], values: dict[str, Any], listings: dict[str, str]) -> list[Any]:
    out: list[Any] = []
    for kind, name, choices in cells:
        if kind == "value":
            out.append(values.get(name))
        elif kind == "multi":
            value = values.get(name)
            out.append(value)
            if value is None:
                out.extend([None] * len(choices))
            else:
                picked = set(str(value).split())
                out.extend([1 if c in picked else 0 for c in choices])
        else:
            listing = listings.get(name)
            out.append(len(listing.split()) if listing else None)
    return out
