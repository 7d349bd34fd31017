"""Moved to `assistant.llm.usage`; this alias keeps old imports working until every caller is updated."""

import sys

import assistant.llm.usage as _moved

sys.modules[__name__] = _moved
