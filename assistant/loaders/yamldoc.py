"""YAML files read with their node tree, so any value can be traced back to its line.

context.yaml and goals.yaml are hand-written; an error that says "line 12" saves the user
from guessing which of four teams has a bad day rate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml

from assistant.errors import InputError
from assistant.loaders.text import read_text
from assistant.yaml_safe import AliasRefused, FastLoader, alias_error


class YamlDoc(NamedTuple):
    file: str
    data: Any
    root: yaml.Node

    def line(self, *loc: Any) -> int | None:
        """The line of the value at `loc` (keys and list indexes), or of its deepest parent."""
        node: yaml.Node | None = self.root
        line = None
        for part in loc:
            node = _child(node, part)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    def where(self, loc: tuple[Any, ...]) -> str | None:
        """`line N` for the value at `loc`, for an InputError's `where`."""
        line = self.line(*loc)
        return f"line {line}" if line else None


def read_yaml(path: Path, *, expected: str) -> YamlDoc:
    """Parse one YAML document; `expected` describes the content, for the empty-file error."""
    file = str(path)
    text = read_text(path)
    loader = None
    try:
        loader = FastLoader(text)  # the reader rejects control characters right here
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except AliasRefused as exc:
        raise alias_error(exc, file) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise InputError(
            f"is not valid YAML: {exc.problem or exc.context}.",
            file=file,
            where=f"line {line}" if line else None,
            fix="Check the indentation (spaces, not tabs), the colons and the quotes there.",
        ) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise InputError(
            f"is not valid YAML: {exc}.",
            file=file,
            fix="Check the values' syntax (dates are written 2027-03-01).",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None or data is None:
        raise InputError("is empty.", file=file, fix=f"Write {expected} in it.")
    return YamlDoc(file, data, root)


def _child(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for key, value in node.value if key.value == str(part)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None
