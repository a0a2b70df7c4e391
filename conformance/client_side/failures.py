"""The typed failure every client-side check raises."""

from __future__ import annotations


class CheckFailed(Exception):
    """A check's verdict on one case: `title` is short, `message` says what arrived and what the spec says."""

    def __init__(self, check: str, title: str, message: str) -> None:
        super().__init__(f"{check}: {title}: {message}")
        self.check = check
        self.title = title
        self.message = message
