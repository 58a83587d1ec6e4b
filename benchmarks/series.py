#!/usr/bin/env python3
"""Multi-year series of reports for many bodies, clean or with the cross-document defects of issue 11.

Each body (a name, a kind — government, government office or department —, a level, a place and a
parent) gets one rich report (benchmarks/prose.py) per year of ``--years``, and the years continue
each other the way real ones do:

* carry-over: this year's table 3 二、上年结转 is last year's 四、结转下年度继续办理, column by column
  (the year's own identities still hold: 新收 + 上年结转 = 办结 + 结转下年度);
* documents in force: table 2 规章 / 行政规范性文件 现行有效 = last year's 现行有效 + 本年制发 − 本年废止;
* fresh prose: every year is a different draw of prose.py's phrasings, and the fixed phrasings are
  localised (a time phrase before a sentence, the body's own wording of common verbs) so that no passage
  of 60 characters is repeated across years or across bodies outside the mandated formulas (the
  preamble's legal basis and statistical period, the headings, the table labels); section 五's problems
  are not last year's;
* a sign-off with the body's name and a date within the deadline of its kind (条例 第四十九条: a
  department — a government office is one — by 31 January, a government at county level or above by
  31 March; a town's report is dated in January too, which is within either reading).

``--inject`` puts single defects into the series and writes where they are into ``manifest.json``
(one entry per place: code, file, target lines): GL801 (上年结转 ≠ last year's 结转下年度 in one column),
GL802 (行政规范性文件 现行有效 off), GL803 (this year's prose mostly last year's), GL804 (五's problems
copied from last year), GL805 (table 3 entire equal to last year's), GL806 (a passage of ≥ 60
characters copied from another body's report of the same year: both places are targets), GL505 (a
sign-off date after the deadline of the body's kind) and GL807 (``roster.yaml`` lists bodies with no
report for a year: a body that never reported, or a series with its first or last year left out).
``roster.yaml`` is written for every series (every body with kind and parent); without ``--inject``
every body listed has every year.

Hierarchies (GL807's hierarchy check): one family per 20 bodies (``families`` in the manifest): a county government
added to the series whose report says its figures include its departments' (a sentence of its preamble)
and whose tables 3 and 4 are, every year, the sums of two or three other bodies' of the series, named its
children by ``parent:`` in the roster (sums keep every identity, the carry-over included).  With
``--inject``, a family's report of one year states a few less than the sum — table 4's 行政复议 维持 and
its total, else table 3's 新收 and 予以公开 of 自然人 and their totals —: a GL807 place at the parent's name
in the roster.  The families' bodies take no other injection.

Everything derives from ``--seed``; a clean and an injected series of the same seed and size are
the same report for report except where the manifest says (the table injections also change the prose
that restates the changed figures, in the same report only).

Usage:  python benchmarks/series.py OUT_DIR [--bodies 50] [--years 2021-2024] [--inject | --clean]
        [--per-code N] [--seed 20250301]
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import os
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as gen  # noqa: E402  (benchmarks/generate.py)
import prose  # noqa: E402  (benchmarks/prose.py)

CODES = ["GL801", "GL802", "GL803", "GL804", "GL805", "GL806", "GL505", "GL807"]
KIND_NAMES = {"gov": "government", "gov-office": "government office", "dept": "department"}
CARRIED_LABEL = gen.T3_LABELS["carried"]  # 二、上年结转政府信息公开申请数量: only the table has it

# ---------------------------------------------------------------------------------
# Fresh prose: a time phrase before fixed sentences and the body's wording of common words
# ---------------------------------------------------------------------------------

# Words of the statements a paragraph that restates the tables makes about this year (均已办结, 未发生复议 …):
# such a sentence is left as it is, and a copier keeps this year's (GL803).
STATED = ("申请", "复议", "诉讼", "办结", "处理费", "许可", "处罚", "规范性文件")
# No digits: a lead must never read as a figure or a date the rules check.
LEADS = ["年初", "一季度", "二季度", "三季度", "四季度", "上半年", "下半年", "年中", "年内", "年底前", "今年以来",
         "春节前后", "年初以来", "按照年度计划", "结合工作实际", "对标先进地区", "围绕中心工作", "在日常工作中",
         "根据上级部署", "针对群众反映", "按照工作安排", "聚焦群众关切", "立足本职", "在此基础上"]
# Generic words of the fixed phrasings, never words a rule reads (申请, 公开, 办结, 考核, 评议, 追究 …).
VOICE = [
    ("进一步", ["进一步", "持续", "不断"]), ("加强", ["加强", "强化", "着力加强"]), ("提升", ["提升", "提高", "增强"]),
    ("确保", ["确保", "保证", "力求"]), ("严格", ["严格", "认真", "从严"]), ("完善", ["完善", "健全", "优化"]),
    ("群众", ["群众", "公众", "社会公众"]), ("方便", ["方便", "便于"]), ("有待", ["有待", "还需", "亟待"]),
    ("及时", ["及时", "第一时间", "适时"]), ("定期", ["定期", "经常性", "常态化"]), ("全面", ["全面", "系统", "深入"]),
    ("明显", ["明显", "显著", "有效"]), ("推进", ["推进", "推动", "促进"]), ("规范", ["规范", "规范化"]),
    ("工作人员", ["工作人员", "干部职工", "经办人员"]), ("重点", ["重点", "关键"]),
]
# An adverb before a clause that starts with one of these verbs (…，同时明确…), and a closing clause.
VERBS = ("明确", "形成", "提供", "配备", "实现", "确保", "坚持", "推动", "加强", "完善", "提升", "提高", "细化",
         "优化", "方便", "减少", "做到", "落实", "定期", "及时", "公开", "发布", "加大", "规范", "建立", "推行", "开展",
         "组织", "严格", "健全", "强化", "增强", "保证", "力求", "促进", "推进", "便于", "提醒", "集中", "按季度", "对",
         "围绕", "聚焦", "做好", "累计", "将", "通过", "依托", "实行", "研究", "邀请", "设立", "开设", "编印", "整改",
         "清理", "归集", "签订", "组建", "把", "以", "坚决", "认真", "深化", "拓展", "丰富", "更多", "按照", "结合")
ADVERBS = ["同时", "并", "切实", "着力", "积极", "注重", "有序", "扎实", "持续", "认真", "主动", "逐步", "全力", "坚持"]
CLOSINGS = ["，取得了较好效果", "，效果明显", "，得到群众认可", "，进展顺利", "，成效初显", "，运行平稳", "，收效良好",
            "，工作质效稳步提升", "，各项工作有序开展", "，相关工作取得实效"]
PROBLEM_HEADS = ["政府信息公开工作取得了一定成效，但仍", "政务公开工作虽有进步，但对照新要求仍", "公开工作稳步推进，同时也",
                 "政务公开各项任务基本完成，但工作中仍", "信息公开质量有所提高，但与群众期盼相比仍"]
_VOICE_RE = re.compile("|".join(sorted((re.escape(word) for word, _ in VOICE), key=len, reverse=True)))
_NO_LEAD = re.compile(r"^(?:\d|（|\(|截至|针对|对照|上年度|全年|本年度|自|一是|从|其中|另|经|按照|根据|在)")
_SENTENCE = re.compile(r"[^。]*。|[^。]+$")


def freshen(text: str, rng: random.Random) -> str:
    """The paragraph in this body's and this year's words: same sentences, same figures."""
    choices = dict(VOICE)
    out = []
    for sentence in _SENTENCE.findall(text):
        # The 规范 of 规范性文件 is a term (GL402 reads 行政规范性文件); 规范化 stays 规范化.
        sentence = _VOICE_RE.sub(lambda m: m.group() if _is_term(sentence, m) else rng.choice(choices[m.group()]),
                                 sentence)
        if not re.search(r"\d", _YEAR.sub("", sentence)) and sentence.endswith("。") and not _stated(sentence):
            sentence = _weave(sentence, rng)
        if len(sentence) >= 14 and not _NO_LEAD.match(sentence) and rng.random() < 0.85:
            sentence = f"{rng.choice(LEADS)}，{sentence}"
        out.append(sentence)
    return "".join(out)


_YEAR = re.compile(r"\d{4}年")
# A sentence that opens (after its lead: 年初，) with a verb of the fixed phrasings.
_VERB_OPENING = re.compile("^((?:[^，。\\d]{2,8}，|[一二三四五六七八九十]是)?)(?=%s)" % "|".join(
    map(re.escape, VERBS + tuple(ADVERBS) + tuple(word for _, words in VOICE for word in words) + ("主要负责同志",))))


def signed(text: str, body) -> str:
    """The paragraph in this body's own words: its long sentences that open with a verb name the body
    (咸阳市生态环境局着力加强…), as real reports do, so that no two bodies' sentences are the same
    (GL806 reads a sentence two bodies share as copied)."""
    out = []
    for sentence in re.findall(r"[^。；]*[。；]|[^。；]+$", text):  # items of a list (一是…；二是…) too
        if len(sentence) >= 30:
            named = _VERB_OPENING.sub(lambda m: m.group(1) + body.agency.name, sentence, count=1)
            if named == sentence:
                named = sentence.replace(body.agency.we, body.agency.name, 1)  # 2024年，我局… → …市…局
            sentence = named
        out.append(sentence)
    return "".join(out)


def _stated(sentence: str) -> bool:
    return any(word in sentence for word in STATED)


def _weave(sentence: str, rng: random.Random) -> str:
    """An adverb before some clauses that start with a verb, and now and then a closing clause."""
    clauses = sentence[:-1].split("，")
    for number in range(1, len(clauses)):
        if clauses[number].startswith(VERBS) and rng.random() < 0.8:
            clauses[number] = rng.choice(ADVERBS) + clauses[number]
    woven = "，".join(clauses)
    if "：" not in woven and "；" not in woven and rng.random() < 0.4:
        woven += rng.choice(CLOSINGS)
    return woven + "。"


def _is_term(sentence: str, match: re.Match) -> bool:
    after = sentence[match.end():match.end() + 6]
    before = sentence[max(0, match.start() - 4):match.start()]
    return ((match.group() == "规范" and after[:1] in ("性", "化")) or after.startswith("政务公开工作要点")
            or after.startswith("年度政务公开") or before.endswith("政务"))


# ---------------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------------

@dataclass
class Body:
    index: int
    agency: gen.Agency
    kind: str                   # gov, gov-office or dept (prose.RichReport.kind)
    layout: str
    parent: str | None
    years: list = field(default_factory=list)   # the years it has a report for
    # the state carried from one year to the next
    table3: dict | None = None
    table2: list | None = None
    problems: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.agency.name

    def file(self, year: int) -> str:
        return f"b{self.index:04d}_{year}.txt"


def kind_of(agency: gen.Agency) -> str:
    return "gov" if agency.kind == "gov" else ("gov-office" if agency.name.endswith("人民政府办公室") else "dept")


def parent_of(agency: gen.Agency, kind: str) -> str | None:
    if kind == "gov":
        if agency.level == "city":
            return None  # a province's, outside the series
        if agency.level == "county":
            return f"{agency.city}人民政府"
        return f"{agency.area}人民政府"
    return f"{agency.city}人民政府" if agency.level == "city" else f"{agency.area}人民政府"


# prose.make_body knows about 2,100 bodies (its cities × areas × departments).  A series of more bodies
# takes the others in counties of their own: a made-up county name (two syllables and the area's 县, 区
# or 市) stands for a county-level body's area wherever it appears, with a portal and e-mail of its own.
# The first draws are make_body's, so that a series that fits in its name space stays as it was.
DRAWS = 64
_SYLLABLES = "云溪桐梅松柏青川宁安平和丰泰清阳华兴隆德昌永福嘉禾盛源通泽瑞祥金玉芳兰竹石岩峰林山湖江海泉水月星光明新长乐康寿定远"


def unique_agency(draw, names: set, serial: int, draws: int = DRAWS) -> tuple:
    """(agency, rng, moved): a body whose name is not in ``names``, the rng that drew it, and whether it
    was moved.  ``draw(attempt)`` returns a candidate and its rng, deterministically; after ``draws``
    candidates, a county-level one is moved to a made-up county."""
    for attempt in range(draws):
        agency, rng = draw(attempt)
        if agency.name not in names:
            return agency, rng, False
    attempt = draws
    while True:
        agency, rng = draw(attempt)
        attempt += 1
        if not agency.area:
            continue  # a city's body has no county to move
        for number in range(serial, serial + 10 * len(_SYLLABLES) ** 2):
            moved = _moved(agency, number)
            if moved is not None and moved.name not in names:
                return moved, rng, True


def _moved(agency: gen.Agency, number: int) -> gen.Agency | None:
    """``agency`` in made-up county ``number`` (None when its two syllables would be one repeated)."""
    count = len(_SYLLABLES)
    first, second = _SYLLABLES[number % count], _SYLLABLES[(number // count) % count]
    if first == second:
        return None
    area = first + second + agency.area[-1]
    fields = {name: value.replace(agency.area, area) for name, value in vars(agency).items()
              if isinstance(value, str) and name != "area"}
    slug = "x%d" % number
    fields["portal"] = re.sub(r"//www\.[^.]+", f"//www.{slug}", agency.portal)
    fields["email"] = slug + agency.email
    return dataclasses.replace(agency, area=area, **fields)


def make_bodies(seed: int, count: int) -> list:
    bodies, names, draws = [], set(), DRAWS
    for index in range(count):  # one report per body and year: names are unique in a series
        def draw(attempt: int) -> tuple:
            rng = random.Random(f"{seed}:body:{index}:{attempt}")
            return prose.make_body(rng), rng
        agency, rng, moved = unique_agency(draw, names, index, draws)  # its rng draws the layout next
        if moved:
            draws = 1  # the name space is spent: the next bodies need not search it again
        names.add(agency.name)
        kind = kind_of(agency)
        layout = rng.choices(["tab", "space", "pipe"], [45, 35, 20])[0]
        bodies.append(Body(index, agency, kind, layout, parent_of(agency, kind)))
    return bodies


def deadline(body: Body) -> tuple:
    """(month, day) of the publication deadline the generator keeps (see the module docstring)."""
    return (3, 31) if body.kind == "gov" and body.agency.level in ("city", "county") else (1, 31)


# A family's parent says its figures include its departments' (across_roster.AGGREGATE_PHRASES reads it).
AGGREGATES = "本报告所列数据包括{area}人民政府各部门和各乡镇。"


def make_families(seed: int, bodies: list, count: int) -> list:
    """[(parent Body, [children's indexes])]: ``count`` county governments added to the series (their indexes
    follow the bodies'), each the parent of two or three bodies drawn apart from the plan's draws."""
    rng = random.Random(f"{seed}:families")
    # not a body of the series, nor the parent of one: the roster's children of a family are its own
    names = {body.name for body in bodies} | {body.parent for body in bodies if body.parent}
    pool = [body.index for body in bodies]
    rng.shuffle(pool)
    families = []
    for number in range(count):
        size = rng.choice([2, 3])
        if len(pool) < size:
            break
        children = sorted(pool.pop() for _ in range(size))

        def draw(attempt: int, number: int = number) -> tuple:
            draws = random.Random(f"{seed}:family:{number}:{attempt}")
            while True:
                agency = prose.make_body(draws)
                if agency.kind == "gov" and agency.level == "county":
                    return agency, draws
        agency, draws, _moved = unique_agency(draw, names, len(bodies) + number)
        names.add(agency.name)
        layout = draws.choices(["tab", "space", "pipe"], [45, 35, 20])[0]
        parent = Body(len(bodies) + number, agency, "gov", layout, parent_of(agency, "gov"))
        for index in children:
            bodies[index].parent = agency.name
        families.append((parent, children))
    return families


# ---------------------------------------------------------------------------------
# Continuing last year's tables
# ---------------------------------------------------------------------------------

def carry_over(t3: dict, carried: list) -> None:
    """This year's 上年结转 := ``carried`` per column; 新收 follows so that the year's identities hold."""
    for column in range(6):
        t3["carried"][column] = carried[column]
        new = t3["total"][column] + t3["forward"][column] - carried[column]
        if new < 0:  # more came over than this year's draw handled: they were answered this year
            t3["granted"][column] -= new
            t3["total"][column] -= new
            new = 0
        t3["new"][column] = new
    for row in t3.values():
        row[6] = sum(row[:6])


def documents_in_force(table2: list, previous: list, fmt: str, off: int = 0, row: int = 1) -> None:
    """现行有效 := last year's + 制发 − 废止 for 规章 (row 0) and 行政规范性文件 (row 1), 2021 format."""
    if fmt != "2021":
        return
    for number, (_label, cells) in enumerate(table2[0][2]):
        last = previous[0][2][number][1][2]
        made, repealed = cells[0], min(cells[1], last + cells[0])
        cells[1] = repealed
        cells[2] = last + made - repealed + (off if number == row else 0)


@dataclass
class Plan:
    """What to inject where: (body index, year) → code, and the pairs of GL806."""

    at: dict = field(default_factory=dict)
    copies: list = field(default_factory=list)     # (source body, copier body, year)
    dropped: dict = field(default_factory=dict)    # body index → the year with no report
    absent: int = 0                                # bodies on the roster with no report at all
    hierarchy: dict = field(default_factory=dict)  # family number → (year, off): a parent's table 4 off


def make_plan(seed: int, bodies: list, years: list, per_code: int, families: list = ()) -> Plan:
    rng = random.Random(f"{seed}:plan")
    plan = Plan()
    in_family = {index for _parent, children in families for index in children}
    free = [b.index for b in bodies if b.index not in in_family]  # a family's sums stay those of clean reports
    rng.shuffle(free)
    last, later = years[-1], years[1:]

    def take(condition=lambda index: True):
        for i, index in enumerate(free):
            if condition(index):
                return free.pop(i)
        return None

    for _ in range(per_code):
        for code in ["GL801", "GL802", "GL803", "GL804", "GL805", "GL505", "GL806", "GL807"]:
            if code in ("GL801", "GL802", "GL803", "GL804", "GL805") and not later:
                continue
            if code == "GL505":
                # not a town: its deadline is not one of the two the rule knows for sure
                index = take(lambda i: not (bodies[i].kind == "gov" and bodies[i].agency.level == "town"))
                if index is not None:
                    plan.at[(index, rng.choice(years))] = code
            elif code == "GL806":
                source, copier = take(), take()
                if source is not None and copier is not None:
                    plan.copies.append((source, copier, rng.choice(years)))
            elif code == "GL807":
                index = take()
                if index is not None and len(years) > 1:
                    plan.dropped[index] = rng.choice([years[0], last])
                plan.absent += 1
                number = len(plan.hierarchy)
                if number < len(families):
                    plan.hierarchy[number] = (rng.choice(years), rng.choice([1, 2, 3]))
            else:
                index = take()
                if index is None:
                    continue
                # A wrong table figure of the last year only: the next year would otherwise continue it.
                year = last if code in ("GL802", "GL805") else rng.choice(later)
                plan.at[(index, year)] = code
    return plan


# ---------------------------------------------------------------------------------
# One report
# ---------------------------------------------------------------------------------

def prose_blocks(report: gen.Report) -> list:
    return [b for b in report.blocks if b.kind == "para" and b.section in (1, 5, 6)]


def problems_block(report: gen.Report):
    return next(b for b in report.blocks if b.kind == "para" and b.section == 5 and "存在一些不足：" in b.text)


def make_year(seed: int, body: Body, year: int, code: str | None, notes: dict, sums: tuple | None = None):
    """Body ``body``'s report for ``year``; ``code``: a defect of this report decided at build time;
    ``sums``: (table 3, table 4) it has instead of drawn ones (a family's parent: its children's sums)."""
    fmt = "2019-trial" if year <= 2020 else "2021"
    previous3, previous2 = body.table3, body.table2
    same_format = previous3 is not None and ("other" in previous3) == (fmt != "2021")
    inject_rng = random.Random(f"{seed}:{body.index}:{year}:{code}")

    def tables(_rng, report):
        if sums is not None:
            report.table3, report.table4 = copy.deepcopy(sums[0]), list(sums[1])
            if previous2 and same_format:
                documents_in_force(report.table2, previous2, fmt)
            return
        if previous3 is None or not same_format:
            return
        carried = list(previous3["forward"][:6])
        if code == "GL805":
            report.table3 = copy.deepcopy(previous3)
            notes["carry_over_kept"] = previous3["carried"] == previous3["forward"]
            # GL805 leaves alone a table of few numbers (two years alike by chance): say so in the manifest
            notes["nonzero"] = sum(1 for row in previous3.values() for value in row if value)
        elif code == "GL801":
            column = inject_rng.randrange(6)
            delta = inject_rng.choice([1, 2, 3, 5])
            carried[column] = carried[column] - delta if carried[column] >= delta and inject_rng.random() < 0.5 \
                else carried[column] + delta
            notes.update(column=gen.T3_COLUMNS[column], last=previous3["forward"][column], printed=carried[column])
        if code != "GL805":
            carry_over(report.table3, carried)
        if previous2:
            off = 0
            if code == "GL802":
                off = inject_rng.choice([2, 3, 4, 6, 9])
                normative = previous2[0][2][1][1][2]
                off = -off if normative > off + 5 and inject_rng.random() < 0.5 else off
                notes["off"] = off
            documents_in_force(report.table2, previous2, fmt, off)

    index = body.index * 10000 + year
    rich = prose.make_rich_report(seed, index, agency=body.agency, year=year, layout=body.layout, tables=tables)
    report = rich.report
    rng = random.Random(f"{seed}:{body.index}:{year}:fresh")
    # 五's problems: this year's own, none of last year's
    block = problems_block(report)
    head, _ = block.text.split("存在一些不足：", 1)
    unused = [p for p in gen.PROBLEMS if p not in body.problems]
    chosen = rng.sample(unused, min(len(unused), rng.randint(2, 3)))
    head = head.replace("政府信息公开工作取得了一定成效，但仍", rng.choice(PROBLEM_HEADS))
    block.text = f"{head}存在一些不足：{gen.enumerate_points(chosen)}"
    for block in prose_blocks(report):
        block.text = signed(freshen(block.text, rng), body)
    month_day = deadline(body) if body.kind == "gov" and body.agency.level != "town" else (1, 31)
    month = rng.randint(1, month_day[0])
    report.blocks[-1].text = f"{year + 1}年{month}月{rng.randint(5, 28)}日"
    body.table3, body.table2, body.problems = report.table3, report.table2, chosen
    return rich


# ---------------------------------------------------------------------------------
# Injections applied to finished reports (their prose, their sign-off)
# ---------------------------------------------------------------------------------

def sentences(text: str) -> list:
    return _SENTENCE.findall(text)


CLAIMS = ("t2.", "t3.", "t4.", "six.fee")  # what restates tables 2–4 (主动公开 counts are in no table)


def _own(sentence: str) -> bool:
    """A sentence about this year's figures: a copier keeps it (or updates it), never pastes last year's."""
    return bool(re.search(r"\d", sentence)) or any(word in sentence for word in STATED)


def copy_last_year(rich, last) -> dict:
    """GL803: this year's prose is last year's (years brought forward), except the sentences that state
    this year's figures (they are kept: the copier updated the numbers) and 五's problems (GL804's)."""
    year = rich.report.year
    claims = {id(a.block) for a in rich.anchors if a.kind.startswith(CLAIMS)}
    problems = problems_block(rich.report)
    mine, theirs = prose_blocks(rich.report), prose_blocks(last.report)
    reused = 0
    for block, old in zip(mine, theirs):
        if block is problems or old.section != block.section:
            continue
        bound = id(block) in claims
        copied = [s.replace(f"{year - 1}年", f"{year}年") for s in sentences(old.text) if not (bound and _own(s))]
        kept = [s for s in sentences(block.text) if bound and _own(s)]
        block.text = "".join(copied + kept)
        # a sentence whose year was brought forward is another sentence to GL803 (its digest differs)
        reused += sum(len(s) for s in sentences(old.text) if s in copied)
    # characters of every paragraph of the six sections, as GL803 measures its share
    total = sum(len(b.text) for b in rich.report.blocks if b.kind == "para" and 1 <= b.section <= 6)
    return {"reused_share": round(reused / total, 2) if total else 0}


def reuse_year(reports: dict, index: int, planned: int, years: list) -> int:
    """The year (the planned one first) whose copy reuses more than 60 % of the six sections' characters: the
    claims kept may be many in a year with many applications."""
    best, share = planned, -1.0
    for year in [planned] + [y for y in years[1:] if y != planned]:
        rich = reports[(index, year)]
        saved = [(b, b.text) for b in prose_blocks(rich.report)]
        figure = copy_last_year(rich, reports[(index, year - 1)])["reused_share"]
        for block, text in saved:
            block.text = text
        if figure > 0.6:
            return year
        if figure > share:
            best, share = year, figure
    return best


def copy_problems(rich, last) -> str:
    """GL804: 五's problems paragraph is last year's, its year brought forward."""
    year = rich.report.year
    block = problems_block(rich.report)
    block.text = problems_block(last.report).text.replace(f"{year - 1}年", f"{year}年")
    return block.text


def late_date(rng: random.Random, body: Body, year: int) -> str:
    if body.kind == "dept" and rng.random() < 0.5:
        month, day = rng.choice([(2, rng.randint(3, 28)), (3, rng.randint(1, 28))])  # late for a department only
    else:
        month, day = rng.randint(4, 6), rng.randint(1, 28)  # late for every kind
    return f"{year + 1}年{month}月{day}日"


def passage(rng: random.Random, rich, length: int = 60):
    """A run of digit-free sentences of at least ``length`` characters from 一's prose, or None."""
    runs = []
    for block in prose_blocks(rich.report):
        if block.section != 1:
            continue
        parts = sentences(block.text)
        for start in range(len(parts)):
            run = ""
            for s in parts[start:]:
                if re.search(r"\d", s) or s.startswith("（"):
                    break
                run += s
                if len(run) >= length:
                    runs.append((block, run))
                    break
    return rng.choice(runs) if runs else None


# ---------------------------------------------------------------------------------
# The series
# ---------------------------------------------------------------------------------

def write_roster(out_dir: str, bodies: list, absent: list) -> dict:
    """roster.yaml: every body with its kind, level and parent; returns name → (first line, last line)."""
    lines = ["# The bodies that must publish a report every year (benchmarks/series.py).", ""]
    where = {}
    for name, kind, level, parent in [(b.name, KIND_NAMES[b.kind], b.agency.level, b.parent) for b in bodies] + absent:
        start = len(lines) + 1
        lines.append(f"- name: {name}")
        lines.append(f"  kind: {kind}")
        lines.append(f"  level: {level}")
        if parent:
            lines.append(f"  parent: {parent}")
        where[name] = (start, len(lines))
    with open(os.path.join(out_dir, "roster.yaml"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")
    return where


def parse_years(text: str) -> list:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def generate_series(out_dir: str, bodies_count: int = 50, years: list | None = None, seed: int = 20250301,
                    inject: bool = False, per_code: int | None = None, reports_out: dict | None = None) -> dict:
    """Write the series and ``manifest.json``, ``roster.yaml`` into ``out_dir``; return the manifest."""
    years = years or [2021, 2022, 2023, 2024]
    os.makedirs(out_dir, exist_ok=True)
    bodies = make_bodies(seed, bodies_count)
    per_code = max(1, bodies_count // 10) if per_code is None else per_code
    families = make_families(seed, bodies, bodies_count // 20)
    plan = make_plan(seed, bodies, years, per_code, families) if inject else Plan()
    reports = {}   # (body index, year) → RichReport
    injections = []  # dicts without lines yet: code, body, year, needle/section/…
    for body in bodies:
        for year in years:
            code = plan.at.get((body.index, year))
            notes: dict = {}
            reports[(body.index, year)] = make_year(seed, body, year, code, notes)
            if code in ("GL801", "GL802", "GL805") and (body.index, year - 1) in reports:
                injections.append({"code": code, "body": body.index, "year": year, "notes": notes,
                                   "where": {"GL801": "carried", "GL802": "normative", "GL805": "table3"}[code]})
    # The families' parents, once their children's tables are final: their sums, year by year.
    for number, (parent, children) in enumerate(families):
        for year in years:
            t3 = {key: [sum(reports[(child, year)].report.table3[key][column] for child in children)
                        for column in range(7)] for key in reports[(children[0], year)].report.table3}
            t4 = [sum(reports[(child, year)].report.table4[cell] for child in children) for cell in range(15)]
            injected, off = plan.hierarchy.get(number, (None, 0))
            if injected == year:  # the parent states less than its children's sum, its own tables still consistent
                if t4[0] >= off:  # 行政复议 结果维持 and its total
                    t4[0] -= off
                    t4[4] -= off
                elif t3["new"][0] >= off and t3["granted"][0] >= off:  # 新收 and 予以公开 of 自然人, and the totals
                    for key in ("new", "granted", "total"):
                        t3[key][0] -= off
                        t3[key][6] -= off
                else:
                    del plan.hierarchy[number]  # too few to take from: no injection
            rich = make_year(seed, parent, year, None, {}, sums=(t3, t4))
            preamble = next(b for b in rich.report.blocks if b.kind == "para" and b.section == 0)
            preamble.text += AGGREGATES.format(area=parent.agency.area or parent.agency.city)
            reports[(parent.index, year)] = rich
        bodies.append(parent)
    # Prose injections on the finished reports (each with its own rng: the others stay as they are).
    for (index, year), code in sorted(plan.at.items()):
        rng = random.Random(f"{seed}:{index}:{year}:{code}:text")
        rich, last = reports[(index, year)], reports.get((index, year - 1))
        if code == "GL803" and last is not None:
            year = reuse_year(reports, index, year, years)
            notes = copy_last_year(reports[(index, year)], reports[(index, year - 1)])
            injections.append({"code": code, "body": index, "year": year, "notes": notes, "where": "all"})
        elif code == "GL804" and last is not None:
            injections.append({"code": code, "body": index, "year": year, "where": "section5",
                               "notes": {"needle": copy_problems(rich, last)}})
        elif code == "GL505":
            date = late_date(rng, bodies[index], year)
            rich.report.blocks[-1].text = date
            injections.append({"code": code, "body": index, "year": year, "where": "needle_last",
                               "notes": {"needle": date, "kind": KIND_NAMES[bodies[index].kind],
                                         "deadline": "%d-%02d" % deadline(bodies[index])}})
    for case, (source, copier, year) in enumerate(plan.copies):
        rng = random.Random(f"{seed}:{source}:{copier}:{year}:GL806")
        found = passage(rng, reports[(source, year)])
        if found is None:
            continue
        _block, text = found
        target = rng.choice([b for b in prose_blocks(reports[(copier, year)].report) if b.section == 1])
        target.text += text
        for index in (source, copier):
            injections.append({"code": "GL806", "body": index, "year": year, "where": "needle", "case": case,
                               "notes": {"needle": text, "other": bodies[copier if index == source else source].name}})

    if reports_out is not None:  # for tests: the finished reports, (body name, year) → RichReport
        reports_out.update({(bodies[i].name, y): rich for (i, y), rich in reports.items()})
    manifest: dict = {"seed": seed, "years": years, "bodies": bodies_count, "inject": inject, "files": [],
                      "injections": [], "families": [{"parent": parent.name, "children": [bodies[child].name
                                                                                      for child in children]}
                                                     for parent, children in families]}
    texts = {}
    for body in bodies:
        for year in years:
            if plan.dropped.get(body.index) == year:
                continue
            text = reports[(body.index, year)].render()
            texts[(body.index, year)] = text
            with open(os.path.join(out_dir, body.file(year)), "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            manifest["files"].append({"file": body.file(year), "body": body.name, "kind": KIND_NAMES[body.kind],
                                      "level": body.agency.level, "parent": body.parent, "year": year,
                                      "layout": body.layout})
    absent = []
    parents = {parent.name for parent, _children in families}  # a family's children are its own
    for number in range(plan.absent):
        rng = random.Random(f"{seed}:absent:{number}")
        names = {b.name for b in bodies} | {a[0] for a in absent}
        while True:
            agency, _, _ = unique_agency(lambda _attempt: (prose.make_body(rng), rng), names, len(bodies) + number)
            kind = kind_of(agency)
            if parent_of(agency, kind) not in parents:
                break
        absent.append((agency.name, KIND_NAMES[kind], agency.level, parent_of(agency, kind)))
    roster = write_roster(out_dir, bodies, absent)

    for entry in injections:
        body = bodies[entry["body"]]
        text = texts[(entry["body"], entry["year"])]
        lines = target_lines(text, entry["where"], entry["notes"])
        assert lines is not None, entry
        notes = {k: v for k, v in entry["notes"].items() if k != "needle"}
        record = {"code": entry["code"], "file": body.file(entry["year"]), "lines": list(lines), "body": body.name,
                  "year": entry["year"], "notes": notes}
        if "case" in entry:
            record["case"] = entry["case"]
        manifest["injections"].append(record)
    for index, year in sorted(plan.dropped.items()):
        name = bodies[index].name
        manifest["injections"].append({"code": "GL807", "file": "roster.yaml", "lines": list(roster[name]),
                                       "body": name, "year": year, "notes": {"missing": [year]}})
    for name, *_ in absent:
        manifest["injections"].append({"code": "GL807", "file": "roster.yaml", "lines": list(roster[name]),
                                       "body": name, "year": None, "notes": {"missing": years}})
    for number, (year, off) in sorted(plan.hierarchy.items()):
        parent, children = families[number]
        manifest["injections"].append({"code": "GL807", "file": "roster.yaml", "lines": list(roster[parent.name]),
                                       "body": parent.name, "year": year,
                                       "notes": {"hierarchy": True, "off": off, "report": parent.file(year),
                                                 "children": [bodies[child].name for child in children]}})
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    return manifest


def target_lines(text: str, where: str, notes: dict):
    rows = text.split("\n")
    if where == "carried":
        # the row with its cells (a markdown layout also gives the label as a heading above its table)
        hits = [n for n, row in enumerate(rows, 1) if CARRIED_LABEL in row
                and re.search(r"\d", row.split(CARRIED_LABEL, 1)[1])]
        return (hits[0], hits[0]) if hits else None
    if where == "normative":
        return prose.table2_row(text, "行政规范性文件")
    if where == "table3":
        return prose.section_lines(text, 3)
    if where == "section5":
        return prose.section_lines(text, 5)
    if where == "all":
        return 1, len(rows)
    if where == "needle":
        return prose.lines_of(text, notes["needle"])
    if where == "needle_last":
        return prose.lines_of(text, notes["needle"], last=True)
    raise ValueError(where)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="directory to write the series into (created if needed)")
    parser.add_argument("--bodies", type=int, default=50, help="bodies (default 50)")
    parser.add_argument("--years", default="2021-2024", help="consecutive years, FIRST-LAST (default 2021-2024)")
    parser.add_argument("--seed", type=int, default=20250301, help="random seed (default 20250301)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--inject", action="store_true", help="inject the issue-11 defects (manifest.json says where)")
    which.add_argument("--clean", action="store_true", help="no defect (the default)")
    parser.add_argument("--per-code", type=int, default=None, help="cases per code (default bodies / 10, at least 1)")
    args = parser.parse_args(argv)
    manifest = generate_series(args.out_dir, args.bodies, parse_years(args.years), args.seed, args.inject,
                               args.per_code)
    counts: dict = {}
    for entry in manifest["injections"]:
        counts[entry["code"]] = counts.get(entry["code"], 0) + 1
    listed = ", ".join(f"{code}×{counts[code]}" for code in CODES if code in counts) or "none"
    print(f"wrote {len(manifest['files'])} reports of {args.bodies} bodies, {args.years}, to {args.out_dir}; "
          f"injected places: {listed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
