"""Moved to `assistant.llm.errors`; this alias keeps old imports working until every caller is updated."""

import sys

import assistant.llm.errors as _moved

sys.modules[__name__] = _moved
