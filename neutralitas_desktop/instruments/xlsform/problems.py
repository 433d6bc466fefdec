"""What an import tells the form's author, each line naming sheet, row and column; and the
one place where the strict / lenient rule is applied to what the passes detect."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Where:
    """A place in the workbook as Excel names it; row and column are optional."""

    sheet: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        out = f"sheet {self.sheet}"
        if self.row:
            out += f", row {self.row}"
        if self.column:
            out += f", column {self.column}"
        return out


@dataclass(frozen=True)
class Finding:
    """Something a strict import refuses and a lenient import converts.

    ``refused`` says what is wrong and what a lenient import would do; ``converted`` what
    the lenient import did; ``apply`` does it. ``node`` and ``field`` mark the question's
    field as reported, so that validation does not report it a second time.
    """

    where: Where
    refused: str
    converted: str
    apply: Callable[[], None]
    node: str = ""
    field: str = ""


class Report:
    """Problems (refusing the form), warnings and conversions, in the workbook's terms."""

    def __init__(self, lenient: bool) -> None:
        self.lenient = lenient
        self._problems: list[tuple[Where, str]] = []
        self.warnings: list[str] = []
        self.conversions: list[str] = []
        self.reported: set[tuple[str, str]] = set()  # (node, field) with a problem already
        self.sheet_order: tuple[str, ...] = ("survey", "choices", "settings")

    def problem(self, where: Where, message: str, node: str = "", field: str = "") -> None:
        self._problems.append((where, f"{where}: {message}"))
        if node or field:
            self.reported.add((node, field))

    def warn(self, where: Where, message: str) -> None:
        self.warnings.append(f"{where}: {message}")

    def converted(self, where: Where, message: str) -> None:
        self.conversions.append(f"{where}: {message}")

    def settle(self, finding: Finding) -> bool:
        """The strict / lenient rule: refuse the form, or apply the conversion and say so.

        An empty ``refused`` or ``converted`` says nothing (another finding of the same
        fix does). Returns True when the conversion was applied.
        """
        if not self.lenient:
            if finding.refused:
                self.problem(finding.where, finding.refused, finding.node, finding.field)
            return False
        finding.apply()
        if finding.converted:
            self.converted(finding.where, finding.converted)
        return True

    @property
    def problems(self) -> list[str]:
        """The problems, by sheet (survey, choices, settings) and row."""
        order = self.sheet_order

        def key(item: tuple[int, tuple[Where, str]]) -> tuple[int, int, int]:
            index, (where, _) = item
            rank = order.index(where.sheet) if where.sheet in order else len(order)
            return rank, where.row or 0, index

        return [text for _, (_, text) in sorted(enumerate(self._problems), key=key)]
