"""Reading and writing instruments in the repository's TOML format (docs/instrument-format.md).

The format mirrors the model: ``[form]`` for identity, ``[choices]`` for choice lists,
and a tree of ``[[items]]`` (questions, ``group`` and ``repeat`` items with their own
``items``). Text is either a string (in the form's default language) or a table of
languages.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from neutralitas_desktop.errors import InstrumentError
from neutralitas_desktop.instruments.model import (
    Choice,
    ChoiceList,
    Group,
    Instrument,
    LocalText,
    Node,
    Question,
)
from neutralitas_desktop.instruments.validation import validate

_QUESTION_KEYS = {
    "name", "type", "label", "hint", "required", "required_message", "relevant", "constraint",
    "constraint_message", "calculation", "default", "read_only", "appearance", "choices",
    "choice_filter", "other", "parameters", "theme", "stance", "trigger",
}  # fmt: skip
_GROUP_KEYS = {"name", "type", "label", "hint", "relevant", "appearance", "repeat_count", "items"}
_FORM_KEYS = {
    "id", "version", "title", "description", "source_type", "languages", "default_language",
    "roles", "settings",
}  # fmt: skip


def load_instrument(path: Path, themes: set[str] | None = None) -> Instrument:
    """Load and validate; raises InstrumentError naming the file and every problem."""
    instrument, _warnings = load_instrument_with_warnings(path, themes)
    return instrument


def load_instrument_with_warnings(
    path: Path, themes: set[str] | None = None
) -> tuple[Instrument, list[str]]:
    source = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InstrumentError(source, ["file not found"]) from None
    except UnicodeDecodeError:
        raise InstrumentError(source, ["not a UTF-8 text file"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(source, [f"not valid TOML: {exc}"]) from None
    instrument = instrument_from_toml_data(data, source)
    report = validate(instrument, themes)
    if not report.ok:
        raise InstrumentError(source, [str(p) for p in report.errors])
    return instrument, [str(p) for p in report.warnings]


def instrument_from_toml_data(data: dict[str, Any], source: str) -> Instrument:
    """Structure only; raises InstrumentError for shape problems (validation comes after)."""
    problems: list[str] = []
    form = data.get("form")
    if not isinstance(form, dict):
        raise InstrumentError(source, ["missing [form] table"])
    for key in sorted(set(form) - _FORM_KEYS):
        problems.append(f"form: unknown key '{key}'")
    languages = tuple(form.get("languages") or ("id", "en"))
    default_language = str(form.get("default_language") or languages[0])

    def text(value: Any, where: str) -> LocalText:
        if value is None:
            return {}
        if isinstance(value, str):
            return {default_language: value}
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return {str(k): v for k, v in value.items()}
        problems.append(f"{where}: text must be a string or a table of languages")
        return {}

    choice_lists: dict[str, ChoiceList] = {}
    for list_name, entries in (data.get("choices") or {}).items():
        if not isinstance(entries, list):
            problems.append(f"choices '{list_name}': must be an array of choices")
            continue
        choices = []
        for i, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or "name" not in entry:
                problems.append(f"choices '{list_name}' #{i}: needs a name")
                continue
            attrs = {k: str(v) for k, v in entry.items() if k not in ("name", "label", "image")}
            choices.append(
                Choice(
                    str(entry["name"]),
                    text(entry.get("label"), f"choice '{entry['name']}'"),
                    attrs,
                    text(entry.get("image"), f"choice '{entry['name']}'"),
                )
            )
        choice_lists[list_name] = ChoiceList(list_name, tuple(choices))

    def flag(value: Any, where: str, key: str) -> bool:
        if not isinstance(value, bool):
            problems.append(f"{where}: {key} must be true or false")
            return False
        return value

    def node(item: Any, where: str) -> Node | None:
        if not isinstance(item, dict):
            problems.append(f"{where}: an item must be a table")
            return None
        name = str(item.get("name", ""))
        kind = str(item.get("type", ""))
        label = f"question '{name}'" if name else where
        if not name:
            problems.append(f"{where}: item has no name")
        if kind in ("group", "repeat"):
            for key in sorted(set(item) - _GROUP_KEYS):
                problems.append(f"{label}: unknown key '{key}'")
            children = [
                node(child, f"{label} item {i}") for i, child in enumerate(item.get("items", []), 1)
            ]
            return Group(
                name=name,
                label=text(item.get("label"), label),
                hint=text(item.get("hint"), label),
                relevant=str(item.get("relevant", "")),
                appearance=str(item.get("appearance", "")),
                repeat=kind == "repeat",
                repeat_count=str(item.get("repeat_count", "")),
                children=tuple(c for c in children if c is not None),
            )
        for key in sorted(set(item) - _QUESTION_KEYS):
            problems.append(f"{label}: unknown key '{key}'")
        required = item.get("required", False)
        stance = item.get("stance") or {}
        if not isinstance(stance, dict):
            problems.append(f"{label}: stance must be a table of choice = stance")
            stance = {}
        return Question(
            name=name,
            type=kind,
            label=text(item.get("label"), label),
            hint=text(item.get("hint"), label),
            required=required is True,
            required_if=required if isinstance(required, str) else "",
            required_message=text(item.get("required_message"), label),
            relevant=str(item.get("relevant", "")),
            constraint=str(item.get("constraint", "")),
            constraint_message=text(item.get("constraint_message"), label),
            calculation=str(item.get("calculation", "")),
            default=str(item.get("default", "")),
            read_only=flag(item.get("read_only", False), label, "read_only"),
            appearance=str(item.get("appearance", "")),
            choice_list=str(item.get("choices", "")),
            choice_filter=str(item.get("choice_filter", "")),
            other=flag(item.get("other", False), label, "other"),
            parameters={k: str(v) for k, v in (item.get("parameters") or {}).items()},
            theme=str(item.get("theme", "")),
            stance={str(k): str(v) for k, v in stance.items()},
            trigger=str(item.get("trigger", "")),
        )

    children = [node(item, f"item {i}") for i, item in enumerate(data.get("items", []), 1)]
    if problems:
        raise InstrumentError(source, problems)
    return Instrument(
        id=str(form.get("id", "")),
        version=str(form.get("version", "")),
        title=text(form.get("title"), "form title"),
        description=text(form.get("description"), "form description"),
        source_type=str(form.get("source_type", "")),
        languages=languages,
        default_language=default_language,
        roles=tuple(form.get("roles") or ()),
        settings={str(k): str(v) for k, v in (form.get("settings") or {}).items()},
        choice_lists=choice_lists,
        children=tuple(c for c in children if c is not None),
    )


def instrument_to_toml(instrument: Instrument) -> str:
    """The TOML text of an instrument; loading it gives the same instrument back."""
    form: dict[str, Any] = {
        "id": instrument.id,
        "version": instrument.version,
        "title": instrument.title,
        "source_type": instrument.source_type,
        "languages": list(instrument.languages),
        "default_language": instrument.default_language,
    }
    if instrument.description:
        form["description"] = instrument.description
    if instrument.roles:
        form["roles"] = list(instrument.roles)
    if instrument.settings:
        form["settings"] = dict(instrument.settings)
    data: dict[str, Any] = {"form": form}
    if instrument.choice_lists:
        data["choices"] = {
            name: [
                {"name": c.name, "label": c.label, **c.attributes, **_image(c.media)}
                for c in choice_list.choices
            ]
            for name, choice_list in instrument.choice_lists.items()
        }
    data["items"] = [_node_to_toml(n) for n in instrument.children]
    return tomli_w.dumps(data)


def _image(media: LocalText) -> dict[str, Any]:
    return {"image": dict(media)} if media else {}


def _node_to_toml(node: Node) -> dict[str, Any]:
    if isinstance(node, Group):
        out: dict[str, Any] = {"name": node.name, "type": "repeat" if node.repeat else "group"}
        for key in ("label", "hint", "relevant", "appearance", "repeat_count"):
            value = getattr(node, key)
            if value:
                out[key] = value
        out["items"] = [_node_to_toml(c) for c in node.children]
        return out
    q: Question = node
    out = {"name": q.name, "type": q.type}
    if q.required_if:
        out["required"] = q.required_if
    elif q.required:
        out["required"] = True
    simple = (
        "label", "hint", "required_message", "relevant", "constraint", "constraint_message",
        "calculation", "default", "appearance", "choice_filter", "parameters", "theme", "stance",
        "trigger",
    )  # fmt: skip
    for key in simple:
        value = getattr(q, key)
        if value:
            out[key] = value
    if q.choice_list:
        out["choices"] = q.choice_list
    if q.read_only:
        out["read_only"] = True
    if q.other:
        out["other"] = True
    return out
