"""Inline structure of prose: document numbers, cited titles, the statistical
period, and contact details (phone, postcode, e-mail, address, URL).

These are the leaves of the document tree below the sentence.  They are found
once per document, on prose with PDF-inserted spaces removed (``2021 年`` →
``2021年``), and every entity keeps its span in the user's text.
"""
from __future__ import annotations

import re

from govlint.grammar.shapes import (
    BRACKET_YEAR,
    DOCNO,
    HEADING_END_WORDS,
    NOTICE_CLOSE_BRACKETS,
    NOTICE_CODE_PATTERN,
    NOTICE_ISSUER,
    NOTICE_OPEN_BRACKETS,
    PERIOD_YEAR,
    URL,
    char_class,
    is_han,
    written_forms,
)
from govlint.model import Entities, Entity
from govlint.source import Span

# The notice issuer's code run straight into digits (国办公开办函201960号 …): a corrupt document
# number, unless the digits are followed by a well-formed "〕60号" (``_numbered_tail()``, checked in
# code: as a lookahead its overlapping runs of digits and spaces made matching cubic in their length).
CORRUPT_NOTICE = re.compile(NOTICE_CODE_PATTERN + r"\s*(?:%s\s*)?\d{3,}(?!\d)" % char_class(NOTICE_OPEN_BRACKETS))
_TAIL_CLOSERS = frozenset(NOTICE_CLOSE_BRACKETS)
# A cheap test before CORRUPT_NOTICE: the start of the code it needs, 国办公开 in either writing
# (国辦公開 …).  办 and 公开 alone are in most paragraphs of a disclosure report.
_NOTICE_CODE_START = re.compile("|".join(guo + ban + gongkai for guo in written_forms("国")
                                         for ban in written_forms("办") for gongkai in written_forms("公开")))
FORMAT_TITLE = re.compile(r"政府信息公开工作年度报告格式\s*(?P<trial>[(（]\s*试行\s*[)）])?|"
                          r"政府信息公开工作年度报告有关事项的通知")
PERIOD = re.compile(
    r"(?:统计|所列数据|报告期)[^。]{0,12}?(?P<y1>%s)年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"[^。\d]{0,6}?(?:至|到|-|~)(?:(?P<y2>%s)年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日" % (PERIOD_YEAR, PERIOD_YEAR))
PHONE_LABEL = re.compile(r"(?P<label>联系电话|咨询电话|办公电话|电话|热线|传真)\s*(?:号码)?\s*[:：为是]?\s*"
                         r"(?P<number>[0-9(（][0-9()（）\-－—\s]{3,24}[0-9])?")
# Every alternative starts with a digit: the leading lookahead rejects the other positions before
# the lookbehind is tried there (as MALFORMED_URL below; ~1.8× faster).
PHONE = re.compile(r"(?=\d)(?<![\d.])(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|\d{3,4}-\d{7,8})(?![\d.])")
POSTCODE = re.compile(r"邮(?:政)?编(?:码)?\s*(?:[:：]\s*)?(?P<code>\d+)")
# The local part starts where a run of its characters starts: tried from every character of
# a long run (a.a.a.… with no domain after the @), matching was quadratic.
# The leading lookahead: the lookbehind only where the local part can start.
EMAIL = re.compile(r"(?=[A-Za-z0-9._%+-])(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# The leading lookahead: the optional prefix left no first character to skip to (~2× faster).
ADDRESS = re.compile(r"(?=[联通办地])(?:联系|通讯|办公)?地址\s*[:：]")
_ELEVEN_DIGITS = re.compile(r"1[3-9]\d{9}")
# A web address written wrongly (the download address of the preamble, domain.md §3.1): the scheme
# without its colon or a slash (http//…, http:/…, http;//…), or a space inside the address
# (www .nxzw.gov.cn, www. nxzw.gov.cn, http://www.nxzw .gov.cn).  Each alternative names its reason.
# Every alternative starts with h or w: the leading lookahead rejects the other positions at
# once, before the lookbehinds and alternatives are tried there (twice as fast on long paragraphs).
_HOST_CHARS = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
MALFORMED_URL = re.compile(
    r"(?=[hw])(?:(?P<scheme>(?<![A-Za-z])https?(?!://)\s*[:;]?\s*/+" + _HOST_CHARS + r")"
    r"|(?P<space>(?<![A-Za-z])(?:https?://)?www(?:\s+\.?|\.\s+)\s*" + _HOST_CHARS + r"\.[A-Za-z]{2,}"
    r"|(?:https?://|www\.)" + _HOST_CHARS + r"(?:\s+\.|\.\s+)[a-z]{2,}(?:\.[A-Za-z0-9-]+)*))")

# The preamble's list of the report's parts (domain.md §3.1, X-14): "本报告由总体情况、…和其他需要报告的
# 事项组成", "全文包括…", "报告主要包括：…".  Its items are cut after the words a heading ends with
# (情况, 事项 …) and a separator: "收到和处理…情况" and "行政复议、行政诉讼情况" stay whole.
PART_LIST = re.compile(r"(?:报告|全文)[^。，,]{0,8}?(?:由|包括|包含|分为)\s*[:：]?\s*(?P<list>[^。]{8,400}?)"
                       r"(?:等)?(?:[六6]个?部分)?(?:组成)?(?=。|$)")
PART_SEPARATOR = re.compile(r"(?<=%s)\s*(?:、|，|,|以及|和|及|与)\s*" % "|".join(HEADING_END_WORDS))
MIN_PARTS = 3  # fewer items after the cue: not a list of the report's parts

# Every word scan_paragraph() tests for with ``in`` (keep in step with it): most paragraphs hold
# none, and one search for all of them is ~2× faster than a dozen ``in`` tests that fail.
_CUE = re.compile("|".join(("年度报告", "统计", "所列数据", "报告期", "电话", "热线", "传真", "邮", "@", "地址",
                            "http", "www")))


def _issuer_before(text: str, end: int) -> tuple[str, int]:
    """The run of CJK characters before ``end`` that names the issuer, and where it starts."""
    start = end
    while start > 0 and end - start < 14 and is_han(text[start - 1]):
        start -= 1
    run = text[start:end]
    family = None
    for family in NOTICE_ISSUER.finditer(run):
        pass
    if family is not None:
        return run[family.start():], start + family.start()
    # Keep the tail that looks like an issuer code: at most 8 characters.
    if len(run) > 8:
        return run[-8:], end - 8
    return run, start


def _numbered_tail(text: str, at: int) -> bool:
    """Does ``[〕…digits]* \\s* 第? \\s* digits \\s* 号`` follow ``at``?  Each piece is taken
    greedily: the pieces' characters differ, so greed never misses a way to match."""
    end = len(text)
    while at < end and (text[at] in _TAIL_CLOSERS or text[at].isdecimal()):
        at += 1
    at = _skip_space(text, at)
    if at < end and text[at] == "第":
        at = _skip_space(text, at + 1)
    while at < end and text[at].isdecimal():
        at += 1
    at = _skip_space(text, at)
    return at < end and text[at] == "号"


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def scan_paragraph(paragraph, found: Entities) -> None:
    text = paragraph.squeezed.text
    span = paragraph.squeezed_spans()  # every entity is one character or more

    def entity(kind, start, end, groups=None):
        return Entity(kind, span(start, end), text[start:end], groups or {})

    # Cheap substring tests first: most paragraphs hold none of these entities.
    cued = _CUE.search(text) is not None  # one scan for the words the tests below look for
    if BRACKET_YEAR.search(text) is not None:
        for match in DOCNO.finditer(text):
            issuer, issuer_start = _issuer_before(text, match.start())
            if not issuer and not match.group("hao"):
                continue  # "(2021)" alone is a year in brackets, not a document number
            if not match.group("hao") and not match.group("close"):
                continue
            groups = dict(match.groupdict())
            groups["issuer"] = issuer
            item = entity("docno", issuer_start, match.end(), groups)
            item.groups["core_span"] = span(match.start(), match.end())
            item.groups["open_span"] = span(match.start("open"), match.end("open"))
            found.docnos.append(item)
            if NOTICE_ISSUER.search(issuer):
                found.notices.append(item)
    if _NOTICE_CODE_START.search(text) is not None:
        for match in CORRUPT_NOTICE.finditer(text):
            if not _numbered_tail(text, match.end()):
                found.corrupt_notices.append(entity("corrupt_notice", match.start(), match.end()))
    if cued and "年度报告" in text:
        for match in FORMAT_TITLE.finditer(text):
            found.format_titles.append(entity("format_title", match.start(), match.end(),
                                              {"trial": bool(match.group("trial")),
                                               "notice": "有关事项" in match.group()}))
    if cued and ("统计" in text or "所列数据" in text or "报告期" in text):
        for match in PERIOD.finditer(text):
            found.periods.append(entity("period", match.start(), match.end(), match.groupdict()))
    phone_spans = []
    if cued and ("电话" in text or "热线" in text or "传真" in text):
        for match in PHONE_LABEL.finditer(text):
            number = match.group("number")
            if number and match.group("label") != "传真":
                found.phones.append(entity("phone", match.start("number"), match.end("number"),
                                           {"label": match.group("label"), "number": number}))
                phone_spans.append((match.start("number"), match.end("number")))
    if "-" in text or _ELEVEN_DIGITS.search(text):
        for match in PHONE.finditer(text):
            if any(start <= match.start() < end for start, end in phone_spans):
                continue
            if text.startswith("年", match.end()):
                continue
            found.phones.append(entity("phone", match.start(), match.end(), {"label": None, "number": match.group()}))
    if cued and "邮" in text:
        for match in POSTCODE.finditer(text):
            found.postcodes.append(entity("postcode", match.start(), match.end(), {"code": match.group("code")}))
    if cued and "@" in text:
        for match in EMAIL.finditer(text):
            found.emails.append(entity("email", match.start(), match.end()))
    if cued and "地址" in text:
        for match in ADDRESS.finditer(text):
            found.addresses.append(entity("address", match.start(), match.end()))
    if cued and ("http" in text or "www" in text):
        malformed = []
        for match in MALFORMED_URL.finditer(text):
            malformed.append((match.start(), match.end()))
            found.malformed_urls.append(entity("malformed_url", match.start(), match.end(),
                                               {"reason": match.lastgroup}))
        for match in URL.finditer(text):
            if any(start <= match.start() < end for start, end in malformed):
                continue  # a piece of a malformed address is not an address
            found.urls.append(entity("url", match.start(), match.end()))


def scan_parts(paragraph, found: Entities) -> None:
    """The preamble's list of the report's parts: one entity, its items (text, Span) in groups."""
    text = paragraph.squeezed.text
    if "报告" not in text and "全文" not in text:
        return
    if "由" not in text and "包" not in text and "分为" not in text:
        return  # no cue of a list: 由, 包括, 包含, 分为
    for match in PART_LIST.finditer(text):
        items, start = [], match.start("list")
        for separator in PART_SEPARATOR.finditer(text, start, match.end("list")):
            items.append((text[start:separator.start()], paragraph.squeezed_span(start, separator.start())))
            start = separator.end()
        items.append((text[start:match.end("list")], paragraph.squeezed_span(start, match.end("list"))))
        if len(items) >= MIN_PARTS and all(item.endswith(HEADING_END_WORDS) for item, _span in items):
            found.part_lists.append(Entity("part_list", paragraph.squeezed_span(match.start("list"), match.end("list")),
                                           match.group("list"), {"items": items}))


def scan_document(doc) -> Entities:
    found = Entities()
    for paragraph in doc.paragraphs():
        scan_paragraph(paragraph, found)
    for paragraph in doc.preamble:
        scan_parts(paragraph, found)
    return found
