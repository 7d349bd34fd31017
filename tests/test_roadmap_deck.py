"""The roadmap deck a CTO puts on the screen: 16:9, a real title slide, the executive summary
first, page numbers, one style, provenance in the speaker notes; and LibreOffice renders every
slide of it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import TRANSVIA, run_cli


def deck(tmp_path: Path, *extra: str, context: Path | None = None) -> Path:
    out = tmp_path / "deck.pptx"
    result = run_cli(
        "roadmap", "--context", str(context or TRANSVIA / "context.yaml"),
        "--goals", str(TRANSVIA / "goals.yaml"), "--backlog", str(TRANSVIA / "backlog.csv"),
        "--findings", str(TRANSVIA / "audit.csv"), "--start", "2026-11-23",
        "--format", "pptx", "--out", str(out), *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found += [p.text for p in shape.text_frame.paragraphs if p.text.strip()]
        if shape.has_table:
            found += [c.text for row in shape.table.rows for c in row.cells if c.text.strip()]
    return found


def test_title_slide_names_client_date_author_and_confidentiality(tmp_path: Path) -> None:
    from pptx import Presentation

    data = yaml.safe_load((TRANSVIA / "context.yaml").read_text(encoding="utf-8"))
    data.update(prepared_by="Claire Martin, CTO de transition", brand_colour="#7A1F5C")
    context = tmp_path / "context.yaml"
    context.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    slides = Presentation(str(deck(tmp_path, context=context)))
    assert slides.slide_width * 9 == slides.slide_height * 16
    title = texts(slides.slides[0])
    assert title[0] == "Feuille de route — Transvia"
    assert title[1:] == ["23 novembre 2026", "Préparé par Claire Martin, CTO de transition",
                         "Confidentiel"]  # fmt: skip
    assert str(slides.slides[0].background.fill.fore_color.rgb) == "7A1F5C"
    bar = slides.slides[1].shapes[0]  # every other slide carries the same colour
    assert str(bar.fill.fore_color.rgb) == "7A1F5C"


def test_summary_first_page_numbers_and_provenance_in_the_notes(tmp_path: Path) -> None:
    from pptx import Presentation

    slides = list(Presentation(str(deck(tmp_path, "--lang", "en"))).slides)
    assert texts(slides[1])[0] == "Executive summary"
    assert any(t.startswith("Recommended: ") for t in texts(slides[1]))
    for number, slide in enumerate(slides[1:], start=2):
        lines = texts(slide)
        assert str(number) in lines and any("Confidential" in t for t in lines)
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(lines) > 3 or pictures, lines  # never an empty slide
    notes = slides[1].notes_slide.notes_text_frame.text
    assert notes.startswith("Where this slide's figures come from:")
    assert "Σ CoD/week × finish week" in notes and "roadmap.total_cost_of_delay.naive" in notes


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="LibreOffice and poppler-utils are installed by .ci/run",
)
def test_libreoffice_renders_every_slide(tmp_path: Path) -> None:
    from PIL import Image
    from pptx import Presentation

    path = deck(tmp_path)
    count = len(Presentation(str(path)).slides)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(tmp_path / "deck.pdf"), str(tmp_path / "slide")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    pages = sorted(tmp_path.glob("slide-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    assert len(pages) == count
    for number, page in enumerate(pages, start=1):
        image = Image.open(page).convert("L")
        assert image.width * 9 == pytest.approx(image.height * 16, rel=0.02)
        width, height = image.size
        if number == 1:
            low, high = image.getextrema()
            assert high - low > 100, page.name  # the title slide is drawn
            continue
        body = image.crop((0, int(height * 0.2), width, int(height * 0.9)))
        footer = image.crop((0, int(height * 0.92), width, height))
        assert _ink(body) > 0.004, f"slide {number}: nothing under its title"
        assert _ink(footer) > 0.001, f"slide {number}: no page number nor confidentiality"


def _ink(image) -> float:  # type: ignore[no-untyped-def]
    """Share of the pixels that are not background (white)."""
    histogram = image.histogram()
    return 1 - sum(histogram[230:]) / (image.width * image.height)
