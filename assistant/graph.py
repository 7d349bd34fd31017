"""Moved to `assistant.workflow.graph`; this alias keeps old imports working until every caller is updated."""

import sys

import assistant.workflow.graph as _moved

sys.modules[__name__] = _moved
