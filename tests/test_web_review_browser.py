"""The review and the upload in a real browser (Debian's chromium through Playwright) against a
real uvicorn server: the upload shows the ingest job's progress, then what it read; "Vérifier
la lecture d'abord" stops before the figures, the server restarts, and "Confirmer et rédiger"
still finishes the same run from its checkpoint; "Corriger la lecture" makes a second run
kept in the history."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from assistant.settings import Settings
from tests.conftest import SEED
from tests.test_api import free_port
from tests.test_web_browser import CHROMIUM, FLAGS, new_page

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium")
STATUS = "Point hebdo.\nLe chantier Atlas a 2 semaines de retard.\nOn a 3 sprints de retard sur la migration.\n"  # fmt: skip


class Server:
    """A uvicorn server on a fixed port, stopped and started again on the same home."""

    def __init__(self, home: Path) -> None:
        self.home, self.port = home, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: uvicorn.Server | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        app = create_app(Settings(home=self.home))
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        if self.server is not None and self.thread is not None:
            self.server.should_exit = True
            self.thread.join(timeout=30)
            assert not self.thread.is_alive(), "the server did not stop"


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def server(tmp_path: Path):
    server = Server(tmp_path / "home")
    server.start()
    yield server
    server.stop()


def _shots(tmp_path: Path) -> Path:
    """Where screenshots go: STEERCO_SCREENSHOTS (docs/, for the README) or the test's folder."""
    return Path(os.environ.get("STEERCO_SCREENSHOTS") or tmp_path)


def test_upload_shows_progress_then_review_survives_a_restart_and_correcting_makes_a_new_run(
    server: Server,
    browser,
    tmp_path: Path,
) -> None:
    page = new_page(browser)
    polled: list[dict] = []

    def follow(route) -> None:  # what the page's script read of the job, before it moves on
        answer = route.fetch()
        polled.append(answer.json())
        route.fulfill(response=answer)

    page.route("**/w/fintrak/jobs/job-*", follow)
    page.goto(f"{server.url}/?lang=fr")
    page.get_by_label("Nom").fill("fintrak")
    page.get_by_role("button", name="Créer").click()
    page.get_by_label("Fichiers").set_input_files(
        [str(SEED / n) for n in ("context.yaml", "goals.yaml", "backlog.csv")]
    )
    page.get_by_role("button", name="Importer").click()
    page.get_by_label("Avancement de l'import").wait_for()  # the progress bar, at once
    page.wait_for_url("**ingested=job-**")
    assert "backlog.csv (backlog) : 11 nouveaux" in page.locator(".ingest-summary").inner_text()
    assert polled and polled[-1]["status"] == "done"  # the page followed the job
    assert all(p["line"] for p in polled)  # a line in the page's language each time
    assert polled[-1]["line"].startswith("Indexation")

    # review first: the reading as a table, nothing priced yet
    page.get_by_label("Point d'avancement technique").fill(STATUS)
    page.get_by_label("Vérifier la lecture d'abord").check()
    page.get_by_role("button", name="Rédiger le brief").click()
    page.wait_for_url("**/review?**")
    review_url = page.url
    run_id = review_url.split("/briefs/")[1].split("/")[0]
    rows = page.locator("table.reading tbody tr")
    assert rows.count() >= 2
    atlas = page.locator("tr", has_text="Le chantier Atlas")
    assert atlas.get_by_label("Type").input_value() == "to_confirm"
    migration = page.locator("tr", has_text="sur la migration")
    assert migration.get_by_label("Élément").input_value() == "MIG-100"
    assert migration.get_by_label("Semaines").input_value() == "6"
    atlas.get_by_label("Type").select_option("slip")
    atlas.get_by_label("Élément").select_option("SEC-300")
    atlas.get_by_label("Semaines").fill("2")
    page.screenshot(path=str(_shots(tmp_path) / "web-review.png"), full_page=True)
    api = httpx.Client(base_url=server.url, timeout=60)
    assert api.get("/v1/workspaces/fintrak/briefs").json() == []

    # the server restarts: the stopped run is in the workspace's checkpoints
    server.stop()
    server.start()
    page.goto(review_url)  # a new session (the old one lived in the stopped server's memory)
    atlas = page.locator("tr", has_text="Le chantier Atlas")
    assert atlas.get_by_label("Type").input_value() == "to_confirm"  # as read, from the checkpoint
    atlas.get_by_label("Type").select_option("slip")
    atlas.get_by_label("Élément").select_option("SEC-300")
    atlas.get_by_label("Semaines").fill("2")
    page.get_by_role("button", name="Confirmer et rédiger").click()
    page.wait_for_url(f"**/briefs/{run_id}?**")
    brief = api.get(f"/v1/workspaces/fintrak/briefs/{run_id}").json()
    assert sorted((i["item"], i["delay_weeks"]) for i in brief["impacts"]) == [
        ("MIG-100", 6),
        ("SEC-300", 2),
    ]
    assert "glissement" in page.locator("#brief-body").inner_text()

    # correct the reading of the finished brief: a second run, the first one kept
    page.get_by_role("button", name="Corriger la lecture").click()
    page.wait_for_url("**/review?**")
    second = page.url.split("/briefs/")[1].split("/")[0]
    assert second != run_id
    atlas = page.locator("tr", has_text="Le chantier Atlas")
    assert atlas.get_by_label("Élément").input_value() == "SEC-300"  # prefilled, as confirmed
    assert atlas.get_by_label("Semaines").input_value() == "2"
    atlas.get_by_label("Semaines").fill("3")
    page.get_by_role("button", name="Confirmer et rédiger").click()
    page.wait_for_url(f"**/briefs/{second}?**")
    runs = [b["run_id"] for b in api.get("/v1/workspaces/fintrak/briefs").json()]
    assert runs == [run_id, second]
    impacts = api.get(f"/v1/workspaces/fintrak/briefs/{second}").json()["impacts"]
    assert ("SEC-300", 3) in {(i["item"], i["delay_weeks"]) for i in impacts}
    page.get_by_role("link", name="←").first.click()
    assert page.locator("table tbody tr").count() == 2  # both briefs in the history
    assert page.csp_violations == []


def test_the_review_table_is_in_english_on_an_english_page(
    server: Server,
    browser,
) -> None:
    api = httpx.Client(base_url=server.url, timeout=120)
    api.post("/v1/workspaces", json={"name": "acme"})
    files = [("files", (n, (SEED / n).read_bytes())) for n in ("context.yaml", "goals.yaml", "backlog.csv")]  # fmt: skip
    assert api.post("/v1/workspaces/acme/files", files=files).status_code == 200
    page = new_page(browser)
    page.goto(f"{server.url}/w/acme?lang=en")
    page.get_by_label("Technical status").fill("MIG-100 is 3 sprints late.")
    page.get_by_label("Review the reading first").check()
    page.get_by_role("button", name="Write the brief").click()
    page.wait_for_url("**/review?**")
    assert page.get_by_role("heading", name="Review the reading").is_visible()
    row = page.locator("table.reading tbody tr").first
    assert row.get_by_label("Kind").locator("option:checked").inner_text() == "Slip"
    row.get_by_label("Weeks").fill("lots")
    page.get_by_role("button", name="Confirm and draft").click()
    assert "'lots' is not a number of weeks" in page.get_by_role("status").inner_text()
    assert page.csp_violations == []
