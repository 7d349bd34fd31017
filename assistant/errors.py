"""The errors a user can cause and fix. Anything else escaping the CLI is a bug."""

from __future__ import annotations


class SteercoError(Exception):
    """Base for errors whose message tells the user what to fix."""

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(self.render())

    def render(self) -> str:
        return f"{self.message} Fix: {self.fix}" if self.fix else self.message


class InputError(SteercoError):
    """A user-supplied file or text is missing, unreadable or inconsistent.

    `file` and `where` (a row number, key or field) locate the problem so the user can
    open the file and repair it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        where: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.file = file
        self.where = where
        location = ", ".join(part for part in (file, where) if part)
        full = f"{location}: {message}" if location else message
        super().__init__(full, fix=fix)


class ConfigError(SteercoError):
    """A setting is missing or invalid."""


class NotFound(InputError):
    """What was asked for is not kept (a report, a roadmap, a run): the API answers 404."""


class Conflict(InputError):
    """What was asked for exists but is in another state (a review of a finished run): 409."""
