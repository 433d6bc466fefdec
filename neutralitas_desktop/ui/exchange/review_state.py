"""Returning a session, without Qt: a comment on the whole session and/or comments on
single questions, and what the dialog must still ask for."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReturnState:
    questions: list[str]  # the session's answer keys
    session_comment: str = ""
    question_comments: list[tuple[str, str]] = field(default_factory=list)

    def add_question_comment(self, key: str, comment: str) -> bool:
        comment = comment.strip()
        if key not in self.questions or not comment:
            return False
        self.question_comments.append((key, comment))
        return True

    def remove_question_comment(self, index: int) -> None:
        if 0 <= index < len(self.question_comments):
            del self.question_comments[index]

    def problems(self) -> list[str]:
        """Codes: nothing_to_fix (a returned session needs at least one comment)."""
        if not self.session_comment.strip() and not self.question_comments:
            return ["nothing_to_fix"]
        return []

    @property
    def ready(self) -> bool:
        return not self.problems()

    def comments(self) -> list[tuple[str | None, str]]:
        """(question or None for the session, comment), the session's first."""
        found: list[tuple[str | None, str]] = []
        if self.session_comment.strip():
            found.append((None, self.session_comment.strip()))
        found.extend(self.question_comments)
        return found
