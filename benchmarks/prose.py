#!/usr/bin/env python3
"""Rich, correct prose for generated reports, and one-defect injections for the issue-10 rules.

``benchmarks/generate.py`` writes a report's frame (title, preamble, tables 2–4, headings) and short
prose.  This module writes the prose a real report has around the same tables, the way reviewers read
it (issue 10, "Check what a report says"): it restates the tables in many phrasings — 共收到/新收/受理
N件, outcomes, 其中 breakdowns (some parts) and 分别为 breakdowns (all parts, adding up), percentages
that recompute as printed, comparisons with last year, history (2012年以来), figures of a wider area or
of a part of the body, statements (均已办结, 未发生行政复议和行政诉讼, 均获维持, 未收取信息处理费) only when
they are true, 行政规范性文件 and 行政许可/处罚 counts equal to table 2, a government's 考核/评议/责任追究,
a 五 with problems, improvements and last year's follow-up, and a 六 with the fee statement (and, for a
government, 人大建议/政协提案 and the 工作要点).  Every figure agrees with the tables: a clean rich
report must draw no issue-10 diagnostic.

Bodies are of several kinds and levels (市/县/区人民政府, 镇人民政府, 区人民政府办公室, 市行政审批服务局,
县教育局 …), named the same way in the title, the preamble and the sign-off.

``INJECTIONS`` maps each issue-10 rule code to a function that puts exactly one instance of that
defect into a fresh rich report and says where (``Target``: a piece of text, a section or the table-2
row it sits in), so that a finding can be matched to it (benchmarks/facts_eval.py).

Everything derives from ``random.Random(f"{seed}:{index}:rich")`` (and ``…:{code}`` for an injection),
so report *i* is the same whatever N is, on every run and machine.
"""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate as gen  # noqa: E402  (benchmarks/generate.py)
from generate import Agency, Block, Report  # noqa: E402

# A defect another rule owns is found when that rule reports it at its place (one cause, one
# diagnostic): a mandated heading ending in 。 is GL104's (heading wording, with its fix), not GL704's.
FOUND_BY = {"GL704": ("GL104",)}
CODES = ["GL402", "GL403", "GL405", "GL406", "GL407", "GL408", "GL310", "GL410", "GL504", "GL602", "GL603",
         "GL604", "GL605", "GL606", "GL607", "GL608", "GL609", "GL703", "GL704", "GL705"]

# ---------------------------------------------------------------------------------
# Bodies
# ---------------------------------------------------------------------------------

# Departments: (name, self-reference suffix, licensing max, penalty max).  审批 in the name: an
# approval bureau (GL310), which always decides licences.
RICH_DEPTS = [
    ("教育局", "局", 200, 10), ("民政局", "局", 300, 10), ("财政局", "局", 50, 5),
    ("人力资源和社会保障局", "局", 3000, 50), ("自然资源和规划局", "局", 2000, 200), ("生态环境局", "局", 500, 300),
    ("住房和城乡建设局", "局", 3000, 200), ("交通运输局", "局", 5000, 3000), ("农业农村局", "局", 800, 150),
    ("卫生健康委员会", "委", 3000, 500), ("发展和改革委员会", "委", 300, 20), ("市场监督管理局", "局", 20000, 2000),
    ("医疗保障局", "局", 50, 100), ("行政审批服务局", "局", 60000, 0), ("审批服务管理局", "局", 60000, 0),
    ("行政审批局", "局", 40000, 0), ("统计局", "局", 0, 30), ("退役军人事务局", "局", 0, 0),
]
# Other organs of the same place, for a wrong author (GL410).
OTHER_DEPTS = ["统计局", "档案馆", "财政局", "机关事务管理局", "司法局"]
OFFICES = ["办公室", "政策法规科", "行政审批科", "综合科"]  # parts of a department


def make_body(rng: random.Random) -> Agency:
    """A body of one of several kinds and levels, with the same fields as generate.make_agency's."""
    _province, city, cslug, area_code, postcode, areas, roads = rng.choice(gen.CITIES)
    area, aslug = rng.choice(areas)
    roll = rng.random()
    if roll < 0.12:
        level, kind, slug = "city", "gov", cslug
    elif roll < 0.30:
        level, kind, slug = "county", "gov", aslug
    elif roll < 0.35:
        level, kind, slug = "town", "gov", aslug
    elif roll < 0.43:
        level, kind, slug = rng.choice(["city", "county"]), "gov-office", cslug
    else:
        level, kind, slug = rng.choice(["city", "county", "county"]), "dept", cslug
    if kind == "gov-office" and level == "county":
        slug = aslug
    unit = {"city": "市", "county": area[-1], "town": "镇"}[level]
    owner = city if level == "city" else area
    place = city if level == "city" else f"{city}{area}"
    digits = 8 if len(area_code) == 3 else 7
    phone = f"{area_code}-{rng.randint(10 ** (digits - 1) * 2, 10 ** digits - 1)}"
    fax = f"{area_code}-{rng.randint(10 ** (digits - 1) * 2, 10 ** digits - 1)}"
    code = postcode if level == "city" else postcode + rng.choice([100, 200, 300, 400, 500])
    address = f"{place}{rng.choice(roads)}{rng.randint(1, 299)}号"
    portal_name = f"{owner}人民政府门户网站"
    portal = f"http://www.{slug}.gov.cn"
    approval = False
    if kind == "gov":
        if level == "town":
            town = rng.choice(gen.TOWNS)
            name, short, office = f"{area}{town}人民政府", "镇人民政府", f"{area}{town}人民政府党政办公室"
        else:
            name, short, office = f"{owner}人民政府", f"{unit}人民政府", f"{owner}人民政府办公室"
        we, whole = f"我{unit}", f"全{unit}"
        lic = {"city": 600000, "county": 200000, "town": 300}[level]
        pen = {"city": 400000, "county": 80000, "town": 100}[level]
    elif kind == "gov-office":
        name, short, office = f"{owner}人民政府办公室", f"{unit}政府办", f"{owner}人民政府办公室"
        we, whole, lic, pen = "我办", "全办", 0, 0
    else:
        dept, suffix, lic, pen = rng.choice(RICH_DEPTS)
        name, short, office = f"{owner}{dept}", f"{unit}{dept}", f"{owner}{dept}办公室"
        we, whole = f"我{suffix}", f"全{suffix}"
        approval = "审批" in dept
    email = f"{slug}{rng.choice(['zwgk', 'xxgk', 'gk'])}{rng.randint(1, 99)}@{rng.choice(['126.com', '163.com'])}"
    agency = Agency(name, "gov" if kind == "gov" else "dept", level, we, whole, short, office, city,
                    area if level != "city" else "", address, str(code), phone, fax, email, portal, portal_name,
                    lic, pen, approval)
    return agency


def unit_of(agency: Agency) -> str:
    return agency.whole[1:] if agency.kind == "gov" else ("市" if agency.level == "city" else agency.area[-1])


# ---------------------------------------------------------------------------------
# Numbers as printed
# ---------------------------------------------------------------------------------

def percent(numerator: int, denominator: int, digits: int) -> str:
    """numerator / denominator as a percentage rounded half up to ``digits`` decimals: "85.71"."""
    value = Decimal(numerator * 100) / Decimal(denominator)
    return str(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------------------------
# The rich report
# ---------------------------------------------------------------------------------

@dataclass
class Anchor:
    """A figure the prose states: ``text`` is an exact substring of ``block.text`` holding ``value``."""

    kind: str
    block: Block
    text: str
    value: int = 0
    standalone: bool = True     # not a part or total of a breakdown, not in a percentage
    extra: dict = field(default_factory=dict)


@dataclass
class RichReport:
    report: Report
    seed: int
    anchors: list = field(default_factory=list)
    kind: str = "dept"          # "gov", "gov-office" or "dept"

    def render(self) -> str:
        rng = random.Random(f"{self.seed}:{self.report.index}:layout")
        return RICH_RENDERERS[self.report.layout](rng, self.report).render()

    def find(self, kind: str) -> list:
        return [a for a in self.anchors if a.kind == kind]


class _QuietHeadings:
    """The base renderers add a 。 to heading 二 one time in ten (a GL704 defect): not in a clean report."""

    def do_heading(self, block):
        if isinstance(self, gen.TabRenderer):
            self.rng.random()  # the draw the base class makes, so that the rest stays as it would be
            self.lines += [block.text, ""]
        else:
            super().do_heading(block)  # type: ignore[misc]


class RichTab(_QuietHeadings, gen.TabRenderer):
    pass


RICH_RENDERERS = {"tab": RichTab, "space": gen.SpaceRenderer, "pipe": gen.PipeRenderer}


class Writer:
    """Writes the prose of one report, noting each stated figure as an Anchor."""

    def __init__(self, rng: random.Random, rich: RichReport):
        self.rng = rng
        self.rich = rich
        self.report = rich.report
        self.agency = rich.report.agency

    def note(self, kind: str, block: Block, text: str, value: int = 0, standalone: bool = True, **extra) -> str:
        self.rich.anchors.append(Anchor(kind, block, text, value, standalone, extra))
        return text

    def fill(self, template: str, **extra) -> str:
        return gen.fill(self.rng, template, self.report, **extra)

    # -- 一、总体情况 ------------------------------------------------------------------------------

    def opening(self) -> Block:
        rng, year, we = self.rng, self.report.year, self.agency.we
        block = Block("para", section=1)
        text = self.fill(rng.choice(gen.OPENING))
        since = rng.choice([2008, 2012, 2016, 2019])
        text += rng.choice([
            f"{since}年以来，{we}坚持把政务公开作为一项基础性工作常抓不懈，公开制度不断健全。",
            f"自{since}年以来，{we}连续{year - since}年编制并发布政府信息公开工作年度报告。",
            "",
        ])
        block.text = text
        return block

    def active(self) -> Block:
        rng, year, we = self.rng, self.report.year, self.agency.we
        block = Block("para", section=1)
        active = rng.randint(120, 6000)
        sentence = rng.choice([f"{year}年，{we}通过{self.agency.portal_name}主动公开政府信息{active}条",
                               f"全年共主动公开政府信息{active}条"])
        parts = [("政策文件", "条"), ("工作动态", "条"), ("通知公告", "条"), ("人事信息", "条")]  # one unit: they add up
        count = rng.randint(2, 4)
        chosen = parts[:count]
        style = rng.choice(["closed", "some", "share", "plain"])
        if style == "closed":
            cuts = sorted(rng.sample(range(1, active), count - 1))
            values = [b - a for a, b in zip([0] + cuts, cuts + [active])]
            listed = "、".join(f"{label}{v}{u}" for (label, u), v in zip(chosen, values))
            text = f"{sentence}，分别为{listed}"
            self.note("active", block, sentence, active, standalone=False)
            self.note("breakdown", block, text, active, standalone=False, closed=True, values=values)
        elif style == "some":
            values = [rng.randint(1, active // (count + 1)) for _ in range(count - 1)]
            listed = "、".join(f"{label}{v}{u}" for (label, u), v in zip(chosen, values))
            text = f"{sentence}，其中{listed}"
            self.note("active", block, sentence, active, standalone=False)
            self.note("breakdown", block, text, active, standalone=False, closed=False, values=values)
        elif style == "share":
            part = rng.randint(1, active - 1)
            digits = rng.choice([0, 1, 2])
            share = f"其中政策文件{part}条，占主动公开总量的{percent(part, active, digits)}%"
            text = f"{sentence}，{share}"
            self.note("active", block, sentence, active, standalone=False)
            self.note("pct", block, text, active, standalone=False, numerator=part, denominator=active,
                      digits=digits, printed=percent(part, active, digits))
        else:
            text = sentence
            self.note("active", block, sentence, active)
        last = rng.randint(max(1, active // 2), active * 2)
        if last != active and rng.random() < 0.6:
            digits = rng.choice([1, 2])
            change = percent(abs(active - last), last, digits)
            way = "增长" if active > last else "下降"
            comparison = rng.choice([f"，较{year - 1}年的{last}条{way}{change}%", f"，比上年（{last}条）{way}{change}%"])
            text += comparison
            self.note("pct", block, text, active, standalone=False, numerator=abs(active - last), denominator=last,
                      digits=digits, printed=change)
        elif rng.random() < 0.5:
            text += f"，同比{rng.choice(['增长', '下降'])}{rng.randint(1, 30)}.{rng.randint(0, 9)}%"
        text += "。"
        # Policy interpretation: a closed 分别为 breakdown or a 其中 part.
        read_text, read_video = rng.randint(1, 30), rng.randint(0, 12)
        read_other = rng.randint(1, 10)
        read = read_text + read_video + read_other
        if rng.random() < 0.5:
            jd = f"发布政策解读{read}篇，分别为图文解读{read_text}篇、视频解读{read_video}篇、其他形式解读{read_other}篇"
            self.note("breakdown", block, jd, read, standalone=False, closed=True,
                      values=[read_text, read_video, read_other])
        else:
            jd = f"发布政策解读{read}篇，其中图文解读{read_text}篇"
            self.note("breakdown", block, jd, read, standalone=False, closed=False, values=[read_text])
        self.note("reading", block, f"发布政策解读{read}篇", read, standalone=False)
        text += f"坚持政策文件与解读材料同步起草、同步审签、同步发布，全年{jd}。"
        safe = [t for t in gen.ACTIVE if "{big}条，其中" not in t and "{jd}" not in t]
        text += "".join(self.fill(t) for t in rng.sample(safe, rng.randint(1, 3)))
        if self.agency.approval:
            text += ("深化“一窗受理、集成服务”改革，及时公开行政审批事项清单、办事指南和审批结果，"
                     "方便企业和群众查询办理事项进度。")
        block.text = text
        return block

    def applications(self) -> Block:
        rng, year, we, t3 = self.rng, self.report.year, self.agency.we, self.report.table3
        block = Block("para", section=1)
        new, carried = t3["new"][6], t3["carried"][6]
        handled, forward = t3["total"][6], t3["forward"][6]
        t4 = self.report.table4
        review, suits = t4[4], t4[9] + t4[14]
        unit = unit_of(self.agency)
        sentences = []
        if new + carried == 0:
            sentences.append(rng.choice([f"{year}年，{we}未收到政府信息公开申请。",
                                         f"本年度{we}未收到政府信息公开申请，也无上年结转的申请。"]))
        else:
            if self.rich.kind == "gov" and rng.random() < 0.4:
                wide = new + rng.randint(5, 900)
                sentences.append(f"{year}年，全{unit}各级行政机关共收到政府信息公开申请{wide}件，"
                                 f"其中{self.agency.short}本级收到{new}件。")
            style = rng.choice(["received", "new", "accepted", "accepted_plus"])
            if style == "received":
                receipt = f"{year}年，{we}共收到政府信息公开申请{new}件"
                self.note("t3.new", block, receipt, new, standalone=False)
            elif style == "new":
                receipt = f"本年新收政府信息公开申请{new}件"
                self.note("t3.new", block, receipt, new, standalone=False)
            elif style == "accepted":
                receipt = f"全年共受理政府信息公开申请{new + carried}件"
                if carried:
                    receipt += f"（含上年结转{carried}件）"
                self.note("t3.accepted", block, receipt, new + carried, standalone=False)
            else:
                receipt = f"{year}年，{we}受理政府信息公开申请{new}件"
                if carried:
                    receipt += f"，另有上年结转申请{carried}件"
                self.note("t3.new", block, receipt, new, standalone=False)
            natural, legal = t3["new"][0], sum(t3["new"][1:6])
            if style != "accepted" and new and rng.random() < 0.6:
                if legal == 0:
                    receipt += "，均为自然人申请"
                elif natural == 0:
                    receipt += "，均为法人或其他组织申请"
                else:
                    receipt += f"，其中自然人申请{natural}件、法人或其他组织申请{legal}件"
            if style in ("received", "new") and new and rng.random() < 0.5:
                last = rng.randint(max(1, new // 2), new * 2 + 3)
                if last != new:
                    way = "增加" if new > last else "减少"
                    receipt += rng.choice([f"，较{year - 1}年的{last}件{way}{abs(new - last)}件",
                                           f"，与上年（{last}件）相比{way}{percent(abs(new - last), last, 1)}%"])
            sentences.append(receipt + "。")
            if handled:
                sentences.append(self.outcomes(block, handled))
            if forward == 0 and handled:
                sentences.append(rng.choice(["所有申请均已在法定期限内办结。", "上述申请均已按期办结。",
                                             "全部申请均已按期答复完毕。"]))
            elif forward:
                text = f"结转下年度继续办理{forward}件"
                self.note("t3.forward", block, text, forward)
                sentences.append(f"截至年底，{text}。")
            if rng.random() < 0.5:
                since = rng.choice([2012, 2016, 2019])
                total = new + carried + rng.randint(10, 3000)
                sentences.append(f"{since}年以来，{we}累计受理政府信息公开申请{total}件。")
            if self.rich.kind == "gov" and rng.random() < 0.3:  # the 政府办 is a part of a government
                sentences.append(f"{unit}政府办代表{unit}政府受理政府信息公开申请{rng.randint(0, new)}件。")
            elif self.rich.kind == "dept" and new and rng.random() < 0.3:
                sentences.append(f"其中{rng.choice(OFFICES)}承办{rng.randint(1, new)}件。")
        # Reviews and lawsuits: table 4.
        if review + suits == 0:
            sentences.append(rng.choice([f"{year}年，{we}未发生因政府信息公开引起的行政复议和行政诉讼。",
                                         "全年未发生政府信息公开行政复议、行政诉讼案件。"]))
        else:
            sentences.append(self.reviews(block))
        sentences.append(gen.paragraph(rng, gen.APPLY_MORE, self.report, rng.randint(1, 2)))
        block.text = "".join(sentences)
        return block

    def outcomes(self, block: Block, handled: int) -> str:
        rng, t3 = self.rng, self.report.table3
        groups = [("予以公开", t3["granted"][6]), ("部分公开", t3["partial"][6])]
        for key, label in (("withheld", "不予公开"), ("unavailable", "无法提供"), ("rejected", "不予处理")):
            groups.append((label, sum(v[6] for k, v in t3.items() if k.startswith(key + "."))))
        other = t3["other"][6] if "other" in t3 else sum(t3[f"other.{i}"][6] for i in (1, 2, 3))
        groups.append(("其他处理", other))
        granted, partial = groups[0][1], groups[1][1]
        head = rng.choice([f"本年度办结{handled}件", f"全年共办结政府信息公开申请{handled}件"])
        style = rng.choice(["closed", "some", "rate", "alone"])
        if style == "closed":
            listed = "、".join(f"{label}{value}件" for label, value in groups if value or rng.random() < 0.3)
            text = f"{head}，办理结果分别为：{listed}"
            self.note("t3.total", block, head, handled, standalone=False)
            return text + "。"
        if style == "some" and granted:
            text = f"{head}，其中予以公开{granted}件"
            unavailable = t3["unavailable.1"][6]
            if unavailable:
                text += f"，本机关不掌握相关政府信息{unavailable}件"
            self.note("t3.total", block, head, handled, standalone=False)
            return text + "。"
        if style == "rate" and granted + partial:
            digits = rng.choice([0, 1, 2])
            rate = percent(granted + partial, handled, digits)
            text = f"{head}，其中予以公开{granted}件、部分公开{partial}件，公开率为{rate}%"
            self.note("pct", block, text, handled, standalone=False, numerator=granted + partial,
                      denominator=handled, digits=digits, printed=rate)
            return text + "。"
        text = f"{head}。"
        self.note("t3.total", block, head, handled)
        if granted:
            part = f"予以公开{granted}件"
            self.note("t3.granted", block, part, granted)
            text += f"从办理结果看，{part}。"
        return text

    def reviews(self, block: Block) -> str:
        rng, t4 = self.rng, self.report.table4
        review, suits = t4[4], t4[9] + t4[14]
        groups = [t4[0:5], t4[5:10], t4[10:15]]
        upheld_all = all(g[1] == g[2] == g[3] == 0 for g in groups)
        pieces = []
        if review:
            text = f"发生政府信息公开行政复议{review}件"
            self.note("t4.review", block, text, review)
            pieces.append(text)
        else:
            pieces.append("未发生政府信息公开行政复议")
        if suits:
            pieces.append(f"行政诉讼{suits}件")
        sentence = f"{self.report.year}年，{self.agency.we}" + "，".join(pieces)
        if upheld_all and rng.random() < 0.7:
            sentence += "，均获维持"
        elif t4[3] + t4[8] + t4[13] and rng.random() < 0.5:
            sentence += f"，目前尚有{t4[3] + t4[8] + t4[13]}件尚未审结"
        return sentence + "。"

    def management(self) -> Block:
        rng, year, we = self.rng, self.report.year, self.agency.we
        block = Block("para", section=1)
        text = ""
        if self.report.table2:
            normative = self.report.table2[0][2][1][1]
            if self.report.fmt == "2021":
                made, repealed, in_force = normative
                pieces = []
                if made:
                    pieces.append(self.note("t2.made", block, f"制发行政规范性文件{made}件", made))
                else:
                    pieces.append("未制发行政规范性文件")
                if repealed:
                    pieces.append(self.note("t2.repealed", block, f"废止{repealed}件", repealed))
                if rng.random() < 0.8:
                    pieces.append(self.note("t2.in_force", block, f"截至年底现行有效行政规范性文件{in_force}件",
                                            in_force))
                text += f"{year}年，{we}" + "，".join(pieces) + "，均按规定进行合法性审核并及时公开。"
            else:
                made = normative[0]
                if made:
                    text += self.note("t2.made", block, f"本年新制作规范性文件{made}件", made) + "，均已按规定公开。"
        text += gen.paragraph(rng, [t for t in gen.MANAGE if "{in_force}" not in t], self.report, rng.randint(1, 3))
        block.text = text
        if self.report.table2:
            text2 = self.decisions(block)
            block.text += text2
        return block

    def decisions(self, block: Block) -> str:
        """行政许可/处罚 counts as table 2 gives them (处理决定数量)."""
        rng, t2 = self.rng, self.report.table2
        licensing = t2[1][2][0][1][-1]
        penalty = t2[2][2][0][1][-1]
        pieces = []
        if self.agency.approval or (licensing and rng.random() < 0.6):
            pieces.append(self.note("t2.licensing", block, f"作出行政许可决定{licensing}件", licensing))
        if penalty and rng.random() < 0.6:
            pieces.append(self.note("t2.penalty", block, f"作出行政处罚决定{penalty}件", penalty))
        if not pieces:
            return ""
        return f"全年{'、'.join(pieces)}，相关信息均在规定时限内向社会公开。"

    def oversight(self) -> list:
        """监督保障: two general sentences, and for a government (sometimes a department) 考核/评议/追究."""
        rng, year = self.rng, self.report.year
        unit = unit_of(self.agency)
        text = "".join(self.fill(t) for t in rng.sample(gen.SUPERVISE, 2))
        if self.rich.kind != "dept" or rng.random() < 0.5:
            text += rng.choice([
                f"将政务公开工作纳入{year}年度全{unit}绩效考核，考核结果已向社会公开。",
                f"组织开展年度政务公开工作考核，对{rng.randint(5, 40)}个单位进行考核并通报考核结果。",
                f"政务公开工作在全{unit}高质量发展综合考核中占{rng.choice([2, 3, 4, 5])}%的权重，工作考核结果已公开。",
            ])
            text += rng.choice([
                f"开展政务公开社会评议活动，邀请人大代表、政协委员和群众代表{rng.randint(10, 80)}名参与评议，"
                f"满意率达{rng.randint(90, 99)}%。",
                "通过政府网站、政务服务热线开展社会评议，评议结果总体良好。",
                "本年度未组织开展专项社会评议活动。",
            ])
            text += rng.choice([
                "严格执行政务公开责任追究制度，本年度未发生因政府信息公开工作不到位而被责任追究的情况。",
                "全年未发生政府信息公开工作责任追究情况。",
            ])
        return [text]

    def overview(self) -> list:
        rng = self.rng
        style = rng.choice(["情况", "情况", "方面"])
        inline = rng.random() < 0.3
        bodies = [self.active(), self.applications(), self.management(),
                  Block("para", gen.paragraph(rng, gen.PLATFORM, self.report, rng.randint(2, 4)), section=1),
                  Block("para", self.oversight()[0], section=1)]
        blocks = [self.opening()]
        for number, (sub, body) in enumerate(zip(gen.OVERVIEW_SUBS[style], bodies)):
            label = f"（{gen.ORDINALS[number]}）{sub}"
            if inline:
                body.text = f"{label}。{body.text}"
                blocks.append(body)
            else:
                blocks += [Block("sub", label, section=1), body]
        return blocks

    # -- 五 and 六 --------------------------------------------------------------------------------

    def problems(self) -> list:
        rng, year, we = self.rng, self.report.year, self.agency.we
        count = rng.randint(2, 3)
        found = gen.enumerate_points(rng.sample(gen.PROBLEMS, count))
        fixes = gen.enumerate_points(rng.sample(gen.MEASURES, count))
        follow = rng.choice([
            f"针对{year - 1}年度报告中提出的政策解读形式单一等问题，{we}已逐项制定整改措施，目前均已整改到位。",
            f"上年度存在的问题已全部完成整改：{we}优化了公开栏目设置，加强了工作人员培训，公开质量有所提升。",
            f"对照{year - 1}年政府信息公开工作年度报告所列问题，{we}建立整改台账，逐项落实改进措施，整改工作已全部完成。",
        ])
        blocks = [Block("sub", "（一）存在的主要问题", section=5),
                  Block("para", f"{year}年，{we}政府信息公开工作取得了一定成效，但仍存在一些不足：{found}", section=5),
                  Block("sub", "（二）改进措施", section=5),
                  Block("para", f"针对上述问题，下一步{we}将重点做好以下工作：{fixes}", section=5),
                  Block("sub", "（三）上年度问题整改情况", section=5),
                  Block("para", follow, section=5)]
        for block, part in zip(blocks[1::2], ("problems", "measures", "follow")):
            self.note(f"five.{part}", block, block.text, standalone=False)
        return blocks

    def other_matters(self) -> list:
        rng, report, we, year = self.rng, self.report, self.agency.we, self.report.year
        items = [("落实上级年度政务公开工作要点情况", self.fill(rng.choice(gen.KEYPOINTS)), "keypoints")]
        if self.rich.kind != "gov-office" or rng.random() < 0.5:  # a government's and a department's 六 do (GL607)
            n1, n2 = rng.randint(0, 60), rng.randint(0, 80)
            proposals = (f"{year}年，{we}共承办人大代表建议{n1}件、政协提案{n2}件，办理结果已在门户网站公开。"
                         if n1 + n2 else f"本年度{we}无承办的人大代表建议和政协提案。")
            items.append(("人大代表建议和政协提案办理结果公开情况", proposals, "proposals"))
        if rng.random() < 0.3:
            items.append(("政务公开工作创新情况", self.fill(rng.choice(gen.INNOVATION)), "innovation"))
        if report.fee_yuan:
            fee = self.fill(rng.choice(gen.FEE_SOME), fee=report.fee_yuan,
                            n1=max(1, report.table3.get("other.2", [0])[-1]))
        else:
            fee = self.fill(rng.choice(gen.FEE_NONE))
        items.append(("收取信息处理费情况", fee, "fee"))
        blocks = []
        for number, (title, text, kind) in enumerate(items):
            sub = Block("sub", f"（{gen.ORDINALS[number]}）{title}", section=6)
            para = Block("para", text, section=6)
            self.note(f"six.{kind}", para, text, standalone=False, sub=sub)
            blocks += [sub, para]
        return blocks


def choose_rich_year(rng: random.Random) -> int:
    return rng.choices([2019, 2020, 2021, 2022, 2023, 2024, 2025], [5, 6, 10, 12, 13, 13, 12])[0]


def make_rich_report(seed: int, index: int, *, agency: Agency | None = None, year: int | None = None,
                     layout: str | None = None, tables: Callable | None = None) -> RichReport:
    """Report ``index`` of the rich corpus ``seed``: tables as generate.py makes them, rich correct prose.

    The keywords serve multi-year series (benchmarks/series.py): a given body, year and layout instead
    of drawn ones, and ``tables(rng, report)`` called once tables 2–4 are drawn and before any prose is
    written, so that it can continue last year's tables (the prose then restates what it leaves).
    """
    rng = random.Random(f"{seed}:{index}:rich")
    agency = make_body(rng) if agency is None else agency
    year = choose_rich_year(rng) if year is None else year
    fmt = "2019-trial" if year <= 2020 else "2021"
    layout = rng.choices(["tab", "space", "pipe"], [45, 35, 20])[0] if layout is None else layout
    report = Report(index, agency, year, fmt, layout)
    fee_notices = fmt == "2021" and rng.random() < 0.15
    report.table3 = gen.make_table3(rng, agency, fmt, fee_notices)
    if fee_notices and report.table3["new"][6] + report.table3["carried"][6] > 0:
        report.fee_yuan = rng.choice([100, 200, 300, 380, 600, 1200, 3940])
    report.table4 = gen.make_table4(rng, report.table3)
    report.table2 = gen.make_table2(rng, agency, fmt)
    if tables is not None:
        tables(rng, report)
    kind = "gov" if agency.kind == "gov" else ("gov-office" if agency.name.endswith("人民政府办公室") else "dept")
    rich = RichReport(report, seed, kind=kind)
    writer = Writer(rng, rich)
    blocks = [Block("title", f"{agency.name}{year}年政府信息公开工作年度报告")]
    preamble = gen.preamble(rng, report, {})
    if "电子版" not in "".join(preamble):
        preamble[0] += f"本年度报告电子版可在{agency.portal_name}（{agency.portal}）查阅或下载。"
    blocks += [Block("para", text) for text in preamble]
    blocks.append(Block("heading", gen.HEADINGS[0], section=1))
    blocks += writer.overview()
    blocks += [Block("heading", gen.HEADINGS[1], section=2), Block("t2", data=report.table2, section=2),
               Block("heading", gen.HEADINGS[2], section=3), Block("t3", data=report.table3, section=3),
               Block("heading", gen.HEADINGS[3], section=4), Block("t4", data=report.table4, section=4),
               Block("heading", gen.HEADINGS[4], section=5)]
    blocks += writer.problems()
    blocks.append(Block("heading", gen.HEADINGS[5], section=6))
    blocks += writer.other_matters()
    month = rng.randint(1, 3)
    if agency.kind != "gov":
        month = 1  # 条例 第四十九条: departments publish by 31 January (GL505)
    blocks += [Block("sign", agency.name), Block("sign", f"{year + 1}年{month}月{rng.randint(5, 28)}日")]
    report.blocks = blocks
    return rich


# ---------------------------------------------------------------------------------
# Where a piece of the report is in its rendered text
# ---------------------------------------------------------------------------------

_IGNORED = re.compile(r"[\s*]")
_PAGE_MARK = re.compile(r"- \d+ -")


def _stripped(text: str) -> tuple[str, list]:
    """The text without whitespace and markdown stars, and the 1-based line of each kept character."""
    chars, lines = [], []
    for line, row in enumerate(text.split("\n"), 1):
        if _PAGE_MARK.fullmatch(row):
            continue  # a page mark of the space layout may fall inside a sentence
        for char in row:
            if not _IGNORED.match(char):
                chars.append(char)
                lines.append(line)
    return "".join(chars), lines


def lines_of(text: str, needle: str, last: bool = False) -> tuple[int, int] | None:
    """The first and last line of the first (or last) occurrence of ``needle`` (whitespace and stars ignored)."""
    flat, lines = _stripped(text)
    key = _IGNORED.sub("", needle)
    at = flat.rfind(key) if last else flat.find(key)
    if at < 0 or not key:
        return None
    return lines[at], lines[at + len(key) - 1]


def section_lines(text: str, section: int) -> tuple[int, int] | None:
    """The lines from the heading of mandated section ``section`` (1–6) to the line before the next one."""
    rows = text.split("\n")
    starts = {}
    for number, row in enumerate(rows, 1):
        bare = row.lstrip("#").strip()
        for s, heading in enumerate(gen.HEADINGS, 1):
            if bare.startswith(heading[:6]) and s not in starts:
                starts[s] = number
    if section not in starts:
        return None
    later = [line for s, line in starts.items() if line > starts[section]]
    end = min(later) - 1 if later else len(rows)
    return starts[section], end


def table2_row(text: str, label: str) -> tuple[int, int] | None:
    for number, row in enumerate(text.split("\n"), 1):
        bare = row.strip("| ").lstrip()
        rest = bare[len(label):]
        # a table row: numbers (and blanks, pipes) after the label; not a prose line a PDF wrapped there
        if bare.startswith(label) and re.search(r"\d", rest) and re.fullmatch(r"[\d\s|.,+\-]*", rest):
            return number, number
    return None


# ---------------------------------------------------------------------------------
# Injections: one defect each, and where it is
# ---------------------------------------------------------------------------------

@dataclass
class Target:
    """Where an injected defect is: a needle of text, a mandated section, or a table-2 row."""

    needle: str | None = None
    last: bool = False          # the needle's last occurrence (a sign-off repeats the title's name)
    section: int | None = None
    preamble: bool = False
    t2_row: str | None = None

    def lines(self, text: str) -> tuple[int, int] | None:
        if self.needle is not None:
            return lines_of(text, self.needle, self.last)
        if self.section is not None:
            return section_lines(text, self.section)
        if self.t2_row is not None:
            return table2_row(text, self.t2_row)
        if self.preamble:
            first = section_lines(text, 1)
            return (1, first[0] - 1) if first else None
        return None


@dataclass
class Injected:
    code: str
    rich: RichReport
    text: str                   # the rendered report with the defect
    targets: list               # [(first line, last line)] where a finding may point
    description: str


def _replace(block: Block, old: str, new: str) -> None:
    assert old in block.text, (old, block.text)
    block.text = block.text.replace(old, new, 1)


def _sub_number(text: str, value: int, new: int) -> str:
    """``text`` with its (last) number ``value`` written as ``new``."""
    matches = [m for m in re.finditer(r"\d+", text) if int(m.group()) == value]
    m = matches[-1]
    return text[:m.start()] + str(new) + text[m.end():]


def _paras(rich: RichReport, section: int) -> list:
    return [b for b in rich.report.blocks if b.kind == "para" and b.section == section]


def inject_402(rng, rich):
    """A stated quantity that contradicts its table cell (a standalone figure, not a breakdown's)."""
    choices = [a for a in rich.anchors if a.standalone and a.kind.startswith(("t2.", "t3.", "t4."))]
    if not choices:
        return None
    anchor = rng.choice(choices)
    wrong = anchor.value + rng.choice([1, 2, 3, 7, 12])
    if anchor.kind == "t3.new":
        carried = rich.report.table3["carried"][6]
        wrong = anchor.value + rng.choice([k for k in (2, 3, 7, 12) if k != carried])
    new_text = _sub_number(anchor.text, anchor.value, wrong)
    _replace(anchor.block, anchor.text, new_text)
    return [Target(needle=new_text)], f"{anchor.kind}: {anchor.value} → {wrong}"


def inject_403(rng, rich):
    """A percentage that disagrees with its own numerator and denominator."""
    choices = rich.find("pct")
    if not choices:
        return None
    anchor = rng.choice(choices)
    printed = anchor.extra["printed"]
    value = Decimal(printed)
    delta = Decimal(rng.choice([2, 3, 5, 8, 11]))
    wrong = value + delta if value + delta <= 100 or value > 100 else value - delta
    if wrong < 0:
        wrong = value + delta
    wrong_text = str(wrong)
    old = f"{printed}%"
    new_text = anchor.text.replace(old, f"{wrong_text}%", 1)
    _replace(anchor.block, anchor.text, new_text)
    return [Target(needle=f"{wrong_text}%")], f"{printed}% → {wrong_text}%"


def inject_405(rng, rich):
    """A statement that contradicts the tables."""
    report = rich.report
    t3, t4 = report.table3, report.table4
    apply = next(a.block for a in rich.anchors if a.kind.startswith("t3.")) if any(
        a.kind.startswith("t3.") for a in rich.anchors) else None
    options = []
    if t3["forward"][6] > 0 and apply is not None:
        options.append(("all_done", apply, "所有政府信息公开申请均已按期办结。"))
    if any(t4) and apply is not None:
        options.append(("no_review", apply, f"{report.year}年，{report.agency.we}未发生政府信息公开行政复议和行政诉讼。"))
    if (t4[1] + t4[2] + t4[3] + t4[6] + t4[7] + t4[8] + t4[11] + t4[12] + t4[13]) and apply is not None:
        options.append(("all_upheld", apply, f"涉及政府信息公开的行政复议和行政诉讼案件均获维持。"))
    fee = [a for a in rich.find("six.fee")]
    if report.fee_yuan and fee:
        options.append(("no_fee", fee[0].block, f"{report.agency.we}未收取信息处理费。"))
    if not options:
        return None
    name, block, sentence = rng.choice(options)
    block.text += sentence
    return [Target(needle=sentence)], name


def inject_406(rng, rich):
    """The same quantity stated twice with different numbers."""
    # a figure per channel (通过门户网站主动公开…) is not the body's total: GL406 leaves it alone
    choices = [a for a in rich.find("active") if "通过" not in a.text] + rich.find("reading")
    anchor = rng.choice(choices)
    wrong = anchor.value + rng.choice([3, 4, 9, 21])
    we, year = rich.report.agency.we, rich.report.year
    if anchor.kind == "active":
        sentence = f"{year}年，{we}共主动公开政府信息{wrong}条。"
    else:
        sentence = f"{year}年，{we}共发布政策解读{wrong}篇。"
    target = rng.choice([b for b in _paras(rich, 1)[3:] + _paras(rich, 6)[:1]])
    target.text += sentence
    return [Target(needle=sentence), Target(needle=anchor.text)], f"{anchor.kind}: {anchor.value} and {wrong}"


def inject_407(rng, rich):
    """A breakdown whose parts exceed the total (其中) or do not add up to it (分别为)."""
    anchor = rng.choice(rich.find("breakdown"))
    values = anchor.extra["values"]
    index = rng.randrange(len(values))
    if anchor.extra["closed"]:
        wrong = values[index] + rng.choice([1, 2, 5, 10])
    else:
        wrong = anchor.value + rng.choice([1, 3, 8])
    # the part is written after the total: replace the (index+1)-th number after the total's
    head = next(m for m in re.finditer(r"\d+(?!\d|年)", anchor.text) if int(m.group()) == anchor.value)
    numbers = list(re.finditer(r"\d+", anchor.text[head.end():]))
    m = numbers[index]
    start, end = head.end() + m.start(), head.end() + m.end()
    new_text = anchor.text[:start] + str(wrong) + anchor.text[end:]
    _replace(anchor.block, anchor.text, new_text)
    return [Target(needle=new_text)], f"{'closed' if anchor.extra['closed'] else '其中'}: part {values[index]} → {wrong}"


def inject_408(rng, rich):
    """The previous year where the report year belongs."""
    year = rich.report.year
    opening = _paras(rich, 1)[0]
    receipts = [a for a in rich.find("t3.new") if a.text.startswith(f"{year}年，")]
    if receipts and rng.random() < 0.5:
        anchor = receipts[0]
        new_text = f"{year - 1}" + anchor.text[4:]
        _replace(anchor.block, anchor.text, new_text)
        return [Target(needle=new_text)], "receipt sentence"
    assert opening.text.startswith(f"{year}年，"), opening.text[:20]
    opening.text = f"{year - 1}" + opening.text[4:]
    return [Target(needle=opening.text[:30])], "opening sentence"


def inject_310(rng, rich):
    """An approval bureau reporting 0 行政许可 decisions while its prose describes approvals."""
    report = rich.report
    if not report.agency.approval:
        return None
    row = report.table2[1][2][0][1]
    row[-1] = 0
    for anchor in rich.find("t2.licensing"):
        _replace(anchor.block, anchor.text, "依法办理行政许可事项")
    return [Target(t2_row="行政许可")], "行政许可 decisions → 0"


def _misspell(name: str, rng: random.Random) -> str:
    swaps = [("政务", "政府"), ("审批服务", "服务审批"), ("人民政府", "人民正府"), ("管理局", "管里局"),
             ("教育局", "教肓局"), ("办公室", "办工室"), ("委员会", "委员")]
    usable = [(a, b) for a, b in swaps if a in name]
    if usable:
        a, b = rng.choice(usable)
        return name.replace(a, b, 1)
    return name[:-2] + name[-1] + name[-2]  # two characters swapped


def inject_410(rng, rich):
    """Another organ named as the author, or the body's own name misspelt in the sign-off or preamble."""
    agency = rich.report.agency
    sign = next(b for b in rich.report.blocks if b.kind == "sign")
    roll = rng.random()
    if roll < 0.4:
        sign.text = _misspell(agency.name, rng)
        return [Target(needle=sign.text, last=True)], f"sign-off {agency.name} → {sign.text}"
    preamble = next(b for b in rich.report.blocks if b.kind == "para" and b.section == 0)
    if roll < 0.7:
        owner = agency.city if agency.level == "city" else agency.area
        other = f"{owner}{rng.choice([d for d in OTHER_DEPTS if d not in agency.name])}"
        sentence = f"本报告由{other}编制。"
    else:
        sentence = f"本报告经{_misspell(agency.name, rng)}审定后发布。"
    preamble.text += sentence
    return [Target(needle=sentence)], sentence


def inject_504(rng, rich):
    """A malformed download address."""
    agency = rich.report.agency
    preamble = next(b for b in rich.report.blocks if b.kind == "para" and agency.portal in b.text)
    host = agency.portal[len("http://"):]
    wrong = [f"http//{host}", f"http:/{host}"]
    if rich.report.layout != "space":  # a space at a hard-wrapped line's end is no defect
        wrong.append(f"http://{host.replace('www.', 'www. ', 1)}")
    wrong = rng.choice(wrong)
    _replace(preamble, agency.portal, wrong)
    return [Target(needle=f"（{wrong}）")], wrong


def _section_blocks(rich: RichReport, section: int) -> list:
    return [b for b in rich.report.blocks if b.section == section and b.kind in ("sub", "para")]


def _drop(rich: RichReport, blocks: list) -> None:
    ids = {id(b) for b in blocks}
    rich.report.blocks = [b for b in rich.report.blocks if id(b) not in ids]


def inject_602(rng, rich):
    """Section 五 empty, 无, or a few words."""
    five = _section_blocks(rich, 5)
    _drop(rich, five[1:])
    five[0].kind = "para"
    five[0].text = rng.choice(["无。", "暂无。", f"{rich.report.agency.we}将继续做好政务公开工作。", ""])
    if not five[0].text:
        _drop(rich, five[:1])
    return [Target(section=5)], repr(five[0].text)


def inject_603(rng, rich):
    """五 states problems but no improvements, or the reverse."""
    five = _section_blocks(rich, 5)
    if rng.random() < 0.5:
        _drop(rich, five[2:])
        return [Target(section=5)], "problems only"
    _drop(rich, five[:2] + five[4:])
    return [Target(section=5)], "improvements only"


def inject_604(rng, rich):
    """No word on last year's problems."""
    five = _section_blocks(rich, 5)
    _drop(rich, five[4:])
    return [Target(section=5)], "follow-up removed"


def _renumber(blocks: list) -> None:
    number = 0
    for block in blocks:
        m = re.match(r"（[一二三四五六七八九]）", block.text)
        if m:
            block.text = f"（{gen.ORDINALS[number]}）" + block.text[m.end():]
            number += 1


def inject_605(rng, rich):
    """总体情况 leaves out one of its five aspects (its sub-heading and its text)."""
    one = _section_blocks(rich, 1)
    aspects = ["管理", "平台"] + (["监督"] if rich.kind == "dept" else [])
    aspect = rng.choice(aspects)
    gone = []
    for i, block in enumerate(one):
        head = block.text[:16]
        if re.match(r"（[一二三四五]）", head) and aspect in head:
            gone.append(block)
            if block.kind == "sub":
                gone.append(one[i + 1])
    _drop(rich, gone)
    _renumber([b for b in rich.report.blocks if b.section == 1 and b.kind in ("sub", "para")])
    return [Target(section=1)], f"aspect {aspect} removed"


def inject_606(rng, rich):
    """A government's report without one of 工作考核, 社会评议, 责任追究."""
    if rich.kind != "gov":
        return None
    word = rng.choice(["考核", "评议", "追究"])
    for block in _section_blocks(rich, 1):  # every sentence that names it, wherever in 一
        if word in block.text:
            block.text = "".join(s for s in re.findall(r"[^。]*。", block.text) if word not in s)
    return [Target(section=1)], f"{word} removed"


def inject_607(rng, rich):
    """A government's 六 without 人大建议/政协提案 or without the 工作要点; a department's without the first."""
    if rich.kind not in ("gov", "dept") or rich.report.year < 2021:
        return None  # GL607 reads the 2021 format
    kind = rng.choice(["proposals", "keypoints"]) if rich.kind == "gov" else "proposals"
    anchor = rich.find(f"six.{kind}")[0]
    _drop(rich, [anchor.extra["sub"], anchor.block])
    _renumber(_section_blocks(rich, 6))
    word = {"proposals": "人大代表建议", "keypoints": "工作要点"}[kind]
    for block in rich.report.blocks:  # 一 may mention it too (公开建议提案办理复文)
        if block.kind == "para" and word in block.text:
            block.text = "".join(s for s in re.findall(r"[^。]*。", block.text) if word not in s)
    return [Target(section=6)], f"{kind} removed"


OFF_TOPIC = [
    "深化“放管服”改革，持续推进“一件事一次办”，将企业开办、不动产登记、工程建设项目审批等高频事项整合为一次办理，"
    "平均办理时限压缩至{d}个工作日。",
    "全面推行“跨省通办”，与{n}个省份的{m}个地市签订合作协议，实现高频事项异地可办。",
    "优化营商环境，深化“证照分离”改革，推行告知承诺制，市场主体数量同比增长{p}%。",
    "推进帮办代办服务，组建帮办代办队伍{t}支，为重点项目提供全流程服务，项目落地周期明显缩短。",
    "加快数字政府建设，推动电子证照在就医、就学、就业等场景的应用，累计归集电子证照{c}万张。",
]


def inject_608(rng, rich):
    """A section mostly about something other than disclosure work (六: 放管服, 一件事一次办 …)."""
    six = _section_blocks(rich, 6)
    text = "".join(t.format(d=rng.randint(2, 9), n=rng.randint(3, 12), m=rng.randint(10, 60), p=rng.randint(3, 20),
                            t=rng.randint(2, 30), c=rng.randint(5, 300)) for t in OFF_TOPIC) * 2
    number = len([b for b in six if b.kind == "sub"])
    sub = Block("sub", f"（{gen.ORDINALS[number]}）深化放管服改革情况", section=6)
    para = Block("para", text, section=6)
    blocks = rich.report.blocks
    at = blocks.index(six[-1]) + 1
    rich.report.blocks = blocks[:at] + [sub, para] + blocks[at:]
    return [Target(section=6)], "off-topic sub-section"


PARTS = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
         "存在的主要问题及改进情况", "其他需要报告的事项"]


def inject_609(rng, rich):
    """The preamble lists the report's parts, and the list does not match the headings."""
    preamble = next(b for b in rich.report.blocks if b.kind == "para" and b.section == 0)
    old = next((s for s in re.findall(r"[^。]*。", preamble.text) if s.startswith("全文包括")), None)
    parts = list(PARTS)
    if rng.random() < 0.5:
        del parts[rng.randrange(1, 5)]
    else:
        parts.insert(4, "政府信息公开的收费及减免情况")
    sentence = f"本报告由{'、'.join(parts)}组成。"
    if old:
        _replace(preamble, old, sentence)
    else:
        preamble.text = preamble.text.replace("。", "。" + sentence, 1)
    return [Target(needle=sentence)], sentence


WORDS = ["工作", "信息", "政策", "群众", "公开", "办理", "制度", "服务"]


def inject_703(rng, rich):
    """A word written twice (资金资金)."""
    paras = [b for b in rich.report.blocks if b.kind == "para" and b.section in (1, 5)]
    rng.shuffle(paras)
    for block in paras:
        for word in rng.sample(WORDS, len(WORDS)):
            at = [m.start() for m in re.finditer(word, block.text) if not block.text[m.end():].startswith(word)
                  and not block.text[:m.start()].endswith(word)]
            if at:
                pos = rng.choice(at)
                block.text = block.text[:pos] + word + block.text[pos:]
                context = block.text[max(0, pos - 4):pos + 2 * len(word) + 2]
                return [Target(needle=context)], word * 2
    return None


def inject_704(rng, rich):
    """A heading ending in 。, or (一) and （一） mixed in one series."""
    subs = [b for b in rich.report.blocks if b.kind == "sub" and b.section in (1, 5, 6)]
    if subs and rng.random() < 0.5:
        block = rng.choice([b for b in subs if not b.text.startswith("（一）")] or subs)
        block.text = block.text.replace("（", "(", 1).replace("）", ")", 1)
        return [Target(needle=block.text)], f"half-width {block.text}"
    headings = [b for b in rich.report.blocks if b.kind == "heading"]
    block = rng.choice(headings)
    block.text += "。"
    return [Target(needle=block.text)], f"{block.text}"


def inject_705(rng, rich):
    """ASCII punctuation in Chinese prose: , or ( ) between CJK characters."""
    paras = [b for b in rich.report.blocks if b.kind == "para" and b.section in (1, 5, 6)]
    rng.shuffle(paras)
    for block in paras:
        at = [m.start() for m in re.finditer(r"(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])", block.text)]
        if at:
            pos = rng.choice(at)
            block.text = block.text[:pos] + "," + block.text[pos + 1:]
            return [Target(needle=block.text[max(0, pos - 6):pos + 6])], "，→,"
    return None


INJECTIONS: dict = {
    "GL402": inject_402, "GL403": inject_403, "GL405": inject_405, "GL406": inject_406, "GL407": inject_407,
    "GL408": inject_408, "GL310": inject_310, "GL410": inject_410, "GL504": inject_504, "GL602": inject_602,
    "GL603": inject_603, "GL604": inject_604, "GL605": inject_605, "GL606": inject_606, "GL607": inject_607,
    "GL608": inject_608, "GL609": inject_609, "GL703": inject_703, "GL704": inject_704, "GL705": inject_705,
}
assert sorted(INJECTIONS) == sorted(CODES)


def inject(code: str, seed: int, index: int) -> Injected | None:
    """Report ``index`` of the rich corpus with one defect for rule ``code``, or None when it cannot carry one."""
    rich = make_rich_report(seed, index)
    rng = random.Random(f"{seed}:{index}:{code}")
    done = INJECTIONS[code](rng, rich)
    if done is None:
        return None
    targets, description = done
    text = rich.render()
    where = [t.lines(text) for t in targets]
    where = [w for w in where if w is not None]
    assert where, (code, index, description)
    return Injected(code, rich, text, where, description)


InjectionFunction = Callable[[random.Random, RichReport], "tuple[list, str] | None"]


def main(argv=None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="print one rich report (clean, or with one injected defect)")
    parser.add_argument("index", type=int, nargs="?", default=0)
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--inject", choices=CODES)
    args = parser.parse_args(argv)
    if args.inject:
        injected = inject(args.inject, args.seed, args.index)
        if injected is None:
            print(f"report {args.index} cannot carry {args.inject}", file=sys.stderr)
            return 1
        print(injected.text, end="")
        print(f"# {injected.code} at lines {injected.targets}: {injected.description}", file=sys.stderr)
    else:
        print(make_rich_report(args.seed, args.index).render(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
