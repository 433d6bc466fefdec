"""Skip logic in words for the paper form: a ``relevant`` expression such as
``${b1} = 'yes'`` becomes "B1 = Ya", and a skip instruction "Jika B1 = Ya, lanjut ke B1a.
Jika tidak, lewati ke B2." (or its English equivalent)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from neutralitas_desktop.instruments import xpath as ex
from neutralitas_desktop.instruments.model import Group, Instrument, Node, Question, pick

_CODE = re.compile(r"^([a-z])(\d+[a-z]?)_", re.IGNORECASE)

WORDS = {
    "id": {
        "and": "dan",
        "or": "atau",
        "not": "tidak",
        "answered": "diisi",
        "blank": "kosong",
        "includes": "mencakup",
        "excludes": "tidak mencakup",
        "if": "Jika",
        "go_on": "lanjut ke",
        "otherwise": "Jika tidak, lewati ke",
        "section": "bagian ini",
        "sections": "bagian",
        "end": "akhir formulir",
        "count": "jumlah pilihan",
    },
    "en": {
        "and": "and",
        "or": "or",
        "not": "not",
        "answered": "is answered",
        "blank": "is blank",
        "includes": "includes",
        "excludes": "does not include",
        "if": "If",
        "go_on": "go on to",
        "otherwise": "Otherwise skip to",
        "section": "this section",
        "sections": "section",
        "end": "the end of the form",
        "count": "number of choices in",
    },
}
OPS = {"=": "=", "!=": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}


def question_refs(instrument: Instrument) -> dict[str, str]:
    """A short printed reference per question: "b1a_platform" -> "B1a"; questions whose
    names carry no such code are numbered in form order (Q1, Q2, …)."""
    refs: dict[str, str] = {}
    used: set[str] = set()
    n = 0
    for _, node in instrument.walk():
        if isinstance(node, Group) or node.type in ("note", "calculate"):
            continue
        match = _CODE.match(node.name)
        if match:
            ref = match.group(1).upper() + match.group(2)
        else:
            n += 1
            ref = f"Q{n}"
        while ref in used:
            ref += "'"
        used.add(ref)
        refs[node.name] = ref
    return refs


class SkipWriter:
    """Turns expressions of one instrument into words in one language."""

    def __init__(self, instrument: Instrument, lang: str, refs: dict[str, str] | None = None):
        self.instrument = instrument
        self.lang = lang if lang in WORDS else "en"
        self.words = WORDS[self.lang]
        self.refs = refs if refs is not None else question_refs(instrument)
        self.nodes = instrument.nodes_by_name()

    def ref(self, name: str) -> str:
        if name in self.refs:
            return self.refs[name]
        node = self.nodes.get(name)
        return pick(node.label, self.lang, "id") if node is not None else name

    def value(self, name: str, value: str) -> str:
        node = self.nodes.get(name)
        if isinstance(node, Question):
            choices = self.instrument.choices_for(node)
            choice = choices.get(value) if choices else None
            if choice is not None:
                return pick(choice.label, self.lang, self.instrument.default_language)
        return f"“{value}”"

    def condition(self, expression: str) -> str:
        """The expression in words; the expression itself (with references) if it is too
        unusual to phrase."""
        try:
            return self._words(ex.parse(expression), top=True)
        except (ex.ExpressionError, ValueError, TypeError):
            return ex.interpolate(expression, self.ref)

    def _words(self, node: ex.Expr, top: bool = False) -> str:
        w = self.words
        if isinstance(node, ex.BinOp) and node.op in ("and", "or"):
            parts = [self._words(part) for part in _chain(node, node.op)]
            text = f" {w[node.op]} ".join(parts)
            return text if top or node.op == "and" else f"({text})"
        if isinstance(node, ex.BinOp) and node.op in OPS:
            left, right = node.left, node.right
            if not isinstance(left, ex.Ref) and isinstance(right, ex.Ref):
                left, right = right, left
            if isinstance(left, ex.Ref):
                if isinstance(right, ex.Str) and right.value == "" and node.op in ("=", "!="):
                    return f"{self.ref(left.name)} {w['blank' if node.op == '=' else 'answered']}"
                return f"{self.ref(left.name)} {OPS[node.op]} {self._operand(left.name, right)}"
            return f"{self._words(node.left)} {OPS[node.op]} {self._words(node.right)}"
        if isinstance(node, ex.Call):
            return self._call(node)
        if isinstance(node, ex.Ref):
            return f"{self.ref(node.name)} {w['answered']}"
        return self._operand("", node)

    def _operand(self, name: str, node: ex.Expr) -> str:
        if isinstance(node, ex.Str):
            return self.value(name, node.value) if name else f"“{node.value}”"
        if isinstance(node, ex.Num):
            return f"{node.value:g}"
        if isinstance(node, ex.Ref):
            return self.ref(node.name)
        return self._words(node)

    def _call(self, node: ex.Call) -> str:
        w = self.words
        args = node.args
        if node.name == "selected" and len(args) == 2 and isinstance(args[0], ex.Ref):
            target = args[0].name
            return f"{self.ref(target)} {w['includes']} {self._operand(target, args[1])}"
        if node.name == "not" and len(args) == 1:
            inner = args[0]
            if isinstance(inner, ex.Call) and inner.name == "selected" and len(inner.args) == 2:
                excluded = inner.args[0]
                if isinstance(excluded, ex.Ref):
                    value = self._operand(excluded.name, inner.args[1])
                    return f"{self.ref(excluded.name)} {w['excludes']} {value}"
            return f"{w['not']} ({self._words(inner, top=True)})"
        if node.name == "count-selected" and len(args) == 1 and isinstance(args[0], ex.Ref):
            return f"{w['count']} {self.ref(args[0].name)}"
        raise ValueError(node.name)

    def instruction(self, nodes: Sequence[Node], after: str) -> str:
        """The skip instruction printed before ``nodes`` (siblings sharing one condition);
        ``after`` is the reference of what follows them."""
        w = self.words
        first = nodes[0]
        condition = self.condition(first.relevant)
        if isinstance(first, Group):
            codes = [_section_code(pick(g.label, self.lang, "id")) for g in nodes]
            target = w["section"]
            if all(codes):
                span = codes[0] if len(codes) == 1 else f"{codes[0]}–{codes[-1]}"
                target = f"{w['sections']} {span}"
        else:
            names = [n.name for n in nodes if n.name in self.refs]
            target = self.ref(names[0]) if names else w["section"]
            if len(names) > 1:
                target += f"–{self.ref(names[-1])}"
        return f"{w['if']} {condition}, {w['go_on']} {target}. {w['otherwise']} {after}."

    def end(self) -> str:
        return self.words["end"]


def _section_code(label: str) -> str:
    """ "B. Profil informan" -> "B"; "" when the label carries no such code."""
    match = re.match(r"^\s*([A-Z0-9]{1,3})[.)]\s", label)
    return match.group(1) if match else ""


def _chain(node: ex.Expr, op: str) -> list[ex.Expr]:
    """The operands of a run of one operator: a or b or c -> [a, b, c]."""
    if isinstance(node, ex.BinOp) and node.op == op:
        return _chain(node.left, op) + _chain(node.right, op)
    return [node]
