"""The web page in a real headless browser (Debian's chromium driven by Playwright) against a
real uvicorn server: paste a status, get the expected figures, see their provenance; and what
hostile text, a hostile page of another site and a network-less machine get (issue 9)."""

from __future__ import annotations

import csv
import http.server
import io
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED
from tests.test_api import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    app = create_app(Settings(home=tmp_path / "home"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def new_page(browser, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    context.set_default_timeout(180_000)  # a loaded machine: the first ingest loads a model
    page = context.new_page()
    page.csp_violations = []  # what the Content-Security-Policy blocked: nothing, on our pages
    page.on(
        "console",
        lambda m: (
            page.csp_violations.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    return page


@pytest.fixture
def page(browser):
    """Every page a test opens runs under the server's CSP without breaking it."""
    page = new_page(browser)
    yield page
    assert page.csp_violations == []


def test_cto_pastes_a_status_and_reads_the_priced_brief(
    base_url: str, page, tmp_path: Path
) -> None:
    page.goto(f"{base_url}/?lang=fr")
    page.get_by_label("Nom").fill("fintrak")
    page.get_by_role("button", name="Créer").click()
    page.get_by_label("Fichiers").set_input_files(
        [str(SEED / n) for n in ("context.yaml", "goals.yaml", "backlog.csv")]
    )
    page.get_by_role("button", name="Importer").click()
    page.get_by_role("status").wait_for()
    assert "backlog.csv (backlog)" in page.get_by_role("status").inner_text()
    page.get_by_label("Point d'avancement technique").fill(
        "Point hebdo : on a 3 sprints de retard sur la migration."
    )
    page.get_by_role("button", name="Rédiger le brief").click()
    page.wait_for_url("**/briefs/**")
    body = page.locator("#brief-body")
    assert "Lancement du paiement instantané : glissement de 6 semaines" in body.inner_text()
    assert "270 000 EUR" in body.inner_text()
    figure = page.locator('[data-figure="impact.MIG-100.extra_cost"]').first
    figure.focus()  # keyboard users get the provenance too
    tip = figure.locator(".tip")
    assert tip.is_visible()
    assert "20000 EUR/week × 6 weeks" in tip.inner_text()
    page.screenshot(path=str(tmp_path / "brief.png"), full_page=True)
    page.goto(page.url.split("/briefs/")[0] + "?lang=en")
    assert "Past briefs" in page.content() and "Lancement" in page.content()


def test_page_is_readable_on_a_phone(base_url: str, page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base_url}/?lang=en")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no horizontal scrolling
    assert page.get_by_label("Name").is_visible()


def test_cto_drafts_a_roadmap_and_downloads_the_deck(base_url: str, page, tmp_path: Path) -> None:
    from pptx import Presentation

    from tests.conftest import TRANSVIA

    page.goto(f"{base_url}/?lang=en")
    page.get_by_label("Name").fill("transvia")
    page.get_by_role("button", name="Create").click()
    names = ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")
    page.get_by_label("Files").set_input_files([str(TRANSVIA / n) for n in names])
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_role("status").wait_for()
    page.get_by_role("button", name="Draft the roadmap").click()
    page.wait_for_url("**/roadmaps/**")
    assert page.locator("iframe").count() == 0  # the roadmap is in the page itself
    chart = page.locator("#roadmap-body img.chart").first  # the timeline chart, as an image
    assert chart.is_visible() and chart.evaluate("e => e.naturalWidth") > 0
    assert page.title().endswith("Transvia")  # the client's name, not the workspace's
    with page.expect_download() as download:
        page.get_by_role("link", name="Download .pptx").click()
    deck = tmp_path / "deck.pptx"
    download.value.save_as(deck)
    assert len(Presentation(str(deck)).slides) >= 5
    page.get_by_role("link", name="←").first.click()
    assert page.locator("ul.roadmaps li").count() == 1  # past roadmaps, with their downloads


# Issue 9 -------------------------------------------------------------------------------------

SCRIPT = "<script>window.__xss='script'</script>"
IMG = '"><img src=x onerror="window.__xss=\'img\'">'
SVG = "<svg onload=\"window.__xss='svg'\">"
HOSTILE = f" {SCRIPT} {IMG} {SVG}"


def hostile_exports(folder: Path) -> list[Path]:
    """The Transvia example with a script in every field a client writes."""
    import yaml

    from tests.conftest import TRANSVIA

    folder.mkdir()
    context = yaml.safe_load((TRANSVIA / "context.yaml").read_text(encoding="utf-8"))
    context["company"] += HOSTILE
    goals = yaml.safe_load((TRANSVIA / "goals.yaml").read_text(encoding="utf-8"))
    for goal in goals:
        goal["title"] = {lang: text + HOSTILE for lang, text in goal["title"].items()}
        goal["owner"] = goal.get("owner", "") + IMG
    (folder / "context.yaml").write_text(yaml.safe_dump(context, allow_unicode=True), "utf-8")
    (folder / "goals.yaml").write_text(
        yaml.safe_dump(goals, allow_unicode=True, default_flow_style=False), "utf-8"
    )
    for name, fields in (("backlog.csv", ("Summary",)), ("audit.csv", ("title", "description"))):
        rows = list(csv.reader((TRANSVIA / name).open(encoding="utf-8")))
        columns = [i for i, c in enumerate(rows[0]) if c in fields]
        for row in rows[1:]:
            for i in columns:
                row[i] += HOSTILE
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        (folder / name).write_text(out.getvalue(), encoding="utf-8")
    return [folder / n for n in ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")]


def assert_no_script_ran(page, where: str) -> None:
    for frame in page.frames:  # the roadmap's frame too
        assert frame.evaluate("window.__xss") is None, f"a script ran on {where}"
        injected = frame.evaluate(
            "document.querySelectorAll('[onerror], [onload], img[src=x], svg[onload]').length"
            " + [...document.scripts].filter(s => !s.src).length"
        )
        assert injected == 0, f"markup from client text on {where}"


def test_hostile_text_in_every_field_never_runs_as_script(
    base_url: str, browser, tmp_path: Path
) -> None:
    """Escaping is what is tested here: the browser ignores the CSP (which would also stop
    these scripts); the payloads must arrive as text."""
    page = new_page(browser, bypass_csp=True)
    page.goto(f"{base_url}/?lang=en")
    page.get_by_label("Name").fill("xss")
    page.get_by_role("button", name="Create").click()
    page.get_by_label("Files").set_input_files([str(p) for p in hostile_exports(tmp_path / "x")])
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_role("status").wait_for()
    assert "backlog.csv (backlog)" in page.get_by_role("status").inner_text()
    assert_no_script_ran(page, "the upload page")
    status = TRANSVIA_STATUS.read_text(encoding="utf-8") + "\nNote:" + HOSTILE
    page.get_by_label("Technical status").fill(status)
    page.get_by_label("Audience").select_option("engineering")  # quotes the status verbatim
    page.get_by_role("button", name="Write the brief").click()
    page.wait_for_url("**/briefs/**")
    assert "onerror=" in page.locator("#brief-body").inner_text()  # shown, as text
    assert_no_script_ran(page, "the brief page")
    brief_url = page.url
    page.get_by_role("button", name="Correct the reading").click()  # the review table
    page.wait_for_url("**/review?**")
    assert "<script>window.__xss" in page.locator("table.reading").inner_text()  # as text
    assert_no_script_ran(page, "the review table")
    run_id = brief_url.split("/briefs/")[1].split("?")[0]
    page.goto(f"{base_url}/w/xss?lang=en")
    assert "onerror=" in page.locator("table").inner_text()  # the history
    assert_no_script_ran(page, "the history")
    page.get_by_role("button", name="Draft the roadmap").click()
    page.wait_for_url("**/roadmaps/**")
    page.locator("#roadmap-body img.chart").first.wait_for()
    assert "onerror=" in page.locator("#roadmap-body").inner_text()
    assert_no_script_ran(page, "the roadmap page")
    for path in (
        f"/v1/workspaces/xss/briefs/{run_id}?format=html",  # the downloadable page
        f"/w/xss/briefs/{SCRIPT}",  # an unknown brief
        "/w/nosuch",
    ):
        page.goto(base_url + path)
        assert_no_script_ran(page, path)
    page.goto(f"{base_url}/?lang=en")  # errors: a hostile workspace name, a hostile file name
    page.locator("#name").evaluate("e => e.removeAttribute('pattern')")
    page.get_by_label("Name").fill(IMG + SVG)
    page.get_by_role("button", name="Create").click()
    page.get_by_role("status").wait_for()
    assert_no_script_ran(page, "the new-workspace error")
    page.goto(f"{base_url}/w/xss?lang=en")
    page.get_by_label("Files").set_input_files(
        [{"name": f"{IMG}{SVG}.csv", "mimeType": "text/csv", "buffer": b"a,b\n1,2\n"}]
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    page.get_by_role("status").wait_for()
    assert "onerror=" in page.get_by_role("status").inner_text()
    assert_no_script_ran(page, "the upload error")


TRANSVIA_STATUS = Path(__file__).resolve().parent.parent / "examples" / "transvia" / "status.en.txt"


@pytest.fixture
def attacker_site() -> Iterator:
    """Another site the CTO visits: a page served on another loopback name and port."""
    pages: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, b"")
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def publish(html: str) -> str:
        pages["/"] = html.encode()
        return f"http://localhost:{server.server_address[1]}/"

    yield publish
    server.shutdown()


def test_a_page_of_another_site_cannot_write(base_url: str, page, attacker_site) -> None:
    from tests.conftest import SEED

    api = httpx.Client(base_url=base_url)
    api.post("/v1/workspaces", json={"name": "acme"})
    goals_before = api.get("/v1/workspaces/acme/goals").json()
    page.goto(f"{base_url}/w/acme?lang=en")  # the CTO has Steerco open in this browser
    goals = (SEED / "goals.yaml").read_text(encoding="utf-8").replace("`", "")
    evil = attacker_site(f"""<!doctype html><body><script>
      const create = new URLSearchParams({{name: "pwned"}});
      const upload = new FormData();
      upload.append("files", new Blob([`{goals}`]), "goals.yaml");
      Promise.allSettled([
        fetch("{base_url}/w", {{method: "POST", mode: "no-cors", credentials: "include", body: create}}),
        fetch("{base_url}/v1/workspaces/acme/files", {{method: "POST", mode: "no-cors", credentials: "include", body: upload}}),
      ]).then(() => {{ document.title = "sent"; }});
    </script></body>""")
    page.goto(evil)
    page.wait_for_function("document.title === 'sent'")
    assert api.get("/v1/workspaces").json() == ["acme"]
    assert api.get("/v1/workspaces/acme/goals").json() == goals_before
    form = attacker_site(f"""<!doctype html><body>
      <form method="post" action="{base_url}/w"><input name="name" value="pwned"></form>
      <script>document.forms[0].submit()</script></body>""")
    page.goto(form)
    page.wait_for_url(f"{base_url}/w")
    assert "cross_site" in page.content()
    assert api.get("/v1/workspaces").json() == ["acme"]


def test_docs_render_without_any_network_but_this_server(base_url: str, page) -> None:
    outside: list[str] = []

    def only_this_server(route) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.context.route("**/*", only_this_server)
    page.goto(f"{base_url}/docs")
    page.locator(".opblock").first.wait_for()
    assert page.get_by_text("/v1/briefs", exact=True).count() >= 1
    assert outside == []


def test_cto_signs_in_with_a_key_and_downloads_from_the_signed_in_page(
    tmp_path: Path, page
) -> None:
    from api.security import add_key

    keys = tmp_path / "keys.yaml"
    secret = add_key(keys, "cto", ["acme"])
    port = free_port()
    app = create_app(Settings(home=tmp_path / "keyed", api_keys_file=keys))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    try:
        page.goto(f"{base}/?lang=en")
        page.wait_for_url("**/signin**")
        page.get_by_label("API key").fill("stc_not-a-key")
        page.get_by_role("button", name="Sign in").click()
        assert "Unknown key" in page.get_by_role("status").inner_text()
        page.get_by_label("API key").fill(secret)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_label("Name").fill("acme")
        page.get_by_role("button", name="Create").click()
        page.wait_for_url("**/w/acme**")
        assert page.context.cookies()[0]["httpOnly"] and page.context.cookies()[0]["sameSite"] == "Strict"  # fmt: skip
        answer = page.request.get(f"{base}/v1/workspaces/acme/items")  # as the page's links do
        assert answer.status == 200 and answer.json() == []
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/signin**")
        assert page.request.get(f"{base}/v1/workspaces/acme/items").status == 401
    finally:
        server.should_exit = True
