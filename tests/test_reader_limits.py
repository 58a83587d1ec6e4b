"""Every reader enforces its limits on the whole input and says which limit was hit.

Each hostile file is generated here (readers_support), never committed.  The expensive ones
are read in a child process under an address-space limit, which reports its own peak RSS:
each must end within HANG_GUARD seconds and 500 MB.  Cheap ones, and the limits lowered to
make a small file hit them, are read in this process."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from govlint.source.readers import read
from govlint.source import InputError
import readers_support as support

HANG_GUARD = 10          # seconds: a guard against hangs, not a benchmark
PEAK_RSS = 500 * 1024    # KB
REPO = Path(__file__).resolve().parents[1]

_CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3_000_000_000, 3_000_000_000))
from govlint.source.readers import read
from govlint.source import InputError
path, name = sys.argv[1], sys.argv[2]
data = open(path, "rb").read()
start = time.monotonic()
try:
    source = read(data, name)
    outcome = {"text": source.text[:2000], "length": len(source.text)}
except InputError as exc:
    outcome = {"error": str(exc)}
outcome["seconds"] = time.monotonic() - start
outcome["peak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(outcome))
"""


def read_in_child(tmp_path: Path, data: bytes, name: str) -> dict:
    """Read the bytes as ``name`` in a fresh interpreter; its outcome, time and peak RSS."""
    path = tmp_path / ("input-" + name)
    path.write_bytes(data)
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path), name], capture_output=True, text=True,
                          timeout=60, cwd=str(REPO))
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["seconds"] < HANG_GUARD, outcome
    assert outcome["peak_kb"] < PEAK_RSS, outcome
    return outcome


# -- Word ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["upperLetter", "lowerLetter", "upperRoman", "chineseCounting", "decimal",
                                 "ideographTraditional"])
@pytest.mark.parametrize("override", [False, True], ids=["start", "startOverride"])
def test_a_list_starting_at_a_billion_is_written_as_a_decimal(tmp_path, fmt, override):
    """A 36 KB .docx whose list starts at 10⁹ took more than 8 GB: 38 million letters a paragraph."""
    data = support.numbered_docx(tmp_path / "n.docx", 10 ** 9, fmt, paragraphs=200, override=override).read_bytes()
    assert len(data) < 50_000
    outcome = read_in_child(tmp_path, data, "numbered.docx")
    lines = outcome["text"].splitlines()
    assert lines[0] == "1000000000.某某局政府信息公开工作"
    assert lines[1] == ("1000000000." if override else "1000000001.") + "某某局政府信息公开工作"


def test_list_numbers_are_capped_and_cheap():
    from govlint.source.readers.docx import MAX_LIST_NUMBER, format_number
    assert format_number(27, "upperLetter") == "AA" and format_number(MAX_LIST_NUMBER + 1, "upperLetter") == "10001"
    assert format_number(10 ** 400, "lowerRoman") == str(10 ** 400)
    assert format_number(-3, "chineseCounting") == "-3"


def test_a_huge_number_attribute_is_not_parsed(tmp_path):
    """int() of a million digits is quadratic on Python 3.9; such a w:start is ignored."""
    data = support.numbered_docx(tmp_path / "n.docx", int("9" * 100), "decimal", paragraphs=3).read_bytes()
    assert read(data, "n.docx").text.splitlines()[0] == "1.某某局政府信息公开工作"


def test_identical_tables_are_not_a_zip_bomb(tmp_path):
    """Sixty copies of an empty template table: 1.5 MB of XML deflating about 240 times."""
    import zipfile
    path = support.identical_tables_docx(tmp_path / "tables.docx")
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size > 1024 * 1024 and info.file_size > 200 * info.compress_size
    outcome = read_in_child(tmp_path, path.read_bytes(), "tables.docx")
    assert "error" not in outcome, outcome
    assert outcome["text"].splitlines() == ["某某县自然资源局2022年政府信息公开工作年度报告", "本表为空白模板。"]


@pytest.mark.parametrize("megabytes,words", [
    (60, r"would unpack to more than 50 MB \(the unpacked-size limit"),
    (20, r"expands \d{3,4} times to 20 MB \(the limit is 200 times for members over 10 MB"),
])
def test_zip_bombs_are_still_refused(tmp_path, megabytes, words):
    data = support.zip_bomb(tmp_path / "bomb.docx", megabytes=megabytes).read_bytes()
    outcome = read_in_child(tmp_path, data, "bomb.docx")
    error = outcome.get("error", "")
    assert error.startswith("bomb.docx: ") and __import__("re").search(words, error), outcome


def test_a_zip_lying_about_its_sizes_is_caught_while_inflating():
    with pytest.raises(InputError, match=r"broken zip archive: Bad CRC-32 for file 'word/document.xml'"):
        read(support.lying_zip(20), "lying.docx")


# -- PDF ----------------------------------------------------------------------------------------------

def test_a_page_of_50000_glyphs_is_refused_inside_the_page(tmp_path):
    """It took 183 s: the deadline was checked between pages, and de-duplication was quadratic."""
    outcome = read_in_child(tmp_path, support.dense_pdf(50_000), "dense.pdf")
    assert outcome.get("error") == ("dense.pdf: page 1 has more than 20,000 characters (the per-page "
                                    "character limit); not a report page")


def test_a_dense_page_under_the_limit_is_read_in_linear_time(tmp_path):
    outcome = read_in_child(tmp_path, support.dense_pdf(15_000), "dense.pdf")
    assert "error" not in outcome and outcome["length"] > 15_000


@pytest.mark.parametrize("make,words", [
    (lambda: support.flate_bomb_pdf(512), "a compressed stream of the PDF expands beyond 32 MB (the stream size limit)"),
    (lambda: support.flate_bomb_pdf(256, b"[/ASCIIHexDecode /FlateDecode]"), "expands beyond 32 MB"),
    (lambda: support.many_streams_pdf(6, 30), "the PDF's compressed streams expand beyond 128 MB in all "
                                              "(the inflated-size limit)"),
    (lambda: support.runlength_bomb_pdf(64), "expands beyond 32 MB (the stream size limit)"),
], ids=["flate", "hex-then-flate", "many-streams", "runlength"])
def test_compressed_streams_are_inflated_with_a_bound(tmp_path, make, words):
    """A 4 MB stream inflating to 4 GB took 55 s and 2.7 GB before failing on an allocation."""
    outcome = read_in_child(tmp_path, make(), "bomb.pdf")
    assert outcome.get("error", "").startswith("bomb.pdf: ") and words in outcome["error"], outcome


@pytest.mark.parametrize("make,words", [
    (lambda: support.ruled_pdf(100, 100), "page 1 is ruled into more than 5,000 cells (100 × 100 rules; "
                                          "the per-page ruling limit)"),
    (lambda: support.ruled_pdf(10_001, 10_001), "page 1 draws more than 20,000 lines, rectangles and curves "
                                                "(the per-page drawing limit)"),
    (lambda: support.busy_pdf(2_000_000), "page 1 has more than 300,000 content operations "
                                          "(the per-page content limit)"),
], ids=["graph-paper", "many-lines", "busy-content"])
def test_page_content_limits(tmp_path, make, words):
    outcome = read_in_child(tmp_path, make(), "page.pdf")
    assert outcome.get("error", "").startswith("page.pdf: ") and words in outcome["error"], outcome


def test_a_ruled_page_under_the_limit_is_read(tmp_path):
    outcome = read_in_child(tmp_path, support.ruled_pdf(60, 60), "ruled.pdf")
    assert "error" not in outcome, outcome  # (its text is cut into the grid's cells)


def test_a_damaged_stream_checksum_keeps_its_text():
    """pdfminer re-inflates such a stream a byte at a time; the bounded inflater keeps what inflated."""
    assert read(support.corrupt_flate_pdf(512), "damaged.pdf").text == "Damaged page 2022\n"


def test_an_encrypted_pdf_asks_for_an_unprotected_copy():
    with pytest.raises(InputError) as caught:
        read(support.encrypted_pdf(user="secret"), "locked.pdf")
    assert str(caught.value) == "locked.pdf: the PDF is encrypted (password-protected): save an unprotected copy"


def test_a_pdf_with_only_an_owner_password_is_read():
    assert read(support.encrypted_pdf(user=""), "owner.pdf").text == "Protected report 2022\n"


def test_pdfminer_is_itself_again_outside_a_reading():
    """The bounded decoders act only while govlint reads a PDF."""
    import zlib

    from pdfminer import pdftypes
    read(support.text_pdf(["x 2022"]), "x.pdf")
    big = zlib.compress(b" " * (40 * 1024 * 1024))
    assert len(pdftypes.zlib.decompress(big)) == 40 * 1024 * 1024


# -- HTML ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", [b"<", b"<?", b"<!--x>", b"<![x>", b"</", b"<a<", b"<![cdata[x>"],
                         ids=["lt", "pi", "comment", "marked", "endtag", "tag", "cdata"])
def test_unclosed_markup_is_read_in_linear_time(tmp_path, unit):
    """3.9 MB of ``<`` or ``<?`` ran past 180 s: html.parser rescanned each to the end of the page."""
    data = support.html_of_brackets(3.9, unit)
    outcome = read_in_child(tmp_path, data, "page.html")
    assert "error" not in outcome, outcome
    assert outcome["text"].startswith("某某局2022年政府信息公开工作年度报告\n")


def test_defused_markup_reads_as_a_browser_shows_it():
    page = ("<html><body><p>a < b <? x ?> 1<2</p><![if !supportLists]><p>1.条目</p><![endif]>"
            "<p>甲<!-- c --></p><p>乙 <!-- open").encode()
    assert read(page, "p.html").text.splitlines() == ["a < b 1<2", "1.条目", "甲", "乙 <!-- open"]


def test_table_cells_are_counted_for_the_whole_page(tmp_path):
    """490 tables each under the old per-table limit took 102 s."""
    outcome = read_in_child(tmp_path, support.html_of_span_tables(490), "spans.html")
    assert outcome.get("error") == ("spans.html: the tables of the page span more than 200,000 grid cells "
                                    "in all (the table-cell limit); not a report")


@pytest.mark.parametrize("data,words", [
    (b"<html><body>" + "<p>政府信息公开</p>".encode() * 300000 + b"</body></html>",
     "govlint reads pages up to 4 MB (the size limit"),
    (b"<html><body>" + b"<div>" * 100001 + b"x</body></html>", "more than 100,000 elements (the element limit)"),
])
def test_html_size_limits_say_which(data, words):
    with pytest.raises(InputError, match=r"^page\.html: .*" + __import__("re").escape(words)):
        read(data, "page.html")


# -- the deadline and the text cap, lowered so that a report hits them --------------------------------

def _report_files(tmp_path: Path) -> dict:
    text = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
    return {
        "report.docx": support.word_report(text, tmp_path / "report.docx").read_bytes(),
        "report.pdf": support.text_pdf(["Line %d of the 2022 report" % n for n in range(40)]),
        "report.html": support.portal_page(text, "utf-8", "charset"),
        "report.txt": text.encode("utf-8"),
    }


@pytest.mark.parametrize("name", ["report.docx", "report.pdf", "report.html"])
def test_every_reader_has_a_deadline(tmp_path, monkeypatch, name):
    from govlint.source.readers import render
    data = _report_files(tmp_path)[name]
    monkeypatch.setattr(render, "MAX_SECONDS", 0.0)
    with pytest.raises(InputError, match=r"^" + name.replace(".", r"\.") + r": reading the .* took more than "
                                         r"0 s \(the time limit\)"):
        read(data, name)


def test_the_deadline_is_checked_inside_a_page(monkeypatch):
    from govlint.source.readers import render
    monkeypatch.setattr(render, "MAX_SECONDS", 0.3)
    with pytest.raises(InputError, match=r"took more than 0\.3 s \(the time limit\), stopped at page 1"):
        read(support.busy_pdf(250_000), "busy.pdf")


@pytest.mark.parametrize("name", ["report.docx", "report.pdf", "report.html", "report.txt"])
def test_every_reader_caps_its_text(tmp_path, monkeypatch, name):
    from govlint.source.readers import render
    data = _report_files(tmp_path)[name]
    monkeypatch.setattr(render, "MAX_TEXT", 500)
    with pytest.raises(InputError, match=r"renders to more than 500 characters of text \(the text limit\)"):
        read(data, name)
