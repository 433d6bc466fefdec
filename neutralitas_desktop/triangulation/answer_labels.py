"""Answers as a reader sees them: the question as asked and the chosen options' labels,
looked up once per drill-down from the instruments the sessions used (a stored answer
holds choice names such as ``yes`` or ``na``, which no report or screen should show)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from neutralitas_desktop.instruments.model import Instrument, Question, pick
from neutralitas_desktop.store.models import InstrumentVersion
from neutralitas_desktop.vocabulary import LANGUAGES

# Parsed instrument versions: a version is immutable (its id derives from its content), so
# it is read and parsed once per process, not at every listing of incidents.
_PARSED: dict[str, Instrument] = {}
_QUESTIONS: dict[str, dict[str, Question]] = {}  # the same versions' questions by name


def _questions(iid: str, instrument: Instrument) -> dict[str, Question]:
    if iid not in _QUESTIONS:
        _QUESTIONS[iid] = {q.name: q for q in instrument.questions()}
    return _QUESTIONS[iid]


class AnswerLabels:
    """Question and choice labels of a set of instrument versions."""

    def __init__(self, instruments: dict[str, Instrument], lang: str = "id") -> None:
        self.instruments = instruments
        self.lang = lang
        self.questions: dict[str, dict[str, Question]] = {
            iid: _questions(iid, ins) for iid, ins in instruments.items()
        }
        self.values: dict[tuple[str, str, str, str], str] = {}

    @classmethod
    def load(
        cls, session: Session, instrument_ids: Iterable[str], lang: str = "id"
    ) -> AnswerLabels:
        wanted = {i for i in instrument_ids if i}
        missing = wanted - _PARSED.keys()
        if missing:
            rows = session.execute(
                select(InstrumentVersion.id, InstrumentVersion.definition).where(
                    InstrumentVersion.id.in_(missing)
                )
            )
            _PARSED.update((iid, Instrument.from_dict(definition)) for iid, definition in rows)
        return cls({iid: _PARSED[iid] for iid in wanted if iid in _PARSED}, lang)

    def question(self, iid: str, name: str) -> dict[str, str]:
        q = self.questions.get(iid, {}).get(name)
        return dict(q.label) if q is not None else {}

    def value(self, iid: str, name: str, value: str, lang: str | None = None) -> str:
        """The value with each chosen option's label; other answers as they are."""
        lang = lang or self.lang
        key = (iid, name, value, lang)
        if key not in self.values:
            self.values[key] = self._value(iid, name, value, lang)
        return self.values[key]

    def value_local(self, iid: str, name: str, value: str) -> dict[str, str]:
        """The value's label in every UI language ({} when it is not a choice)."""
        if not self.is_choice(iid, name):
            return {}
        return {lang: self.value(iid, name, value, lang) for lang in LANGUAGES}

    def is_choice(self, iid: str, name: str) -> bool:
        instrument = self.instruments.get(iid)
        q = self.questions.get(iid, {}).get(name)
        return instrument is not None and q is not None and instrument.choices_for(q) is not None

    def _value(self, iid: str, name: str, value: str, lang: str) -> str:
        instrument = self.instruments.get(iid)
        q = self.questions.get(iid, {}).get(name)
        choices = instrument.choices_for(q) if instrument is not None and q is not None else None
        if choices is None or instrument is None:
            return value
        return ", ".join(
            pick(c.label, lang, instrument.default_language) if (c := choices.get(n)) else n
            for n in value.split()
        )
