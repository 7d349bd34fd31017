"""Screenshot of the web page for the README: `python docs/make_web_screenshot.py`.

Starts the app on a loopback port with a temporary workspace of the bundled example, writes a
brief through the page in Debian's chromium, and saves docs/web-brief.png.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.app import create_app  # noqa: E402
from assistant.settings import Settings  # noqa: E402

EXAMPLE = ROOT / "examples" / "transvia"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        server = uvicorn.Server(
            uvicorn.Config(create_app(Settings(home=Path(home))), port=8931, log_level="error")
        )
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto("http://127.0.0.1:8931/?lang=fr")
            page.get_by_label("Nom").fill("transvia")
            page.get_by_role("button", name="Créer").click()
            files = ("context.yaml", "goals.yaml", "backlog.csv", "audit.csv")
            page.get_by_label("Fichiers").set_input_files([str(EXAMPLE / f) for f in files])
            page.get_by_role("button", name="Importer").click()
            page.get_by_role("status").wait_for()
            text = (EXAMPLE / "status.fr.txt").read_text(encoding="utf-8")
            page.get_by_label("Point d'avancement technique").fill(text)
            page.get_by_role("button", name="Rédiger le brief").click()
            page.wait_for_url("**/briefs/**")
            page.locator('[data-figure="total.cost"]').first.hover()
            page.screenshot(path=str(ROOT / "docs" / "web-brief.png"))
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
