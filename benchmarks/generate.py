#!/usr/bin/env python3
"""Generate a deterministic corpus of realistic 政府信息公开工作年度报告 as UTF-8 .txt files.

The reports imitate the text that real PDF/Word/web extractions give
(/work/shared/seeds, /work/shared/corpus; the format is in domain.md):

* agencies: 市/县/区/镇 人民政府 and 局/委/办/中心 departments in a dozen cities;
* report years 2015–2025, so the 2008 regime (no tables), the 2019 试行 format
  (国办公开办函〔2019〕60号) and the 2021 format (〔2021〕30号) all appear;
* a title, a preamble (legal basis, statistical period, download address and
  contact details), the six mandated sections with sub-headings and prose,
  and tables 2, 3 and 4 whose arithmetic holds (domain.md §4.5);
* three extraction layouts: tab-separated cells (seeds 000/003/004),
  space-separated cells with hard-wrapped prose and page marks
  (corpus/2024_huaian_shi.txt, 2023_huaian_hongzequ.txt) and markdown
  (corpus/2025_suqian_shuyangxian.txt);
* about 20 % of the reports carry exactly one injected defect; which one, and
  the rule codes expected to catch it, are written to ``manifest.json``.

Everything derives from ``random.Random(f"{seed}:{index}")``, so report *i* is
the same whatever N is, and the same on every run and machine.

Usage:  python benchmarks/generate.py OUT_DIR [-n 500] [--seed 20240601] [--defect-rate 0.2]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------
# Places and agencies
# ---------------------------------------------------------------------------------

# (province, city, city slug, area code, postcode, [(county or district, slug)], roads)
CITIES = [
    ("宁夏回族自治区", "中卫市", "nxzw", "0955", 755000,
     [("沙坡头区", "spt"), ("中宁县", "znzf"), ("海原县", "hy")], ["丰安东路", "鼓楼西街", "应理南街", "新区行政中心"]),
    ("江苏省", "淮安市", "huaian", "0517", 223001,
     [("清江浦区", "qjp"), ("淮安区", "zghaq"), ("淮阴区", "huaiyin"), ("洪泽区", "hongze"), ("涟水县", "lianshui"),
      ("盱眙县", "xuyi"), ("金湖县", "jinhu")], ["翔宇南道", "健康西路", "洪泽湖大道", "淮海北路"]),
    ("江苏省", "宿迁市", "suqian", "0527", 223800,
     [("宿城区", "sqsc"), ("宿豫区", "suyu"), ("沭阳县", "shuyang"), ("泗阳县", "siyang"), ("泗洪县", "sihong")],
     ["洪泽湖路", "苏州东路", "人民大道", "发展大道"]),
    ("湖南省", "岳阳市", "yueyang", "0730", 414000,
     [("岳阳楼区", "yylq"), ("云溪区", "yunxi"), ("君山区", "junshan"), ("华容县", "huarong"), ("平江县", "pingjiang")],
     ["巴陵中路", "金鹗中路", "岳阳大道", "建设北路"]),
    ("浙江省", "丽水市", "lishui", "0578", 323000,
     [("莲都区", "liandu"), ("青田县", "qingtian"), ("缙云县", "jinyun"), ("遂昌县", "suichang")],
     ["花园路", "丽阳街", "人民街", "府前路"]),
    ("山东省", "青岛市", "qingdao", "0532", 266000,
     [("市南区", "qdsn"), ("市北区", "qdsb"), ("黄岛区", "huangdao"), ("即墨区", "jimo"), ("胶州市", "jiaozhou")],
     ["香港中路", "延安三路", "长江中路", "蓝鳌路"]),
    ("四川省", "绵阳市", "mianyang", "0816", 621000,
     [("涪城区", "fucheng"), ("游仙区", "youxian"), ("江油市", "jiangyou"), ("三台县", "santai")],
     ["临园路", "花园路", "九洲大道", "剑南路"]),
    ("广东省", "江门市", "jiangmen", "0750", 529000,
     [("蓬江区", "pengjiang"), ("江海区", "jianghai"), ("新会区", "xinhui"), ("台山市", "cnts")],
     ["迎宾大道", "东华路", "建设路", "会城今古洲路"]),
    ("福建省", "南平市", "np", "0599", 353000,
     [("延平区", "ypzf"), ("建阳区", "jianyang"), ("邵武市", "shaowu"), ("武夷山市", "wuyishan")],
     ["滨江中路", "八一路", "解放路", "人民路"]),
    ("吉林省", "吉林市", "jlcity", "0432", 132000,
     [("昌邑区", "changyi"), ("龙潭区", "ltq"), ("船营区", "chuanying"), ("舒兰市", "shulan")],
     ["解放东路", "松江中路", "北京路", "重庆街"]),
    ("陕西省", "咸阳市", "xianyang", "029", 712000,
     [("秦都区", "qindu"), ("渭城区", "weic"), ("杨陵区", "yangling"), ("兴平市", "xingping")],
     ["世纪大道", "人民西路", "渭阳西路", "文林路"]),
    ("安徽省", "宿州市", "ahsz", "0557", 234000,
     [("埇桥区", "yongqiao"), ("砀山县", "dangshan"), ("萧县", "ahxiaoxian"), ("灵璧县", "lingbi")],
     ["银河一路", "汴河路", "淮海路", "拂晓大道"]),
]

TOWNS = ["城关镇", "新集镇", "高桥镇", "马坝镇", "鸣沙镇", "宁安镇", "石桥镇", "黄集镇", "双沟镇", "龙泉镇",
         "三河镇", "东关镇", "临河镇", "白马镇", "桃源镇"]

# Department profiles: name, self-reference (我局/我委 …), and licensing and penalty scales
# (upper bounds for the table-2 decision counts).  审批 in the name marks an approval bureau.
DEPTS = [
    ("发展和改革委员会", "委", 300, 20), ("教育局", "局", 200, 10), ("公安局", "局", 20000, 40000),
    ("民政局", "局", 300, 10), ("司法局", "局", 100, 5), ("财政局", "局", 50, 5),
    ("人力资源和社会保障局", "局", 3000, 50), ("自然资源和规划局", "局", 2000, 200), ("生态环境局", "局", 500, 300),
    ("住房和城乡建设局", "局", 3000, 200), ("交通运输局", "局", 5000, 3000), ("水利局", "局", 200, 50),
    ("农业农村局", "局", 800, 150), ("商务局", "局", 300, 20), ("文化广电和旅游局", "局", 400, 100),
    ("卫生健康委员会", "委", 3000, 500), ("退役军人事务局", "局", 0, 0), ("应急管理局", "局", 300, 200),
    ("审计局", "局", 0, 0), ("市场监督管理局", "局", 20000, 2000), ("统计局", "局", 0, 30),
    ("医疗保障局", "局", 50, 100), ("审批服务管理局", "局", 60000, 0), ("行政审批局", "局", 40000, 0),
    ("政务服务管理办公室", "办", 100, 0), ("公共资源交易中心", "中心", 0, 0), ("住房公积金管理中心", "中心", 0, 0),
    ("机关事务管理局", "局", 0, 0), ("科学技术局", "局", 50, 5), ("工业和信息化局", "局", 100, 20),
    ("城市管理局", "局", 2000, 5000), ("林业局", "局", 300, 100), ("体育局", "局", 20, 5),
    ("人民政府办公室", "办", 0, 0),
]


@dataclass
class Agency:
    name: str          # 淮安市审批服务管理局
    kind: str          # "gov" (人民政府) or "dept"
    level: str         # "city", "county", "town"
    we: str            # 我局 / 我市 …
    whole: str         # 全局 / 全市 …
    short: str         # 市审批服务管理局 (how the text names itself)
    office: str        # who compiles the report
    city: str
    area: str          # the county or district, or ""
    address: str
    postcode: str
    phone: str
    fax: str
    email: str
    portal: str
    portal_name: str
    licensing_max: int
    penalty_max: int
    approval: bool = False


def make_agency(rng: random.Random) -> Agency:
    _province, city, cslug, area_code, postcode, areas, roads = rng.choice(CITIES)
    roll = rng.random()
    area, aslug = rng.choice(areas)
    if roll < 0.10:
        level, kind, name, slug = "city", "gov", f"{city}人民政府", cslug
    elif roll < 0.28:
        level, kind, name, slug = "county", "gov", f"{area}人民政府", aslug
    elif roll < 0.33:
        town = rng.choice(TOWNS)
        level, kind, name, slug = "town", "gov", f"{area}{town}人民政府", aslug
    elif roll < 0.62:
        level, kind, name, slug = "city", "dept", "", cslug
    else:
        level, kind, name, slug = "county", "dept", "", aslug
    unit = {"city": "市", "county": area[-1], "town": "镇"}[level]
    digits = 8 if len(area_code) == 3 else 7
    phone = f"{area_code}-{rng.randint(10 ** (digits - 1) * 2, 10 ** digits - 1)}"
    fax = f"{area_code}-{rng.randint(10 ** (digits - 1) * 2, 10 ** digits - 1)}"
    code = postcode if level == "city" else postcode + rng.choice([100, 200, 300, 400, 500, 600])
    place = city if level == "city" else f"{city}{area}"
    road = rng.choice(roads)
    address = f"{place}{road}{rng.randint(1, 299)}号"
    owner = city if level == "city" else area  # whose department it is
    if kind == "gov":
        we, whole = f"我{unit}", f"全{unit}"
        short = f"{unit}人民政府" if level != "town" else "镇人民政府"
        office = f"{name}办公室" if level != "town" else f"{name}党政办公室"
        address += rng.choice(["", "行政中心", "行政中心A座", "政务服务中心"])
        lic = {"city": 600000, "county": 200000, "town": 300}[level]
        pen = {"city": 4000000, "county": 800000, "town": 100}[level]
        approval = False
        email_stem = f"{slug}zwgk"
    else:
        dept, suffix, lic, pen = rng.choice(DEPTS)
        name = f"{owner}{dept}"
        we, whole = f"我{suffix}", f"全{suffix}"
        short = f"{unit}{dept}"
        office = f"{name}办公室"
        approval = "审批" in dept
        address += rng.choice(["", "政务服务中心三楼", "综合办公楼", f"{rng.randint(2, 9)}楼"])
        email_stem = f"{slug}{rng.choice(['fgw', 'zwgk', 'xxgk', 'bgs', 'gk'])}{rng.randint(1, 99)}"
        if dept == "人民政府办公室":  # the 政府办 reports as a department and compiles its own report
            short, we, whole, office = f"{unit}政府办", "我办", "全办", name
    email = f"{email_stem}@{rng.choice(['126.com', '163.com', slug + '.gov.cn'])}"
    portal_name = f"{city if level == 'city' else area}人民政府门户网站"
    portal = f"http://www.{slug}.gov.cn"
    return Agency(name, kind, level, we, whole, short, office, city, area if level != "city" else "",
                  address, str(code), phone, fax, email, portal, portal_name, lic, pen, approval)


# ---------------------------------------------------------------------------------
# Table labels (domain.md §4 and Appendix A)
# ---------------------------------------------------------------------------------

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
RESULT = "三、本年度办理结果"
T3_GROUPS = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供", "rejected": "（五）不予处理",
             "other": "（六）其他处理"}
T3_LABELS = {
    "new": "一、本年新收政府信息公开申请数量",
    "carried": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld.1": "1.属于国家秘密", "withheld.2": "2.其他法律行政法规禁止公开",
    "withheld.3": "3.危及“三安全一稳定”", "withheld.4": "4.保护第三方合法权益",
    "withheld.5": "5.属于三类内部事务信息", "withheld.6": "6.属于四类过程性信息",
    "withheld.7": "7.属于行政执法案卷", "withheld.8": "8.属于行政查询事项",
    "unavailable.1": "1.本机关不掌握相关政府信息", "unavailable.2": "2.没有现成信息需要另行制作",
    "unavailable.3": "3.补正后申请内容仍不明确",
    "rejected.1": "1.信访举报投诉类申请", "rejected.2": "2.重复申请", "rejected.3": "3.要求提供公开出版物",
    "rejected.4": "4.无正当理由大量反复申请", "rejected.5": "5.要求行政机关确认或重新出具已获取信息",
    "other": "（六）其他处理",
    "other.1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.3": "3.其他",
    "total": "（七）总计",
    "forward": "四、结转下年度继续办理",
}
OUTCOMES_2021 = (["granted", "partial"] + [f"withheld.{i}" for i in range(1, 9)]
                 + [f"unavailable.{i}" for i in range(1, 4)] + [f"rejected.{i}" for i in range(1, 6)]
                 + [f"other.{i}" for i in range(1, 4)])
OUTCOMES_TRIAL = [key for key in OUTCOMES_2021 if not key.startswith("other.")] + ["other"]
# Relative frequency of each outcome (granted, 不掌握 and 其他 dominate in real reports).
OUTCOME_WEIGHTS = {
    "granted": 36, "partial": 7, "withheld.1": 0.2, "withheld.2": 0.5, "withheld.3": 0.3, "withheld.4": 0.8,
    "withheld.5": 1.0, "withheld.6": 1.0, "withheld.7": 0.5, "withheld.8": 3, "unavailable.1": 22,
    "unavailable.2": 2, "unavailable.3": 1.5, "rejected.1": 4, "rejected.2": 2.5, "rejected.3": 0.3,
    "rejected.4": 0.3, "rejected.5": 0.5, "other.1": 4, "other.2": 0.0, "other.3": 6,
}
T4_GROUPS = ["行政复议", "未经复议直接起诉", "复议后起诉"]
T4_COLUMNS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

NOTICE_2021 = "国办公开办函〔2021〕30号"
NOTICE_2019 = "国办公开办函〔2019〕60号"
NOTICE_2021_TITLE = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
NOTICE_2019_TITLE = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
REGULATION = "《中华人民共和国政府信息公开条例》"


# ---------------------------------------------------------------------------------
# Numbers: tables 2, 3 and 4, consistent by construction
# ---------------------------------------------------------------------------------

def spread(rng: random.Random, total: int, weights: dict) -> dict:
    """Split ``total`` items over the keys of ``weights`` (a multinomial draw)."""
    counts = dict.fromkeys(weights, 0)
    keys = [key for key, weight in weights.items() if weight > 0]
    if total and keys:
        for key in rng.choices(keys, [weights[k] for k in keys], k=total):
            counts[key] += 1
    return counts


def make_table3(rng: random.Random, agency: Agency, fmt: str, fee_notices: bool) -> dict:
    """Table 3 as {row key: [6 applicant columns + 总计]}; every identity of §4.5 holds."""
    if agency.kind == "gov":
        scale = {"city": (60, 2500), "county": (5, 600), "town": (0, 8)}[agency.level]
    else:
        scale = (0, 25) if agency.level == "county" else (0, 90)
    handled = 0 if rng.random() < (0.35 if agency.kind == "dept" else 0.05) else rng.randint(*scale)
    applicants = spread(rng, handled, {0: 82, 1: 10, 2: 0.5, 3: 0.5, 4: 4, 5: 3})
    weights = {key: w * rng.uniform(0.5, 1.5) for key, w in OUTCOME_WEIGHTS.items()}
    if fee_notices:
        weights["other.2"] = 1.5
    rows = {key: [0] * 7 for key in T3_LABELS}
    for column in range(6):
        n = applicants[column]
        outcome = spread(rng, n, weights)
        for key, value in outcome.items():
            rows[key][column] = value
        forward = round(n * rng.uniform(0, 0.08)) if n else 0
        carried = min(n + forward, round(n * rng.uniform(0, 0.06)))
        rows["forward"][column] = forward
        rows["carried"][column] = carried
        rows["new"][column] = n + forward - carried
        rows["total"][column] = n
    for key in ("other.1", "other.2", "other.3"):
        for column in range(6):
            rows["other"][column] += rows[key][column]
    for row in rows.values():
        row[6] = sum(row[:6])
    order = ["new", "carried"] + (OUTCOMES_2021 if fmt == "2021" else OUTCOMES_TRIAL) + ["total", "forward"]
    return {key: rows[key] for key in order}


def make_table4(rng: random.Random, table3: dict) -> list:
    """Table 4: 15 numbers, three groups of (维持, 纠正, 其他, 尚未审结, 总计)."""
    applications = table3["new"][6] + table3["carried"][6]
    values = []
    for share in (0.10, 0.03, 0.03):
        if applications == 0:
            count = 1 if rng.random() < 0.03 else 0  # a case left over from an earlier year
        else:
            count = round(applications * rng.uniform(0, share))
        group = spread(rng, count, {0: 55, 1: 12, 2: 20, 3: 13})
        values.extend([group[0], group[1], group[2], group[3], count])
    return values


def make_table2(rng: random.Random, agency: Agency, fmt: str) -> list:
    """Table 2 as a list of blocks (block numeral, column labels, [(row label, cells)])."""
    def scaled(maximum):
        if maximum == 0:
            return 0
        return 0 if rng.random() < 0.25 else rng.randint(0, maximum)

    can_make_rules = agency.kind == "gov" and agency.level == "city"
    normative_max = {"city": 15, "county": 10, "town": 1}[agency.level] if agency.kind == "gov" else 5
    licensing, penalty = scaled(agency.licensing_max), scaled(agency.penalty_max)
    if agency.approval:  # an approval bureau always decides licences (T2-R7)
        licensing = rng.randint(agency.licensing_max // 20, agency.licensing_max)
    enforcement = round(penalty * rng.uniform(0, 0.05))
    if fmt == "2021":
        def made_repealed_in_force(maximum):
            made = rng.randint(0, maximum)
            repealed = rng.randint(0, 3) if rng.random() < 0.4 else 0
            in_force = made + max(0, rng.randint(0, maximum * 6) - repealed)
            return [made, repealed, in_force]
        rules = made_repealed_in_force(3) if can_make_rules else [0, 0, 0]
        normative = made_repealed_in_force(normative_max)
        fee_max = {"city": 100000, "county": 20000, "town": 0}[agency.level] if agency.kind == "gov" else 500
        fee_amount = 0 if rng.random() < 0.5 or not fee_max else round(rng.uniform(0.5, fee_max), rng.choice([1, 2, 4]))
        return [
            ("一", ["本年制发件数", "本年废止件数", "现行有效件数"], [("规章", rules), ("行政规范性文件", normative)]),
            ("五", ["本年处理决定数量"], [("行政许可", [licensing])]),
            ("六", ["本年处理决定数量"], [("行政处罚", [penalty]), ("行政强制", [enforcement])]),
            ("八", ["本年收费金额（单位：万元）"], [("行政事业性收费", [fee_amount])]),
        ]

    def made_published_total(maximum):
        made = rng.randint(0, maximum)
        published = made if rng.random() < 0.8 else rng.randint(0, made)
        return [made, published, published + rng.randint(0, maximum * 5)]

    def last_change_decisions(decisions, items_max):
        last = rng.randint(0, items_max)
        change = rng.randint(-min(last, 10), 20) if last else rng.randint(0, 5)
        return [last, f"+{change}" if change > 0 else str(change), decisions]

    rules = made_published_total(3) if can_make_rules else [0, 0, 0]
    procurement_count = rng.randint(0, 60)
    amount = round(procurement_count * rng.uniform(5, 300), rng.choice([0, 2]))  # 万元
    amount = int(amount) if isinstance(amount, float) and amount.is_integer() else amount
    amount_cell = f"{amount}{rng.choice(['万元', ' 万元', ''])}" if amount else "0"
    fee_last = rng.randint(0, 12)
    return [
        ("一", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("规章", rules), ("规范性文件", made_published_total(normative_max))]),
        ("五", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("行政许可", last_change_decisions(licensing, 300)),
          ("其他对外管理服务事项", last_change_decisions(scaled(agency.licensing_max // 3), 900))]),
        ("六", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("行政处罚", last_change_decisions(penalty, 900)), ("行政强制", last_change_decisions(enforcement, 120))]),
        ("八", ["上一年项目数量", "本年增/减"],
         [("行政事业性收费", [fee_last, rng.choice(["0", "+1", "-1", "0"]) if fee_last else "0"])]),
        ("九", ["采购项目数量", "采购总金额"], [("政府集中采购", [procurement_count, amount_cell])]),
    ]


# ---------------------------------------------------------------------------------
# Prose
# ---------------------------------------------------------------------------------

# Sentence banks.  Placeholders: {we} 我局, {whole} 全局, {short} 市审批服务管理局, {name}, {year},
# {city}, {n1} {n2} {n3} small numbers drawn per sentence, {big} a larger count.
OPENING = [
    "{year}年，{short}坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署，"
    "严格执行《中华人民共和国政府信息公开条例》，围绕中心工作和群众关切，扎实推进政府信息公开工作。",
    "{year}年，{we}认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的各项部署，坚持以公开为常态、不公开为例外，"
    "不断完善公开制度、拓展公开渠道、提升公开质量，政府信息公开工作取得新成效。",
    "{year}年，在{city}政务公开办公室的指导下，{we}紧紧围绕全年重点任务，以提升政务公开质量和实效为目标，"
    "持续深化主动公开，规范依申请公开，加强平台建设和监督保障，各项工作有序推进。",
    "{year}年，{we}把政务公开作为建设法治政府、服务型政府的重要抓手，主要负责同志多次听取政务公开工作汇报，"
    "研究部署重点任务，推动政府信息公开工作制度化、规范化、标准化。",
]
ACTIVE = [
    "全年通过{portal_name}主动公开各类政府信息{big}条，其中政策文件{n1}件、工作动态{n2}条、通知公告{n3}条。",
    "围绕重点领域信息公开，及时发布财政预决算、重大项目建设、公共资源配置、社会公益事业等信息，做到应公开尽公开。",
    "坚持政策文件与解读材料同步起草、同步审签、同步发布，全年发布政策解读{jd}篇，其中图文解读{jd_text}篇、视频解读{jd_video}篇。",
    "通过政务新媒体同步推送政府信息{big}条，回应社会关切{n1}次，努力让群众看得懂、找得到、用得上。",
    "组织召开新闻发布会{n1}场，围绕优化营商环境、民生保障等主题解读政策、回应关切。",
    "全面梳理主动公开基本目录，动态更新机构职能、权责清单、办事指南等基础信息，确保公开内容准确、完整、及时。",
    "扎实做好人大代表建议和政协提案办理结果公开工作，全年公开建议提案办理复文{n1}件。",
    "在门户网站开设专题专栏{n1}个，集中展示重点工作进展和惠企利民政策。",
    "及时公开部门预算、部门决算和“三公”经费情况，预决算公开的及时性、完整性进一步提高。",
    "围绕就业创业、教育医疗、社会救助、养老服务等民生领域，集中发布政策措施和办事指南{n2}条，方便群众查询办理。",
    "严格执行重大行政决策预公开制度，对涉及群众切身利益的重要政策在出台前公开征求意见{n1}次，并公开意见采纳情况。",
    "持续做好“双随机、一公开”监管信息公开，行政检查结果在规定时限内全部向社会公开。",
    "完善政策咨询回应机制，通过政务服务热线、网站互动栏目等渠道答复群众咨询{big}件，答复率100%。",
]
KEY_AREAS = [
    "深化重点领域信息公开。聚焦财政资金、公共资源配置、重大建设项目、公共服务等领域，细化公开内容和标准，按季度更新公开进度。",
    "做好政策文件集中公开。对现行有效的政策文件进行系统梳理，在门户网站政策文件库集中发布，并标注文件有效性。",
    "加强政策解读回应。坚持“谁起草、谁解读”原则，主要负责同志带头解读重要政策，解读材料与政策文件一并报批、同步发布。",
    "规范公开内容审核。严格执行“三审三校”制度，明确信息审核发布流程，确保公开信息合法合规、准确规范。",
]
APPLY_ZERO = [
    "{year}年，{we}未收到政府信息公开申请。",
    "{year}年，{we}未收到任何形式的政府信息公开申请，亦未发生因政府信息公开引起的行政复议和行政诉讼。",
    "本年度{we}未收到政府信息公开申请，依申请公开工作机制保持正常运转。",
]
APPLY_SOME = [
    "{year}年，{we}共收到政府信息公开申请{new}件，其中自然人申请{natural}件、法人或其他组织申请{legal}件；上年结转{carried}件。",
    "{year}年，{we}共收到政府信息公开申请{new}件，均在法定期限内予以答复。",
    "全年共受理政府信息公开申请{new}件，另有上年结转申请{carried}件，本年度办结{total}件，结转下年度继续办理{forward}件。",
]
APPLY_MORE = [
    "进一步规范依申请公开受理、登记、办理、答复、归档等工作流程，实行办理台账管理，确保每件申请有据可查。",
    "加强与申请人的沟通，准确了解申请人的实际诉求，提高答复的针对性和规范性，减少因答复不当引发的行政争议。",
    "定期对申请集中的领域和热点问题进行研判，对具有普遍性的申请内容及时转为主动公开。",
    "严格落实答复文书法制审核制度，答复文书的规范化水平进一步提升。",
]
MANAGE = [
    "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    "对本机关制发的行政规范性文件进行全面清理，经清理，现行有效{in_force}件，本年废止{repealed}件，并在门户网站集中公布清理结果。",
    "规范公文公开属性源头认定，在拟制公文时明确主动公开、依申请公开或不予公开属性，未明确属性的一律不予签发。",
    "建立健全政府信息发布协调机制，对涉及其他机关的政府信息及时沟通确认，确保发布的信息准确一致。",
    "开展已公开政府信息清理行动，累计清理过期、失效信息{n3}条，确保公开信息的时效性和权威性。",
    "健全政府信息公开工作台账，对主动公开、依申请公开、政策解读等工作实行清单化管理，定期分析研判工作进展。",
    "严格规范政府信息发布流程，实行拟稿人初审、科室负责人复审、分管领导终审的三级审核制度，未经审核的信息一律不予发布。",
    "加强个人信息保护，在公开行政处罚决定、政务服务结果等信息时对涉及个人隐私的内容进行去标识化处理。",
]
PLATFORM = [
    "持续加强门户网站政府信息公开专栏建设，优化栏目设置，完善检索功能，提升信息查阅的便捷性。",
    "严格落实政务新媒体管理制度，目前运营政务新媒体账号{n1}个，全年无严重表述错误和泄密情况。",
    "依托政务服务大厅设立政府信息公开查阅点，配备电子显示屏和查阅终端，方便群众现场查阅。",
    "按照政府网站与政务新媒体检查指标，定期开展自查自纠，全年整改错链、断链及不规范表述{n2}处。",
    "进一步发挥政府公报的标准文本作用，全年编印政府公报{n3}期，免费向社会发放。",
    "推进政务公开专区标准化建设，在政务服务中心设置政务公开专区，提供政策咨询、信息查询、办事引导等服务。",
    "加强网站安全防护，落实网站安全管理责任，定期开展安全检测和漏洞排查，全年未发生网络安全事件。",
    "优化政府信息公开平台检索功能，实现政策文件按主题、按机构、按时间分类查询，提升用户体验。",
]
SUPERVISE = [
    "调整充实政务公开工作领导小组，明确分管领导和专职工作人员，形成主要领导亲自抓、分管领导具体抓、业务科室协同配合的工作格局。",
    "组织开展政务公开业务培训{n1}次，参训人员{people}人次，工作人员的业务能力进一步提高。",
    "将政府信息公开工作纳入年度绩效考核，细化考核指标，以考核促落实。",
    "建立健全政务公开监督机制，通过门户网站、服务热线等渠道接受社会监督，对群众反映的问题及时核查整改。",
    "主要负责同志多次在党组会、局务会上研究政务公开工作，将政务公开工作与业务工作同部署、同落实、同检查。",
    "坚持日常检查和专项督查相结合，按季度对政务公开工作开展情况进行督查，发现问题及时督促整改。",
    "制定年度政务公开工作任务分解表，明确责任科室和完成时限，确保各项任务落实到位。",
]
INNOVATION = [
    "{year}年，{we}探索开展政府开放日活动，邀请群众代表、企业代表走进机关，现场了解政务服务流程，听取意见建议{n1}条。",
    "{year}年，{we}创新推出“政策直通车”服务，将惠企政策精准推送至企业{big}家次，推动政策红利直达快享。",
    "{year}年，{we}在政务新媒体开设“政策一点通”栏目，以问答形式解读群众关心的热点问题，累计发布{n3}期。",
]
GOV_SUPERVISE = [
    "将政务公开工作纳入{whole}高质量发展综合考核，占考核总分的{pct}%，工作考核结果已向社会公开。",
    "开展社会评议活动，邀请人大代表、政协委员、企业和群众代表{n1}名对政务公开工作进行评议，总体满意度较高。",
    "严格执行政务公开责任追究制度，本年度未发生因政府信息公开工作不到位而被责任追究的情况。",
]
PROBLEMS = [
    "政策解读的形式还不够丰富，解读的针对性和可读性有待增强",
    "主动公开的深度和广度与群众的期待相比还有差距",
    "依申请公开答复的规范化水平还需进一步提升",
    "政务公开工作人员多为兼职，业务能力有待提高",
    "政务新媒体互动回应不够及时，运维管理有待加强",
    "基层政务公开标准化规范化建设还不够平衡",
]
MEASURES = [
    "丰富政策解读形式，更多运用图表图解、短视频等群众喜闻乐见的方式解读政策，提高政策知晓度",
    "聚焦群众关切，加大重点领域信息公开力度，推动公开内容向纵深拓展",
    "严格规范依申请公开办理程序，加强答复文书审核把关，提升依法答复水平",
    "定期组织业务培训和经验交流，建设一支业务精、作风实的政务公开工作队伍",
    "加强政务新媒体管理，完善留言办理和回应机制，及时回应社会关切",
    "加强对基层政务公开工作的指导和检查，推动标准化规范化建设走深走实",
]
KEYPOINTS = [
    "{we}认真落实{year}年政务公开工作要点，围绕稳增长、优化营商环境、民生保障等重点领域加大公开力度，各项任务均已按期完成。",
    "对照上级年度政务公开工作要点，{we}逐项细化任务、明确责任科室和完成时限，全年各项重点任务落实到位。",
]
PROPOSALS = [
    "{year}年，{we}共承办人大代表建议{n1}件、政协提案{n2}件，均已按期办结，办理复文已在门户网站公开。",
    "本年度{we}无承办的人大代表建议和政协提案。",
]
FEE_NONE = [
    "{year}年，{we}未收取政府信息公开信息处理费。",
    "本年度{we}依据《政府信息公开信息处理费管理办法》规定，未收取信息处理费。",
    "{we}{year}年未收取信息处理费。",
]
FEE_SOME = [
    "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定，{we}{year}年共向申请人发出收费通知{n1}件，收取信息处理费{fee}元。",
    "{year}年，{we}严格落实《政府信息公开信息处理费管理办法》，全年收取信息处理费{fee}元。",
]


@dataclass
class Block:
    kind: str            # title, byline, heading, sub, para, t2, t3, t4, sign
    text: str = ""
    data: object = None
    section: int = 0     # the mandated section (1–6) a block belongs to; 0 = front matter


@dataclass
class Report:
    index: int
    agency: Agency
    year: int
    fmt: str             # "2008", "2019-trial" or "2021"
    layout: str          # "tab", "space" or "pipe"
    table2: list = field(default_factory=list)
    table3: dict = field(default_factory=dict)
    table4: list = field(default_factory=list)
    fee_yuan: int = 0
    blocks: list = field(default_factory=list)
    defect: str | None = None
    expect: list = field(default_factory=list)


def fill(rng: random.Random, template: str, report: Report, **extra) -> str:
    agency = report.agency
    values = {
        "we": agency.we, "whole": agency.whole, "short": agency.short, "name": agency.name,
        "year": report.year, "city": agency.city, "portal_name": agency.portal_name,
        "n1": rng.randint(1, 30), "n2": rng.randint(1, 20), "n3": rng.randint(2, 60),
        "big": rng.randint(60, 4000), "pct": rng.choice([2, 3, 4, 5]), "people": rng.randint(20, 400),
        "jd_text": rng.randint(1, 15), "jd_video": rng.randint(0, 6),
    }
    values["jd"] = values["jd_text"] + values["jd_video"] + rng.randint(1, 10)  # parts add up
    values.update(extra)
    return template.format(**values)


def paragraph(rng: random.Random, bank: list, report: Report, count: int, **extra) -> str:
    return "".join(fill(rng, template, report, **extra) for template in rng.sample(bank, min(count, len(bank))))


def enumerate_points(points: list) -> str:
    """一是…；二是…。  (points are phrases without final punctuation)"""
    return "；".join(f"{ORDINALS[i]}是{point}" for i, point in enumerate(points)) + "。"


def enumerate_sentences(points: list) -> str:
    """一是…。二是…。  (points are whole sentences)"""
    return "".join(f"{ORDINALS[i]}是{point}" for i, point in enumerate(points))


def application_facts(report: Report) -> dict:
    t3 = report.table3
    new, carried = t3["new"], t3["carried"]
    return {"new": new[-1], "natural": new[0], "legal": sum(new[1:6]), "carried": carried[-1],
            "total": t3["total"][-1], "forward": t3["forward"][-1]}


# ---------------------------------------------------------------------------------
# Building a report as a list of blocks
# ---------------------------------------------------------------------------------

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
OVERVIEW_SUBS = {
    "情况": ["主动公开情况", "依申请公开情况", "政府信息管理情况", "政府信息公开平台建设情况", "监督保障情况"],
    "方面": ["主动公开方面", "依申请公开方面", "政府信息管理方面", "公开平台建设方面", "监督保障方面"],
}
ORDINALS = "一二三四五六七八九"


def preamble(rng: random.Random, report: Report, parts: dict) -> list:
    """The preamble paragraphs; ``parts`` says which customary elements to write."""
    agency, year = report.agency, report.year
    # Benign quirks of real reports (INFO at most): ASCII <> for the inner title marks (seed 004),
    # only the format's title and no notice number (seed 003).
    notice_title = NOTICE_2021_TITLE.replace("〈", "<").replace("〉", ">") if rng.random() < 0.1 else NOTICE_2021_TITLE
    if report.fmt == "2021":
        notice = parts.get("notice", NOTICE_2021)
        basis = rng.choice([
            f"根据{REGULATION}（以下简称《条例》）和{notice_title}（{notice}）要求，{agency.office}编制了本报告。",
            f"依据{REGULATION}和《中华人民共和国政府信息公开工作年度报告格式》（{notice}）规定，编制本报告。",
            f"根据{REGULATION}（以下简称《条例》）规定和{notice_title}（{notice}）要求，"
            f"现发布《{agency.name}{year}年政府信息公开工作年度报告》。",
        ])
    elif report.fmt == "2019-trial":
        notice = parts.get("notice", NOTICE_2019)
        basis = rng.choice([
            f"根据{REGULATION}（以下简称《条例》）和{NOTICE_2019_TITLE}（{notice}）要求，{agency.office}编制了本报告。",
            f"根据{REGULATION}（以下简称《条例》）规定，按照{NOTICE_2019_TITLE}（{notice}）要求，编制本报告。",
        ])
        if "notice" not in parts and rng.random() < 0.25:
            basis = f"根据{REGULATION}（以下简称《条例》）规定，按照《中华人民共和国政府信息公开工作年度报告格式（试行）》要求，编制本报告。"
    else:
        basis = rng.choice([
            f"根据{REGULATION}（以下简称《条例》）规定，{agency.office}编制了{agency.name}{year}年政府信息公开工作年度报告。",
            f"本报告依据{REGULATION}要求，由{agency.office}根据本单位政府信息公开工作情况编制。",
        ])
    sentences = [basis]
    if report.fmt != "2008" and rng.random() < 0.5:
        sentences.append("全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                         "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。")
    if parts.get("period", True):
        period_year = parts.get("period_year", year)
        sentences.append(rng.choice([
            f"本报告所列数据统计期限为{period_year}年1月1日至12月31日。",
            f"本报告中所列数据统计期限自{period_year}年1月1日起至{period_year}年12月31日止。",
            f"报告所列统计期限自{period_year}年1月1日至{period_year}年12月31日。",
        ]))
    if rng.random() < 0.7:
        sentences.append(f"本年度报告电子版可在{agency.portal_name}（{agency.portal}）查阅或下载。")
    paragraphs = ["".join(sentences)]
    if parts.get("contact", True):
        items = [f"地址：{agency.address}", f"邮编：{agency.postcode}", f"电话：{agency.phone}"]
        if rng.random() < 0.5:
            items.append(f"传真：{agency.fax}")
        if rng.random() < 0.8:
            items.append(f"电子邮箱：{agency.email}")
        sep = rng.choice(["；", "，"])
        paragraphs.append(f"如对本报告有疑问，请与{agency.office}联系（{sep.join(items)}）。")
    if len(paragraphs) == 2 and rng.random() < 0.5:
        paragraphs = ["".join(paragraphs)]  # seeds 000/001: one long preamble paragraph
    return paragraphs


def overview(rng: random.Random, report: Report, verbosity: int) -> list:
    """Section 一: an opening paragraph and the five aspects (domain.md §3.2)."""
    agency = report.agency
    facts = application_facts(report)
    style = rng.choice(["情况", "情况", "方面"])
    inline = rng.random() < 0.4  # （一）主动公开方面。text… on one line, as in seed 003
    blocks = [Block("para", paragraph(rng, OPENING, report, 1), section=1)]
    supervise = rng.sample(SUPERVISE, 2)
    if agency.kind == "gov":
        supervise += GOV_SUPERVISE  # 工作考核, 社会评议, 责任追究
    if facts["new"] == 0 and facts["carried"] == 0:
        sentence = rng.choice(APPLY_ZERO)
        if any(report.table4) and "行政复议" in sentence:
            sentence = APPLY_ZERO[0]  # a case left over from an earlier year: not "未发生…行政复议" (GL405)
        apply_text = fill(rng, sentence, report)
    else:
        apply_text = fill(rng, rng.choice(APPLY_SOME), report, **facts)
    apply_text += paragraph(rng, APPLY_MORE, report, verbosity)
    review = report.table4
    if review[4] or review[9] or review[14]:
        apply_text += (f"全年发生政府信息公开行政复议{review[4]}件、行政诉讼{review[9] + review[14]}件，"
                       f"已依法积极应诉，做好相关工作。")
    # The clean-up sentence quotes table 2 (一) so that prose and table agree.
    normative = report.table2[0][2][1][1] if report.table2 else [0, 0, 0]
    in_force, repealed = (normative[2], normative[1]) if report.fmt == "2021" else (normative[2], 0)
    platform = paragraph(rng, PLATFORM, report, verbosity)
    if rng.random() < 0.08:  # “截至目前” instead of a year-end date (seed 004 l.13): INFO
        platform += f"截至目前，{agency.we}在运维政务新媒体账号{rng.randint(1, 12)}个，均已纳入统一监管。"
    bodies = [
        [paragraph(rng, ACTIVE, report, 1 + verbosity)],
        [apply_text],
        [paragraph(rng, MANAGE, report, verbosity, in_force=in_force, repealed=repealed)],
        [platform],
        ["".join(fill(rng, t, report) for t in supervise)],
    ]
    if verbosity >= 3:
        bodies[0].append(enumerate_sentences(rng.sample(KEY_AREAS, verbosity - 1)))
    if verbosity >= 2 and rng.random() < 0.5:
        # 1.领导高度重视… 2.… : one numbered paragraph per point
        points = [fill(rng, t, report) for t in supervise] + [fill(rng, t, report) for t in rng.sample(SUPERVISE, 2)]
        bodies[4] = [f"{i}.{point}" for i, point in enumerate(dict.fromkeys(points), 1)]
    for number, (sub, body) in enumerate(zip(OVERVIEW_SUBS[style], bodies)):
        label = f"（{ORDINALS[number]}）{sub}"
        if inline and not body[0][0].isdigit():
            blocks.append(Block("para", f"{label}。{body[0]}", section=1))
        else:
            blocks.append(Block("sub", label, section=1))
            blocks.append(Block("para", body[0], section=1))
        blocks += [Block("para", text, section=1) for text in body[1:]]
    return blocks


def problems(rng: random.Random, report: Report) -> list:
    count = rng.randint(2, 3)
    found = enumerate_points(rng.sample(PROBLEMS, count))
    fixes = enumerate_points(rng.sample(MEASURES, count + rng.randint(0, 1)))
    if rng.random() < 0.5:
        return [Block("sub", "（一）存在的主要问题", section=5),
                Block("para", f"{report.year}年，{report.agency.we}政府信息公开工作取得了一定成效，但仍存在一些不足：{found}",
                      section=5),
                Block("sub", "（二）改进措施", section=5),
                Block("para", f"针对上述问题，下一步{report.agency.we}将重点做好以下工作：{fixes}", section=5)]
    return [Block("para", f"{report.agency.we}政府信息公开工作虽然取得了一定成效，但对照上级要求和群众期待仍有差距：{found}"
                          f"针对存在的问题，{report.agency.we}将采取以下措施加以改进：{fixes}", section=5)]


def other_matters(rng: random.Random, report: Report, fee_statement: bool) -> list:
    if report.fmt == "2019-trial":
        if rng.random() < 0.5:
            return [Block("para", rng.choice(["无其他需要报告的事项。", "本年度无其他需要报告的事项。"]), section=6)]
        return [Block("para", fill(rng, rng.choice(KEYPOINTS), report), section=6)]
    blocks = [Block("sub", "（一）落实上级年度政务公开工作要点情况", section=6),
              Block("para", fill(rng, rng.choice(KEYPOINTS), report), section=6)]
    number = 1
    if rng.random() < 0.5:
        number += 1
        blocks += [Block("sub", f"（{ORDINALS[number - 1]}）人大代表建议和政协提案办理结果公开情况", section=6),
                   Block("para", fill(rng, rng.choice(PROPOSALS), report), section=6)]
    if rng.random() < 0.4:
        number += 1
        blocks += [Block("sub", f"（{ORDINALS[number - 1]}）政务公开工作创新情况", section=6),
                   Block("para", fill(rng, rng.choice(INNOVATION), report), section=6)]
    if fee_statement:
        number += 1
        if report.fee_yuan:
            text = fill(rng, rng.choice(FEE_SOME), report, fee=report.fee_yuan,
                        n1=max(1, report.table3.get("other.2", [0])[-1]))  # old_table merges the row away
        else:
            text = fill(rng, rng.choice(FEE_NONE), report)
        blocks += [Block("sub", f"（{ORDINALS[number - 1]}）收取信息处理费情况", section=6),
                   Block("para", text, section=6)]
    return blocks


def build_blocks(rng: random.Random, report: Report, parts: dict) -> list:
    agency, year = report.agency, report.year
    # Government reports cover a whole area and run longer than a department's.
    verbosity = rng.choice([3, 4, 5] if agency.kind == "gov" and agency.level != "town" else [1, 2, 2, 3, 3, 4])
    blocks = [Block("title", f"{agency.name}{year}年政府信息公开工作年度报告")]
    if report.layout == "pipe" and rng.random() < 0.7:
        blocks.append(Block("byline", agency.name))
        blocks.append(Block("byline", f"({year + 1}年{rng.randint(1, 3)}月{rng.randint(5, 28)}日)"))
    blocks += [Block("para", text) for text in preamble(rng, report, parts)]
    if report.fmt == "2008":
        return blocks + regime_2008(rng, report, verbosity, parts)
    blocks.append(Block("heading", HEADINGS[0], section=1))
    blocks += overview(rng, report, verbosity)
    blocks.append(Block("heading", parts.get("heading2", HEADINGS[1]), section=2))
    blocks.append(Block("t2", data=report.table2, section=2))
    blocks.append(Block("heading", HEADINGS[2], section=3))
    blocks.append(Block("t3", data=report.table3, section=3))
    blocks.append(Block("heading", HEADINGS[3], section=4))
    blocks.append(Block("t4", data=report.table4, section=4))
    heading5 = "五、政府信息公开工作存在的主要问题及改进情况" if rng.random() < 0.1 else HEADINGS[4]  # a known variant
    blocks.append(Block("heading", parts.get("heading5", heading5), section=5))
    blocks += problems(rng, report)
    blocks.append(Block("heading", HEADINGS[5], section=6))
    blocks += other_matters(rng, report, parts.get("fee", True))
    if rng.random() < 0.3:
        blocks.append(Block("sign", agency.name))
        month = rng.randint(1, 3)
        if agency.kind != "gov":
            month = 1  # 条例 第四十九条: departments publish by 31 January (GL505)
        blocks.append(Block("sign", f"{year + 1}年{month}月{rng.randint(5, 28)}日"))
    return blocks


def regime_2008(rng: random.Random, report: Report, verbosity: int, parts: dict) -> list:
    """A ≤2018 report: no tables; the six content items of 2008 条例 第三十二条 (domain.md §2.3)."""
    facts = application_facts(report)
    we = report.agency.we
    verbosity += 1
    sections = [("一、概述", paragraph(rng, OPENING, report, 1) + paragraph(rng, SUPERVISE, report, 1 + verbosity)),
                ("二、主动公开政府信息情况", paragraph(rng, ACTIVE, report, 2 + verbosity)
                 + paragraph(rng, MANAGE, report, verbosity, in_force=rng.randint(0, 40), repealed=rng.randint(0, 3))
                 + paragraph(rng, PLATFORM, report, verbosity))]
    if rng.random() < 0.6:  # seed 001: a section on key areas before the statistics
        sections.insert(1, ("二、推进重点领域信息公开情况", enumerate_sentences(rng.sample(KEY_AREAS, 3))))
        sections[2] = ("三、政府信息主动公开情况", sections[2][1])
    if facts["new"]:
        applied = (f"{report.year}年，{we}共收到政府信息公开申请{facts['new']}件，已全部按期答复，"
                   f"其中同意公开{report.table3['granted'][6]}件。")
    else:
        applied = f"{report.year}年，{we}未收到政府信息公开申请。"
    sections.append((f"{ORDINALS[len(sections)]}、依申请公开政府信息和不予公开政府信息情况",
                     applied + "本年度无不予公开政府信息的情况。" + paragraph(rng, APPLY_MORE, report, 2)))
    if parts.get("fee", True):
        sections.append((f"{ORDINALS[len(sections)]}、政府信息公开的收费及减免情况", f"{report.year}年，{we}在政府信息公开工作中未收取任何费用，无减免情况。"))
    sections.append((f"{ORDINALS[len(sections)]}、因政府信息公开申请行政复议、提起行政诉讼的情况",
                     f"{report.year}年，{we}未发生因政府信息公开申请行政复议、提起行政诉讼的情况。"))
    sections.append((f"{ORDINALS[len(sections)]}、政府信息公开工作存在的主要问题及改进措施",
                     f"{we}政府信息公开工作仍存在一些不足：{enumerate_points(rng.sample(PROBLEMS, 2))}"
                     f"下一步，{we}将{enumerate_points(rng.sample(MEASURES, 2))}"))
    sections.append((f"{ORDINALS[len(sections)]}、其他需要报告的事项",
                     rng.choice(["无其他需要报告的事项。", fill(rng, rng.choice(PROPOSALS), report)])))
    blocks = []
    for heading, body in sections:
        blocks.append(Block("heading", heading))
        blocks.append(Block("para", body))
    return blocks


# ---------------------------------------------------------------------------------
# Defects: at most one per report, with the rule codes expected to catch it
# ---------------------------------------------------------------------------------

def _bump(row: list, column: int, delta: int) -> None:
    row[column] += delta


def defect_t3_row_total(rng, report):
    row = rng.choice(["new", "granted", "unavailable.1", "total"])
    _bump(report.table3[row], 6, rng.choice([1, 2, 10]))
    return ["GL303"]


def defect_t3_column_balance(rng, report):
    # 结转下年度 grows in one applicant column and in 总计: rows still add up, T3-R1 does not.
    column = 0
    _bump(report.table3["forward"], column, 1)
    _bump(report.table3["forward"], 6, 1)
    return ["GL304"]


def defect_t3_outcome_total(rng, report):
    # （一）予以公开 grows by one, （七）总计 does not: T3-R3 breaks, rows still add up.
    _bump(report.table3["granted"], 0, 1)
    _bump(report.table3["granted"], 6, 1)
    return ["GL305"]


def defect_t4_total(rng, report):
    group = rng.randrange(3)
    report.table4[group * 5 + 4] += rng.choice([1, 2])
    return ["GL303"]


def defect_blank_cell(rng, report):
    row = rng.choice(["carried", "partial", "withheld.4", "rejected.2", "forward"])
    report.table3[row][rng.randrange(1, 6)] = None  # an empty cell
    return ["GL306"]


def defect_text_cell(rng, report):
    row = rng.choice(["withheld.1", "unavailable.3", "rejected.3"])
    column = rng.randrange(0, 6)
    report.table3[row][column] = rng.choice(["—", "无", "/"])
    # GL306 is the natural code; the linter reads a word before the first number (column 自然人,
    # or any column in a space-separated row) as part of the label and reports the row width instead.
    return ["GL306", "GL307"] if report.layout == "space" or column == 0 else ["GL306"]


def defect_extra_cell(rng, report):
    row = rng.choice(["partial", "withheld.2", "rejected.1", "total"])
    report.table3[row] = report.table3[row][:3] + [0] + report.table3[row][3:]  # 8 numbers (seed 003)
    return ["GL307"]


def defect_zero_table(rng, report):
    t3 = report.table3
    for row in t3.values():
        row[:] = [0] * 7
    t3["unavailable.1"][0] = t3["unavailable.1"][6] = 1  # an outcome without any application
    return ["GL309", "GL304", "GL305"]


def defect_old_table(rng, report):
    # A 2021+ report filled in on the 试行 table 3 (one （六）其他处理 row).
    t3 = report.table3
    merged = [sum(t3[f"other.{i}"][c] for i in (1, 2, 3)) for c in range(7)]
    rows = {}
    for key, row in t3.items():
        if key == "other.1":
            rows["other"] = merged
        elif not key.startswith("other."):
            rows[key] = row
    report.table3 = rows
    return ["GL302"]


DEFECTS_TABLES = {
    "t3_row_total": defect_t3_row_total, "t3_column_balance": defect_t3_column_balance,
    "t3_outcome_total": defect_t3_outcome_total, "t4_total": defect_t4_total, "blank_cell": defect_blank_cell,
    "text_cell": defect_text_cell, "extra_cell": defect_extra_cell, "zero_table": defect_zero_table,
    "old_table": defect_old_table,
}
# Defects applied while building the text: name → (parts override, expected codes).
DEFECTS_TEXT = {
    "no_contact": ({"contact": False}, ["GL501"]),
    "no_period": ({"period": False}, ["GL503"]),
    "period_year": ({"period_year": None}, ["GL404"]),       # the year is filled in below
    "old_notice": ({"notice": NOTICE_2019}, ["GL201"]),       # 2021 format only
    "new_notice_in_trial": ({"notice": NOTICE_2021}, ["GL201"]),  # 试行 format only
    "wrong_issuer": ({"notice": None}, ["GL204"]),
    "no_fee_statement": ({"fee": False}, ["GL601"]),          # 2021 format; GL102 for 2008
    "heading_variant": ({"heading5": "五、存在问题和整改措施"}, ["GL104"]),
}
DEFECTS_BLOCKS = ["missing_heading", "swapped_sections", "missing_table4", "claim_mismatch"]


def choose_defect(rng: random.Random, report: Report) -> str:
    if report.fmt == "2008":
        return rng.choice(["no_contact", "no_period", "period_year", "no_fee_statement"])
    names = list(DEFECTS_TABLES) + list(DEFECTS_TEXT) + DEFECTS_BLOCKS
    names.remove("new_notice_in_trial" if report.fmt == "2021" else "old_notice")
    if report.fmt != "2021":
        names.remove("old_table")
        names.remove("no_fee_statement")
    if report.layout == "space":
        names.remove("blank_cell")  # a blank cell cannot be seen between spaces
    if report.table3["new"][6] == 0:
        names.remove("claim_mismatch")
    return rng.choice(names)


def apply_block_defect(rng: random.Random, report: Report, name: str) -> list:
    blocks = report.blocks
    if name == "missing_heading":
        section = rng.choice([1, 2, 3, 6])
        report.blocks = [b for b in blocks if not (b.kind == "heading" and b.section == section)]
        return ["GL102"]
    if name == "swapped_sections":
        five = [b for b in blocks if b.section == 5]
        six = [b for b in blocks if b.section == 6]
        start = blocks.index(five[0])
        tail = blocks[start + len(five) + len(six):]
        report.blocks = blocks[:start] + six + five + tail
        return ["GL103"]
    if name == "missing_table4":
        report.blocks = [b for b in blocks if b.kind != "t4"]
        return ["GL301"]
    if name == "claim_mismatch":
        new, carried = report.table3["new"][6], report.table3["carried"][6]
        # Not new + carried either: a count that includes carried-over applications is right.
        wrong = rng.choice([new + k for k in (2, 3, 5, 11) if k != carried])
        paragraphs = [b for b in blocks if b.kind == "para" and b.section == 1]
        for block in paragraphs:
            text, found = re.subn(r"((?:收到|受理)政府信息公开申请)\d+件", rf"\g<1>{wrong}件", block.text, count=1)
            if found:
                block.text = text
                break
        else:  # no count in the text: add one
            paragraphs[-1].text += f"全年共收到政府信息公开申请{wrong}件。"
        return ["GL401"]
    raise ValueError(name)


# ---------------------------------------------------------------------------------
# Layouts: blocks → text, the way different extraction tools write it
# ---------------------------------------------------------------------------------

_ASCII_RUN = re.compile(r"[A-Za-z0-9.@:/_\-+%]")
_LINE_START_BAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.]|[（(][一二三四五六七八九十]{1,3}[）)]|\d+[.、．])")
_NO_LINE_START = "，。、；：？！）》”’"


def pdf_spaces(text: str) -> str:
    """PDF extraction puts spaces between CJK and digits: ``2024 年``, ``共 12 件``."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])(\d+(?:\.\d+)?)", r" \1", text)  # none after punctuation (seeds)
    return re.sub(r"(\d)(?=[\u4e00-\u9fff])", r"\1 ", text)


def _cells_width(text: str) -> int:
    return sum(1 if ord(char) < 0x2E80 else 2 for char in text)


def hard_wrap(text: str, width: int) -> list:
    """Cut a paragraph into lines ``width`` CJK characters wide (ASCII counts half), as a PDF page does.

    Like a typesetter, it keeps ASCII runs (numbers, URLs) whole and never starts
    a line with closing punctuation; it also avoids starting a line with what
    would look like a heading (一、 （二） 3.), which a real page could do but
    which would change the meaning of a clean report.
    """
    lines = []
    start = 0
    while _cells_width(text[start:]) > 2 * width:
        cut = start
        used = 0
        while used + _cells_width(text[cut]) <= 2 * width:
            used += _cells_width(text[cut])
            cut += 1
        full = cut
        while cut > start + 1 and _ASCII_RUN.match(text[cut - 1]) and _ASCII_RUN.match(text[cut]):
            cut -= 1  # do not split 3119 or an e-mail address
        if cut <= start + width // 2:  # a long URL: let the line overflow instead
            cut = full
            while cut < len(text) and _ASCII_RUN.match(text[cut]):
                cut += 1
        while cut < len(text) and text[cut] in _NO_LINE_START:
            cut += 1
        while cut > start + width // 2 and _LINE_START_BAD.match(text[cut:].lstrip()):
            cut -= 1
        lines.append(text[start:cut].rstrip())
        start = cut
        while start < len(text) and text[start] == " ":
            start += 1
    if start < len(text):
        tail = text[start:]
        if re.fullmatch(r"[\d\s]+", tail) and lines:  # a lone number would read as a page number
            lines[-1] += tail
        else:
            lines.append(tail)
    return lines


def cell(value) -> str:
    return "" if value is None else str(value)


def halfwidth_labels(text: str) -> str:
    """(一) 予以公开 — the halfwidth, spaced labels of seeds 003/004."""
    return (text.replace("（", "(").replace("）", ") ").replace("，", ", ").replace(") ）", ")").strip())


class Renderer:
    """Base: shared walking of the blocks.  Subclasses write the lines."""

    def __init__(self, rng: random.Random, report: Report):
        self.rng = rng
        self.report = report
        self.lines: list[str] = []

    def render(self) -> str:
        for block in self.report.blocks:
            getattr(self, f"do_{block.kind}")(block)
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def do_byline(self, block):
        self.lines.append(block.text)

    def do_sign(self, block):
        self.lines.append(block.text)


class TabRenderer(Renderer):
    """Seeds 000/003/004: blank lines between paragraphs, tab-separated table cells."""

    def __init__(self, rng, report):
        super().__init__(rng, report)
        self.spaces = rng.random() < 0.5          # "2021 年" artefacts
        self.halfwidth = rng.random() < 0.5       # (一) 予以公开 in table 3 labels
        self.quirky = rng.random() < 0.35         # seed 000: split note, dash rule, shifted label
        self.lines = ["", ""]

    def prose(self, text):
        text = pdf_spaces(text) if self.spaces else text
        if self.rng.random() < 0.15:
            text = re.sub(r"(?<=[。；：])([一二三四五]是)", r"**\1**", text, count=2)  # markdown residue
        if len(text) > 160 and self.rng.random() < 0.2:
            cut = self.rng.randint(60, len(text) - 40)  # a page break inside the paragraph
            while cut < len(text) and (text[cut] in _NO_LINE_START or _ASCII_RUN.match(text[cut])):
                cut += 1
            self.lines += [text[:cut], "", text[cut:], ""]
        else:
            self.lines += [text, ""]

    def do_title(self, block):
        agency, title = self.report.agency.name, block.text
        year_part = title[len(agency):]
        if self.spaces:
            year_part = year_part.replace("年", " 年", 1)
        if self.rng.random() < 0.5:
            self.lines += [agency, "", year_part, ""]
        else:
            self.lines += [f"{agency} {year_part}", ""]

    def do_heading(self, block):
        text = block.text
        if block.section == 2 and self.rng.random() < 0.1:
            text += "。"  # seed 000 line 49
        self.lines += [text, ""]

    def do_sub(self, block):
        self.lines += [block.text, ""]

    def do_para(self, block):
        self.prose(block.text)

    def do_t2(self, block):
        for numeral, columns, rows in block.data:
            self.lines.append(f"第二十条第（{numeral}）项\t\t\t")
            head = ["信息内容"] + columns
            self.lines.append("\t".join(head + [""] * (4 - len(head))))
            for label, values in rows:
                cells = [cell(v) for v in values]
                self.lines.append("\t".join([label] + cells + [""] * (3 - len(cells))))
        self.lines.append("")

    def t3_label(self, key):
        label = T3_LABELS[key]
        return halfwidth_labels(label) if self.halfwidth else label

    def do_t3(self, block):
        t3 = block.data
        if self.quirky:
            cut = NOTE.index("项加第四")
            self.lines += [NOTE[:cut] + "\t申请人情况", "----------------------------\t-------", "",
                           NOTE[cut:] + "\t\t自然人\t法人或其他组织\t\t\t\t\t总计\t",
                           "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t"]
        else:
            note = halfwidth_labels(NOTE).replace(", ", "，") if self.halfwidth else NOTE
            self.lines += [f"{note}\t\t申请人情况\t\t\t\t\t\t总计\t",
                           "\t\t自然人\t法人或其他组织\t\t\t\t\t\t",
                           "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t"]
        previous_group = None
        first_outcome = True
        shifted = False
        for key, values in t3.items():
            cells = "\t".join(cell(v) for v in values)
            group = key.split(".")[0] if "." in key else None
            if key in ("new", "carried", "forward"):
                self.lines.append(f"{self.t3_label(key)}\t\t{cells}\t")
                continue
            lead = (halfwidth_labels(RESULT) if self.halfwidth else RESULT) if first_outcome else ""
            first_outcome = False
            if group is None:
                self.lines.append(f"{lead}\t{self.t3_label(key)}\t{cells}\t")
            elif group != previous_group:
                head = halfwidth_labels(T3_GROUPS[group]) if self.halfwidth else T3_GROUPS[group]
                self.lines.append(f"{lead}\t{head}\t{self.t3_label(key)}\t{cells}")
            elif self.quirky and not shifted and key in ("rejected.3", "other.3"):
                # The row label moved into column 0 (seed 000 l.90, seed 004 l.69).
                self.lines.append(f"{self.t3_label(key)}\t\t{cells}\t")
                shifted = True
            else:
                self.lines.append(f"\t\t{self.t3_label(key)}\t{cells}")
            previous_group = group
        self.lines.append("")

    def do_t4(self, block):
        head = "\t".join(c.replace("结果", "结果 ").replace("尚未", "尚未 ").replace("其他", "其他 ").strip()
                         if c != "总计" else c for c in T4_COLUMNS)
        self.lines += ["行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
                       f"{head}\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
                       f"\t\t\t\t\t{head}\t{head}",
                       "\t".join(str(v) for v in block.data), ""]


class SpaceRenderer(Renderer):
    """corpus/2024_huaian_shi.txt: hard-wrapped prose, page marks, space-separated cells."""

    def __init__(self, rng, report):
        super().__init__(rng, report)
        self.width = rng.randint(27, 33)
        self.page_every = rng.randint(36, 44)
        self.numbers_first = rng.random() < 0.4  # hongzequ: some rows print their numbers first

    def render(self) -> str:
        text = super().render()
        lines = text.split("\n")
        out = []
        page = 1
        for number, line in enumerate(lines, 1):
            out.append(line)
            if number % self.page_every == 0:
                out.append(f"- {page} -")
                page += 1
        return "\n".join(out)

    def prose(self, text):
        self.lines += hard_wrap(pdf_spaces(text), self.width)

    def do_title(self, block):
        agency = self.report.agency.name
        self.lines += [agency, f"{self.report.year} 年政府信息公开工作年度报告"]

    def do_heading(self, block):
        self.lines.append(block.text)

    def do_sub(self, block):
        self.lines.append(block.text)

    def do_para(self, block):
        self.prose(block.text)

    def do_t2(self, block):
        for numeral, columns, rows in block.data:
            self.lines.append(f"第二十条 第（{numeral}）项")
            self.lines.append(" ".join(["信息内容"] + columns))
            for label, values in rows:
                self.lines.append(" ".join([label] + [cell(v) for v in values]))

    # Long labels wrap over three lines with the numbers on the middle one (huaian l.70-72, l.101-108).
    WRAPPED = {
        "partial": ["（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）"],
        "rejected.5": ["5.要求行政机关确认或重新出", "具已获取信息"],
        "other.1": ["1、申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请"],
        "other.2": ["2、申请人逾期未按收费通知要", "求缴纳费用、行政机关不再处理", "其政府信息公开申请"],
    }

    def do_t3(self, block):
        t3 = block.data
        rng = self.rng
        self.lines += ["申请人情况", "（本列数据的勾稽关系为：第一项加第二项之和， 法人或其他组织",
                       "等于第三项加第四项之和）", "自然人 总计", "商业企 科研机 社会公益 法律服务", "其他",
                       "业 构 组织 机构"]
        outcome_keys = [key for key in t3 if key not in ("new", "carried", "total", "forward")]
        # 三、本年度办理结果 is written one or two characters per line down the left margin.
        vertical = ["三、", "本", "年", "度", "办", "理", "结", "果"]
        slots = sorted(rng.sample(range(2, 15), len(vertical)))
        marks = dict(zip(slots, vertical))
        position = 0
        group_sizes = {}
        for key in outcome_keys:
            if "." in key:
                group_sizes[key.split(".")[0]] = group_sizes.get(key.split(".")[0], 0) + 1
        seen = {}
        for key, values in t3.items():
            numbers = " ".join(cell(v) for v in values)
            label = T3_LABELS[key]
            group = key.split(".")[0] if "." in key else None
            lines = []
            if key in self.WRAPPED:
                pieces = self.WRAPPED[key]
                lines = [pieces[0], f"{pieces[1]} {numbers}"] + pieces[2:] if len(pieces) == 3 else \
                        [pieces[0], numbers, pieces[1]]
            elif self.numbers_first and group and rng.random() < 0.25:
                lines = [numbers, label]  # hongzequ: the numbers print before their label
            else:
                lines = [f"{label} {numbers}"]
            if group:
                seen[group] = seen.get(group, 0) + 1
                middle = (group_sizes[group] + 1) // 2
                head = T3_GROUPS[group]
                if seen[group] == middle:
                    # The group label wraps too: （三）不 on the row line, 予公开 after it.
                    if key in self.WRAPPED:
                        lines.insert(1, head[:4])
                    else:
                        lines[-1] = f"{head[:4]} {lines[-1]}"
                    lines.append(head[4:])
            self.lines += lines
            if key in outcome_keys:
                position += 1
                if position in marks:
                    self.lines.append(marks[position])

    def do_t4(self, block):
        self.lines += ["行政复议 行政诉讼", "未经复议直接起诉 复议后起诉", "结果 结果 其他结 尚未", "总计",
                       "结 果 结果 其他 尚未 结果 结果 其他 尚未审", "维持 纠正 果 审结", "总计 总计",
                       "维持 纠正 结果 审结 维持 纠正 结果 结", " ".join(str(v) for v in block.data)]


class PipeRenderer(Renderer):
    """corpus/2025_suqian_shuyangxian.txt: markdown headings and pipe tables."""

    def __init__(self, rng, report):
        super().__init__(rng, report)
        self.grouped = rng.random() < 0.5  # one pipe table per group of table 3 (suqian) or one flat table

    def table(self, header, rows):
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "---|" * len(header))
        for row in rows:
            self.lines.append("| " + " | ".join(row) + " |")
        self.lines.append("")

    def do_title(self, block):
        year = self.report.year
        self.lines += [f"# {self.report.agency.name} {year} 年 政府信息公开工作年度报告", ""]

    def do_byline(self, block):
        self.lines.append(block.text)
        if block.text.startswith("("):
            self.lines.append("")

    def do_heading(self, block):
        self.lines += [f"## {block.text}", ""]

    def do_sub(self, block):
        self.lines.append(f"### {block.text}")

    def do_para(self, block):
        text = block.text
        if len(text) > 120 and self.rng.random() < 0.25:
            cut = self.rng.randint(30, 80)  # a line broken inside a sentence (suqian l.15–17)
            while cut < len(text) and (text[cut] in _NO_LINE_START or _ASCII_RUN.match(text[cut])):
                cut += 1
            self.lines += [text[:cut], "", text[cut:], ""]
        else:
            self.lines += [text, ""]

    def do_sign(self, block):
        self.lines.append(block.text)

    def do_t2(self, block):
        for numeral, columns, rows in block.data:
            self.lines.append(f"### 第二十条第（{numeral}）项")
            self.table(["信息内容"] + columns, [[label] + [cell(v) for v in values] for label, values in rows])

    def do_t3(self, block):
        t3 = block.data
        note = NOTE.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")
        self.lines += [note, ""]
        if not self.grouped:
            header = ["项目", "", ""] + T3_COLUMNS
            rows = []
            for key, values in t3.items():
                group = key.split(".")[0] if "." in key else None
                if key in ("new", "carried", "forward"):
                    rows.append([T3_LABELS[key], "", ""] + [cell(v) for v in values])
                elif group:
                    rows.append(["三、本年度办理结果", T3_GROUPS[group], T3_LABELS[key]] + [cell(v) for v in values])
                else:
                    rows.append(["三、本年度办理结果", T3_LABELS[key], ""] + [cell(v) for v in values])
            self.table(header, rows)
            return
        header = ["类别", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        pending = []
        current = None
        for key, values in t3.items():
            group = key.split(".")[0] if "." in key else key
            title = {"new": T3_LABELS["new"], "carried": T3_LABELS["carried"], "granted": "(一) 予以公开",
                     "partial": "(二) 部分公开", "total": "(七) 总计", "forward": T3_LABELS["forward"],
                     "other": "(六) 其他处理"}.get(group) or halfwidth_labels(T3_GROUPS[group])
            if title != current:
                if pending:
                    self.table(header, pending)
                if key == "granted":
                    self.lines += ["### 三、本年度办理结果", ""]
                self.lines.append(f"### {title}")
                current, pending = title, []
            label = T3_LABELS[key].replace(".", ". ", 1) if "." in key else T3_LABELS[key]
            pending.append([label] + [cell(v) for v in values])
        self.table(header, pending)

    def do_t4(self, block):
        values = [str(v) for v in block.data]
        if self.grouped:
            for number, title in enumerate(["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]):
                self.lines.append(f"### {title}")
                self.table(T4_COLUMNS, [values[number * 5:number * 5 + 5]])
            return
        review, direct, after_review = T4_GROUPS
        self.table([review] + [""] * 4 + ["行政诉讼"] + [""] * 9,
                   [[""] * 5 + [direct] + [""] * 4 + [after_review] + [""] * 4,
                    T4_COLUMNS * 3, values])


RENDERERS = {"tab": TabRenderer, "space": SpaceRenderer, "pipe": PipeRenderer}


# ---------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------

def choose_year(rng: random.Random) -> int:
    years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]
    weights = [1, 1, 1.5, 2, 7, 8, 11, 12, 13, 13, 12]
    return rng.choices(years, weights)[0]


def make_report(seed: int, index: int, defect_rate: float = 0.2) -> Report:
    rng = random.Random(f"{seed}:{index}")
    agency = make_agency(rng)
    year = choose_year(rng)
    fmt = "2008" if year <= 2018 else "2019-trial" if year <= 2020 else "2021"
    layout = rng.choices(["tab", "space", "pipe"], [45, 35, 20])[0]
    report = Report(index, agency, year, fmt, layout)
    fee_notices = fmt == "2021" and rng.random() < 0.15
    report.table3 = make_table3(rng, agency, "2021" if fmt == "2008" else fmt, fee_notices)
    if fee_notices and report.table3["new"][6] + report.table3["carried"][6] > 0:
        report.fee_yuan = rng.choice([100, 200, 300, 380, 600, 1200, 3940])
    report.table4 = make_table4(rng, report.table3)
    report.table2 = make_table2(rng, agency, fmt) if fmt != "2008" else []

    parts = {}
    if rng.random() < defect_rate:
        report.defect = choose_defect(rng, report)
    if report.defect in DEFECTS_TABLES:
        report.expect = DEFECTS_TABLES[report.defect](rng, report)
    elif report.defect in DEFECTS_TEXT:
        override, report.expect = DEFECTS_TEXT[report.defect]
        parts.update(override)
        if report.defect == "period_year":
            parts["period_year"] = year - 1
        if report.defect == "wrong_issuer":
            right = NOTICE_2021 if fmt == "2021" else NOTICE_2019
            parts["notice"] = right.replace("国办公开办函", rng.choice(["国办公开函", "国办函", "国办公开办发"]))
        if report.defect == "no_fee_statement" and fmt == "2008":
            report.expect = ["GL102"]
    report.blocks = build_blocks(rng, report, parts)
    if report.defect in DEFECTS_BLOCKS:
        report.expect = apply_block_defect(rng, report, report.defect)
    return report


def slug(report: Report) -> str:
    return f"{report.index:04d}_{report.year}_{report.layout}"


def render(report: Report, seed: int) -> str:
    rng = random.Random(f"{seed}:{report.index}:layout")
    return RENDERERS[report.layout](rng, report).render()


def generate_corpus(out_dir: str, n: int = 500, seed: int = 20240601, defect_rate: float = 0.2) -> list:
    """Write ``n`` reports and ``manifest.json`` into ``out_dir``; return the manifest entries."""
    os.makedirs(out_dir, exist_ok=True)
    manifest = []
    for index in range(n):
        report = make_report(seed, index, defect_rate)
        text = render(report, seed)
        name = f"{slug(report)}.txt"
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        manifest.append({"file": name, "agency": report.agency.name, "kind": report.agency.kind,
                         "year": report.year, "format": report.fmt, "layout": report.layout,
                         "bytes": len(text.encode("utf-8")), "defect": report.defect, "expect": report.expect})
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    return manifest


def write_rich(out_dir: str, n: int, seed: int) -> int:
    """``--rich``: n clean reports whose prose restates the tables (benchmarks/prose.py, issue 10)."""
    import prose  # the rich prose builds on this module: imported only when asked for

    os.makedirs(out_dir, exist_ok=True)
    for index in range(n):
        rich = prose.make_rich_report(seed, index)
        name = f"{slug(rich.report)}_rich.txt"
        with open(os.path.join(out_dir, name), "w", encoding="utf-8", newline="\n") as handle:
            handle.write(rich.render())
    print(f"wrote {n} rich reports to {out_dir}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="directory to write the reports into (created if needed)")
    parser.add_argument("-n", type=int, default=500, help="number of reports (default 500)")
    parser.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    parser.add_argument("--defect-rate", type=float, default=0.2, help="share of reports with one defect (default 0.2)")
    parser.add_argument("--rich", action="store_true",
                        help="write clean reports with rich prose instead (benchmarks/prose.py; no defects)")
    args = parser.parse_args(argv)
    if args.rich:
        return write_rich(args.out_dir, args.n, args.seed)
    manifest = generate_corpus(args.out_dir, args.n, args.seed, args.defect_rate)
    defective = sum(1 for entry in manifest if entry["defect"])
    size = sum(entry["bytes"] for entry in manifest)
    print(f"wrote {len(manifest)} reports ({defective} with a defect, {size / 1024:.0f} KiB) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
