"""The command line: exit statuses, error lines, atomic output, and the commands end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from teller.cli import main

ROOT = Path(__file__).resolve().parents[2]
WARD = ROOT / "src/teller/data/demo/aberdeen-city-bridge-of-don-2017.blt"
HARTLEPOOL = ROOT / "src/teller/data/demo/hartlepool-2021.csv"
MALFORMED = sorted((ROOT / "tests/data/malformed").glob("*.expected"))


def test_count_writes_a_record_that_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "record.json"
    assert main(["count", str(WARD), "--method", "stv", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "teller-count/1"
    assert data["elected"][:2] == ["Brett HUNT (Con)", "Alison ALPHONSE (SNP)"]
    assert main(["verify", str(out)]) == 0
    assert "the record holds" in capsys.readouterr().out


def test_verify_reports_an_altered_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "record.json"
    main(["count", str(WARD), "--method", "stv", "--format", "json", "-o", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    data["stages"][3]["totals"]["Willie YOUNG (Lab)"] = "856.19205"
    out.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", str(out)]) == 1
    assert "stage 4" in capsys.readouterr().out


@pytest.mark.parametrize("expected", MALFORMED, ids=lambda p: p.stem)
def test_malformed_input_is_one_line_exit_2_and_no_file(
    expected: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = next(p for p in expected.parent.glob(expected.stem + ".*") if p != expected)
    out = tmp_path / "sheet.txt"
    status = main(["count", str(source), "--method", "irv", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"{source}:"), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_missing_file_and_bad_options_are_clean_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["count", "/no/such/file.blt", "--method", "stv"]) == 2
    assert "/no/such/file.blt" in capsys.readouterr().err
    assert main(["count", str(WARD), "--method", "stv", "--rules", "nonsense"]) == 2
    assert "no rule set 'nonsense'" in capsys.readouterr().err
    assert main(["count", str(WARD), "--method", "irv", "--option", "bulk"]) == 2
    assert "KEY=VALUE" in capsys.readouterr().err


def test_a_needed_lot_draws_and_reports_a_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tied = tmp_path / "tied.csv"
    tied.write_text("candidate,party,votes\nAnn,Red,5\nBob,Blue,5\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["count", str(tied), "--method", "fptp", "--format", "json", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    seed = json.loads(out.read_text(encoding="utf-8"))["seed"]
    assert f"--seed {seed}" in err
    again = tmp_path / "again.json"
    main(
        [
            "count",
            str(tied),
            "--method",
            "fptp",
            "--seed",
            str(seed),
            "-f",
            "json",
            "-o",
            str(again),
        ]
    )
    assert json.loads(again.read_text())["elected"] == json.loads(out.read_text())["elected"]


def test_fptp_table_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["count", str(HARTLEPOOL), "--method", "fptp", "--electorate", "70768"]) == 0
    out = capsys.readouterr().out
    assert "Jill Mortimer" in out and "6,940" in out and "15,529" in out


def test_convert_round_trips(tmp_path: Path) -> None:
    csv_path, blt_path = tmp_path / "w.csv", tmp_path / "w.blt"
    assert main(["convert", str(WARD), str(csv_path)]) == 0
    assert main(["convert", str(csv_path), str(blt_path)]) == 0
    from teller.io import read_ballots

    assert read_ballots(blt_path).profile == read_ballots(WARD).profile


def test_render_and_methods(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "r.json"
    main(["count", str(WARD), "--method", "stv", "-f", "json", "-o", str(record)])
    html = tmp_path / "r.html"
    assert main(["render", str(record), "-f", "html", "-o", str(html)]) == 0
    assert "<svg" in html.read_text(encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "teller-count/1",\n  "stages": [', encoding="utf-8")
    assert main(["render", str(broken)]) == 2
    assert capsys.readouterr().err.startswith(f"{broken}:")
    assert main(["methods"]) == 0
    listing = capsys.readouterr().out
    for rules in ("scottish-2007", "ers97", "meek", "labour", "scotland-1998"):
        assert rules in listing


def test_the_installed_command_and_the_demo() -> None:
    teller = Path(sys.executable).with_name("teller")
    done = subprocess.run([str(teller), "demo"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Independent verifier: the record holds") == 2
    assert "Sandy STUART (SNP)" in done.stdout and "Jill Mortimer" in done.stdout
