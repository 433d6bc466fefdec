"""The element-test dialog's choices and rules, without Qt: which applicable article, which
element (subject, act, time, intent), the verdict, the reasoning and the incident's lines of
evidence it rests on; a new test or an edit of one already recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from neutralitas_desktop.vocabulary import Element, ElementVerdict
from neutralitas_desktop.vocabulary.terms import values

if TYPE_CHECKING:
    from neutralitas_desktop.triangulation.incident_types import LineInfo
    from neutralitas_desktop.triangulation.legal_analysis_types import ElementTest
    from neutralitas_desktop.triangulation.workbench import TriangulationWorkbench

ELEMENTS: tuple[str, ...] = values(Element)
VERDICTS: tuple[str, ...] = values(ElementVerdict)


@dataclass
class ElementTestState:
    incident_id: str
    provisions: tuple[str, ...]  # citations of the articles that apply to the incident
    lines: tuple[LineInfo, ...]  # the incident's lines of evidence
    test_id: str = ""  # "" records a new test
    provision: str = ""
    element: str = Element.SUBJECT.value
    verdict: str = ElementVerdict.UNCLEAR.value
    reasoning: str = ""
    evidence: set[str] = field(default_factory=set)
    recorded_provision: str = ""  # the edited test's article, as recorded

    def __post_init__(self) -> None:
        if not self.provision and self.provisions:
            self.provision = self.provisions[0]

    @classmethod
    def editing(
        cls, test: ElementTest, provisions: tuple[str, ...], lines: tuple[LineInfo, ...]
    ) -> ElementTestState:
        """The state of an element test already recorded (its article kept even when the
        study's election changed since, so the list shows it)."""
        shown = provisions if test.provision in provisions else (test.provision, *provisions)
        return cls(
            incident_id=test.incident_id, provisions=shown, lines=lines, test_id=test.id,
            provision=test.provision, element=test.element, verdict=test.verdict,
            reasoning=test.reasoning, evidence=set(test.evidence),
            recorded_provision=test.provision,
        )  # fmt: skip

    def problems(self) -> list[str]:
        """What is missing, as codes the dialog words: provision, reasoning."""
        missing = [] if self.provision else ["provision"]
        return missing + ([] if self.reasoning.strip() else ["reasoning"])

    def apply(self, workbench: TriangulationWorkbench) -> ElementTest:
        """Record the test, or change the one being edited."""
        evidence = [x.id for x in self.lines if x.id in self.evidence]
        if self.test_id:
            # the recorded article is kept as it is (it is checked only when it changes)
            changed = self.provision if self.provision != self.recorded_provision else None
            return workbench.edit_element_test(
                self.test_id, provision=changed, element=self.element,
                verdict=self.verdict, reasoning=self.reasoning, evidence=evidence,
            )  # fmt: skip
        test = workbench.add_element_test(
            self.incident_id, provision=self.provision, element=self.element,
            verdict=self.verdict, reasoning=self.reasoning, evidence=evidence,
        )  # fmt: skip
        self.test_id = test.id
        return test
