"""Issue 9 point 5: security headers on every answer, no inline script, /docs offline."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from tests.test_security_web import serve  # noqa: F401 (fixture)


@pytest.fixture
def client(serve) -> httpx.Client:  # noqa: F811
    client = serve()
    client.post("/v1/workspaces", json={"name": "acme"})
    return client


PAGES = ["/", "/?lang=en", "/w/acme", "/docs"]
OTHERS = [
    "/static/steerco.css", "/static/steerco.js", "/healthz", "/v1/workspaces", "/openapi.json",
    "/nowhere", "/w/nosuch", "/v1/workspaces/nosuch/items",
]  # fmt: skip


def csp_directives(answer: httpx.Response) -> dict[str, str]:
    policy = answer.headers.get("content-security-policy", "")
    parts = (p.strip().split(None, 1) for p in policy.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def test_every_answer_carries_the_security_headers(client) -> None:
    answers = [client.get(p) for p in PAGES + OTHERS]
    answers.append(client.get("/", headers={"Host": "evil.example"}))  # the 400 too
    answers.append(client.post("/w", headers={"Origin": "http://evil.example"}))  # the 403 too
    for answer in answers:
        where = f"{answer.request.method} {answer.request.url.path} ({answer.status_code})"
        csp = csp_directives(answer)
        assert csp.get("frame-ancestors") == "'none'", where
        assert "'unsafe-inline'" not in csp.get("script-src", "") and csp.get("default-src") == "'none'", where  # fmt: skip
        assert answer.headers.get("x-frame-options") == "DENY", where
        assert answer.headers.get("x-content-type-options") == "nosniff", where
        assert answer.headers.get("referrer-policy") in ("no-referrer", "same-origin"), where


def test_the_apis_html_documents_run_no_script_and_frame_only_in_the_page(client) -> None:
    from tests.conftest import SEED

    files = [("files", (n, (SEED / n).read_bytes())) for n in ("context.yaml", "goals.yaml", "backlog.csv")]  # fmt: skip
    client.post("/v1/workspaces/acme/files", files=files)
    body = {"status": "on a 3 sprints de retard sur la migration", "today": "2026-11-20"}
    run = client.post("/v1/workspaces/acme/briefs", json=body).json()["run"]["run_id"]
    document = client.get(f"/v1/workspaces/acme/briefs/{run}", params={"format": "html"})
    assert document.status_code == 200
    csp = csp_directives(document)
    assert "sandbox" in csp and "script-src" not in csp and csp["default-src"] == "'none'"
    assert (
        csp["frame-ancestors"] == "'self'" and document.headers["x-frame-options"] == "SAMEORIGIN"
    )


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        self.handlers += [n for n, _ in attrs if n.startswith("on")]
        self.urls += [v for n, v in attrs if n in ("src", "href") and v]
        if tag == "script" and not named.get("src"):
            self._in_script = True

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append(data.strip()[:60])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


def parse(text: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(text)
    return parser


def test_pages_have_no_inline_script_nor_event_handler(client) -> None:
    for path in PAGES:
        page = parse(client.get(path).text)
        assert page.inline == [] and page.handlers == [], path
    template_dir = Path(__file__).parent.parent / "api" / "web" / "templates"
    for template in template_dir.glob("*.j2"):  # the signed-in header and sign-in page too
        page = parse(template.read_text(encoding="utf-8"))
        assert page.inline == [] and page.handlers == [], template.name


def test_docs_work_offline_from_this_servers_files(client) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    urls = parse(docs.text).urls
    assert urls, "the page loads Swagger UI from somewhere"
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), f"/docs loads {url} from outside"
        asset = client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 100, url
    assert any(u.endswith("swagger-ui-bundle.js") for u in urls)
    assert client.get("/openapi.json").status_code == 200
