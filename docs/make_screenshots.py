"""Draws the README's roadmap pictures from the bundled example: docs/roadmap-timeline.png,
and two slides of the deck as LibreOffice renders them (docs/roadmap-slide-*.png; needs
`soffice` and `pdftoppm`, installed by .ci/run).

.venv/bin/python docs/make_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from assistant.inputs import load_inputs
from assistant.roadmap.plan import build_plan
from assistant.roadmap.render import charts
from assistant.roadmap.render.figures import FigureBook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "transvia"
START = dt.date(2026, 11, 23)


def main() -> None:
    inputs = load_inputs(
        EXAMPLE / "context.yaml",
        EXAMPLE / "goals.yaml",
        [EXAMPLE / "backlog.csv"],
        [EXAMPLE / "audit.csv"],
    )
    plan = build_plan(
        inputs.context,
        inputs.goals,
        inputs.backlog,
        inputs.findings,
        start=START,
        horizon_weeks=26,
        method="cd3",
    )
    titles = {g.id: g.title_in("en") for g in inputs.goals}
    book = FigureBook(plan, "en", titles)
    target = ROOT / "docs" / "roadmap-timeline.png"
    target.write_bytes(charts.timeline(plan, book, fmt="png"))
    print(f"wrote {target}")
    slides(plan, book)


def slides(plan, book) -> None:  # type: ignore[no-untyped-def]
    """Slides 2 (executive summary) and 4 (options) of the English deck, 960 px wide."""
    from assistant.roadmap.render.pptx import roadmap_pptx

    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        print("soffice or pdftoppm missing: slides not drawn")
        return
    shown = plan.model_copy(update={"prepared_by": "C. Martin, fractional CTO"})
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "deck.pptx"
        deck.write_bytes(roadmap_pptx(shown, book, audience="comex"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", folder, str(deck)],
                       check=True, capture_output=True)  # fmt: skip
        for number, name in ((2, "summary"), (4, "options")):
            target = ROOT / "docs" / f"roadmap-slide-{name}"
            subprocess.run(["pdftoppm", "-png", "-singlefile", "-f", str(number), "-l",
                            str(number), "-scale-to", "960", str(deck.with_suffix(".pdf")),
                            str(target)], check=True)  # fmt: skip
            print(f"wrote {target}.png")


if __name__ == "__main__":
    main()
