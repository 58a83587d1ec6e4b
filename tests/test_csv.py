"""``--format csv``: one row per diagnostic (file, body, year, format, code, severity, line, column,
message), UTF-8 with a BOM, RFC 4180 quoting; Python's csv module reads back what the JSON says."""
from __future__ import annotations

import csv
import io
import json

from conftest import EXAMPLES, cli_runner
from govlint.cli import cli

COLUMNS = ["file", "body", "year", "format", "code", "severity", "line", "column", "message"]


def run(*args, input=None):
    return cli_runner().invoke(cli, [*map(str, args), "--no-color"], input=input)


def rows_of(out: str) -> list[dict]:
    assert out.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(out[1:], newline=""))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def test_one_row_per_diagnostic_as_the_json_says():
    args = (EXAMPLES / "defects", EXAMPLES / "clean-2021.txt")
    out = run(*args, "--format", "csv")
    assert out.exit_code == 1
    rows = rows_of(out.stdout)
    document = json.loads(run(*args, "--format", "json").stdout)
    expected = [(entry["path"], str(entry["year"]), entry["format"], d["code"], d["severity"], str(d["line"]),
                 str(d["column"]), d["message"]) for entry in document["files"] for d in entry["diagnostics"]]
    assert [(r["file"], r["year"], r["format"], r["code"], r["severity"], r["line"], r["column"], r["message"])
            for r in rows] == expected
    table = [r for r in rows if r["file"].endswith("table.txt") and r["code"] == "GL303"]
    assert table and table[0]["line"].isdigit()


def test_the_body_is_the_issuing_organ_of_the_title():
    rows = rows_of(run(EXAMPLES / "defects" / "table.txt", "--format", "csv").stdout)
    assert {row["body"] for row in rows} == {"某某县自然资源局"}


def test_the_bytes_are_utf8_with_a_bom_and_crlf_rows(tmp_path):
    target = tmp_path / "out.csv"
    out = run(EXAMPLES / "defects" / "table.txt", "--format", "csv", "-o", target)
    assert out.exit_code == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,body,year,format,code,severity,line,column,message\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    with open(target, encoding="utf-8-sig", newline="") as handle:  # how a program reads it back
        assert len(list(csv.reader(handle))) == data.count(b"\r\n")


def test_commas_quotes_and_line_breaks_in_a_message_are_quoted(tmp_path):
    # A table cell with a comma, a quote and a form feed: GL306 quotes the cell in its message.
    text = (EXAMPLES / "defects" / "table.txt").read_text(encoding="utf-8")
    assert "\t1\t—\t0" in text
    hostile = tmp_path / "quote,d.txt"
    hostile.write_text(text.replace("\t1\t—\t0", '\t1\t—,"x"\x0c\t0', 1), encoding="utf-8")
    out = run(hostile, "--format", "csv")
    rows = rows_of(out.stdout)
    assert {row["file"] for row in rows} == {str(hostile)}
    quoted = [row["message"] for row in rows if '"x"' in row["message"]]
    assert quoted, rows
    assert f'"{hostile}"' in out.stdout  # the comma in the name: the field is quoted


def test_an_unreadable_file_has_a_row_with_its_error(tmp_path):
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    out = run(binary, EXAMPLES / "clean-2021.txt", "--format", "csv", "--lang", "en")
    assert out.exit_code == 2
    rows = rows_of(out.stdout)
    assert rows[0]["file"] == str(binary) and rows[0]["code"] == "" and rows[0]["severity"] == "error"
    assert str(binary) in rows[0]["message"]


def test_no_diagnostic_gives_the_header_alone(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text((EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = run(clean, "--format", "csv", "--select", "GL303")
    assert out.exit_code == 0 and out.stdout_bytes == ("\ufeff" + ",".join(COLUMNS) + "\r\n").encode("utf-8")


def test_statistics_are_refused_with_csv():
    out = run(EXAMPLES / "clean-2021.txt", "--format", "csv", "--statistics")
    assert out.exit_code == 2 and "--statistics" in out.output
