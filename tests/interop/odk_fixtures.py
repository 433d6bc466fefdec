"""Data exports written from pyxform's XForm of a form, as ODK Central, ODK Briefcase and
KoboToolbox write them, with the values each answer must have once imported.

The XForm (not the app's model) decides the columns: every control in its body, its
bind type, its group path, the repeats and their nesting, the choices of its itemsets.
Text values carry commas, semicolons, doubled quotes and line breaks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"
TEXTS = (
    'Ia bilang: "Saya, jujur, tidak tahu"',
    "baris satu\nbaris dua; dengan titik koma, dan koma",
    'kutip "tunggal" di tengah',
    "biasa saja",
)
CONTROLS = ("input", "select1", "select", "upload", "range")


@dataclass
class Field:
    name: str
    path: tuple[str, ...]  # from the root, without it
    type: str  # bind type: string, int, decimal, date, time, dateTime, select1, select
    choices: list[str] = field(default_factory=list)


@dataclass
class Node:
    """The submission or one repeat: its fields and the repeats directly inside."""

    name: str
    path: tuple[str, ...]
    fields: list[Field] = field(default_factory=list)
    repeats: list[Node] = field(default_factory=list)


def form_tree(xform: str) -> tuple[str, Node]:
    """(form id, the tree of answerable fields) of pyxform's XForm."""
    root = ET.fromstring(xform)
    model = root.find(f"{H}head/{XF}model")
    assert model is not None
    instances = model.findall(f"{XF}instance")
    data = next(i for i in instances if "id" not in i.attrib)[0]
    lists = {
        i.attrib["id"]: [item.findtext(f"{XF}name") or "" for item in i.iter(f"{XF}item")]
        for i in instances
        if "id" in i.attrib
    }
    binds = {b.attrib["nodeset"]: b.attrib for b in model.iter(f"{XF}bind")}
    body = root.find(f"{H}body")
    assert body is not None
    repeats = {r.attrib["nodeset"] for r in body.iter(f"{XF}repeat")}
    top = Node("", ())
    nodes: dict[tuple[str, ...], Node] = {(): top}
    for path in sorted(repeats, key=lambda p: p.count("/")):
        parts = tuple(path.strip("/").split("/")[1:])
        owner = next(nodes[parts[:i]] for i in range(len(parts) - 1, -1, -1) if parts[:i] in nodes)
        node = Node(parts[-1], parts)
        owner.repeats.append(node)
        nodes[parts] = node
    for control in body.iter():
        tag = control.tag.replace(XF, "")
        ref = control.attrib.get("ref", "")
        if tag not in CONTROLS or not ref or binds.get(ref, {}).get("readonly") == "true()":
            continue
        parts = tuple(ref.strip("/").split("/")[1:])
        owner = next(nodes[parts[:i]] for i in range(len(parts) - 1, -1, -1) if parts[:i] in nodes)
        kind = binds.get(ref, {}).get("type", "string")
        choices: list[str] = []
        if tag in ("select1", "select"):
            kind = tag
            itemset = control.find(f"{XF}itemset")
            if itemset is not None:
                choices = lists[itemset.attrib["nodeset"].split("'")[1]]
            else:
                choices = [v.text or "" for v in control.iter(f"{XF}value")]
        if kind in ("binary", "geopoint", "geotrace", "geoshape", "barcode"):
            continue
        owner.fields.append(Field(parts[-1], parts, kind, choices))
    return data.attrib["id"], top


# ---- values ---------------------------------------------------------------------------

MOMENT = dt.datetime(2024, 10, 5, 10, 15)


def _value(f: Field, n: int, tool: str) -> tuple[str, str]:
    """(cell as the tool writes it, value the app must store)."""
    day = MOMENT + dt.timedelta(days=n % 20, minutes=7 * n)
    briefcase = tool == "briefcase"
    if f.type == "int":
        return str(n * 3), str(n * 3)
    if f.type == "decimal":
        return f"{n}.25", f"{n}.25"
    if f.type == "date":
        cell = f"{day:%b} {day.day}, {day.year}" if briefcase else day.date().isoformat()
        return cell, day.date().isoformat()
    if f.type == "time":
        if briefcase:
            return f"{day:%I:%M:%S %p}".lstrip("0"), f"{day:%H:%M}"
        return f"{day:%H:%M}:00.000+07:00", f"{day:%H:%M}"
    if f.type == "dateTime":
        if briefcase:
            cell = f"{day:%b} {day.day}, {day.year} {day:%I:%M:%S %p}".replace(" 0", " ")
            return cell, day.isoformat()
        return f"{day:%Y-%m-%dT%H:%M:%S}.000+07:00", f"{day:%Y-%m-%dT%H:%M:%S}+07:00"
    if f.type == "select1":
        choice = f.choices[n % len(f.choices)]
        return choice, choice
    if f.type == "select":
        picked = [f.choices[n % len(f.choices)], f.choices[(n + 1) % len(f.choices)]]
        if picked[0] == picked[1]:
            picked = picked[:1]
        return " ".join(picked), " ".join(picked)
    text = TEXTS[n % len(TEXTS)]
    return text, text


@dataclass
class Row:
    """One submission or repeat item: cells by field path, and what must be stored."""

    node: Node
    cells: dict[tuple[str, ...], str] = field(default_factory=dict)
    expected: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[Row]] = field(default_factory=dict)


def fill(node: Node, tool: str, seed: int, items: int = 2) -> Row:
    """A submission with every field answered and every repeat holding ``items`` items
    (nested repeats included)."""
    row = Row(node)
    for i, f in enumerate(node.fields):
        cell, stored = _value(f, seed + i, tool)
        row.cells[f.path] = cell
        row.expected[f.name] = stored
    for repeat in node.repeats:
        row.children[repeat.name] = [
            fill(repeat, tool, seed * 7 + k + 1, items) for k in range(items)
        ]
    return row


def expected_answers(row: Row, answers: dict[str, Any], prefix: str = "") -> int:
    """Assert every value landed under its answer key; returns how many were checked."""
    checked = 0
    for name, value in row.expected.items():
        assert answers[prefix + name].value == value, prefix + name
        checked += 1
    for repeat, items in row.children.items():
        keys = answers[prefix + repeat].value.split()
        assert len(keys) == len(items), prefix + repeat
        for key, item in zip(keys, items, strict=True):
            checked += expected_answers(item, answers, f"{prefix}{repeat}[{key}]/")
    return checked


# ---- writers --------------------------------------------------------------------------


def _csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def odk_tables(
    form_id: str,
    tree: Node,
    submissions: list[tuple[str, Row]],
    *,
    meta: dict[str, dict[str, str]] | None = None,
) -> dict[str, bytes]:
    """CSV files by name as ODK Central (and Briefcase) write them: paths joined by '-',
    KEY / PARENT_KEY, one file per repeat."""
    meta = meta or {}
    files: dict[str, bytes] = {}
    main_meta = ["SubmissionDate", "meta-instanceID", "KEY", "ReviewState", "Edits"]

    def table(node: Node, rows: list[tuple[str, str, Row]], name: str) -> None:
        headers = ["-".join(f.path) for f in node.fields]
        extra = main_meta if not node.path else ["PARENT_KEY", "KEY"]
        lines = []
        children: dict[str, list[tuple[str, str, Row]]] = {}
        for parent_key, key, row in rows:
            line = [row.cells[f.path] for f in node.fields]
            if not node.path:
                info = meta.get(key, {})
                line += [
                    info.get("SubmissionDate", "2024-10-05T03:12:45.000Z"),
                    info.get("meta-instanceID", key),
                    key,
                    info.get("ReviewState", ""),
                    info.get("Edits", "0"),
                ]
            else:
                line += [parent_key, key]
            lines.append(line)
            for repeat in node.repeats:
                for k, child in enumerate(row.children[repeat.name], 1):
                    children.setdefault(repeat.name, []).append(
                        (key, f"{key}/{repeat.name}[{k}]", child)
                    )
        files[name] = _csv_bytes(headers + extra, lines)
        for repeat in node.repeats:
            table(repeat, children.get(repeat.name, []), f"{form_id}-{repeat.name}.csv")

    table(tree, [("", key, row) for key, row in submissions], f"{form_id}.csv")
    return files


def central_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def kobo_sheet_name(name: str) -> str:
    return name if len(name) <= 31 else name[:28] + "..."


def kobo_xlsx(
    path: Path, form_id: str, tree: Node, submissions: list[tuple[str, Row, str]]
) -> Path:
    """KoboToolbox's .xlsx: paths joined by '/', one sheet per repeat (names cut to 31
    characters), _index / _parent_index / _parent_table_name, _uuid, _validation_status."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    counters: dict[str, int] = {}

    def sheet(node: Node, table_name: str) -> Any:
        title = kobo_sheet_name(table_name)
        if title in workbook.sheetnames:
            return workbook[title]
        ws = workbook.create_sheet(title)
        headers = ["/".join(f.path) for f in node.fields]
        if node.path:
            headers += ["_index", "_parent_table_name", "_parent_index", "_submission__uuid"]
        else:
            headers += ["_id", "_uuid", "_submission_time", "_validation_status", "_index"]
        ws.append(headers)
        return ws

    def write(node: Node, row: Row, table_name: str, parent: tuple[str, int], uuid: str,
              status: str) -> None:  # fmt: skip
        ws = sheet(node, table_name)
        counters[table_name] = counters.get(table_name, 0) + 1
        index = counters[table_name]
        line: list[Any] = [row.cells[f.path] for f in node.fields]
        if node.path:
            line += [index, parent[0], parent[1], uuid]
        else:
            line += [1000 + index, uuid, "2024-10-05T03:12:45", status, index]
        ws.append(line)
        for repeat in node.repeats:
            for child in row.children[repeat.name]:
                write(repeat, child, repeat.name, (table_name, index), uuid, status)

    sheet(tree, form_id)
    for uuid, row, status in submissions:
        write(tree, row, form_id, ("", 0), uuid, status)
    for node in _all_repeats(tree):
        sheet(node, node.name)
    workbook.save(path)
    return path


def _all_repeats(node: Node) -> list[Node]:
    out = []
    for repeat in node.repeats:
        out += [repeat, *_all_repeats(repeat)]
    return out
