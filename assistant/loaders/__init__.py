"""Inputs: the company context, the business goals and the backlog exports, as domain models.

Every loader raises `InputError` (naming the file, the row or key, and the fix) for anything
a user can get wrong; no parser, decoder or validation exception escapes.
"""

from assistant.loaders.backlog import load_backlog
from assistant.loaders.context import load_context
from assistant.loaders.detect import SUPPORTED as SUPPORTED_FORMATS
from assistant.loaders.goals import load_goals
from assistant.loaders.text import read_text

__all__ = ["SUPPORTED_FORMATS", "load_backlog", "load_context", "load_goals", "read_text"]
