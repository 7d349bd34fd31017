"""The brief's HTML, re-emitted from a parse with only the tags and attributes a brief uses.

The brief pages are rendered escaped (markdown-it without raw HTML, autoescaped templates);
this is the second lock before the page shows a stored report inside its own markup: anything
else (script, style, event handlers, links to other schemes, unknown tags) is dropped, and all
text and attribute values are escaped again.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "span", "br", "hr", "a", "del",
    "sup", "sub", "small", "div",
}  # fmt: skip
VOID = {"br", "hr"}
DROP_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "svg", "math", "title"}
ATTRIBUTES = {"class", "tabindex", "data-figure", "title", "role", "href", "id"}
_CLASS = re.compile(r"^[A-Za-z0-9 _-]{0,80}$")
_HREF = re.compile(r"^#")  # a brief links nowhere else: a link in client text stays text
_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$")


def clean_html(html: str) -> Markup:
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return Markup("".join(cleaner.out))


def _allowed(name: str, value: str) -> bool:
    if name == "class":
        return bool(_CLASS.match(value))
    if name == "href":
        return bool(_HREF.match(value.strip()))
    if name == "tabindex":
        return value in ("0", "-1")
    return name in ATTRIBUTES


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in TAGS:
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name == "style" and (align := _ALIGN.match(value)):
                kept.append(("class", f"align-{align.group(1)}"))
            elif _allowed(name, value):
                kept.append((name, value))
        rendered = "".join(f' {n}="{escape(v, quote=True)}"' for n, v in kept)
        self.out.append(f"<{tag}{rendered}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        while self.open:
            last = self.open.pop()
            self.out.append(f"</{last}>")
            if last == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def close(self) -> None:
        super().close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open = []
