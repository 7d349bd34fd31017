"""Reading user files whatever saved them: UTF-8 with or without BOM, Excel's cp1252."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.loaders import load_backlog, read_text

CSV = "key,title,team\nPAY-1,Écran de paiement,Équipe Paiements\n"


def test_utf8_text_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(CSV.encode("utf-8"))
    assert read_text(path) == CSV


def test_utf8_bom_is_dropped_so_the_first_column_keeps_its_name(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(codecs.BOM_UTF8 + CSV.encode("utf-8"))
    assert read_text(path) == CSV
    assert load_backlog([path]).items["PAY-1"].title == "Écran de paiement"


def test_excel_cp1252_export_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(CSV.encode("cp1252"))
    assert read_text(path) == CSV
    assert load_backlog([path]).items["PAY-1"].team == "Équipe Paiements"


def test_utf16_with_bom_from_excel_unicode_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(CSV.encode("utf-16"))
    assert read_text(path) == CSV


def test_missing_file_names_the_path_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(path) in str(caught.value)
    assert "not found" in str(caught.value)
    assert caught.value.fix


def test_directory_is_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory") as caught:
        read_text(tmp_path)
    assert caught.value.file == str(tmp_path)


def test_bytes_undefined_in_cp1252_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(b"key,title\nA-1,caf\xc3\n\x81\x8d\n")
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert caught.value.file == str(path)
    assert caught.value.where == "line 3"
    assert "UTF-8" in (caught.value.fix or "")


def test_an_excel_workbook_is_refused_with_export_as_csv_advice(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    with pytest.raises(InputError, match="Excel workbook") as caught:
        read_text(path)
    assert "CSV" in (caught.value.fix or "")


def test_binary_content_with_nul_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_bytes(b"key,title\x00\x00\nA-1,x\n")
    with pytest.raises(InputError, match="binary"):
        read_text(path)


def test_jira_export_saved_with_a_bom_is_still_detected_as_jira(tmp_path: Path) -> None:
    path = tmp_path / "jira.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Issue key,Summary\nA-1,Résumé\n".encode())
    assert load_backlog([path]).formats == ("jira-csv",)
