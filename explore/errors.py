"""Errors the package raises on purpose, with the file and the reason."""

from __future__ import annotations


class CorpusError(Exception):
    """A corpus cannot be loaded as asked; names the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PrerequisiteError(Exception):
    """Something a command needs is missing (a tool, a free port, a path); says what in one line."""
