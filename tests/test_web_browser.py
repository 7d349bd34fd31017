"""The web page in a real headless browser (Debian's chromium driven by Playwright) against a
real uvicorn server: paste a status, get the expected figures, see their provenance."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

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
def page(tmp_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


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
    assert page.locator("#roadmap-body svg").first.is_visible()  # the timeline chart
    assert page.title().endswith("Transvia")  # the client's name, not the workspace's
    with page.expect_download() as download:
        page.get_by_role("link", name="Download .pptx").click()
    deck = tmp_path / "deck.pptx"
    download.value.save_as(deck)
    assert len(Presentation(str(deck)).slides) >= 5
    page.get_by_role("link", name="←").first.click()
    assert page.locator("ul.roadmaps li").count() == 1  # past roadmaps, with their downloads
