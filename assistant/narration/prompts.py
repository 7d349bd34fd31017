"""Moved to `assistant.prompts`; this alias keeps old imports working until every caller is updated."""

import sys

import assistant.prompts as _moved

sys.modules[__name__] = _moved
