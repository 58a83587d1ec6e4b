"""Reading reports: encodings, line endings, hostile bytes.  Bad input never raises."""
from __future__ import annotations

import importlib
import random

import pytest

from conftest import SEEDS, seed, shared
from govlint.lint.linter import Linter, Options
from govlint.source import InputError, Source, decode

DRAFT = ("某某局2022年政府信息公开工作年度报告\n"
         "根据《…通知》（国办公开办函〔2019〕60号）要求，编制本报告。本报告所列数据统计期限为2022年1月1日至12月31日。\n"
         "如对本报告有疑问，请与办公室联系（地址：某路1号，邮编：755000，电话：0955-7068588）。\n")


def positions(result):
    return [(d.code, *result.source.position(d.span.start), *result.source.position(d.span.end))
            for d in result.diagnostics]


@pytest.fixture(scope="module")
def reference():
    result = Linter(Options()).lint_bytes(DRAFT.encode("utf-8"), "draft.txt")
    assert ("GL201", 2, 9, 2, 24) in positions(result)  # the cited 60号, line 2, columns in characters
    return positions(result)


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
])
def test_encodings_give_the_same_diagnostics_at_the_same_places(reference, encoding, bom):
    data = bom + DRAFT.encode(encoding)
    result = Linter(Options()).lint_bytes(data, "draft.txt")
    assert result.error is None
    assert positions(result) == reference


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_endings_keep_line_and_column(reference, newline):
    result = Linter(Options()).lint_bytes(DRAFT.replace("\n", newline).encode("utf-8"), "draft.txt")
    assert positions(result) == reference
    assert result.source.newline == newline


def test_detected_encoding_is_remembered():
    text, encoding, bom = decode("政府信息公开".encode("gb18030"))
    assert (text, encoding, bom) == ("政府信息公开", "gb18030", False)
    assert decode(b"\xef\xbb\xbf\xe6\x94\xbf")[1:] == ("utf-8-sig", True)


@pytest.mark.parametrize("data,words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"report \x80\x80 text \xff", "cannot be decoded"),
    (b"\xff\xfe\x00\xd8", "byte-order mark"),
])
def test_unreadable_input_is_an_input_error_naming_the_file(data, words):
    with pytest.raises(InputError) as caught:
        Source.from_bytes(data, "bad.txt")
    assert "bad.txt" in str(caught.value) and words in str(caught.value)
    result = Linter(Options()).lint_bytes(data, "bad.txt")
    assert result.error and result.diagnostics == []


def test_empty_and_blank_files_give_diagnostics_not_errors():
    for data in (b"", b"\n\n  \n", b"\xef\xbb\xbf"):
        result = Linter(Options()).lint_bytes(data, "empty.txt")
        assert result.error is None and result.internal_errors == []
        assert "GL101" in [d.code for d in result.diagnostics]


def _mutations(text: str, rng: random.Random):
    lines = text.splitlines(keepends=True)
    yield text[: rng.randrange(len(text))]                                  # truncated
    cut = rng.randrange(len(lines))
    yield "".join(lines[:cut] + lines[cut + rng.randrange(1, 20):])          # lines deleted
    shuffled = lines[:]
    rng.shuffle(shuffled)
    yield "".join(shuffled)                                                 # lines shuffled
    chars = list(text)
    for _ in range(40):
        chars[rng.randrange(len(chars))] = rng.choice("\t |一、（）0123456789-\n〔〕号")
    yield "".join(chars)                                                    # characters replaced


@pytest.mark.parametrize("path", shared(SEEDS), ids=lambda p: p.name[:3])
def test_mangled_reports_never_crash_the_linter(path):
    rng = random.Random(path.name)
    linter = Linter(Options())
    text = path.read_text(encoding="utf-8")
    for _ in range(15):
        for mutated in _mutations(text, rng):
            result = linter.lint_bytes(mutated.encode("utf-8"), path.name)
            assert result.internal_errors == []
            for diag in result.diagnostics:
                assert 0 <= diag.span.start <= diag.span.end <= len(result.source.text)


def test_kangxi_radicals_fold_for_matching_but_excerpts_keep_them():
    # ⼀ ⼆ are KANGXI RADICAL ONE and TWO, as PDF fonts emit them for 一 二.
    text = DRAFT + "\u2f00、总体情况\n\u2f06、主动公开政府信息情况。\n"
    result = Linter(Options()).lint_bytes(text.encode("utf-8"), "draft.txt")
    assert [s.heading.canonical for s in result.doc.sections] == [1, 2]
    variant = next(d for d in result.diagnostics if d.code == "GL104")
    assert result.source.excerpt(variant.span) == "\u2f06、主动公开政府信息情况。"


def test_seed_positions_point_at_the_original_text(linter):
    result = linter.lint_path(str(seed("003")))
    diag = next(d for d in result.diagnostics if d.code == "GL307")
    assert result.source.excerpt(diag.span).startswith("(六) 其他处理\t0")


def test_bytes_without_control_bytes_decode_to_text_without_control_characters():
    """decode() skips the search for control characters when the bytes hold none (UTF-8 or GB18030,
    without a BOM): every character's encoding holds a control byte exactly when it is a control."""
    decoding = importlib.import_module("govlint.source.decode")  # the module (the package exports its function)

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        control = decoding._CONTROL.match(char) is not None
        for encoding in ("utf-8", "gb18030"):
            try:
                data = char.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert (len(data.translate(None, decoding._CONTROL_BYTES)) != len(data)) == control, (hex(code), encoding)
