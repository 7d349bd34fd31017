"""Moved to `assistant.facts.glossary`; this alias keeps old imports working until every caller is updated."""

import sys

import assistant.facts.glossary as _moved

sys.modules[__name__] = _moved
