"""Exceptions the library raises for problems a user can fix.

The CLI turns every `VerifyError` into one line on stderr and exit code 2; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations


class VerifyError(Exception):
    """A problem with the user's input or environment, stated in one line."""

    exit_code = 2


class InputError(VerifyError):
    """A file, URL, text or option that cannot be used; the message names it and says why."""

    def __init__(self, message: str, *, source: str | None = None):
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class IndexError_(VerifyError):
    """The index directory cannot be opened or written (foreign model, read-only, corrupt)."""


class ModelError(VerifyError):
    """The embedding or NLI model cannot be loaded."""
