"""Statements of the prose (issue 10's facts layer) and GL405, a statement the tables contradict.

Hand-written cases change one sentence of examples/clean-2021.txt (table 4: one review, upheld;
table 3: 1 carried forward; table 2: 行政处罚 23, 行政强制 0) and, where needed, its table-4 line,
and say what GL405 reports as users see it.  Generated reports (benchmarks/generate.py) get each
phrasing added to their 总体情况 or to section 四, beside a table 4 that agrees and one that does not.
The real report of 上海市人民政府办公厅 2019 says “均获维持” beside 3 cases not yet decided.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, corpus, seen
from govlint.grammar.spec import load_statement_lexicon, statement_lexicon
from govlint.lint.linter import Linter, Options
from govlint.support.yamlio import ConfigError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import Block, make_report, render  # noqa: E402  (benchmarks/generate.py)

CLEAN = (EXAMPLES / "clean-2021.txt").read_text(encoding="utf-8")
LEAD = "（二）依申请公开情况。"  # line 11; the sentence after it is the one replaced
SENTENCE = "2022年共收到政府信息公开申请15件，上年结转1件，均在法定期限内答复，1件结转下年度继续办理。"
T4_LINE = "\n1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n"
LINTER = Linter(Options(report_year=2022))
LINTER_ANY = Linter(Options())  # generated reports: the year their title names


def gl405(text: str, linter: Linter = LINTER) -> list:
    """GL405 diagnostics as users see them: (line:column, severity, message)."""
    return seen(linter, text, "GL405")


def besides_fee(statements) -> list:
    """The ids of the statements other than clean-2021.txt's own 未收取信息处理费 (section 六)."""
    return [statement.id for statement in statements if statement.id != "no_fee"]


def report(sentence: str, table4: list | None = None) -> str:
    """clean-2021.txt with the sentence after LEAD replaced, and its table 4 values if given."""
    assert LEAD + SENTENCE in CLEAN and CLEAN.count(T4_LINE) == 1
    text = CLEAN.replace(LEAD + SENTENCE, LEAD + sentence, 1)
    if table4 is not None:
        text = text.replace(T4_LINE, "\n" + "\t".join(str(value) for value in table4) + "\n", 1)
    return text


def at(sentence: str, phrase: str) -> str:
    """line:column of phrase in the replaced sentence (line 11, after LEAD)."""
    return f"11:{len(LEAD) + sentence.index(phrase) + 1}"


PENDING = [1, 0, 0, 1, 2] + [1, 0, 0, 0, 1] + [0] * 5     # a review not yet decided
UPHELD = [2, 0, 0, 0, 2] + [1, 0, 0, 0, 1] + [0] * 5      # every case upheld
SUIT_ONLY = [0] * 5 + [1, 0, 0, 0, 1] + [0] * 5           # one lawsuit, no review
ZERO = [0] * 15


# -- what GL405 reports ----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, phrase, table4, severity, cells", [
    # 均获维持 beside a case not yet decided; the sentence names both, so both groups are read
    ("2022年发生行政复议2件、行政诉讼1件，均获维持。", "均获维持", PENDING, "error",
     "表四“行政复议”组“尚未审结”为 1"),
    # naming neither: all groups
    ("本年度涉及政府信息公开的案件均被维持。", "均被维持", PENDING, "error",
     "表四“行政复议”组“尚未审结”为 1"),
    # 未发生 with cases in table 4; a group's total stands for its cells
    ("2022年未发生行政复议和行政诉讼。", "未发生行政复议", UPHELD, "error",
     "表四“行政复议”组“总计”为 2、“未经复议直接起诉”组“总计”为 1"),
    ("2022年，我局未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。", "未发生因政府信息公开工作被申请行政复议",
     SUIT_ONLY, "error", "表四“未经复议直接起诉”组“总计”为 1"),
    # 均已办结 with an application carried forward (table 3 四 = 1): a warning
    ("2022年共收到政府信息公开申请15件，均已办结。", "均已办结", None, "warning",
     "表三“四、结转下年度继续办理”行“总计”为 1"),
    # 无行政处罚 beside 行政处罚 23 (行政强制 0 agrees)
    ("2022年无行政处罚和行政强制案件。", "无行政处罚", None, "error",
     "表二“行政处罚”行“本年处理决定数量”为 23"),
])
def test_a_contradicted_statement_is_reported_once(sentence, phrase, table4, severity, cells):
    assert gl405(report(sentence, table4)) == [(at(sentence, phrase), severity, f"正文称“{phrase}”，但{cells}")]


@pytest.mark.parametrize("sentence, table4, statements", [
    # the tables agree
    ("2022年发生行政复议2件、行政诉讼1件，均获维持。", UPHELD, ["all_upheld"]),
    ("2022年未发生行政复议和行政诉讼。", ZERO, ["no_review_or_suit"]),
    # the clause names review only: the lawsuit is another clause's
    ("2022年未发生行政复议，行政诉讼1件。", SUIT_ONLY, ["no_review_or_suit"]),
    # the sentence names review only, and review's cases were all upheld
    ("行政复议2件，均获维持；行政诉讼1件，尚在审理中。", [2, 0, 0, 0, 2, 0, 0, 0, 1, 1] + [0] * 5, ["all_upheld"]),
    # a blank cell says nothing
    ("2022年发生行政复议2件、行政诉讼1件，均获维持。", [1, 0, 0, "", 2] + [1, 0, 0, 0, 1] + [0] * 5,
     ["all_upheld"]),
    # another year, a wider area, a part of the body: a statement, not the body's
    ("2021年，我局未发生行政复议和行政诉讼。", UPHELD, ["no_review_or_suit"]),
    ("上年发生的行政复议均获维持。", PENDING, ["all_upheld"]),
    ("2022年，全县各部门未发生行政复议和行政诉讼。", UPHELD, ["no_review_or_suit"]),
    ("2022年，县政府办公室未发生行政复议。", UPHELD, ["no_review_or_suit"]),
    # not a statement that there was none, or that all were upheld
    ("2022年未发生行政诉讼败诉案件。", UPHELD, []),
    ("行政复议2件，除1件尚未审结外均获维持。", PENDING, []),
    # 均已办结 of something else than applications
    ("2022年共承办人大代表建议3件、政协提案2件，均已按期办结。", None, []),
])
def test_what_is_not_contradicted_says_nothing(sentence, table4, statements):
    text = report(sentence, table4)
    assert besides_fee(LINTER.lint_bytes(text.encode("utf-8"), "r.txt").doc.statements) == statements
    assert gl405(text) == []


def test_english_message_names_the_cells():
    sentence = "2022年发生行政复议2件、行政诉讼1件，均获维持。"
    result = Linter(Options(report_year=2022, lang="en")).lint_bytes(report(sentence, PENDING).encode("utf-8"), "r.txt")
    [diagnostic] = [d for d in result.diagnostics if d.code == "GL405"]
    assert diagnostic.message == ("the text says \"均获维持\", but table 4, group \"行政复议\", "
                                  "column \"尚未审结\" (pending) is 1")
    assert len(diagnostic.related) == 1


# -- the statements the tree holds ---------------------------------------------------------------

def test_the_tree_holds_each_statement_with_its_subjects_and_scope():
    sentence = "2022年未发生行政复议，全县各部门均已办结政府信息公开申请；上年行政诉讼均获维持。"
    doc = LINTER.lint_bytes(report(sentence).encode("utf-8"), "r.txt").doc
    assert [(s.id, s.text, s.subjects, s.scope, s.scope_word) for s in doc.statements if s.id != "no_fee"] == [
        ("no_review_or_suit", "未发生行政复议", ("review",), "body", ""),
        ("all_done", "均已办结", ("applications",), "area", "全县"),
        ("all_upheld", "均获维持", ("suit",), "year", "上年"),
    ]


def test_the_lexicon_names_an_unknown_key_and_its_place():
    text = (Path(__file__).resolve().parents[1] / "grammar" / "statements.yaml").read_text(encoding="utf-8")
    assert set(statement_lexicon().statements) == {"all_upheld", "no_review_or_suit", "all_done",
                                                   "no_penalty_or_enforcement", "no_fee"}
    broken = text.replace("columns: [corrected, other, pending]", "columns: [corrected, other, waiting]")
    with pytest.raises(ConfigError) as error:
        load_statement_lexicon(broken, "statements.yaml")
    assert "waiting" in str(error.value) and str(error.value).startswith("statements.yaml:")
    with pytest.raises(ConfigError, match="unknown key 'subject'"):
        load_statement_lexicon(text.replace("    subjects_in: clause\n", "    subjects_in: clause\n    subject: x\n", 1),
                               "statements.yaml")


# -- the real report ------------------------------------------------------------------------------

def test_shanghai_2019_all_upheld_beside_pending_cases(linter):
    path = corpus("2019_shanghai_shizhengfu_bangongting.txt")
    text = path.read_text(encoding="utf-8")
    line = text.splitlines()[13]
    found = gl405(text, linter)
    assert found == [(f"14:{line.index('均获维持') + 1}", "error",
                      "正文称“均获维持”，但表四“行政复议”组“尚未审结”为 2、“未经复议直接起诉”组“尚未审结”为 1")]


# -- generated reports: each phrasing beside a table 4 that agrees and one that does not ---------------

PHRASINGS = {
    # phrasing → (table 4 that agrees, table 4 that contradicts or None, severity of the one GL405)
    "{year}年，{we}发生政府信息公开行政复议2件、行政诉讼1件，均获维持。": (UPHELD, PENDING),
    "{we}全年未发生因政府信息公开引起的行政复议和行政诉讼。": (ZERO, UPHELD),
    "{year}年，{we}未发生行政复议，行政诉讼1件。": (SUIT_ONLY, UPHELD),
    "{year}年，{we}没有发生行政诉讼。": ([2, 0, 0, 0, 2] + [0] * 10, SUIT_ONLY),
    # not the body's statement: silent beside either table
    "{last}年，{we}未发生行政复议和行政诉讼。": (UPHELD, PENDING),
    "{year}年，全市各级行政机关发生的行政复议均获维持。": (UPHELD, PENDING),
}


def generated(count: int = 30) -> list:
    """Generated reports of the formats with a table 4, without defects."""
    reports, index = [], 0
    while len(reports) < count:
        made = make_report(20241001, index, defect_rate=0)
        index += 1
        if made.fmt != "2008" and any(block.kind == "t4" for block in made.blocks):
            reports.append(made)
    return reports


REPORTS = generated()


def rendered(made, sentence: str, table4: list, in_section_4: bool) -> str:
    """The report with table 4's values and the sentence added to its 总体情况 opening paragraph or as
    a paragraph of section 四 before the table (the report is left as it was)."""
    saved_table4, saved_blocks = list(made.table4), list(made.blocks)
    made.table4[:] = table4
    opening = next(block for block in made.blocks if block.kind == "para" and block.section == 1)
    saved_text = opening.text
    if in_section_4:
        where = next(i for i, block in enumerate(made.blocks) if block.kind == "t4")
        made.blocks.insert(where, Block("para", sentence, section=4))
    else:
        opening.text += sentence
    try:
        return render(made, 1)
    finally:
        made.table4[:] = saved_table4
        made.blocks[:] = saved_blocks
        opening.text = saved_text


@pytest.mark.parametrize("phrasing", list(PHRASINGS))
def test_generated_reports_read_each_phrasing_alike(phrasing):
    agrees, contradicts = PHRASINGS[phrasing]
    body = not phrasing.startswith(("{last}", "{year}年，全市"))
    for number, made in enumerate(REPORTS):
        sentence = phrasing.format(year=made.year, last=made.year - 1, we=made.agency.we)
        in_section_4 = number % 2 == 1
        assert gl405(rendered(made, sentence, agrees, in_section_4), LINTER_ANY) == [], (made.index, sentence)
        found = gl405(rendered(made, sentence, contradicts, in_section_4), LINTER_ANY)
        assert [severity for _at, severity, _message in found] == (["error"] if body else []), (made.index, sentence)


def test_generated_reports_all_done_warns_only_with_a_case_carried_forward():
    warned = silent = 0
    for number, made in enumerate(REPORTS):
        sentence = f"{made.year}年，{made.agency.we}收到的政府信息公开申请均已办结。"
        found = gl405(rendered(made, sentence, list(made.table4), number % 2 == 1), LINTER_ANY)
        forward = made.table3["forward"][6]
        assert [severity for _at, severity, _message in found] == (["warning"] if forward else []), made.index
        warned, silent = warned + bool(forward), silent + (not forward)
    assert warned and silent  # both kinds of table were seen


# -- 未收取信息处理费 against a fee the text states -------------------------------------------------
FEE_LEAD = "（一）信息处理费收取情况。本年度未收取信息处理费。"


def fee_report(sentence: str) -> str:
    assert CLEAN.count(FEE_LEAD) == 1
    return CLEAN.replace(FEE_LEAD, "（一）信息处理费收取情况。" + sentence, 1)


def test_no_fee_against_a_fee_the_text_states_for_the_year():
    [(where, severity, message)] = gl405(fee_report("本年度共收取信息处理费1200元。本年度未收取信息处理费。"))
    assert severity == "error" and message == "正文称“未收取信息处理费”，但正文另称“信息处理费1200元”"
    line = CLEAN[:CLEAN.index(FEE_LEAD)].count("\n") + 1
    assert where == f"{line}:34"  # at 未收取信息处理费, the second sentence


@pytest.mark.parametrize("statement", ["本年度未产生信息处理费。", "本年度未收任何费用。", "本年度不收信息处理费。"])
def test_no_fee_in_its_other_phrasings_against_a_fee_the_text_states(statement):
    """Phrasings without 收取 or 收费 (the lexicon's words once missed them: the sentence was never read)."""
    [(_where, severity, message)] = gl405(fee_report("本年度共收取信息处理费1200元。" + statement))
    assert severity == "error" and message.endswith("但正文另称“信息处理费1200元”")


def test_every_match_of_a_phrasing_holds_one_of_its_statement_s_words():
    """The lexicon's ``words`` promise (grammar/statements.yaml): a paragraph, then a sentence, without
    any of a statement's words is not searched for its phrasings.  Checked on every sentence of the
    examples, the seeds and corpus when present, generated rich prose and the phrasings' own examples."""
    import re

    import prose  # noqa: E402  (benchmarks/prose.py)
    from conftest import CORPUS, SEEDS

    texts = [path.read_text(encoding="utf-8") for path in [*sorted(EXAMPLES.rglob("*.txt")), *SEEDS, *CORPUS]]
    texts += [prose.make_rich_report(20261130, index).render() for index in range(60)]
    texts += [render(make_report(20261130, index, 0.5), 20261130) for index in range(20)]
    texts += ["未产生信息处理费", "未收任何费用", "不收信息处理费", "没有收取任何费用", "从未收过费用",
              "均已办结", "按期答复完毕", "未发生行政复议", "无行政诉讼", "均获维持", "无行政处罚"]
    lexicon = statement_lexicon()
    checked = 0
    for kind_id, kind in lexicon.statements.items():
        if not kind.words:
            continue
        for phrasing in kind.phrasings:
            for text in texts:
                for match in re.finditer(phrasing, text):
                    checked += 1
                    assert any(word in match.group() for word in kind.words), (kind_id, match.group())
    assert checked > 100


@pytest.mark.parametrize("sentence", [
    "本年度未收取信息处理费。",                                          # no fee stated
    "本年度未收取信息处理费，行政事业性收费12.5万元。",                  # another kind of fee
    "2021年收取信息处理费300元，本年度未收取信息处理费。",               # another year's fee
    "全市各级行政机关共收取信息处理费500元，本机关未收取信息处理费。",   # a wider area's fee
    "本年度未收取信息处理费，较上年减少信息处理费300元。",               # a change
])
def test_no_fee_stays_silent_without_the_body_s_own_fee(sentence):
    assert gl405(fee_report(sentence)) == []


def test_no_fee_contradiction_in_generated_rich_reports():
    """benchmarks/prose.py's GL405 injections include 收取信息处理费…元 beside 未收取信息处理费."""
    import prose  # noqa: E402  (benchmarks/prose.py)

    found = 0
    for index in range(200):
        injected = prose.inject("GL405", 7, index)
        if injected is None or injected.description != "no_fee":
            continue
        result = LINTER_ANY.lint_bytes(injected.text.encode("utf-8"), "r.txt")
        found += 1
        assert any(d.code == "GL405" and "信息处理费" in d.message for d in result.diagnostics)
    assert found >= 3


# -- the lexicon extended from .govlint.yaml ---------------------------------------------------------
EXTENDED = """rules:
  GL405:
    params:
      extend:
        statements:
          none_pending:
            words: [清零]
            phrasings: ["申请[^。]{0,6}清零"]
            subjects: [review]
            subjects_in: sentence
            unnamed: all
            not_if: []
            requires:
              table3: {columns: [total], equals: 0}
"""


def report_pending(sentence: str) -> str:
    return report(sentence, PENDING)  # a review not yet decided (table 4)


def test_a_statement_added_in_the_configuration_is_checked(tmp_path):
    from conftest import cli_runner
    from govlint.cli import cli

    (tmp_path / ".govlint.yaml").write_text(EXTENDED.replace("table3: {columns: [total], equals: 0}",
                                                             "table4: {columns: [pending], equals: 0}"),
                                            encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(report_pending("行政复议申请年底全部清零。"), encoding="utf-8")
    result = cli_runner().invoke(cli, [str(report), "--select", "GL405", "--format", "concise"])
    assert "GL405" in result.output, result.output
    report.write_text(report_pending("行政复议工作有序开展。"), encoding="utf-8")
    result = cli_runner().invoke(cli, [str(report), "--select", "GL405", "--format", "concise"])
    assert "GL405" not in result.output, result.output


def test_a_bad_extension_is_refused_with_exit_2(tmp_path):
    from conftest import cli_runner
    from govlint.cli import cli

    (tmp_path / ".govlint.yaml").write_text(EXTENDED.replace("subjects: [review]", "subjects: [nowhere]"),
                                            encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(report_pending(""), encoding="utf-8")
    result = cli_runner().invoke(cli, [str(report)])
    assert result.exit_code == 2 and "nowhere" in result.output and "Traceback" not in result.output
