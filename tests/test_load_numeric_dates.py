"""Dates written as numbers (08/11/2016): each column's day/month order is read from its values.

A first number above 12 proves the day comes first, a second one the month; a column proving
both is refused; a column proving neither is read in an order the warnings name (another date
column of the file, else the context's language, else day first).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assistant.errors import InputError
from assistant.loaders import load_backlog, load_goals
from tests.conftest import SEED, SHARED, run_cli

DATA = Path(__file__).parent / "data" / "backlog"
FAB = SHARED / "data" / "backlog" / "FAB_deep-se.csv"  # TAWOS (SOLAR-group), see SOURCES.md


def test_one_day_above_twelve_makes_a_whole_jira_column_month_first() -> None:
    backlog = load_backlog([DATA / "jira_numeric_dates.csv"])
    items = backlog.items
    # '08/17/2016 15:45:27' on row 3 proves 'Created' month first, so row 2 is 11 August
    assert items["SHOP-1"].created == dt.date(2016, 8, 11)
    assert items["SHOP-2"].created == dt.date(2016, 8, 17)
    assert items["SHOP-3"].created == dt.date(2016, 9, 3)


def test_a_column_that_cannot_tell_takes_the_order_another_date_column_proves() -> None:
    backlog = load_backlog([DATA / "jira_numeric_dates.csv"], language="fr")
    assert backlog.items["SHOP-1"].resolved == dt.date(2016, 9, 2)  # not 9 February
    assert backlog.items["SHOP-2"].due == dt.date(2016, 10, 1)  # a two-digit year is 20yy
    resolved = next(w for w in backlog.warnings if "'Resolved'" in w)
    assert "read month first (mm/dd/yyyy), as column 'Created' of this file shows" in resolved
    assert (
        "'08/17/2016 15:45:27', row 3" in resolved
        and "'09/02/2016 10:00:00' is 2016-09-02" in resolved
    )


@pytest.mark.parametrize(
    ("language", "created", "due", "why"),
    [
        ("fr", dt.date(2026, 11, 8), dt.date(2027, 2, 1), "the order of French"),
        ("en", dt.date(2026, 8, 11), dt.date(2027, 1, 2), "the order of English"),
        (None, dt.date(2026, 11, 8), dt.date(2027, 2, 1), "Steerco's default with no context"),
    ],
)
def test_dates_no_value_settles_are_read_in_the_contexts_order_and_said_so(
    language: str | None, created: dt.date, due: dt.date, why: str
) -> None:
    backlog = load_backlog([DATA / "generic_numeric_dates.csv"], language=language)
    assert backlog.items["OPS-1"].created == created and backlog.items["OPS-1"].due == due
    assert backlog.items["OPS-2"].created.month in (9, 10)  # '09/10/2026 14:05': a time after
    warnings = [w for w in backlog.warnings if "could be day or month first" in w]
    assert len(warnings) == 2  # 'created' and 'due', each named, never a silent guess
    assert all(why in w and "re-export it as ISO dates" in w for w in warnings)
    assert "column 'created': 2 dates such as '08/11/2026' (row 2)" in warnings[0]


def test_a_column_written_in_both_orders_is_refused_with_two_rows_and_the_fix() -> None:
    with pytest.raises(InputError) as error:
        load_backlog([DATA / "generic_mixed_dates.csv"])
    message = str(error.value)
    assert "generic_mixed_dates.csv, column 'created'" in message
    assert "row 3 has '17/08/2026', which can only be day first" in message
    assert "row 5 has '08/21/2026', which can only be month first" in message
    assert "Fix: Write every date of the column in one order" in message


def test_a_date_impossible_in_its_columns_order_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text("key,title,due\nA-1,One,13/02/2026\nA-2,Two,31/04/2026\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3, A-2: due: '31/04/2026' is not a valid calendar"):
        load_backlog([path])


def test_a_goal_deadline_in_numbers_alone_is_refused_with_the_formats_to_use(
    tmp_path: Path,
) -> None:
    path = tmp_path / "goals.yaml"
    goal = {"id": "G1", "title": "Launch", "deadline": "08/11/2026", "cost_of_delay_per_week": 1}
    path.write_text(yaml.safe_dump({"goals": [goal]}), encoding="utf-8")
    with pytest.raises(InputError, match="writes the day and the month as numbers") as error:
        load_goals(path)
    assert "2026-06-03" in str(error.value)


def test_ingest_reads_undecided_dates_in_the_order_of_the_uploaded_contexts_language(
    home: Path, tmp_path: Path
) -> None:
    context = yaml.safe_load((SEED / "context.yaml").read_text(encoding="utf-8"))
    (tmp_path / "context.yaml").write_text(
        yaml.safe_dump({**context, "language": "en"}), encoding="utf-8"
    )
    assert run_cli("init", "acme").exit_code == 0
    result = run_cli(
        "ingest", "acme", "--no-embed", str(tmp_path / "context.yaml"),
        str(DATA / "generic_numeric_dates.csv"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "generic_numeric_dates.csv: backlog (generic-csv): 2 new" in result.stdout
    assert "read month first (mm/dd/yyyy), the order of English" in result.stderr
    assert "'08/11/2026' is 2026-08-11" in result.stderr


@pytest.mark.skipif(not FAB.is_file(), reason="needs ../shared/data")
def test_the_tawos_fab_export_reads_its_us_dates_month_first() -> None:
    backlog = load_backlog([FAB])
    assert len(backlog.items) == 303 and backlog.formats == ("generic-csv",)
    assert backlog.items["FAB-30"].created == dt.date(2016, 8, 11)  # '08/11/2016 19:32:40'
    assert backlog.items["FAB-149"].created == dt.date(2016, 8, 17)
    assert not any("day or month first" in w for w in backlog.warnings)  # proven, not assumed


def _backlog_with_undecided_dates(tmp_path: Path) -> Path:
    """The seed backlog with every 'Created' date written 05/06/2026: day or month first?"""
    lines = (SEED / "backlog.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    created = header.index("Created")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        row[created] = "05/06/2026"
    path = tmp_path / "backlog.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    return path


def _brief(backlog: Path, *extra: str) -> str:
    args = ["brief", "--context", str(SEED / "context.yaml"), "--goals", str(SEED / "goals.yaml")]
    args += ["--backlog", str(backlog), "--status", str(SEED / "status.fr.txt")]
    result = run_cli(*args, "--as-of", "2026-11-20", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_what_the_loaders_assumed_is_counted_in_the_brief_in_its_language(tmp_path: Path) -> None:
    backlog = _backlog_with_undecided_dates(tmp_path)
    french = _brief(backlog)
    attention = french.split("## Points d'attention", 1)[1]
    assert "1 avertissement à la lecture des fichiers" in attention.split("\n## ", 1)[0]
    assert "1 warning reading the files" in _brief(backlog, "--lang", "en")
    assert "1 avertissement à la lecture des fichiers" in _brief(backlog, "--format", "html")
    warnings = yaml.safe_load(_brief(backlog, "--format", "json"))["warnings"]
    detail = [w for w in warnings if "could be day or month first" in w]
    assert len(detail) == 1 and "'Created'" in detail[0]  # the detail, once, in the JSON
    assert not any("avertissement" in w for w in warnings)  # not the count line twice


def test_a_brief_whose_files_read_cleanly_counts_no_warning() -> None:
    assert "avertissement" not in _brief(SEED / "backlog.csv")
